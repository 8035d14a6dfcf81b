//! `--wait` and `cache status` against scripted answers (mockito serves each
//! mock until its expected hits are used up, then the last one forever).

use std::time::Duration;

use mockito::{Matcher, Mock, ServerGuard};
use serde_json::{json, Value};

use crate::common::*;

fn status_mock(server: &mut ServerGuard, body: String, hits: Option<usize>) -> Mock {
    let mock = server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::UrlEncoded("excludeLogs".into(), "true".into()))
        .with_status(200)
        .with_body(body);
    match hits {
        Some(n) => mock.expect(n).create(),
        None => mock.create(),
    }
}

fn accept_cancel(server: &mut ServerGuard) -> Mock {
    server
        .mock("POST", cancel_path().as_str())
        .with_status(200)
        .expect(1)
        .create()
}

fn wait(sb: &Sandbox, base: &str, extra: &[&str]) -> assert_cmd::Command {
    let mut cmd = sb.api(base);
    cmd.args(CANCEL).args(["--wait", "--interval", "200ms"]);
    cmd.args(extra);
    cmd
}

#[test]
fn cancelled_after_a_few_polls() {
    let (mut server, base) = crate::common::server();
    let before = status_mock(&mut server, running_status("e1", "RUNNING"), Some(3));
    status_mock(&mut server, running_status("e1", "CANCELLED"), None);
    let cancel = accept_cancel(&mut server);
    let run = run(&mut wait(&Sandbox::new(), &base, &["-o", "json"])).expect(0);
    before.assert();
    cancel.assert();
    let doc = run.json();
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["outcome"], "cancelled");
    assert_eq!(doc["execution"]["id"], "e1");
    assert_eq!(doc["execution"]["status"], "CANCELLED");
    assert_eq!(doc["polls"], 3);
    assert!(doc["waitedMs"].as_u64().unwrap() >= 200);
    // Off a terminal: one stderr line per status change.
    let changes: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(changes.len(), 2, "{}", run.stderr);
    assert!(changes[0].contains("RUNNING") && changes[1].contains("CANCELLED"));
}

#[test]
fn human_result_and_quiet_progress() {
    let (mut server, base) = crate::common::server();
    status_mock(&mut server, running_status("e1", "RUNNING"), Some(1));
    status_mock(&mut server, running_status("e1", "CANCELLED"), None);
    accept_cancel(&mut server);
    let run = run(&mut wait(&Sandbox::new(), &base, &["-q"])).expect(0);
    assert!(
        run.stdout.starts_with("Cancelled: the full refresh e1"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn too_late_when_it_completed_or_failed_first() {
    for (status, outcome) in [("COMPLETED", "completed"), ("FAILED", "failed")] {
        let (mut server, base) = crate::common::server();
        status_mock(&mut server, running_status("e1", "RUNNING"), Some(1));
        status_mock(&mut server, running_status("e1", status), None);
        accept_cancel(&mut server);
        let run = run(&mut wait(&Sandbox::new(), &base, &["-o", "json"])).expect(8);
        let doc = run.json();
        assert_eq!(doc["outcome"], outcome);
        assert_eq!(doc["error"]["kind"], "too_late");
        assert!(doc["error"]["message"]
            .as_str()
            .unwrap()
            .contains("too late"));
    }
}

fn history_mock(server: &mut ServerGuard, entries: Value) -> Mock {
    server
        .mock("GET", path("executionHistory").as_str())
        .match_query(Matcher::AllOf(vec![
            Matcher::UrlEncoded("limit".into(), "50".into()),
            Matcher::UrlEncoded("offset".into(), "0".into()),
        ]))
        .with_status(200)
        .with_body(entries.to_string())
        .create()
}

#[test]
fn superseded_is_resolved_from_the_history() {
    let (mut server, base) = crate::common::server();
    status_mock(&mut server, running_status("e1", "RUNNING"), Some(1));
    status_mock(&mut server, running_status("e2", "RUNNING"), None);
    accept_cancel(&mut server);
    let history = history_mock(
        &mut server,
        json!([{"id": "e2", "status": "RUNNING"}, {"id": "e1", "status": "CANCELLED", "executionMode": "FULL_REFRESH"}]),
    );
    let doc = run(&mut wait(&Sandbox::new(), &base, &["-o", "json"]))
        .expect(0)
        .json();
    history.assert();
    assert_eq!(doc["outcome"], "cancelled");
    assert_eq!(doc["supersededBy"], "e2");
    assert_eq!(doc["execution"]["id"], "e1");

    let (mut server, base) = crate::common::server();
    status_mock(&mut server, running_status("e1", "RUNNING"), Some(1));
    status_mock(&mut server, running_status("e2", "RUNNING"), None);
    accept_cancel(&mut server);
    history_mock(
        &mut server,
        json!([{"id": "e2", "status": "RUNNING"}, {"id": "e1", "status": "COMPLETED"}]),
    );
    let doc = run(&mut wait(&Sandbox::new(), &base, &["-o", "json"]))
        .expect(8)
        .json();
    assert_eq!(doc["outcome"], "superseded");
    assert_eq!(doc["execution"]["status"], "COMPLETED");
    assert_eq!(doc["supersededBy"], "e2");
}

#[test]
fn deleted_while_waiting() {
    let (mut server, base) = crate::common::server();
    status_mock(&mut server, running_status("e1", "RUNNING"), Some(1));
    server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_status(404)
        .create();
    accept_cancel(&mut server);
    let doc = run(&mut wait(&Sandbox::new(), &base, &["-o", "json"]))
        .expect(5)
        .json();
    assert_eq!(doc["outcome"], "deleted");
    assert_eq!(doc["error"]["kind"], "not_found");
}

#[test]
fn times_out_and_says_how_to_check_later() {
    let (mut server, base) = crate::common::server();
    status_mock(&mut server, running_status("e1", "RUNNING"), None);
    accept_cancel(&mut server);
    let started = std::time::Instant::now();
    let run = run(&mut wait(&Sandbox::new(), &base, &["--timeout", "1s"])).expect(7);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(run.stderr.contains("the cancel was sent"), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "peaka cache status --project {PROJECT} --cache {CACHE}"
        )),
        "{}",
        run.stderr
    );
    let doc = crate::common::run(&mut wait(
        &Sandbox::new(),
        &base,
        &["--timeout", "500ms", "-o", "json"],
    ))
    .expect(7)
    .json();
    assert_eq!(doc["outcome"], "timed_out");
    assert_eq!(doc["error"]["kind"], "timeout");
}

#[test]
fn unknown_statuses_are_shown_and_waited_out() {
    let (mut server, base) = crate::common::server();
    status_mock(&mut server, running_status("e1", "RUNNING"), Some(1));
    status_mock(&mut server, running_status("e1", "CANCELLING"), Some(2));
    status_mock(&mut server, running_status("e1", "CANCELLED"), None);
    accept_cancel(&mut server);
    let run = run(&mut wait(&Sandbox::new(), &base, &[])).expect(0);
    assert!(run.stderr.contains("CANCELLING"), "{}", run.stderr);
}

#[test]
fn ndjson_events_then_the_final_document() {
    let (mut server, base) = crate::common::server();
    status_mock(&mut server, running_status("e1", "RUNNING"), Some(2));
    status_mock(&mut server, running_status("e1", "CANCELLED"), None);
    accept_cancel(&mut server);
    let run = run(&mut wait(&Sandbox::new(), &base, &["-o", "ndjson"])).expect(0);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert_eq!(lines[0]["event"], "status");
    assert_eq!(lines[0]["status"], "RUNNING");
    assert_eq!(lines[0]["progress"]["numberOfCachedRecords"], 120);
    assert!(lines[0]["elapsedMs"].is_u64());
    assert_eq!(lines[1]["status"], "CANCELLED");
    assert_eq!(lines[2]["outcome"], "cancelled");
    assert_eq!(lines[2]["schemaVersion"], 1);
}

#[test]
fn wait_with_if_running_and_nothing_running() {
    let (mut server, base) = crate::common::server();
    status_mock(&mut server, running_status("e1", "COMPLETED"), None);
    server
        .mock("POST", cancel_path().as_str())
        .with_status(404)
        .create();
    let doc = run(&mut wait(
        &Sandbox::new(),
        &base,
        &["--if-running", "-o", "json"],
    ))
    .expect(0)
    .json();
    assert_eq!(doc["outcome"], "not_running");
    let doc = crate::common::run(&mut wait(&Sandbox::new(), &base, &["-o", "json"]))
        .expect(6)
        .json();
    assert_eq!(doc["outcome"], "not_running");
}

#[test]
fn wait_on_a_missing_cache_sends_no_cancel() {
    let (mut server, base) = crate::common::server();
    server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_status(404)
        .create();
    let cancel = server.mock("POST", Matcher::Any).expect(0).create();
    run(&mut wait(&Sandbox::new(), &base, &[])).expect(5);
    cancel.assert();
}

#[test]
fn a_transient_status_failure_does_not_end_the_wait() {
    let (mut server, base) = crate::common::server();
    status_mock(&mut server, running_status("e1", "RUNNING"), Some(1));
    let flaky = server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_status(502)
        .expect(1)
        .create();
    status_mock(&mut server, running_status("e1", "CANCELLED"), None);
    accept_cancel(&mut server);
    run(&mut wait(&Sandbox::new(), &base, &[])).expect(0);
    flaky.assert();
}

#[test]
fn interval_below_200ms_is_refused() {
    let (mut server, base) = crate::common::server();
    let any = server.mock("POST", Matcher::Any).expect(0).create();
    let mut cmd = Sandbox::new().api(&base);
    cmd.args(CANCEL).args(["--wait", "--interval", "50ms"]);
    run(&mut cmd).expect(2);
    any.assert();
}

#[test]
fn status_human_and_json() {
    let (mut server, base) = crate::common::server();
    let mut body: Value = serde_json::from_str(&running_status("e1", "RUNNING")).unwrap();
    body["somethingNew"] = json!({"kept": true});
    status_mock(&mut server, body.to_string(), None);
    let sb = Sandbox::new();
    let mut cmd = sb.api(&base);
    cmd.args(["cache", "status", "-p", PROJECT, "-c", CACHE]);
    let run = run(&mut cmd).expect(0);
    for text in [
        "orders",
        "cat1",
        "public",
        "Last full refresh",
        "e1",
        "cached 120, inserted 100, updated 15, deleted 5",
        "Last incremental sync",
        "inc-1",
    ] {
        assert!(run.stdout.contains(text), "{text}: {}", run.stdout);
    }
    let doc = crate::common::run(cmd.args(["-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(doc["schemaVersion"], 1);
    assert_eq!(doc["ok"], true);
    assert_eq!(doc["action"], "status");
    assert_eq!(doc["projectId"], PROJECT);
    assert_eq!(doc["cacheId"], CACHE);
    assert_eq!(doc["exitCode"], 0);
    assert_eq!(doc["status"]["somethingNew"]["kept"], true);
    assert_eq!(
        doc["status"]["lastFullRefreshCacheExecution"]["progress"]["numberOfCachedRecords"],
        120
    );
}

#[test]
fn status_with_logs_and_a_missing_cache() {
    let (mut server, base) = crate::common::server();
    let logs = server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::UrlEncoded("excludeLogs".into(), "false".into()))
        .with_status(200)
        .with_body(json!({"id": CACHE, "status": "COMPLETED", "cacheActionLogs": [{"timestamp": "t1", "action": "START", "message": "began", "cacheType": "FULL"}]}).to_string())
        .create();
    let mut cmd = Sandbox::new().api(&base);
    cmd.args(["cache", "status", "-p", PROJECT, "-c", CACHE, "--logs"]);
    let run = run(&mut cmd).expect(0);
    logs.assert();
    assert!(run.stdout.contains("began"), "{}", run.stdout);
    assert!(run.stdout.contains("never run"), "{}", run.stdout);

    let (mut server, base) = crate::common::server();
    server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_status(404)
        .create();
    let mut cmd = Sandbox::new().api(&base);
    cmd.args(["cache", "status", "-p", PROJECT, "-c", CACHE, "-o", "json"]);
    let doc = crate::common::run(&mut cmd).expect(5).json();
    assert_eq!(doc["error"]["kind"], "not_found");
    assert_eq!(doc["action"], "status");
}

#[test]
fn the_history_is_followed_past_its_first_page() {
    let (mut server, base) = crate::common::server();
    status_mock(&mut server, running_status("e1", "RUNNING"), Some(1));
    status_mock(&mut server, running_status("e99", "RUNNING"), None);
    accept_cancel(&mut server);
    let others: Vec<Value> = (0..50)
        .map(|n| json!({"id": format!("x{n}"), "status": "COMPLETED"}))
        .collect();
    let first = history_mock(&mut server, Value::Array(others));
    let second = server
        .mock("GET", path("executionHistory").as_str())
        .match_query(Matcher::AllOf(vec![
            Matcher::UrlEncoded("limit".into(), "50".into()),
            Matcher::UrlEncoded("offset".into(), "50".into()),
        ]))
        .with_status(200)
        .with_body(json!([{"id": "e1", "status": "CANCELLED"}]).to_string())
        .create();
    let doc = run(&mut wait(&Sandbox::new(), &base, &["-o", "json"]))
        .expect(0)
        .json();
    first.assert();
    second.assert();
    assert_eq!(doc["outcome"], "cancelled");
    assert_eq!(doc["execution"]["id"], "e1");
    assert_eq!(doc["supersededBy"], "e99");
}

#[test]
fn a_malformed_200_is_an_api_error() {
    for body in ["this is not json", "[1, 2]"] {
        let (mut server, base) = crate::common::server();
        server
            .mock("GET", path("status").as_str())
            .match_query(Matcher::Any)
            .with_status(200)
            .with_body(body)
            .create();
        let cancel = server.mock("POST", Matcher::Any).expect(0).create();
        let doc = run(&mut wait(&Sandbox::new(), &base, &["-o", "json"]))
            .expect(10)
            .json();
        cancel.assert();
        assert_eq!(doc["error"]["kind"], "api");
        assert_eq!(doc["cancelSent"], false);
        let message = doc["error"]["message"].as_str().unwrap();
        assert!(message.contains("malformed response"), "{message}");
    }
}

#[test]
fn status_shows_ages_and_colours_status_words_only_when_asked() {
    let (mut server, base) = crate::common::server();
    status_mock(&mut server, running_status("e1", "RUNNING"), None);
    let sb = Sandbox::new();
    let status = ["cache", "status", "-p", PROJECT, "-c", CACHE];
    let plain = run(sb.api(&base).args(status)).expect(0);
    assert!(
        plain.stdout.contains("  started    2026-11-29T10:00:00Z ("),
        "{}",
        plain.stdout
    );
    assert!(
        plain.stdout.contains(" ago)") || plain.stdout.contains("(just now)"),
        "{}",
        plain.stdout
    );
    assert!(!plain.stdout.contains('\u{1b}'), "piped: plain");
    let coloured = run(sb.api(&base).args(status).env("CLICOLOR_FORCE", "1")).expect(0);
    assert!(
        coloured.stdout.contains("Status    \u{1b}["),
        "{:?}",
        coloured.stdout
    );
    for (name, value) in [("NO_COLOR", "1"), ("CLICOLOR", "0")] {
        let mut cmd = sb.api(&base);
        cmd.args(status)
            .env("CLICOLOR_FORCE", "1")
            .env(name, value)
            .arg("--no-color");
        assert!(!run(&mut cmd).expect(0).stdout.contains('\u{1b}'));
    }
}
