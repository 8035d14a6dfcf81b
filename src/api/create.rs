//! `createCache` and `createBatchCache`: neither is sent again once a try
//! may have reached the server (`Replay::Never`); a 5xx answer or a broken
//! exchange says so (`Cause::MayHaveLanded`).

use std::time::Duration;

use serde_json::value::RawValue;
use serde_json::Value;

use super::{lenient, masked, objects, parse, request, ProjectRef};
use crate::client::Reply;
use crate::exit::{Cause, Failure, Kind};
use crate::sanitize;

/// How the API took a create.
pub enum CreateAnswer {
    /// 2xx: the new cache's object as sent (masked), and its id if it has one.
    Created {
        cache: Option<Box<RawValue>>,
        id: Option<String>,
    },
    /// 409: a cache of that table exists; the answer's object and id, when
    /// it holds them, and the server's words.
    Exists {
        cache: Option<Box<RawValue>>,
        id: Option<String>,
        words: Option<String>,
    },
}

/// One item of a batch's answer, read tolerantly.
#[derive(Debug, Default)]
pub struct BatchResult {
    /// `success: true` (else it failed).
    pub success: bool,
    /// The API's error text, made safe to show.
    pub error: Option<String>,
    /// The created cache's object as sent (masked), and its id.
    pub cache: Option<Box<RawValue>>,
    pub id: Option<String>,
}

impl ProjectRef<'_> {
    /// `createCache`.
    pub fn create(
        &self,
        cache: Value,
        deadline: Option<Duration>,
    ) -> Result<CreateAnswer, Failure> {
        let what = format!("creating a cache in project {}", self.project);
        let reply = self
            .client
            .call(&request::create(self.project, cache), deadline)?;
        match reply.status {
            200..=299 => {
                let (cache, id) = object_and_id(&reply);
                Ok(CreateAnswer::Created { cache, id })
            }
            409 => {
                let (cache, id) = object_and_id(&reply);
                let words = reply.server_words();
                Ok(CreateAnswer::Exists { cache, id, words })
            }
            _ => Err(refused(&reply, &what)),
        }
    }

    /// `createBatchCache`: one result per cache, in order; an answer with
    /// another count, or an item that is not an object, is an API error.
    pub fn create_batch(&self, caches: Vec<Value>) -> Result<Vec<BatchResult>, Failure> {
        let asked = caches.len();
        let what = format!("creating {asked} caches in project {}", self.project);
        let sent = request::create_batch(self.project, caches);
        let reply = self.client.call(&sent, None)?;
        if !reply.is_success() {
            return Err(refused(&reply, &what));
        }
        let items = objects(&reply, &what, "result")?;
        if items.len() != asked {
            let message = format!(
                "{what}: the API answered {} results to {asked} caches; which were created is not known",
                items.len()
            );
            return Err(Failure::new(Kind::Api, message).with_status(reply.status));
        }
        Ok(items.into_iter().map(|i| batch_result(i.get())).collect())
    }
}

/// The failure of a create the API did not take: 404 names the project;
/// a 5xx may have come after the cache was made.
fn refused(reply: &Reply, what: &str) -> Failure {
    match reply.status {
        404 => {
            let words = reply.server_words().map(|w| format!(": {w}"));
            Failure::new(
                Kind::NotFound,
                format!("{what}: the API answered 404{}", words.unwrap_or_default()),
            )
            .with_status(404)
            .hint("check the project ID")
        }
        500..=599 => reply.failure(what).because(Cause::MayHaveLanded),
        _ => reply.failure(what),
    }
}

/// The answer's object (masked) and its `id`, when it is an object.
fn object_and_id(reply: &Reply) -> (Option<Box<RawValue>>, Option<String>) {
    let raw: Option<Box<RawValue>> = parse(reply, "").ok();
    let raw = raw.filter(|r| r.get().trim_start().starts_with('{'));
    let id = raw.as_ref().and_then(|r| id_of(r.get()));
    (raw.map(masked), id)
}

fn id_of(raw: &str) -> Option<String> {
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Id {
        #[serde(deserialize_with = "lenient::text")]
        id: Option<String>,
    }
    lenient::object::<Id>(raw)?.id.filter(|id| !id.is_empty())
}

fn batch_result(raw: &str) -> BatchResult {
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Item<'a> {
        #[serde(borrow)]
        success: Option<&'a RawValue>,
        #[serde(borrow)]
        error: Option<&'a RawValue>,
        #[serde(borrow)]
        cache: Option<&'a RawValue>,
    }
    let item: Item = serde_json::from_str(raw).unwrap_or_default();
    let cache = item
        .cache
        .filter(|c| c.get().starts_with('{'))
        .map(|c| c.to_owned());
    let error = item.error.and_then(|e| match lenient::text_of(e.get()) {
        Some(text) => Some(text),
        None => message_of(e.get()),
    });
    BatchResult {
        success: item.success.is_some_and(|s| s.get() == "true"),
        error: error.map(|e| sanitize::field(&e)).filter(|e| !e.is_empty()),
        id: cache.as_ref().and_then(|c| id_of(c.get())),
        cache: cache.map(masked),
    }
}

/// An error given as an object: its `message`.
fn message_of(raw: &str) -> Option<String> {
    let value: Value = serde_json::from_str(raw).ok()?;
    value.get("message")?.as_str().map(str::to_string)
}
