//! The output contract for every failure however the format was chosen,
//! inputs checked before anything is read or sent, and where the URL comes
//! from.

use std::time::{Duration, Instant};

use crate::common::*;

const NOWHERE: &str = "http://127.0.0.1:9/api/v1";

#[test]
fn json_is_honoured_for_usage_errors_however_it_was_chosen() {
    let sb = Sandbox::new();
    let missing_cache = ["cache", "cancel-full-refresh", "-p", PROJECT];
    let json_env = [("PEAKA_OUTPUT", "json")];
    for (flags, envs) in [
        (&["-qo", "json"][..], &[][..]),
        (&["-ojson"], &[]),
        (&["--output=json"], &[]),
        (&[], &json_env),
    ] {
        let mut cmd = sb.cmd();
        cmd.envs(envs.iter().copied())
            .args(missing_cache)
            .args(flags);
        let run = run(&mut cmd).expect(2);
        let doc = run.json();
        assert_eq!(doc["error"]["kind"], "usage", "{flags:?}");
        assert_eq!(doc["action"], "cancel-full-refresh");
        assert_eq!(doc["cancelSent"], false);
        assert_eq!(doc["exitCode"], 2);
        let message = doc["error"]["message"].as_str().unwrap();
        assert!(message.contains("--cache <CACHE>"), "{message}");
        assert!(!message.contains("Usage:"), "{message}");
        assert_eq!(run.stderr, "", "{flags:?}");
    }
}

#[test]
fn json_from_the_config_file_or_profile_is_honoured_for_early_failures() {
    let sb = Sandbox::new();
    sb.write_config("output = \"json\"\n", 0o600);
    let doc = run(sb.cmd().args(["cache", "status", "-p", PROJECT, "--bogus"]))
        .expect(2)
        .json();
    assert_eq!(
        (doc["action"].as_str(), doc["error"]["kind"].as_str()),
        (Some("status"), Some("usage"))
    );

    sb.write_config("[profiles.ci]\noutput = \"json\"\n", 0o600);
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_PROFILE", "ci")
        .env("PEAKA_ZONE", "mars")
        .args(CANCEL);
    let doc = run(&mut cmd).expect(3).json();
    assert_eq!(doc["error"]["kind"], "config");
    assert!(doc["error"]["message"].as_str().unwrap().contains("mars"));
}

#[test]
fn a_json_usage_error_keeps_clap_s_tip_as_the_hint() {
    let run = run(Sandbox::new()
        .cmd()
        .args(CANCEL)
        .args(["--wiat", "-o", "json"]))
    .expect(2);
    let doc = run.json();
    assert!(doc["error"]["message"].as_str().unwrap().contains("--wiat"));
    assert!(
        doc["error"]["hint"].as_str().unwrap().contains("--wait"),
        "{doc}"
    );
}

#[test]
fn flags_are_checked_when_parsed_before_any_config_is_read() {
    let sb = Sandbox::new();
    // A config file that would fail (exit 3) if it were read.
    sb.write_config("nonsense = true\n", 0o600);
    for bad in [
        &["--wait", "--interval", "50ms"][..],
        &["--wait", "--timeout", "0s"],
        &["--wait", "--timeout", "8d"],
        &["--request-timeout", "5000000000000000h"],
        &["--request-timeout", "0ms"],
        &["--retries", "1000"],
        &["--retries", "-1"],
    ] {
        let run = run(sb.cmd().args(CANCEL).args(bad)).expect(2);
        assert!(run.stderr.starts_with("error: "), "{bad:?}: {}", run.stderr);
    }
}

#[cfg(unix)]
#[test]
fn key_and_config_files_must_be_small_regular_files() {
    let sb = Sandbox::new();
    let fifo = sb.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    let dir = sb.path().to_str().unwrap();
    for path in [fifo, "/dev/zero", dir] {
        let started = Instant::now();
        let mut cmd = sb.cmd();
        cmd.args(["--base-url", NOWHERE, "--api-key-file", path])
            .args(CANCEL);
        let run = run(&mut cmd).expect(3);
        assert!(started.elapsed() < Duration::from_secs(5));
        assert!(
            run.stderr.contains("cannot read API key file"),
            "{}",
            run.stderr
        );
    }
    let big = sb.path().join("big-key");
    std::fs::write(&big, "k".repeat(70_000)).unwrap();
    let mut cmd = sb.cmd();
    cmd.args([
        "--base-url",
        NOWHERE,
        "--api-key-file",
        big.to_str().unwrap(),
    ])
    .args(CANCEL);
    assert!(run(&mut cmd).expect(3).stderr.contains("64 KiB"));

    for path in [fifo, "/dev/zero"] {
        let mut cmd = sb.cmd();
        cmd.env("PEAKA_API_KEY", KEY)
            .env("PEAKA_CONFIG", path)
            .args(CANCEL);
        let run = run(&mut cmd).expect(3);
        assert!(
            run.stderr.contains("cannot read config file"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_key_with_invisible_characters_is_refused_unseen() {
    for key in [
        "\u{feff}pk_live_HIDDENKEY1",
        "pk_live_\u{200b}HIDDENKEY1",
        "pk_live_HIDDENKÉY1",
    ] {
        let sb = Sandbox::new();
        let mut cmd = sb.cmd();
        cmd.env("PEAKA_API_KEY", key)
            .args(["--base-url", NOWHERE])
            .args(CANCEL);
        let run = run(&mut cmd).expect(3);
        assert!(run.stderr.contains("not printable ASCII"), "{}", run.stderr);
        assert!(!run.stderr.contains("HIDDEN"), "{}", run.stderr);
    }
}

#[test]
fn a_base_url_is_never_echoed_with_userinfo_or_query() {
    for url in [
        "https://user:hunter2pw@[::1/api?token=qsecret",
        "https://user:hunter2pw@example.com/api",
        "https://example.com/api?token=qsecret",
        "http://user:hunter2pw@example.com/api",
    ] {
        let sb = Sandbox::new();
        let run = run(sb.api(url).args(CANCEL)).expect(3);
        assert!(
            !run.stderr.contains("hunter2") && !run.stderr.contains("qsecret"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("base URL"), "{}", run.stderr);
    }
}

#[test]
fn the_zone_on_the_command_line_beats_a_base_url_in_the_file() {
    let sb = Sandbox::new();
    sb.write_config("base_url = \"https://private.example/api/v1\"\n", 0o600);
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_API_KEY", KEY)
        .args(["--zone", "eu", "--dry-run", "-o", "json"])
        .args(CANCEL);
    let doc = run(&mut cmd).expect(0).json();
    let url = doc["request"]["url"].as_str().unwrap();
    assert!(
        url.starts_with("https://partner.eu.peaka.studio/api/v1/"),
        "{url}"
    );
    assert_eq!(doc["settings"]["baseUrl"]["source"], "zone eu, flag --zone");

    let mut cmd = sb.cmd();
    cmd.env("PEAKA_API_KEY", KEY).args(["config", "show"]);
    let show = run(&mut cmd).expect(0);
    assert!(
        show.stdout.contains("https://private.example/api/v1"),
        "{}",
        show.stdout
    );
}
