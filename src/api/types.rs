//! The API's types, read from `docs/api/`. Types tolerate unknown fields and
//! status strings; raw JSON is kept where it is passed through.

use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;

use super::lenient;

use crate::exit::{usage, Failure};
use crate::redact::redact_json;
use crate::stage::Stage;

/// The two kinds of execution differ only in names: one code path, two values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecutionKind {
    Full,
    Incremental,
}

impl ExecutionKind {
    pub fn cancel_endpoint(self) -> &'static str {
        match self {
            ExecutionKind::Full => "cancelFullRefreshUpdate",
            ExecutionKind::Incremental => "cancelIncrementalUpdate",
        }
    }

    /// `fullRefreshCache` / `incrementalUpdateCache`.
    pub fn trigger_endpoint(self) -> &'static str {
        match self {
            ExecutionKind::Full => "fullRefreshUpdate",
            ExecutionKind::Incremental => "incrementalUpdate",
        }
    }

    /// The settings' field of this kind's schedule.
    pub fn schedule_field(self) -> &'static str {
        match self {
            ExecutionKind::Full => "fullRefreshCacheSchedule",
            ExecutionKind::Incremental => "incrementalCacheSchedule",
        }
    }

    /// In documents and on command lines: `full`, `incremental`.
    pub fn name(self) -> &'static str {
        match self {
            ExecutionKind::Full => "full",
            ExecutionKind::Incremental => "incremental",
        }
    }

    /// For messages: "full refresh", "incremental sync".
    pub fn noun(self) -> &'static str {
        match self {
            ExecutionKind::Full => "full refresh",
            ExecutionKind::Incremental => "incremental sync",
        }
    }
}

/// A cache's status. Every field is read tolerantly (`lenient`): one of an
/// unexpected type is absent here, and the raw object keeps it.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct CacheStatus {
    #[serde(deserialize_with = "lenient::text")]
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub status: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub catalog_id: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub schema_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub table_name: Option<String>,
    #[serde(deserialize_with = "execution")]
    pub last_full_refresh_cache_execution: Option<Execution>,
    #[serde(deserialize_with = "execution")]
    pub last_incremental_cache_execution: Option<Execution>,
    /// Only with `cache status --logs`.
    #[serde(deserialize_with = "lenient::list")]
    pub cache_action_logs: Option<Vec<LogLine>>,
}

impl CacheStatus {
    pub fn execution(&self, kind: ExecutionKind) -> Option<&Execution> {
        match kind {
            ExecutionKind::Full => self.last_full_refresh_cache_execution.as_ref(),
            ExecutionKind::Incremental => self.last_incremental_cache_execution.as_ref(),
        }
    }

    /// The cache's own stage (`Deleted` once it is gone); `None` when the
    /// status does not say.
    pub fn stage(&self) -> Option<Stage> {
        self.status.as_deref().map(Stage::of)
    }
}

/// A cache's settings (`getCacheSettings`, the answer of
/// `updateCacheSettings`), read tolerantly: the raw object keeps every field.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct CacheSettings {
    #[serde(deserialize_with = "lenient::text")]
    pub schema_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub table_name: Option<String>,
    #[serde(deserialize_with = "lenient::value")]
    pub full_refresh_cache_schedule: Option<Value>,
    #[serde(deserialize_with = "lenient::value")]
    pub incremental_cache_schedule: Option<Value>,
}

impl CacheSettings {
    /// This kind's schedule as the API sent it; `None` when it sent none.
    pub fn schedule(&self, kind: ExecutionKind) -> Option<&Value> {
        let schedule = match kind {
            ExecutionKind::Full => self.full_refresh_cache_schedule.as_ref(),
            ExecutionKind::Incremental => self.incremental_cache_schedule.as_ref(),
        };
        schedule.filter(|v| !v.is_null())
    }
}

/// One line of `cacheActionLogs`.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct LogLine {
    #[serde(deserialize_with = "lenient::text")]
    pub timestamp: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub cache_type: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub action: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub message: Option<String>,
}

#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Execution {
    #[serde(deserialize_with = "lenient::text")]
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub execution_mode: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub status: Option<String>,
    #[serde(deserialize_with = "lenient::value")]
    pub error: Option<Value>,
    #[serde(deserialize_with = "lenient::nested")]
    pub progress: Option<RecordCounts>,
    #[serde(deserialize_with = "lenient::text")]
    pub created_at: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub updated_at: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub finished_at: Option<String>,
    /// The execution as the API sent it, for display: keys masked (in a
    /// status; `Null` where the caller keeps the raw text itself).
    #[serde(skip)]
    pub raw: Value,
}

/// Record counts, as text: the server may send `12`, `12.0` or `"12"`.
#[derive(Deserialize, Debug, Clone, Default, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct RecordCounts {
    #[serde(deserialize_with = "lenient::text")]
    pub number_of_cached_records: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub number_of_inserted_records: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub number_of_updated_records: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub number_of_deleted_records: Option<String>,
}

impl Execution {
    /// An execution from its raw JSON text, kept as a `Value` too (keys
    /// masked); `None` when it is not an object.
    pub fn from_text(raw: &str) -> Option<Execution> {
        let mut execution: Execution = lenient::object(raw)?;
        execution.raw = serde_json::from_str(raw).unwrap_or(Value::Null);
        redact_json(&mut execution.raw);
        Some(execution)
    }

    pub fn status(&self) -> &str {
        // Not given: shown as a missing value is, judged as not final.
        self.status.as_deref().unwrap_or("-")
    }

    pub fn stage(&self) -> Stage {
        Stage::of(self.status())
    }
}

/// A last execution in a status: an object, its raw JSON kept; anything
/// else counts as none.
fn execution<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Execution>, D::Error> {
    let raw = Option::<&RawValue>::deserialize(d)?;
    Ok(raw.and_then(|raw| Execution::from_text(raw.get())))
}

/// What `cache list` and `--all-running` read of each cache: only what they
/// show or judge, every field tolerant (`lenient`).
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct ListedCache {
    #[serde(deserialize_with = "lenient::text")]
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub status: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub catalog_id: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub schema_name: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub table_name: Option<String>,
    #[serde(deserialize_with = "lenient::nested")]
    pub last_full_refresh_cache_execution: Option<LastRun>,
    #[serde(deserialize_with = "lenient::nested")]
    pub last_incremental_cache_execution: Option<LastRun>,
}

/// A last execution as a list shows it.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct LastRun {
    #[serde(deserialize_with = "lenient::text")]
    pub status: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub created_at: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub updated_at: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub finished_at: Option<String>,
}

impl ListedCache {
    pub fn execution(&self, kind: ExecutionKind) -> Option<&LastRun> {
        match kind {
            ExecutionKind::Full => self.last_full_refresh_cache_execution.as_ref(),
            ExecutionKind::Incremental => self.last_incremental_cache_execution.as_ref(),
        }
    }

    /// Whether that kind's last execution says RUNNING, in any case.
    pub fn is_running(&self, kind: ExecutionKind) -> bool {
        self.execution(kind)
            .and_then(|e| e.status.as_deref())
            .is_some_and(|s| Stage::of(s) == Stage::Running)
    }
}

/// Reads a status document; `None` when it is not an object.
pub fn parse_status(raw: &str) -> Option<CacheStatus> {
    lenient::object(raw)
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
        let status = parse_status(&raw.to_string()).unwrap();
        let exec = status.execution(ExecutionKind::Full).unwrap();
        assert_eq!(exec.stage(), Stage::Other("PAUSED".into()));
        assert_eq!(exec.raw["extra"], json!(true));
        assert_eq!(
            exec.progress.as_ref().unwrap().number_of_cached_records,
            Some("5".into())
        );
        assert!(status.execution(ExecutionKind::Incremental).is_none());
    }

    #[test]
    fn a_field_of_an_odd_type_does_not_cost_the_status() {
        let raw = r#"{"id": 42, "status": ["x"], "tableName": "t",
            "lastFullRefreshCacheExecution": {"id": "e1", "status": 3, "createdAt": 1764410400,
                "progress": {"numberOfCachedRecords": 12.0, "numberOfInsertedRecords": "12",
                    "numberOfUpdatedRecords": 18446744073709551616, "numberOfDeletedRecords": {}}},
            "lastIncrementalCacheExecution": "RUNNING",
            "cacheActionLogs": [{"message": 7}, 3]}"#;
        let status = parse_status(raw).unwrap();
        assert_eq!(status.id.as_deref(), Some("42"));
        assert_eq!(
            (status.status.as_deref(), status.table_name.as_deref()),
            (None, Some("t"))
        );
        let exec = status.execution(ExecutionKind::Full).unwrap();
        assert_eq!(
            (exec.status(), exec.stage()),
            ("3", Stage::Other("3".into()))
        );
        assert_eq!(exec.created_at.as_deref(), Some("1764410400"));
        let p = exec.progress.clone().unwrap();
        let counts = [
            p.number_of_cached_records,
            p.number_of_inserted_records,
            p.number_of_updated_records,
            p.number_of_deleted_records,
        ];
        assert_eq!(
            counts,
            [
                Some("12.0".into()),
                Some("12".into()),
                Some("18446744073709551616".into()),
                None
            ]
        );
        assert!(status.execution(ExecutionKind::Incremental).is_none());
        let logs = status.cache_action_logs.unwrap();
        assert_eq!(logs[0].message.as_deref(), Some("7"));
        assert!(logs[1].message.is_none());
    }

    #[test]
    fn a_listed_cache_is_running_by_its_status_text() {
        let cache: ListedCache = lenient::object(
            r#"{"id": "c", "createdAt": 5, "lastFullRefreshCacheExecution": {"status": "running", "createdAt": []},
                "lastIncrementalCacheExecution": {"status": 1}}"#,
        )
        .unwrap();
        assert!(cache.is_running(ExecutionKind::Full));
        assert!(!cache.is_running(ExecutionKind::Incremental));
    }
}
