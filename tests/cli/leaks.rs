//! Servers that echo the Authorization header, or send terminal controls,
//! into every field they can: the key never reaches any output path, and
//! server text never drives the terminal. (`run` checks stdout and stderr
//! for the key on every run.)

use serde_json::{json, Value};

use crate::common::*;
use crate::hostile::{self, Hostile, Request};

/// A cache status whose every string field is `text`; the followed
/// execution keeps a real id and `status`, so that a wait can judge it.
fn status_of(text: &str, status: &str) -> Value {
    json!({
        "id": CACHE, "projectId": PROJECT,
        "catalogId": text, "schemaName": text, "tableName": text, "status": "RUNNING",
        "lastFullRefreshCacheExecution": {
            "id": format!("e1 {text}"), "executionMode": text, "status": status,
            "error": {"message": text},
            "createdAt": text, "updatedAt": text, "finishedAt": text
        },
        "lastIncrementalCacheExecution": {"id": text, "status": text, "createdAt": text},
        "cacheActionLogs": [{"timestamp": text, "action": text, "message": text, "cacheType": text}]
    })
}

/// Echoes the Authorization header it receives into every field of every
/// answer; the cancel is accepted, and the status reads CANCELLED from the
/// third read on.
fn echoing() -> Hostile {
    let reads = std::sync::atomic::AtomicUsize::new(0);
    Hostile::start(move |req: &Request, stream, _| {
        let echo = format!("echo {} and {}", req.authorization, KEY);
        if req.is("POST", "/cancelFullRefreshUpdate") {
            return hostile::json(stream, 200, &json!({"message": echo}));
        }
        let n = reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let status = if n >= 2 { "CANCELLED" } else { "RUNNING" };
        hostile::json(stream, 200, &status_of(&echo, status))
    })
}

#[test]
fn status_fields_that_echo_the_key_are_redacted_in_every_mode() {
    let server = echoing();
    let sb = Sandbox::new();
    let status = ["cache", "status", "-p", PROJECT, "-c", CACHE];
    let human = run(sb.api(&server.base).args(status).arg("--logs")).expect(0);
    assert!(
        human.stdout.contains("echo Bearer *** and ***"),
        "{}",
        human.stdout
    );
    let doc = run(sb.api(&server.base).args(status).args(["-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(doc["status"]["tableName"], "echo Bearer *** and ***");
    run(sb.api(&server.base).args(status).arg("-v")).expect(0);
}

#[test]
fn a_wait_that_echoes_the_key_is_redacted_in_progress_events_and_result() {
    let server = echoing();
    let sb = Sandbox::new();
    for format in ["human", "json", "ndjson"] {
        let run = run(sb.api(&server.base).args(CANCEL).args([
            "--wait",
            "--interval",
            "200ms",
            "-v",
            "-o",
            format,
        ]))
        .expect(0);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(all.contains("e1 echo Bearer *** and ***"), "{all}");
    }
}

#[test]
fn error_bodies_headers_and_pages_that_echo_the_key_are_redacted() {
    let pages: Vec<(u16, &str, String)> = vec![
        (
            401,
            "application/json",
            json!({"message": "bad Bearer KEY"}).to_string(),
        ),
        (
            403,
            "application/problem+json",
            json!({"title": "x", "detail": "KEY"}).to_string(),
        ),
        (
            500,
            "text/plain",
            "upstream said: Authorization: Bearer KEY".into(),
        ),
        (
            400,
            "TEXT/HTML",
            "<html><body>Bearer KEY</body></html>".into(),
        ),
        (
            400,
            "text/plain",
            "\u{feff}  <!DOCTYPE html><p>Bearer KEY</p>".into(),
        ),
        (302, "text/plain", "moved".into()),
    ];
    for (status, content_type, body) in pages {
        let body = body.replace("KEY", KEY);
        let server = Hostile::start(move |_, stream, _| {
            let location = format!("https://elsewhere.example/login?token={KEY}");
            hostile::respond(
                stream,
                status,
                &[("content-type", content_type), ("location", &location)],
                &body,
            )
        });
        let sb = Sandbox::new();
        for extra in [&[][..], &["-o", "json"], &["-o", "ndjson", "-v"]] {
            let run = run(sb
                .api(&server.base)
                .args(CANCEL)
                .args(extra)
                .arg("--retries=0"));
            assert_ne!(run.code, 0, "{status}");
            if status == 302 {
                assert!(
                    run.stderr.contains("token=***") || run.stdout.contains("token=***"),
                    "{}{}",
                    run.stdout,
                    run.stderr
                );
            }
        }
    }
}

#[test]
fn a_key_echoed_percent_encoded_is_redacted_too() {
    let key = "pk+test/SUPERSECRET=9";
    let encoded = "pk%2Btest%2FSUPERSECRET%3D9";
    let server = Hostile::start(move |_, stream, _| {
        hostile::json(
            stream,
            401,
            &json!({"message": format!("token {encoded} or {key}")}),
        )
    });
    let sb = Sandbox::new();
    for extra in [&[][..], &["-o", "json"]] {
        let mut cmd = sb.cmd();
        cmd.env("PEAKA_API_KEY", key)
            .args(["--base-url", &server.base])
            .args(CANCEL)
            .args(extra);
        let run = run(&mut cmd).expect(4);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(all.contains("token *** or ***"), "{all}");
    }
}

#[test]
fn dry_run_and_config_show_never_show_the_key() {
    let sb = Sandbox::new();
    let dry =
        run(sb
            .api("http://127.0.0.1:9/api/v1")
            .args(CANCEL)
            .args(["--dry-run", "-o", "json"]))
        .expect(0)
        .json();
    assert_eq!(dry["request"]["headers"]["Authorization"], "Bearer ***");
    let show = run(sb.api("http://127.0.0.1:9/api/v1").args(["config", "show"])).expect(0);
    assert!(show.stdout.contains(" ***3a9c "), "{}", show.stdout);
}

const HOSTILE_TEXT: &str =
    "a\u{1b}[31mred\u{1b}]8;;https://evil.example\u{7}link\u{1b}]8;;\u{7}\rover\u{202e}gpj.exe\u{200b}\u{feff}\u{2066}\u{9b}z\u{7f}";

fn assert_clean(text: &str) {
    for c in [
        '\u{1b}', '\u{7}', '\r', '\u{202e}', '\u{200b}', '\u{feff}', '\u{2066}', '\u{9b}', '\u{7f}',
    ] {
        assert!(!text.contains(c), "{c:?} in {text:?}");
    }
}

#[test]
fn terminal_controls_from_the_server_never_reach_human_output() {
    let reads = std::sync::atomic::AtomicUsize::new(0);
    let server = Hostile::start(move |req: &Request, stream, _| {
        if req.is("POST", "/cancelFullRefreshUpdate") {
            return hostile::respond(stream, 200, &[], "");
        }
        let n = reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let status = if n >= 2 { "CANCELLED" } else { "RUNNING" };
        hostile::json(stream, 200, &status_of(HOSTILE_TEXT, status))
    });
    let sb = Sandbox::new();
    let status = ["cache", "status", "-p", PROJECT, "-c", CACHE, "--logs"];
    let human = run(sb.api(&server.base).args(status)).expect(0);
    assert_clean(&human.stdout);
    assert!(human
        .stdout
        .contains("Table     a[31mred]8;;https://evil.examplelink]8;; overgpj.exez"));
    let doc = run(sb.api(&server.base).args(status).args(["-o", "json"]))
        .expect(0)
        .json();
    // JSON keeps the server's values, escaped by the serializer.
    assert_eq!(doc["status"]["tableName"], HOSTILE_TEXT);

    let wait = run(sb
        .api(&server.base)
        .args(CANCEL)
        .args(["--wait", "--interval", "200ms"]))
    .expect(0);
    assert_clean(&wait.stdout);
    assert_clean(&wait.stderr);
    assert!(
        wait.stdout
            .starts_with("Cancelled: the full refresh e1 a[31mred"),
        "{}",
        wait.stdout
    );
}

#[test]
fn long_server_text_is_capped() {
    let long = "x".repeat(5000);
    let server = Hostile::start(move |_, stream, _| {
        hostile::json(stream, 200, &status_of(&long, "RUNNING"))
    });
    let sb = Sandbox::new();
    let run = run(sb
        .api(&server.base)
        .args(["cache", "status", "-p", PROJECT, "-c", CACHE]))
    .expect(0);
    // Each field at most 200 characters, its cut marked.
    assert!(!run.stdout.contains(&"x".repeat(198)), "{}", run.stdout);
    assert!(run
        .stdout
        .contains(&format!("Table     {}...", "x".repeat(197))));
}

#[test]
fn an_error_body_keeps_no_bidi_override() {
    let server = Hostile::start(|_, stream, _| {
        hostile::respond(
            stream,
            500,
            &[("content-type", "text/plain")],
            "bad \u{202e}txt.exe\u{1b}[2J",
        )
    });
    let run = run(Sandbox::new()
        .api(&server.base)
        .args(CANCEL)
        .arg("--retries=0"))
    .expect(10);
    assert_clean(&run.stderr);
    assert!(run.stderr.contains("bad txt.exe[2J"), "{}", run.stderr);
}
