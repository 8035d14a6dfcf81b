//! SIGINT, SIGTERM and SIGHUP end a run within a second, wherever it is,
//! with its one final document. Each test waits for an observable event (a
//! request at the server, a line on stderr) before it signals.

use std::io::{BufRead, BufReader, Read};
use std::process::Child;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::*;
use crate::hostile::{self, Hostile};

struct Running {
    child: Child,
    lines: Receiver<String>,
    stderr: Vec<String>,
}

impl Running {
    fn start(sb: &Sandbox, base: &str, args: &[&str]) -> Running {
        let args = [&["--base-url", base][..], args].concat();
        let mut child = sb.spawn(&args, &[("PEAKA_API_KEY", KEY)]);
        let stderr = child.stderr.take().unwrap();
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        Running {
            child,
            lines,
            stderr: Vec::new(),
        }
    }

    /// Waits for a stderr line that contains `text`.
    fn wait_for_line(&mut self, text: &str) {
        let end = Instant::now() + Duration::from_secs(20);
        while let Ok(line) = self.lines.recv_timeout(end - Instant::now()) {
            self.stderr.push(line.clone());
            if line.contains(text) {
                return;
            }
        }
        panic!("no line with {text:?}; saw {:?}", self.stderr);
    }

    /// Sends `signal`, then waits for the end: the exit code, stdout and the
    /// time it took to end.
    fn signal(mut self, signal: &str) -> (Option<i32>, String, Duration) {
        send_signal(self.child.id(), signal);
        let sent = Instant::now();
        let status = self.child.wait().unwrap();
        let took = sent.elapsed();
        let mut stdout = String::new();
        self.child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        assert!(!stdout.contains(KEY));
        (status.code(), stdout, took)
    }
}

fn document(stdout: &str) -> Value {
    check_documents(stdout);
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout:?}"))
}

#[test]
fn each_signal_while_waiting_ends_with_its_code_and_the_document() {
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let server = Hostile::start(|req, stream, _| {
            if req.is("POST", "/cancelFullRefreshUpdate") {
                return hostile::respond(stream, 200, &[], "");
            }
            hostile::respond(stream, 200, &[], &running_status("e1", "RUNNING"))
        });
        let sb = Sandbox::new();
        let mut args = CANCEL.to_vec();
        args.extend(["--wait", "--interval", "200ms", "-o", "json"]);
        let mut run = Running::start(&sb, &server.base, &args);
        run.wait_for_line("full refresh e1: RUNNING");
        let (exit, stdout, took) = run.signal(signal);
        assert_eq!(exit, Some(code), "SIG{signal}: {stdout}");
        assert!(took < Duration::from_secs(1), "SIG{signal} took {took:?}");
        let doc = document(&stdout);
        assert_eq!(doc["outcome"], "interrupted");
        assert_eq!(doc["cancelSent"], true);
        assert_eq!(doc["execution"]["id"], "e1");
        assert_eq!(doc["exitCode"], code);
        assert!(doc["error"]["hint"]
            .as_str()
            .unwrap()
            .contains("peaka cache status"));
    }
}

#[test]
fn a_signal_during_a_hung_first_read_ends_at_once_with_no_cancel_sent() {
    let server = Hostile::start(|_, _, stopped| hostile::silence(stopped));
    let sb = Sandbox::new();
    let mut args = CANCEL.to_vec();
    args.extend(["--wait", "-o", "json"]);
    let run = Running::start(&sb, &server.base, &args);
    server.wait_for_requests(1);
    let (exit, stdout, took) = run.signal("TERM");
    assert_eq!(exit, Some(143), "{stdout}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    let doc = document(&stdout);
    assert_eq!(doc["outcome"], "interrupted");
    assert_eq!(doc["cancelSent"], false);
    assert!(server.requests().iter().all(|r| r.method == "GET"));
}

#[test]
fn a_signal_during_a_hung_cancel_or_status_read_ends_at_once() {
    let server = Hostile::start(|_, _, stopped| hostile::silence(stopped));
    let sb = Sandbox::new();
    let status = ["cache", "status", "-p", PROJECT, "-c", CACHE];
    for (args, signal, code) in [(&CANCEL[..], "HUP", 129), (&status[..], "INT", 130)] {
        let before = server.requests().len();
        let run = Running::start(&sb, &server.base, &[args, &["-o", "json"]].concat());
        server.wait_for_requests(before + 1);
        let (exit, stdout, took) = run.signal(signal);
        assert_eq!(exit, Some(code), "{stdout}");
        assert!(took < Duration::from_secs(1), "took {took:?}");
        let doc = document(&stdout);
        assert_eq!(doc["error"]["kind"], "interrupted");
    }
}

#[test]
fn a_signal_during_a_bulk_wait_keeps_every_cache_in_the_document() {
    let sb = Sandbox::new();
    let (file, ids) = crate::bulk::scenario(sb.path(), 3, 0, "cancel_delay = \"1h\"");
    let sim = crate::sim::start(&["--scenario", &file]);
    let mut args = vec![
        "--base-url",
        &sim.base,
        "cache",
        "cancel-full-refresh",
        "-p",
        "demo",
    ];
    for id in &ids {
        args.extend(["--cache", id]);
    }
    args.extend([
        "--concurrency",
        "2",
        "--wait",
        "--interval",
        "200ms",
        "-o",
        "json",
    ]);
    let mut child = sb.spawn(&args, &[("PEAKA_API_KEY", crate::bulk::PARTNER)]);
    // Both workers have sent their cancel: the run is waiting.
    let end = Instant::now() + Duration::from_secs(20);
    while sim.stats()["byOperation"]["cancelFullRefreshCache"].as_u64() < Some(2) {
        assert!(Instant::now() < end, "no cancels: {}", sim.stats());
        std::thread::sleep(Duration::from_millis(10));
    }
    send_signal(child.id(), "TERM");
    let sent = Instant::now();
    let status = child.wait().unwrap();
    assert!(
        sent.elapsed() < Duration::from_secs(1),
        "took {:?}",
        sent.elapsed()
    );
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    assert_eq!(status.code(), Some(143), "{stdout}");
    let doc = document(&stdout);
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 3, "every cache once: {doc}");
    assert_eq!(doc["summary"]["interrupted"], 3);
    let sent: Vec<bool> = results
        .iter()
        .map(|r| r["cancelSent"].as_bool().unwrap())
        .collect();
    assert_eq!(sent.iter().filter(|s| **s).count(), 2, "{doc}");
}

/// A run that waits on stdin (a pipe whose writer keeps it open) ends on a
/// signal too, once it has started reading.
#[test]
fn a_signal_ends_a_wait_on_stdin() {
    let sb = Sandbox::new();
    let args = [
        "cache",
        "cancel-full-refresh",
        "-p",
        "demo",
        "--cache",
        "-",
        "-o",
        "json",
    ];
    let mut running = Running::start(&sb, "http://127.0.0.1:9/api/v1", &args);
    // Held open until the end (waiting for the child would close it).
    let _stdin = running.child.stdin.take();
    wait_for_thread(running.child.id(), "peaka-stdin");
    let (code, stdout, took) = running.signal("TERM");
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert_eq!(code, Some(143), "{stdout}");
    let doc = document(&stdout);
    assert_eq!(doc["outcome"], "interrupted", "{doc}");
    assert_eq!(doc["cancelSent"], false);
    assert_eq!(
        doc["error"]["message"],
        "interrupted by SIGTERM while reading stdin"
    );
}
