//! peaka: parse, run, and turn the result into an exit code, here only.

mod api;
mod cli;
mod client;
mod clock;
mod commands;
mod config;
mod exit;
mod output;
mod secret;
mod wait;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;

use crate::cli::{Cli, Format};
use crate::commands::{Context, World};
use crate::exit::{Ending, Failure, Kind};
use crate::output::{Outcome, Report, Style};

fn main() -> ExitCode {
    // A panic message could hold anything; say only that it is a bug.
    panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("error: internal error in peaka{place}; please report it");
    }));
    let args: Vec<OsString> = std::env::args_os().collect();
    let env = |name: &str| std::env::var(name).ok();
    let no_color =
        args.iter().any(|a| a == "--no-color") || env("NO_COLOR").is_some_and(|v| !v.is_empty());
    let terminal = io::stderr().is_terminal();
    let mut ctx = Context {
        style: Style {
            color: terminal && !no_color,
            terminal,
            quiet: false,
        },
        ..Context::default()
    };

    let report = match Cli::try_parse_from(&args) {
        Ok(cli) => {
            ctx.style.quiet = cli.global.quiet;
            ctx.format = cli
                .global
                .output
                .or_else(|| env("PEAKA_OUTPUT").as_deref().and_then(Format::parse));
            run(&cli, &mut ctx, &env)
        }
        Err(err)
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) =>
        {
            let _ = write!(io::stdout(), "{}", err.render());
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            ctx.format = early_format(&args, &env);
            usage_report(&err, &args, &mut ctx)
        }
    };
    let Some(report) = report else {
        return ExitCode::SUCCESS;
    };

    let format = ctx.format.unwrap_or(Format::Human);
    let rendered = output::render(
        &report,
        format,
        &ctx.style,
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
    )
    .and_then(|()| io::stdout().flush());
    match rendered {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(io::stderr(), "error: cannot write the output: {e}");
            ExitCode::from(Kind::Internal.code())
        }
        // A reader that went away ends the run quietly; the outcome stands.
        _ => ExitCode::from(report.exit_code()),
    }
}

/// Runs the command; `None` means the reader of stdout went away.
fn run(cli: &Cli, ctx: &mut Context, env: &dyn Fn(&str) -> Option<String>) -> Option<Report> {
    let clock = clock::SystemClock::new();
    let (mut stdin, mut stdout, mut stderr) = (io::stdin(), io::stdout(), io::stderr());
    let mut world = World {
        env,
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        clock: &clock,
        catch_interrupts: &catch_interrupts,
    };
    let result = panic::catch_unwind(AssertUnwindSafe(|| commands::run(cli, ctx, &mut world)));
    let failure = match result {
        Ok(Ok(report)) => return Some(report),
        Ok(Err(err)) => match exit::classify(&err) {
            Ending::BrokenPipe => return None,
            Ending::Failure(failure) => failure,
        },
        Err(_) => Failure::new(Kind::Internal, "internal error (see above)"),
    };
    Some(failure_report(ctx, failure))
}

/// The first Ctrl-C asks the wait to stop and report; a second ends at once.
fn catch_interrupts() {
    let _ = ctrlc::set_handler(|| {
        if clock::interrupt() {
            std::process::exit(130);
        }
    });
}

fn failure_report(ctx: &Context, failure: Failure) -> Report {
    Report::Outcome(Outcome {
        action: ctx.action,
        project: ctx.project.clone(),
        cache: ctx.cache.clone(),
        failure: Some(failure),
        ..Outcome::default()
    })
}

/// A clap error as our own usage failure: clap's words, with any `--api-key`
/// value it may have echoed blanked out; in JSON, its first line.
fn usage_report(err: &clap::Error, args: &[OsString], ctx: &mut Context) -> Option<Report> {
    ctx.action = action_named(args);
    if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let failure = Failure::new(Kind::Usage, "a subcommand is required").hint("see --help");
        return Some(failure_report(ctx, failure));
    }
    let mut text = err.render().to_string();
    for secret in key_values(args) {
        text = text.replace(&secret, "***");
    }
    let text = text.trim_end().trim_start_matches("error: ");
    let message = match ctx.format {
        Some(Format::Json | Format::Ndjson) => text.lines().next().unwrap_or_default(),
        _ => text,
    };
    Some(failure_report(ctx, Failure::new(Kind::Usage, message)))
}

/// The action a command line names, for a document about flags that did not parse.
fn action_named(args: &[OsString]) -> &'static str {
    let actions = [
        ("cancel-full-refresh", "cancel-full-refresh"),
        ("cancel-incremental", "cancel-incremental"),
        ("status", "status"),
        ("show", "config-show"),
        ("path", "config-path"),
        ("completions", "completions"),
    ];
    args.iter()
        .find_map(|a| {
            actions
                .iter()
                .find(|(word, _)| a == word)
                .map(|(_, action)| *action)
        })
        .unwrap_or("usage")
}

fn key_values(args: &[OsString]) -> Vec<String> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut found = Vec::new();
    for (i, arg) in args.iter().enumerate() {
        if let Some(value) = arg.strip_prefix("--api-key=") {
            found.push(value.to_string());
        } else if arg == "--api-key" {
            found.extend(args.get(i + 1).cloned());
        }
    }
    found.retain(|v| !v.is_empty());
    found
}

/// The output format when the flags did not parse: found by hand.
fn early_format(args: &[OsString], env: &dyn Fn(&str) -> Option<String>) -> Option<Format> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut found = None;
    for (i, arg) in args.iter().enumerate() {
        let value = match arg.as_str() {
            "-o" | "--output" => args.get(i + 1).map(String::as_str),
            _ => arg
                .strip_prefix("--output=")
                .or_else(|| arg.strip_prefix("-o=").or_else(|| arg.strip_prefix("-o"))),
        };
        if let Some(format) = value.and_then(Format::parse) {
            found = Some(format);
        }
    }
    found.or_else(|| env("PEAKA_OUTPUT").as_deref().and_then(Format::parse))
}
