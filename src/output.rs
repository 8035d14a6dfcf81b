//! Rendering: commands return a `Report`; this turns it into human text, or
//! one JSON or NDJSON document (the types in `document.rs`), on the writers
//! it is given.

use std::io::{self, Write};

use serde_json::Value;

use crate::action::Action;
use crate::api::{CacheStatus, Execution, Refresh};
use crate::cli::Format;
use crate::document::{
    ConfigPathDocument, ConfigShowDocument, ErrorDocument, OutcomeDocument, OutcomeName,
    RequestDocument, SettingsDocument, StatusDocument, SCHEMA_VERSION,
};
use crate::exit::Failure;
use crate::sanitize;

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
    /// `not_running`: the last execution of that kind, or `Value::Null`.
    pub last_execution: Option<Value>,
    pub waited: Option<WaitReport>,
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
    pub fn exit_code(&self) -> u8 {
        self.failure.as_ref().map_or(0, |f| f.kind.code())
    }

    fn document(&self) -> OutcomeDocument {
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
            execution: waited.map(|w| w.execution.clone()),
            waited_ms: waited.map(|w| w.waited_ms),
            polls: waited.map(|w| w.polls),
            superseded_by: waited.and_then(|w| w.superseded_by.clone()),
            request: None,
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
        raw: Value,
        status: CacheStatus,
    },
    Settings(SettingsDocument),
    ConfigPath {
        path: String,
        source: String,
        exists: bool,
    },
    DryRun {
        outcome: Outcome,
        request: RequestDocument,
        settings: SettingsDocument,
    },
    /// Printed as it is (completion scripts).
    Text(String),
}

impl Report {
    pub fn exit_code(&self) -> u8 {
        match self {
            Report::Outcome(o) => o.exit_code(),
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
        (_, Format::Json) => {
            serde_json::to_writer_pretty(&mut *out, &document(report))?;
            writeln!(out)
        }
        (_, Format::Ndjson) => {
            serde_json::to_writer(&mut *out, &document(report))?;
            writeln!(out)
        }
        (_, Format::Human) => human(report, style, out, err),
    }
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
                if let Some(hint) = &f.hint {
                    let hint = sanitize::message(hint);
                    writeln!(
                        err,
                        "{} {hint}",
                        style.paint(anstyle::AnsiColor::Cyan, "hint:")
                    )?;
                }
                Ok(())
            }
            None => writeln!(out, "{}", sanitize::message(&o.message)),
        },
        Report::Status { raw, status, .. } => human_status(raw, status, out),
        Report::Settings(settings) => table(settings, out),
        Report::ConfigPath { path, .. } => writeln!(out, "{path}"),
        Report::DryRun {
            request, settings, ..
        } => {
            writeln!(out, "Would send (dry run, nothing sent):")?;
            writeln!(out, "  {} {}", request.method, request.url)?;
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

fn table(settings: &SettingsDocument, out: &mut dyn Write) -> io::Result<()> {
    let rows = settings.rows();
    let name_width = rows.iter().map(|(name, _)| name.len()).max().unwrap_or(0);
    let value_width = rows
        .iter()
        .map(|(_, s)| s.value.chars().count())
        .max()
        .unwrap_or(0);
    for (name, setting) in rows {
        writeln!(
            out,
            "  {name:name_width$}  {:value_width$}  ({})",
            setting.value, setting.source
        )?;
    }
    Ok(())
}

fn human_status(raw: &Value, status: &CacheStatus, out: &mut dyn Write) -> io::Result<()> {
    let or_dash = |v: &Option<String>| v.as_deref().map_or("-".into(), sanitize::field);
    writeln!(out, "Cache     {}", or_dash(&status.id))?;
    writeln!(out, "Catalog   {}", or_dash(&status.catalog_id))?;
    writeln!(out, "Schema    {}", or_dash(&status.schema_name))?;
    writeln!(out, "Table     {}", or_dash(&status.table_name))?;
    writeln!(out, "Status    {}", or_dash(&status.status))?;
    for kind in [Refresh::Full, Refresh::Incremental] {
        writeln!(out)?;
        writeln!(out, "Last {}:", kind.noun())?;
        let Some(e) = status.execution(kind) else {
            writeln!(out, "  never run")?;
            continue;
        };
        writeln!(out, "  execution  {}", or_dash(&e.id))?;
        writeln!(out, "  status     {}", sanitize::field(e.status()))?;
        writeln!(out, "  progress   {}", counters(e))?;
        writeln!(out, "  created    {}", or_dash(&e.created_at))?;
        writeln!(out, "  updated    {}", or_dash(&e.updated_at))?;
        writeln!(out, "  finished   {}", or_dash(&e.finished_at))?;
        if let Some(error) = e.error.as_ref().filter(|v| !v.is_null()) {
            writeln!(out, "  error      {}", one_line(error))?;
        }
    }
    if let Some(logs) = raw.get("cacheActionLogs").and_then(Value::as_array) {
        writeln!(out)?;
        writeln!(out, "Logs:")?;
        for log in logs {
            let field = |name| {
                log.get(name)
                    .and_then(Value::as_str)
                    .map_or("-".into(), sanitize::field)
            };
            writeln!(
                out,
                "  {}  {}  {}  {}",
                field("timestamp"),
                field("cacheType"),
                field("action"),
                field("message")
            )?;
        }
    }
    Ok(())
}

fn one_line(value: &Value) -> String {
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
    let n = |v: Option<i64>| v.map_or("-".to_string(), |v| v.to_string());
    format!(
        "cached {}, inserted {}, updated {}, deleted {}",
        n(p.number_of_cached_records),
        n(p.number_of_inserted_records),
        n(p.number_of_updated_records),
        n(p.number_of_deleted_records)
    )
}

/// The JSON document of a report: `schemaVersion` first, camelCase keys.
pub fn document(report: &Report) -> Value {
    let value = match report {
        Report::Outcome(o) => serde_json::to_value(o.document()),
        Report::DryRun {
            outcome,
            request,
            settings,
        } => serde_json::to_value(OutcomeDocument {
            request: Some(request.clone()),
            settings: Some(settings.clone()),
            ..outcome.document()
        }),
        Report::Status {
            project,
            cache,
            raw,
            ..
        } => serde_json::to_value(StatusDocument {
            schema_version: SCHEMA_VERSION,
            ok: true,
            action: Action::Status,
            project_id: project.clone(),
            cache_id: cache.clone(),
            status: raw.clone(),
            exit_code: 0,
        }),
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
            failure: Some(Failure::new(Kind::Auth, "refused").status(401)),
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
