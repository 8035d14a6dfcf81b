//! Which operation of `docs/api/` a request names: its method and its path,
//! split into segments and percent-decoded, become a typed call carrying its
//! parameters. `/_sim/stats` is the simulator's own.

use std::str::FromStr;

use percent_encoding::percent_decode_str;

use crate::execution::ExecutionMode;

/// The operations of the reference, by operationId.
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub enum Operation {
    GetCacheStatusByProject,
    GetCacheStatusByCatalog,
    GetCacheStatusBySchema,
    CreateCache,
    CreateBatchCache,
    GetCacheSettings,
    UpdateCacheSettings,
    DeleteCache,
    GetCacheStatus,
    GetCacheExecutionHistory,
    FullRefreshCache,
    IncrementalUpdateCache,
    CancelFullRefreshCache,
    CancelIncrementalCache,
}

impl Operation {
    pub const ALL: [Operation; 14] = [
        Operation::GetCacheStatusByProject,
        Operation::GetCacheStatusByCatalog,
        Operation::GetCacheStatusBySchema,
        Operation::CreateCache,
        Operation::CreateBatchCache,
        Operation::GetCacheSettings,
        Operation::UpdateCacheSettings,
        Operation::DeleteCache,
        Operation::GetCacheStatus,
        Operation::GetCacheExecutionHistory,
        Operation::FullRefreshCache,
        Operation::IncrementalUpdateCache,
        Operation::CancelFullRefreshCache,
        Operation::CancelIncrementalCache,
    ];

    /// Its operationId in the reference.
    pub fn id(self) -> &'static str {
        match self {
            Operation::GetCacheStatusByProject => "getCacheStatusByProject",
            Operation::GetCacheStatusByCatalog => "getCacheStatusByCatalog",
            Operation::GetCacheStatusBySchema => "getCacheStatusBySchema",
            Operation::CreateCache => "createCache",
            Operation::CreateBatchCache => "createBatchCache",
            Operation::GetCacheSettings => "getCacheSettings",
            Operation::UpdateCacheSettings => "updateCacheSettings",
            Operation::DeleteCache => "deleteCache",
            Operation::GetCacheStatus => "getCacheStatus",
            Operation::GetCacheExecutionHistory => "getCacheExecutionHistory",
            Operation::FullRefreshCache => "fullRefreshCache",
            Operation::IncrementalUpdateCache => "incrementalUpdateCache",
            Operation::CancelFullRefreshCache => "cancelFullRefreshCache",
            Operation::CancelIncrementalCache => "cancelIncrementalCache",
        }
    }
}

impl FromStr for Operation {
    type Err = String;
    fn from_str(text: &str) -> Result<Operation, String> {
        Operation::ALL
            .into_iter()
            .find(|op| op.id() == text)
            .ok_or_else(|| {
                let ids: Vec<&str> = Operation::ALL.iter().map(|op| op.id()).collect();
                format!(
                    "unknown endpoint `{text}`: use `*` or an operationId of the reference ({})",
                    ids.join(", ")
                )
            })
    }
}

/// One cache, as a path names it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CacheRef {
    pub project: String,
    pub cache: String,
}

/// Which caches a status list covers.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Scope {
    Project,
    Catalog(String),
    Schema { catalog: String, schema: String },
}

/// A request for one operation, with its path parameters.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Call {
    List { project: String, scope: Scope },
    Create { project: String },
    CreateBatch { project: String },
    GetSettings(CacheRef),
    UpdateSettings(CacheRef),
    Delete(CacheRef),
    Status(CacheRef),
    History(CacheRef),
    Trigger(CacheRef, ExecutionMode),
    Cancel(CacheRef, ExecutionMode),
}

impl Call {
    pub fn operation(&self) -> Operation {
        use ExecutionMode::{Full, Incremental};
        match self {
            Call::List { scope, .. } => match scope {
                Scope::Project => Operation::GetCacheStatusByProject,
                Scope::Catalog(_) => Operation::GetCacheStatusByCatalog,
                Scope::Schema { .. } => Operation::GetCacheStatusBySchema,
            },
            Call::Create { .. } => Operation::CreateCache,
            Call::CreateBatch { .. } => Operation::CreateBatchCache,
            Call::GetSettings(_) => Operation::GetCacheSettings,
            Call::UpdateSettings(_) => Operation::UpdateCacheSettings,
            Call::Delete(_) => Operation::DeleteCache,
            Call::Status(_) => Operation::GetCacheStatus,
            Call::History(_) => Operation::GetCacheExecutionHistory,
            Call::Trigger(_, Full) => Operation::FullRefreshCache,
            Call::Trigger(_, Incremental) => Operation::IncrementalUpdateCache,
            Call::Cancel(_, Full) => Operation::CancelFullRefreshCache,
            Call::Cancel(_, Incremental) => Operation::CancelIncrementalCache,
        }
    }

    /// The project the call is about, for the key's scope.
    pub fn project(&self) -> &str {
        match self {
            Call::List { project, .. }
            | Call::Create { project }
            | Call::CreateBatch { project } => project,
            Call::GetSettings(c)
            | Call::UpdateSettings(c)
            | Call::Delete(c)
            | Call::Status(c)
            | Call::History(c)
            | Call::Trigger(c, _)
            | Call::Cancel(c, _) => &c.project,
        }
    }
}

/// Where a request goes.
#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    Api(Call),
    /// `GET /_sim/stats`: the simulator's counters, with no key.
    Stats,
}

/// Why a request goes nowhere.
#[derive(Debug, PartialEq, Eq)]
pub enum Unrouted {
    NotFound,
    MethodNotAllowed,
    /// A path segment that is not UTF-8 once percent-decoded.
    BadPath,
}

/// The path of a request, as one of the reference's resources.
enum Resource {
    Statuses(String, Scope),
    Caches(String),
    Batch(String),
    Cache(CacheRef),
    Action(CacheRef, Action),
    Stats,
}

/// The last segment of `/cache/{cacheId}/…`.
#[derive(Clone, Copy)]
enum Action {
    Status,
    ExecutionHistory,
    Trigger(ExecutionMode),
    Cancel(ExecutionMode),
}

impl Action {
    fn of(segment: &str) -> Option<Action> {
        use ExecutionMode::{Full, Incremental};
        Some(match segment {
            "status" => Action::Status,
            "executionHistory" => Action::ExecutionHistory,
            "fullRefreshUpdate" => Action::Trigger(Full),
            "incrementalUpdate" => Action::Trigger(Incremental),
            "cancelFullRefreshUpdate" => Action::Cancel(Full),
            "cancelIncrementalUpdate" => Action::Cancel(Incremental),
            _ => return None,
        })
    }
}

pub fn route(method: &str, path: &str) -> Result<Route, Unrouted> {
    let resource = resource(path)?.ok_or(Unrouted::NotFound)?;
    let call = match (method, resource) {
        ("GET", Resource::Stats) => return Ok(Route::Stats),
        ("GET", Resource::Statuses(project, scope)) => Call::List { project, scope },
        ("POST", Resource::Caches(project)) => Call::Create { project },
        ("POST", Resource::Batch(project)) => Call::CreateBatch { project },
        ("GET", Resource::Cache(c)) => Call::GetSettings(c),
        ("PUT", Resource::Cache(c)) => Call::UpdateSettings(c),
        ("DELETE", Resource::Cache(c)) => Call::Delete(c),
        ("GET", Resource::Action(c, Action::Status)) => Call::Status(c),
        ("GET", Resource::Action(c, Action::ExecutionHistory)) => Call::History(c),
        ("POST", Resource::Action(c, Action::Trigger(mode))) => Call::Trigger(c, mode),
        ("POST", Resource::Action(c, Action::Cancel(mode))) => Call::Cancel(c, mode),
        _ => return Err(Unrouted::MethodNotAllowed),
    };
    Ok(Route::Api(call))
}

/// The resource a path names, if any.
fn resource(path: &str) -> Result<Option<Resource>, Unrouted> {
    if path == "/_sim/stats" {
        return Ok(Some(Resource::Stats));
    }
    let Some(rest) = path.strip_prefix("/api/v1/") else {
        return Ok(None);
    };
    let segments = rest
        .split('/')
        .map(|s| percent_decode_str(s).decode_utf8().map(String::from))
        .collect::<Result<Vec<String>, _>>()
        .map_err(|_| Unrouted::BadPath)?;
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    let owned = |p: &str| p.to_string();
    let cache = |p: &str, c: &str| CacheRef {
        project: owned(p),
        cache: owned(c),
    };
    Ok(Some(match s.as_slice() {
        ["data", "projects", p, "cache", "status"] => Resource::Statuses(owned(p), Scope::Project),
        ["data", "projects", p, "catalog", c, "cache", "status"] => {
            Resource::Statuses(owned(p), Scope::Catalog(owned(c)))
        }
        ["data", "projects", p, "catalog", c, "schema", sc, "cache", "status"] => {
            let (catalog, schema) = (owned(c), owned(sc));
            Resource::Statuses(owned(p), Scope::Schema { catalog, schema })
        }
        ["data", "projects", p, "cache"] => Resource::Caches(owned(p)),
        ["data", "projects", p, "cache", "batch"] => Resource::Batch(owned(p)),
        ["data", "projects", p, "cache", c] => Resource::Cache(cache(p, c)),
        ["data", "projects", p, "cache", c, action] => match Action::of(action) {
            Some(action) => Resource::Action(cache(p, c), action),
            None => return Ok(None),
        },
        _ => return Ok(None),
    }))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::Value;

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

    fn operation(method: &str, path: &str) -> Option<&'static str> {
        match route(method, path) {
            Ok(Route::Api(call)) => Some(call.operation().id()),
            _ => None,
        }
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
                let routed = operation(&method.to_ascii_uppercase(), &concrete(template));
                assert_eq!(routed, Some(id), "{method} {template}");
                documented.insert(id.to_string());
            }
        }
        let mut served = BTreeSet::new();
        for template in reference["paths"].as_object().unwrap().keys() {
            for method in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
                if let Some(id) = operation(method, &concrete(template)) {
                    served.insert(id.to_string());
                }
            }
        }
        assert_eq!(served, documented);
        let named: BTreeSet<String> = Operation::ALL.iter().map(|o| o.id().into()).collect();
        assert_eq!(named, documented);
        for op in Operation::ALL {
            assert_eq!(op.id().parse(), Ok(op));
        }
        assert_eq!(route("GET", "/_sim/stats"), Ok(Route::Stats));
    }

    #[test]
    fn unknown_routes_methods_and_operations() {
        let cache = "/api/v1/data/projects/p1/cache/c1";
        assert_eq!(
            route("GET", &format!("{cache}/nope")),
            Err(Unrouted::NotFound)
        );
        assert_eq!(route("GET", "/api/v2/x"), Err(Unrouted::NotFound));
        assert_eq!(route("PATCH", cache), Err(Unrouted::MethodNotAllowed));
        assert_eq!(
            route("POST", "/_sim/stats"),
            Err(Unrouted::MethodNotAllowed)
        );
        assert_eq!(route("GET", &format!("{cache}%FF")), Err(Unrouted::BadPath));
        let e = "getCacheStatu".parse::<Operation>().unwrap_err();
        assert!(
            e.contains("`getCacheStatu`") && e.contains("getCacheStatus"),
            "{e}"
        );
    }

    #[test]
    fn path_segments_are_percent_decoded() {
        let path = "/api/v1/data/projects/my%20project/catalog/a%2Fb/cache/status";
        let Ok(Route::Api(Call::List { project, scope })) = route("GET", path) else {
            panic!("not routed");
        };
        assert_eq!(project, "my project");
        assert_eq!(scope, Scope::Catalog("a/b".into()));
    }
}
