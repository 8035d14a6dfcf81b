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
        text.ends_with("api_key_file = \"peaka-api-key\"\n"),
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
        "# top\nzone = \"us\"\n\n[profiles.ci]\napi_key_file = \"peaka-api-key-ci\"\n"
    );
    assert_eq!(sim.stats()["requests"], 0);
    let status =
        run(peaka(&sb, &sim).args(["--profile", "ci", "auth", "status", "-p", "demo"])).expect(0);
    assert!(status.stdout.contains("profile ci"), "{}", status.stdout);
}
