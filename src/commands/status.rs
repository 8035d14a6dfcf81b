//! `peaka cache status`.

use crate::api::{CacheRef, StatusAnswer};
use crate::exit::Failure;
use crate::output::Report;

pub fn run(cache: &CacheRef, logs: bool) -> Result<Report, Failure> {
    match cache.status(logs, None)? {
        StatusAnswer::Missing(words) => Err(cache.missing(words)),
        StatusAnswer::Status(raw, status) => Ok(Report::Status {
            project: cache.project.to_string(),
            cache: cache.cache.to_string(),
            raw,
            status,
        }),
    }
}
