//! The typed calls of Peaka's cache API (`docs/api/`), on top of the HTTP
//! client: one cache of one project, and what can be asked about it.

mod create;
pub mod lenient;
mod listing;
pub mod request;
mod types;

use std::borrow::Cow;
use std::time::Duration;

use reqwest::Method;
use serde_json::value::RawValue;
use serde_json::Value;

pub use create::{BatchResult, CreateAnswer};
pub use listing::Listing;
pub use request::Request;
pub use types::*;

use listing::Unread;

use crate::client::{Client, Reply};
use crate::exit::{Cause, Failure, Kind};
use crate::redact::redact;
use crate::urls;

const MIB: usize = 1 << 20;

/// An operation of the API, as the client is to send it: its method, and
/// the most of an answer that is read. Small answers keep 1 MiB; lists,
/// history pages and a status with its logs may be large.
#[derive(Debug)]
pub struct Operation {
    pub method: Method,
    pub most: usize,
}

/// `getCacheStatusByProject`, `…ByCatalog`, `…BySchema`.
pub const LIST: Operation = Operation {
    method: Method::GET,
    most: 256 * MIB,
};
/// `getCacheStatus` with `excludeLogs=true`.
pub const STATUS: Operation = Operation {
    method: Method::GET,
    most: MIB,
};
/// `getCacheStatus` with its logs (`cache status --logs`).
pub const STATUS_WITH_LOGS: Operation = Operation {
    method: Method::GET,
    most: 256 * MIB,
};
/// `getCacheExecutionHistory`: one page.
pub const HISTORY: Operation = Operation {
    method: Method::GET,
    most: 256 * MIB,
};
/// `createCache`: the new cache's object.
pub const CREATE: Operation = Operation {
    method: Method::POST,
    most: MIB,
};
/// `createBatchCache`: one result per cache asked for (at most 100 a call).
pub const CREATE_BATCH: Operation = Operation {
    method: Method::POST,
    most: 64 * MIB,
};
/// `getCacheSettings`.
pub const SETTINGS: Operation = Operation {
    method: Method::GET,
    most: MIB,
};
/// `updateCacheSettings`: a PUT of the schedules given, safe to repeat.
pub const UPDATE_SETTINGS: Operation = Operation {
    method: Method::PUT,
    most: MIB,
};
/// The cancels and triggers: their answer's body is never used.
pub const SIGNAL: Operation = Operation {
    method: Method::POST,
    most: MIB,
};
/// `deleteCache`: its answer's body is never used.
pub const DELETE: Operation = Operation {
    method: Method::DELETE,
    most: MIB,
};

impl Client<'_> {
    /// Sends a request of the API (see `Client::send`).
    pub fn call(&self, request: &Request, deadline: Option<Duration>) -> Result<Reply, Failure> {
        let url = request.url(self.base());
        let operation = request.operation;
        let out = crate::client::Outgoing {
            method: operation.method.clone(),
            url: &url,
            body: request
                .body
                .as_ref()
                .map(Value::to_string)
                .map(String::into_bytes),
            most: operation.most,
            once_landed: request.replay == request::Replay::Never,
        };
        self.send(&out, deadline)
    }
}

/// One project, and the API calls about its caches.
pub struct ProjectRef<'a> {
    pub client: &'a Client<'a>,
    pub project: &'a str,
}

impl ProjectRef<'_> {
    /// `getCacheStatusByProject`, `…ByCatalog` or `…BySchema`: every cache's
    /// status object as the API sent it, and as read. An item that is not an
    /// object fails the whole list, naming its place.
    pub fn list(
        &self,
        catalog: Option<&str>,
        schema: Option<&str>,
    ) -> Result<Listing<ListedCache>, Failure> {
        let what = format!("listing the caches of project {}", self.project);
        let sent = request::list(self.project, catalog, schema);
        let mut reply = self.client.call(&sent, None)?;
        if reply.status == 404 {
            let words = reply
                .server_words()
                .map(|w| format!(": {w}"))
                .unwrap_or_default();
            return Err(Failure::new(
                Kind::NotFound,
                format!("{what}: the API answered 404{words}"),
            )
            .with_status(404)
            .hint("check the project ID, and the catalog ID and schema name if given"));
        }
        if !reply.is_success() {
            return Err(reply.failure(&what));
        }
        whole(&reply, &what).map_err(|f| f.because(Cause::ListTooBig))?;
        let status = reply.status;
        let unread = |why: Unread| unread(why, &what, "cache").with_status(status);
        let mut text = String::from_utf8(std::mem::take(&mut reply.body))
            .map_err(|e| malformed(&what, &e.to_string()).with_status(status))?;
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Listing::read(text).map_err(unread)
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
pub enum StatusAnswer {
    /// The status as the API sent it, and as read.
    Status(Box<RawValue>, CacheStatus),
    /// The status endpoint answered 404, with the server's words if any.
    Missing(Option<String>),
}

/// What a settings read or write found: the settings, or a 404 (no such
/// cache).
pub enum SettingsAnswer {
    /// The settings as the API sent them (masked for display), and as read.
    Settings(Box<RawValue>, CacheSettings),
    /// A 404, with the server's words if any.
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

/// How the API took a delete.
pub enum DeleteReply {
    /// 2xx: the cache is gone.
    Deleted,
    /// 404: no such cache, with the server's words if any; an earlier try
    /// of this request may have landed and caused it.
    NotFound {
        earlier_try_may_have_landed: bool,
        words: Option<String>,
    },
}

impl CacheRef<'_> {
    /// `getCacheStatus`.
    pub fn status(&self, logs: bool, deadline: Option<Duration>) -> Result<StatusAnswer, Failure> {
        let what = format!("reading the status of cache {}", self.cache);
        let sent = request::status(self.project, self.cache, logs);
        let reply = self.client.call(&sent, deadline)?;
        match reply.status {
            404 => Ok(StatusAnswer::Missing(reply.server_words())),
            200..=299 => {
                let raw: Box<RawValue> = parse(&reply, &what)?;
                let status = parse_status(raw.get()).ok_or_else(|| {
                    malformed(&what, "not a cache status").with_status(reply.status)
                })?;
                // The copy kept for display; the parsed fields stay as sent.
                let raw = masked(raw);
                Ok(StatusAnswer::Status(raw, status))
            }
            _ => Err(reply.failure(&what)),
        }
    }

    /// `getCacheSettings`.
    pub fn settings(&self, deadline: Option<Duration>) -> Result<SettingsAnswer, Failure> {
        let what = format!("reading the settings of cache {}", self.cache);
        let sent = request::settings(self.project, self.cache);
        self.settings_reply(&sent, &what, deadline)
    }

    /// `updateCacheSettings`: writes only the schedules given; the answer
    /// is the settings as updated. A 400 fails with the API's words.
    pub fn update_settings(
        &self,
        schedules: &[(ExecutionKind, Value)],
        deadline: Option<Duration>,
    ) -> Result<SettingsAnswer, Failure> {
        let what = format!("updating the schedules of cache {}", self.cache);
        let sent = request::update_settings(self.project, self.cache, schedules);
        self.settings_reply(&sent, &what, deadline)
    }

    fn settings_reply(
        &self,
        sent: &Request,
        what: &str,
        deadline: Option<Duration>,
    ) -> Result<SettingsAnswer, Failure> {
        let reply = self.client.call(sent, deadline)?;
        match reply.status {
            404 => Ok(SettingsAnswer::Missing(reply.server_words())),
            200..=299 => {
                let raw: Box<RawValue> = parse(&reply, what)?;
                let settings = match raw.get().starts_with('{') {
                    true => serde_json::from_str(raw.get()).ok(),
                    false => None,
                };
                let settings: CacheSettings = settings.ok_or_else(|| {
                    malformed(what, "not a cache's settings").with_status(reply.status)
                })?;
                Ok(SettingsAnswer::Settings(masked(raw), settings))
            }
            _ => Err(reply.failure(what)),
        }
    }

    /// `cancelFullRefreshCache` or `cancelIncrementalCache`.
    pub fn cancel(
        &self,
        kind: ExecutionKind,
        deadline: Option<Duration>,
    ) -> Result<CancelReply, Failure> {
        let what = format!("cancelling the {} of cache {}", kind.noun(), self.cache);
        let sent = request::cancel(self.project, self.cache, kind);
        let reply = self.client.call(&sent, deadline)?;
        match reply.status {
            200..=299 => Ok(CancelReply::Accepted),
            404 => Ok(CancelReply::NotFound {
                earlier_try_may_have_landed: reply.earlier_try_may_have_landed,
            }),
            _ => Err(reply.failure(&what)),
        }
    }

    /// `deleteCache`.
    pub fn delete(&self, deadline: Option<Duration>) -> Result<DeleteReply, Failure> {
        let what = format!("deleting cache {}", self.cache);
        let sent = request::delete(self.project, self.cache);
        let reply = self.client.call(&sent, deadline)?;
        match reply.status {
            200..=299 => Ok(DeleteReply::Deleted),
            404 => Ok(DeleteReply::NotFound {
                earlier_try_may_have_landed: reply.earlier_try_may_have_landed,
                words: reply.server_words(),
            }),
            _ => Err(reply.failure(&what)),
        }
    }

    /// `fullRefreshCache` or `incrementalUpdateCache`; 404 is "no such cache".
    pub fn trigger(&self, kind: ExecutionKind, deadline: Option<Duration>) -> Result<(), Failure> {
        let what = format!("starting a {} of cache {}", kind.noun(), self.cache);
        let sent = request::trigger(self.project, self.cache, kind);
        let reply = self.client.call(&sent, deadline)?;
        match reply.status {
            200..=299 => Ok(()),
            404 => Err(self.missing(reply.server_words())),
            _ => Err(reply.failure(&what)),
        }
    }

    /// `getCacheExecutionHistory`: one page, newest first, each execution
    /// as the API sent it; `None` on 404. An entry that is not an object
    /// fails the page, naming its place.
    pub fn history_page(
        &self,
        limit: usize,
        offset: usize,
        deadline: Option<Duration>,
    ) -> Result<Option<Vec<Box<RawValue>>>, Failure> {
        let what = format!(
            "reading the execution history of cache {} (offset {offset})",
            self.cache
        );
        let sent = request::history(self.project, self.cache, limit, offset);
        let reply = self.client.call(&sent, deadline)?;
        if reply.status == 404 {
            return Ok(None);
        }
        if !reply.is_success() {
            return Err(reply.failure(&what));
        }
        let entries = objects(&reply, &what, "execution")?;
        Ok(Some(
            entries.into_iter().map(|e| masked(e.to_owned())).collect(),
        ))
    }

    /// One page of the history, read; `None` on 404.
    pub fn history(
        &self,
        limit: usize,
        offset: usize,
        deadline: Option<Duration>,
    ) -> Result<Option<Vec<Execution>>, Failure> {
        let page = self.history_page(limit, offset, deadline)?;
        Ok(page.map(|entries| {
            let read = entries.iter().map(|e| Execution::from_text(e.get()));
            read.map(Option::unwrap_or_default).collect()
        }))
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
            // As `history --all`: a short page is not the end, a page with
            // nothing new is.
            let unseen = entries.iter().filter(|e| seen.insert(e.id.clone())).count();
            if unseen == 0 {
                return Ok(None);
            }
            offset += entries.len();
        }
    }

    /// The "no such cache" failure (exit 5). Behind a base URL that is not
    /// a zone's, a 404 may as well mean a wrong path: the server's words are
    /// kept, and the cause says so.
    pub fn missing(&self, words: Option<String>) -> Failure {
        let mut message = format!("cache {} not found in project {}", self.cache, self.project);
        let zone_url = urls::is_zone_url(self.client.base());
        if let Some(words) = words.filter(|_| !zone_url) {
            message = format!("{message} (the API answered 404: {words})");
        }
        Failure::new(Kind::NotFound, message)
            .with_status(404)
            .because(Cause::CacheMissing {
                project: self.project.to_string(),
                zone_url,
                base: self.client.base().to_string(),
            })
    }
}

fn malformed(what: &str, why: &str) -> Failure {
    Failure::new(Kind::Api, format!("malformed response to {what}: {why}"))
}

/// The body of a successful answer, known to be whole: one over its
/// operation's cap is refused, saying so. A leading BOM is dropped.
fn whole<'r>(reply: &'r Reply, what: &str) -> Result<&'r [u8], Failure> {
    if let Some(most) = reply.exceeded {
        return Err(Failure::new(
            Kind::Api,
            format!("{what}: the answer exceeded {} MiB", most / MIB),
        )
        .with_status(reply.status));
    }
    let body = &reply.body;
    Ok(body.strip_prefix("\u{feff}".as_bytes()).unwrap_or(body))
}

/// Parses a whole body; a malformed one is an API error (exit 10).
fn parse<'r, T: serde::Deserialize<'r>>(reply: &'r Reply, what: &str) -> Result<T, Failure> {
    serde_json::from_slice(whole(reply, what)?)
        .map_err(|e| malformed(what, &e.to_string()).with_status(reply.status))
}

/// A JSON array of objects, each as its raw text; an item of another type
/// fails it, naming its place (`item 3 of 5`).
fn objects<'r>(reply: &'r Reply, what: &str, noun: &str) -> Result<Vec<&'r RawValue>, Failure> {
    let start = whole(reply, what)?
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    let items: Vec<&RawValue> = match start {
        Some(b'[') => parse(reply, what)?,
        _ => {
            return Err(unread(Unread::Malformed("not a list".into()), what, noun)
                .with_status(reply.status))
        }
    };
    match items.iter().position(|i| !i.get().starts_with('{')) {
        Some(index) => {
            let is = listing::kind_of(items[index].get());
            let total = items.len();
            let why = Unread::NotAnObject { index, total, is };
            Err(unread(why, what, noun).with_status(reply.status))
        }
        None => Ok(items),
    }
}

/// A raw object for display, with any key in it masked (as text: what
/// still reads as JSON then; else as it came, and the writer masks it).
fn masked(raw: Box<RawValue>) -> Box<RawValue> {
    let shown = match redact(raw.get()) {
        Cow::Owned(text) => Some(text),
        Cow::Borrowed(_) => None,
    };
    match shown {
        Some(text) => RawValue::from_string(text).unwrap_or(raw),
        None => raw,
    }
}

/// The failure for a list that could not be read (exit 10).
fn unread(why: Unread, what: &str, noun: &str) -> Failure {
    match why {
        Unread::Malformed(why) => malformed(what, &why),
        Unread::NotAnObject { index, total, is } => malformed(
            what,
            &format!(
                "item {} of {total} (index {index}) is {is}, not a {noun} object",
                index + 1
            ),
        ),
    }
}
