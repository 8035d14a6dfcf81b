//! `--dry-run` shows the very requests the command sends: for each
//! operation, the dry run's `requests` and the first requests a recording
//! server sees from the real run agree in method, path and query, in order.

use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::json;

use crate::common::{run, Sandbox, CACHE, PROJECT};
use crate::hostile::{self, Hostile};

/// A cache whose two executions are at `status`.
fn status(status: &str) -> serde_json::Value {
    json!({
        "id": CACHE, "projectId": PROJECT, "status": "RUNNING",
        "lastFullRefreshCacheExecution": {"id": "f1", "status": status},
        "lastIncrementalCacheExecution": {"id": "i1", "status": status}
    })
}

/// Answers every signal with 200; the cache's executions are completed
/// until a signal, cancelled after it; lists hold that one cache.
fn recording() -> Hostile {
    let signalled = AtomicBool::new(false);
    Hostile::start(move |req, stream, _| {
        if req.method == "POST" {
            signalled.store(true, Ordering::SeqCst);
            return hostile::respond(stream, 200, &[], "");
        }
        let path = req.path.split('?').next().unwrap_or_default();
        let cache = match signalled.load(Ordering::SeqCst) {
            true => status("CANCELLED"),
            false => status("COMPLETED"),
        };
        let body = match path {
            p if p.ends_with("/executionHistory") => json!([]),
            p if p.ends_with(&format!("/{CACHE}/status")) => cache,
            p if p.ends_with(&format!("/cache/{CACHE}")) => {
                json!({"id": CACHE, "fullRefreshCacheSchedule": {"type": "NONE"}})
            }
            _ => json!([cache]),
        };
        hostile::json(stream, 200, &body)
    })
}

/// Method and path-with-query of each request the dry run shows, and
/// checks that `request` is one of them.
fn shown(args: &[&str], base: &str) -> Vec<(String, String)> {
    let doc = run(Sandbox::new()
        .api(base)
        .args(args)
        .args(["--dry-run", "-o", "json"]))
    .expect(0)
    .json();
    let origin = base.strip_suffix("/api/v1").unwrap();
    let requests = doc["requests"].as_array().expect("requests").clone();
    assert!(requests.contains(&doc["request"]), "{doc:#}");
    let of = |r: &serde_json::Value| {
        let url = r["url"].as_str().unwrap();
        let path = url.strip_prefix(origin).unwrap().to_string();
        (r["method"].as_str().unwrap().to_string(), path)
    };
    requests.iter().map(of).collect()
}

#[test]
fn the_dry_run_shows_the_requests_each_command_sends_in_order() {
    let on = |words: &[&'static str]| {
        let mut args = vec!["cache"];
        args.extend(words);
        args.extend(["-p", PROJECT]);
        args
    };
    let cases = [
        on(&["list"]),
        on(&["list", "--catalog", "cat 1", "--schema", "pub/lic"]),
        on(&["list", "--catalog", "cat1"]),
        on(&["status", "-c", CACHE]),
        on(&["status", "-c", CACHE, "--logs"]),
        on(&["history", "-c", CACHE]),
        on(&["history", "-c", CACHE, "--limit", "3", "--offset", "2"]),
        on(&["history", "-c", CACHE, "--all"]),
        on(&[
            "wait",
            "-c",
            CACHE,
            "--for",
            "finished",
            "--timeout",
            "300ms",
        ]),
        on(&["refresh", "-c", CACHE, "--full"]),
        on(&["refresh", "-c", CACHE, "--incremental"]),
        on(&["cancel-full-refresh", "-c", CACHE]),
        on(&["create", "--catalog", "c", "--schema", "s", "--table", "t"]),
        on(&["schedule", "show", "-c", CACHE]),
        on(&["schedule", "set", "-c", CACHE, "--full-schedule", "6h"]),
        on(&[
            "cancel-incremental",
            "-c",
            CACHE,
            "--wait",
            "--timeout",
            "300ms",
        ]),
        on(&["delete", "-c", CACHE, "--yes", "--force"]),
    ];
    for args in cases {
        let server = recording();
        let expected = shown(&args, &server.base);
        assert!(!expected.is_empty(), "{args:?}");
        run(Sandbox::new()
            .api(&server.base)
            .args(&args)
            .args(["-o", "json"]));
        let sent: Vec<(String, String)> = server
            .requests()
            .into_iter()
            .map(|r| (r.method, r.path))
            .collect();
        assert_eq!(
            sent.get(..expected.len()),
            Some(&expected[..]),
            "{args:?}: sent {sent:?}"
        );
    }
}
