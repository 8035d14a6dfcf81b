//! Outcomes judged from fresh reads: a 404 after a cancel judged from a
//! status read after it, a refresh that meets a running execution, the
//! execution a refresh started, and `cache wait --execution`.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use mockito::Matcher;
use serde_json::{json, Value};

use crate::common::*;
use crate::hostile::{self, Hostile};
use crate::sim;

fn full(exec: &str, state: &str) -> Value {
    json!({"id": CACHE, "status": "RUNNING",
        "lastFullRefreshCacheExecution": {"id": exec, "executionMode": "FULL_REFRESH", "status": state,
            "updatedAt": "2026-11-29T10:05:00Z"},
        "lastIncrementalCacheExecution": {"id": "i1", "executionMode": "INCREMENTAL", "status": "COMPLETED"}})
}

#[test]
fn a_retried_5xx_then_404_is_judged_from_a_status_read_after_the_404() {
    for first in [500, 502, 503, 504] {
        let posts = AtomicUsize::new(0);
        let server = Hostile::start(move |req, stream, _| {
            if req.is("POST", "/cancelFullRefreshUpdate") {
                let status = if posts.fetch_add(1, Ordering::SeqCst) == 0 {
                    first
                } else {
                    404
                };
                return hostile::respond(stream, status, &[], "");
            }
            hostile::json(stream, 200, &full("e1", "CANCELLED"))
        });
        let doc = run(Sandbox::new()
            .api(&server.base)
            .args(CANCEL)
            .args(["-o", "json"]))
        .expect(0)
        .json();
        assert_eq!(doc["outcome"], "cancel_requested", "{first}");
        assert_eq!(doc["cancelSent"], true, "{first}");
    }
}

#[test]
fn with_wait_a_500_then_404_goes_on_waiting() {
    let (posts, reads) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let server = Hostile::start(move |req, stream, _| {
        if req.is("POST", "/cancelFullRefreshUpdate") {
            let first = posts.fetch_add(1, Ordering::SeqCst) == 0;
            return hostile::respond(stream, if first { 500 } else { 404 }, &[], "");
        }
        // Before the cancel: RUNNING; after the 404: CANCELLING; then CANCELLED.
        let state = match reads.fetch_add(1, Ordering::SeqCst) {
            0 => "RUNNING",
            1 => "CANCELLING",
            _ => "CANCELLED",
        };
        hostile::json(stream, 200, &full("e1", state))
    });
    let mut cmd = Sandbox::new().api(&server.base);
    cmd.args(CANCEL)
        .args(["--wait", "--interval", "200ms", "-o", "json"]);
    let doc = run(&mut cmd).expect(0).json();
    assert_eq!(doc["outcome"], "cancelled");
    assert_eq!(doc["cancelSent"], true);
    assert_eq!(doc["execution"]["id"], "e1");
}

#[test]
fn a_404_is_never_judged_from_the_status_read_before_the_cancel() {
    let (mut server, base) = server();
    let status = |state: &str| {
        json!({"id": CACHE, "lastFullRefreshCacheExecution": {"id": "exec-1", "status": state,
            "updatedAt": "2026-11-29T10:05:00Z", "finishedAt": if state == "RUNNING" { Value::Null } else { json!("2026-11-29T10:06:00Z") }}})
        .to_string()
    };
    let before = server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_body(status("RUNNING"))
        .expect(1)
        .create();
    let after = server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_body(status("COMPLETED"))
        .expect(1)
        .create();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(404)
        .create();
    let mut cmd = Sandbox::new().api(&base);
    cmd.args(CANCEL).args(["--wait", "--interval", "200ms"]);
    let run = run(&mut cmd).expect(6);
    before.assert();
    after.assert();
    assert!(
        run.stderr
            .contains("(exec-1) ended COMPLETED at 2026-11-29T10:06:00Z"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("ended RUNNING"), "{}", run.stderr);
}

#[test]
fn a_404_while_the_status_still_shows_running_does_not_say_it_ended() {
    let (mut server, base) = server();
    server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_body(running_status("exec-1", "RUNNING"))
        .create();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(404)
        .create();
    let run = run(Sandbox::new().api(&base).args(CANCEL)).expect(6);
    assert!(!run.stderr.contains("ended RUNNING"), "{}", run.stderr);
    assert!(
        run.stderr.contains("(exec-1) shows RUNNING") && run.stderr.contains("final stages"),
        "{}",
        run.stderr
    );
}

fn refresh_args(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = ["cache", "refresh", "-p", PROJECT, "-c", CACHE, "--full"]
        .map(String::from)
        .to_vec();
    args.extend(extra.iter().map(|a| a.to_string()));
    args
}

#[test]
fn refresh_wait_on_a_running_one_says_so_and_follows_the_new_one() {
    let reads = AtomicUsize::new(0);
    let server = Hostile::start(move |req, stream, _| {
        if req.is("POST", "/fullRefreshUpdate") {
            return hostile::respond(stream, 200, &[], "");
        }
        let shown = match reads.fetch_add(1, Ordering::SeqCst) {
            0 | 1 => full("e1", "RUNNING"),
            2 => full("e2", "RUNNING"),
            _ => full("e2", "COMPLETED"),
        };
        hostile::json(stream, 200, &shown)
    });
    let wait = ["--wait", "--interval", "200ms", "--timeout", "20s"];
    let run = run(Sandbox::new()
        .api(&server.base)
        .args(refresh_args(&wait))
        .args(["-o", "json"]))
    .expect(0);
    let doc = run.json();
    assert_eq!(
        doc["alreadyRunning"],
        json!({"id": "e1", "status": "RUNNING"})
    );
    assert_eq!(doc["outcome"], "completed");
    assert_eq!(doc["execution"]["id"], "e2");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines[0].contains("already running (e1, RUNNING)"),
        "{}",
        run.stderr
    );
    // The progress from the start: the running one, then the new one.
    assert!(lines[1].contains("e1: RUNNING"), "{}", run.stderr);
    assert!(lines[2].contains("e2: RUNNING"), "{}", run.stderr);
    assert!(!run.stderr.contains('?') && !run.stderr.contains("UNKNOWN"));
}

/// A scenario whose one cache runs a full refresh for `duration`; a
/// trigger while it runs starts nothing.
fn short_run(duration: &str) -> (tempfile::TempDir, sim::Sim) {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("short.toml");
    let text = format!(
        "[[keys]]\nkey = \"k-test\"\n\n[[caches]]\nproject = \"{PROJECT}\"\nid = \"{CACHE}\"\ntable = \"orders\"\nfull_refresh = {{ status = \"RUNNING\", duration = \"{duration}\" }}\n"
    );
    std::fs::write(&scenario, text).unwrap();
    let sim = sim::start(&["--scenario", scenario.to_str().unwrap()]);
    (dir, sim)
}

#[test]
fn refresh_wait_with_no_new_one_in_5s_follows_the_running_one_to_its_end() {
    let (_dir, sim) = short_run("1s");
    let started = Instant::now();
    let mut cmd = Sandbox::new().cmd();
    cmd.env("PEAKA_API_KEY", "k-test")
        .args(["--base-url", &sim.base])
        .args(refresh_args(&[
            "--wait",
            "--interval",
            "200ms",
            "--timeout",
            "9s",
        ]));
    let human = run(&mut cmd).expect(0);
    assert!(started.elapsed() >= Duration::from_secs(5));
    assert!(
        human.stdout.starts_with("Completed: the full refresh")
            && human.stdout.contains("already running; no new one started"),
        "{}",
        human.stdout
    );
    assert!(
        human
            .stderr
            .starts_with("a full refresh is already running ("),
        "{}",
        human.stderr
    );
    assert!(!human.stderr.contains('?') && !human.stderr.contains("UNKNOWN"));
}

/// i1 is the last incremental sync until a trigger; then i2 is.
fn incremental_starts() -> Hostile {
    let triggered = AtomicBool::new(false);
    Hostile::start(move |req, stream, _| {
        if req.is("POST", "/incrementalUpdate") {
            triggered.store(true, Ordering::SeqCst);
            return hostile::respond(stream, 200, &[], "");
        }
        let (id, state) = match triggered.load(Ordering::SeqCst) {
            true => ("i2", "RUNNING"),
            false => ("i1", "COMPLETED"),
        };
        let shown =
            json!({"id": CACHE, "lastIncrementalCacheExecution": {"id": id, "status": state}});
        hostile::json(stream, 200, &shown)
    })
}

#[test]
fn refresh_without_wait_reports_the_new_execution_when_it_differs() {
    let args = [
        "cache",
        "refresh",
        "-p",
        PROJECT,
        "-c",
        CACHE,
        "--incremental",
    ];
    let server = incremental_starts();
    let human = run(Sandbox::new().api(&server.base).args(args)).expect(0);
    assert!(
        human
            .stdout
            .starts_with("Started an incremental sync of cache")
            && human.stdout.contains(": i2 is RUNNING."),
        "{}",
        human.stdout
    );
    assert_eq!(human.stderr, "");
    let server = incremental_starts();
    let doc = run(Sandbox::new()
        .api(&server.base)
        .args(args)
        .args(["-o", "json"]))
    .expect(0)
    .json();
    assert_eq!(doc["outcome"], "refresh_requested");
    assert_eq!(doc["execution"]["id"], "i2");
}

#[test]
fn refresh_without_wait_says_when_the_new_one_does_not_show_yet() {
    let server = Hostile::start(move |req, stream, _| {
        if req.is("POST", "/fullRefreshUpdate") {
            return hostile::respond(stream, 200, &[], "");
        }
        hostile::json(stream, 200, &full("e1", "COMPLETED"))
    });
    let run = run(Sandbox::new()
        .api(&server.base)
        .args(refresh_args(&["-o", "json"])))
    .expect(0);
    let doc = run.json();
    assert_eq!(doc["execution"], Value::Null);
    assert!(
        run.stderr.contains("does not show yet") && run.stderr.contains("e1, COMPLETED"),
        "{}",
        run.stderr
    );
    let requests = server.requests();
    let kinds: Vec<&str> = requests.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(kinds, ["GET", "POST", "GET"], "read, trigger, read");
}

#[test]
fn the_execution_a_refresh_started_is_the_one_cache_wait_follows() {
    let sim = sim::start(&["--start-delay", "0ms", "--run-for", "600ms"]);
    let idle = "0b7e1c52-3f0a-4d55-9b1e-6a2f9c8d4e11";
    let on_sim = |args: &[&str]| {
        let mut cmd = Sandbox::new().cmd();
        cmd.env("PEAKA_API_KEY", "sim-partner-key")
            .env("PEAKA_PROJECT", "demo")
            .args(["--base-url", &sim.base, "cache"])
            .args(args)
            .args(["-c", idle]);
        cmd
    };
    let before = run(&mut on_sim(&["status", "-o", "json"])).expect(0).json();
    let old = &before["status"]["lastFullRefreshCacheExecution"]["id"];
    let started = run(&mut on_sim(&["refresh", "--full", "-o", "json"]))
        .expect(0)
        .json();
    let id = started["execution"]["id"].as_str().unwrap().to_string();
    assert_ne!(&json!(id), old);
    let wait = ["wait", "--execution", &id, "--for", "completed"];
    let doc = run(on_sim(&wait).args(["--interval", "200ms", "-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(doc["outcome"], "completed");
    assert_eq!(doc["execution"]["id"], json!(id));
}

fn wait_for(base: &str, id: &str, goal: &str) -> Run {
    let mut cmd = Sandbox::new().api(base);
    cmd.args(["cache", "wait", "-p", PROJECT, "-c", CACHE])
        .args([
            "--execution",
            id,
            "--for",
            goal,
            "--timeout",
            "10s",
            "-o",
            "json",
        ]);
    run(&mut cmd)
}

#[test]
fn wait_for_an_execution_of_either_kind_without_kind() {
    let (mut server, base) = server();
    server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_body(full("e1", "RUNNING").to_string())
        .create();
    let doc = wait_for(&base, "i1", "completed").expect(0).json();
    assert_eq!(doc["outcome"], "completed");
    assert_eq!(doc["execution"]["id"], "i1");
    let doc = wait_for(&base, "i1", "cancelled").expect(8).json();
    assert_eq!(doc["error"]["kind"], "ended");
}

/// A history of `n` executions, `h0` newest, served in pages.
fn paged_history(server: &mut mockito::ServerGuard, n: usize, odd: (usize, &str)) {
    // A short page is not the end: the empty page after it is.
    for offset in (0..=n).step_by(100).chain([n]) {
        let page: Vec<Value> = (offset..n.min(offset + 100))
            .map(|i| {
                let status = if i == odd.0 { odd.1 } else { "COMPLETED" };
                json!({"id": format!("h{i}"), "executionMode": "INCREMENTAL", "status": status})
            })
            .collect();
        server
            .mock("GET", path("executionHistory").as_str())
            .match_query(Matcher::AllOf(vec![
                Matcher::UrlEncoded("limit".into(), "100".into()),
                Matcher::UrlEncoded("offset".into(), offset.to_string()),
            ]))
            .with_body(Value::from(page).to_string())
            .create();
    }
}

#[test]
fn wait_for_an_execution_deep_in_the_history_or_never_found() {
    let (mut server, base) = server();
    server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_body(full("e1", "RUNNING").to_string())
        .create();
    paged_history(&mut server, 260, (250, "CANCELLED"));
    let doc = wait_for(&base, "h250", "cancelled").expect(0).json();
    assert_eq!(
        (doc["outcome"].as_str(), doc["execution"]["id"].as_str()),
        (Some("cancelled"), Some("h250"))
    );
    let run = wait_for(&base, "nowhere", "finished").expect(5);
    let doc = run.json();
    assert_eq!(doc["error"]["kind"], "not_found");
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("nowhere"));
}
