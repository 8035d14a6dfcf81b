//! No crash, no odd exit code, no quadratic path: long values, a stderr
//! that cannot be written, thousands of unknown flags, odd bodies, `-q`.

use std::process::Stdio;
use std::time::{Duration, Instant};

use mockito::Matcher;

use crate::common::*;

#[test]
fn a_project_of_70000_characters_is_shown_not_a_crash() {
    let sb = Sandbox::new();
    let project = "p".repeat(70_000);
    let human = run(sb
        .cmd()
        .env("PEAKA_PROJECT", &project)
        .args(["config", "show"]))
    .expect(0);
    assert!(human.stdout.contains(&project));
    let doc = run(sb
        .cmd()
        .env("PEAKA_PROJECT", &project)
        .args(["config", "show", "-o", "json"]))
    .expect(0)
    .json();
    assert_eq!(
        doc["settings"]["project"]["value"].as_str(),
        Some(&*project)
    );
}

#[test]
fn a_base_url_over_65535_characters_with_dry_run_is_shown_not_a_crash() {
    let sb = Sandbox::new();
    let base = format!("http://127.0.0.1/{}", "a".repeat(70_000));
    for format in ["human", "json"] {
        let run = run(sb
            .api(&base)
            .args(["--dry-run", "-o", format])
            .args(["cache", "status", "-p", PROJECT, "-c", CACHE]))
        .expect(0);
        assert!(run.stdout.contains(&"a".repeat(70_000)), "{format}");
    }
}

#[test]
fn a_stderr_that_cannot_be_written_keeps_the_exit_code() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // Not Linux: nothing to try.
    };
    let sb = Sandbox::new();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("peaka"))
        .env_clear()
        .env("HOME", sb.path())
        .args(["--config", "/nonexistent/peaka.toml", "config", "show"])
        .stdout(Stdio::null())
        .stderr(Stdio::from(full))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(3));
}

#[test]
fn sixteen_thousand_unknown_flags_are_refused_quickly() {
    let mut args: Vec<String> = ["cache", "list", "-p", "X"].map(String::from).to_vec();
    args.extend((0..16_000).map(|i| format!("--x{i}")));
    args.extend(["-o".into(), "json".into()]);
    let started = Instant::now();
    let run = run(Sandbox::new().cmd().args(&args)).expect(2);
    let took = started.elapsed();
    // The release build takes well under 0.5 s; a debug build, a little more.
    assert!(took < Duration::from_secs(2), "took {took:?}");
    let doc = run.json();
    assert_eq!(doc["action"], "list");
    assert_eq!(doc["error"]["kind"], "usage");
}

#[test]
fn a_json_body_after_a_byte_order_mark_is_read() {
    let (mut server, base) = server();
    server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_header("content-type", "application/json")
        .with_body(format!("\u{feff}{}", running_status("e1", "RUNNING")))
        .create();
    let doc = run(sb_status(&base).args(["-o", "json"])).expect(0).json();
    assert_eq!(doc["status"]["lastFullRefreshCacheExecution"]["id"], "e1");
}

fn sb_status(base: &str) -> assert_cmd::Command {
    let mut cmd = Sandbox::new().api(base);
    cmd.args(["cache", "status", "-p", PROJECT, "-c", CACHE]);
    cmd
}

#[test]
fn markup_is_never_printed_whatever_its_content_type() {
    for (body, content_type) in [
        ("<!-- a proxy --><html><p>MARKUP Bearer x</p></html>", None),
        (
            "\u{feff}\n <?xml version=\"1.0\"?><error>MARKUP</error>",
            None,
        ),
        ("<head><title>MARKUP</title></head>", None),
        ("  <body>MARKUP</body>", Some("text/plain")),
    ] {
        let (mut server, base) = server();
        let mock = server
            .mock("GET", path("status").as_str())
            .match_query(Matcher::Any)
            .with_status(418)
            .with_body(body);
        match content_type {
            Some(t) => mock.with_header("content-type", t).create(),
            None => mock.create(),
        };
        let human = run(&mut sb_status(&base)).expect(10);
        assert!(human.stderr.contains("418"), "{}", human.stderr);
        assert!(!human.stderr.contains("MARKUP"), "{body}: {}", human.stderr);
        let doc = run(sb_status(&base).args(["-o", "json"])).expect(10);
        assert!(!doc.stdout.contains("MARKUP"), "{body}: {}", doc.stdout);
    }
}

#[test]
fn quiet_prints_no_hints_for_people_and_json_keeps_them() {
    let sb = Sandbox::new();
    let bad = ["cache", "status", "-p", PROJECT, "-c", "public."];
    let loud = run(sb.api("http://127.0.0.1:9/api/v1").args(bad)).expect(2);
    assert!(loud.stderr.contains("hint:"), "{}", loud.stderr);
    let quiet = run(sb.api("http://127.0.0.1:9/api/v1").args(bad).arg("-q")).expect(2);
    assert!(
        quiet.stderr.starts_with("error: invalid cache \"public.\""),
        "{}",
        quiet.stderr
    );
    assert!(!quiet.stderr.contains("hint"), "{}", quiet.stderr);
    let doc = run(sb
        .api("http://127.0.0.1:9/api/v1")
        .args(bad)
        .args(["-q", "-o", "json"]))
    .expect(2)
    .json();
    assert!(doc["error"]["hint"].is_string(), "{doc}");
}

/// What to do next ("Use --wait to confirm.") is a hint too: not with `-q`.
#[test]
fn quiet_drops_the_next_step_after_a_result() {
    let (mut server, base) = server();
    server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_body(running_status("e1", "RUNNING"))
        .create();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(200)
        .create();
    let sb = Sandbox::new();
    let loud = run(sb.api(&base).args(CANCEL)).expect(0);
    assert!(
        loud.stdout.ends_with("Use --wait to confirm.\n"),
        "{}",
        loud.stdout
    );
    let quiet = run(sb.api(&base).args(CANCEL).arg("-q")).expect(0);
    assert!(
        quiet.stdout.starts_with("Cancel requested"),
        "{}",
        quiet.stdout
    );
    assert!(!quiet.stdout.contains("--wait"), "{}", quiet.stdout);
}
