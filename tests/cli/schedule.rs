//! `peaka cache schedule show | set` through the real binary: against the
//! simulator, and against failure answers.

use mockito::Matcher;
use serde_json::{json, Value};

use crate::common::*;
use crate::sim;

const SIM_KEY: &str = "sim-partner-key";

/// `peaka ARGS…` against the simulator's demo project.
fn on_sim(sim: &sim::Sim, args: &[&str]) -> Run {
    let sb = Sandbox::new();
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_API_KEY", SIM_KEY)
        .args(["--base-url", &sim.base])
        .args(args);
    run(&mut cmd)
}

fn schedule<'a>(args: &[&'a str]) -> Vec<&'a str> {
    [&["cache", "schedule"][..], args, &["-p", "demo"]].concat()
}

#[test]
fn show_and_set_against_the_simulator() {
    let sim = sim::start(&[]);
    let shown = on_sim(&sim, &schedule(&["show", CACHE])).expect(0);
    assert!(shown.stdout.contains("every 1d"), "{}", shown.stdout);
    assert!(shown.stdout.contains("PT15M") && shown.stdout.contains("every 15m"));
    let set = [
        "set",
        "public.orders",
        "--full-schedule",
        "1d 12h",
        "-o",
        "json",
    ];
    let doc = on_sim(&sim, &schedule(&set)).expect(0).json();
    assert_eq!(doc["action"], "schedule-set");
    assert_eq!(doc["cacheId"], CACHE);
    let before = &doc["previousCacheSettings"];
    assert_eq!(before["fullRefreshCacheSchedule"]["expression"], "P1D");
    let after = &doc["cacheSettings"];
    assert_eq!(
        after["fullRefreshCacheSchedule"],
        json!({"type": "BASIC", "expression": "P1DT12H"})
    );
    assert_eq!(after["incrementalCacheSchedule"]["expression"], "PT15M");
    assert_eq!(after["tableName"], "orders", "every field kept");
    assert_eq!(doc["restored"], json!([]));
    let set = ["set", CACHE, "--incremental-schedule", "none"];
    let text = on_sim(&sim, &schedule(&set)).expect(0).stdout;
    assert!(
        text.contains("paused") && text.contains("(was every 15m, PT15M)"),
        "{text}"
    );
    let doc = on_sim(&sim, &schedule(&["show", "-c", CACHE, "-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(doc["action"], "schedule-show");
    let settings = &doc["cacheSettings"];
    assert_eq!(
        settings["incrementalCacheSchedule"],
        json!({"type": "NONE"})
    );
    assert_eq!(
        settings["fullRefreshCacheSchedule"]["expression"],
        "P1DT12H"
    );
    let stats = sim.stats();
    assert_eq!(stats["byOperation"]["updateCacheSettings"], 2, "{stats}");
    // A missing cache (404), a refused key (401).
    let missing = ["show", "0b7e1c52-0000-4d55-9b1e-6a2f9c8d4e11", "-o", "json"];
    let doc = on_sim(&sim, &schedule(&missing)).expect(5).json();
    assert_eq!(doc["error"]["kind"], "not_found");
    let sb = Sandbox::new();
    let mut cmd = sb.cmd();
    cmd.env("PEAKA_API_KEY", "sim-wrong-key-000")
        .args(["--base-url", &sim.base])
        .args(schedule(&["set", CACHE, "--full-schedule", "6h"]));
    run(&mut cmd).expect(4);
}

#[test]
fn a_schedule_that_is_not_one_is_exit_2_before_anything_is_sent() {
    // Nothing listens there: any request would fail otherwise.
    let base = "http://127.0.0.1:9/api/v1";
    for (bad, why) in [
        ("P1M", "length varies"),
        ("2y", "length varies"),
        ("0m", "shorter than a minute"),
        ("30s", "PT15M"),
        ("every day", "1d 12h"),
    ] {
        let args = [
            "cache",
            "schedule",
            "set",
            "-p",
            PROJECT,
            CACHE,
            "--full-schedule",
            bad,
        ];
        let out = run(Sandbox::new().api(base).args(args)).expect(2);
        assert!(out.stderr.contains(&format!("{bad:?}")), "{}", out.stderr);
        assert!(out.stderr.contains(why), "{}", out.stderr);
    }
    let neither = [
        "cache", "schedule", "set", "-p", PROJECT, CACHE, "-o", "json",
    ];
    let doc = run(Sandbox::new().api(base).args(neither)).expect(2).json();
    assert_eq!(doc["action"], "schedule-set");
}

#[test]
fn dry_run_lists_the_read_then_the_write() {
    let args = [
        "cache",
        "schedule",
        "set",
        "-p",
        PROJECT,
        CACHE,
        "--full-schedule",
        "6h",
        "--incremental-schedule",
        "none",
        "--dry-run",
        "-o",
        "json",
    ];
    let doc = run(Sandbox::new().api("http://127.0.0.1:9/api/v1").args(args))
        .expect(0)
        .json();
    let requests = doc["requests"].as_array().unwrap();
    let url = format!("http://127.0.0.1:9/api/v1/data/projects/{PROJECT}/cache/{CACHE}");
    assert_eq!(requests.len(), 2, "{doc:#}");
    assert_eq!(
        (&requests[0]["method"], &requests[0]["url"]),
        (&json!("GET"), &json!(url))
    );
    assert_eq!(requests[1]["method"], "PUT");
    assert_eq!(
        requests[1]["body"],
        json!({
            "fullRefreshCacheSchedule": {"type": "BASIC", "expression": "PT6H"},
            "incrementalCacheSchedule": {"type": "NONE"}
        })
    );
    assert_eq!(doc["request"], requests[1]);
}

fn settings(full: Value, incremental: Value) -> String {
    json!({
        "id": CACHE, "projectId": PROJECT, "schemaName": "public", "tableName": "orders",
        "fullRefreshCacheSchedule": full, "incrementalCacheSchedule": incremental,
        "appId": "kept"
    })
    .to_string()
}

#[test]
fn an_other_schedule_the_put_changed_is_written_back_and_said() {
    let (mut server, base) = server();
    let settings_path = format!("/api/v1/data/projects/{PROJECT}/cache/{CACHE}");
    let daily = json!({"type": "BASIC", "expression": "P1D"});
    let hourly = json!({"type": "BASIC", "expression": "PT1H"});
    server
        .mock("GET", settings_path.as_str())
        .with_body(settings(daily.clone(), hourly.clone()))
        .create();
    // The write of the full schedule answers with the incremental one gone.
    let write = server
        .mock("PUT", settings_path.as_str())
        .match_header("content-type", "application/json")
        .match_body(Matcher::Json(
            json!({"fullRefreshCacheSchedule": {"type": "BASIC", "expression": "PT6H"}}),
        ))
        .with_body(settings(
            json!({"type": "BASIC", "expression": "PT6H"}),
            Value::Null,
        ))
        .expect(1)
        .create();
    let back = server
        .mock("PUT", settings_path.as_str())
        .match_body(Matcher::Json(json!({"incrementalCacheSchedule": hourly})))
        .with_body(settings(
            json!({"type": "BASIC", "expression": "PT6H"}),
            hourly.clone(),
        ))
        .expect(1)
        .create();
    let args = [
        "cache",
        "schedule",
        "set",
        "-p",
        PROJECT,
        CACHE,
        "--full-schedule",
        "PT6H",
        "-o",
        "json",
    ];
    let out = run(Sandbox::new().api(&base).args(args)).expect(0);
    write.assert();
    back.assert();
    assert!(
        out.stderr
            .contains("incremental sync schedule changed to not set; wrote it back"),
        "{}",
        out.stderr
    );
    let doc = out.json();
    assert_eq!(
        doc["restored"],
        json!([{"kind": "incremental", "schedule": hourly, "changedTo": null}])
    );
    assert_eq!(doc["cacheSettings"]["incrementalCacheSchedule"], hourly);
    assert_eq!(doc["previousCacheSettings"]["appId"], "kept");
}

#[test]
fn failure_answers() {
    let (mut server, base) = server();
    let settings_path = format!("/api/v1/data/projects/{PROJECT}/cache/{CACHE}");
    let daily = json!({"type": "BASIC", "expression": "P1D"});
    server
        .mock("GET", settings_path.as_str())
        .with_body(settings(daily.clone(), daily))
        .create();
    server
        .mock("PUT", settings_path.as_str())
        .with_status(400)
        .with_body(
            r#"{"title": "Bad Request", "detail": "schedule expression PT6H is not allowed here"}"#,
        )
        .create();
    let args = [
        "cache",
        "schedule",
        "set",
        "-p",
        PROJECT,
        CACHE,
        "--full-schedule",
        "6h",
        "-o",
        "json",
    ];
    let out = run(Sandbox::new().api(&base).args(args)).expect(10);
    let doc = out.json();
    assert_eq!(doc["error"]["httpStatus"], 400);
    let message = doc["error"]["message"].as_str().unwrap();
    assert!(message.contains("is not allowed here"), "{message}");
    // A dropped connection on every try.
    let sim = sim::start(&["--fault", "endpoint=getCacheSettings,kind=drop,count=10"]);
    let out = on_sim(
        &sim,
        &[&schedule(&["show", CACHE])[..], &["--retries", "1"]].concat(),
    );
    assert_eq!(out.code, 9, "{}", out.stderr);
    assert_eq!(sim.stats()["byOperation"]["getCacheSettings"], 2);
}

const IDLE: &str = "0b7e1c52-3f0a-4d55-9b1e-6a2f9c8d4e11";

#[test]
fn hold_pauses_the_schedule_then_cancels_and_says_how_to_restore_it() {
    let sim = sim::start(&[]);
    let cancel = [
        "cache",
        "cancel-full-refresh",
        "-p",
        "demo",
        CACHE,
        "--hold",
    ];
    let out = on_sim(&sim, &cancel).expect(0);
    assert!(out.stdout.contains("Cancel requested"), "{}", out.stdout);
    assert!(
        out.stdout.contains("it was every 1d, P1D"),
        "{}",
        out.stdout
    );
    let restore = format!("peaka cache schedule set -p demo {CACHE} --full-schedule P1D");
    assert!(out.stdout.contains(&restore), "{}", out.stdout);
    let stats = sim.stats();
    let by = &stats["byOperation"];
    assert_eq!(
        (&by["getCacheSettings"], &by["updateCacheSettings"]),
        (&json!(1), &json!(1))
    );
    assert_eq!(by["cancelFullRefreshCache"], 1, "{stats}");
    let doc = on_sim(&sim, &schedule(&["show", CACHE, "-o", "json"]))
        .expect(0)
        .json();
    let settings = &doc["cacheSettings"];
    assert_eq!(
        settings["fullRefreshCacheSchedule"],
        json!({"type": "NONE"})
    );
    assert_eq!(
        settings["incrementalCacheSchedule"]["expression"], "PT15M",
        "not written"
    );
    // Nothing running: not_running as ever, and the schedule stays paused.
    let idle = [
        "cache",
        "cancel-incremental",
        "-p",
        "demo",
        IDLE,
        "--hold",
        "-o",
        "json",
    ];
    let doc = on_sim(&sim, &idle).expect(6).json();
    assert_eq!(doc["outcome"], "not_running");
    assert_eq!(
        doc["held"],
        json!({"kind": "incremental", "previous": {"type": "BASIC", "expression": "PT15M"}})
    );
    assert_eq!(doc["restored"], json!([]));
    let doc = on_sim(&sim, &schedule(&["show", IDLE, "-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(
        doc["cacheSettings"]["incrementalCacheSchedule"],
        json!({"type": "NONE"})
    );
    let again = [&idle[..], &["--if-running"]].concat();
    let doc = on_sim(&sim, &again).expect(0).json();
    assert_eq!(doc["held"]["previous"], json!({"type": "NONE"}));
    // Many caches: each result carries its own.
    let bulk = [
        "cache",
        "cancel-full-refresh",
        "-p",
        "demo",
        CACHE,
        IDLE,
        "--hold",
        "-o",
        "json",
    ];
    let doc = on_sim(&sim, &bulk).json();
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{doc:#}");
    assert!(
        results.iter().all(|r| r["held"]["kind"] == "full"),
        "{doc:#}"
    );
}

#[test]
fn hold_on_failure_answers() {
    let (mut server, base) = server();
    let settings_path = format!("/api/v1/data/projects/{PROJECT}/cache/{CACHE}");
    let daily = json!({"type": "BASIC", "expression": "P1D"});
    server
        .mock("GET", settings_path.as_str())
        .with_body(settings(daily.clone(), daily.clone()))
        .create();
    let refused = server
        .mock("PUT", settings_path.as_str())
        .with_status(400)
        .with_body(r#"{"message": "schedules are locked for this cache"}"#)
        .expect(1)
        .create();
    let cancel = server
        .mock("POST", cancel_path().as_str())
        .expect(0)
        .create();
    let args = [&CANCEL[..], &["--hold", "-o", "json"]].concat();
    let doc = run(Sandbox::new().api(&base).args(&args)).expect(10).json();
    refused.assert();
    cancel.assert();
    assert_eq!(doc["cancelSent"], false);
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .contains("schedules are locked"),
        "{doc:#}"
    );
    assert!(doc.get("held").is_none(), "{doc:#}");
    // Paused, then the cancel fails: the document still says what was held.
    refused.remove();
    server
        .mock("PUT", settings_path.as_str())
        .match_body(Matcher::Json(
            json!({"fullRefreshCacheSchedule": {"type": "NONE"}}),
        ))
        .with_body(settings(json!({"type": "NONE"}), daily.clone()))
        .create();
    cancel.remove();
    let failing = server
        .mock("POST", cancel_path().as_str())
        .with_status(500)
        .create();
    let args = [&CANCEL[..], &["--hold", "--retries", "0", "-o", "json"]].concat();
    let doc = run(Sandbox::new().api(&base).args(&args)).expect(10).json();
    assert_eq!(doc["held"], json!({"kind": "full", "previous": daily}));
    // A 404 on the cancel is judged from a status read after it.
    failing.remove();
    server
        .mock("POST", cancel_path().as_str())
        .with_status(404)
        .create();
    let status = server
        .mock("GET", path("status").as_str())
        .match_query(Matcher::Any)
        .with_body(running_status("f-1", "CANCELLED"))
        .expect(1)
        .create();
    let out = run(Sandbox::new().api(&base).args(CANCEL).arg("--hold")).expect(6);
    status.assert();
    assert!(out.stderr.contains("--full-schedule P1D"), "{}", out.stderr);
}

#[test]
fn dry_run_hold_lists_the_three_requests() {
    let args = [&CANCEL[..], &["--hold", "--dry-run", "-o", "json"]].concat();
    let doc = run(Sandbox::new().api("http://127.0.0.1:9/api/v1").args(&args))
        .expect(0)
        .json();
    let requests = doc["requests"].as_array().unwrap();
    let methods: Vec<&str> = requests
        .iter()
        .map(|r| r["method"].as_str().unwrap())
        .collect();
    assert_eq!(methods, ["GET", "PUT", "POST"], "{doc:#}");
    assert_eq!(
        requests[1]["body"],
        json!({"fullRefreshCacheSchedule": {"type": "NONE"}})
    );
    assert!(requests[2]["url"]
        .as_str()
        .unwrap()
        .ends_with("/cancelFullRefreshUpdate"));
    assert_eq!(doc["request"], requests[2]);
}
