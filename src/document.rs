//! The output contract: every JSON and NDJSON document `peaka` prints, as
//! types. `schema/peaka-output.schema.json` is generated from them; a test
//! fails when the two differ. Keys are camelCase. Fields may be added; none
//! is renamed or removed, and no meaning changes, without a new
//! `schemaVersion`.

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::action::Action;
use crate::exit::Kind;

pub const SCHEMA_VERSION: u32 = 1;

/// How a cancel ended.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutcomeName {
    CancelRequested,
    RefreshRequested,
    NotRunning,
    Cancelled,
    Completed,
    Failed,
    Superseded,
    Deleted,
    TimedOut,
    Interrupted,
    DryRun,
}

/// The result of a cancel, or the failure of any command.
#[derive(Serialize, Debug, Clone)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutcomeDocument {
    pub schema_version: u32,
    /// `true` when the exit code is 0.
    pub ok: bool,
    pub action: Action,
    /// As given, or `null` when not known.
    pub project_id: Option<String>,
    pub cache_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<OutcomeName>,
    /// Cancels: whether the API acknowledged the cancel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cancel_sent: Option<bool>,
    /// `not_running`: the last execution of that kind as the API showed it,
    /// or `null` when it has never run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_execution: Option<Value>,
    /// `refresh`: the execution of that kind that was running when the
    /// refresh was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub already_running: Option<AlreadyRunning>,
    /// `--wait`: the followed execution as the API last showed it.
    /// `refresh` without `--wait`: the new execution as the status showed
    /// it after the trigger, or `null` when it did not show a new one yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution: Option<Value>,
    /// `--wait`: time waited.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waited_ms: Option<u64>,
    /// `--wait`: status reads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub polls: Option<u32>,
    /// The id of the execution of that kind the status shows instead of the
    /// followed one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// `--dry-run`: the request that would be sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestDocument>,
    /// `--dry-run`: every request the command sends before any polling or
    /// any request that depends on an answer, in the order sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests: Option<Vec<RequestDocument>>,
    /// `--dry-run`: every setting and where it came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<SettingsDocument>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorDocument>,
    pub exit_code: u8,
}

/// An execution that was already running, as the status showed it.
#[derive(Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlreadyRunning {
    pub id: Option<String>,
    /// `null` when the API gave none.
    pub status: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ErrorDocument {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
    /// The HTTP status that caused it, if one did.
    pub http_status: Option<u16>,
}

#[derive(Serialize, Debug, Clone)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RequestDocument {
    pub method: String,
    pub url: String,
    /// The key shown as `***`.
    pub headers: RequestHeaders,
}

#[derive(Serialize, Debug, Clone)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RequestHeaders {
    #[serde(rename = "Authorization")]
    pub authorization: String,
    #[serde(rename = "Accept")]
    pub accept: String,
    #[serde(rename = "User-Agent")]
    pub user_agent: String,
}

/// One setting's value and where it came from.
#[derive(Serialize, Debug, Clone)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Setting {
    pub value: String,
    pub source: String,
}

#[derive(Serialize, Debug, Clone)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsDocument {
    /// `***` and at most the key's last four characters.
    pub api_key: Setting,
    pub zone: Setting,
    pub base_url: Setting,
    pub project: Setting,
    pub output: Setting,
    pub profile: Setting,
    pub config_file: Setting,
    pub request_timeout: Setting,
    pub retries: Setting,
    pub ca_cert: Setting,
}

impl SettingsDocument {
    /// Each setting with its name in the config file, for the human table.
    pub fn rows(&self) -> [(&'static str, &Setting); 10] {
        [
            ("api_key", &self.api_key),
            ("zone", &self.zone),
            ("base_url", &self.base_url),
            ("project", &self.project),
            ("output", &self.output),
            ("profile", &self.profile),
            ("config_file", &self.config_file),
            ("request_timeout", &self.request_timeout),
            ("retries", &self.retries),
            ("ca_cert", &self.ca_cert),
        ]
    }
}

/// `peaka cache list`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListDocument<'a> {
    pub schema_version: u32,
    pub ok: bool,
    pub action: Action,
    pub project_id: String,
    /// Always `null`: a list is about many caches.
    pub cache_id: Option<String>,
    /// The API's cache status objects as it sent them, after `--status`.
    pub caches: Vec<&'a RawValue>,
    pub exit_code: u8,
}

/// `peaka cache history`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistoryDocument<'a> {
    pub schema_version: u32,
    pub ok: bool,
    pub action: Action,
    pub project_id: String,
    pub cache_id: String,
    /// The API's execution objects as it sent them, newest first, each once.
    pub executions: Vec<&'a RawValue>,
    pub exit_code: u8,
}

/// A cancel of several caches: each cache's own document, once.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BulkDocument {
    pub schema_version: u32,
    /// `true` when every cache succeeded.
    pub ok: bool,
    pub action: Action,
    pub project_id: String,
    /// Always `null`: a bulk cancel is about many caches.
    pub cache_id: Option<String>,
    /// The single-cache document of each cache, in the order they finished.
    pub results: Vec<OutcomeDocument>,
    /// How many caches ended with each outcome (failures before an outcome
    /// count under their error kind).
    pub summary: std::collections::BTreeMap<String, u32>,
    pub exit_code: u8,
}

/// `peaka cache status`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusDocument<'a> {
    pub schema_version: u32,
    pub ok: bool,
    pub action: Action,
    pub project_id: String,
    pub cache_id: String,
    /// The API's status object as it sent it, every field kept.
    pub status: &'a RawValue,
    pub exit_code: u8,
}

/// `peaka config show`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigShowDocument {
    pub schema_version: u32,
    pub ok: bool,
    pub action: Action,
    pub settings: SettingsDocument,
    pub exit_code: u8,
}

/// `peaka auth login`, `status` and `logout`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuthDocument {
    pub schema_version: u32,
    pub ok: bool,
    pub action: Action,
    /// The profile of the config file, if one was chosen.
    pub profile: Option<String>,
    pub config_file: String,
    /// The file that holds the key (login, logout), if any.
    pub key_file: Option<String>,
    /// Logout: whether it removed the key file, which it does only when
    /// `auth login` made it; `null` when no key file was named.
    pub key_file_removed: Option<bool>,
    /// `***` and at most the key's last four characters.
    pub key: Option<String>,
    /// Where the key comes from (status): the flag, `env PEAKA_API_KEY`, the
    /// key file's path or the config file; after a logout, `env
    /// PEAKA_API_KEY` when that variable is still set.
    pub source: Option<String>,
    /// Whether the API accepted the key; `null` when not checked (no
    /// project configured, or logout).
    pub accepted: Option<bool>,
    pub exit_code: u8,
}

/// `peaka config path`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigPathDocument {
    pub schema_version: u32,
    pub ok: bool,
    pub action: Action,
    pub path: String,
    pub source: String,
    pub exists: bool,
    pub exit_code: u8,
}

#[derive(Serialize, Debug, Clone, Copy)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventName {
    Status,
}

/// With `-o ndjson` and `--wait`: one line per observed change, before the
/// final document.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusEvent {
    pub event: EventName,
    pub execution_id: Option<String>,
    pub status: String,
    /// The execution's `progress` as the API sent it, or `null`.
    pub progress: Value,
    pub elapsed_ms: u64,
}

/// Every document, for the schema: exactly one of these matches each.
#[cfg(test)]
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code, clippy::large_enum_variant)]
enum Document {
    Outcome(OutcomeDocument),
    Status(StatusDocument<'static>),
    List(ListDocument<'static>),
    History(HistoryDocument<'static>),
    Bulk(BulkDocument),
    ConfigShow(ConfigShowDocument),
    ConfigPath(ConfigPathDocument),
    Auth(AuthDocument),
    StatusEvent(StatusEvent),
}

/// The JSON Schema of every document, as checked in.
#[cfg(test)]
pub fn schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Document>().to_value();
    // Every document of this contract says `schemaVersion: 1`.
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        for def in defs.values_mut() {
            if let Some(version) = def.pointer_mut("/properties/schemaVersion") {
                *version = serde_json::json!({ "const": SCHEMA_VERSION });
            }
        }
    }
    if let Some(root) = schema.as_object_mut() {
        // Each document matches exactly one branch: say so.
        if let Some(branches) = root.remove("anyOf") {
            root.insert("oneOf".into(), branches);
        }
        root.insert("title".into(), "peaka output".into());
        root.insert(
            "description".into(),
            "Every JSON document peaka prints (-o json), and every line it prints with -o ndjson."
                .into(),
        );
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHECKED_IN: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/peaka-output.schema.json"
    );

    /// `PEAKA_WRITE_SCHEMA=1 cargo test` writes the file anew.
    #[test]
    fn the_checked_in_schema_is_the_generated_one() {
        let generated = format!("{}\n", serde_json::to_string_pretty(&schema()).unwrap());
        if std::env::var_os("PEAKA_WRITE_SCHEMA").is_some() {
            std::fs::write(CHECKED_IN, &generated).unwrap();
        }
        let kept = std::fs::read_to_string(CHECKED_IN).unwrap_or_default();
        assert!(
            kept == generated,
            "schema/peaka-output.schema.json is stale: run PEAKA_WRITE_SCHEMA=1 cargo test"
        );
    }
}
