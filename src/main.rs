//! peaka: parse, run, and turn the result into an exit code, here only.

mod action;
mod api;
mod chars;
mod cli;
mod client;
mod clock;
mod commands;
mod config;
mod document;
mod edit;
mod exit;
mod files;
mod output;
mod progress;
mod redact;
mod sanitize;
mod schedule;
mod secret;
mod signal;
mod stage;
mod time;
mod urls;
mod wait;

use std::cell::RefCell;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::Mutex;

use anstream::ColorChoice;
use clap::error::ErrorKind;

use crate::action::Action;
use crate::commands::{failure_report, Cli, Fault, Run};
use crate::exit::{Failure, Kind};
use crate::output::{Format, Report, Sink, Style};
use crate::redact::Redacted;

fn main() -> ExitCode {
    complete_if_asked();
    secret::no_core_dumps();
    // Before anything else: a signal from here on still gets its document.
    signal::catch();
    // A panic message could hold anything; say only that it is a bug.
    panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            Redacted::new(io::stderr()),
            "error: internal error in peaka{place}; please report it"
        );
    }));
    // A panic anywhere is a bug: exit 1 with the line above, never 101, and
    // in JSON mode still one whole document.
    match panic::catch_unwind(peaka) {
        Ok(code) => code,
        Err(_) => panic::catch_unwind(last_resort).unwrap_or(ExitCode::from(Kind::Internal.code())),
    }
}

/// First of all: `COMPLETE=SHELL peaka -- WORDS…` is the shell asking for
/// candidates (without words, for the registration script), answered by
/// clap_complete's engine, and the process ends. An error while completing
/// ends it silently: nothing may land in the line being edited.
fn complete_if_asked() {
    let args: Vec<OsString> = std::env::args_os().collect();
    let completing = args.iter().any(|a| a == "--");
    let here = std::env::current_dir().ok();
    let engine = clap_complete::CompleteEnv::with_factory(commands::cli).bin("peaka");
    match engine.try_complete(args, here.as_deref()) {
        Ok(false) => {}
        Ok(true) => std::process::exit(0),
        Err(_) if completing => std::process::exit(1),
        Err(err) => err.exit(),
    }
}

/// What is known of a run before its command runs: the action the line
/// names, the format asked for, and how output looks. Nothing changes it
/// later.
#[derive(Clone, Copy, Debug, Default)]
struct Known {
    action: Action,
    format: Option<Format>,
    style: Style,
}

impl Known {
    fn format(&self) -> Format {
        self.format.unwrap_or(Format::Human)
    }
}

/// What the last resort knows of the run.
static KNOWN: Mutex<Option<Known>> = Mutex::new(None);

/// After a panic outside the command and the rendering: the internal
/// failure's document, written as plainly as can be.
fn last_resort() -> ExitCode {
    let known = KNOWN.lock().ok().and_then(|k| *k);
    if let Some(known) = known.filter(|k| k.format() != Format::Human) {
        let report = failure_report(known.action, None, None, internal_failure());
        let document = output::document(&report);
        let mut stdout = Redacted::new(io::stdout());
        let _ = writeln!(stdout, "{document}");
        let _ = stdout.flush();
    }
    ExitCode::from(Kind::Internal.code())
}

fn internal_failure() -> Failure {
    Failure::new(Kind::Internal, "internal error (see above)")
}

/// The run: parse, act, print.
fn peaka() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let env = |name: &str| std::env::var(name).ok();
    if let Some(key) = env("PEAKA_API_KEY") {
        redact::register(&key);
    }
    // The definition is made once: the lenient reading and the real parse
    // share it.
    let definition = commands::cli();
    let early = cli::Early::parse(&definition, &args);
    if let Some(key) = &early.global.api_key {
        redact::register(key);
    }
    let global = &early.global;
    // Read once, leniently: for the keys to mask and the format asked for
    // (a broken file is the command's to report).
    let file = config::try_load(global.config.as_deref(), &env);
    for key in config::every_key(global.api_key_file.as_deref(), file.as_ref()) {
        redact::register(&key);
    }
    let mut stdout = Redacted::new(io::stdout());
    let stderr = RefCell::new(Redacted::new(io::stderr()));
    let mut known = known(&early, &env, file.as_ref());
    if let Ok(mut slot) = KNOWN.lock() {
        *slot = Some(known);
    }
    let report = match commands::parse(definition, &args) {
        Ok(cli) => {
            if !cli.reads_config() {
                known.format = config::early_format(global.output, None, &env, None);
                if let Ok(mut slot) = KNOWN.lock() {
                    *slot = Some(known);
                }
            }
            run(&cli, &known, &env, &mut stdout, &stderr)
        }
        Err(err)
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) =>
        {
            let _ = write!(stdout, "{}", err.render());
            let _ = stdout.flush();
            return ExitCode::SUCCESS;
        }
        Err(err) => {
            let human = known.format() == Format::Human;
            if human && err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                // `peaka` or `peaka cache` alone: the list of commands.
                let mut stderr = stderr.borrow_mut();
                let _ = write!(stderr, "{}", err.render());
                let _ = stderr.flush();
                return ExitCode::from(Kind::Usage.code());
            }
            usage_report(&err, &known)
        }
    };
    finish(&report, &known, &mut stdout, &stderr)
}

/// What is known before the command runs: the format from the flags, the
/// environment and the config file, and the terminal.
fn known(
    early: &cli::Early,
    env: &dyn Fn(&str) -> Option<String>,
    file: Option<&config::ConfigFile>,
) -> Known {
    let global = &early.global;
    let terminal = io::stderr().is_terminal();
    // NO_COLOR, CLICOLOR and CLICOLOR_FORCE are anstream's to weigh.
    let wants_color = |choice| {
        !global.no_color && matches!(choice, ColorChoice::Always | ColorChoice::AlwaysAnsi)
    };
    Known {
        action: early.action,
        format: config::early_format(global.output, global.profile.as_deref(), env, file),
        style: Style {
            color: wants_color(anstream::AutoStream::choice(&io::stderr())),
            terminal,
            quiet: global.quiet,
            width: columns_of(io::stderr()),
            stdout_terminal: io::stdout().is_terminal(),
            stdout_color: wants_color(anstream::AutoStream::choice(&io::stdout())),
            table_width: table_width(env),
        },
    }
}

/// The width a table on stdout fits in: `COLUMNS` when it is a number, as
/// for `ls`, else the width of stdout's terminal, else stderr's.
fn table_width(env: &dyn Fn(&str) -> Option<String>) -> Option<usize> {
    env("COLUMNS")
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w > 0)
        .or_else(|| columns_of(io::stdout()))
        .or_else(|| columns_of(io::stderr()))
}

/// A terminal's width in columns. Read directly on Unix: a terminal that
/// knows its columns but reports 0 rows (`stty cols 80` alone) still has a
/// width, which `terminal_size` would not give.
#[cfg(unix)]
fn columns_of(fd: impl std::os::fd::AsFd) -> Option<usize> {
    let size = rustix::termios::tcgetwinsize(fd).ok()?;
    Some(usize::from(size.ws_col)).filter(|w| *w > 0)
}

#[cfg(not(unix))]
fn columns_of(stream: impl std::os::windows::io::AsHandle) -> Option<usize> {
    let (width, _) = terminal_size::terminal_size_of(stream)?;
    Some(usize::from(width.0)).filter(|w| *w > 0)
}

/// Prints the report and turns it into the exit code.
fn finish(
    report: &Report,
    known: &Known,
    stdout: &mut dyn Write,
    stderr: &RefCell<Redacted<io::Stderr>>,
) -> ExitCode {
    let (format, style) = (known.format(), known.style);
    let render: &Render<'_> = &|report, out, err| output::render(report, format, &style, out, err);
    ExitCode::from(deliver(report, render, stdout, &mut *stderr.borrow_mut()))
}

/// Renders a report on the writers for stdout and stderr.
type Render<'a> = dyn Fn(&Report, &mut dyn Write, &mut dyn Write) -> io::Result<()> + 'a;

/// Renders the report into memory first, so that a panic while rendering
/// still ends with one whole document (the internal failure's), then
/// writes it. Only stdout can fail the run: a failure to write stderr
/// changes nothing. Returns the exit code.
fn deliver(
    report: &Report,
    render: &Render<'_>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let (out, err, code) = match rendered(report, render) {
        Some((out, err)) => (out, err, report.exit_code()),
        None => {
            let internal = failure_report(report.action, None, None, internal_failure());
            let (out, err) = rendered(&internal, render).unwrap_or_default();
            (out, err, Kind::Internal.code())
        }
    };
    // In pieces: the key filter on stdout then holds a piece at a time, not
    // a second and third copy of a document of tens of megabytes.
    let written = out
        .chunks(1 << 16)
        .try_for_each(|piece| stdout.write_all(piece))
        .and_then(|()| stdout.flush());
    let _ = stderr.write_all(&err);
    let _ = stderr.flush();
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(stderr, "error: cannot write the output: {e}");
            let _ = stderr.flush();
            Kind::Internal.code()
        }
        // A reader that went away ends the run quietly; the outcome stands.
        _ => code,
    }
}

/// The report as the bytes for stdout and stderr; `None` if rendering
/// panicked or failed.
fn rendered(report: &Report, render: &Render<'_>) -> Option<(Vec<u8>, Vec<u8>)> {
    panic::catch_unwind(AssertUnwindSafe(|| {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        render(report, &mut out, &mut err).ok()?;
        Some((out, err))
    }))
    .ok()
    .flatten()
}

/// Runs the command; a panic in it is the internal failure.
fn run(
    cli: &Cli,
    known: &Known,
    env: &dyn Fn(&str) -> Option<String>,
    stdout: &mut dyn Write,
    stderr: &RefCell<dyn Write + '_>,
) -> Report {
    let clock = clock::SystemClock::new();
    let mut stdin = signal::Stdin::default();
    let mut run = Run {
        action: known.action,
        global: &cli.global,
        style: known.style,
        env,
        stdin: &mut stdin,
        sink: Sink::new(known.format(), known.style, stdout),
        stderr,
        clock: &clock,
    };
    let result = panic::catch_unwind(AssertUnwindSafe(|| commands::run(cli, &mut run)));
    let mut fault = match result {
        Ok(Ok(report)) => return report,
        Ok(Err(fault)) => fault,
        Err(_) => Fault::from(internal_failure()),
    };
    // Whatever a read of stdin cut short by a signal led to, the signal ended it.
    if let Some(signal) = stdin.interrupted() {
        fault.failure = Failure::interrupted(
            signal,
            format!("interrupted by {} while reading stdin", signal.name()),
        );
    }
    fault.report(known.action)
}

/// A clap error as our own usage failure. For people, clap's words as they
/// are; in JSON, every line of the error without the usage block, and its
/// tip as the hint. The filter on stdout and stderr blanks any key echoed.
fn usage_report(err: &clap::Error, known: &Known) -> Report {
    if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let failure = Failure::new(Kind::Usage, "a subcommand is required")
            .hint("see --help for the commands");
        return failure_report(known.action, None, None, failure);
    }
    let text = err.render().to_string();
    let text = text.trim_end().trim_start_matches("error: ");
    let failure = match known.format() {
        Format::Json | Format::Ndjson => {
            let (message, hint) = cli::split_usage_error(text);
            let failure = Failure::new(Kind::Usage, message);
            match hint {
                Some(hint) => failure.hint(hint),
                None => failure,
            }
        }
        Format::Human => Failure::new(Kind::Usage, text),
    };
    failure_report(known.action, None, None, failure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config_show() -> Action {
        Action::named(&["config", "show"])
    }

    /// A renderer that panics on any report but a failure's.
    fn fragile(report: &Report, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        if report.exit_code() == 0 {
            panic!("a bug while rendering");
        }
        output::render(report, Format::Json, &Style::default(), out, err)
    }

    #[test]
    fn a_panic_while_rendering_is_one_internal_document_and_exit_1() {
        let report = Report::text(config_show(), "fine".into());
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = deliver(&report, &fragile, &mut out, &mut err);
        assert_eq!(code, 1);
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc["error"]["kind"], "internal");
        assert_eq!(doc["action"], "config-show");
        assert_eq!(doc["exitCode"], 1);
    }

    /// Fails every write.
    struct Full;
    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::other("no space left on device"))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::other("no space left on device"))
        }
    }

    #[test]
    fn a_failure_to_write_stderr_changes_no_exit_code() {
        let failure = Failure::new(Kind::Config, "bad config").hint("fix it");
        let report = failure_report(config_show(), None, None, failure);
        let render: &Render<'_> =
            &|r, out, err| output::render(r, Format::Human, &Style::default(), out, err);
        let code = deliver(&report, render, &mut Vec::new(), &mut Full);
        assert_eq!(code, 3);
    }
}
