//! The JSON document of each report: the types of `document.rs`, filled.

use super::*;

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
pub(super) enum Kept<'a> {
    Status(StatusDocument<'a>),
    List(ListDocument<'a>),
    History(HistoryDocument<'a>),
}

/// `None` for the other documents. The items of a list are checked once
/// more as they are taken from the answer's text (they were read already).
pub(super) fn kept_document(report: &Report) -> serde_json::Result<Option<Kept<'_>>> {
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

pub(super) fn bulk_document(report: &Report) -> Option<BulkDocument> {
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
