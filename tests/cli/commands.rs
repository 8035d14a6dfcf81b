//! The rest of `peaka cache`: list, history, refresh, wait, against mockito
//! and the simulator.

use mockito::Matcher;
use serde_json::{json, Value};

use crate::common::*;
use crate::sim;

const IDLE_CACHE: &str = "0b7e1c52-3f0a-4d55-9b1e-6a2f9c8d4e11";
const PARTNER: &str = "sim-partner-key";

/// `peaka cache ARGS…` on the demo project of a simulator.
fn on_sim(sim: &sim::Sim, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = Sandbox::new().cmd();
    cmd.env("PEAKA_API_KEY", PARTNER)
        .env("PEAKA_PROJECT", "demo")
        .args(["--base-url", &sim.base, "cache"])
        .args(args);
    cmd
}

#[test]
fn list_as_json_tsv_and_filtered() {
    let sim = sim::start(&[]);
    let doc = run(&mut on_sim(&sim, &["list", "-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(
        (doc["action"].as_str(), doc["projectId"].as_str()),
        (Some("list"), Some("demo"))
    );
    assert_eq!(doc["cacheId"], Value::Null);
    let caches = doc["caches"].as_array().unwrap();
    assert_eq!(caches.len(), 2, "only project demo's: {doc}");
    assert!(caches
        .iter()
        .all(|c| c["lastFullRefreshCacheExecution"]["progress"].is_object()));

    // Piped: one tab-separated row per cache, no header, stable columns.
    let tsv = run(&mut on_sim(&sim, &["list"])).expect(0);
    let rows: Vec<Vec<&str>> = tsv
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 2, "{}", tsv.stdout);
    let orders = rows.iter().find(|r| r[0] == CACHE).unwrap();
    assert_eq!(
        &orders[1..6],
        ["postgres1", "public", "orders", "RUNNING", "RUNNING"]
    );
    assert_eq!(orders.len(), 9, "{orders:?}");

    let running = run(&mut on_sim(
        &sim,
        &["list", "--status", "full:running", "-o", "json"],
    ))
    .expect(0)
    .json();
    assert_eq!(running["caches"].as_array().unwrap().len(), 1);
    assert_eq!(running["caches"][0]["id"], CACHE);
    let union = run(&mut on_sim(
        &sim,
        &[
            "list",
            "--status",
            "full:RUNNING",
            "--status",
            "COMPLETED",
            "-o",
            "json",
        ],
    ))
    .expect(0)
    .json();
    assert_eq!(union["caches"].as_array().unwrap().len(), 2);
    let none = run(&mut on_sim(
        &sim,
        &["list", "--status", "FAILED", "-o", "json"],
    ))
    .expect(0)
    .json();
    assert_eq!(none["caches"], json!([]));
    let empty = run(&mut on_sim(&sim, &["list", "--status", "FAILED"])).expect(0);
    assert_eq!(empty.stdout, "");
}

#[test]
fn list_by_catalog_and_schema_uses_path_segments() {
    let (mut server, base) = server();
    let mock = server
        .mock(
            "GET",
            format!(
                "/api/v1/data/projects/{PROJECT}/catalog/cat%2F1/schema/my%20schema/cache/status"
            )
            .as_str(),
        )
        .with_status(200)
        .with_body("[]")
        .create();
    let sb = Sandbox::new();
    let args = [
        "cache",
        "list",
        "-p",
        PROJECT,
        "--catalog",
        "cat/1",
        "--schema",
        "my schema",
    ];
    run(sb.api(&base).args(args)).expect(0);
    mock.assert();
    for bad in [
        &["--catalog", ".."][..],
        &["--catalog", ""],
        &["--schema", "public"],
        &["--status", "weekly:X"],
    ] {
        let any = server.mock("GET", Matcher::Any).expect(0).create();
        let run = run(sb
            .api(&base)
            .args(["cache", "list", "-p", PROJECT])
            .args(bad))
        .expect(2);
        any.assert();
        assert!(run.stderr.starts_with("error: "), "{bad:?}: {}", run.stderr);
    }
}

#[test]
fn history_newest_first_and_every_page_once() {
    let (mut server, base) = server();
    let page = |offset: usize, ids: Vec<String>| {
        let body: Vec<Value> = ids
            .iter()
            .map(|id| {
                json!({"id": id, "executionMode": "FULL_REFRESH", "status": "COMPLETED",
                "createdAt": "2026-11-29T10:00:00Z", "finishedAt": "2026-11-29T10:02:05Z"})
            })
            .collect();
        (offset, Value::Array(body))
    };
    // A new execution arrived between the pages: e99 shows on both. The
    // page after the last one is empty: the end.
    let first = page(0, (0..100).map(|n| format!("e{}", 200 - n)).collect());
    let second = page(100, vec!["e101".into(), "e100".into(), "e99".into()]);
    let end = page(103, vec![]);
    for (offset, body) in [first, second, end] {
        server
            .mock("GET", path("executionHistory").as_str())
            .match_query(Matcher::AllOf(vec![
                Matcher::UrlEncoded("limit".into(), "100".into()),
                Matcher::UrlEncoded("offset".into(), offset.to_string()),
            ]))
            .with_status(200)
            .with_body(body.to_string())
            .create();
    }
    let sb = Sandbox::new();
    let args = [
        "cache", "history", "-p", PROJECT, "-c", CACHE, "--all", "-o", "json",
    ];
    let doc = run(sb.api(&base).args(args)).expect(0).json();
    let ids: Vec<&str> = doc["executions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 102, "each execution once");
    assert_eq!((ids[0], ids[101]), ("e200", "e99"));
    assert_eq!(doc["action"], "history");

    let one = server
        .mock("GET", path("executionHistory").as_str())
        .match_query(Matcher::AllOf(vec![
            Matcher::UrlEncoded("limit".into(), "2".into()),
            Matcher::UrlEncoded("offset".into(), "5".into()),
        ]))
        .with_status(200)
        .with_body(
            json!([{"id": "e7", "executionMode": "INCREMENTAL", "status": "FAILED",
            "createdAt": "2026-11-29T10:00:00Z", "finishedAt": "2026-11-29T10:00:42Z",
            "error": {"message": "source \u{1b}[31munreachable"}}])
            .to_string(),
        )
        .create();
    let human = run(sb.api(&base).args([
        "cache", "history", "-p", PROJECT, "-c", CACHE, "--limit", "2", "--offset", "5",
    ]))
    .expect(0);
    one.assert();
    assert_eq!(
        human.stdout,
        "e7\tINCREMENTAL\tFAILED\t2026-11-29T10:00:00Z\t42s\tsource [31munreachable\n"
    );
}

#[test]
fn refresh_without_wait_reads_the_status_around_the_trigger() {
    let (mut server, base) = server();
    let reads = server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_body(running_status("e1", "COMPLETED"))
        .expect(2)
        .create();
    let trigger = server
        .mock("POST", path("incrementalUpdate").as_str())
        .with_status(200)
        .expect(1)
        .create();
    let sb = Sandbox::new();
    let args = [
        "cache",
        "refresh",
        "-p",
        PROJECT,
        "-c",
        CACHE,
        "--incremental",
        "-o",
        "json",
    ];
    let doc = run(sb.api(&base).args(args)).expect(0).json();
    trigger.assert();
    reads.assert();
    assert_eq!(
        (doc["action"].as_str(), doc["outcome"].as_str()),
        (Some("refresh"), Some("refresh_requested"))
    );
    let run = run(sb
        .api(&base)
        .args(["cache", "refresh", "-p", PROJECT, "-c", CACHE]))
    .expect(2);
    assert!(
        run.stderr.contains("--full") && run.stderr.contains("--incremental"),
        "{}",
        run.stderr
    );
}

#[test]
fn refresh_wait_follows_the_new_execution_to_its_end() {
    let sim = sim::start(&["--run-for", "1s", "--start-delay", "400ms"]);
    let before = run(&mut on_sim(
        &sim,
        &["status", "-c", IDLE_CACHE, "-o", "json"],
    ))
    .expect(0)
    .json();
    let old = before["status"]["lastFullRefreshCacheExecution"]["id"].clone();
    let args = [
        "refresh",
        "-c",
        IDLE_CACHE,
        "--full",
        "--wait",
        "--interval",
        "200ms",
        "-o",
        "json",
    ];
    let doc = run(&mut on_sim(&sim, &args)).expect(0).json();
    assert_eq!(doc["outcome"], "completed");
    assert_eq!(doc["execution"]["status"], "COMPLETED");
    assert_ne!(doc["execution"]["id"], old, "never the one that ran before");
    assert!(doc["waitedMs"].as_u64().unwrap() >= 1000);
}

#[test]
fn refresh_wait_failed_or_cancelled_is_8_with_the_error() {
    for (end, outcome, words) in [
        (
            json!({"id": "n1", "status": "FAILED", "error": {"message": "source is down"}}),
            "failed",
            "source is down",
        ),
        (
            json!({"id": "n1", "status": "CANCELLED"}),
            "cancelled",
            "CANCELLED",
        ),
    ] {
        let (mut server, base) = server();
        let status =
            |exec: Value| json!({"id": CACHE, "lastFullRefreshCacheExecution": exec}).to_string();
        let reads = [
            json!({"id": "o1", "status": "COMPLETED"}),
            json!({"id": "o1", "status": "COMPLETED"}),
            end,
        ];
        for (n, exec) in reads.into_iter().enumerate() {
            let mock = server
                .mock("GET", path("status").as_str())
                .match_query(Matcher::Any)
                .with_status(200)
                .with_body(status(exec));
            if n < 2 {
                mock.expect(1).create()
            } else {
                mock.create()
            };
        }
        server
            .mock("POST", path("fullRefreshUpdate").as_str())
            .with_status(200)
            .create();
        let sb = Sandbox::new();
        let args = [
            "cache",
            "refresh",
            "-p",
            PROJECT,
            "-c",
            CACHE,
            "--full",
            "--wait",
            "--interval",
            "200ms",
        ];
        let doc = run(sb.api(&base).args(args).args(["-o", "json"]))
            .expect(8)
            .json();
        assert_eq!(
            (doc["outcome"].as_str(), doc["error"]["kind"].as_str()),
            (Some(outcome), Some("ended"))
        );
        assert_eq!(doc["execution"]["id"], "n1");
        let message = doc["error"]["message"].as_str().unwrap();
        assert!(message.contains(words), "{message}");
    }
}

#[test]
fn wait_sends_nothing_and_judges_by_the_goal() {
    let cancelled = json!({"id": CACHE, "status": "RUNNING",
        "lastFullRefreshCacheExecution": {"id": "e1", "status": "CANCELLED"},
        "lastIncrementalCacheExecution": {"id": "i1", "status": "COMPLETED"}})
    .to_string();
    let (mut server, base) = server();
    server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_status(200)
        .with_body(cancelled)
        .create();
    let posts = server.mock("POST", Matcher::Any).expect(0).create();
    let sb = Sandbox::new();
    let wait = |extra: &[&str]| {
        let mut cmd = sb.api(&base);
        cmd.args([
            "cache",
            "wait",
            "-p",
            PROJECT,
            "-c",
            CACHE,
            "--interval",
            "200ms",
            "-o",
            "json",
        ])
        .args(extra);
        cmd
    };
    for (extra, code, outcome) in [
        (&["--for", "cancelled"][..], 0, "cancelled"),
        (&["--for", "finished"], 0, "cancelled"),
        (&["--for", "completed"], 8, "cancelled"),
        (
            &["--for", "completed", "--kind", "incremental"],
            0,
            "completed",
        ),
        (
            &["--for", "cancelled", "--kind", "incremental"],
            8,
            "completed",
        ),
    ] {
        let doc = run(&mut wait(extra)).expect(code).json();
        assert_eq!(
            (doc["action"].as_str(), doc["outcome"].as_str()),
            (Some("wait"), Some(outcome)),
            "{extra:?}"
        );
    }
    posts.assert();
}

#[test]
fn wait_for_something_that_never_ran_is_6_and_a_timeout_is_7() {
    let sim = sim::start(&[]);
    let never = [
        "wait",
        "-c",
        IDLE_CACHE,
        "--for",
        "finished",
        "--kind",
        "incremental",
        "-o",
        "json",
    ];
    let doc = run(&mut on_sim(&sim, &never)).expect(6).json();
    assert_eq!(doc["outcome"], "not_running");
    let running = [
        "wait",
        "-c",
        CACHE,
        "--for",
        "completed",
        "--timeout",
        "1s",
        "--interval",
        "200ms",
        "-o",
        "json",
    ];
    let doc = run(&mut on_sim(&sim, &running)).expect(7).json();
    assert_eq!(doc["outcome"], "timed_out");
    assert_eq!(
        sim.stats()["byOperation"]["cancelFullRefreshCache"],
        Value::Null,
        "no POST ever"
    );
}

#[test]
fn every_cache_command_takes_a_project() {
    let sb = Sandbox::new();
    let commands = crate::output::all_commands(&sb);
    let cache: Vec<_> = commands
        .iter()
        .filter(|c| c.len() >= 2 && c[0] == "cache")
        .collect();
    assert!(cache.len() >= 7, "{cache:?}");
    for command in cache {
        let help = run(sb.cmd().args(command).arg("--help")).expect(0);
        // A group (`cache schedule`) takes no project; its commands do.
        if help.stdout.contains("\nCommands:\n") {
            continue;
        }
        assert!(
            help.stdout.contains("--project"),
            "{command:?}: {}",
            help.stdout
        );
    }
}

#[test]
fn the_not_found_hint_points_to_cache_list() {
    let sim = sim::start(&[]);
    let missing = "00000000-0000-4000-8000-000000000000";
    for command in [
        &["status", "-c", missing][..],
        &["history", "-c", missing],
        &["cancel-full-refresh", "-c", missing],
    ] {
        let run = run(&mut on_sim(&sim, command)).expect(5);
        assert!(
            run.stderr.contains("peaka cache list --project demo"),
            "{command:?}: {}",
            run.stderr
        );
    }
}
