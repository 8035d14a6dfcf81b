//! Cancelling many caches at once, against the simulator.

use std::collections::HashSet;

use serde_json::Value;

use crate::common::*;
use crate::sim;

pub const PARTNER: &str = "sim-partner-key";

/// A scenario of `running` caches with a full refresh RUNNING and `idle`
/// ones whose last full refresh COMPLETED; their IDs, in that order.
pub fn scenario(
    dir: &std::path::Path,
    running: usize,
    idle: usize,
    extra: &str,
) -> (String, Vec<String>) {
    let mut text = format!("{extra}\n[[keys]]\nkey = \"{PARTNER}\"\n");
    let mut ids = Vec::new();
    for n in 0..running + idle {
        let id = format!("{:08x}-0000-4000-8000-{:012x}", n + 1, n + 1);
        let state = if n < running {
            "RUNNING\", duration = \"10h"
        } else {
            "COMPLETED"
        };
        text.push_str(&format!(
            "\n[[caches]]\nproject = \"demo\"\nid = \"{id}\"\ntable = \"t{n}\"\nfull_refresh = {{ status = \"{state}\" }}\n"
        ));
        ids.push(id);
    }
    let path = dir.join("bulk.toml");
    std::fs::write(&path, text).unwrap();
    (path.to_str().unwrap().to_string(), ids)
}

fn bulk(sim: &sim::Sim, sb: &Sandbox, extra: &[&str]) -> assert_cmd::Command {
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_API_KEY", PARTNER)
        .args([
            "--base-url",
            &sim.base,
            "cache",
            "cancel-full-refresh",
            "-p",
            "demo",
        ])
        .args(extra);
    cmd
}

fn ids_of(doc: &Value) -> Vec<String> {
    doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["cacheId"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ids_from_stdin_each_once_within_the_concurrency() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(
        sb.path(),
        24,
        0,
        "latency = \"30ms\"\ncancel_delay = \"1h\"",
    );
    let sim = sim::start(&["--scenario", &file]);
    let mut input = String::from("# the caches to stop\n\n");
    for id in &ids {
        input.push_str(&format!("  {id}  # a comment\n"));
    }
    input.push_str(&format!("{}\n", ids[0]));
    let run = run(bulk(
        &sim,
        &sb,
        &["--cache", "-", "--concurrency", "4", "-o", "json"],
    )
    .write_stdin(input))
    .expect(0);
    let doc = run.json();
    let got = ids_of(&doc);
    assert_eq!(got.len(), 24, "each cache exactly once");
    assert_eq!(got.iter().collect::<HashSet<_>>().len(), 24);
    assert_eq!(doc["summary"]["cancel_requested"], 24);
    assert_eq!(
        (doc["ok"].as_bool(), doc["cacheId"].as_str()),
        (Some(true), None)
    );
    let stats = sim.stats();
    assert_eq!(stats["mostInFlight"], 4, "{stats}");
    assert!(stats["connections"].as_u64().unwrap() <= 4, "{stats}");
    assert_eq!(stats["byOperation"]["cancelFullRefreshCache"], 24);
}

#[test]
fn a_malformed_line_is_a_usage_error_naming_it_before_anything_is_sent() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 2, 0, "");
    let sim = sim::start(&["--scenario", &file]);
    let input = format!("{}\n# fine\n\n\"unclosed\n{}\n", ids[0], ids[1]);
    let run = run(bulk(&sim, &sb, &["--cache", "-"]).write_stdin(input)).expect(2);
    assert!(run.stderr.contains("line 4"), "{}", run.stderr);
    assert_eq!(sim.stats()["requests"], 0);
}

#[test]
fn partial_failure_is_11_with_every_result_once() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 3, 2, "cancel_delay = \"1h\"");
    let sim = sim::start(&["--scenario", &file]);
    let missing = "ffffffff-0000-4000-8000-000000000000";
    let mut args = vec!["-o", "json"];
    for id in ids.iter().map(String::as_str).chain([missing]) {
        args.extend(["--cache", id]);
    }
    let doc = run(&mut bulk(&sim, &sb, &args)).expect(11).json();
    assert_eq!(ids_of(&doc).len(), 6);
    assert_eq!(doc["summary"]["cancel_requested"], 3);
    assert_eq!(doc["summary"]["not_running"], 2);
    assert_eq!(doc["summary"]["not_found"], 1);
    assert_eq!(doc["ok"], false);
    let human = run(&mut bulk(
        &sim,
        &sb,
        &["--cache", &ids[3], "--cache", &ids[0], "--if-running"],
    ))
    .expect(0);
    assert_eq!(human.stdout.lines().count(), 3, "{}", human.stdout);
    assert!(
        human
            .stdout
            .ends_with("2 caches: 1 cancel_requested, 1 not_running\n"),
        "{}",
        human.stdout
    );
}

#[test]
fn ndjson_one_line_per_cache_then_the_document() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 3, 0, "cancel_delay = \"300ms\"");
    let sim = sim::start(&["--scenario", &file]);
    let args = [
        "--all-running",
        "--yes",
        "--wait",
        "--interval",
        "200ms",
        "-o",
        "ndjson",
    ];
    let run = run(&mut bulk(&sim, &sb, &args)).expect(0);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{}", run.stdout);
    assert!(lines[..3].iter().all(|l| l["outcome"] == "cancelled"));
    let last = &lines[3];
    assert_eq!(last["summary"]["cancelled"], 3);
    let mut got = ids_of(last);
    got.sort();
    assert_eq!(got, ids);
}

#[test]
fn all_running_needs_yes_without_a_terminal() {
    let sb = Sandbox::new();
    let (file, _) = scenario(sb.path(), 2, 1, "");
    let sim = sim::start(&["--scenario", &file]);
    let run = run(&mut bulk(&sim, &sb, &["--all-running"])).expect(2);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    assert_eq!(sim.stats()["requests"], 0);
    let doc = crate::common::run(&mut bulk(
        &sim,
        &sb,
        &["--all-running", "--yes", "-o", "json"],
    ))
    .expect(0)
    .json();
    assert_eq!(
        doc["summary"]["cancel_requested"], 2,
        "only the running ones: {doc}"
    );
}

#[test]
fn a_429_storm_on_some_caches_slows_the_run_but_fails_none() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 6, 0, "cancel_delay = \"1h\"");
    let fault = "endpoint=cancelFullRefreshCache,kind=status,status=429,retry_after=1,count=4";
    let sim = sim::start(&["--scenario", &file, "--fault", fault]);
    let mut args = vec!["--concurrency", "3", "-o", "json"];
    for id in &ids {
        args.extend(["--cache", id.as_str()]);
    }
    let run = run(&mut bulk(&sim, &sb, &args)).expect(0);
    let doc = run.json();
    assert_eq!(doc["summary"]["cancel_requested"], 6, "{doc}");
    assert!(run.stderr.contains("rate limited (429)"), "{}", run.stderr);
    assert_eq!(sim.stats()["byOperation"]["cancelFullRefreshCache"], 10);
}

#[test]
fn one_named_cache_keeps_the_single_cache_document() {
    let sim = sim::start(&[]);
    let sb = Sandbox::new();
    let doc = run(&mut bulk(&sim, &sb, &["--cache", CACHE, "-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(doc["outcome"], "cancel_requested");
    assert_eq!(doc["cacheId"], CACHE);
}

/// `--all-running` on a pseudo-terminal, answered with `answer`: the exit
/// code and what the terminal showed.
fn on_a_terminal(sim: &sim::Sim, sb: &Sandbox, answer: &str) -> (Option<i32>, String) {
    use std::io::Write;
    let args = format!(
        "--base-url {} cache cancel-full-refresh -p demo --all-running",
        sim.base
    );
    let mut child = crate::common::on_a_terminal(sb, &args, Some(PARTNER));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answer.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn all_running_asks_on_a_terminal_listing_the_caches() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 2, 1, "cancel_delay = \"1h\"");
    let sim = sim::start(&["--scenario", &file]);
    let (code, screen) = on_a_terminal(&sim, &sb, "n\n");
    assert_eq!(code, Some(2), "{screen}");
    assert!(
        screen.contains(&ids[0]) && screen.contains("t1") && !screen.contains(&ids[2]),
        "{screen}"
    );
    assert!(
        screen.contains("Cancel the full refresh of these 2 caches? [y/N]"),
        "{screen}"
    );
    assert_eq!(
        sim.stats()["byOperation"]["cancelFullRefreshCache"],
        Value::Null
    );
    let (code, screen) = on_a_terminal(&sim, &sb, "y\n");
    assert_eq!(code, Some(0), "{screen}");
    assert!(screen.contains("2 caches: 2 cancel_requested"), "{screen}");
    assert_eq!(sim.stats()["byOperation"]["cancelFullRefreshCache"], 2);
    assert!(!screen.contains(PARTNER));
}
