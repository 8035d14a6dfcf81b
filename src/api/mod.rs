//! The typed calls of Peaka's cache API (`docs/api/`), on top of the HTTP
//! client: one cache of one project, and what can be asked about it.

mod types;

use std::time::Duration;

use reqwest::{Method, Url};

pub use types::*;

use crate::client::Client;
use crate::exit::{Failure, Kind};
use crate::redact::redact_json;
use crate::urls;

/// One project, and the API calls about its caches.
pub struct ProjectRef<'a> {
    pub client: &'a Client<'a>,
    pub project: &'a str,
}

impl ProjectRef<'_> {
    /// `getCacheStatusByProject`, `…ByCatalog` or `…BySchema`: every cache's
    /// status object as the API sent it.
    pub fn list(
        &self,
        catalog: Option<&str>,
        schema: Option<&str>,
    ) -> Result<Vec<serde_json::Value>, Failure> {
        let mut path = vec!["data", "projects", self.project];
        if let Some(catalog) = catalog {
            path.extend(["catalog", catalog]);
            if let Some(schema) = schema {
                path.extend(["schema", schema]);
            }
        }
        path.extend(["cache", "status"]);
        let what = format!("listing the caches of project {}", self.project);
        let reply = self
            .client
            .send(Method::GET, &self.client.url(&path, &[]), None)?;
        if reply.status == 404 {
            let words = reply
                .server_words()
                .map(|w| format!(": {w}"))
                .unwrap_or_default();
            return Err(Failure::new(
                Kind::NotFound,
                format!("{what}: the API answered 404{words}"),
            )
            .status(404)
            .hint("check the project ID, and the catalog ID and schema name if given"));
        }
        if !reply.is_success() {
            return Err(reply.failure(&what));
        }
        match reply.json(&what)? {
            serde_json::Value::Array(items) if items.iter().all(|i| i.is_object()) => Ok(items),
            _ => Err(malformed(&what, "not a list of cache statuses")),
        }
    }
}

/// One cache of one project, and the API calls about it.
pub struct CacheRef<'a> {
    pub client: &'a Client<'a>,
    pub project: &'a str,
    pub cache: &'a str,
}

/// What a status read found: the cache, or a 404 (no such cache).
// Held one at a time: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Found {
    Status(serde_json::Value, CacheStatus),
    /// The status endpoint answered 404, with the server's words if any.
    Missing(Option<String>),
}

/// How the API took a cancel.
pub enum CancelReply {
    /// 2xx: the signal was sent.
    Accepted,
    /// 404: no such cache, or nothing of that kind running; an earlier try
    /// of this request may have landed and caused it.
    NotFound { earlier_try_may_have_landed: bool },
}

/// The path of an endpoint about one cache.
pub fn cache_path<'a>(project: &'a str, cache: &'a str, tail: &'a str) -> [&'a str; 6] {
    ["data", "projects", project, "cache", cache, tail]
}

/// The status query: logs are left out unless asked for (they can be long).
pub fn status_query(logs: bool) -> Vec<(&'static str, &'static str)> {
    vec![("excludeLogs", if logs { "false" } else { "true" })]
}

impl CacheRef<'_> {
    fn url(&self, tail: &str, query: &[(&str, &str)]) -> Url {
        self.client
            .url(&cache_path(self.project, self.cache, tail), query)
    }

    /// `getCacheStatus`.
    pub fn status(&self, logs: bool, deadline: Option<Duration>) -> Result<Found, Failure> {
        let what = format!("reading the status of cache {}", self.cache);
        let url = self.url("status", &status_query(logs));
        let reply = self.client.send(Method::GET, &url, deadline)?;
        match reply.status {
            404 => Ok(Found::Missing(reply.server_words())),
            200..=299 => {
                let mut raw = reply.json(&what)?;
                let status = parse_status(&raw)
                    .filter(|_| raw.is_object())
                    .ok_or_else(|| malformed(&what, "not a cache status"))?;
                // The copy kept for display; the parsed fields stay as sent.
                redact_json(&mut raw);
                Ok(Found::Status(raw, status))
            }
            _ => Err(reply.failure(&what)),
        }
    }

    /// `cancelFullRefreshCache` or `cancelIncrementalCache`.
    pub fn cancel(
        &self,
        kind: Refresh,
        deadline: Option<Duration>,
    ) -> Result<CancelReply, Failure> {
        let what = format!("cancelling the {} of cache {}", kind.noun(), self.cache);
        let url = self.url(kind.cancel_endpoint(), &[]);
        let reply = self.client.send(Method::POST, &url, deadline)?;
        match reply.status {
            200..=299 => Ok(CancelReply::Accepted),
            404 => Ok(CancelReply::NotFound {
                earlier_try_may_have_landed: reply.earlier_try_may_have_landed,
            }),
            _ => Err(reply.failure(&what)),
        }
    }

    /// `fullRefreshCache` or `incrementalUpdateCache`; 404 is "no such cache".
    pub fn trigger(&self, kind: Refresh, deadline: Option<Duration>) -> Result<(), Failure> {
        let what = format!("starting a {} of cache {}", kind.noun(), self.cache);
        let url = self.url(kind.trigger_endpoint(), &[]);
        let reply = self.client.send(Method::POST, &url, deadline)?;
        match reply.status {
            200..=299 => Ok(()),
            404 => Err(self.missing(reply.server_words())),
            _ => Err(reply.failure(&what)),
        }
    }

    /// `getCacheExecutionHistory`: one page, newest first; `None` on 404.
    pub fn history(
        &self,
        limit: usize,
        offset: usize,
        deadline: Option<Duration>,
    ) -> Result<Option<Vec<Execution>>, Failure> {
        let what = format!("reading the execution history of cache {}", self.cache);
        let (limit, offset) = (limit.to_string(), offset.to_string());
        let url = self.url(
            "executionHistory",
            &[("limit", &limit), ("offset", &offset)],
        );
        let reply = self.client.send(Method::GET, &url, deadline)?;
        if reply.status == 404 {
            return Ok(None);
        }
        if !reply.is_success() {
            return Err(reply.failure(&what));
        }
        let raw = reply.json(&what)?;
        let entries = parse_history(&raw).ok_or_else(|| malformed(&what, "not a list"))?;
        Ok(Some(entries))
    }

    /// Finds an execution in the history, newest first, a few pages deep.
    pub fn find_in_history(
        &self,
        id: &str,
        deadline: Option<Duration>,
    ) -> Result<Option<Execution>, Failure> {
        const PAGE: usize = 50;
        for page in 0..4 {
            let Some(entries) = self.history(PAGE, page * PAGE, deadline)? else {
                return Ok(None);
            };
            if let Some(found) = entries.iter().find(|e| e.id.as_deref() == Some(id)) {
                return Ok(Some(found.clone()));
            }
            if entries.len() < PAGE {
                break;
            }
        }
        Ok(None)
    }

    /// Finds an execution in the whole history, page after page to its
    /// end; a page with no execution not seen before (a server that ignores
    /// the offset) is the end too. Bounded by the deadline.
    pub fn search_history(
        &self,
        id: &str,
        deadline: Option<Duration>,
    ) -> Result<Option<Execution>, Failure> {
        const PAGE: usize = 100;
        let mut seen = std::collections::HashSet::new();
        let mut offset = 0;
        loop {
            let Some(entries) = self.history(PAGE, offset, deadline)? else {
                return Ok(None);
            };
            if let Some(found) = entries.iter().find(|e| e.id.as_deref() == Some(id)) {
                return Ok(Some(found.clone()));
            }
            let unseen = entries.iter().filter(|e| seen.insert(e.id.clone())).count();
            if entries.len() < PAGE || unseen == 0 {
                return Ok(None);
            }
            offset += entries.len();
        }
    }

    /// The "no such cache" failure (exit 5). Behind a base URL that is not
    /// a zone's, a 404 may as well mean a wrong path: say so.
    pub fn missing(&self, words: Option<String>) -> Failure {
        let mut message = format!("cache {} not found in project {}", self.cache, self.project);
        if urls::is_zone_url(self.client.base()) {
            return Failure::new(Kind::NotFound, message)
                .status(404)
                .hint(format!(
                    "check the IDs: `peaka cache list --project {}` shows the project's caches; a project key reaches only its own project",
                    self.project
                ));
        }
        if let Some(words) = words {
            message = format!("{message} (the API answered 404: {words})");
        }
        Failure::new(Kind::NotFound, message)
            .status(404)
            .hint(format!(
                "check the IDs (`peaka cache list --project {}` shows the project's caches), and --base-url {}: it ends in /api/v1, e.g. {}",
                self.project,
                urls::shown_url(self.client.base().as_str()),
                urls::ZONES[0].1
            ))
    }
}

fn malformed(what: &str, why: &str) -> Failure {
    Failure::new(Kind::Api, format!("malformed response to {what}: {why}"))
}
