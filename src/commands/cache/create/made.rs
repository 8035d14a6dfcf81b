//! One cache's result: its document, and its words for people.

use super::*;

/// "Created cache ID of CATALOG/SCHEMA.TABLE in project P".
pub(super) fn created(made: &Made) -> String {
    let id = made
        .id
        .as_deref()
        .map_or("(its ID not given)".into(), sanitize::field);
    format!(
        "Created cache {id} of {} in project {}",
        made.shown, made.project
    )
}

pub(super) fn created_message(made: &Made, item: &Item) -> String {
    let created = created(made);
    match item.first() {
        Some(kind) => format!("{created}: its first {} has started.", kind.noun()),
        None => format!("{created}, with no schedule."),
    }
}

/// The outcome of the first sync, followed to its end: COMPLETED is 0,
/// FAILED and CANCELLED 8.
pub(super) fn finish(
    made: &mut Made,
    kind: ExecutionKind,
    cache: &CacheRef,
    waited: Waited,
    timeout: std::time::Duration,
) {
    let sent = "the cache was created, but ";
    let noun = kind.noun();
    let id = shown_id(waited.execution.as_ref());
    let (name, failure) = match follow::shared_ending(kind, cache, &waited, timeout, sent) {
        Some((name, failure)) => (name, Some(failure)),
        None => {
            let ending = waited.settled();
            let ended = |how: &str| {
                Some(Failure::new(
                    Kind::Ended,
                    format!("{sent}its first {noun} {id} {how}"),
                ))
            };
            let failure = match ending {
                Ending::Completed => None,
                Ending::Failed => {
                    let why = waited.execution.as_ref().and_then(|e| e.error.as_ref());
                    let why = why
                        .map(|e| format!(": {}", output::one_line(e)))
                        .unwrap_or_default();
                    ended(&format!("FAILED{why}"))
                }
                Ending::Cancelled => ended("was CANCELLED before it completed"),
                _ => ended("was replaced by another execution before it finished"),
            };
            (ending.into(), failure)
        }
    };
    if failure.is_none() {
        if let Some(e) = &waited.execution {
            made.message = format!(
                "{}: its first {noun} {id} completed after {:.1}s ({}).",
                created(made),
                waited.waited.as_secs_f64(),
                output::counters(e)
            );
        }
    }
    made.outcome = name;
    made.failure = failure;
    made.waited = Some(follow::report(waited));
}

/// One cache's result.
#[derive(Debug)]
pub(super) struct Made {
    pub(super) project: String,
    pub(super) catalog: String,
    /// `schema.table`.
    pub(super) name: String,
    /// `catalog/schema.table`, for people.
    pub(super) shown: String,
    pub(super) id: Option<String>,
    pub(super) outcome: OutcomeName,
    pub(super) cache: Option<Box<RawValue>>,
    pub(super) waited: Option<WaitReport>,
    pub(super) message: String,
    pub(super) failure: Option<Failure>,
}

impl Made {
    pub(super) fn new(project: &str, item: &Item) -> Made {
        Made {
            project: project.to_string(),
            catalog: item.catalog.clone(),
            name: item.name(),
            shown: item.shown(),
            id: None,
            outcome: OutcomeName::Created,
            cache: None,
            waited: None,
            message: String::new(),
            failure: None,
        }
    }

    /// An item of a batch, as the API answered it.
    pub(super) fn of_batch(project: &str, item: &Item, answer: BatchResult) -> Made {
        let mut made = Made::new(project, item);
        (made.cache, made.id) = (answer.cache, answer.id);
        if !answer.success {
            let why = answer
                .error
                .unwrap_or_else(|| "the API gave no reason".into());
            made.outcome = OutcomeName::Failed;
            made.failure = Some(Failure::new(Kind::Api, why));
        }
        made
    }
}

/// `peaka cache create`: one cache's document (and each item of a batch).
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct CreateDocument<'a> {
    project_id: &'a str,
    /// The new cache's ID (the existing one's for `exists`); `null` when
    /// neither the answer nor the list said it.
    cache_id: Option<&'a str>,
    /// `schema.table`.
    cache_name: &'a str,
    catalog_id: &'a str,
    /// `created`, `exists` or `failed`; with `--wait`, how the first sync
    /// ended (`completed`, `failed`, `cancelled`, `timed_out`, …).
    outcome: OutcomeName,
    /// The cache as the API answered (for `exists`, as its list shows it),
    /// every field kept; `null` when it gave none.
    cache: Option<&'a RawValue>,
    /// `--wait`: the first sync as the API last showed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    execution: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    waited_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    polls: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    superseded_by: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorDocument>,
}

pub(super) fn error_document(failure: &Failure) -> ErrorDocument {
    ErrorDocument {
        kind: failure.kind,
        message: failure.message.clone(),
        hint: failure.hint.clone(),
        http_status: failure.http_status,
    }
}

impl Serialize for Made {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let waited = self.waited.as_ref();
        CreateDocument {
            project_id: &self.project,
            cache_id: self.id.as_deref(),
            cache_name: &self.name,
            catalog_id: &self.catalog,
            outcome: self.outcome,
            cache: self.cache.as_deref(),
            execution: waited.map(|w| &w.execution),
            waited_ms: waited.map(|w| w.waited_ms),
            polls: waited.map(|w| w.polls),
            superseded_by: waited.and_then(|w| w.superseded_by.as_deref()),
            error: self.failure.as_ref().map(error_document),
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
impl schemars::JsonSchema for Made {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        CreateDocument::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        CreateDocument::json_schema(generator)
    }
}

impl Document for Made {
    fn human(&self, style: &Style, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        let shown = Outcome {
            message: self.message.clone(),
            failure: self.failure.clone(),
            ..Outcome::default()
        };
        Document::human(&shown, style, out, err)
    }

    fn exit_code(&self) -> u8 {
        self.failure.as_ref().map_or(0, |f| f.kind.code())
    }
}
