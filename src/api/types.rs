//! The API's types, read from `docs/api/`. Types tolerate unknown fields and
//! status strings; raw JSON is kept where it is passed through.

use serde::Deserialize;
use serde_json::Value;

use crate::exit::{usage, Failure};
use crate::redact::redact_json;

/// The two kinds of execution differ only in names: one code path, two values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refresh {
    Full,
    Incremental,
}

impl Refresh {
    pub fn cancel_endpoint(self) -> &'static str {
        match self {
            Refresh::Full => "cancelFullRefreshUpdate",
            Refresh::Incremental => "cancelIncrementalUpdate",
        }
    }

    /// `fullRefreshCache` / `incrementalUpdateCache`.
    pub fn trigger_endpoint(self) -> &'static str {
        match self {
            Refresh::Full => "fullRefreshUpdate",
            Refresh::Incremental => "incrementalUpdate",
        }
    }

    /// The field of `CacheStatus` that shows the last execution of this kind.
    pub fn status_field(self) -> &'static str {
        match self {
            Refresh::Full => "lastFullRefreshCacheExecution",
            Refresh::Incremental => "lastIncrementalCacheExecution",
        }
    }

    /// For messages: "full refresh", "incremental sync".
    pub fn noun(self) -> &'static str {
        match self {
            Refresh::Full => "full refresh",
            Refresh::Incremental => "incremental sync",
        }
    }
}

#[derive(Deserialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase")]
pub struct CacheStatus {
    pub id: Option<String>,
    pub status: Option<String>,
    pub catalog_id: Option<String>,
    pub schema_name: Option<String>,
    pub table_name: Option<String>,
    pub last_full_refresh_cache_execution: Option<Execution>,
    pub last_incremental_cache_execution: Option<Execution>,
}

impl CacheStatus {
    pub fn execution(&self, kind: Refresh) -> Option<&Execution> {
        match kind {
            Refresh::Full => self.last_full_refresh_cache_execution.as_ref(),
            Refresh::Incremental => self.last_incremental_cache_execution.as_ref(),
        }
    }
}

#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Execution {
    pub id: Option<String>,
    pub execution_mode: Option<String>,
    pub status: Option<String>,
    pub error: Option<Value>,
    pub progress: Option<Progress>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub finished_at: Option<String>,
    /// The execution as the API sent it, for display: keys masked.
    #[serde(skip)]
    pub raw: Value,
}

#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub number_of_cached_records: Option<i64>,
    pub number_of_inserted_records: Option<i64>,
    pub number_of_updated_records: Option<i64>,
    pub number_of_deleted_records: Option<i64>,
}

impl Execution {
    pub fn from_value(raw: &Value) -> Option<Execution> {
        let mut execution = Execution::deserialize(raw).ok()?;
        execution.raw = raw.clone();
        redact_json(&mut execution.raw);
        Some(execution)
    }

    pub fn status(&self) -> &str {
        self.status.as_deref().unwrap_or("UNKNOWN")
    }

    pub fn phase(&self) -> Phase {
        Phase::of(self.status())
    }
}

/// How an execution's status reads to the wait loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Cancelled,
    Completed,
    Failed,
    /// RUNNING, or a status we do not know: not final, keep waiting.
    Open,
}

impl Phase {
    pub fn of(status: &str) -> Phase {
        match status.to_ascii_uppercase().as_str() {
            "CANCELLED" | "CANCELED" => Phase::Cancelled,
            "COMPLETED" => Phase::Completed,
            "FAILED" => Phase::Failed,
            _ => Phase::Open,
        }
    }
}

/// Parses a status document, keeping each execution's raw JSON.
pub fn parse_status(raw: &Value) -> Option<CacheStatus> {
    let mut status = CacheStatus::deserialize(raw).ok()?;
    for kind in [Refresh::Full, Refresh::Incremental] {
        let exec = raw.get(kind.status_field()).and_then(Execution::from_value);
        match kind {
            Refresh::Full => status.last_full_refresh_cache_execution = exec,
            Refresh::Incremental => status.last_incremental_cache_execution = exec,
        }
    }
    Some(status)
}

/// Parses an execution history page; entries that are not objects are skipped.
pub fn parse_history(raw: &Value) -> Option<Vec<Execution>> {
    Some(
        raw.as_array()?
            .iter()
            .filter_map(Execution::from_value)
            .collect(),
    )
}

/// The project ID allowlist: what Peaka's IDs look like, and nothing that
/// could change a URL's path (`.` and `..` included).
pub fn check_project_id(id: &str) -> Result<(), Failure> {
    let ok = (1..=128).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(usage(format!("invalid project ID {}", quote(id)))
            .hint("a project ID is 1-128 letters, digits, '-' or '_', e.g. mtKDhe1U"))
    }
}

/// A catalog ID or schema name goes into the URL as one path segment (the
/// segment API escapes it); only what would name another level is refused.
pub fn check_segment(what: &str, text: &str) -> Result<(), Failure> {
    if text.is_empty() || text == "." || text == ".." || text.chars().any(char::is_control) {
        return Err(
            usage(format!("invalid {what} {}", quote(text))).hint(format!(
                "a {what} is not empty, `.` or `..`, and has no control characters"
            )),
        );
    }
    Ok(())
}

/// The cache ID must be a UUID (8-4-4-4-12 hex digits).
pub fn check_cache_id(id: &str) -> Result<(), Failure> {
    let groups: Vec<&str> = id.split('-').collect();
    let ok = groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
    if ok {
        Ok(())
    } else {
        Err(usage(format!("invalid cache ID {}: not a UUID", quote(id)))
            .hint("a cache ID looks like 960bd651-7b3c-4511-9a88-18e14ac7742a"))
    }
}

/// Shows user input safely: control characters escaped, length bounded.
fn quote(text: &str) -> String {
    let shown: String = text.chars().take(80).flat_map(char::escape_debug).collect();
    let more = if text.chars().count() > 80 { "..." } else { "" };
    format!("\"{shown}{more}\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids() {
        assert!(check_project_id("mtKDhe1U").is_ok());
        assert!(check_project_id("a_b-C9").is_ok());
        assert!(check_project_id(&"x".repeat(128)).is_ok());
        for bad in [
            "",
            ".",
            "..",
            "../x",
            "a/b",
            "a?b=c",
            "a#b",
            "a b",
            "ü",
            &"x".repeat(129),
        ] {
            let err = check_project_id(bad).unwrap_err();
            assert_eq!(err.kind.code(), 2, "{bad}");
        }
        assert!(check_cache_id("960bd651-7b3c-4511-9a88-18e14ac7742a").is_ok());
        assert!(check_cache_id("960BD651-7B3C-4511-9A88-18E14AC7742A").is_ok());
        for bad in [
            "",
            "960bd651",
            "960bd651-7b3c-4511-9a88-18e14ac7742",
            "../960bd651-7b3c-4511-9a88-18e14ac7742a",
            "960bd651-7b3c-4511-9a88-18e14ac7742g",
            "960bd6517b3c45119a8818e14ac7742a",
        ] {
            assert!(check_cache_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn catalog_and_schema_segments() {
        for ok in ["postgres1", "my schema", "a/b", "Ünïcode"] {
            assert!(check_segment("schema name", ok).is_ok(), "{ok}");
        }
        for bad in ["", ".", "..", "a\nb"] {
            assert_eq!(
                check_segment("catalog ID", bad).unwrap_err().kind.code(),
                2,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn status_tolerates_unknown_fields_and_statuses() {
        let raw = json!({
            "id": "c", "status": "RUNNING", "brandNew": 1,
            "lastFullRefreshCacheExecution": {"id": "e1", "status": "PAUSED", "extra": true,
                "progress": {"numberOfCachedRecords": 5, "lastOffset": "x"}},
        });
        let status = parse_status(&raw).unwrap();
        let exec = status.execution(Refresh::Full).unwrap();
        assert_eq!(exec.phase(), Phase::Open);
        assert_eq!(exec.raw["extra"], json!(true));
        assert_eq!(
            exec.progress.as_ref().unwrap().number_of_cached_records,
            Some(5)
        );
        assert!(status.execution(Refresh::Incremental).is_none());
    }

    #[test]
    fn phases() {
        assert_eq!(Phase::of("CANCELLED"), Phase::Cancelled);
        assert_eq!(Phase::of("completed"), Phase::Completed);
        assert_eq!(Phase::of("FAILED"), Phase::Failed);
        assert_eq!(Phase::of("RUNNING"), Phase::Open);
        assert_eq!(Phase::of("SOMETHING_NEW"), Phase::Open);
    }
}
