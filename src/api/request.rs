//! Each request of the API as a value, built in one place per operation:
//! the client sends it, and `--dry-run` shows it. No other code spells an
//! API path or query.

use reqwest::{Method, Url};
use serde_json::Value;

use super::{ExecutionKind, Operation, HISTORY, LIST, SIGNAL, STATUS, STATUS_WITH_LOGS};
use super::{CREATE, CREATE_BATCH, DELETE, SETTINGS, UPDATE_SETTINGS};
use crate::client;

/// One request: its operation (method and answer cap), path segments below
/// the base URL, query, and body (JSON) if it has one.
#[derive(Clone, Debug)]
pub struct Request {
    pub operation: &'static Operation,
    pub segments: Vec<String>,
    pub query: Vec<(&'static str, String)>,
    pub body: Option<Value>,
    /// Whether a try may follow one that may have reached the server.
    pub replay: Replay,
}

/// Whether a request may be sent again after a try that may have reached
/// the server (it broke after sending, timed out, or met a 5xx).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replay {
    /// Sending it twice does no harm: it is retried as any request is.
    Safe,
    /// A second one could act twice (a create): never retried once a try
    /// may have landed.
    Never,
}

impl Request {
    pub fn method(&self) -> &Method {
        &self.operation.method
    }

    /// The request's URL below `base`, each segment escaped as one level.
    pub fn url(&self, base: &Url) -> Url {
        let segments: Vec<&str> = self.segments.iter().map(String::as_str).collect();
        let query: Vec<(&str, &str)> = self.query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        client::endpoint(base, &segments, &query)
    }
}

fn on_cache(project: &str, cache: &str, tail: &str) -> Vec<String> {
    ["data", "projects", project, "cache", cache, tail]
        .map(str::to_string)
        .to_vec()
}

/// The cache itself: `/data/projects/{p}/cache/{c}`.
fn the_cache(project: &str, cache: &str) -> Vec<String> {
    ["data", "projects", project, "cache", cache]
        .map(str::to_string)
        .to_vec()
}

fn request(
    operation: &'static Operation,
    segments: Vec<String>,
    query: Vec<(&'static str, String)>,
) -> Request {
    Request {
        operation,
        segments,
        query,
        body: None,
        replay: Replay::Safe,
    }
}

/// `getCacheStatusByProject`, `…ByCatalog` (with a catalog) or `…BySchema`
/// (with a catalog and a schema).
pub fn list(project: &str, catalog: Option<&str>, schema: Option<&str>) -> Request {
    let mut path = vec!["data", "projects", project];
    if let Some(catalog) = catalog {
        path.extend(["catalog", catalog]);
        if let Some(schema) = schema {
            path.extend(["schema", schema]);
        }
    }
    path.extend(["cache", "status"]);
    request(
        &LIST,
        path.into_iter().map(str::to_string).collect(),
        vec![],
    )
}

/// `getCacheStatus`: logs are left out unless asked for (they can be long).
pub fn status(project: &str, cache: &str, logs: bool) -> Request {
    let operation = if logs { &STATUS_WITH_LOGS } else { &STATUS };
    let exclude = if logs { "false" } else { "true" };
    let query = vec![("excludeLogs", exclude.to_string())];
    request(operation, on_cache(project, cache, "status"), query)
}

/// `getCacheExecutionHistory`: one page.
pub fn history(project: &str, cache: &str, limit: usize, offset: usize) -> Request {
    let query = vec![("limit", limit.to_string()), ("offset", offset.to_string())];
    request(
        &HISTORY,
        on_cache(project, cache, "executionHistory"),
        query,
    )
}

/// `fullRefreshCache` or `incrementalUpdateCache`.
pub fn trigger(project: &str, cache: &str, kind: ExecutionKind) -> Request {
    let tail = kind.trigger_endpoint();
    request(&SIGNAL, on_cache(project, cache, tail), vec![])
}

/// `cancelFullRefreshCache` or `cancelIncrementalCache`.
pub fn cancel(project: &str, cache: &str, kind: ExecutionKind) -> Request {
    let tail = kind.cancel_endpoint();
    request(&SIGNAL, on_cache(project, cache, tail), vec![])
}

/// `createCache`: one `CacheRequest`; not sent again once it may have
/// landed.
pub fn create(project: &str, cache: Value) -> Request {
    let path = ["data", "projects", project, "cache"].map(str::to_string);
    Request {
        body: Some(cache),
        replay: Replay::Never,
        ..request(&CREATE, path.to_vec(), vec![])
    }
}

/// `createBatchCache`: an array of `CacheRequest`s; not sent again once it
/// may have landed.
pub fn create_batch(project: &str, caches: Vec<Value>) -> Request {
    let path = ["data", "projects", project, "cache", "batch"].map(str::to_string);
    Request {
        body: Some(Value::Array(caches)),
        replay: Replay::Never,
        ..request(&CREATE_BATCH, path.to_vec(), vec![])
    }
}

/// `deleteCache`: the cache's own path.
pub fn delete(project: &str, cache: &str) -> Request {
    let path = ["data", "projects", project, "cache", cache];
    request(&DELETE, path.map(str::to_string).to_vec(), vec![])
}

/// `getCacheSettings`.
pub fn settings(project: &str, cache: &str) -> Request {
    request(&SETTINGS, the_cache(project, cache), vec![])
}

/// `updateCacheSettings`: only the schedules given, each as the API takes
/// it (`{"type": "NONE"}`, `{"type": "BASIC", "expression": "PT6H"}`);
/// writing the same again does no harm.
pub fn update_settings(
    project: &str,
    cache: &str,
    schedules: &[(ExecutionKind, Value)],
) -> Request {
    let body = schedules
        .iter()
        .map(|(kind, schedule)| (kind.schedule_field().to_string(), schedule.clone()));
    Request {
        body: Some(Value::Object(body.collect())),
        ..request(&UPDATE_SETTINGS, the_cache(project, cache), vec![])
    }
}
