//! Time limits are hard bounds on wall time, whatever the server does; a
//! wait outlives blips; rate limits are told; edges are judged truthfully.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::*;
use crate::hostile::{self, Hostile, Request, Then};

fn status(exec: &str, state: &str) -> Value {
    serde_json::from_str(&running_status(exec, state)).unwrap()
}

fn wait_args(timeout: &str) -> Vec<&str> {
    let mut args = CANCEL.to_vec();
    args.extend([
        "--wait",
        "--interval",
        "200ms",
        "--timeout",
        timeout,
        "-o",
        "json",
    ]);
    args
}

/// Runs it and checks it ended within `bound`.
fn timed(cmd: &mut assert_cmd::Command, bound: Duration) -> Run {
    let started = Instant::now();
    let run = run(cmd);
    let took = started.elapsed();
    assert!(
        took <= bound,
        "took {took:?}\n{}\n{}",
        run.stdout,
        run.stderr
    );
    run
}

#[test]
fn a_body_sent_one_byte_a_second_is_cut_by_the_request_timeout() {
    let server = Hostile::start(|_, stream, stopped| hostile::trickle(stream, stopped));
    let sb = Sandbox::new();
    let mut cmd = sb.api(&server.base);
    cmd.args(["cache", "status", "-p", PROJECT, "-c", CACHE])
        .args(["--request-timeout", "1s", "--retries", "0", "-o", "json"]);
    let doc = timed(&mut cmd, Duration::from_millis(2500))
        .expect(9)
        .json();
    assert_eq!(doc["error"]["kind"], "network");
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("timed out after 1s"));
}

#[test]
fn a_slow_body_cannot_stretch_a_wait_past_its_timeout() {
    let server = Hostile::start(|_, stream, stopped| hostile::trickle(stream, stopped));
    let mut cmd = Sandbox::new().api(&server.base);
    cmd.args(wait_args("1s"));
    let doc = timed(&mut cmd, Duration::from_millis(2500))
        .expect(7)
        .json();
    assert_eq!(doc["outcome"], "timed_out");
    assert_eq!(doc["cancelSent"], false);
}

#[test]
fn a_429_storm_before_the_cancel_ends_at_the_timeout() {
    let server =
        Hostile::start(|_, stream, _| hostile::respond(stream, 429, &[("retry-after", "1")], ""));
    let mut cmd = Sandbox::new().api(&server.base);
    cmd.args(wait_args("1500ms")).args(["--retries", "100"]);
    let run = timed(&mut cmd, Duration::from_secs(3)).expect(7);
    let doc = run.json();
    assert_eq!(
        (doc["outcome"].as_str(), doc["cancelSent"].as_bool()),
        (Some("timed_out"), Some(false))
    );
    assert!(
        run.stderr
            .contains("rate limited (429); retrying in 1s (try 2 of 101)"),
        "{}",
        run.stderr
    );
    assert!(server.requests().iter().all(|r| r.method == "GET"));
}

/// Answers the first status read and the cancel, then `poll` for every
/// status read after the cancel.
fn after_cancel(
    poll: impl Fn(&Request, &mut std::net::TcpStream, &hostile::Stopped) -> Then + Send + Sync + 'static,
) -> Hostile {
    let cancelled = std::sync::atomic::AtomicBool::new(false);
    Hostile::start(move |req, stream, stopped| {
        if req.is("POST", "/cancelFullRefreshUpdate") {
            cancelled.store(true, Ordering::SeqCst);
            return hostile::respond(stream, 200, &[], "");
        }
        if !cancelled.load(Ordering::SeqCst) {
            return hostile::json(stream, 200, &status("e1", "RUNNING"));
        }
        poll(req, stream, stopped)
    })
}

#[test]
fn a_hung_poll_is_a_timed_out_outcome_within_the_bound() {
    let server = after_cancel(|_, _, stopped| hostile::silence(stopped));
    let mut cmd = Sandbox::new().api(&server.base);
    cmd.args(wait_args("1s"));
    let doc = timed(&mut cmd, Duration::from_millis(2500))
        .expect(7)
        .json();
    assert_eq!(doc["outcome"], "timed_out");
    assert_eq!(doc["cancelSent"], true);
    assert_eq!(doc["execution"]["id"], "e1");
}

#[test]
fn a_retry_after_longer_than_the_time_left_is_waited_only_to_the_deadline() {
    let server =
        after_cancel(|_, stream, _| hostile::respond(stream, 429, &[("retry-after", "30")], ""));
    let mut cmd = Sandbox::new().api(&server.base);
    cmd.args(wait_args("1s"));
    let started = Instant::now();
    let run = timed(&mut cmd, Duration::from_millis(2500)).expect(7);
    assert!(started.elapsed() >= Duration::from_millis(900));
    let doc = run.json();
    assert_eq!(
        (doc["outcome"].as_str(), doc["cancelSent"].as_bool()),
        (Some("timed_out"), Some(true))
    );
    assert!(
        run.stderr.contains("would pass the time limit"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_wait_outlives_failing_reads_and_says_so_once_per_change() {
    let reads = AtomicUsize::new(0);
    let server = after_cancel(
        move |_, stream, _| match reads.fetch_add(1, Ordering::SeqCst) {
            0 | 1 => hostile::respond(stream, 503, &[], "busy"),
            2 => Then::Close,
            3 => hostile::respond(stream, 502, &[], ""),
            _ => hostile::json(stream, 200, &status("e1", "CANCELLED")),
        },
    );
    let mut cmd = Sandbox::new().api(&server.base);
    cmd.args(wait_args("20s")).args(["--retries", "0"]);
    let run = timed(&mut cmd, Duration::from_secs(10)).expect(0);
    assert_eq!(run.json()["outcome"], "cancelled");
    let failures: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("status read failed: "))
        .collect();
    assert_eq!(failures.len(), 3, "{}", run.stderr);
    assert!(
        failures.iter().all(|l| l.ends_with("; still waiting")),
        "{}",
        run.stderr
    );
    assert!(failures[0].contains("503"), "{}", run.stderr);
}

#[test]
fn a_server_that_goes_away_mid_wait_leaves_the_wait_to_its_timeout() {
    let server = after_cancel(|_, stream, _| hostile::json(stream, 200, &status("e1", "RUNNING")));
    let sb = Sandbox::new();
    let args = wait_args("2s");
    let child = sb.spawn(
        &[&["--base-url", server.base.as_str()], &args[..]].concat(),
        &[("PEAKA_API_KEY", KEY)],
    );
    // The cancel and a first poll have arrived: now the server goes away.
    server.wait_for_requests(3);
    server.go_away();
    let started = Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(started.elapsed() < Duration::from_millis(3500));
    assert_eq!(out.status.code(), Some(7));
    let stdout = String::from_utf8(out.stdout).unwrap();
    check_documents(&stdout);
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (doc["outcome"].as_str(), doc["cancelSent"].as_bool()),
        (Some("timed_out"), Some(true))
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("status read failed: "), "{stderr}");
}

#[test]
fn a_refusal_after_the_cancel_ends_the_wait_and_says_the_cancel_was_sent() {
    let server =
        after_cancel(|_, stream, _| hostile::json(stream, 401, &json!({"message": "expired"})));
    let mut cmd = Sandbox::new().api(&server.base);
    cmd.args(wait_args("20s"));
    let doc = timed(&mut cmd, Duration::from_secs(5)).expect(4).json();
    assert_eq!(doc["cancelSent"], true);
    let message = doc["error"]["message"].as_str().unwrap();
    assert!(
        message.ends_with("the cancel was already sent"),
        "{message}"
    );
}

#[test]
fn failures_before_the_cancel_say_it_was_not_sent() {
    let server = Hostile::start(|_, stream, _| hostile::json(stream, 403, &json!({})));
    let doc = run(Sandbox::new().api(&server.base).args(wait_args("5s")))
        .expect(4)
        .json();
    assert_eq!(doc["cancelSent"], false);
}

#[test]
fn a_rate_limit_on_the_cancel_is_announced_unless_quiet() {
    let tries = AtomicUsize::new(0);
    let server = Hostile::start(move |_, stream, _| {
        if tries.fetch_add(1, Ordering::SeqCst) == 0 {
            hostile::respond(stream, 429, &[("retry-after", "1")], "")
        } else {
            hostile::respond(stream, 200, &[], "")
        }
    });
    let sb = Sandbox::new();
    let run1 = run(sb.api(&server.base).args(CANCEL)).expect(0);
    assert_eq!(
        run1.stderr,
        "rate limited (429); retrying in 1s (try 2 of 4)\n"
    );
    let run2 = run(sb.api(&server.base).args(CANCEL).arg("-q")).expect(0);
    assert_eq!(run2.stderr, "");
}

#[test]
fn a_404_after_a_try_that_may_have_landed_reads_the_status() {
    for (state, code, outcome) in [
        ("CANCELLED", 0, "cancel_requested"),
        ("COMPLETED", 6, "not_running"),
    ] {
        let posts = AtomicUsize::new(0);
        let server = Hostile::start(move |req, stream, _| {
            if req.is("POST", "/cancelFullRefreshUpdate") {
                // The first try's connection drops after the request was sent.
                if posts.fetch_add(1, Ordering::SeqCst) == 0 {
                    return Then::Close;
                }
                return hostile::respond(stream, 404, &[], "");
            }
            hostile::json(stream, 200, &status("e1", state))
        });
        let doc = run(Sandbox::new()
            .api(&server.base)
            .args(CANCEL)
            .args(["-o", "json"]))
        .expect(code)
        .json();
        assert_eq!(doc["outcome"], outcome, "{state}");
        assert_eq!(doc["cancelSent"], code == 0);
    }
}

#[test]
fn a_404_from_a_base_url_that_is_not_a_zone_carries_the_servers_words() {
    let server = Hostile::start(|_, stream, _| {
        hostile::json(
            stream,
            404,
            &json!({"message": "No route GET /data/projects"}),
        )
    });
    let base = server.base.trim_end_matches("/api/v1").to_string();
    let run = run(Sandbox::new()
        .api(&base)
        .args(["cache", "status", "-p", PROJECT, "-c", CACHE]))
    .expect(5);
    assert!(
        run.stderr.contains("No route GET /data/projects"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--base-url") && run.stderr.contains("/api/v1"),
        "{}",
        run.stderr
    );
}

/// Once cancelled, the status shows a new execution e2; the history has e1
/// CANCELLED.
fn restarting() -> Hostile {
    let cancelled = std::sync::atomic::AtomicBool::new(false);
    Hostile::start(move |req, stream, _| {
        if req.is("POST", "/cancelFullRefreshUpdate") {
            cancelled.store(true, Ordering::SeqCst);
            return hostile::respond(stream, 200, &[], "");
        }
        if req.is("GET", "/executionHistory") {
            let history =
                json!([{"id": "e2", "status": "RUNNING"}, {"id": "e1", "status": "CANCELLED"}]);
            return hostile::json(stream, 200, &history);
        }
        let now = if cancelled.load(Ordering::SeqCst) {
            "e2"
        } else {
            "e1"
        };
        hostile::json(stream, 200, &status(now, "RUNNING"))
    })
}

#[test]
fn cancelled_while_a_new_execution_runs_says_so() {
    let sb = Sandbox::new();
    let mut args = CANCEL.to_vec();
    args.extend(["--wait", "--interval", "200ms"]);
    let server = restarting();
    let human = run(sb.api(&server.base).args(&args)).expect(0);
    assert!(
        human.stdout.contains("reached CANCELLED")
            && human
                .stdout
                .ends_with("; a new full refresh e2 started and is RUNNING.\n"),
        "{}",
        human.stdout
    );
    let server = restarting();
    let doc = run(sb.api(&server.base).args(&args).args(["-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(
        (doc["outcome"].as_str(), doc["supersededBy"].as_str()),
        (Some("cancelled"), Some("e2"))
    );
}
