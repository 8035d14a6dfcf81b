//! `peaka cache history`: past executions, newest first; `--all` follows the
//! pages to the end, each execution once.

use std::collections::HashSet;

use crate::api::{CacheRef, Execution};
use crate::cli::HistoryArgs;
use crate::exit::Failure;
use crate::output::Report;

/// Executions per request with `--all`.
const PAGE: usize = 100;
/// A bound on `--all`, so that a server that never ends a list cannot keep
/// the run going.
const MOST_PAGES: usize = 1000;

pub fn run(args: &HistoryArgs, cache: &CacheRef) -> Result<Report, Failure> {
    let executions = if args.all {
        every_page(cache)?
    } else {
        let limit = args.limit.unwrap_or(10) as usize;
        let offset = args.offset.unwrap_or(0) as usize;
        match cache.history(limit, offset, None)? {
            Some(page) => page,
            None => return Err(cache.missing(None)),
        }
    };
    Ok(Report::History {
        project: cache.project.to_string(),
        cache: cache.cache.to_string(),
        executions,
    })
}

fn every_page(cache: &CacheRef) -> Result<Vec<Execution>, Failure> {
    let mut seen = HashSet::new();
    let mut all = Vec::new();
    for page in 0..MOST_PAGES {
        let Some(entries) = cache.history(PAGE, page * PAGE, None)? else {
            return Err(cache.missing(None));
        };
        let full = entries.len() >= PAGE;
        // A new execution shifts the pages by one: keep each only once.
        for e in entries {
            let key = e.id.clone().unwrap_or_else(|| e.raw.to_string());
            if seen.insert(key) {
                all.push(e);
            }
        }
        if !full {
            break;
        }
    }
    Ok(all)
}
