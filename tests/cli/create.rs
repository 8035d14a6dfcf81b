//! `peaka cache create`: against the simulator, and against failure answers
//! (a create is never sent twice).

use serde_json::{json, Value};

use crate::common::*;
use crate::hostile::{self, Hostile, Then};
use crate::sim;

const PARTNER: &str = "sim-partner-key";

fn create(base: &str, key: &str, args: &[&str]) -> Run {
    let sb = Sandbox::new();
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_API_KEY", key)
        .args(["--base-url", base, "cache", "create", "-p", "demo"])
        .args(args);
    run(&mut cmd)
}

const ONE: [&str; 6] = [
    "--catalog",
    "cat1",
    "--schema",
    "public",
    "--table",
    "fresh",
];

#[test]
fn one_cache_created_followed_then_found_existing() {
    let sim = sim::start(&["--run-for", "300ms"]);
    let wait = [
        "--full-schedule",
        "1d",
        "--wait",
        "--interval",
        "200ms",
        "-o",
        "json",
    ];
    let doc = create(&sim.base, PARTNER, &[&ONE[..], &wait].concat())
        .expect(0)
        .json();
    assert_eq!(doc["outcome"], "completed", "{doc:#}");
    assert_eq!(doc["execution"]["executionMode"], "FULL_REFRESH");
    assert_eq!(doc["cacheName"], "public.fresh");
    let id = doc["cacheId"].as_str().unwrap().to_string();
    assert_eq!(doc["cache"]["id"], id.as_str());
    assert_eq!(
        doc["cache"]["fullRefreshCacheSchedule"]["expression"],
        "P1D"
    );
    let again = create(&sim.base, PARTNER, &[&ONE[..], &["-o", "json"]].concat())
        .expect(12)
        .json();
    assert_eq!(
        (again["outcome"].clone(), again["cacheId"].clone()),
        (json!("exists"), json!(id))
    );
    assert_eq!(again["error"]["kind"], "exists");
    let run = create(&sim.base, PARTNER, &[&ONE[..], &["--if-missing"]].concat()).expect(0);
    assert!(run.stdout.contains(&id), "{}", run.stdout);
    let stats = sim.stats();
    assert_eq!(stats["byOperation"]["createCache"], 3, "{stats}");
}

#[test]
fn many_from_a_file_in_calls_of_100_each_reported_once() {
    let sim = sim::start(&[]);
    let mut file = String::new();
    // 101 tables, the last of them named twice: the API refuses the second.
    for n in 0..102 {
        let table = n.min(100);
        file.push_str(&format!(
            "[[cache]]\ncatalog = \"cat1\"\nschema = \"bulk\"\ntable = \"t{table}\"\nincremental_schedule = \"6h\"\n\n"
        ));
    }
    let sb = Sandbox::new();
    let path = sb.path().join("caches.toml");
    std::fs::write(&path, &file).unwrap();
    let doc = create(
        &sim.base,
        PARTNER,
        &["--from", path.to_str().unwrap(), "-o", "json"],
    )
    .expect(11)
    .json();
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 102);
    assert_eq!(doc["summary"], json!({"created": 101, "failed": 1}));
    assert_eq!(results[100]["outcome"], "created");
    assert_eq!(results[101]["outcome"], "failed");
    assert!(results[101]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("exists"));
    assert_eq!(sim.stats()["byOperation"]["createBatchCache"], 2);
    let dry = create(
        &sim.base,
        PARTNER,
        &["--from", path.to_str().unwrap(), "--dry-run", "-o", "json"],
    )
    .expect(0)
    .json();
    let bodies: Vec<usize> = dry["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["body"].as_array().unwrap().len())
        .collect();
    assert_eq!(bodies, [100, 2]);
}

/// A server that answers the create with `status` and `body`, and lists
/// `listed` caches.
fn answering(status: u16, body: Value, listed: Value) -> Hostile {
    Hostile::start(move |req, stream, _| match req.method.as_str() {
        "POST" => hostile::json(stream, status, &body),
        _ => hostile::json(stream, 200, &listed),
    })
}

fn posts(server: &Hostile) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .count()
}

#[test]
fn failure_answers() {
    let words = json!({"message": "Table not found: cat1.public.fresh"});
    for (status, code, said) in [
        (400, 10, "Table not found"),
        (404, 5, "404"),
        (401, 4, "not accepted"),
        (500, 10, "may have been created"),
    ] {
        let server = answering(status, words.clone(), json!([]));
        let run = create(&server.base, KEY, &ONE).expect(code);
        assert!(run.stderr.contains(said), "{status}: {}", run.stderr);
        assert_eq!(posts(&server), 1, "{status}: sent once");
    }
    // 409 without the cache's id: one read of the schema's list finds it.
    let listed =
        json!([{"id": CACHE, "catalogId": "cat1", "schemaName": "public", "tableName": "fresh"}]);
    let server = answering(409, json!({"title": "Conflict"}), listed);
    let doc = create(&server.base, KEY, &[&ONE[..], &["-o", "json"]].concat())
        .expect(12)
        .json();
    assert_eq!(
        (doc["outcome"].clone(), doc["cacheId"].clone()),
        (json!("exists"), json!(CACHE))
    );
    let reads: Vec<String> = server.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(reads.len(), 2, "{reads:?}");
    assert!(
        reads[1].ends_with("/catalog/cat1/schema/public/cache/status"),
        "{reads:?}"
    );
}

#[test]
fn a_create_whose_connection_dropped_is_not_sent_again() {
    let server = Hostile::start(|_, _, _| Then::Close);
    let run = create(&server.base, KEY, &ONE).expect(10);
    assert!(
        run.stderr.contains("peaka cache list --project demo"),
        "{}",
        run.stderr
    );
    assert_eq!(posts(&server), 1);
    let sb = Sandbox::new();
    let path = sb.path().join("c.toml");
    std::fs::write(
        &path,
        "[[cache]]\ncatalog = \"c\"\nschema = \"s\"\ntable = \"t\"\n",
    )
    .unwrap();
    let doc = create(
        &server.base,
        KEY,
        &["--from", path.to_str().unwrap(), "-o", "json"],
    )
    .expect(10)
    .json();
    assert_eq!(doc["summary"], json!({"failed": 1}));
    assert_eq!(posts(&server), 2, "one more: the batch call, once");
}

#[test]
fn a_batch_answer_of_another_count_is_exit_10() {
    let server = answering(200, json!([]), json!([]));
    let sb = Sandbox::new();
    let mut cmd = sb.api(&server.base);
    cmd.args(["cache", "create", "-p", "demo", "--from", "-"])
        .write_stdin("[[cache]]\ncatalog = \"c\"\nschema = \"s\"\ntable = \"t\"\n");
    let run = run(&mut cmd).expect(10);
    assert!(
        run.stderr.contains("answered 0 results to 1 caches"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_lines_are_refused_before_anything_is_sent() {
    let server = answering(200, json!({}), json!([]));
    let wait = create(&server.base, KEY, &[&ONE[..], &["--wait"]].concat()).expect(2);
    assert!(wait.stderr.contains("schedule"), "{}", wait.stderr);
    create(
        &server.base,
        KEY,
        &[&ONE[..], &["--full-schedule", "P1M"]].concat(),
    )
    .expect(2);
    let sb = Sandbox::new();
    let mut cmd = sb.api(&server.base);
    cmd.args(["cache", "create", "-p", "demo", "--from", "-"])
        .write_stdin("[[cache]]\ncatalog = \"c\"\nschema = \"s\"\ntable = \"t\"\nowner = \"me\"\n");
    let run = run(&mut cmd).expect(2);
    assert!(
        run.stderr.contains("standard input, line 5"),
        "{}",
        run.stderr
    );
    assert!(server.requests().is_empty());
}
