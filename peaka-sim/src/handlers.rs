//! What each operation does to the backend and answers, as `docs/api/`
//! describes it. A query parameter that is not what the reference types it
//! as is answered 400, naming it; it never falls back to its default.

use std::time::Instant;

use serde_json::{json, Value};

use crate::execution::ExecutionMode;
use crate::http::{Request, Response};
use crate::routes::{CacheRef, Call, Scope};
use crate::scenario::CacheSpec;
use crate::schedule::Schedule;
use crate::state::{Backend, Origin};

/// The answer to an authorized call, with the backend advanced to `now`.
pub fn answer(b: &mut Backend, call: Call, request: &Request, now: Instant) -> Response {
    let cache = |b: &Backend, c: &CacheRef| b.find(&c.project, &c.cache).ok_or_else(not_found);
    let result = match call {
        Call::List { project, scope } => Ok(list(b, &project, &scope, now)),
        Call::Create { project } => Ok(create_one(b, &project, &request.body, now)),
        Call::CreateBatch { project } => Ok(create_batch(b, &project, &request.body, now)),
        Call::GetSettings(c) => cache(b, &c).map(|i| Response::json(200, &b.settings_json(i))),
        Call::UpdateSettings(c) => cache(b, &c).map(|i| update_settings(b, i, &request.body, now)),
        Call::Delete(c) => cache(b, &c).map(|i| {
            b.caches.remove(i);
            Response::empty(200)
        }),
        Call::Status(c) => cache(b, &c).and_then(|i| {
            let exclude = boolean(request, "excludeLogs", false)?;
            Ok(Response::json(200, &b.status_json(i, !exclude, now)))
        }),
        Call::History(c) => cache(b, &c).and_then(|i| {
            let limit = count(request, "limit", 10)?;
            let offset = count(request, "offset", 0)?;
            Ok(Response::json(200, &b.history_json(i, limit, offset, now)))
        }),
        Call::Trigger(c, mode) => cache(b, &c).map(|i| {
            b.trigger(i, mode, now);
            Response::empty(200)
        }),
        Call::Cancel(c, mode) => cache(b, &c).map(|i| match b.cancel(i, mode, now) {
            true => Response::empty(200),
            false => Response::problem(404, "Not Found", "no running workflow of that kind"),
        }),
    };
    result.unwrap_or_else(|refusal| refusal)
}

fn not_found() -> Response {
    Response::problem(404, "Not Found", "cache not found")
}

fn bad_request(detail: &str) -> Response {
    Response::problem(400, "Bad Request", detail)
}

/// A boolean query parameter: `true` or `false`, in any case.
fn boolean(request: &Request, name: &str, default: bool) -> Result<bool, Response> {
    match request.query(name) {
        None => Ok(default),
        Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
        Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
        Some(v) => Err(bad_request(&format!("{name} `{v}` is not true or false"))),
    }
}

/// A count query parameter: an int32 of the reference, 0 or more.
fn count(request: &Request, name: &str, default: usize) -> Result<usize, Response> {
    let Some(v) = request.query(name) else {
        return Ok(default);
    };
    match v.parse::<i32>() {
        Ok(n) if n >= 0 => Ok(n as usize),
        _ => Err(bad_request(&format!(
            "{name} `{v}` is not a whole number from 0 to {}",
            i32::MAX
        ))),
    }
}

/// `getCacheStatusByProject`, `…ByCatalog`, `…BySchema`.
fn list(b: &Backend, project: &str, scope: &Scope, now: Instant) -> Response {
    let list: Vec<Value> = (0..b.caches.len())
        .filter(|&i| {
            let c = &b.caches[i];
            c.project == project
                && match scope {
                    Scope::Project => true,
                    Scope::Catalog(catalog) => &c.catalog == catalog,
                    Scope::Schema { catalog, schema } => {
                        &c.catalog == catalog && &c.schema == schema
                    }
                }
        })
        .map(|i| b.status_json(i, false, now))
        .collect();
    Response::json(200, &Value::Array(list))
}

fn create_one(b: &mut Backend, project: &str, body: &[u8], now: Instant) -> Response {
    match serde_json::from_slice::<Value>(body) {
        Ok(body) => match create(b, project, &body, now) {
            Ok(cache) => Response::json(200, &cache),
            Err((status, message)) => Response::problem(status, "Cannot create cache", &message),
        },
        Err(e) => bad_request(&format!("body is not JSON: {e}")),
    }
}

fn create_batch(b: &mut Backend, project: &str, body: &[u8], now: Instant) -> Response {
    match serde_json::from_slice::<Vec<Value>>(body) {
        Ok(items) => {
            let results: Vec<Value> = items
                .iter()
                .map(|item| match create(b, project, item, now) {
                    Ok(cache) => json!({"success": true, "cache": cache}),
                    Err((_, message)) => json!({"success": false, "error": message}),
                })
                .collect();
            Response::json(200, &Value::Array(results))
        }
        Err(e) => bad_request(&format!("body is not a JSON array: {e}")),
    }
}

const FIELDS: [(ExecutionMode, &str); 2] = [
    (ExecutionMode::Full, "fullRefreshCacheSchedule"),
    (ExecutionMode::Incremental, "incrementalCacheSchedule"),
];

/// `updateCacheSettings`: "only the provided schedule fields are updated"
/// (the reference's request body), each checked before any is written.
fn update_settings(b: &mut Backend, i: usize, body: &[u8], now: Instant) -> Response {
    let body = match serde_json::from_slice::<Value>(body) {
        Ok(body) if body.is_object() => body,
        _ => return bad_request("body must be a JSON object"),
    };
    let mut changes = Vec::new();
    for (mode, field) in FIELDS {
        if let Some(value) = body.get(field) {
            match schedule(b, field, value) {
                Ok(schedule) => changes.push((mode, schedule)),
                Err(message) => return bad_request(&message),
            }
        }
    }
    for (mode, schedule) in changes {
        b.set_schedule(i, mode, schedule, now);
    }
    Response::json(200, &b.settings_json(i))
}

/// A schedule of a request body that this simulator can run.
fn schedule(b: &Backend, field: &str, value: &Value) -> Result<Schedule, String> {
    Schedule::from_json(value)
        .and_then(|s| b.behaviour.check(&s).map(|()| s))
        .map_err(|e| format!("{field}: {e}"))
}

/// Creates a cache from a `CacheRequest`: an omitted schedule is NONE, and
/// the first sync, of the first mode that has a schedule, starts at once.
fn create(
    b: &mut Backend,
    project: &str,
    body: &Value,
    now: Instant,
) -> Result<Value, (u16, String)> {
    let field = |name: &str| body.get(name).and_then(Value::as_str).map(str::to_string);
    let (Some(catalog), Some(schema), Some(table)) =
        (field("catalogId"), field("schemaName"), field("tableName"))
    else {
        let message = "catalogId, schemaName and tableName are required";
        return Err((400, message.into()));
    };
    let mut schedules = [Schedule::None, Schedule::None];
    for ((_, name), slot) in FIELDS.iter().zip(&mut schedules) {
        if let Some(value) = body.get(*name) {
            *slot = schedule(b, name, value).map_err(|e| (400, e))?;
        }
    }
    if b.caches.iter().any(|c| {
        c.project == project && c.catalog == catalog && c.schema == schema && c.table == table
    }) {
        return Err((
            409,
            format!("a cache of {catalog}.{schema}.{table} exists already"),
        ));
    }
    let first = FIELDS
        .iter()
        .zip(&schedules)
        .find_map(|((mode, _), s)| s.every().map(|_| *mode));
    let [full_schedule, incremental_schedule] = schedules;
    let spec = CacheSpec {
        project: project.to_string(),
        id: uuid_like(b),
        catalog,
        schema,
        table,
        full_refresh: None,
        incremental: None,
        cancel_delay: None,
        full_schedule,
        incremental_schedule,
    };
    let index = b.seed(&spec, now);
    if let Some(mode) = first {
        let run_for = b.behaviour.run_for;
        b.start(index, mode, now, run_for, Origin::Request);
    }
    Ok(b.settings_json(index))
}

fn uuid_like(b: &mut Backend) -> String {
    let a = b.new_id("x");
    let digits: String = a.chars().filter(char::is_ascii_hexdigit).collect();
    let hex = format!("{digits:0>32}");
    let hex = &hex[hex.len() - 32..];
    format!(
        "{}-{}-4{}-8{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..]
    )
}
