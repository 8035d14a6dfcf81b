//! Help that reads like gh's: each command's own options in full, the
//! global options one line each after them.

use crate::common::*;
use crate::output::all_commands;

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

#[test]
fn every_help_lists_the_global_options_one_line_each_after_its_own() {
    let sb = Sandbox::new();
    let commands = all_commands(&sb);
    assert!(commands.len() >= 16, "{commands:?}");
    for command in &commands {
        for flag in ["-h", "--help"] {
            let text = help(&sb, command, flag);
            let block = global_block(&text);
            assert_eq!(block.len(), GLOBALS.len(), "{command:?} {flag}:\n{text}");
            for option in GLOBALS {
                let on = block.iter().filter(|l| l.contains(option)).count();
                assert_eq!(on, 1, "{command:?} {flag}: {option}:\n{text}");
            }
            for line in &block {
                assert!(line.trim_start().starts_with('-'), "{command:?}: {line}");
            }
            let own = &text[..text.find("\nGlobal options:\n").unwrap_or_default()];
            assert!(!own.contains("--api-key"), "{command:?} {flag}:\n{text}");
            for line in text.lines() {
                assert!(line.chars().count() <= 100, "{command:?} {flag}: {line}");
            }
        }
    }
}
