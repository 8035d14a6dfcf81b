//! Tables that fit: `cache list` and `history` on an 80-column terminal
//! (a pty) with CJK and emoji names, `--wide`, short IDs that `--cache`
//! takes back, empty lists, history ages and the line about more, checked
//! `--status` values, and piped output unchanged.

use mockito::Matcher;
use serde_json::{json, Value};
use unicode_width::UnicodeWidthStr;

use crate::common::*;
use crate::sim::{self, Sim};

const PARTNER: &str = "sim-partner-key";
const ORDERS: &str = "960bd651-7b3c-4511-9a88-18e14ac7742a";
const LONG: &str = "960bd651-0000-4000-8000-000000000001";
const SUSHI: &str = "0b7e1c52-3f0a-4d55-9b1e-6a2f9c8d4e11";
/// In another catalog, sharing its first 8 hex digits with SUSHI's.
const ELSEWHERE: &str = "0b7e1c52-aaaa-4000-8000-000000000002";
const LONG_TABLE: &str = "注文履歴テーブル_とても長い名前の表です";

const SCENARIO: &str = r#"
[[keys]]
key = "sim-partner-key"

[[caches]]
project = "demo"
id = "960bd651-7b3c-4511-9a88-18e14ac7742a"
catalog = "pg1"
schema = "public"
table = "orders"
full_refresh = { status = "RUNNING", duration = "10h" }
incremental = { status = "COMPLETED" }

[[caches]]
project = "demo"
id = "960bd651-0000-4000-8000-000000000001"
catalog = "pg1"
schema = "販売"
table = "注文履歴テーブル_とても長い名前の表です"
full_refresh = { status = "COMPLETED" }

[[caches]]
project = "demo"
id = "0b7e1c52-3f0a-4d55-9b1e-6a2f9c8d4e11"
catalog = "pg1"
schema = "public"
table = "🍣🍺_events"
full_refresh = { status = "FAILED" }

[[caches]]
project = "demo"
id = "0b7e1c52-aaaa-4000-8000-000000000002"
catalog = "pg2"
schema = "public"
table = "other"
"#;

struct World {
    sb: Sandbox,
    sim: Sim,
}

fn world() -> World {
    let sb = Sandbox::new();
    let file = sb.path().join("tables.toml");
    std::fs::write(&file, SCENARIO).unwrap();
    let sim = sim::start(&["--scenario", file.to_str().unwrap()]);
    World { sb, sim }
}

/// What a run on an 80-column terminal drew, and its exit code; stderr
/// goes to a file unless `stderr_too`.
struct Screen {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn on_80_columns(sb: &Sandbox, base: &str, words: &str, stderr_too: bool) -> Screen {
    let err = sb.path().join("stderr");
    let redirect = match stderr_too {
        true => String::new(),
        false => format!("2>{}", err.display()),
    };
    let args = format!("--base-url {base} {words} {redirect}");
    let child = on_a_terminal_with(sb, "stty cols 80 rows 24; exec", &args, Some(PARTNER));
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    assert_no_run_of_key("the terminal", &stdout);
    Screen {
        code: out.status.code(),
        stdout,
        stderr: std::fs::read_to_string(&err).unwrap_or_default(),
    }
}

impl World {
    fn screen(&self, words: &str) -> Screen {
        on_80_columns(&self.sb, &self.sim.base, words, false)
    }

    fn piped(&self, words: &[&str], envs: &[(&str, &str)]) -> Run {
        let mut cmd = self.sb.cmd();
        cmd.env("PEAKA_API_KEY", PARTNER)
            .envs(envs.iter().copied())
            .args(["--base-url", &self.sim.base, "cache"])
            .args(words)
            .args(["-p", "demo"]);
        run(&mut cmd)
    }
}

/// The display column where `needle` starts in `line`.
fn column_of(line: &str, needle: &str) -> usize {
    let at = line
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in {line:?}"));
    line[..at].width()
}

#[test]
fn list_fits_80_columns_name_first_aligned_by_display_width() {
    let w = world();
    let screen = w.screen("cache list -p demo");
    assert_eq!(screen.code, Some(0), "{}{}", screen.stdout, screen.stderr);
    let lines: Vec<&str> = screen.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        5,
        "a header and four caches:\n{}",
        screen.stdout
    );
    assert!(lines[0].starts_with("NAME "), "{}", lines[0]);
    for line in &lines {
        assert!(line.width() <= 80, "wider than 80 columns: {line:?}");
    }
    let row = |start: &str| *lines.iter().find(|l| l.starts_with(start)).unwrap();
    let (orders, long, sushi) = (row("public.orders"), row("販売."), row("public.🍣🍺"));
    assert!(long.contains('…') && !long.contains(LONG_TABLE), "{long}");
    // Each column starts at the header's display column, CJK or not.
    for (n, header) in ["NAME", "ID", "STATUS", "FULL REFRESH"].iter().enumerate() {
        let at = column_of(lines[0], header);
        for line in [orders, long, sushi] {
            let cells: Vec<&str> = line
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            assert_eq!(column_of(line, cells[n]), at, "{header} of {line:?}");
        }
    }
    // The IDs are short, and `--cache` takes each back as its cache.
    let id_at = column_of(lines[0], "ID");
    for (line, id) in [(orders, ORDERS), (long, LONG), (sushi, SUSHI)] {
        let shown = cell_at(line, id_at);
        assert!(
            shown.len() >= 8 && shown.len() < 36 && id.starts_with(shown),
            "{shown}"
        );
        let doc = w
            .piped(&["status", "-c", shown, "-o", "json"], &[])
            .expect(0)
            .json();
        assert_eq!(doc["cacheId"], id, "--cache {shown}");
    }
    assert!(sushi.contains("FAILED") && orders.contains("RUNNING"));
}

/// The text of a row that starts at display column `at`, up to two spaces.
fn cell_at(line: &str, at: usize) -> &str {
    let mut used = 0;
    for (i, c) in line.char_indices() {
        if used == at {
            return line[i..].split("  ").next().unwrap();
        }
        used += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    panic!("no column {at} in {line:?}")
}

#[test]
fn a_catalog_s_short_ids_are_unique_in_the_whole_project() {
    let w = world();
    let screen = w.screen("cache list -p demo --catalog pg1");
    assert_eq!(screen.code, Some(0), "{}", screen.stderr);
    let sushi = screen.stdout.lines().find(|l| l.contains("🍣")).unwrap();
    let shown = cell_at(
        sushi,
        column_of(screen.stdout.lines().next().unwrap(), "ID"),
    );
    assert!(
        !ELSEWHERE.starts_with(shown),
        "{shown} names pg2's cache too"
    );
    let doc = w
        .piped(&["status", "-c", shown, "-o", "json"], &[])
        .expect(0)
        .json();
    assert_eq!(doc["cacheId"], SUSHI);
}

#[test]
fn wide_prints_every_column_in_full() {
    let w = world();
    let screen = w.screen("cache list -p demo --wide");
    assert_eq!(screen.code, Some(0), "{}", screen.stderr);
    for id in [ORDERS, LONG, SUSHI, ELSEWHERE] {
        assert!(screen.stdout.contains(id), "{id}:\n{}", screen.stdout);
    }
    assert!(screen.stdout.contains(&format!("販売.{LONG_TABLE}")));
    assert!(!screen.stdout.contains('…'), "{}", screen.stdout);
    let lines: Vec<&str> = screen.stdout.lines().collect();
    let at = column_of(lines[0], "CATALOG");
    for line in &lines[1..] {
        assert!(cell_at(line, at).starts_with("pg"), "{line}");
    }
}

/// Piped, the list is the same tab-separated text whatever the width or
/// `--wide`: every field whole, in the API's words.
#[test]
fn piped_lists_are_unchanged_tsv() {
    let w = world();
    let doc = w.piped(&["list", "-o", "json"], &[]).expect(0).json();
    let text = |v: &Value| v.as_str().unwrap_or("-").to_string();
    let last = |e: &Value| {
        if e.is_null() {
            return "-\t-".to_string();
        }
        let when = [&e["finishedAt"], &e["createdAt"], &e["updatedAt"]]
            .into_iter()
            .find(|v| v.is_string())
            .map_or("-".into(), text);
        format!("{}\t{when}", text(&e["status"]))
    };
    let expected: String = doc["caches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let fields =
                ["id", "catalogId", "schemaName", "tableName", "status"].map(|f| text(&c[f]));
            format!(
                "{}\t{}\t{}\n",
                fields.join("\t"),
                last(&c["lastFullRefreshCacheExecution"]),
                last(&c["lastIncrementalCacheExecution"])
            )
        })
        .collect();
    assert!(expected.contains(LONG_TABLE));
    for (words, envs) in [
        (&["list"][..], &[][..]),
        (&["list", "--wide"], &[]),
        (&["list"], &[("COLUMNS", "20")]),
    ] {
        let piped = w.piped(words, envs).expect(0);
        assert_eq!(piped.stdout, expected, "{words:?} {envs:?}");
        assert_eq!(piped.stderr, "");
    }
    let empty = w.piped(&["list", "--status", "deleted"], &[]).expect(0);
    assert_eq!((empty.stdout.as_str(), empty.stderr.as_str()), ("", ""));
}

#[test]
fn an_empty_list_on_a_terminal_says_so_on_stderr() {
    let w = world();
    let screen = w.screen("cache list -p demo --status DELETED");
    assert_eq!(screen.code, Some(0));
    assert_eq!(screen.stdout, "", "stdout stays empty");
    assert_eq!(
        screen.stderr,
        "No caches in project demo with status DELETED (4 caches in all)\n"
    );
    let screen = w.screen("cache list -p demo --catalog pg1 --schema none");
    assert_eq!(screen.code, Some(0));
    assert_eq!(screen.stdout, "");
    assert_eq!(
        screen.stderr,
        "No caches in project demo, catalog pg1, schema none\n"
    );
    let screen = w.screen("cache list -p nothing");
    assert_eq!(screen.stderr, "No caches in project nothing\n");
}

#[test]
fn a_status_typo_is_a_usage_error_listing_the_statuses() {
    let w = world();
    for typo in ["RUNING", "full:COMPLETE"] {
        let failed = w.piped(&["list", "--status", typo], &[]).expect(2);
        assert!(
            failed.stderr.contains(
                "RUNNING, CANCELLING, COMPLETED, FAILED, CANCELLED, DELETED, NOT_INITIALIZED"
            ),
            "{}",
            failed.stderr
        );
        assert_eq!(failed.stdout, "");
    }
    assert_eq!(w.sim.stats()["requests"], 0, "nothing is sent");
    for good in ["running", "Incremental:not_initialized", "full:Cancelling"] {
        w.piped(&["list", "--status", good], &[]).expect(0);
    }
}

/// `seconds` ago as the API writes a time.
fn ago(seconds: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let at = now - seconds;
    let (days, secs) = (at.div_euclid(86_400), at.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z")
}

fn executions() -> Value {
    json!([
        {"id": "a1b2c3d4-0000-4000-8000-000000000001", "executionMode": "FULL_REFRESH",
         "status": "RUNNING", "createdAt": ago(200)},
        {"id": "a1b2c3d4-1111-4000-8000-000000000002", "executionMode": "INCREMENTAL",
         "status": "FAILED", "createdAt": ago(7300), "finishedAt": ago(7200),
         "error": {"message": "接続が切断されました: the source 🍣 database went away while reading"}}
    ])
}

fn history_server(limit: usize, executions: &Value) -> (mockito::ServerGuard, String) {
    let (mut server, base) = server();
    server
        .mock("GET", path("executionHistory").as_str())
        .match_query(Matcher::UrlEncoded("limit".into(), limit.to_string()))
        .with_status(200)
        .with_body(executions.to_string())
        .create();
    (server, base)
}

#[test]
fn history_shows_ages_running_times_and_how_to_see_more() {
    let sb = Sandbox::new();
    // Made once: the piped row below is checked against the same times.
    let shown = executions();
    let (_server, base) = history_server(2, &shown);
    let words = format!("cache history -p {PROJECT} -c {CACHE} --limit 2");
    let screen = on_80_columns(&sb, &base, &words, false);
    assert_eq!(screen.code, Some(0), "{}", screen.stderr);
    let lines: Vec<&str> = screen.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", screen.stdout);
    for line in &lines {
        assert!(line.width() <= 80, "wider than 80 columns: {line:?}");
    }
    assert!(lines[0].starts_with("EXECUTION"), "{}", lines[0]);
    assert!(lines[1].contains("(3m ago)"), "{}", lines[1]);
    assert!(lines[1].contains("running 3m"), "{}", lines[1]);
    assert!(lines[1].starts_with("a1b2c3d4-0 "), "{}", lines[1]);
    assert!(
        lines[2].contains("(2h ago)") && lines[2].contains("1m "),
        "{}",
        lines[2]
    );
    assert!(
        lines[2].contains("接続") && lines[2].ends_with('…'),
        "{}",
        lines[2]
    );
    assert_eq!(
        column_of(lines[0], "ERROR"),
        column_of(lines[2], "接続"),
        "{}",
        screen.stdout
    );
    assert_eq!(
        screen.stderr,
        "More may follow: --offset 2 shows the next 2, --all every execution\n"
    );

    // A page that was not full has nothing after it; --wide shows all.
    let (_server, base) = history_server(3, &shown);
    let words = format!("cache history -p {PROJECT} -c {CACHE} --limit 3 --wide");
    let screen = on_80_columns(&sb, &base, &words, false);
    assert_eq!(screen.stderr, "");
    assert!(screen
        .stdout
        .contains("a1b2c3d4-1111-4000-8000-000000000002"));
    assert!(screen.stdout.contains("went away while reading"));
    assert!(screen.stdout.contains(" (2h 1m ago)"), "{}", screen.stdout);
    assert!(!screen.stdout.contains('…'), "{}", screen.stdout);

    // Piped: as before, tab-separated, "running" without an age.
    let (_server, base) = history_server(2, &shown);
    let piped = run(sb.api(&base).args([
        "cache", "history", "-p", PROJECT, "-c", CACHE, "--limit", "2",
    ]))
    .expect(0);
    let first = piped.stdout.lines().next().unwrap();
    assert_eq!(
        first,
        format!(
            "a1b2c3d4-0000-4000-8000-000000000001\tFULL_REFRESH\tRUNNING\t{}\trunning\t-",
            shown[0]["createdAt"].as_str().unwrap()
        )
    );
    assert_eq!(piped.stderr, "");
}

#[test]
fn config_show_aligns_by_display_width() {
    let sb = Sandbox::new();
    let config = sb.path().join("設定🍣.toml");
    let shown = run(sb
        .cmd()
        .env("PEAKA_CONFIG", &config)
        .env("PEAKA_PROJECT", "demo")
        .args(["config", "show"]))
    .expect(0);
    let sources: Vec<usize> = shown
        .stdout
        .lines()
        .map(|line| line[..line.rfind("  (").unwrap()].width())
        .collect();
    assert!(shown.stdout.contains("設定🍣"), "{}", shown.stdout);
    assert!(
        sources.iter().all(|at| *at == sources[0]),
        "{sources:?}\n{}",
        shown.stdout
    );
}
