//! Rendering: commands return a `Report`; this turns it into human text, one
//! JSON document or NDJSON, on the writers it is given.

use std::io::{self, Write};

use serde_json::{json, Map, Value};

use crate::api::{CacheStatus, Execution, Refresh};
use crate::cli::Format;
use crate::exit::Failure;
use crate::sanitize;

pub const SCHEMA_VERSION: u32 = 1;

/// The result of an action on a cache, successful or not.
#[derive(Debug, Default)]
pub struct Outcome {
    pub action: &'static str,
    pub project: Option<String>,
    pub cache: Option<String>,
    pub outcome: Option<&'static str>,
    /// For cancels: whether the API acknowledged the cancel signal.
    pub cancel_sent: Option<bool>,
    /// The human result line, for successes.
    pub message: String,
    /// Further JSON fields, in order, after `outcome`.
    pub fields: Map<String, Value>,
    pub failure: Option<Failure>,
}

#[derive(Debug)]
pub struct Row {
    pub name: &'static str,
    pub value: String,
    pub source: String,
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
    Settings(Vec<Row>),
    ConfigPath {
        path: String,
        source: String,
        exists: bool,
    },
    DryRun {
        outcome: Outcome,
        method: String,
        url: String,
        headers: Vec<(&'static str, String)>,
        settings: Vec<Row>,
    },
    /// Printed as it is (completion scripts).
    Text(String),
}

impl Report {
    pub fn exit_code(&self) -> u8 {
        match self {
            Report::Outcome(o) => o.failure.as_ref().map_or(0, |f| f.kind.code()),
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
    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

pub fn warn(style: &Style, err: &mut dyn Write, message: &str) {
    if !style.quiet {
        let _ = writeln!(err, "{} {message}", style.paint("33", "warning:"));
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
                writeln!(err, "{} {message}", style.paint("31", "error:"))?;
                if let Some(hint) = &f.hint {
                    let hint = sanitize::message(hint);
                    writeln!(err, "{} {hint}", style.paint("36", "hint:"))?;
                }
                Ok(())
            }
            None => writeln!(out, "{}", sanitize::message(&o.message)),
        },
        Report::Status { raw, status, .. } => human_status(raw, status, out),
        Report::Settings(rows) => table(rows, out),
        Report::ConfigPath { path, .. } => writeln!(out, "{path}"),
        Report::DryRun {
            method,
            url,
            headers,
            settings,
            ..
        } => {
            writeln!(out, "Would send (dry run, nothing sent):")?;
            writeln!(out, "  {method} {url}")?;
            for (name, value) in headers {
                writeln!(out, "  {name}: {value}")?;
            }
            writeln!(out)?;
            writeln!(out, "Settings:")?;
            table(settings, out)
        }
        Report::Text(text) => out.write_all(text.as_bytes()),
    }
}

fn table(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let name_width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let value_width = rows
        .iter()
        .map(|r| r.value.chars().count())
        .max()
        .unwrap_or(0);
    for row in rows {
        writeln!(
            out,
            "  {:name_width$}  {:value_width$}  ({})",
            row.name, row.value, row.source
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
    match report {
        Report::Outcome(o) | Report::DryRun { outcome: o, .. } => {
            let mut doc = outcome_document(o);
            if let Report::DryRun {
                method,
                url,
                headers,
                settings,
                ..
            } = report
            {
                let headers: Map<String, Value> = headers
                    .iter()
                    .map(|(n, v)| (n.to_string(), json!(v)))
                    .collect();
                doc.insert(
                    "request".into(),
                    json!({"method": method, "url": url, "headers": headers}),
                );
                doc.insert("settings".into(), settings_json(settings));
            }
            Value::Object(doc)
        }
        Report::Status {
            project,
            cache,
            raw,
            ..
        } => json!({
            "schemaVersion": SCHEMA_VERSION,
            "ok": true,
            "action": "status",
            "projectId": project,
            "cacheId": cache,
            "status": raw,
            "exitCode": 0,
        }),
        Report::Settings(rows) => json!({
            "schemaVersion": SCHEMA_VERSION,
            "ok": true,
            "action": "config-show",
            "settings": settings_json(rows),
            "exitCode": 0,
        }),
        Report::ConfigPath {
            path,
            source,
            exists,
        } => json!({
            "schemaVersion": SCHEMA_VERSION,
            "ok": true,
            "action": "config-path",
            "path": path,
            "source": source,
            "exists": exists,
            "exitCode": 0,
        }),
        Report::Text(text) => json!({ "schemaVersion": SCHEMA_VERSION, "ok": true, "text": text }),
    }
}

fn settings_json(rows: &[Row]) -> Value {
    let map: Map<String, Value> = rows
        .iter()
        .map(|r| (camel(r.name), json!({"value": r.value, "source": r.source})))
        .collect();
    Value::Object(map)
}

fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn outcome_document(o: &Outcome) -> Map<String, Value> {
    let mut doc = Map::new();
    doc.insert("schemaVersion".into(), json!(SCHEMA_VERSION));
    doc.insert("ok".into(), json!(o.failure.is_none()));
    doc.insert("action".into(), json!(o.action));
    doc.insert("projectId".into(), json!(o.project));
    doc.insert("cacheId".into(), json!(o.cache));
    if let Some(outcome) = o.outcome {
        doc.insert("outcome".into(), json!(outcome));
    }
    if let Some(sent) = o.cancel_sent {
        doc.insert("cancelSent".into(), json!(sent));
    }
    doc.extend(o.fields.iter().map(|(k, v)| (k.clone(), v.clone())));
    if let Some(f) = &o.failure {
        doc.insert(
            "error".into(),
            json!({"kind": f.kind.name(), "message": f.message, "hint": f.hint, "httpStatus": f.http_status}),
        );
    }
    doc.insert(
        "exitCode".into(),
        json!(o.failure.as_ref().map_or(0, |f| f.kind.code())),
    );
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::Kind;

    #[test]
    fn failure_document_has_the_promised_fields() {
        let o = Outcome {
            action: "cancel-full-refresh",
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
