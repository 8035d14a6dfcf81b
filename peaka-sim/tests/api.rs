//! The simulator over real HTTP, spoken by hand (no client library, so this
//! reading of the reference stays independent of peaka's).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use serde_json::{json, Value};

const CACHE: &str = "960bd651-7b3c-4511-9a88-18e14ac7742a";

/// The simulator, started in-process; stopped when dropped.
struct Sim {
    _server: peaka_sim::Server,
    addr: String,
}

fn start(args: &[&str]) -> Sim {
    let server = peaka_sim::start(args).unwrap();
    let addr = server
        .base_url()
        .strip_prefix("http://")
        .and_then(|rest| rest.strip_suffix("/api/v1"))
        .unwrap()
        .to_string();
    Sim {
        _server: server,
        addr,
    }
}

impl Sim {
    /// Reads `path` until `done` holds (at most 10 s): waits for the event,
    /// not for a guessed time.
    fn until(&self, path: &str, done: impl Fn(&Value) -> bool) -> Value {
        let end = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let (_, body) = self.api("GET", path, None);
            if done(&body) || std::time::Instant::now() > end {
                return body;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn call(
        &self,
        method: &str,
        path: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let auth = key
            .map(|k| format!("Authorization: Bearer {k}\r\n"))
            .unwrap_or_default();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: x\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        let status = text[9..12].parse().unwrap();
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("");
        (status, serde_json::from_str(body).unwrap_or(Value::Null))
    }

    fn api(&self, method: &str, tail: &str, body: Option<Value>) -> (u16, Value) {
        self.call(
            method,
            &format!("/api/v1/data/projects/demo{tail}"),
            Some("sim-partner-key"),
            body,
        )
    }
}

#[test]
fn auth_scopes() {
    let sim = start(&[]);
    let status = "/api/v1/data/projects/other/cache/status";
    assert_eq!(sim.call("GET", status, None, None).0, 401);
    assert_eq!(sim.call("GET", status, Some("wrong"), None).0, 401);
    assert_eq!(
        sim.call("GET", status, Some("sim-project-key"), None).0,
        403
    );
    assert_eq!(
        sim.call("GET", status, Some("sim-partner-key"), None).0,
        200
    );
    let own = "/api/v1/data/projects/demo/cache/status";
    assert_eq!(sim.call("GET", own, Some("sim-project-key"), None).0, 200);
}

#[test]
fn cancel_is_a_signal_that_lands_later() {
    // Long enough that RUNNING right after the cancel is certain.
    let sim = start(&["--cancel-delay", "1500ms"]);
    let path = format!("/cache/{CACHE}/status?excludeLogs=true");
    let (code, status) = sim.api("GET", &path, None);
    assert_eq!(code, 200);
    assert!(status.get("cacheActionLogs").is_none());
    let running = status["lastFullRefreshCacheExecution"].clone();
    assert_eq!(running["status"], "RUNNING");
    assert_eq!(status["status"], "RUNNING");

    let cancel = format!("/cache/{CACHE}/cancelFullRefreshUpdate");
    assert_eq!(sim.api("POST", &cancel, None).0, 200);
    assert_eq!(
        sim.api("POST", &cancel, None).0,
        200,
        "signalling again is harmless"
    );
    assert_eq!(
        sim.api("GET", &path, None).1["lastFullRefreshCacheExecution"]["status"],
        "RUNNING"
    );
    let after = sim.until(&path, |s| {
        s["lastFullRefreshCacheExecution"]["status"] != "RUNNING"
    });
    assert_eq!(
        after["lastFullRefreshCacheExecution"]["status"],
        "CANCELLED"
    );
    assert_eq!(after["lastFullRefreshCacheExecution"]["id"], running["id"]);
    assert!(after["lastFullRefreshCacheExecution"]["finishedAt"].is_string());
    assert_eq!(
        sim.api("POST", &cancel, None).0,
        404,
        "nothing running any more"
    );
    assert_eq!(
        sim.api(
            "POST",
            &format!("/cache/{CACHE}/cancelIncrementalUpdate"),
            None
        )
        .0,
        404
    );

    assert_eq!(
        sim.api("POST", &format!("/cache/{CACHE}/fullRefreshUpdate"), None)
            .0,
        200
    );
    // The new execution shows a little after the trigger, as Peaka's does.
    let at_once = sim.api("GET", &path, None).1;
    assert_eq!(
        at_once["lastFullRefreshCacheExecution"]["id"],
        running["id"]
    );
    let restarted = sim.until(&path, |s| {
        s["lastFullRefreshCacheExecution"]["id"] != running["id"]
    });
    assert_eq!(
        restarted["lastFullRefreshCacheExecution"]["status"],
        "RUNNING"
    );
    assert_ne!(
        restarted["lastFullRefreshCacheExecution"]["id"],
        running["id"]
    );

    let (_, history) = sim.api(
        "GET",
        &format!("/cache/{CACHE}/executionHistory?limit=2&offset=0"),
        None,
    );
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert_eq!(
        history[0]["id"],
        restarted["lastFullRefreshCacheExecution"]["id"]
    );
    let (_, older) = sim.api(
        "GET",
        &format!("/cache/{CACHE}/executionHistory?limit=10&offset=1"),
        None,
    );
    assert!(older
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["id"] == running["id"] && e["status"] == "CANCELLED"));

    let (_, logs) = sim.api("GET", &format!("/cache/{CACHE}/status"), None);
    assert!(logs["cacheActionLogs"].as_array().unwrap().len() >= 3);
}

#[test]
fn unknown_caches_and_endpoints() {
    let sim = start(&[]);
    let missing = "/cache/00000000-0000-4000-8000-000000000000";
    for (method, tail) in [
        ("GET", "/status"),
        ("GET", "/executionHistory"),
        ("GET", ""),
        ("POST", "/cancelFullRefreshUpdate"),
        ("POST", "/fullRefreshUpdate"),
        ("DELETE", ""),
    ] {
        assert_eq!(
            sim.api(method, &format!("{missing}{tail}"), None).0,
            404,
            "{method} {tail}"
        );
    }
    assert_eq!(sim.api("GET", "/nothing/here", None).0, 404);
    assert_eq!(sim.api("PATCH", &format!("/cache/{CACHE}"), None).0, 405);
}

#[test]
fn create_list_update_delete() {
    let sim = start(&[]);
    let request = json!({"catalogId": "pg2", "schemaName": "sales", "tableName": "deals",
        "fullRefreshCacheSchedule": {"type": "BASIC", "expression": "P1D"}});
    let (code, created) = sim.api("POST", "/cache", Some(request.clone()));
    assert_eq!(code, 200);
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 36);
    assert_eq!(sim.api("POST", "/cache", Some(request)).0, 409);
    assert_eq!(
        sim.api("POST", "/cache", Some(json!({"catalogId": "x"}))).0,
        400
    );
    let status = sim.api("GET", &format!("/cache/{id}/status"), None).1;
    assert_eq!(
        status["lastFullRefreshCacheExecution"]["status"], "RUNNING",
        "the first sync starts at once"
    );

    let (_, list) = sim.api("GET", "/catalog/pg2/schema/sales/cache/status", None);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let (_, list) = sim.api("GET", "/catalog/postgres1/cache/status", None);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let (_, list) = sim.api("GET", "/cache/status", None);
    assert_eq!(list.as_array().unwrap().len(), 3);

    let update = json!({"incrementalCacheSchedule": {"type": "BASIC", "expression": "PT5M"}});
    let (code, settings) = sim.api("PUT", &format!("/cache/{id}"), Some(update));
    assert_eq!(code, 200);
    assert_eq!(settings["incrementalCacheSchedule"]["expression"], "PT5M");
    assert_eq!(
        sim.api(
            "PUT",
            &format!("/cache/{id}"),
            Some(json!({"fullRefreshCacheSchedule": {"type": "SOMETIMES"}}))
        )
        .0,
        400
    );

    let (code, batch) = sim.api(
        "POST",
        "/cache/batch",
        Some(json!([{"catalogId": "a", "schemaName": "b", "tableName": "c"}, {"schemaName": "x"}])),
    );
    assert_eq!(code, 200);
    assert_eq!(batch[0]["success"], true);
    assert_eq!(batch[1]["success"], false);

    assert_eq!(sim.api("DELETE", &format!("/cache/{id}"), None).0, 200);
    assert_eq!(sim.api("GET", &format!("/cache/{id}/status"), None).0, 404);
}

#[test]
fn faults_from_a_scenario() {
    let scenario = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/flaky.toml");
    let sim = start(&["--scenario", scenario]);
    let cancel = format!("/cache/{CACHE}/cancelFullRefreshUpdate");
    assert_eq!(sim.api("POST", &cancel, None).0, 503);
    assert_eq!(sim.api("POST", &cancel, None).0, 503);
    assert_eq!(sim.api("POST", &cancel, None).0, 200);
    let stats = sim.call("GET", "/_sim/stats", None, None).1;
    assert_eq!(stats["byOperation"]["cancelFullRefreshCache"], 3);
    assert_eq!(stats["connections"], 3);
}

#[test]
fn faults_from_a_flag() {
    let sim = start(&[
        "--fault",
        "endpoint=getCacheStatus,kind=status,status=500,count=1",
    ]);
    let path = format!("/cache/{CACHE}/status");
    assert_eq!(sim.api("GET", &path, None).0, 500);
    assert_eq!(sim.api("GET", &path, None).0, 200);
}

#[test]
fn refuses_non_loopback_without_the_flag() {
    let out = Command::new(env!("CARGO_BIN_EXE_peaka-sim"))
        .args(["--bind", "0.0.0.0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--allow-non-loopback"));
}

/// A scenario file of its own for one test, removed when dropped.
struct ScenarioFile(std::path::PathBuf);

impl ScenarioFile {
    fn new(name: &str, text: &str) -> ScenarioFile {
        let path =
            std::env::temp_dir().join(format!("peaka-sim-{}-{name}.toml", std::process::id()));
        std::fs::write(&path, text).unwrap();
        ScenarioFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for ScenarioFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `start` refuses, with a message that names every one of `names`.
fn refused(args: &[&str], names: &[&str]) {
    let Err(message) = peaka_sim::start(args) else {
        panic!("{args:?} started");
    };
    for name in names {
        assert!(message.contains(name), "{args:?}: {message}");
    }
}

#[test]
fn bad_flags_are_errors_naming_the_value() {
    refused(
        &["--run-for", "300000000000y"],
        &["300000000000y", "100years"],
    );
    refused(&["--cancel-delay", "soon"], &["soon"]);
    refused(
        &["--fault", "endpoint=*,kind=stall,stall=soon"],
        &["`soon`"],
    );
    refused(
        &["--fault", "endpoint=*,kind=status,status=70000"],
        &["`70000`"],
    );
    refused(
        &["--fault", "endpoint=cancelFullRefresh,kind=drop"],
        &["`cancelFullRefresh`", "cancelFullRefreshCache"],
    );
    refused(&["--fault", "endpoint=*,kind=explode"], &["`explode`"]);
    refused(&["--time-scale", "0"], &["`0`", "86400"]);
    refused(&["--time-scale", "fast"], &["`fast`"]);
    refused(&["--time-scale", "100000"], &["`100000`"]);
}

#[test]
fn bad_scenario_values_are_errors_naming_the_file_and_value() {
    for (name, text, value) in [
        ("stall", "[[faults]]\nendpoint = \"*\"\nkind = \"stall\"\nstall = \"soon\"", "`soon`"),
        ("status", "[[faults]]\nendpoint = \"*\"\nkind = \"status\"\nstatus = 70000", "`70000`"),
        ("endpoint", "[[faults]]\nendpoint = \"getStatus\"\nkind = \"drop\"", "`getStatus`"),
        ("run", "[[caches]]\nproject = \"p\"\nid = \"c\"\ntable = \"t\"\nfull_refresh = { status = \"PAUSED\" }", "PAUSED"),
        ("schedule", "[[caches]]\nproject = \"p\"\nid = \"c\"\ntable = \"t\"\nfull_schedule = \"P1M\"", "`P1M`"),
        ("fast", "time_scale = 86400\n[[caches]]\nproject = \"p\"\nid = \"c\"\ntable = \"t\"\nincremental_schedule = \"PT1S\"", "`PT1S`"),
        ("scale", "time_scale = 0", "`0`"),
    ] {
        let file = ScenarioFile::new(name, text);
        refused(&["--scenario", file.path()], &[file.path(), value]);
    }
}

#[test]
fn the_binary_exits_2_on_a_bad_value_without_panicking() {
    for args in [
        &["--run-for", "300000000000y"][..],
        &["--fault", "endpoint=*,kind=status,status=70000"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_peaka-sim"))
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(args[1]), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn bad_query_parameters_are_answered_400_naming_them() {
    let sim = start(&[]);
    for (tail, value) in [
        ("/status?excludeLogs=yes", "`yes`"),
        ("/executionHistory?limit=ten", "`ten`"),
        ("/executionHistory?limit=-1", "`-1`"),
        ("/executionHistory?offset=3000000000", "`3000000000`"),
    ] {
        let (code, problem) = sim.api("GET", &format!("/cache/{CACHE}{tail}"), None);
        assert_eq!(code, 400, "{tail}");
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.contains(value), "{tail}: {detail}");
    }
    let (code, status) = sim.api(
        "GET",
        &format!("/cache/{CACHE}/status?excludeLogs=TRUE"),
        None,
    );
    assert_eq!(code, 200);
    assert!(status.get("cacheActionLogs").is_none());
}

#[test]
fn paths_and_queries_are_percent_decoded() {
    let sim = start(&[]);
    let path = format!("/api/v1/data/projects/de%6Do/cache/{CACHE}/status?exclude%4Cogs=true");
    let (code, status) = sim.call("GET", &path, Some("sim-partner-key"), None);
    assert_eq!(code, 200);
    assert_eq!(status["projectId"], "demo");
    assert!(status.get("cacheActionLogs").is_none());
    let bad = "/api/v1/data/projects/%FF/cache/status";
    assert_eq!(sim.call("GET", bad, Some("sim-partner-key"), None).0, 400);
}

#[test]
fn a_bad_content_length_is_answered_400() {
    let sim = start(&[]);
    let mut stream = TcpStream::connect(&sim.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST /api/v1/data/projects/demo/cache HTTP/1.1\r\nContent-Length: lots\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 400 "), "{text}");
    assert!(text.contains("Content-Length"), "{text}");
}

#[test]
fn a_stall_answers_its_status_after_its_pause() {
    let sim = start(&[
        "--fault",
        "endpoint=getCacheStatus,kind=stall,stall=200ms,status=504,count=1",
    ]);
    let path = format!("/cache/{CACHE}/status");
    let started = std::time::Instant::now();
    assert_eq!(sim.api("GET", &path, None).0, 504);
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert_eq!(sim.api("GET", &path, None).0, 200);
}

const CUSTOMERS: &str = "0b7e1c52-3f0a-4d55-9b1e-6a2f9c8d4e11";

/// The schedules scenario at `time_scale`, with `more` flags.
fn scheduled(time_scale: &str, more: &[&str]) -> Sim {
    let scenario = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/schedules.toml");
    let mut args = vec!["--scenario", scenario, "--time-scale", time_scale];
    args.extend_from_slice(more);
    start(&args)
}

impl Sim {
    /// The full refreshes of `cache` in its history, newest first.
    fn fulls(&self, cache: &str) -> Vec<Value> {
        let path = format!("/cache/{cache}/executionHistory?limit=1000");
        let history = self.api("GET", &path, None).1;
        let all = history.as_array().cloned().unwrap_or_default();
        all.into_iter()
            .filter(|e| e["executionMode"] == "FULL_REFRESH")
            .collect()
    }

    /// Waits (at most 10 s) until `cache` has had `n` full refreshes.
    fn until_fulls(&self, cache: &str, n: usize) -> Vec<Value> {
        let end = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let fulls = self.fulls(cache);
            if fulls.len() >= n || std::time::Instant::now() > end {
                return fulls;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn a_cancelled_refresh_restarts_at_its_schedules_next_tick() {
    // PT15M ticks every 250 ms; the seeded 2-hour run lasts 2 s.
    let sim = scheduled("3600", &["--cancel-delay", "100ms", "--run-for", "2h"]);
    let first = sim.fulls(CACHE)[0].clone();
    assert_eq!(
        first["status"], "RUNNING",
        "ticks are skipped while it runs"
    );
    let cancel = format!("/cache/{CACHE}/cancelFullRefreshUpdate");
    assert_eq!(sim.api("POST", &cancel, None).0, 200);
    let status = sim.until(&format!("/cache/{CACHE}/status"), |s| {
        s["lastFullRefreshCacheExecution"]["id"] != first["id"]
    });
    let again = &status["lastFullRefreshCacheExecution"];
    assert_eq!(again["status"], "RUNNING", "{status}");
    let fulls = sim.fulls(CACHE);
    assert_eq!(fulls.len(), 2, "{fulls:?}");
    assert_eq!(
        (&fulls[1]["id"], &fulls[1]["status"]),
        (&first["id"], &json!("CANCELLED"))
    );
    let logs = status["cacheActionLogs"].as_array().unwrap();
    let started = logs.last().unwrap();
    assert_eq!(started["action"], "FULL_REFRESH_STARTED");
    assert_eq!(started["isScheduled"], true);
}

#[test]
fn a_refresh_cancelled_after_its_schedule_is_none_stays_stopped() {
    let sim = scheduled("3600", &["--cancel-delay", "100ms", "--run-for", "1m"]);
    let settings = format!("/cache/{CACHE}");
    let before = sim.api("GET", &settings, None).1;
    let none = json!({"fullRefreshCacheSchedule": {"type": "NONE"}});
    let (code, after) = sim.api("PUT", &settings, Some(none));
    assert_eq!(code, 200);
    assert_eq!(after["fullRefreshCacheSchedule"], json!({"type": "NONE"}));
    assert_eq!(
        after["incrementalCacheSchedule"], before["incrementalCacheSchedule"],
        "an omitted schedule is kept"
    );
    assert_eq!(after["incrementalCacheSchedule"]["expression"], "P1D");
    let cancel = format!("/cache/{CACHE}/cancelFullRefreshUpdate");
    assert_eq!(sim.api("POST", &cancel, None).0, 200);
    sim.until(&format!("/cache/{CACHE}/status"), |s| {
        s["lastFullRefreshCacheExecution"]["status"] == "CANCELLED"
    });
    // The other cache, on the same schedule, shows four ticks going by.
    let witness = sim.fulls(CUSTOMERS).len();
    assert!(sim.until_fulls(CUSTOMERS, witness + 4).len() >= witness + 4);
    let fulls = sim.fulls(CACHE);
    assert_eq!(fulls.len(), 1, "held: {fulls:?}");
    assert_eq!(fulls[0]["status"], "CANCELLED");
}

#[test]
fn the_tick_after_a_schedule_change_counts_from_the_change() {
    // PT15M ticks every 250 ms and its runs last 17 ms; PT1H ticks every second.
    let sim = scheduled("3600", &["--run-for", "1m"]);
    sim.until_fulls(CUSTOMERS, 2);
    let hourly = json!({"fullRefreshCacheSchedule": {"type": "BASIC", "expression": "PT1H"}});
    let sent = std::time::Instant::now();
    let (code, after) = sim.api("PUT", &format!("/cache/{CUSTOMERS}"), Some(hourly));
    assert_eq!(code, 200);
    assert_eq!(after["fullRefreshCacheSchedule"]["expression"], "PT1H");
    let before = sim.fulls(CUSTOMERS).len();
    let fulls = sim.until_fulls(CUSTOMERS, before + 1);
    let waited = sent.elapsed();
    assert_eq!(fulls.len(), before + 1, "{fulls:?}");
    assert!(
        waited >= Duration::from_secs(1),
        "fired {waited:?} after the change"
    );
    assert!(
        waited < Duration::from_secs(5),
        "fired {waited:?} after the change"
    );

    let bad = [
        (
            json!({"fullRefreshCacheSchedule": {"type": "BASIC", "expression": "P1M"}}),
            "P1M",
        ),
        (json!({"incrementalCacheSchedule": null}), "null"),
        (
            json!({"fullRefreshCacheSchedule": {"type": "BASIC", "expression": "PT0.01S"}}),
            "10ms",
        ),
    ];
    for (body, word) in bad {
        let (code, problem) = sim.api("PUT", &format!("/cache/{CUSTOMERS}"), Some(body));
        assert_eq!(code, 400);
        assert!(
            problem["detail"].as_str().unwrap().contains(word),
            "{problem}"
        );
    }
    let kept = sim.api("GET", &format!("/cache/{CUSTOMERS}"), None).1;
    assert_eq!(kept["fullRefreshCacheSchedule"]["expression"], "PT1H");
}
