//! Rendering: commands return a `Report`; this turns it into human text, or
//! one JSON or NDJSON document (the types in `document.rs`), on the writers
//! it is given. The reports and the dispatch are here; `human` words results
//! for people, `tables` lays out lists, `json` fills the documents.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::action::Action;
use crate::api::{lenient, CacheStatus, Execution, ExecutionKind, LastRun, ListedCache, Listing};
use crate::cli::Format;
use crate::document::{
    AlreadyRunning, AuthDocument, BulkDocument, ConfigPathDocument, ConfigShowDocument,
    ErrorDocument, HistoryDocument, ListDocument, OutcomeDocument, OutcomeName, RequestDocument,
    SettingsDocument, StatusDocument, SCHEMA_VERSION,
};
use crate::exit::Failure;
use crate::sanitize;
use crate::stage::Stage;

mod human;
mod json;
mod tables;

pub use human::*;
pub use json::*;
pub use tables::*;

/// The result of an action on a cache, successful or not, or the failure of
/// any command.
#[derive(Debug, Default)]
pub struct Outcome {
    pub action: Action,
    pub project: Option<String>,
    pub cache: Option<String>,
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
    pub failure: Option<Failure>,
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
    pub fn about(action: Action, project: &str, cache: &str) -> Outcome {
        Outcome {
            action,
            project: Some(project.to_string()),
            cache: Some(cache.to_string()),
            ..Outcome::default()
        }
    }

    pub fn exit_code(&self) -> u8 {
        self.failure.as_ref().map_or(0, |f| f.kind.code())
    }

    pub fn document(&self) -> OutcomeDocument {
        let waited = self.waited.as_ref();
        OutcomeDocument {
            schema_version: SCHEMA_VERSION,
            ok: self.failure.is_none(),
            action: self.action,
            project_id: self.project.clone(),
            cache_id: self.cache.clone(),
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
            request: None,
            requests: None,
            settings: None,
            error: self.failure.as_ref().map(|f| ErrorDocument {
                kind: f.kind,
                message: f.message.clone(),
                hint: f.hint.clone(),
                http_status: f.http_status,
            }),
            exit_code: self.exit_code(),
        }
    }
}

#[derive(Debug)]
// Held one at a time: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Report {
    Outcome(Outcome),
    Status {
        project: String,
        cache: String,
        /// As the API sent it, and as read.
        raw: Box<RawValue>,
        status: CacheStatus,
    },
    List {
        project: String,
        /// Each cache as the API sent it, and as read.
        caches: Listing<ListedCache>,
    },
    History {
        project: String,
        cache: String,
        /// Each execution as the API sent it.
        executions: Vec<Box<RawValue>>,
    },
    /// A cancel of several caches: each one's outcome, in the order they
    /// finished, and the run's exit code.
    Bulk {
        action: Action,
        project: String,
        results: Vec<Outcome>,
        exit_code: u8,
    },
    /// `auth` commands: the document, and the line for people.
    Auth(AuthDocument, String),
    Settings(SettingsDocument),
    ConfigPath {
        path: String,
        source: String,
        exists: bool,
    },
    DryRun {
        outcome: Outcome,
        request: RequestDocument,
        /// Every request sent before any that depends on an answer.
        requests: Vec<RequestDocument>,
        settings: SettingsDocument,
    },
    /// Printed as it is (completion scripts).
    Text(String),
}

impl Report {
    pub fn exit_code(&self) -> u8 {
        match self {
            Report::Outcome(o) => o.exit_code(),
            Report::Bulk { exit_code, .. } => *exit_code,
            _ => 0,
        }
    }
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
    match (report, format) {
        (Report::Text(text), _) => out.write_all(text.as_bytes()),
        (_, Format::Json) => json_out(report, true, out),
        (_, Format::Ndjson) => json_out(report, false, out),
        (_, Format::Human) => human(report, style, out, err),
    }
}

/// The one JSON document, pretty or on one line. A document that holds the
/// server's objects writes them as they came, never through `Value`.
fn json_out(report: &Report, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    match kept_document(report).map_err(io::Error::other)? {
        Some(doc) => write_json(&doc, pretty, &mut out)?,
        None => write_json(&document(report), pretty, &mut out)?,
    }
    writeln!(out)?;
    out.flush()
}

fn write_json(doc: &impl Serialize, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(out, doc)?;
    } else {
        serde_json::to_writer(out, doc)?;
    }
    Ok(())
}

fn human(
    report: &Report,
    style: &Style,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    match report {
        Report::Outcome(o) => match &o.failure {
            Some(f) => {
                let message = sanitize::message(&f.message);
                writeln!(
                    err,
                    "{} {message}",
                    style.paint(anstyle::AnsiColor::Red, "error:")
                )?;
                // `-q`: no hints for people (JSON keeps them).
                if let Some(hint) = f.hint.as_ref().filter(|_| !style.quiet) {
                    let hint = sanitize::message(hint);
                    writeln!(
                        err,
                        "{} {hint}",
                        style.paint(anstyle::AnsiColor::Cyan, "hint:")
                    )?;
                }
                Ok(())
            }
            None => match o.tip.filter(|_| !style.quiet) {
                Some(tip) => writeln!(out, "{} {tip}", sanitize::message(&o.message)),
                None => writeln!(out, "{}", sanitize::message(&o.message)),
            },
        },
        Report::Status { status, .. } => human_status(status, style, out),
        Report::List { caches, .. } => {
            let rows = caches
                .items
                .iter()
                .map(|(_, c)| list_row(c, style.stdout_terminal));
            rows_out(&LIST_COLUMNS, true, rows, style, out)
        }
        Report::History { executions, .. } => history_page(executions, true, style, out),
        Report::Bulk { results, .. } => {
            summary_line(results, out)?;
            bulk_hints(results, style, err)
        }
        Report::Settings(settings) => table(settings, out),
        Report::Auth(_, message) => writeln!(out, "{}", sanitize::message(message)),
        Report::ConfigPath { path, .. } => writeln!(out, "{path}"),
        Report::DryRun {
            request,
            requests,
            settings,
            ..
        } => {
            writeln!(out, "Would send (dry run, nothing sent):")?;
            for sent in requests {
                writeln!(out, "  {} {}", sent.method, sent.url)?;
            }
            let headers = &request.headers;
            writeln!(out, "  Authorization: {}", headers.authorization)?;
            writeln!(out, "  Accept: {}", headers.accept)?;
            writeln!(out, "  User-Agent: {}", headers.user_agent)?;
            writeln!(out)?;
            writeln!(out, "Settings:")?;
            table(settings, out)
        }
        Report::Text(text) => out.write_all(text.as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::Kind;

    #[test]
    fn failure_document_has_the_promised_fields() {
        let o = Outcome {
            action: Action::CancelFullRefresh,
            project: Some("p".into()),
            cache: None,
            failure: Some(Failure::new(Kind::Auth, "refused").with_status(401)),
            ..Outcome::default()
        };
        let doc = document(&Report::Outcome(o));
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
            &Report::Outcome(o),
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
