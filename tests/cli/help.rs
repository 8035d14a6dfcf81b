//! Help that reads like gh's: each command's own options in full, the
//! global options one line each after them; man pages with the exit status
//! and `cache list`'s columns.

use crate::common::*;
use crate::output::all_helps;

/// Every option every command takes, as the help names it.
const GLOBALS: [&str; 14] = [
    "--api-key <KEY>",
    "--api-key-file <PATH>",
    "--zone <ZONE>",
    "--base-url <URL>",
    "--ca-cert <PATH>",
    "--profile <NAME>",
    "--config <PATH>",
    "-o, --output <FORMAT>",
    "-q, --quiet",
    "-v, --verbose",
    "--dry-run",
    "--no-color",
    "--request-timeout <DURATION>",
    "--retries <N>",
];

/// The help of `command` with `flag`, at 100 columns.
fn help(sb: &Sandbox, command: &[String], flag: &str) -> String {
    let mut cmd = sb.cmd();
    cmd.env("COLUMNS", "100").args(command).arg(flag);
    run(&mut cmd).expect(0).stdout
}

/// The lines under "Global options:", up to the blank line after them.
fn global_block(help: &str) -> Vec<&str> {
    let (_, after) = help
        .split_once("\nGlobal options:\n")
        .unwrap_or_else(|| panic!("no Global options heading:\n{help}"));
    after.lines().take_while(|l| !l.is_empty()).collect()
}

#[test]
fn cache_list_short_help_fits_30_lines_at_100_columns() {
    let sb = Sandbox::new();
    let list = ["cache".to_string(), "list".to_string()];
    let short = help(&sb, &list, "-h");
    let lines = short.trim_end().lines().count();
    assert!(lines <= 30, "{lines} lines:\n{short}");
    assert!(short.contains("--status <STATUS>"), "{short}");
    assert!(
        !short.contains("Examples:"),
        "examples are for --help:\n{short}"
    );
    let long = help(&sb, &list, "--help");
    assert!(long.contains("\nExamples:\n"), "{long}");
}

/// The global options in `text`, the help of `command`: each on one line,
/// after the command's own, and no line over 100 columns.
pub fn one_line_each(command: &[String], text: &str) {
    let block = global_block(text);
    assert_eq!(block.len(), GLOBALS.len(), "{command:?}:\n{text}");
    for option in GLOBALS {
        let on = block.iter().filter(|l| l.contains(option)).count();
        assert_eq!(on, 1, "{command:?}: {option}:\n{text}");
    }
    for line in &block {
        assert!(line.trim_start().starts_with('-'), "{command:?}: {line}");
    }
    let own = &text[..text.find("\nGlobal options:\n").unwrap_or_default()];
    assert!(!own.contains("--api-key"), "{command:?}:\n{text}");
    for line in text.lines() {
        assert!(line.chars().count() <= 100, "{command:?}: {line}");
    }
}

/// `--help` is checked with the examples (`output.rs`).
#[test]
fn every_short_help_lists_the_global_options_one_line_each_after_its_own() {
    let sb = Sandbox::new();
    let helps = all_helps(&sb, "-h");
    assert!(helps.len() >= 16, "{}", helps.len());
    for (command, text) in &helps {
        one_line_each(command, text);
    }
}

/// The generated pages, by name.
fn man_pages() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/man");
    let mut pages: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn every_man_page_has_an_exit_status_section() {
    let pages = man_pages();
    assert!(pages.len() >= 17, "{pages:?}");
    for (name, page) in &pages {
        let (_, status) = page
            .split_once(".SH \"EXIT STATUS\"\n")
            .unwrap_or_else(|| panic!("{name}: no EXIT STATUS"));
        for code in ["  0 ", "  2 ", "  3 ", "  130 "] {
            assert!(status.contains(code), "{name}: {code}");
        }
    }
}

/// The columns of the tab-separated rows as `cache list --help` tells them;
/// the man page and README.md say the same.
#[test]
fn the_list_page_and_readme_document_the_tab_separated_columns() {
    let sb = Sandbox::new();
    let text = help(&sb, &["cache".into(), "list".into()], "--help");
    let (_, columns) = text
        .split_once("\nTab-separated columns:\n")
        .unwrap_or_else(|| panic!("{text}"));
    let rows: Vec<(&str, &str)> = columns
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .map(|l| l.split_at(6))
        .map(|(number, column)| (number.trim(), column))
        .collect();
    assert_eq!(rows.len(), 7, "{columns}");
    assert_eq!(rows[0], ("1", "cache ID"));
    let page = man_pages()
        .into_iter()
        .find(|(name, _)| name == "peaka-cache-list.1")
        .unwrap()
        .1;
    let section = page.split_once(".SH \"TAB-SEPARATED COLUMNS\"").unwrap().1;
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
    let readme = readme.unwrap();
    for (number, column) in rows {
        let line = format!("  {number:<6}{column}\n");
        assert!(section.contains(&line), "man page: {line}");
        let row = format!("| {number} | {column} |");
        assert!(readme.contains(&row), "README.md: {row}");
    }
}
