//! `cache delete`: against the simulator (which deletes), and against a
//! server that answers what the test says (failures, a dropped
//! connection).

use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{json, Value};

use crate::bulk::{scenario, PARTNER};
use crate::common::*;
use crate::hostile::{self, Hostile};
use crate::sim;

/// `peaka cache delete -p demo ARGS…` against the simulator.
fn delete(sim: &sim::Sim, sb: &Sandbox, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_API_KEY", PARTNER)
        .args(["--base-url", &sim.base, "cache", "delete", "-p", "demo"])
        .args(args);
    cmd
}

/// How many requests of an operation the simulator served.
fn served(sim: &sim::Sim, operation: &str) -> u64 {
    sim.stats()["byOperation"][operation].as_u64().unwrap_or(0)
}

#[test]
fn by_name_then_gone_then_absent_with_if_exists() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 0, 2, "");
    let sim = sim::start(&["--scenario", &file]);
    let doc = run(&mut delete(&sim, &sb, &["t1", "--yes", "-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(doc["outcome"], "removed", "{doc}");
    assert_eq!(doc["action"], "delete");
    assert_eq!(
        (&doc["cacheId"], &doc["cacheRef"], &doc["cacheName"]),
        (&json!(ids[1]), &json!("t1"), &json!("public.t1"))
    );
    // The status is read before the delete; the name cost one list read.
    let stats = sim.stats();
    assert_eq!(stats["byOperation"]["deleteCache"], 1, "{stats}");
    assert_eq!(stats["byOperation"]["getCacheStatus"], 1, "{stats}");
    assert_eq!(
        stats["byOperation"]["getCacheStatusByProject"], 1,
        "{stats}"
    );
    let missing = run(&mut delete(&sim, &sb, &["-c", &ids[1], "--yes"])).expect(5);
    assert!(missing.stderr.contains("not found"), "{}", missing.stderr);
    let absent = run(&mut delete(&sim, &sb, &[&ids[1], "--yes", "--if-exists"])).expect(0);
    assert!(
        absent.stdout.starts_with("Nothing to delete"),
        "{}",
        absent.stdout
    );
    let doc = run(&mut delete(
        &sim,
        &sb,
        &["-c", &ids[1], "--yes", "--if-exists", "-o", "json"],
    ))
    .expect(0)
    .json();
    assert_eq!(
        (&doc["outcome"], &doc["ok"]),
        (&json!("absent"), &json!(true))
    );
    assert_eq!(
        served(&sim, "deleteCache"),
        1,
        "a missing cache is not deleted"
    );
    let human = run(&mut delete(&sim, &sb, &[&ids[0], "--yes"])).expect(0);
    assert!(
        human
            .stdout
            .starts_with(&format!("Deleted cache {}", ids[0])),
        "{}",
        human.stdout
    );
}

/// `--if-exists` covers a name that matches no cache as it covers an ID
/// that names none: `absent`, exit 0, nothing deleted; without it, exit 5.
#[test]
fn a_name_that_matches_nothing_is_absent_with_if_exists() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 0, 2, "");
    let sim = sim::start(&["--scenario", &file]);
    run(&mut delete(&sim, &sb, &["gone.table", "--yes"])).expect(5);
    let doc = run(&mut delete(
        &sim,
        &sb,
        &["gone.table", "--yes", "--if-exists", "-o", "json"],
    ))
    .expect(0)
    .json();
    assert_eq!(
        (&doc["outcome"], &doc["cacheId"], &doc["cacheRef"]),
        (&json!("absent"), &json!(null), &json!("gone.table"))
    );
    // With a cache that is there: each reported once, only it deleted.
    let doc = run(&mut delete(
        &sim,
        &sb,
        &[
            "gone.table",
            "other",
            "t1",
            "--yes",
            "--if-exists",
            "-o",
            "json",
        ],
    ))
    .expect(0)
    .json();
    assert_eq!(doc["summary"], json!({"absent": 2, "removed": 1}), "{doc}");
    let removed: Vec<&Value> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] == "removed")
        .map(|r| &r["cacheId"])
        .collect();
    assert_eq!(removed, [&json!(ids[1])]);
    assert_eq!(served(&sim, "deleteCache"), 1);
}

#[test]
fn a_running_cache_is_kept_without_force() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 1, 0, "");
    let sim = sim::start(&["--scenario", &file]);
    let kept = run(&mut delete(&sim, &sb, &["-c", &ids[0], "--yes"])).expect(2);
    assert!(
        kept.stderr.contains("full refresh") && kept.stderr.contains("data and history"),
        "{}",
        kept.stderr
    );
    assert!(kept.stderr.contains("--force"), "{}", kept.stderr);
    let doc = run(&mut delete(&sim, &sb, &[&ids[0], "--yes", "-o", "json"]))
        .expect(2)
        .json();
    assert_eq!(doc["outcome"], "running");
    assert_eq!(doc["error"]["kind"], "usage");
    assert_eq!(served(&sim, "deleteCache"), 0);
    let doc = run(&mut delete(
        &sim,
        &sb,
        &[&ids[0], "--yes", "--force", "-o", "json"],
    ))
    .expect(0)
    .json();
    assert_eq!(doc["outcome"], "removed");
    assert_eq!(served(&sim, "deleteCache"), 1);
}

#[test]
fn without_a_terminal_it_needs_yes_and_sends_nothing() {
    let sb = Sandbox::new();
    let sim = sim::start(&[]);
    let run = run(&mut delete(&sim, &sb, &["-c", CACHE])).expect(2);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    assert_eq!(sim.stats()["requests"], 0);
}

#[test]
fn many_report_every_cache_once_and_exit_11() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 2, 3, "");
    let sim = sim::start(&["--scenario", &file]);
    let missing = "ffffffff-0000-4000-8000-000000000000";
    let mut input = format!("{missing}\n# every cache\n");
    for id in &ids {
        input.push_str(&format!("{id}\n"));
    }
    input.push_str(&format!("{}\n", ids[4]));
    let mut cmd = delete(&sim, &sb, &["--cache", "-", "--yes", "-o", "json"]);
    let doc = run(cmd.write_stdin(input)).expect(11).json();
    let got: Vec<&str> = doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["cacheId"].as_str().unwrap())
        .collect();
    assert_eq!(got.len(), 6, "{doc}");
    assert_eq!(got.iter().collect::<HashSet<_>>().len(), 6);
    assert_eq!(
        doc["summary"],
        json!({"removed": 3, "running": 2, "not_found": 1})
    );
    assert_eq!((&doc["ok"], &doc["cacheId"]), (&json!(false), &Value::Null));
    assert_eq!(served(&sim, "deleteCache"), 3);
    // The rest, by name and by ID, forced; the missing one is no failure.
    let human = run(&mut delete(
        &sim,
        &sb,
        &[
            "t0",
            "-c",
            &ids[1],
            missing,
            "--yes",
            "--force",
            "--if-exists",
        ],
    ))
    .expect(0);
    assert!(
        human.stdout.ends_with("3 caches: 1 absent, 2 removed\n"),
        "{}",
        human.stdout
    );
    assert_eq!(human.stdout.lines().count(), 4, "{}", human.stdout);
}

#[test]
fn the_dry_run_shows_the_reads_then_each_delete_and_sends_none() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 0, 2, "");
    let sim = sim::start(&["--scenario", &file]);
    let doc = run(&mut delete(
        &sim,
        &sb,
        &["t0", &ids[1], "--dry-run", "-o", "json"],
    ))
    .expect(0)
    .json();
    let shown: Vec<String> = doc["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let url = r["url"].as_str().unwrap();
            let path = url.split("/api/v1").nth(1).unwrap();
            format!("{} {path}", r["method"].as_str().unwrap())
        })
        .collect();
    let on = |id: &str, tail: &str| format!("/data/projects/demo/cache/{id}{tail}");
    assert_eq!(
        shown,
        [
            "GET /data/projects/demo/cache/status".to_string(),
            format!("GET {}", on(&ids[0], "/status?excludeLogs=true")),
            format!("DELETE {}", on(&ids[0], "")),
            format!("GET {}", on(&ids[1], "/status?excludeLogs=true")),
            format!("DELETE {}", on(&ids[1], "")),
        ]
    );
    assert_eq!(served(&sim, "deleteCache"), 0);
    assert_eq!(sim.stats()["requests"], 1, "only the list, for the name");
    // What the dry run of one cache shows is what is sent.
    let forced = run(&mut delete(
        &sim,
        &sb,
        &[&ids[1], "--force", "--dry-run", "-o", "json"],
    ))
    .expect(0)
    .json();
    assert_eq!(forced["requests"].as_array().unwrap().len(), 1);
    assert_eq!(forced["request"]["method"], "DELETE");
    run(&mut delete(&sim, &sb, &[&ids[1], "--force", "--yes"])).expect(0);
    assert_eq!(served(&sim, "deleteCache"), 1);
    assert_eq!(served(&sim, "getCacheStatus"), 0);
}

/// A cache whose last executions both completed.
fn idle() -> Value {
    json!({
        "id": CACHE, "projectId": PROJECT, "schemaName": "public", "tableName": "orders",
        "status": "COMPLETED",
        "lastFullRefreshCacheExecution": {"id": "f1", "status": "COMPLETED"}
    })
}

/// A server whose status read shows `idle()` and whose delete answers
/// `answer` for the try numbered from 1 (`None`: the connection drops).
fn answering(answer: fn(u32) -> Option<(u16, &'static str)>) -> Hostile {
    let tries = AtomicU32::new(0);
    Hostile::start(move |req, stream, _| {
        if req.method != "DELETE" {
            return hostile::json(stream, 200, &idle());
        }
        match answer(tries.fetch_add(1, Ordering::SeqCst) + 1) {
            Some((status, body)) => hostile::respond(stream, status, &[], body),
            None => hostile::Then::Close,
        }
    })
}

fn delete_on(server: &Hostile, extra: &[&str]) -> Run {
    let sb = Sandbox::new();
    let mut cmd = sb.api(&server.base);
    cmd.args([
        "cache", "delete", "-p", PROJECT, "-c", CACHE, "--yes", "-o", "json",
    ])
    .args(extra);
    run(&mut cmd)
}

#[test]
fn a_dropped_connection_then_404_is_removed() {
    let server = answering(|try_| (try_ > 1).then_some((404, "")));
    let doc = delete_on(&server, &[]).expect(0).json();
    assert_eq!(doc["outcome"], "removed", "{doc}");
    let deletes = server
        .requests()
        .iter()
        .filter(|r| r.method == "DELETE")
        .count();
    assert_eq!(deletes, 2);
    let path = format!("/api/v1/data/projects/{PROJECT}/cache/{CACHE}");
    assert!(server.requests().iter().any(|r| r.is("DELETE", &path)));
}

#[test]
fn a_404_without_an_earlier_try_is_deleted_meanwhile() {
    let server = answering(|_| Some((404, r#"{"message":"Cache not found"}"#)));
    let doc = delete_on(&server, &[]).expect(5).json();
    assert_eq!(doc["outcome"], "deleted", "{doc}");
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("meanwhile"));
    let doc = delete_on(&server, &["--if-exists"]).expect(0).json();
    assert_eq!(doc["outcome"], "absent");
    // Forced, nothing is read first: the 404 says there is no such cache.
    let doc = delete_on(&server, &["--force"]).expect(5).json();
    assert_eq!(doc["error"]["kind"], "not_found");
    assert!(doc["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Cache not found"));
}

#[test]
fn failure_answers_keep_their_exit_codes_and_the_apis_words() {
    let bad = answering(|_| Some((400, r#"{"message":"cache is locked by a migration"}"#)));
    let doc = delete_on(&bad, &[]).expect(10).json();
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cache is locked by a migration"),
        "{doc}"
    );
    assert_eq!(doc["error"]["httpStatus"], 400);
    let refused = answering(|_| Some((401, "")));
    let doc = delete_on(&refused, &["--force"]).expect(4).json();
    assert_eq!(doc["error"]["kind"], "auth");
    let missing = Hostile::start(|_, stream, _| hostile::respond(stream, 404, &[], ""));
    let doc = delete_on(&missing, &[]).expect(5).json();
    assert_eq!(doc["error"]["kind"], "not_found");
    assert!(missing.requests().iter().all(|r| r.method == "GET"));
}

/// `cache delete ARGS` on a pseudo-terminal, answered with `answer`: the
/// exit code and what the terminal showed.
fn asked(sim: &sim::Sim, sb: &Sandbox, args: &str, answer: &str) -> (Option<i32>, String) {
    use std::io::Write;
    let args = format!("--base-url {} cache delete -p demo {args}", sim.base);
    let mut child = on_a_terminal(sb, &args, Some(PARTNER));
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(answer.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    let screen = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!screen.contains(PARTNER));
    (out.status.code(), screen)
}

#[test]
fn on_a_terminal_it_names_each_cache_and_asks() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 1, 1, "");
    let sim = sim::start(&["--scenario", &file]);
    let both = format!("{} t1 --force", ids[0]);
    let (code, screen) = asked(&sim, &sb, &both, "n\n");
    assert_eq!(code, Some(2), "{screen}");
    for shown in [
        "public.t0",
        "table t1",
        "status RUNNING",
        "last refresh: full refresh",
    ] {
        assert!(screen.contains(shown), "{shown}: {screen}");
    }
    assert!(
        screen.contains("Delete these 2 caches?")
            && screen.contains("Their data and history (the cached table")
            && screen.contains("will be stopped")
            && screen.contains("[y/N]"),
        "{screen}"
    );
    assert!(screen.contains("nothing was deleted"), "{screen}");
    assert_eq!(served(&sim, "deleteCache"), 0);
    // Without --force, the running one is named as kept, the other asked.
    let (code, screen) = asked(&sim, &sb, &both.replace(" --force", ""), "y\n");
    assert_eq!(code, Some(11), "{screen}");
    assert!(screen.contains("kept: the full refresh"), "{screen}");
    assert!(screen.contains("Delete public.t1 ("), "{screen}");
    assert!(screen.contains("1 removed, 1 running"), "{screen}");
    assert_eq!(served(&sim, "deleteCache"), 1);
}
