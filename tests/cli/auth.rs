//! `auth login` → `auth status` → a cancel → `auth logout`, against the
//! simulator, with the key piped in.

use crate::common::*;
use crate::sim;

const CONFIG: &str = "# my settings\nzone = \"us\"  # kept\nproject = \"demo\"\n";

fn peaka(sb: &Sandbox, sim: &sim::Sim) -> assert_cmd::Command {
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_BASE_URL", &sim.base);
    cmd
}

#[test]
fn login_status_cancel_logout() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let config = sb.write_config(CONFIG, 0o644);
    let key_file = sb.path().join("peaka-api-key");

    let refused = run(peaka(&sb, &sim)
        .args(["auth", "login"])
        .write_stdin("not-the-key\n"))
    .expect(4);
    assert!(
        refused.stderr.contains("nothing was saved"),
        "{}",
        refused.stderr
    );
    assert!(!key_file.exists());
    assert_eq!(std::fs::read_to_string(&config).unwrap(), CONFIG);

    let login = run(peaka(&sb, &sim)
        .args(["auth", "login", "-o", "json"])
        .write_stdin("sim-partner-key\n"))
    .expect(0)
    .json();
    assert_eq!(
        (login["action"].as_str(), login["accepted"].as_bool()),
        (Some("auth-login"), Some(true))
    );
    assert_eq!(login["key"], "***-key");
    assert_eq!(
        std::fs::read_to_string(&key_file).unwrap(),
        "sim-partner-key\n"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.starts_with(CONFIG), "the rest kept as it was:\n{text}");
    assert!(
        text.ends_with("api_key_file = \"peaka-api-key\" # set by peaka auth login\n"),
        "{text}"
    );

    let status = run(peaka(&sb, &sim).args(["auth", "status"])).expect(0);
    assert!(
        status.stdout.contains("***-key") && status.stdout.contains("accepts"),
        "{}",
        status.stdout
    );
    assert!(!status.stdout.contains("sim-partner"), "{}", status.stdout);
    run(peaka(&sb, &sim).args(["cache", "cancel-full-refresh", "-c", CACHE])).expect(0);

    run(peaka(&sb, &sim).args(["auth", "logout"])).expect(0);
    assert!(!key_file.exists());
    assert_eq!(std::fs::read_to_string(&config).unwrap(), CONFIG);
    let none = run(peaka(&sb, &sim).args(["auth", "status"])).expect(3);
    assert!(none.stderr.contains("peaka auth login"), "{}", none.stderr);
}

#[test]
fn login_into_a_profile_without_a_project_is_not_checked() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let config = sb.write_config("# top\nzone = \"us\"\n", 0o600);
    let login = run(peaka(&sb, &sim)
        .args(["--profile", "ci", "auth", "login", "-o", "json"])
        .write_stdin("sim-project-key"))
    .expect(0)
    .json();
    assert_eq!(login["accepted"], serde_json::Value::Null);
    let text = std::fs::read_to_string(&config).unwrap();
    assert_eq!(
        text,
        "# top\nzone = \"us\"\n\n[profiles.ci]\napi_key_file = \"peaka-api-key-ci\" # set by peaka auth login\n"
    );
    assert_eq!(sim.stats()["requests"], 0);
    let status =
        run(peaka(&sb, &sim).args(["--profile", "ci", "auth", "status", "-p", "demo"])).expect(0);
    let key_file = sb.path().join("peaka-api-key-ci");
    assert!(
        status.stdout.contains(&format!(
            "from key file {}, named by api_key_file in [profiles.ci] of",
            key_file.display()
        )),
        "{}",
        status.stdout
    );
}

/// `auth login` on a terminal (util-linux `script` gives one), acting on
/// it once the prompt shows: the exit code and what the terminal showed.
fn login_on_a_terminal(
    sb: &Sandbox,
    sim: &sim::Sim,
    act: impl FnOnce(&std::process::Child, &mut std::process::ChildStdin),
) -> (Option<i32>, String) {
    sb.write_config(CONFIG, 0o600);
    let args = format!("--base-url {} auth login", sim.base);
    let mut child = on_a_terminal(sb, &args, None);
    let mut stdout = child.stdout.take().unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 256];
        while let Ok(n) = std::io::Read::read(&mut stdout, &mut chunk) {
            if n == 0 || send.send(chunk[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut screen = String::new();
    let end = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !screen.contains("API key: ") {
        let chunk = receive
            .recv_timeout(end.saturating_duration_since(std::time::Instant::now()))
            .unwrap_or_else(|_| panic!("no prompt: {screen}"));
        screen.push_str(&String::from_utf8_lossy(&chunk));
    }
    let mut stdin = child.stdin.take().unwrap();
    act(&child, &mut stdin);
    // The terminal closes when the run ends; a run that waits on is a failure.
    loop {
        match receive.recv_timeout(end.saturating_duration_since(std::time::Instant::now())) {
            Ok(chunk) => screen.push_str(&String::from_utf8_lossy(&chunk)),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                let _ = child.kill();
                panic!("still running: {screen}");
            }
        }
    }
    let status = child.wait().unwrap();
    drop(stdin);
    (status.code(), screen)
}

fn typing(keys: &[u8]) -> impl FnOnce(&std::process::Child, &mut std::process::ChildStdin) + '_ {
    |_, stdin| std::io::Write::write_all(stdin, keys).unwrap()
}

/// The key is asked for and never echoed, even typed the moment the prompt
/// shows.
#[test]
fn on_a_terminal_the_key_is_read_without_echo() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let (code, screen) = login_on_a_terminal(&sb, &sim, typing(b"sim-partner-key\n"));
    assert_eq!(code, Some(0), "{screen}");
    assert!(screen.contains("Developer > Partner API Key"), "{screen}");
    assert!(!screen.contains("sim-partner-key"), "echoed: {screen}");
    assert_eq!(
        std::fs::read_to_string(sb.path().join("peaka-api-key")).unwrap(),
        "sim-partner-key\n"
    );
}

/// Ctrl-C at the prompt is an interruption (130), and nothing is saved.
#[test]
fn ctrl_c_at_the_prompt_saves_nothing() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let (code, screen) = login_on_a_terminal(&sb, &sim, typing(b"sim-partner\x03"));
    assert_eq!(code, Some(130), "{screen}");
    assert!(
        screen.contains("error: interrupted by SIGINT; nothing was saved"),
        "{screen}"
    );
    assert!(!screen.contains("sim-partner"), "echoed: {screen}");
    assert!(!sb.path().join("peaka-api-key").exists());
    assert_eq!(std::fs::read_to_string(sb.config_path()).unwrap(), CONFIG);
    assert_eq!(sim.stats()["requests"], 0);
}

/// SIGTERM while the prompt waits ends the run within a second (143), the
/// terminal's line closed and nothing saved.
#[test]
fn a_signal_at_the_prompt_ends_the_run() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let mut took = std::time::Duration::ZERO;
    let (code, screen) = login_on_a_terminal(&sb, &sim, |script, _| {
        let peaka = descendant(script.id(), "peaka").expect("peaka under script");
        send_signal(peaka, "TERM");
        let sent = std::time::Instant::now();
        while descendant(script.id(), "peaka").is_some() {
            assert!(
                sent.elapsed() < std::time::Duration::from_secs(5),
                "still running"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        took = sent.elapsed();
    });
    assert!(took < std::time::Duration::from_secs(1), "took {took:?}");
    assert_eq!(code, Some(143), "{screen}");
    assert!(
        screen.contains("API key: \r\nerror: interrupted by SIGTERM; nothing was saved"),
        "{screen:?}"
    );
    assert!(!sb.path().join("peaka-api-key").exists());
    assert_eq!(std::fs::read_to_string(sb.config_path()).unwrap(), CONFIG);
}

/// Logs in with `key` piped, into `profile` if given; no project, so no
/// request.
fn login(sb: &Sandbox, profile: Option<&str>, key: &str) -> Run {
    let mut cmd = sb.cmd();
    if let Some(profile) = profile {
        cmd.args(["--profile", profile]);
    }
    run(cmd.args(["auth", "login"]).write_stdin(key))
}

/// `dev.eu` and `dev_eu` were both `peaka-api-key-dev_eu`: each now has a
/// file of its own, even where names are compared without case.
#[test]
fn profiles_never_share_a_key_file() {
    let sb = Sandbox::new();
    sb.write_config("zone = \"us\"\n", 0o600);
    login(&sb, Some("dev.eu"), "first-key-AAAA").expect(0);
    login(&sb, Some("dev_eu"), "second-key-BBBB").expect(0);
    login(&sb, Some("Dev_EU"), "third-key-CCCC").expect(0);
    for (profile, file, key) in [
        ("dev.eu", "peaka-api-key-dev%2Eeu", "first-key-AAAA"),
        ("dev_eu", "peaka-api-key-dev_eu", "second-key-BBBB"),
        ("Dev_EU", "peaka-api-key-%44ev_%45%55", "third-key-CCCC"),
    ] {
        let text = std::fs::read_to_string(sb.path().join(file)).unwrap();
        assert_eq!(text, format!("{key}\n"), "{file}");
        let status = run(sb
            .cmd()
            .args(["--profile", profile, "auth", "status", "-o", "json"]))
        .expect(0)
        .json();
        assert_eq!(status["key"], format!("***{}", &key[key.len() - 4..]));
    }
}

/// A key file logout did not see login make is kept; the setting goes.
#[test]
fn logout_keeps_a_key_file_login_did_not_make() {
    let sb = Sandbox::new();
    let config = sb.write_config("zone = \"us\"\napi_key_file = \"my-own-key\"\n", 0o600);
    let mine = sb.path().join("my-own-key");
    std::fs::write(&mine, "my-own-secret-key\n").unwrap();
    let out = run(sb.cmd().args(["auth", "logout"])).expect(0);
    assert!(
        out.stdout.contains(&format!("kept {}", mine.display())),
        "{}",
        out.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&mine).unwrap(),
        "my-own-secret-key\n"
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "zone = \"us\"\n");

    std::fs::write(&config, "api_key_file = \"my-own-key\"\n").unwrap();
    let doc = run(sb.cmd().args(["auth", "logout", "-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(doc["keyFileRemoved"], false);
    assert!(mine.exists());
}

/// Login then logout of a profile leaves the config file as it was, the
/// profile's table included; a key still in PEAKA_API_KEY is named.
#[test]
fn logout_undoes_login_and_names_a_key_still_set() {
    let sb = Sandbox::new();
    let before = "# top\nzone = \"us\"  # kept\n";
    let config = sb.write_config(before, 0o600);
    login(&sb, Some("ci"), "the-ci-key-1234").expect(0);
    let key_file = sb.path().join("peaka-api-key-ci");
    assert!(key_file.exists());
    let out = run(sb
        .cmd()
        .env("PEAKA_API_KEY", KEY)
        .args(["--profile", "ci", "auth", "logout"]))
    .expect(0);
    assert!(
        out.stdout
            .contains("PEAKA_API_KEY is still set: that key still applies"),
        "{}",
        out.stdout
    );
    assert!(!key_file.exists());
    assert_eq!(std::fs::read_to_string(&config).unwrap(), before);

    login(&sb, None, "the-top-key-5678").expect(0);
    let doc = run(sb
        .cmd()
        .env("PEAKA_API_KEY", KEY)
        .args(["auth", "logout", "-o", "json"]))
    .expect(0)
    .json();
    assert_eq!(doc["keyFileRemoved"], true);
    assert_eq!(doc["source"], "env PEAKA_API_KEY");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), before);
}

/// `auth status` names where the key comes from, accepted or refused; a
/// refusal points to `peaka auth login` and says nothing of saving.
#[test]
fn status_names_the_source_of_the_key() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    sb.write_config(CONFIG, 0o600);
    let status = |cmd: &mut assert_cmd::Command, code| {
        let out = run(cmd
            .env("PEAKA_BASE_URL", &sim.base)
            .args(["auth", "status"]))
        .expect(code);
        format!("{}{}", out.stdout, out.stderr)
    };
    let env = status(sb.cmd().env("PEAKA_API_KEY", "sim-partner-key"), 0);
    assert!(
        env.contains("from env PEAKA_API_KEY; the API accepts"),
        "{env}"
    );
    let refused = status(sb.cmd().env("PEAKA_API_KEY", "not-the-key"), 4);
    assert!(
        refused.contains("hint: the API key came from env PEAKA_API_KEY")
            && refused.contains("peaka auth login")
            && !refused.contains("nothing was saved"),
        "{refused}"
    );
    let wrong = sb.path().join("wrong-key");
    std::fs::write(&wrong, "not-the-key\n").unwrap();
    let refused = status(sb.cmd().arg("--api-key-file").arg(&wrong), 4);
    let named = format!(
        "came from key file {} (flag --api-key-file)",
        wrong.display()
    );
    assert!(refused.contains(&named), "{refused}");

    run(peaka(&sb, &sim)
        .args(["auth", "login"])
        .write_stdin("sim-partner-key"))
    .expect(0);
    let saved = status(&mut sb.cmd(), 0);
    let key_file = sb.path().join("peaka-api-key");
    assert!(
        saved.contains(&format!("from key file {}", key_file.display())),
        "{saved}"
    );
    std::fs::write(&key_file, "not-the-key\n").unwrap();
    let refused = status(&mut sb.cmd(), 4);
    assert!(
        refused.contains(&format!("came from key file {}", key_file.display())),
        "{refused}"
    );
}

/// Each refusal of a bulk cancel, one per cache, names the key's source:
/// in the final JSON document, in each NDJSON line as it streams, and in
/// the hint after the summary for people.
#[test]
fn every_refusal_of_a_bulk_cancel_names_the_source_of_the_key() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let other = "5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    let cancel = |format: &str| {
        run(peaka(&sb, &sim).env("PEAKA_API_KEY", "not-the-key").args([
            "cache",
            "cancel-full-refresh",
            "-p",
            "demo",
            "-c",
            CACHE,
            "-c",
            other,
            "-o",
            format,
        ]))
    };
    let named = "came from env PEAKA_API_KEY";
    let doc = cancel("json").json();
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{doc}");
    for result in results {
        assert_eq!(result["error"]["kind"], "auth", "{result}");
        let hint = result["error"]["hint"].as_str().unwrap();
        assert!(hint.contains(named), "{hint}");
    }

    let lines = documents(&cancel("ndjson").stdout);
    let streamed: Vec<_> = lines.iter().filter(|d| d.get("error").is_some()).collect();
    assert_eq!(streamed.len(), 2, "{lines:?}");
    for line in streamed {
        assert_eq!(line["error"]["kind"], "auth", "{line}");
        let hint = line["error"]["hint"].as_str().unwrap();
        assert!(hint.contains(named), "{hint}");
    }

    let human = cancel("human");
    assert_eq!(
        human.stdout.matches("  auth  ").count(),
        2,
        "{}",
        human.stdout
    );
    assert!(
        human.stderr.contains(&format!("hint: the API key {named}")),
        "{}",
        human.stderr
    );
}
