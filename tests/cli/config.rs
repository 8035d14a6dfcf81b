//! Where settings come from, and what is refused.

use serde_json::Value;

use crate::common::*;

fn show(cmd: &mut assert_cmd::Command) -> Value {
    run(cmd.args(["config", "show", "-o", "json"]))
        .expect(0)
        .json()["settings"]
        .clone()
}

const FILE: &str = r#"
zone = "us"
project = "fileProj"
output = "human"

[profiles.work]
zone = "eu"
project = "workProj"
"#;

#[test]
fn precedence_flag_env_profile_file_default() {
    let sb = Sandbox::new();
    let s = show(&mut sb.cmd());
    assert_eq!(s["zone"]["value"], "us");
    assert_eq!(s["zone"]["source"], "default");
    assert_eq!(s["project"]["value"], "(not set)");

    let file = sb.write_config(FILE, 0o600);
    let file = file.display().to_string();
    let s = show(&mut sb.cmd());
    assert_eq!(s["project"]["value"], "fileProj");
    assert_eq!(s["project"]["source"], file.as_str());

    let s = show(sb.cmd().args(["--profile", "work"]));
    assert_eq!(s["project"]["value"], "workProj");
    assert_eq!(s["project"]["source"], format!("profile work in {file}"));
    assert_eq!(s["zone"]["value"], "eu");
    assert_eq!(
        s["baseUrl"]["value"],
        "https://partner.eu.peaka.studio/api/v1"
    );

    let s = show(
        sb.cmd()
            .env("PEAKA_PROFILE", "work")
            .env("PEAKA_PROJECT", "envProj")
            .env("PEAKA_ZONE", "US"),
    );
    assert_eq!(s["profile"]["source"], "env PEAKA_PROFILE");
    assert_eq!(s["project"]["value"], "envProj");
    assert_eq!(s["project"]["source"], "env PEAKA_PROJECT");
    assert_eq!(s["zone"]["value"], "us");
    assert_eq!(s["baseUrl"]["value"], "https://partner.peaka.studio/api/v1");

    let s = show(
        sb.cmd()
            .env("PEAKA_ZONE", "us")
            .args(["--zone", "eu", "--profile", "work"]),
    );
    assert_eq!(s["zone"]["source"], "flag --zone");
    assert_eq!(s["zone"]["value"], "eu");
}

#[test]
fn project_env_names() {
    let sb = Sandbox::new();
    let s = show(sb.cmd().env("PEAKA_PROJECT_ID", "idProj"));
    assert_eq!(s["project"]["value"], "idProj");
    let s = show(
        sb.cmd()
            .env("PEAKA_PROJECT_ID", "idProj")
            .env("PEAKA_PROJECT", "mainProj"),
    );
    assert_eq!(s["project"]["value"], "mainProj");
}

#[test]
fn config_show_shows_only_the_keys_last_four() {
    let sb = Sandbox::new();
    let run = run(sb.cmd().env("PEAKA_API_KEY", KEY).args(["config", "show"])).expect(0);
    assert!(run.stdout.contains("***3a9c"), "{}", run.stdout);
    assert!(run.stdout.contains("env PEAKA_API_KEY"), "{}", run.stdout);
}

#[test]
fn key_sources_flag_file_stdin_env_config() {
    let sb = Sandbox::new();
    let key_file = sb.path().join("key");
    std::fs::write(&key_file, format!("  {KEY}\n")).unwrap();
    let s = show(
        sb.cmd()
            .args(["--api-key-file", key_file.to_str().unwrap()]),
    );
    assert_eq!(s["apiKey"]["value"], "***3a9c");
    let s = show(
        sb.cmd()
            .args(["--api-key-file", "-"])
            .write_stdin(format!("{KEY}\n")),
    );
    assert_eq!(s["apiKey"]["source"], "flag --api-key-file");
    sb.write_config("api_key_file = \"key\"\n", 0o644);
    let s = show(&mut sb.cmd());
    assert_eq!(s["apiKey"]["value"], "***3a9c");
    let s = show(sb.cmd().env("PEAKA_API_KEY", "other-key-0000"));
    assert_eq!(s["apiKey"]["value"], "***0000");
}

#[test]
fn api_key_flag_warns_unless_quiet() {
    let sb = Sandbox::new();
    let run = run(sb.cmd().args(["--api-key", KEY, "config", "show"])).expect(0);
    let warning: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("process list"))
        .collect();
    assert_eq!(warning.len(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("PEAKA_API_KEY") && run.stderr.contains("--api-key-file"));
    let run =
        crate::common::run(sb.cmd().args(["--api-key", KEY, "-q", "config", "show"])).expect(0);
    assert_eq!(run.stderr, "");
}

#[test]
fn readable_config_with_a_key_warns() {
    let sb = Sandbox::new();
    sb.write_config(&format!("api_key = \"{KEY}\"\n"), 0o644);
    let run = run(sb.cmd().args(["config", "show"])).expect(0);
    assert_eq!(
        run.stderr
            .lines()
            .filter(|l| l.contains("chmod 600"))
            .count(),
        1,
        "{}",
        run.stderr
    );
    sb.write_config(&format!("api_key = \"{KEY}\"\n"), 0o600);
    let run = crate::common::run(sb.cmd().args(["config", "show"])).expect(0);
    assert_eq!(run.stderr, "");
    sb.write_config("zone = \"eu\"\n", 0o644);
    let run = crate::common::run(sb.cmd().args(["config", "show"])).expect(0);
    assert_eq!(run.stderr, "", "no key in it, nothing to warn of");
}

#[test]
fn config_errors_exit_3() {
    let sb = Sandbox::new();
    let missing = sb.path().join("nope.toml");
    let run = run(sb
        .cmd()
        .args(["--config", missing.to_str().unwrap(), "config", "show"]))
    .expect(3);
    assert!(run.stderr.contains("nope.toml"), "{}", run.stderr);

    let file = sb.write_config(&format!("zone = \"us\"\napi_key = \"{KEY}\" oops\n"), 0o600);
    let run = crate::common::run(sb.cmd().args(["config", "show"])).expect(3);
    assert!(
        run.stderr.contains(file.to_str().unwrap()) && run.stderr.contains("line 2, column"),
        "{}",
        run.stderr
    );

    sb.write_config("zone = \"us\"\ncolour = \"red\"\n", 0o600);
    let run = crate::common::run(sb.cmd().args(["config", "show"])).expect(3);
    assert!(
        run.stderr.contains("colour") && run.stderr.contains(file.to_str().unwrap()),
        "{}",
        run.stderr
    );

    sb.write_config(FILE, 0o600);
    let run = crate::common::run(sb.cmd().args(["--profile", "play", "config", "show"])).expect(3);
    assert!(
        run.stderr.contains("play") && run.stderr.contains("work"),
        "{}",
        run.stderr
    );

    let run = crate::common::run(sb.cmd().args(["--zone", "mars", "config", "show"])).expect(3);
    assert!(
        run.stderr.contains("mars") && run.stderr.contains("us, eu"),
        "{}",
        run.stderr
    );

    let run = crate::common::run(sb.cmd().args([
        "--base-url",
        "http://example.com/api/v1",
        "config",
        "show",
    ]))
    .expect(3);
    assert!(run.stderr.contains("insecure"), "{}", run.stderr);
}

#[test]
fn a_missing_key_or_a_bad_key_exits_3_before_any_request() {
    let sb = Sandbox::new();
    let mut cmd = sb.cmd();
    cmd.args([
        "--base-url",
        "http://127.0.0.1:9/api/v1",
        "cache",
        "cancel-full-refresh",
        "-p",
        PROJECT,
        "-c",
        CACHE,
        "-o",
        "json",
    ]);
    let doc = run(&mut cmd).expect(3).json();
    assert_eq!(doc["error"]["kind"], "config");
    for bad in ["two words", "", "tab\there", "x\r\nX-Injected: 1"] {
        let mut cmd = sb.cmd();
        cmd.env("PEAKA_API_KEY", bad).args([
            "--base-url",
            "http://127.0.0.1:9/api/v1",
            "cache",
            "cancel-full-refresh",
            "-p",
            PROJECT,
            "-c",
            CACHE,
        ]);
        let run = run(&mut cmd).expect(3);
        for word in bad.split_whitespace() {
            assert!(!run.stderr.contains(word), "{}", run.stderr);
        }
    }
}

#[test]
fn config_path_default_env_and_flag() {
    let sb = Sandbox::new();
    let mut cmd = sb.cmd();
    cmd.env_remove("PEAKA_CONFIG").args(["config", "path"]);
    let run = run(&mut cmd).expect(0);
    assert_eq!(
        run.stdout.trim(),
        sb.path().join("xdg/peaka/config.toml").to_str().unwrap()
    );
    let run = crate::common::run(sb.cmd().args(["config", "path"])).expect(0);
    assert_eq!(run.stdout.trim(), sb.config_path().to_str().unwrap());
    let run =
        crate::common::run(sb.cmd().args(["--config", "/x/y.toml", "config", "path"])).expect(0);
    assert_eq!(run.stdout.trim(), "/x/y.toml");
}

#[test]
fn the_default_config_file_is_read() {
    let sb = Sandbox::new();
    let dir = sb.path().join("xdg/peaka");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "project = \"xdgProj\"\n").unwrap();
    let mut cmd = sb.cmd();
    cmd.env_remove("PEAKA_CONFIG");
    assert_eq!(show(&mut cmd)["project"]["value"], "xdgProj");
}

#[test]
fn the_example_config_loads() {
    let sb = Sandbox::new();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.toml");
    let copy = sb.path().join("example.toml");
    std::fs::copy(example, &copy).unwrap();
    set_mode(&copy, 0o600);
    let copy = copy.to_str().unwrap();
    let s = show(sb.cmd().args(["--config", copy]));
    assert_eq!(s["configFile"]["value"], copy);
    let text = std::fs::read_to_string(example).unwrap();
    for profile in text.lines().filter_map(|l| l.strip_prefix("[profiles.")) {
        let name = profile.trim_end_matches(']');
        show(sb.cmd().args(["--config", copy, "--profile", name]));
    }
    // The keys the config file takes, as peaka itself lists them.
    let odd = sb.write_config("no_such_key = 1\n", 0o600);
    let refused = run(sb
        .cmd()
        .args(["--config", odd.to_str().unwrap(), "config", "show"]))
    .expect(3);
    let (_, expected) = refused.stderr.split_once("expected one of ").unwrap();
    let keys: Vec<&str> = expected
        .trim()
        .split(", ")
        .map(|k| k.trim_matches('`'))
        .collect();
    assert!(keys.contains(&"ca_cert"), "{keys:?}");
    for key in keys {
        assert!(
            text.contains(&format!("{key} =")),
            "the example documents {key}"
        );
    }
}

/// `config path` says where the file is, in the format of the flags and
/// the environment: the file's own `output` does not turn it into JSON, so
/// that `"$(peaka config path)"` works whatever the file says.
#[test]
fn config_path_ignores_the_files_output() {
    let sb = Sandbox::new();
    std::fs::write(sb.config_path(), "output = \"json\"\n").unwrap();
    let run = run(sb.cmd().args(["config", "path"])).expect(0);
    assert_eq!(run.stdout, format!("{}\n", sb.config_path().display()));
    let run = crate::common::run(sb.cmd().args(["config", "path", "-o", "json"])).expect(0);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["exists"], true);
}

/// A failure before the settings resolve names no project, even one given
/// as a flag (the settings never said which project it was).
#[test]
fn auth_status_failing_before_its_settings_names_no_project() {
    let sb = Sandbox::new();
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_ZONE", "mars")
        .args(["-o", "json", "auth", "status", "-p", "x"]);
    let run = run(&mut cmd).expect(3);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["projectId"], Value::Null);
}

#[test]
fn config_show_says_when_base_url_overrides_the_zone() {
    let sb = Sandbox::new();
    let base = ["--base-url", "http://127.0.0.1:9"];
    let s = show(sb.cmd().args(base));
    assert_eq!(s["zone"]["value"], "us");
    assert_eq!(s["zone"]["overriddenBy"], "baseUrl");
    let run = run(sb.cmd().args(base).args(["config", "show"])).expect(0);
    let zone = run.stdout.lines().find(|l| l.contains("zone")).unwrap();
    assert!(
        zone.ends_with("(default; overridden by base_url)"),
        "{zone}"
    );
    // A zone on the command line outranks a base URL in the environment.
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_BASE_URL", "http://127.0.0.1:9")
        .args(["--zone", "eu"]);
    let s = show(&mut cmd);
    assert!(s["zone"].get("overriddenBy").is_none(), "{s}");
    assert!(show(&mut sb.cmd())["zone"].get("overriddenBy").is_none());
    let run = crate::common::run(sb.cmd().args(["config", "show"])).expect(0);
    assert!(!run.stdout.contains("overridden"), "{}", run.stdout);
}

#[test]
fn config_path_says_on_stderr_whether_the_file_exists() {
    let sb = Sandbox::new();
    let path = format!("{}\n", sb.config_path().display());
    let run = run(sb.cmd().args(["config", "path"])).expect(0);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str()),
        (path.as_str(), "(does not exist)\n")
    );
    sb.write_config("", 0o600);
    let run = crate::common::run(sb.cmd().args(["config", "path"])).expect(0);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str()),
        (path.as_str(), "(exists)\n")
    );
    let run = crate::common::run(sb.cmd().args(["config", "path", "-q"])).expect(0);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str()),
        (path.as_str(), "")
    );
    let run = crate::common::run(sb.cmd().args(["config", "path", "-o", "json"])).expect(0);
    assert_eq!(run.json()["exists"], true);
}
