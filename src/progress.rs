//! What a run shows on stderr while it works: the wait's progress (and its
//! NDJSON events on stdout), retry notes and `-v` lines. All of it shares one
//! stderr, so each writer borrows it for one line at a time.

pub mod many;

use std::cell::RefCell;
use std::io::Write;
use std::time::Duration;

use serde_json::Value;

use crate::api::{Execution, ExecutionKind};
use crate::client::Log;
use crate::document::{EventName, StatusEvent};
use crate::exit::Failure;
use crate::output::{counters, Style};
use crate::sanitize;
use crate::wait::Observer;

/// Clears the updating line on a terminal before anything else is printed.
const CLEAR_LINE: &str = "\r\x1b[2K";

/// One line on the shared stderr, sanitized, flushed at once.
pub fn say(err: &RefCell<dyn Write + '_>, line: &str) {
    let mut err = err.borrow_mut();
    let _ = writeln!(err, "{}", sanitize::message(line));
    let _ = err.flush();
}

/// The client's notes (unless `--quiet`) and `-v` lines, on stderr.
pub struct Diagnostics<'a, 'w> {
    pub style: Style,
    pub verbose: bool,
    pub err: &'a RefCell<dyn Write + 'w>,
}

impl Diagnostics<'_, '_> {
    fn line(&self, text: &str) {
        if self.style.terminal {
            let _ = write!(self.err.borrow_mut(), "{CLEAR_LINE}");
        }
        say(self.err, text);
    }
}

impl Log for Diagnostics<'_, '_> {
    fn note(&self, line: &str) {
        if !self.style.quiet {
            self.line(line);
        }
    }

    fn detail(&self, line: &str) {
        if self.verbose {
            self.line(line);
        }
    }
}

/// Shows a wait's progress: NDJSON events on stdout, and on stderr either one
/// updating line (a terminal) or one line per status change.
pub struct Progress<'a, 'w> {
    style: Style,
    kind: ExecutionKind,
    /// Where each change goes as an event (the output's sink).
    events: &'a mut dyn FnMut(&StatusEvent),
    err: &'a RefCell<dyn Write + 'w>,
    frame: usize,
    /// What the updating line shows after the spinner and the time.
    line: String,
    /// The last read failure reported, so that each is told once.
    failure: Option<String>,
}

const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

impl<'a, 'w> Progress<'a, 'w> {
    pub fn new(
        style: Style,
        kind: ExecutionKind,
        events: &'a mut dyn FnMut(&StatusEvent),
        err: &'a RefCell<dyn Write + 'w>,
    ) -> Progress<'a, 'w> {
        Progress {
            style,
            kind,
            events,
            err,
            frame: 0,
            line: String::new(),
            failure: None,
        }
    }

    fn draw(&mut self, elapsed: Duration) {
        let spin = SPINNER[self.frame % SPINNER.len()];
        self.frame += 1;
        let line = format!("{spin} {:.0}s  {}", elapsed.as_secs_f64(), self.line);
        // Never wider than the terminal: a wrapped line cannot be redrawn.
        let width = self.style.width.unwrap_or(80).max(10) - 1;
        let mut err = self.err.borrow_mut();
        let _ = write!(err, "{CLEAR_LINE}{}", sanitize::cut(&line, width));
        let _ = err.flush();
    }

    /// Clears the updating line before the result is printed.
    pub fn finish(&mut self) {
        if self.frame > 0 && self.style.terminal && !self.style.quiet {
            let mut err = self.err.borrow_mut();
            let _ = write!(err, "{CLEAR_LINE}");
            let _ = err.flush();
        }
    }
}

impl Observer for Progress<'_, '_> {
    fn tick(&mut self, elapsed: Duration) {
        if self.style.terminal && !self.style.quiet && !self.line.is_empty() {
            self.draw(elapsed);
        }
    }

    fn read_failed(&mut self, failure: &Failure) {
        let reason = sanitize::message(&failure.message);
        if self.style.quiet || self.failure.as_ref() == Some(&reason) {
            return;
        }
        let clear = if self.style.terminal { CLEAR_LINE } else { "" };
        let mut err = self.err.borrow_mut();
        let _ = writeln!(err, "{clear}status read failed: {reason}; still waiting");
        let _ = err.flush();
        self.failure = Some(reason);
    }

    fn polled(&mut self, current: &Execution, previous: Option<&Execution>, elapsed: Duration) {
        self.failure = None;
        // Another execution (the one followed after a trigger) is a change.
        let status_changed =
            previous.is_none_or(|p| p.status != current.status || p.id != current.id);
        let changed = status_changed || previous.is_none_or(|p| p.progress != current.progress);
        let seconds = elapsed.as_secs_f64();
        if changed {
            (self.events)(&StatusEvent {
                event: EventName::Status,
                execution_id: current.id.clone(),
                status: current.status().to_string(),
                progress: current.raw.get("progress").cloned().unwrap_or(Value::Null),
                elapsed_ms: elapsed.as_millis() as u64,
            });
        }
        if self.style.quiet {
            return;
        }
        let status = current
            .status
            .as_deref()
            .map_or("(status not given)".into(), sanitize::field);
        if self.style.terminal {
            self.line = format!("{} {status}  {}", self.kind.noun(), counters(current));
            self.draw(elapsed);
        } else if status_changed {
            let id = current.id.as_deref().map_or("-".into(), sanitize::field);
            let mut err = self.err.borrow_mut();
            let _ = writeln!(
                err,
                "[{seconds:.1}s] {} {id}: {status} ({})",
                self.kind.noun(),
                counters(current)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_a_terminal_one_line_is_redrawn_between_polls() {
        let err = RefCell::new(Vec::new());
        let running = Execution {
            id: Some("e1".into()),
            status: Some("RUNNING".into()),
            ..Execution::default()
        };
        let style = Style {
            terminal: true,
            width: Some(40),
            ..Style::default()
        };
        {
            let mut none = |_: &StatusEvent| {};
            let mut p = Progress::new(style, ExecutionKind::Full, &mut none, &err);
            p.tick(Duration::from_millis(100));
            p.polled(&running, None, Duration::from_millis(250));
            p.tick(Duration::from_millis(1500));
            p.finish();
        }
        let err = String::from_utf8(err.into_inner()).unwrap();
        assert!(!err.contains('\n'), "{err:?}");
        assert_eq!(err.matches("full refresh RUNNING").count(), 2, "{err:?}");
        assert!(err.contains("⠋ 0s") && err.contains("⠙ 2s"), "{err:?}");
        assert!(err.ends_with("\r\x1b[2K"), "{err:?}");
    }

    #[test]
    fn progress_lines_per_status_change_off_a_terminal() {
        let err = RefCell::new(Vec::new());
        let mut events = Vec::new();
        let running = Execution {
            id: Some("e1".into()),
            status: Some("RUNNING".into()),
            ..Execution::default()
        };
        let mut more = running.clone();
        more.progress = Some(crate::api::RecordCounts {
            number_of_cached_records: Some("5".into()),
            ..Default::default()
        });
        let cancelled = Execution {
            status: Some("CANCELLED".into()),
            ..running.clone()
        };
        {
            let mut event = |e: &StatusEvent| {
                events.extend(serde_json::to_vec(e).unwrap());
                events.push(b'\n');
            };
            let mut p = Progress::new(Style::default(), ExecutionKind::Full, &mut event, &err);
            p.polled(&running, None, Duration::from_millis(250));
            p.polled(&more, Some(&running), Duration::from_millis(600));
            p.polled(&more, Some(&more), Duration::from_millis(900));
            p.polled(&cancelled, Some(&more), Duration::from_millis(1500));
        }
        let err = String::from_utf8(err.into_inner()).unwrap();
        assert_eq!(err.lines().count(), 2, "{err}");
        let events = String::from_utf8(events).unwrap();
        assert_eq!(events.lines().count(), 3, "{events}");
        let last: Value = serde_json::from_str(events.lines().last().unwrap()).unwrap();
        assert_eq!(last["event"], "status");
        assert_eq!(last["status"], "CANCELLED");
        assert_eq!(last["elapsedMs"], 1500);
    }

    #[test]
    fn server_text_is_cleaned_and_the_line_fits_the_terminal() {
        let err = RefCell::new(Vec::new());
        let hostile = Execution {
            id: Some("e1\x1b]8;;https://x\x07".into()),
            status: Some(format!("RUN\x1b[2J\u{202e}NING{}", "x".repeat(300))),
            ..Execution::default()
        };
        let style = Style {
            terminal: true,
            width: Some(30),
            ..Style::default()
        };
        Progress::new(style, ExecutionKind::Full, &mut |_| {}, &err).polled(
            &hostile,
            None,
            Duration::ZERO,
        );
        let drawn = String::from_utf8(err.into_inner()).unwrap();
        let line = drawn.trim_start_matches(CLEAR_LINE);
        assert!(!line.contains(['\x1b', '\u{202e}', '\r']), "{drawn:?}");
        assert_eq!(line.chars().count(), 29, "{line}");

        let err = RefCell::new(Vec::new());
        Progress::new(Style::default(), ExecutionKind::Full, &mut |_| {}, &err).polled(
            &hostile,
            None,
            Duration::ZERO,
        );
        let line = String::from_utf8(err.into_inner()).unwrap();
        assert!(line.contains("e1]8;;https://x: RUN[2JNING"), "{line}");
        assert!(!line.contains('\x1b') && line.len() < 300, "{line}");
    }

    #[test]
    fn each_read_failure_is_told_once() {
        let err = RefCell::new(Vec::new());
        let down = Failure::new(crate::exit::Kind::Network, "could not connect");
        let running = Execution {
            id: Some("e1".into()),
            status: Some("RUNNING".into()),
            ..Execution::default()
        };
        {
            let mut none = |_: &StatusEvent| {};
            let mut p = Progress::new(Style::default(), ExecutionKind::Full, &mut none, &err);
            p.read_failed(&down);
            p.read_failed(&down);
            p.polled(&running, None, Duration::ZERO);
            p.read_failed(&down);
        }
        let text = String::from_utf8(err.into_inner()).unwrap();
        assert_eq!(
            text.matches("status read failed: could not connect; still waiting\n")
                .count(),
            2,
            "{text}"
        );
    }
}
