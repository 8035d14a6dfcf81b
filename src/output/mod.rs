//! Rendering: commands return a `Report`, a document that knows how it
//! reads for people; this writes it as human text, or as one JSON or NDJSON
//! document inside the envelope that every document shares. Streaming
//! output (a bulk run's lines, NDJSON events, history pages) goes through a
//! `Sink`. Nothing else writes stdout or chooses a format. `human` words
//! results for people, `tables` lays out lists.

use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::action::Action;
use crate::api::{lenient, CacheStatus, Execution, ExecutionKind, LastRun, ListedCache, Listing};
use crate::document::{
    AlreadyRunning, Envelope, ErrorDocument, HeldDocument, OutcomeDocument, OutcomeName, Restored,
    SettingsDocument, StatusEvent,
};
use crate::exit::Failure;
use crate::sanitize;
use crate::stage::Stage;

mod human;
mod tables;

pub use human::*;
pub use tables::*;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    /// One JSON object per line: events while waiting, then the result
    Ndjson,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        Format::from_str(text, true).ok()
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Ndjson => "ndjson",
        }
    }
}

/// What a command returns: its document (the fields inside the envelope,
/// as JSON) and how it reads for people.
pub trait Document: Serialize {
    fn human(&self, style: &Style, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()>;

    fn exit_code(&self) -> u8 {
        0
    }
}

/// A document of any command, ready to be written.
trait Shown {
    fn json(&self, action: Action, pretty: bool, out: &mut dyn Write) -> io::Result<()>;
    fn human(&self, style: &Style, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()>;
    fn exit_code(&self) -> u8;
}

impl<D: Document> Shown for D {
    fn json(&self, action: Action, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
        let envelope = Envelope::new(action, self.exit_code(), self);
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        if pretty {
            serde_json::to_writer_pretty(&mut out, &envelope)?;
        } else {
            serde_json::to_writer(&mut out, &envelope)?;
        }
        writeln!(out)?;
        out.flush()
    }

    fn human(&self, style: &Style, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        Document::human(self, style, out, err)
    }

    fn exit_code(&self) -> u8 {
        Document::exit_code(self)
    }
}

/// The result of a run: which action, and what it has to show.
pub struct Report {
    pub action: Action,
    shown: Box<dyn Shown>,
    /// Printed as it is in every format (completion scripts).
    verbatim: Option<String>,
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Report({}, exit {})",
            self.action.name(),
            self.exit_code()
        )
    }
}

impl Report {
    pub fn new(action: Action, document: impl Document + 'static) -> Report {
        Report {
            action,
            shown: Box::new(document),
            verbatim: None,
        }
    }

    /// Text printed as it is, whatever the format.
    pub fn text(action: Action, text: String) -> Report {
        Report {
            verbatim: Some(text),
            ..Report::new(action, Outcome::default())
        }
    }

    pub fn exit_code(&self) -> u8 {
        self.shown.exit_code()
    }
}

/// The result of an action on a cache, successful or not, or the failure of
/// any command.
#[derive(Debug, Default)]
pub struct Outcome {
    pub project: Option<String>,
    /// The cache's ID, once known.
    pub cache: Option<String>,
    /// The cache as typed, when that was not its ID.
    pub cache_ref: Option<String>,
    /// `schema.table`, where known.
    pub cache_name: Option<String>,
    pub outcome: Option<OutcomeName>,
    /// For cancels: whether the API acknowledged the cancel signal.
    pub cancel_sent: Option<bool>,
    /// The human result line, for successes.
    pub message: String,
    /// What to do next, after the line; not with `-q`.
    pub tip: Option<&'static str>,
    /// `not_running`: the last execution of that kind, or `Value::Null`.
    pub last_execution: Option<Value>,
    pub waited: Option<WaitReport>,
    /// `refresh`: the execution of that kind running before the trigger.
    pub already_running: Option<AlreadyRunning>,
    /// `refresh` without `--wait`: the new execution, or `Value::Null`.
    pub execution: Option<Value>,
    /// `--hold`: the schedule paused, and what the answer made written back.
    pub held: Option<Held>,
    pub failure: Option<Failure>,
}

/// `--hold`: which schedule was paused and how it was, the schedules the
/// pause's answer showed changed (written back), and the command that
/// restores it (chosen at the command edge).
#[derive(Debug)]
pub struct Held {
    pub document: HeldDocument,
    pub restored: Vec<Restored>,
    pub restore: Option<String>,
}

/// What `--wait` adds to the document.
#[derive(Debug)]
pub struct WaitReport {
    pub execution: Value,
    pub waited_ms: u64,
    pub polls: u32,
    pub superseded_by: Option<String>,
}

impl Outcome {
    /// An outcome about one cache of a project, the rest to be filled in.
    pub fn about(project: &str, cache: &str) -> Outcome {
        Outcome {
            project: Some(project.to_string()),
            cache: Some(cache.to_string()),
            ..Outcome::default()
        }
    }

    /// The failure of a run, with what is known of it.
    pub fn failed(project: Option<String>, cache: Option<String>, failure: Failure) -> Outcome {
        let outcome = match failure.kind {
            crate::exit::Kind::Interrupted(_) => Some(OutcomeName::Interrupted),
            crate::exit::Kind::Timeout => Some(OutcomeName::TimedOut),
            _ => None,
        };
        Outcome {
            project,
            cache,
            outcome,
            failure: Some(failure),
            ..Outcome::default()
        }
    }

    pub fn document(&self) -> OutcomeDocument {
        let waited = self.waited.as_ref();
        OutcomeDocument {
            project_id: self.project.clone(),
            cache_id: self.cache.clone(),
            cache_ref: self.cache_ref.clone(),
            cache_name: self.cache_name.clone(),
            outcome: self.outcome,
            cancel_sent: self.cancel_sent,
            last_execution: self.last_execution.clone(),
            already_running: self.already_running.clone(),
            execution: waited
                .map(|w| w.execution.clone())
                .or_else(|| self.execution.clone()),
            waited_ms: waited.map(|w| w.waited_ms),
            polls: waited.map(|w| w.polls),
            superseded_by: waited.and_then(|w| w.superseded_by.clone()),
            held: self.held.as_ref().map(|h| h.document.clone()),
            restored: self.held.as_ref().map(|h| h.restored.clone()),
            request: None,
            requests: None,
            settings: None,
            error: self.failure.as_ref().map(|f| ErrorDocument {
                kind: f.kind,
                message: f.message.clone(),
                hint: f.hint.clone(),
                http_status: f.http_status,
            }),
        }
    }
}

impl Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.document().serialize(serializer)
    }
}

/// An outcome's schema is its document's.
#[cfg(test)]
impl schemars::JsonSchema for Outcome {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        OutcomeDocument::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        OutcomeDocument::json_schema(generator)
    }
}

impl Document for Outcome {
    fn human(&self, style: &Style, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        let out: &mut dyn Write = match &self.failure {
            Some(failure) => {
                error_lines(failure, style, err)?;
                &mut *err
            }
            None => {
                match self.tip.filter(|_| !style.quiet) {
                    Some(tip) => writeln!(out, "{} {tip}", sanitize::message(&self.message))?,
                    None => writeln!(out, "{}", sanitize::message(&self.message))?,
                }
                &mut *out
            }
        };
        self.held
            .as_ref()
            .map_or(Ok(()), |held| held_lines(held, out))
    }

    fn exit_code(&self) -> u8 {
        self.failure.as_ref().map_or(0, |f| f.kind.code())
    }
}

/// `error: …` and, unless `-q`, `hint: …` (JSON keeps the hint).
fn error_lines(failure: &Failure, style: &Style, err: &mut dyn Write) -> io::Result<()> {
    let message = sanitize::message(&failure.message);
    let label = style.paint(anstyle::AnsiColor::Red, "error:");
    writeln!(err, "{label} {message}")?;
    if let Some(hint) = failure.hint.as_ref().filter(|_| !style.quiet) {
        let label = style.paint(anstyle::AnsiColor::Cyan, "hint:");
        writeln!(err, "{label} {}", sanitize::message(hint))?;
    }
    Ok(())
}

/// Whether colour goes to stderr, and whether it is a terminal (and how
/// wide).
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
    pub terminal: bool,
    pub quiet: bool,
    pub width: Option<usize>,
    /// Whether stdout is a terminal: tables are aligned there, and
    /// tab-separated for scripts elsewhere.
    pub stdout_terminal: bool,
    /// Whether status words on stdout are coloured.
    pub stdout_color: bool,
    /// How wide a table on stdout may be: `COLUMNS`, else the terminal's
    /// width.
    pub table_width: Option<usize>,
}

impl Style {
    pub fn paint(&self, color: anstyle::AnsiColor, text: &str) -> String {
        if self.color {
            let style = anstyle::Style::new().fg_color(Some(color.into()));
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }
}

pub fn warn(style: &Style, err: &mut dyn Write, message: &str) {
    if !style.quiet {
        let label = style.paint(anstyle::AnsiColor::Yellow, "warning:");
        let _ = writeln!(err, "{label} {message}");
    }
}

pub fn render(
    report: &Report,
    format: Format,
    style: &Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    if let Some(text) = &report.verbatim {
        return out.write_all(text.as_bytes());
    }
    match format {
        Format::Json => report.shown.json(report.action, true, out),
        Format::Ndjson => report.shown.json(report.action, false, out),
        Format::Human => report.shown.human(style, out, err),
    }
}

/// The JSON document of a report, as a value (small documents only: the
/// last resort after a panic, and tests).
pub fn document(report: &Report) -> Value {
    let mut bytes = Vec::new();
    match report.shown.json(report.action, false, &mut bytes) {
        Ok(()) => serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    }
}

/// Where a command streams what it shows before its end: the format is
/// chosen here, not by the command.
pub struct Sink<'a> {
    format: Format,
    style: Style,
    out: &'a mut dyn Write,
}

impl<'a> Sink<'a> {
    pub fn new(format: Format, style: Style, out: &'a mut dyn Write) -> Sink<'a> {
        Sink { format, style, out }
    }

    /// Whether pages of rows are printed as they come (people and pipes),
    /// rather than gathered into one document.
    pub fn streams_rows(&self) -> bool {
        self.format == Format::Human
    }

    /// With `-o ndjson`: one event line while waiting.
    pub fn event(&mut self, event: &StatusEvent) {
        if self.format != Format::Ndjson {
            return;
        }
        if serde_json::to_writer(&mut *self.out, event).is_ok() {
            let _ = writeln!(self.out);
        }
        let _ = self.out.flush();
    }

    /// One cache of many, as it finishes: a line for people, a document for
    /// NDJSON, nothing in JSON (its results come in the one document).
    pub fn finished(&mut self, action: Action, outcome: &Outcome) {
        match self.format {
            Format::Json => return,
            Format::Ndjson => {
                let envelope = Envelope::new(action, Document::exit_code(outcome), outcome);
                if serde_json::to_writer(&mut *self.out, &envelope).is_ok() {
                    let _ = writeln!(self.out);
                }
            }
            Format::Human => {
                let id = outcome.cache.as_deref().unwrap_or("?");
                // The name first for people; piped lines keep their shape.
                let cache = match (&outcome.cache_name, self.style.stdout_terminal) {
                    (Some(name), true) => format!("{} ({id})", sanitize::field(name)),
                    _ => id.to_string(),
                };
                let name = outcome_key(outcome);
                // The cache and its outcome; a failure's words too.
                let _ = match &outcome.failure {
                    Some(f) => writeln!(
                        self.out,
                        "{cache}  {name}  {}",
                        sanitize::message(&f.message)
                    ),
                    None => writeln!(self.out, "{cache}  {name}"),
                };
                // People on a terminal see what --hold paused; piped lines keep their shape.
                if let Some(held) = outcome.held.as_ref().filter(|_| self.style.stdout_terminal) {
                    let _ = held_lines(held, self.out);
                }
            }
        }
        let _ = self.out.flush();
    }

    /// One page of `history --all` for people and pipes.
    pub fn history_page(
        &mut self,
        executions: &[Box<RawValue>],
        first: bool,
        layout: Layout,
    ) -> io::Result<()> {
        history_page(executions, first, layout, &self.style, self.out)
    }

    /// Whether what is shown is a table for people: human output on a
    /// terminal.
    pub fn for_people(&self) -> bool {
        self.format == Format::Human && self.style.stdout_terminal
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::Kind;

    #[test]
    fn failure_document_has_the_promised_fields() {
        let o = Outcome {
            project: Some("p".into()),
            cache: None,
            failure: Some(Failure::new(Kind::Auth, "refused").with_status(401)),
            ..Outcome::default()
        };
        let action = Action::named(&["cache", "cancel-full-refresh"]);
        let doc = document(&Report::new(action, o));
        assert_eq!(doc["action"], "cancel-full-refresh");
        assert_eq!(doc["schemaVersion"], 1);
        assert_eq!(doc["ok"], false);
        assert_eq!(doc["projectId"], "p");
        assert_eq!(doc["cacheId"], Value::Null);
        assert_eq!(doc["error"]["kind"], "auth");
        assert_eq!(doc["error"]["httpStatus"], 401);
        assert_eq!(doc["exitCode"], 4);
    }

    #[test]
    fn human_failure_goes_to_stderr_only() {
        let o = Outcome {
            failure: Some(Failure::new(Kind::Api, "boom").hint("try again")),
            ..Outcome::default()
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        render(
            &Report::new(Action::USAGE, o),
            Format::Human,
            &Style::default(),
            &mut out,
            &mut err,
        )
        .unwrap();
        assert!(out.is_empty());
        assert_eq!(
            String::from_utf8(err).unwrap(),
            "error: boom\nhint: try again\n"
        );
    }
}
