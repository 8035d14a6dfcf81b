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

/// What people and JSON see of a cancel run with `key`, answered 401 with
/// `message`.
fn refused_with_key(key: &'static str, message: String) -> Vec<String> {
    let server = Hostile::start(move |_, stream, _| {
        hostile::json(stream, 401, &json!({ "message": message }))
    });
    let sb = Sandbox::new();
    [&[][..], &["-o", "json"]]
        .into_iter()
        .map(|extra| {
            let mut cmd = sb.cmd();
            cmd.env("PEAKA_API_KEY", key)
                .args(["--base-url", &server.base])
                .args(CANCEL)
                .args(extra);
            let run = run(&mut cmd).expect(4);
            format!("{}{}", run.stdout, run.stderr)
        })
        .collect()
}

#[test]
fn a_key_echoed_percent_encoded_is_redacted_too() {
    let key = "pk+test/SUPERSECRET=9";
    let encoded = "pk%2Btest%2FSUPERSECRET%3D9";
    for all in refused_with_key(key, format!("token {encoded} or {key}")) {
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

/// Answers every request with `answer(n, stream)`, `n` counting requests
/// from 0.
fn nth_answer(
    answer: impl Fn(usize, &mut std::net::TcpStream) -> hostile::Then + Send + Sync + 'static,
) -> Hostile {
    let count = std::sync::atomic::AtomicUsize::new(0);
    Hostile::start(move |_, stream, _| {
        answer(
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst),
            stream,
        )
    })
}

/// Where a server's text is cut (200 characters, `...` included), the key
/// placed at every offset around the cut: no 8 characters of it show, in
/// error messages and in status fields, for people and in JSON.
#[test]
fn no_eight_characters_of_the_key_at_any_offset_around_the_cut() {
    const FROM: usize = 200 - KEY.len() - 12;
    const TO: usize = 202;
    let text = |n: usize| format!("{}{KEY} and more", "m".repeat(FROM + n));
    let errors =
        nth_answer(move |n, stream| hostile::json(stream, 400, &json!({"message": text(n)})));
    let fields =
        nth_answer(move |n, stream| hostile::json(stream, 200, &status_of(&text(n), "RUNNING")));
    let sb = Sandbox::new();
    let status = ["cache", "status", "-p", PROJECT, "-c", CACHE];
    // One run per offset and command, people and JSON in turn.
    for offset in FROM..TO {
        let format = ["human", "json"][offset % 2];
        let cancel = run(sb
            .api(&errors.base)
            .args(CANCEL)
            .args(["--retries=0", "-o", format]))
        .expect(10);
        assert!(
            format!("{}{}", cancel.stdout, cancel.stderr).contains("mmm"),
            "the server's words are shown"
        );
        run(sb.api(&fields.base).args(status).args(["-o", format])).expect(0);
    }
}

/// A key split by characters that sanitizing removes, or by JSON escapes of
/// them, is still a key once they are gone.
#[test]
fn a_key_split_by_invisible_characters_is_still_masked() {
    let (head, tail) = KEY.split_at(KEY.len() / 2);
    for split in ["\u{200b}", "\u{1}", "\u{202e}\u{feff}"] {
        let text = format!("token {head}{split}{tail} end");
        let answer = text.clone();
        let errors = Hostile::start(move |_, stream, _| {
            hostile::json(stream, 403, &json!({"message": answer}))
        });
        let fields = Hostile::start(move |_, stream, _| {
            hostile::json(stream, 200, &status_of(&text, "RUNNING"))
        });
        let sb = Sandbox::new();
        for format in ["human", "json"] {
            let denied = run(sb.api(&errors.base).args(CANCEL).args(["-o", format])).expect(4);
            let all = format!("{}{}", denied.stdout, denied.stderr);
            assert!(all.contains("token *** end"), "{split:?}: {all}");
            run(sb
                .api(&fields.base)
                .args(["cache", "status", "-p", PROJECT, "-c", CACHE, "--logs"])
                .args(["-o", format]))
            .expect(0);
        }
    }
}

/// The progress line is cut to the terminal's width: a status field that
/// holds the key shows none of it at any width.
#[test]
fn the_progress_line_shows_no_run_of_the_key_at_any_width() {
    for width in [24, 33, 40, 47, 80] {
        let server = nth_answer(|n, stream| {
            if n == 1 {
                return hostile::respond(stream, 200, &[], "");
            }
            // A status the wait does not know is not final: it goes on.
            let status = match n {
                0 | 2 => format!("RUNNING{KEY}"),
                _ => "CANCELLED".to_string(),
            };
            let mut doc = status_of("plain", &status);
            doc["lastFullRefreshCacheExecution"]["id"] = json!(format!("e{KEY}"));
            hostile::json(stream, 200, &doc)
        });
        let sb = Sandbox::new();
        let args = format!(
            "--base-url {} {} --wait --interval 200ms",
            server.base,
            CANCEL.join(" ")
        );
        let shell = format!("stty cols {width} rows 24; exec");
        let child = on_a_terminal_with(&sb, &shell, &args, Some(KEY));
        let out = child.wait_with_output().unwrap();
        let screen = String::from_utf8_lossy(&out.stdout);
        assert!(screen.contains("Cancelled"), "{width}: {screen}");
        assert_no_run_of_key(&format!("a terminal {width} wide"), &screen);
    }
}

/// A crash cannot write the key to disk: the process allows no core file.
#[cfg(target_os = "linux")]
#[test]
fn a_running_peaka_allows_no_core_dump() {
    let sb = Sandbox::new();
    let args = [
        "--base-url",
        "http://127.0.0.1:9/api/v1",
        "cache",
        "cancel-full-refresh",
        "-p",
        "demo",
        "--cache",
        "-",
    ];
    let mut child = sb.spawn(&args, &[("PEAKA_API_KEY", KEY)]);
    // Held open so that peaka waits on it while the test looks.
    let stdin = child.stdin.take();
    wait_for_thread(child.id(), "peaka-stdin");
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", child.id())).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    drop(stdin);
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap();
    let words: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(words[4..6], ["0", "0"], "{core}");
}

/// A key shorter than the run that is never shown is never shown whole.
#[test]
fn a_short_key_is_never_shown_whole() {
    let key = "k7Zq2";
    for all in refused_with_key(key, format!("bad key k7Z\u{200b}q2 ({key})")) {
        assert!(all.contains("bad key *** (***)"), "{all}");
        assert!(!all.contains(key), "{all}");
    }
}

/// A key not read yet (a key file, the config file) is still never echoed,
/// by a usage error that quotes a flag's value or a line of stdin.
#[test]
fn a_usage_error_never_echoes_a_key_from_a_file() {
    let sb = Sandbox::new();
    let key_file = sb.path().join("key");
    std::fs::write(&key_file, format!("{KEY}\n")).unwrap();
    set_mode(&key_file, 0o600);
    let key_file = key_file.to_str().unwrap();
    sb.write_config(&format!("[profiles.other]\napi_key = \"{KEY}\"\n"), 0o600);
    // An unclosed quote: not even a name, so quoted back in the error.
    let unclosed = format!("\"{KEY}");
    let status = ["cache", "status", "-p", PROJECT, "-c", &unclosed];
    for extra in [&["--api-key-file", key_file][..], &[]] {
        let refused = run(sb.cmd().args(extra).args(status)).expect(2);
        assert!(
            refused.stderr.contains("invalid cache"),
            "{}",
            refused.stderr
        );
        run(sb
            .cmd()
            .args(extra)
            .args(CANCEL)
            .args(["--wait", "--interval", KEY]))
        .expect(2);
        let zone = run(sb.cmd().args(extra).args(["--zone", KEY]).args(CANCEL));
        assert_ne!(zone.code, 0);
    }
    let mut stdin = sb.cmd();
    stdin
        .args(["--api-key-file", key_file])
        .args([
            "cache",
            "cancel-full-refresh",
            "-p",
            PROJECT,
            "--cache",
            "-",
        ])
        .write_stdin(format!("{CACHE}\n\"{KEY}\n"));
    run(&mut stdin).expect(2);
}

/// A backslash or a percent sign just before a run of the key, and percent
/// encodings of any case or extent, hide nothing.
#[test]
fn escapes_around_the_key_hide_nothing() {
    // `\t` and a run of exactly eight: read as an escape, seven are left.
    let tail = &KEY[3..3 + RUN];
    let lower: String = KEY.replace('_', "%5f");
    let answer = json!({"message": format!("path C:\\{tail} and {lower} and %{tail}")});
    let errors = Hostile::start(move |_, stream, _| hostile::json(stream, 400, &answer));
    let fields = Hostile::start(move |_, stream, _| {
        let mut status = status_of(&format!("C:\\{tail}"), "RUNNING");
        status["tableName"] = json!(format!("\\\\{tail}"));
        hostile::json(stream, 200, &status)
    });
    let sb = Sandbox::new();
    for format in ["human", "json", "ndjson"] {
        let failed = run(sb
            .api(&errors.base)
            .args(CANCEL)
            .args(["--retries=0", "-o", format]))
        .expect(10);
        let all = format!("{}{}", failed.stdout, failed.stderr);
        assert!(all.contains("path C:"), "{all}");
        run(sb.api(&fields.base).args([
            "cache", "status", "-p", PROJECT, "-c", CACHE, "--logs", "-o", format,
        ]))
        .expect(0);
    }
}
