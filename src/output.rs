//! Rendering: commands return a `Report`; this turns it into human text, or
//! one JSON or NDJSON document (the types in `document.rs`), on the writers
//! it is given.

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

/// Values wider than this do not widen the column of `config show`.
const ALIGNED_MAX: usize = 120;

fn table(settings: &SettingsDocument, out: &mut dyn Write) -> io::Result<()> {
    let rows = settings.rows();
    let name_width = rows.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    let value_width = rows
        .iter()
        .map(|(_, s)| s.value.chars().count())
        .filter(|w| *w <= ALIGNED_MAX)
        .max()
        .unwrap_or(0);
    for (name, setting) in rows {
        writeln!(
            out,
            "  {}  {}  ({})",
            pad(name, name_width),
            pad(&setting.value, value_width),
            setting.source
        )?;
    }
    Ok(())
}

/// `text` and spaces up to `width` characters. Not the formatter's width,
/// which panics above 65,535.
fn pad(text: &str, width: usize) -> String {
    let mut padded = text.to_string();
    let missing = width.saturating_sub(text.chars().count());
    padded.extend(std::iter::repeat_n(' ', missing));
    padded
}

/// A status word, coloured when stdout is a terminal that wants colour.
fn status_word(text: Option<&str>, style: &Style) -> String {
    let word = text.map_or("-".into(), sanitize::field);
    let color = match Stage::of(&word) {
        Stage::Running => anstyle::AnsiColor::Yellow,
        Stage::Completed => anstyle::AnsiColor::Green,
        Stage::Failed => anstyle::AnsiColor::Red,
        Stage::Cancelled => anstyle::AnsiColor::Magenta,
        _ => return word,
    };
    if !style.stdout_color {
        return word;
    }
    let paint = anstyle::Style::new().fg_color(Some(color.into())).bold();
    format!("{paint}{word}{paint:#}")
}

/// A timestamp and, when it parses, its age: `2026-11-29T10:00:00Z (3m ago)`.
fn when(text: &Option<String>) -> String {
    let Some(text) = text.as_deref() else {
        return "-".into();
    };
    let shown = sanitize::field(text);
    match crate::time::ago(text, crate::time::now()) {
        Some(age) => format!("{shown} ({age})"),
        None => shown,
    }
}

fn human_status(status: &CacheStatus, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let or_dash = |v: &Option<String>| v.as_deref().map_or("-".into(), sanitize::field);
    writeln!(out, "Cache     {}", or_dash(&status.id))?;
    writeln!(out, "Catalog   {}", or_dash(&status.catalog_id))?;
    writeln!(out, "Schema    {}", or_dash(&status.schema_name))?;
    writeln!(out, "Table     {}", or_dash(&status.table_name))?;
    writeln!(
        out,
        "Status    {}",
        status_word(status.status.as_deref(), style)
    )?;
    for kind in [ExecutionKind::Full, ExecutionKind::Incremental] {
        writeln!(out)?;
        writeln!(out, "Last {}:", kind.noun())?;
        let Some(e) = status.execution(kind) else {
            writeln!(out, "  never run")?;
            continue;
        };
        writeln!(out, "  execution  {}", or_dash(&e.id))?;
        writeln!(out, "  status     {}", status_word(Some(e.status()), style))?;
        writeln!(out, "  progress   {}", counters(e))?;
        writeln!(out, "  started    {}", when(&e.created_at))?;
        writeln!(out, "  updated    {}", when(&e.updated_at))?;
        writeln!(out, "  finished   {}", when(&e.finished_at))?;
        if let Some(error) = e.error.as_ref().filter(|v| !v.is_null()) {
            writeln!(out, "  error      {}", one_line(error))?;
        }
    }
    if let Some(logs) = &status.cache_action_logs {
        writeln!(out)?;
        writeln!(out, "Logs:")?;
        for log in logs {
            writeln!(
                out,
                "  {}  {}  {}  {}",
                or_dash(&log.timestamp),
                or_dash(&log.cache_type),
                or_dash(&log.action),
                or_dash(&log.message)
            )?;
        }
    }
    Ok(())
}

/// A server's value as one line: an object's `message`, a string, or the
/// value as JSON (an execution's error takes any of these forms).
pub fn one_line(value: &Value) -> String {
    match value {
        Value::String(s) => sanitize::field(s),
        Value::Object(map) => match map.get("message").and_then(Value::as_str) {
            Some(message) => sanitize::field(message),
            None => sanitize::field(&value.to_string()),
        },
        other => sanitize::field(&other.to_string()),
    }
}

pub fn counters(e: &Execution) -> String {
    let p = e.progress.clone().unwrap_or_default();
    let n = |v: Option<String>| v.map_or("-".to_string(), |v| sanitize::field(&v));
    format!(
        "cached {}, inserted {}, updated {}, deleted {}",
        n(p.number_of_cached_records),
        n(p.number_of_inserted_records),
        n(p.number_of_updated_records),
        n(p.number_of_deleted_records)
    )
}

/// The columns of `cache list`, as the terminal header names them; piped,
/// the same columns tab-separated, without a header, times as ISO-8601.
const LIST_COLUMNS: [&str; 7] = [
    "CACHE",
    "CATALOG",
    "SCHEMA",
    "TABLE",
    "STATUS",
    "FULL REFRESH",
    "INCREMENTAL",
];

/// The columns of `cache history`.
const HISTORY_COLUMNS: [&str; 6] = [
    "EXECUTION",
    "KIND",
    "STATUS",
    "STARTED",
    "DURATION",
    "ERROR",
];

/// A cell: the shown text on a terminal, and what a script gets.
pub struct Cell {
    shown: String,
    piped: Vec<String>,
}

fn cell(text: Option<&str>) -> Cell {
    let text = text.map_or("-".into(), sanitize::field);
    Cell {
        shown: text.clone(),
        piped: vec![text],
    }
}

/// The last execution of a kind: its status and age ("COMPLETED 3m ago");
/// piped, two columns: the status and its time (no age to work out).
fn last_cell(e: Option<&LastRun>, terminal: bool) -> Cell {
    let Some(e) = e else {
        return Cell {
            shown: "never".into(),
            piped: vec!["-".into(), "-".into()],
        };
    };
    let status = e.status.as_deref().map_or("-".into(), sanitize::field);
    let when = e
        .finished_at
        .as_deref()
        .or(e.created_at.as_deref())
        .or(e.updated_at.as_deref());
    let age = when
        .filter(|_| terminal)
        .and_then(|w| crate::time::ago(w, crate::time::now()));
    Cell {
        shown: age.map_or(status.clone(), |age| format!("{status} {age}")),
        piped: vec![status, when.map_or("-".into(), sanitize::field)],
    }
}

fn list_row(c: &ListedCache, terminal: bool) -> Vec<Cell> {
    vec![
        cell(c.id.as_deref()),
        cell(c.catalog_id.as_deref()),
        cell(c.schema_name.as_deref()),
        cell(c.table_name.as_deref()),
        cell(c.status.as_deref()),
        last_cell(c.execution(ExecutionKind::Full), terminal),
        last_cell(c.execution(ExecutionKind::Incremental), terminal),
    ]
}

fn history_row(e: &Execution) -> Vec<Cell> {
    let duration = match (e.created_at.as_deref(), e.finished_at.as_deref()) {
        (Some(start), Some(end)) => crate::time::between(start, end),
        (Some(_), None) => Some("running".into()),
        _ => None,
    };
    let error = e.error.as_ref().filter(|v| !v.is_null()).map(one_line);
    vec![
        cell(e.id.as_deref()),
        cell(e.execution_mode.as_deref()),
        cell(Some(e.status())),
        cell(e.created_at.as_deref()),
        cell(duration.as_deref()),
        cell(error.as_deref()),
    ]
}

/// Rows of `cache history`: one page of executions as the API sent them
/// (`--all` prints each page as it arrives, the header before the first;
/// on a terminal each page is aligned by itself, at least as wide as the
/// header).
pub fn history_page(
    executions: &[Box<RawValue>],
    first: bool,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = executions
        .iter()
        .map(|e| history_row(&lenient::object(e.get()).unwrap_or_default()));
    rows_out(&HISTORY_COLUMNS, first, rows, style, out)
}

/// Rows aligned under a header on a terminal (printed if `with_header`);
/// tab-separated without one for scripts, each row written as it is made.
fn rows_out(
    header: &[&str],
    with_header: bool,
    rows: impl Iterator<Item = Vec<Cell>>,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    if !style.stdout_terminal {
        for row in rows {
            let mut fields = row.into_iter().flat_map(|c| c.piped);
            if let Some(field) = fields.next() {
                out.write_all(field.as_bytes())?;
            }
            for field in fields {
                write!(out, "\t{field}")?;
            }
            writeln!(out)?;
        }
        return out.flush();
    }
    let rows: Vec<Vec<Cell>> = rows.collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.shown.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        padded.join("  ").trim_end().to_string()
    };
    if with_header {
        writeln!(out, "{}", line(header.to_vec()))?;
    }
    for row in &rows {
        writeln!(
            out,
            "{}",
            line(row.iter().map(|c| c.shown.as_str()).collect())
        )?;
    }
    out.flush()
}

/// How many caches ended with each outcome (or error kind, before one).
pub fn summary(results: &[Outcome]) -> std::collections::BTreeMap<String, u32> {
    let mut counts = std::collections::BTreeMap::new();
    for o in results {
        *counts.entry(outcome_key(o)).or_insert(0) += 1;
    }
    counts
}

pub fn outcome_key(o: &Outcome) -> String {
    match (o.outcome, &o.failure) {
        (Some(name), _) => serde_json::to_value(name)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        (None, Some(f)) => f.kind.name().to_string(),
        (None, None) => "ok".into(),
    }
}

/// Each hint of the caches' failures once, after the summary: the lines
/// of the caches have no room for them.
fn bulk_hints(results: &[Outcome], style: &Style, err: &mut dyn Write) -> io::Result<()> {
    if style.quiet {
        return Ok(());
    }
    let mut told = Vec::new();
    for hint in results
        .iter()
        .filter_map(|o| o.failure.as_ref()?.hint.as_deref())
    {
        if !told.contains(&hint) {
            told.push(hint);
            let label = style.paint(anstyle::AnsiColor::Cyan, "hint:");
            writeln!(err, "{label} {}", sanitize::message(hint))?;
        }
    }
    Ok(())
}

/// The last line of a bulk cancel, for people: a count per outcome.
fn summary_line(results: &[Outcome], out: &mut dyn Write) -> io::Result<()> {
    let counts: Vec<String> = summary(results)
        .into_iter()
        .map(|(name, n)| format!("{n} {name}"))
        .collect();
    let total = results.len();
    let shown = if counts.is_empty() {
        "nothing to do".to_string()
    } else {
        counts.join(", ")
    };
    writeln!(
        out,
        "{total} cache{}: {shown}",
        if total == 1 { "" } else { "s" }
    )
}

/// The JSON document of a report: `schemaVersion` first, camelCase keys.
pub fn document(report: &Report) -> Value {
    let value = match report {
        Report::Outcome(o) => serde_json::to_value(o.document()),
        Report::DryRun {
            outcome,
            request,
            requests,
            settings,
        } => serde_json::to_value(OutcomeDocument {
            request: Some(request.clone()),
            requests: Some(requests.clone()),
            settings: Some(settings.clone()),
            ..outcome.document()
        }),
        Report::Status { .. } | Report::List { .. } | Report::History { .. } => {
            kept_document(report).and_then(serde_json::to_value)
        }
        Report::Bulk { .. } => serde_json::to_value(bulk_document(report)),
        Report::Auth(doc, _) => serde_json::to_value(doc),
        Report::Settings(settings) => serde_json::to_value(ConfigShowDocument {
            schema_version: SCHEMA_VERSION,
            ok: true,
            action: Action::ConfigShow,
            settings: settings.clone(),
            exit_code: 0,
        }),
        Report::ConfigPath {
            path,
            source,
            exists,
        } => serde_json::to_value(ConfigPathDocument {
            schema_version: SCHEMA_VERSION,
            ok: true,
            action: Action::ConfigPath,
            path: path.clone(),
            source: source.clone(),
            exists: *exists,
            exit_code: 0,
        }),
        Report::Text(text) => Ok(Value::String(text.clone())),
    };
    value.unwrap_or(Value::Null)
}

/// The documents that carry the server's objects as it sent them.
#[derive(Serialize)]
#[serde(untagged)]
enum Kept<'a> {
    Status(StatusDocument<'a>),
    List(ListDocument<'a>),
    History(HistoryDocument<'a>),
}

/// `None` for the other documents. The items of a list are checked once
/// more as they are taken from the answer's text (they were read already).
fn kept_document(report: &Report) -> serde_json::Result<Option<Kept<'_>>> {
    Ok(Some(match report {
        Report::Status {
            project,
            cache,
            raw,
            ..
        } => Kept::Status(StatusDocument {
            schema_version: SCHEMA_VERSION,
            ok: true,
            action: Action::Status,
            project_id: project.clone(),
            cache_id: cache.clone(),
            status: raw,
            exit_code: 0,
        }),
        Report::List { project, caches } => Kept::List(ListDocument {
            schema_version: SCHEMA_VERSION,
            ok: true,
            action: Action::List,
            project_id: project.clone(),
            cache_id: None,
            caches: caches.raw_items()?,
            exit_code: 0,
        }),
        Report::History {
            project,
            cache,
            executions,
        } => Kept::History(HistoryDocument {
            schema_version: SCHEMA_VERSION,
            ok: true,
            action: Action::History,
            project_id: project.clone(),
            cache_id: cache.clone(),
            executions: executions.iter().map(|e| &**e).collect(),
            exit_code: 0,
        }),
        _ => return Ok(None),
    }))
}

fn bulk_document(report: &Report) -> Option<BulkDocument> {
    let Report::Bulk {
        action,
        project,
        results,
        exit_code,
    } = report
    else {
        return None;
    };
    Some(BulkDocument {
        schema_version: SCHEMA_VERSION,
        ok: *exit_code == 0,
        action: *action,
        project_id: project.clone(),
        cache_id: None,
        results: results.iter().map(Outcome::document).collect(),
        summary: summary(results),
        exit_code: *exit_code,
    })
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
