//! `peaka cache status`.

use crate::exit::Failure;
use crate::output::Report;

use super::{CacheRef, Found};

/// The default asks for no logs: they can be long, and are rarely wanted.
pub fn query(logs: bool) -> Vec<(&'static str, &'static str)> {
    vec![("excludeLogs", if logs { "false" } else { "true" })]
}

pub fn run(cache: &CacheRef, logs: bool) -> Result<Report, Failure> {
    match cache.status(logs, None)? {
        Found::Missing(words) => Err(cache.missing(words)),
        Found::Status(raw, status) => Ok(Report::Status {
            project: cache.project.to_string(),
            cache: cache.cache.to_string(),
            raw,
            status,
        }),
    }
}
