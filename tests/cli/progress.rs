//! Progress for many caches: the live bar of a bulk cancel on a terminal
//! (and nothing of it elsewhere), the question of `--all-running`, and the
//! dry run of a bulk cancel.

use std::io::Read;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::bulk::{scenario, PARTNER};
use crate::common::*;
use crate::sim;

/// What a terminal showed, each chunk with when it came after the start.
struct Screen {
    chunks: Vec<(Duration, String)>,
    code: Option<i32>,
}

impl Screen {
    fn text(&self) -> String {
        self.chunks.iter().map(|(_, c)| c.as_str()).collect()
    }

    /// When `needle` was first on the screen.
    fn first(&self, needle: &str) -> Option<Duration> {
        let mut seen = String::new();
        self.chunks.iter().find_map(|(at, chunk)| {
            seen.push_str(chunk);
            seen.contains(needle).then_some(*at)
        })
    }
}

/// `peaka --base-url SIM cache cancel-full-refresh -p demo ARGS` on a
/// pseudo-terminal of 80 columns, with `input` on its standard input.
fn on_a_terminal(sim: &sim::Sim, sb: &Sandbox, args: &str, input: &str) -> Screen {
    use std::io::Write;
    let args = format!(
        "--base-url {} cache cancel-full-refresh -p demo {args}",
        sim.base
    );
    let start = Instant::now();
    let mut child = on_a_terminal_with(sb, "stty cols 80 rows 24; exec", &args, Some(PARTNER));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let (send, receive) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = out.read(&mut buf) {
            let text = String::from_utf8_lossy(&buf[..n]).into_owned();
            let _ = send.send((start.elapsed(), text));
        }
    });
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let screen = Screen {
        chunks: receive.into_iter().collect(),
        code: status.code(),
    };
    assert_no_run_of_key("the terminal", &screen.text());
    screen
}

/// The bar as drawn: done/total, then what is in flight.
fn bar_of(total: usize) -> String {
    format!("/{total}  ")
}

#[test]
fn a_bulk_wait_on_a_terminal_shows_one_bar_within_its_first_second() {
    let sb = Sandbox::new();
    let extra = "latency = \"5ms\"\ncancel_delay = \"100ms\"";
    let (file, ids) = scenario(sb.path(), 200, 0, extra);
    let sim = sim::start(&["--scenario", &file]);
    let args = "--all-running --yes --wait --interval 200ms --timeout 20s --concurrency 64";
    let screen = on_a_terminal(&sim, &sb, args, "");
    let text = screen.text();
    assert_eq!(screen.code, Some(0), "{text}");
    let shown = screen.first(&bar_of(200)).expect("a bar");
    assert!(
        shown < Duration::from_secs(1),
        "first drawn after {shown:?}"
    );
    let (bar, line) = (text.find(&bar_of(200)), text.find("  cancelled"));
    assert!(bar < line, "drawn before any cache finished: {text}");
    // done/total, in flight, a count per outcome, the time elapsed.
    assert!(text.contains("0/200  0 in flight"), "{text}");
    assert!(text.contains(" in flight, 1 cancelled"), "{text}");
    assert!(text.contains("0s ["), "{text}");
    // Each finished cache on a line of its own, after the bar was cleared.
    let mut finished = 0;
    for line in text.split('\n') {
        let Some(id) = ids.iter().find(|id| line.contains(id.as_str())) else {
            continue;
        };
        let printed = line.rsplit("\x1b[2K").next().unwrap().trim_end();
        let n = ids.iter().position(|i| i == id).unwrap();
        assert_eq!(
            printed,
            format!("public.t{n} ({id})  cancelled"),
            "{line:?}"
        );
        finished += 1;
    }
    assert_eq!(finished, 200, "{text}");
    // The bar leaves nothing behind: the summary follows a clear.
    assert!(
        text.trim_end()
            .ends_with("\r\x1b[2K200 caches: 200 cancelled"),
        "{:?}",
        &text[text.len().saturating_sub(300)..]
    );
    assert_eq!(sim.stats()["byOperation"]["cancelFullRefreshCache"], 200);
}

#[test]
fn quiet_or_piped_shows_no_bar() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 3, 0, "cancel_delay = \"1h\"");
    let sim = sim::start(&["--scenario", &file]);
    let screen = on_a_terminal(&sim, &sb, "--all-running --yes -q", "");
    let text = screen.text();
    assert_eq!(screen.code, Some(0), "{text}");
    assert!(
        !text.contains("in flight") && !text.contains('\x1b'),
        "{text:?}"
    );
    assert_eq!(
        text.matches("  cancel_requested\r\n").count(),
        3,
        "{text:?}"
    );

    let mut cmd = sb.cmd();
    cmd.env("PEAKA_API_KEY", PARTNER).args([
        "--base-url",
        &sim.base,
        "cache",
        "cancel-full-refresh",
        "-p",
        "demo",
    ]);
    // Piped: the lines and stderr as always, no bar, no escape.
    let piped = run(cmd.args(["--cache", &ids[0], "--cache", &ids[1]])).expect(0);
    assert_eq!(piped.stderr, "");
    let mut lines: Vec<&str> = piped.stdout.lines().collect();
    lines[..2].sort();
    assert_eq!(
        lines,
        [
            format!("{}  cancel_requested", ids[0]),
            format!("{}  cancel_requested", ids[1]),
            "2 caches: 2 cancel_requested".into(),
        ]
    );
}

#[test]
fn all_running_asks_with_the_count_or_the_one_caches_name() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 3, 1, "cancel_delay = \"1h\"");
    let sim = sim::start(&["--scenario", &file]);
    let screen = on_a_terminal(&sim, &sb, "--all-running", "n\n");
    let text = screen.text();
    assert_eq!(screen.code, Some(2), "{text}");
    assert!(
        text.contains(&format!("  public.t0 ({})", ids[0])),
        "{text}"
    );
    assert!(
        text.contains("Cancel the full refresh of these 3 caches? [y/N]"),
        "{text}"
    );
    assert_eq!(
        sim.stats()["byOperation"]["cancelFullRefreshCache"],
        Value::Null
    );

    // With --hold, the question says that the schedule stops too; a no
    // writes nothing, the schedule included.
    let screen = on_a_terminal(&sim, &sb, "--all-running --hold", "n\n");
    let text = screen.text();
    assert_eq!(screen.code, Some(2), "{text}");
    assert!(
        text.contains(
            "Cancel the full refresh of these 3 caches, and pause their full refresh schedule? [y/N]"
        ),
        "{text}"
    );
    assert_eq!(
        sim.stats()["byOperation"]["updateCacheSettings"],
        Value::Null
    );

    // A dry run asks nothing and cancels nothing.
    let screen = on_a_terminal(&sim, &sb, "--all-running --dry-run", "");
    let text = screen.text();
    assert_eq!(screen.code, Some(0), "{text}");
    assert!(!text.contains("[y/N]"), "{text}");
    assert_eq!(
        sim.stats()["byOperation"]["cancelFullRefreshCache"],
        Value::Null
    );

    let (file, ids) = scenario(sb.path(), 1, 2, "cancel_delay = \"1h\"");
    let sim = sim::start(&["--scenario", &file]);
    let screen = on_a_terminal(&sim, &sb, "--all-running", "y\n");
    let text = screen.text();
    assert_eq!(screen.code, Some(0), "{text}");
    let question = format!("Cancel the full refresh of public.t0 ({})? [y/N]", ids[0]);
    assert!(text.contains(&question), "{text}");
    assert!(text.contains("1 cache: 1 cancel_requested"), "{text}");
}

/// Method and URL of each request a dry run document lists.
fn listed(doc: &Value) -> Vec<String> {
    doc["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["method"].as_str().unwrap(),
                r["url"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn a_bulk_dry_run_lists_every_request_and_sends_no_write() {
    let sb = Sandbox::new();
    let (file, ids) = scenario(sb.path(), 3, 1, "");
    let sim = sim::start(&["--scenario", &file]);
    let on = |tail: &str| format!("{}/data/projects/demo/{tail}", sim.base);
    let status = |id: &str| format!("GET {}", on(&format!("cache/{id}/status?excludeLogs=true")));
    let cancel = |id: &str| {
        format!(
            "POST {}",
            on(&format!("cache/{id}/cancelFullRefreshUpdate"))
        )
    };
    let cmd = |extra: &[&str]| {
        let mut cmd = sb.cmd();
        cmd.env("PEAKA_API_KEY", PARTNER)
            .args(["--base-url", &sim.base, "cache", "cancel-full-refresh"])
            .args(["-p", "demo", "--dry-run"])
            .args(extra);
        cmd
    };

    // --all-running: the list is read to know which caches; no --yes needed.
    let doc = run(&mut cmd(&["--all-running", "--wait", "-o", "json"]))
        .expect(0)
        .json();
    let mut expected = vec![format!("GET {}", on("cache/status"))];
    for id in &ids[..3] {
        expected.extend([status(id), cancel(id)]);
    }
    assert_eq!(listed(&doc), expected);
    assert_eq!(doc["outcome"], "dry_run");
    let request = &doc["request"];
    let request = format!(
        "{} {}",
        request["method"].as_str().unwrap(),
        request["url"].as_str().unwrap()
    );
    assert_eq!(request, cancel(&ids[0]), "the first cancel");
    assert_eq!(sim.stats()["requests"], 1, "only the list was read");

    // IDs, from standard input and repeated: nothing at all is sent.
    let input = format!("{}\n{}\n", ids[1], ids[3]);
    let doc = run(cmd(&["--cache", &ids[0], "--cache", "-", "-o", "json"]).write_stdin(input))
        .expect(0)
        .json();
    assert_eq!(
        listed(&doc),
        [cancel(&ids[0]), cancel(&ids[1]), cancel(&ids[3])]
    );
    assert_eq!(sim.stats()["requests"], 1, "IDs need no read");
    // No cache at all: nothing to send, nothing to stand for it.
    let doc = run(cmd(&["--cache", "-", "-o", "json"]).write_stdin("# none\n"))
        .expect(0)
        .json();
    assert_eq!(
        (doc["requests"].clone(), doc.get("request")),
        (Value::from(Vec::<Value>::new()), None)
    );

    // Names cost the one list read; people see every request.
    let human = run(&mut cmd(&["t2", "t0", ids[0].as_str()]))
        .expect(0)
        .stdout;
    let sent: Vec<&str> = human
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with("  GET ") || l.starts_with("  POST "))
        .collect();
    assert!(
        human.starts_with("Would send (dry run: only the list was read"),
        "{human}"
    );
    let shown = |r: &str| format!("  {r}");
    assert_eq!(
        sent,
        [
            shown(&format!("GET {}", on("cache/status"))),
            shown(&cancel(&ids[2])),
            shown(&cancel(&ids[0])),
        ],
        "{human}"
    );
    assert_eq!(sim.stats()["requests"], 2);
    assert_eq!(
        sim.stats()["byOperation"]["cancelFullRefreshCache"],
        Value::Null
    );
}
