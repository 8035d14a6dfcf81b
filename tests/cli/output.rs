//! Help, completions, usage errors, pipes: what every run promises.

use std::io::Read;

use crate::common::*;

#[test]
fn help_ends_with_the_exit_codes_and_hides_env_values() {
    let sb = Sandbox::new();
    let run = run(sb.cmd().env("PEAKA_API_KEY", KEY).arg("--help")).expect(0);
    let last_three: Vec<&str> = run.stdout.trim_end().lines().rev().take(3).collect();
    for (line, (code, signal)) in
        last_three
            .iter()
            .zip([("143", "SIGTERM"), ("130", "SIGINT"), ("129", "SIGHUP")])
    {
        assert!(
            line.trim_start().starts_with(code) && line.contains(signal),
            "{line}"
        );
    }
    assert!(run.stdout.contains("PEAKA_API_KEY"));
    for code in ["  2 ", "  3 ", "  4 ", "  5 ", "  6 ", "  9 ", "  10 "] {
        assert!(run.stdout.contains(code), "{code}");
    }
    let run = crate::common::run(sb.cmd().env("PEAKA_API_KEY", KEY).args([
        "cache",
        "cancel-full-refresh",
        "--help",
    ]))
    .expect(0);
    assert!(run.stdout.contains("--if-running") && run.stdout.contains("Exit codes"));
}

#[test]
fn usage_errors_exit_2_and_never_echo_the_key() {
    let sb = Sandbox::new();
    let run = run(sb
        .cmd()
        .args(["--api-key", KEY, "cache", "cancel-full-refresh", "--bogus"]))
    .expect(2);
    assert!(run.stderr.contains("--bogus"), "{}", run.stderr);
    let run = crate::common::run(sb.cmd().args([&format!("--api-key={KEY}"), "--zone"])).expect(2);
    assert!(run.stderr.contains("--zone"), "{}", run.stderr);
    let run = crate::common::run(
        sb.cmd()
            .args(["cache", "cancel-full-refresh", "-p", PROJECT]),
    )
    .expect(2);
    assert!(run.stderr.contains("--cache"), "{}", run.stderr);
    let run = crate::common::run(sb.cmd().args([
        "cache",
        "cancel-full-refresh",
        "-c",
        CACHE,
        "--api-key",
        KEY,
        "-q",
    ]))
    .expect(2);
    assert!(run.stderr.contains("project"), "{}", run.stderr);
}

#[test]
fn usage_errors_in_json_mode_are_one_document() {
    let sb = Sandbox::new();
    let run = run(sb
        .cmd()
        .args(["-o", "json", "cache", "cancel-full-refresh", "--nope"]))
    .expect(2);
    let doc = run.json();
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["error"]["kind"], "usage");
    assert_eq!(doc["exitCode"], 2);
    assert_eq!(doc["schemaVersion"], 1);
    let doc = crate::common::run(
        sb.cmd()
            .env("PEAKA_OUTPUT", "json")
            .args(["cache", "status"]),
    )
    .expect(2)
    .json();
    assert_eq!(doc["error"]["kind"], "usage");
}

#[test]
fn config_errors_in_json_mode_are_one_document() {
    let sb = Sandbox::new();
    let doc = run(sb.cmd().args([
        "--zone",
        "mars",
        "-o",
        "json",
        "cache",
        "cancel-full-refresh",
        "-p",
        PROJECT,
        "-c",
        CACHE,
    ]))
    .expect(3)
    .json();
    assert_eq!(doc["error"]["kind"], "config");
    assert_eq!(doc["projectId"], PROJECT);
    assert_eq!(doc["cacheId"], CACHE);
}

#[test]
fn completion_files_match_the_binary() {
    let sb = Sandbox::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/completions");
    for (shell, file) in [
        ("bash", "peaka.bash"),
        ("zsh", "_peaka"),
        ("fish", "peaka.fish"),
        ("powershell", "_peaka.ps1"),
        ("elvish", "peaka.elv"),
    ] {
        let run = run(sb.cmd().args(["completions", shell])).expect(0);
        let kept = std::fs::read_to_string(format!("{dir}/{file}")).unwrap_or_default();
        assert!(
            run.stdout == kept,
            "completions/{file} is stale: regenerate with `peaka completions {shell} > completions/{file}`"
        );
        assert!(run.stdout.contains("COMPLETE"), "the engine's call back");
        assert!(run.stdout.contains("peaka"), "registered for peaka");
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // A success, and a failure whose JSON document nobody reads: each ends
    // without a word on stderr, its exit code unchanged.
    let cases: [(&[&str], i32); 2] = [
        (&["completions", "bash"], 0),
        (&["--zone", "mars", "-o", "json", "config", "show"], 3),
    ];
    for (args, code) in cases {
        let mut child = Sandbox::new().spawn(args, &[]);
        drop(child.stdout.take());
        let mut stderr = String::new();
        let mut pipe = child.stderr.take().unwrap();
        pipe.read_to_string(&mut stderr).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn a_failure_is_one_line_even_when_a_backtrace_is_asked_for() {
    let sb = Sandbox::new();
    let run = run(sb.cmd().env("RUST_BACKTRACE", "1").args([
        "--config",
        "/nonexistent/x.toml",
        "config",
        "show",
    ]))
    .expect(3);
    assert!(
        !run.stderr.contains("backtrace") && !run.stderr.contains("stack"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn version_prints_on_stdout() {
    let run = run(Sandbox::new().cmd().arg("--version")).expect(0);
    assert!(run.stdout.starts_with("peaka "), "{}", run.stdout);
}

#[test]
fn the_schema_accepts_the_contract_and_nothing_else() {
    let ok = r#"{"schemaVersion":1,"ok":true,"action":"config-path","path":"/x","source":"default","exists":false,"exitCode":0}"#;
    check_documents(ok);
    for bad in [
        ok.replace("\"exists\":false,", ""),
        ok.replace("\"exitCode\":0", "\"exitCode\":0,\"surprise\":1"),
        ok.replace("\"schemaVersion\":1", "\"schemaVersion\":2"),
        ok.replace("config-path", "config-paths"),
    ] {
        let refused = std::panic::catch_unwind(|| check_documents(&bad));
        assert!(refused.is_err(), "accepted: {bad}");
    }
}

#[test]
fn colour_only_when_asked_and_never_with_no_color_or_the_flag() {
    let sb = Sandbox::new();
    let failing = ["cache", "status", "-p", PROJECT, "-c", "\"unclosed"];
    let forced = run(sb.cmd().env("CLICOLOR_FORCE", "1").args(failing)).expect(2);
    assert!(forced.stderr.starts_with("\u{1b}["), "{:?}", forced.stderr);
    let plain = run(sb.cmd().args(failing)).expect(2);
    assert!(plain.stderr.starts_with("error: "), "{:?}", plain.stderr);
    for (env, flag) in [
        (("NO_COLOR", "1"), None),
        (("CLICOLOR", "1"), Some("--no-color")),
    ] {
        let mut cmd = sb.cmd();
        cmd.env("CLICOLOR_FORCE", "1")
            .env(env.0, env.1)
            .args(failing)
            .args(flag);
        let run = run(&mut cmd).expect(2);
        assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    }
}

/// Every command path, read from the help of `peaka` and of each command
/// group (`Commands:`), so the list cannot drift from the code.
pub fn all_commands(sb: &Sandbox) -> Vec<Vec<String>> {
    all_helps(sb, "--help")
        .into_iter()
        .map(|(path, _)| path)
        .collect()
}

/// Every command path and its help (`-h` or `--help`, at 100 columns).
pub fn all_helps(sb: &Sandbox, flag: &str) -> Vec<(Vec<String>, String)> {
    let mut found = Vec::new();
    let mut todo = vec![Vec::<String>::new()];
    while let Some(path) = todo.pop() {
        let mut cmd = sb.cmd();
        cmd.env("COLUMNS", "100").args(&path).arg(flag);
        let help = run(&mut cmd).expect(0).stdout;
        if let Some((_, listed)) = help.split_once("\nCommands:\n") {
            for line in listed.lines().take_while(|l| !l.is_empty()) {
                // Two spaces, a name; wrapped descriptions are indented more.
                let Some(name) = line.strip_prefix("  ").filter(|l| !l.starts_with(' ')) else {
                    continue;
                };
                let name = name.split_whitespace().next().unwrap_or_default();
                if name != "help" {
                    todo.push([&path[..], &[name.to_string()]].concat());
                }
            }
        }
        found.push((path, help));
    }
    found
}

#[test]
fn every_command_has_examples_and_global_options_apart() {
    let sb = Sandbox::new();
    let helps = all_helps(&sb, "--help");
    assert!(helps.len() >= 16, "{}", helps.len());
    for (command, help) in &helps {
        crate::help::one_line_each(command, help);
        let examples = help
            .find("\nExamples:\n")
            .unwrap_or_else(|| panic!("{command:?}:\n{help}"));
        let global = help
            .find("\nGlobal options:\n")
            .unwrap_or_else(|| panic!("{command:?}"));
        assert!(global < examples, "{command:?}");
        let own = &help[..global];
        assert!(
            !own.contains("--api-key"),
            "{command:?}: global options apart:\n{help}"
        );
        for line in help[examples..].lines() {
            assert!(
                line.chars().count() <= 80,
                "{command:?}: over 80 columns: {line}"
            );
        }
    }
}

#[test]
fn no_subcommand_lists_the_commands_on_stderr_and_exits_2() {
    let sb = Sandbox::new();
    for (args, listed) in [(&[][..], "cache"), (&["cache"][..], "cancel-full-refresh")] {
        let run = run(sb.cmd().args(args)).expect(2);
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr.contains("Commands:") && run.stderr.contains(listed),
            "{}",
            run.stderr
        );
    }
}

/// The engine completes values by their hints: zones and formats by name,
/// files only for paths, and no files for IDs.
#[test]
fn completions_offer_values_and_files_only_for_paths() {
    let sb = Sandbox::new();
    std::fs::write(sb.path().join("keyfile"), "x").unwrap();
    let complete = |words: &[&str]| {
        let mut cmd = sb.cmd();
        cmd.current_dir(sb.path())
            .env("COMPLETE", "fish")
            .arg("--")
            .args(words);
        let run = run(&mut cmd).expect(0);
        assert!(run.stderr.is_empty(), "{}", run.stderr);
        run.stdout
            .lines()
            .map(|l| l.split('\t').next().unwrap_or(l).to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(complete(&["peaka", "--zone", ""]), ["us", "eu"]);
    assert!(complete(&["peaka", "cache", "list", "-o", ""]).contains(&"json".to_string()));
    assert!(complete(&["peaka", "--config", "key"]).contains(&"keyfile".to_string()));
    assert!(complete(&["peaka", "--api-key-file", "k"]).contains(&"keyfile".to_string()));
    assert!(complete(&["peaka", "cache", "status", "--cache", "k"]).is_empty());
    assert!(complete(&["peaka", "cache", "status", "--project", "k"]).is_empty());
    assert_eq!(
        complete(&["peaka", "cache", "cancel-f"]),
        ["cancel-full-refresh"]
    );
    // A cache, flag or positional, never completes files.
    assert!(complete(&["peaka", "cache", "status", "k"]).is_empty());
}
