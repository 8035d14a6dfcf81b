//! The API's endpoints under /api/v1, as `docs/api/` describes them, plus
//! `/_sim/stats` (no auth) for tests and benchmarks.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::http::{Handler, Reply, Request, Response};
use crate::scenario::{self, FaultSpec, KeySpec};
use crate::state::{Kind, World};

pub struct Sim {
    pub world: Mutex<World>,
    pub keys: Vec<KeySpec>,
    pub faults: Mutex<Vec<(FaultSpec, u32)>>,
}

/// The operation a request names, with its path parameters.
#[derive(Debug)]
enum Route {
    ListByProject(String),
    ListByCatalog(String, String),
    ListBySchema(String, String, String),
    Create(String),
    CreateBatch(String),
    Settings(String, String),
    Cache(String, String, &'static str),
    Stats,
    NotFound,
}

fn route(path: &str) -> Route {
    if path == "/_sim/stats" {
        return Route::Stats;
    }
    let Some(rest) = path.strip_prefix("/api/v1/") else {
        return Route::NotFound;
    };
    let s: Vec<String> = rest.split('/').map(str::to_string).collect();
    let s: Vec<&str> = s.iter().map(String::as_str).collect();
    match s.as_slice() {
        ["data", "projects", p, "cache", "status"] => Route::ListByProject(p.to_string()),
        ["data", "projects", p, "catalog", c, "cache", "status"] => {
            Route::ListByCatalog(p.to_string(), c.to_string())
        }
        ["data", "projects", p, "catalog", c, "schema", sc, "cache", "status"] => {
            Route::ListBySchema(p.to_string(), c.to_string(), sc.to_string())
        }
        ["data", "projects", p, "cache"] => Route::Create(p.to_string()),
        ["data", "projects", p, "cache", "batch"] => Route::CreateBatch(p.to_string()),
        ["data", "projects", p, "cache", c] => Route::Settings(p.to_string(), c.to_string()),
        ["data", "projects", p, "cache", c, op] => {
            let op = match *op {
                "status" => "status",
                "executionHistory" => "executionHistory",
                "fullRefreshUpdate" => "fullRefreshUpdate",
                "incrementalUpdate" => "incrementalUpdate",
                "cancelFullRefreshUpdate" => "cancelFullRefreshUpdate",
                "cancelIncrementalUpdate" => "cancelIncrementalUpdate",
                _ => return Route::NotFound,
            };
            Route::Cache(p.to_string(), c.to_string(), op)
        }
        _ => Route::NotFound,
    }
}

/// The reference's operationId for a method and route.
fn operation(method: &str, route: &Route) -> Option<&'static str> {
    Some(match (method, route) {
        ("GET", Route::ListByProject(_)) => "getCacheStatusByProject",
        ("GET", Route::ListByCatalog(..)) => "getCacheStatusByCatalog",
        ("GET", Route::ListBySchema(..)) => "getCacheStatusBySchema",
        ("POST", Route::Create(_)) => "createCache",
        ("POST", Route::CreateBatch(_)) => "createBatchCache",
        ("GET", Route::Settings(..)) => "getCacheSettings",
        ("PUT", Route::Settings(..)) => "updateCacheSettings",
        ("DELETE", Route::Settings(..)) => "deleteCache",
        ("GET", Route::Cache(_, _, "status")) => "getCacheStatus",
        ("GET", Route::Cache(_, _, "executionHistory")) => "getCacheExecutionHistory",
        ("POST", Route::Cache(_, _, "fullRefreshUpdate")) => "fullRefreshCache",
        ("POST", Route::Cache(_, _, "incrementalUpdate")) => "incrementalUpdateCache",
        ("POST", Route::Cache(_, _, "cancelFullRefreshUpdate")) => "cancelFullRefreshCache",
        ("POST", Route::Cache(_, _, "cancelIncrementalUpdate")) => "cancelIncrementalCache",
        ("GET", Route::Stats) => "stats",
        _ => return None,
    })
}

fn problem(status: u16, title: &str, detail: &str) -> Response {
    let mut r = Response::json(
        status,
        &json!({"title": title, "status": status, "detail": detail}),
    );
    r.headers = vec![("Content-Type".into(), "application/problem+json".into())];
    r
}

fn project_of(route: &Route) -> Option<&str> {
    match route {
        Route::ListByProject(p)
        | Route::ListByCatalog(p, _)
        | Route::ListBySchema(p, _, _)
        | Route::Create(p)
        | Route::CreateBatch(p)
        | Route::Settings(p, _)
        | Route::Cache(p, _, _) => Some(p),
        Route::Stats | Route::NotFound => None,
    }
}

impl Handler for Sim {
    fn handle(&self, request: Request, first: bool) -> Reply {
        let route = route(&request.path);
        let op = operation(&request.method, &route);
        let latency = {
            let Ok(mut w) = self.world.lock() else {
                return Reply::Drop;
            };
            // Connections opened only to read the stats are not counted.
            if op != Some("stats") {
                w.stats.connections += u64::from(first);
                w.stats.requests += 1;
                w.stats.in_flight += 1;
                w.stats.most_in_flight = w.stats.most_in_flight.max(w.stats.in_flight);
                *w.stats
                    .by_operation
                    .entry(op.unwrap_or("unknown").to_string())
                    .or_default() += 1;
            }
            w.options.latency
        };
        let counted = op != Some("stats");
        let reply = match op.filter(|_| counted).and_then(|op| self.fault(op)) {
            Some(reply) => reply,
            None => {
                if !latency.is_zero() && counted {
                    std::thread::sleep(latency);
                }
                Reply::Send(self.answer(&request, &route, op))
            }
        };
        if counted {
            if let Ok(mut w) = self.world.lock() {
                w.stats.in_flight = w.stats.in_flight.saturating_sub(1);
            }
        }
        reply
    }
}

impl Sim {
    pub fn stats(&self) -> Value {
        self.world.lock().map_or(Value::Null, |w| w.stats_json())
    }

    /// The first matching fault that still has hits left, as a reply.
    fn fault(&self, op: &str) -> Option<Reply> {
        let mut faults = self.faults.lock().ok()?;
        let (spec, hits) = faults.iter_mut().find(|(f, hits)| {
            (f.endpoint == "*" || f.endpoint == op) && f.count.is_none_or(|n| *hits < n)
        })?;
        *hits += 1;
        let spec = spec.clone();
        drop(faults);
        let status = spec.status.unwrap_or(503);
        Some(match spec.kind.as_str() {
            "drop" => Reply::Drop,
            "stall" => {
                let stall = spec
                    .stall
                    .as_deref()
                    .and_then(|s| scenario::duration(s).ok());
                std::thread::sleep(stall.unwrap_or(Duration::from_secs(60)));
                Reply::Send(Response::json(status, &json!({"message": "stalled"})))
            }
            "html" => Reply::Send(Response {
                status,
                headers: vec![("Content-Type".into(), "text/html".into())],
                body: b"<!DOCTYPE html><html><body><h1>Bad Gateway</h1></body></html>".to_vec(),
            }),
            "garbage" => Reply::Send(Response {
                status: 200,
                headers: vec![("Content-Type".into(), "*/*".into())],
                body: b"this is not json".to_vec(),
            }),
            _ => {
                let mut r = problem(
                    status,
                    "Injected fault",
                    &format!("peaka-sim fault on {op}"),
                );
                if let Some(secs) = spec.retry_after {
                    r = r.with_header("Retry-After", &secs.to_string());
                }
                Reply::Send(r)
            }
        })
    }

    fn authorize(&self, request: &Request, project: Option<&str>) -> Result<(), Response> {
        let token = request
            .header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim);
        let Some(key) = token.and_then(|t| self.keys.iter().find(|k| k.key == t)) else {
            return Err(problem(401, "Unauthorized", "a valid API key is required"));
        };
        match (&key.project, project) {
            (Some(own), Some(asked)) if own != asked => Err(problem(
                403,
                "Forbidden",
                "this project API key does not reach that project",
            )),
            _ => Ok(()),
        }
    }

    fn answer(&self, request: &Request, route: &Route, op: Option<&str>) -> Response {
        if let Route::Stats = route {
            return match self.world.lock() {
                Ok(w) => Response::json(200, &w.stats_json()),
                Err(_) => Response::empty(500),
            };
        }
        let Some(op) = op else {
            return match route {
                Route::NotFound => problem(404, "Not Found", "no such endpoint"),
                _ => problem(405, "Method Not Allowed", "method not allowed here"),
            };
        };
        if let Err(refused) = self.authorize(request, project_of(route)) {
            return refused;
        }
        let Ok(mut w) = self.world.lock() else {
            return Response::empty(500);
        };
        let now = Instant::now();
        w.advance(now);
        match route {
            Route::ListByProject(p) => list(&w, p, None, None, now),
            Route::ListByCatalog(p, c) => list(&w, p, Some(c), None, now),
            Route::ListBySchema(p, c, sc) => list(&w, p, Some(c), Some(sc), now),
            Route::Create(p) => match serde_json::from_slice::<Value>(&request.body) {
                Ok(body) => match create(&mut w, p, &body, now) {
                    Ok(cache) => Response::json(200, &cache),
                    Err((status, message)) => problem(status, "Cannot create cache", &message),
                },
                Err(e) => problem(400, "Bad Request", &format!("body is not JSON: {e}")),
            },
            Route::CreateBatch(p) => create_batch(&mut w, p, &request.body, now),
            Route::Settings(p, c) => match w.find(p, c) {
                Some(i) => settings(&mut w, i, op, &request.body),
                None => cache_not_found(),
            },
            Route::Cache(p, c, name) => match w.find(p, c) {
                Some(i) => cache_operation(&mut w, i, name, request, now),
                None => cache_not_found(),
            },
            Route::Stats | Route::NotFound => cache_not_found(),
        }
    }
}

fn cache_not_found() -> Response {
    problem(404, "Not Found", "cache not found")
}

/// `getCacheStatusByProject`, `…ByCatalog`, `…BySchema`.
fn list(
    w: &World,
    project: &str,
    catalog: Option<&String>,
    schema: Option<&String>,
    now: Instant,
) -> Response {
    let list: Vec<Value> = (0..w.caches.len())
        .filter(|&i| {
            let c = &w.caches[i];
            c.project == project
                && catalog.is_none_or(|cat| &c.catalog == cat)
                && schema.is_none_or(|s| &c.schema == s)
        })
        .map(|i| w.status_json(i, false, now))
        .collect();
    Response::json(200, &Value::Array(list))
}

fn create_batch(w: &mut World, project: &str, body: &[u8], now: Instant) -> Response {
    match serde_json::from_slice::<Vec<Value>>(body) {
        Ok(items) => {
            let results: Vec<Value> = items
                .iter()
                .map(|item| match create(w, project, item, now) {
                    Ok(cache) => json!({"success": true, "cache": cache}),
                    Err((_, message)) => json!({"success": false, "error": message}),
                })
                .collect();
            Response::json(200, &Value::Array(results))
        }
        Err(e) => problem(
            400,
            "Bad Request",
            &format!("body is not a JSON array: {e}"),
        ),
    }
}

/// `getCacheSettings`, `updateCacheSettings`, `deleteCache`.
fn settings(w: &mut World, i: usize, op: &str, body: &[u8]) -> Response {
    match op {
        "getCacheSettings" => Response::json(200, &w.settings_json(i)),
        "updateCacheSettings" => match serde_json::from_slice::<Value>(body) {
            Ok(body) if body.is_object() => {
                for field in ["fullRefreshCacheSchedule", "incrementalCacheSchedule"] {
                    let Some(schedule) = body.get(field) else {
                        continue;
                    };
                    if !valid_schedule(schedule) {
                        return problem(400, "Bad Request", &format!("invalid {field}"));
                    }
                    let cache = &mut w.caches[i];
                    let target = if field == "fullRefreshCacheSchedule" {
                        &mut cache.full_schedule
                    } else {
                        &mut cache.incremental_schedule
                    };
                    *target = schedule.clone();
                }
                Response::json(200, &w.settings_json(i))
            }
            _ => problem(400, "Bad Request", "body must be a JSON object"),
        },
        _ => {
            w.caches.remove(i);
            Response::empty(200)
        }
    }
}

/// The endpoints under `/cache/{c}/`: status, history, trigger, cancel.
fn cache_operation(
    w: &mut World,
    i: usize,
    name: &str,
    request: &Request,
    now: Instant,
) -> Response {
    let kind = |full: &str| {
        if name == full {
            Kind::Full
        } else {
            Kind::Incremental
        }
    };
    match name {
        "status" => {
            let logs = request.query("excludeLogs") != Some("true");
            Response::json(200, &w.status_json(i, logs, now))
        }
        "executionHistory" => {
            let number = |name, default| {
                request
                    .query(name)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(default)
            };
            let page = w.history_json(i, number("limit", 10), number("offset", 0), now);
            Response::json(200, &page)
        }
        "fullRefreshUpdate" | "incrementalUpdate" => {
            w.trigger(i, kind("fullRefreshUpdate"), now);
            Response::empty(200)
        }
        _ => {
            if w.cancel(i, kind("cancelFullRefreshUpdate"), now) {
                Response::empty(200)
            } else {
                problem(404, "Not Found", "no running workflow of that kind")
            }
        }
    }
}

fn valid_schedule(schedule: &Value) -> bool {
    match schedule.get("type").and_then(Value::as_str) {
        Some("NONE") => true,
        Some("BASIC") => schedule
            .get("expression")
            .and_then(Value::as_str)
            .is_some_and(|e| e.starts_with('P') && e.len() > 2),
        _ => false,
    }
}

/// Creates a cache from a `CacheRequest`; its first sync starts at once.
fn create(
    w: &mut World,
    project: &str,
    body: &Value,
    now: Instant,
) -> Result<Value, (u16, String)> {
    let field = |name: &str| body.get(name).and_then(Value::as_str).map(str::to_string);
    let (Some(catalog), Some(schema), Some(table)) =
        (field("catalogId"), field("schemaName"), field("tableName"))
    else {
        return Err((
            400,
            "catalogId, schemaName and tableName are required".into(),
        ));
    };
    let schedule = |name: &str| body.get(name).cloned().unwrap_or(json!({"type": "NONE"}));
    let (full, incremental) = (
        schedule("fullRefreshCacheSchedule"),
        schedule("incrementalCacheSchedule"),
    );
    if !valid_schedule(&full) || !valid_schedule(&incremental) {
        return Err((
            400,
            "a schedule's type is BASIC (with an ISO-8601 duration) or NONE".into(),
        ));
    }
    if w.caches.iter().any(|c| {
        c.project == project && c.catalog == catalog && c.schema == schema && c.table == table
    }) {
        return Err((
            409,
            format!("a cache of {catalog}.{schema}.{table} exists already"),
        ));
    }
    let spec = scenario::CacheSpec {
        project: project.to_string(),
        id: uuid_like(w),
        catalog,
        schema,
        table,
        full_refresh: None,
        incremental: None,
        cancel_delay: None,
    };
    let index = w.seed(&spec, now).map_err(|e| (400, e))?;
    w.caches[index].full_schedule = full.clone();
    w.caches[index].incremental_schedule = incremental.clone();
    let first = if full["type"] == "BASIC" {
        Some(Kind::Full)
    } else if incremental["type"] == "BASIC" {
        Some(Kind::Incremental)
    } else {
        None
    };
    if let Some(kind) = first {
        let run_for = w.options.run_for;
        w.start(index, kind, now, run_for);
    }
    Ok(w.settings_json(index))
}

fn uuid_like(w: &mut World) -> String {
    let a = w.new_id("x");
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    const REFERENCE: &str = include_str!("../../docs/api/peaka-cache-openapi.json");

    fn concrete(template: &str) -> String {
        let path = template
            .replace("{projectId}", "p1")
            .replace("{cacheId}", "960bd651-7b3c-4511-9a88-18e14ac7742a")
            .replace("{catalogId}", "cat1")
            .replace("{schemaName}", "public");
        format!("/api/v1{path}")
    }

    /// Every operation of the reference is routed to itself, and the
    /// simulator serves nothing the reference does not name (but its stats).
    #[test]
    fn serves_exactly_the_operations_of_the_reference() {
        let reference: Value = serde_json::from_str(REFERENCE).unwrap();
        let mut documented = BTreeSet::new();
        for (template, methods) in reference["paths"].as_object().unwrap() {
            for (method, spec) in methods.as_object().unwrap() {
                let id = spec["operationId"].as_str().unwrap();
                let routed = operation(&method.to_ascii_uppercase(), &route(&concrete(template)));
                assert_eq!(routed, Some(id), "{method} {template}");
                documented.insert(id.to_string());
            }
        }
        let mut served = BTreeSet::new();
        for template in reference["paths"].as_object().unwrap().keys() {
            for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
                if let Some(id) = operation(method, &route(&concrete(template))) {
                    served.insert(id.to_string());
                }
            }
        }
        assert_eq!(served, documented);
        assert_eq!(operation("GET", &route("/_sim/stats")), Some("stats"));
        assert!(matches!(
            route("/api/v1/data/projects/p1/cache/c1/nope"),
            Route::NotFound
        ));
    }
}
