//! The output contract: the envelope every JSON and NDJSON document shares,
//! and the parts that several commands' documents use (a command's own
//! document is in its file). `schema/peaka-output.schema.json` is generated
//! from these types and the commands' (`commands::schema`); a test fails
//! when the two differ. Keys are camelCase. Fields may be added; none is
//! renamed or removed, and no meaning changes, without a new
//! `schemaVersion`.

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::action::Action;
use crate::exit::Kind;

pub const SCHEMA_VERSION: u32 = 1;

/// What every document says first and last; the command's own document is
/// flattened between.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Envelope<D> {
    pub schema_version: u32,
    /// `true` when the exit code is 0.
    pub ok: bool,
    pub action: Action,
    #[serde(flatten)]
    pub document: D,
    pub exit_code: u8,
}

impl<D> Envelope<D> {
    pub fn new(action: Action, exit_code: u8, document: D) -> Envelope<D> {
        Envelope {
            schema_version: SCHEMA_VERSION,
            ok: exit_code == 0,
            action,
            document,
            exit_code,
        }
    }
}

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
    Removed,
    Absent,
    Running,
    TimedOut,
    Interrupted,
    DryRun,
    Created,
    Exists,
}

/// The result of a cancel, or the failure of any command.
#[derive(Serialize, Debug, Clone)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OutcomeDocument {
    /// As given, or `null` when not known.
    pub project_id: Option<String>,
    /// The cache's ID (a UUID), or `null` until it is known.
    pub cache_id: Option<String>,
    /// The cache as typed, when that was not its ID: a name or an ID prefix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_ref: Option<String>,
    /// The cache's name, `schema.table` (a part holding `.` or `/` in
    /// double quotes), where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_name: Option<String>,
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
    /// `--hold`: the schedule that was paused, as it was before.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub held: Option<HeldDocument>,
    /// `--hold`: schedules of the other kind that the pause's answer showed
    /// changed, written back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restored: Option<Vec<Restored>>,
    /// `--dry-run`: the request that would be sent (the one that changes
    /// something, else the read; for many caches, the first cancel).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestDocument>,
    /// `--dry-run`: every request the command sends before any polling or
    /// any request that depends on an answer, in the order sent; for many
    /// caches, after the list read that found them, each cache's in turn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests: Option<Vec<RequestDocument>>,
    /// `--dry-run`: every setting and where it came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<SettingsDocument>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorDocument>,
}

/// `--hold`: the kind whose schedule was paused, and its schedule before.
#[derive(Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HeldDocument {
    /// `full` or `incremental`.
    pub kind: &'static str,
    /// The schedule as the API had it (`{"type", "expression"}` or
    /// `{"type": "NONE"}`), or `null` when it had none.
    pub previous: Option<Value>,
}

/// A schedule the API changed unasked when another was written, written
/// back as it was.
#[derive(Serialize, Debug, Clone, PartialEq)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Restored {
    /// `full` or `incremental`.
    pub kind: &'static str,
    /// The schedule as it was before the write, and is again.
    pub schedule: Value,
    /// The schedule the API's answer showed instead (`null`: none).
    pub changed_to: Value,
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
    /// The JSON body, for a request that has one (`create`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
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
    /// The setting (by its name in this document) that decides in this
    /// one's place: `baseUrl` for the zone when a base URL outranks it.
    #[serde(rename = "overriddenBy", skip_serializing_if = "Option::is_none")]
    pub overridden_by: Option<String>,
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
