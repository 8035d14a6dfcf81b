//! The data edges: answers that stray from the schema cost no item, large
//! answers work, every cap is named when hit, and long histories stream.

use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::common::*;
use crate::hostile::{self, Hostile, Then};

const A: &str = "aaaaaaaa-0000-4000-8000-000000000001";
const B: &str = "bbbbbbbb-0000-4000-8000-000000000002";
const C: &str = "cccccccc-0000-4000-8000-000000000003";

/// A server that answers the list with `list`, a status read with
/// `status`, a cancel with 200, and anything else with 404.
fn api(list: String, status: String) -> Hostile {
    Hostile::start(move |req, stream, _| {
        if req.is("GET", "/cache/status") {
            return hostile::respond(stream, 200, &[], &list);
        }
        if req.is("GET", "/status") {
            return hostile::respond(stream, 200, &[], &status);
        }
        if req.method == "POST" {
            return hostile::respond(stream, 200, &[], "");
        }
        hostile::respond(stream, 404, &[], "")
    })
}

/// Three caches, each with a field of a type the schema does not give it
/// (after a BOM, which a JSON answer may start with).
fn odd_caches() -> String {
    let bom = '\u{feff}';
    format!(
        r#"{bom}[
 {{"id": "{A}", "status": "RUNNING", "tableName": "a",
   "lastFullRefreshCacheExecution": {{"status": "running", "createdAt": 1764410400}}}},
 {{"id": "{B}", "status": 3, "tableName": "b",
   "lastFullRefreshCacheExecution": {{"status": "COMPLETED", "progress": {{"numberOfCachedRecords": 12.0}}}}}},
 {{"id": "{C}", "tableName": {{"x": 1}},
   "lastFullRefreshCacheExecution": {{"status": 7, "finishedAt": "2026-11-29T10:00:00Z",
     "progress": {{"numberOfCachedRecords": "12", "numberOfInsertedRecords": 18446744073709551616}}}}}}
]"#
    )
}

fn list(sb: &Sandbox, server: &Hostile, extra: &[&str]) -> Run {
    run(sb
        .api(&server.base)
        .args(["cache", "list", "-p", PROJECT])
        .args(extra))
}

fn all_running(sb: &Sandbox, server: &Hostile) -> Run {
    run(sb.api(&server.base).args([
        "cache",
        "cancel-full-refresh",
        "-p",
        PROJECT,
        "--all-running",
        "--yes",
        "-o",
        "json",
    ]))
}

fn posts(server: &Hostile) -> Vec<String> {
    let posts = server.requests().into_iter().filter(|r| r.method == "POST");
    posts.map(|r| r.path).collect()
}

#[test]
fn a_field_of_an_odd_type_costs_no_cache_in_the_list() {
    let server = api(odd_caches(), String::new());
    let sb = Sandbox::new();
    let doc = list(&sb, &server, &["-o", "json"]).expect(0);
    assert_eq!(doc.json()["caches"].as_array().unwrap().len(), 3);
    // Kept as the server sent them, not as a number type would hold them.
    for sent in [
        "\"createdAt\": 1764410400",
        "\"numberOfCachedRecords\": 12.0",
        "18446744073709551616",
    ] {
        assert!(doc.stdout.contains(sent), "{sent}: {}", doc.stdout);
    }
    let tsv = list(&sb, &server, &[]).expect(0);
    let rows: Vec<Vec<&str>> = tsv
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 3, "{}", tsv.stdout);
    assert_eq!(rows[0][5..7], ["running", "1764410400"]);
    assert_eq!(rows[1][4], "3");
    assert_eq!(rows[2][3..7], ["-", "-", "7", "2026-11-29T10:00:00Z"]);
    let running = list(&sb, &server, &["--status", "full:RUNNING"]).expect(0);
    assert_eq!(running.stdout.lines().count(), 1, "{}", running.stdout);
    assert!(running.stdout.starts_with(A));
}

#[test]
fn all_running_cancels_a_cache_whose_other_fields_are_odd() {
    let server = api(odd_caches(), String::new());
    let doc = all_running(&Sandbox::new(), &server).expect(0).json();
    assert_eq!(doc["summary"], json!({"cancel_requested": 1}));
    assert_eq!(doc["results"][0]["cacheId"], A);
    assert_eq!(posts(&server).len(), 1);
}

#[test]
fn a_running_cache_without_a_usable_id_fails_all_running_before_any_cancel() {
    let running =
        |id: Value| json!({"id": id, "lastFullRefreshCacheExecution": {"status": "RUNNING"}});
    for (second, why) in [
        (Value::Null, "has no id"),
        (json!("not-a-uuid"), "is not a UUID"),
        (json!(12), "is not a UUID"),
    ] {
        let answer = json!([running(json!(A)), running(second), {"id": C}]);
        let server = api(answer.to_string(), String::new());
        let doc = all_running(&Sandbox::new(), &server).expect(10).json();
        let message = doc["error"]["message"].as_str().unwrap();
        assert!(
            message.contains("cache 2 of 3") && message.contains(why),
            "{message}"
        );
        assert!(posts(&server).is_empty(), "nothing is sent");
    }
}

#[test]
fn an_item_that_is_not_an_object_fails_naming_its_place() {
    let server = api(json!([{"id": A}, 5]).to_string(), String::new());
    let listed = list(&Sandbox::new(), &server, &[]).expect(10);
    assert!(listed.stderr.contains("item 2 of 2"), "{}", listed.stderr);
    assert_eq!(listed.stdout, "");

    let server = Hostile::start(|_, stream, _| {
        hostile::respond(stream, 200, &[], r#"[{"id": "e2"}, "e1"]"#)
    });
    let mut cmd = Sandbox::new().api(&server.base);
    cmd.args(["cache", "history", "-p", PROJECT, "-c", CACHE]);
    let history = run(&mut cmd).expect(10);
    assert!(history.stderr.contains("item 2 of 2"), "{}", history.stderr);
}

fn odd_status() -> String {
    format!(
        r#"{{"id": "{CACHE}", "status": 1, "tableName": "orders",
  "lastFullRefreshCacheExecution": {{"id": "e1", "status": 7, "createdAt": 1764410400,
    "progress": {{"numberOfCachedRecords": 18446744073709551616, "numberOfInsertedRecords": "12"}}}}}}"#
    )
}

#[test]
fn a_status_with_odd_fields_is_shown_kept_and_not_judged_final() {
    let server = api(String::new(), odd_status());
    let sb = Sandbox::new();
    let status = ["cache", "status", "-p", PROJECT, "-c", CACHE];
    let human = run(sb.api(&server.base).args(status)).expect(0);
    for shown in [
        "Status    1",
        "status     7",
        "cached 18446744073709551616, inserted 12",
        "started    1764410400",
    ] {
        assert!(human.stdout.contains(shown), "{shown}:\n{}", human.stdout);
    }
    let json = run(sb.api(&server.base).args(status).args(["-o", "json"])).expect(0);
    assert!(json
        .stdout
        .contains("\"numberOfCachedRecords\": 18446744073709551616"));
    // Status 7 is not a state the code knows: not final, so the wait goes on.
    let mut wait = sb.api(&server.base);
    wait.args([
        "cache", "wait", "-p", PROJECT, "-c", CACHE, "--for", "finished",
    ])
    .args(["--timeout", "1s", "--interval", "200ms", "-o", "json"]);
    assert_eq!(run(&mut wait).expect(7).json()["outcome"], "timed_out");
}

#[test]
fn a_history_execution_with_odd_fields_is_listed_and_kept() {
    let page = r#"[{"id": "e3", "status": 4, "createdAt": 1764410400},
        {"id": "e2", "status": "FAILED", "error": "plain words", "executionMode": ["x"]},
        {"id": 1, "status": "COMPLETED", "createdAt": "2026-11-29T10:00:00Z", "finishedAt": 5}]"#;
    let server = Hostile::start(move |_, stream, _| hostile::respond(stream, 200, &[], page));
    let sb = Sandbox::new();
    let history = ["cache", "history", "-p", PROJECT, "-c", CACHE];
    let tsv = run(sb.api(&server.base).args(history)).expect(0);
    let rows: Vec<Vec<&str>> = tsv
        .stdout
        .lines()
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 3, "{}", tsv.stdout);
    assert_eq!(rows[0][..4], ["e3", "-", "4", "1764410400"]);
    assert_eq!((rows[1][1], rows[1][5]), ("-", "plain words"));
    assert_eq!(rows[2][0], "1");
    let json = run(sb.api(&server.base).args(history).args(["-o", "json"])).expect(0);
    assert_eq!(json.json()["executions"].as_array().unwrap().len(), 3);
    assert!(
        json.stdout.contains("\"createdAt\": 1764410400"),
        "{}",
        json.stdout
    );
}

fn id_of(n: usize) -> String {
    format!("{n:08x}-0000-4000-8000-{n:012x}")
}

fn path_of(cache: &str) -> String {
    format!("/api/v1/data/projects/{PROJECT}/cache/{cache}/cancelFullRefreshUpdate")
}

/// 50,000 caches, about 5 MB (small ones, so that the debug build reads
/// them fast): every 1000th has a full refresh RUNNING.
fn many_caches() -> &'static Arc<String> {
    static BODY: OnceLock<Arc<String>> = OnceLock::new();
    BODY.get_or_init(|| {
        let mut body = String::from("[");
        for n in 0..50_000 {
            let state = if n % 1000 == 0 { "RUNNING" } else { "COMPLETED" };
            let sep = if n == 0 { "" } else { "," };
            body.push_str(&format!(
                r#"{sep}{{"id":"{}","tableName":"t{n}","lastFullRefreshCacheExecution":{{"status":"{state}"}}}}"#,
                id_of(n)
            ));
        }
        body.push(']');
        Arc::new(body)
    })
}

fn many_server() -> Hostile {
    let body = many_caches().clone();
    Hostile::start(move |req, stream, _| {
        if req.method == "POST" {
            return hostile::respond(stream, 200, &[], "");
        }
        hostile::respond(stream, 200, &[], &body)
    })
}

/// The output of a child that must succeed; without the per-run checks of
/// `run`, which would parse the large document again.
fn succeeded(child: std::process::Child) -> String {
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains(KEY), "{stderr}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn fifty_thousand_caches_list_in_every_format_and_all_running_selects_them() {
    let server = many_server();
    let sb = Sandbox::new();
    // The runs side by side: each reads the whole answer.
    let start = |args: &[&str]| {
        let base = ["--base-url", server.base.as_str(), "cache"];
        sb.spawn(&[&base[..], args].concat(), &[("PEAKA_API_KEY", KEY)])
    };
    let list = ["list", "-p", PROJECT];
    let tsv = start(&list);
    let json = start(&[&list[..], &["-o", "json"]].concat());
    let running = start(&[&list[..], &["--status", "full:RUNNING"]].concat());
    let cancel = start(&[
        "cancel-full-refresh",
        "-p",
        PROJECT,
        "--all-running",
        "--yes",
    ]);

    let tsv = succeeded(tsv);
    assert_eq!(tsv.lines().count(), 50_000);
    let last = format!("{}\t-\t-\tt49999\t-\tCOMPLETED\t-\t-\t-\n", id_of(49_999));
    assert!(tsv.ends_with(&last), "{}", &tsv[tsv.len() - 200..]);
    let json = succeeded(json);
    assert_eq!(json.matches("\"tableName\"").count(), 50_000);
    assert!(json.starts_with("{\n  \"schemaVersion\": 1,") && json.ends_with("}\n"));
    let running = succeeded(running);
    assert_eq!(running.lines().count(), 50, "{running}");
    let cancelled = succeeded(cancel);
    assert!(
        cancelled.ends_with("50 caches: 50 cancel_requested\n"),
        "{cancelled}"
    );
    let mut cancelled: Vec<String> = posts(&server);
    cancelled.sort();
    let expected: Vec<String> = (0..50).map(|n| path_of(&id_of(n * 1000))).collect();
    assert_eq!(cancelled, expected);
}

/// The head of an answer that announces `length` bytes, then `body`, closed.
fn announced(stream: &mut std::net::TcpStream, length: usize, body: &str) -> Then {
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {length}\r\n\r\n"
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
    Then::Close
}

/// An answer with no length: its end is the connection's.
fn unannounced(stream: &mut std::net::TcpStream, body: &str) -> Then {
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n";
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
    Then::Close
}

/// A valid status of about `size` bytes.
fn status_of_size(size: usize) -> String {
    json!({"id": CACHE, "status": "RUNNING", "cacheActionLogs": [{"message": "x".repeat(size)}]})
        .to_string()
}

#[test]
fn an_answer_over_its_cap_says_so_and_large_answers_pass() {
    let sb = Sandbox::new();
    let status = [
        "cache",
        "status",
        "-p",
        PROJECT,
        "-c",
        CACHE,
        "--retries",
        "0",
    ];
    let big = status_of_size(3 << 19);
    for length in [Some(big.len()), None] {
        let body = big.clone();
        let server = Hostile::start(move |_, stream, _| match length {
            Some(length) => announced(stream, length, &body),
            None => unannounced(stream, &body),
        });
        let failed = run(sb.api(&server.base).args(status).args(["-o", "json"])).expect(10);
        let message = failed.json()["error"]["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(message.ends_with("the answer exceeded 1 MiB"), "{message}");
        // With its logs, a status may be large.
        run(sb.api(&server.base).args(status).arg("--logs")).expect(0);
    }
    let server = Hostile::start(|_, stream, _| announced(stream, 300 << 20, "[{}"));
    let started = Instant::now();
    let failed = list(&sb, &server, &["--retries", "0"]).expect(10);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        failed.stderr.contains("the answer exceeded 256 MiB"),
        "{}",
        failed.stderr
    );
    assert!(!failed.stderr.contains("malformed"), "{}", failed.stderr);
}

/// A history of `total` executions served at most `cap` a page, whatever
/// the limit asked; its requests are counted by the server.
fn history_server(total: usize, cap: usize) -> Hostile {
    Hostile::start(move |req, stream, _| {
        let offset: usize = query(&req.path, "offset");
        let page: Vec<Value> = (offset..total.min(offset + cap))
            .map(|n| json!({"id": format!("e{}", total - n), "status": "COMPLETED"}))
            .collect();
        hostile::json(stream, 200, &Value::Array(page))
    })
}

fn query(path: &str, name: &str) -> usize {
    let query = path.split_once('?').map_or("", |(_, q)| q);
    let pairs = query.split('&').filter_map(|p| p.split_once('='));
    pairs
        .filter(|(k, _)| *k == name)
        .find_map(|(_, v)| v.parse().ok())
        .unwrap_or(0)
}

fn history_all(sb: &Sandbox, server: &Hostile, extra: &[&str]) -> Run {
    let mut cmd = sb.api(&server.base);
    cmd.args(["cache", "history", "-p", PROJECT, "-c", CACHE, "--all"])
        .args(extra);
    run(&mut cmd)
}

#[test]
fn history_all_follows_short_pages_to_the_end() {
    let server = history_server(250, 30);
    let sb = Sandbox::new();
    let tsv = history_all(&sb, &server, &[]).expect(0);
    let ids: Vec<&str> = tsv
        .stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 250, "{}", tsv.stdout);
    assert_eq!((ids[0], ids[249]), ("e250", "e1"));
    let doc = history_all(&sb, &server, &["-o", "json"]).expect(0).json();
    assert_eq!(doc["executions"].as_array().unwrap().len(), 250);
}

#[test]
fn history_all_stops_at_a_page_with_nothing_new() {
    // A server that ignores the offset: its second page is its first.
    let server = Hostile::start(|_, stream, _| {
        let page: Vec<Value> = (0..100).map(|n| json!({"id": format!("e{n}")})).collect();
        hostile::json(stream, 200, &Value::Array(page))
    });
    let doc = history_all(&Sandbox::new(), &server, &["-o", "json"])
        .expect(0)
        .json();
    assert_eq!(doc["executions"].as_array().unwrap().len(), 100);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn history_all_prints_each_page_as_it_arrives() {
    let released = Arc::new(AtomicBool::new(false));
    let waited_out = Arc::new(AtomicBool::new(false));
    let (r, w) = (released.clone(), waited_out.clone());
    let server = Hostile::start(move |req, stream, _| {
        if query(&req.path, "offset") == 0 {
            let page: Vec<Value> = (0..100).map(|n| json!({"id": format!("e{n}")})).collect();
            return hostile::json(stream, 200, &Value::Array(page));
        }
        // The next page waits until the test has seen the first one.
        let end = Instant::now() + Duration::from_secs(10);
        while !r.load(Ordering::SeqCst) && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(10));
        }
        w.store(!r.load(Ordering::SeqCst), Ordering::SeqCst);
        hostile::respond(stream, 200, &[], "[]")
    });
    let sb = Sandbox::new();
    let args = [
        "--base-url",
        &server.base,
        "cache",
        "history",
        "-p",
        PROJECT,
        "-c",
        CACHE,
        "--all",
    ];
    let mut child = sb.spawn(&args, &[("PEAKA_API_KEY", KEY)]);
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    released.store(true, Ordering::SeqCst);
    assert!(first.starts_with("e0\t"), "{first}");
    let rest = stdout.lines().count();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    assert_eq!(rest, 99);
    assert!(
        !waited_out.load(Ordering::SeqCst),
        "the first page came only after the last"
    );
}

#[test]
fn cache_ids_past_the_input_limits_are_a_usage_error_naming_them() {
    let server = Hostile::start(|_, stream, _| hostile::respond(stream, 200, &[], ""));
    let sb = Sandbox::new();
    let bulk = [
        "cache",
        "cancel-full-refresh",
        "-p",
        PROJECT,
        "--cache",
        "-",
    ];
    let mut input = format!("{CACHE}\n").into_bytes();
    input.resize((64 << 20) + 1, b'#');
    let run1 = run(sb.api(&server.base).args(bulk).write_stdin(input)).expect(2);
    assert!(run1.stderr.contains("more than 64 MiB"), "{}", run1.stderr);
    let ids: String = (0..100_001)
        .map(|n| format!("{n:08x}-0000-4000-8000-{n:012x}\n"))
        .collect();
    let run2 = run(sb.api(&server.base).args(bulk).write_stdin(ids)).expect(2);
    assert!(
        run2.stderr.contains("more than 100000 cache IDs"),
        "{}",
        run2.stderr
    );
    assert!(server.requests().is_empty(), "nothing is sent");
}

/// An error answer over 1 MiB is cut, not refused: its first words, or its
/// JSON message, are still told.
#[test]
fn an_error_answer_over_its_cap_still_says_its_first_words() {
    let pad = "E".repeat(2 << 20);
    let text = format!("bad thing happened {pad}");
    let json = format!(r#"{{"message":"bad thing happened","pad":"{pad}"}}"#);
    for (content_type, body) in [("text/plain", text), ("application/json", json)] {
        let server = Hostile::start(move |_, stream, _| {
            hostile::respond(stream, 400, &[("content-type", content_type)], &body)
        });
        let failed = run(Sandbox::new().api(&server.base).args(CANCEL)).expect(10);
        assert!(
            failed
                .stderr
                .contains("the API answered 400: bad thing happened"),
            "{content_type}: {}",
            &failed.stderr[..failed.stderr.len().min(500)]
        );
    }
}
