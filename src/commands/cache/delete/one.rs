//! Deleting one cache: its status read right before the delete (a cache
//! where something runs is kept without `--force`), the delete, and what
//! its answer means. Every failure ends up in the outcome.

use crate::api::{CacheRef, CacheStatus, DeleteReply, ExecutionKind, ListedCache, StatusAnswer};
use crate::clock::Clock;
use crate::commands::names::{self, Target};
use crate::document::OutcomeName;
use crate::exit::{Cause, Failure, Kind};
use crate::output::Outcome;
use crate::sanitize;
use crate::stage::Stage;

use super::DISCARDS;

/// What a delete of one cache is asked to do.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub force: bool,
    pub if_exists: bool,
    /// Result lines name the cache by its name first (people, a terminal).
    pub names_first: bool,
}

/// What runs in a cache, from its status: each execution not known to be
/// finished (a status we do not know counts as running: deleting cannot be
/// undone), else the cache's own status when it says RUNNING.
pub fn running(status: &CacheStatus) -> Vec<String> {
    let mut running: Vec<String> = [ExecutionKind::Full, ExecutionKind::Incremental]
        .into_iter()
        .filter_map(|kind| {
            let e = status.execution(kind).filter(|e| !e.stage().is_final())?;
            let id = e.id.as_deref().map(sanitize::field);
            let id = id.map_or(String::new(), |id| format!(" {id}"));
            Some(format!(
                "the {}{id} ({})",
                kind.noun(),
                sanitize::field(e.status())
            ))
        })
        .collect();
    if running.is_empty() && status.stage() == Some(Stage::Running) {
        running.push("an execution (the cache's status is RUNNING)".into());
    }
    running
}

/// "the full refresh f1 (RUNNING) has not finished".
pub fn unfinished(running: &[String]) -> String {
    let verb = if running.len() == 1 { "has" } else { "have" };
    format!("{} {verb} not finished", running.join(" and "))
}

/// Whether a status says the cache is gone.
pub fn is_gone(status: &CacheStatus) -> bool {
    status.stage() == Some(Stage::Deleted)
}

/// The target, with its name from the status when the command line gave an
/// ID.
pub fn named(target: &Target, status: &CacheStatus) -> Target {
    let listed = ListedCache {
        schema_name: status.schema_name.clone(),
        table_name: status.table_name.clone(),
        ..ListedCache::default()
    };
    Target {
        name: target
            .name
            .clone()
            .or_else(|| names::name_of(&listed, false)),
        ..target.clone()
    }
}

/// Deletes one cache. Every failure ends up in the outcome.
pub fn one(plan: &Plan, cache: &CacheRef, target: &Target, clock: &dyn Clock) -> Outcome {
    let mut outcome = target.outcome(cache.project);
    if let Err(failure) = attempt(plan, cache, target, clock, &mut outcome) {
        if let Kind::Interrupted(_) = failure.kind {
            outcome.outcome = outcome.outcome.or(Some(OutcomeName::Interrupted));
        }
        outcome.failure = Some(failure);
    }
    outcome
}

/// Why there is no cache to delete.
enum Gone {
    /// The API answered 404, with its words if any.
    NotFound(Option<String>),
    /// Its status says DELETED.
    Deleted,
    /// Its status showed it, and the delete then answered 404.
    Meanwhile,
}

fn attempt(
    plan: &Plan,
    cache: &CacheRef,
    target: &Target,
    clock: &dyn Clock,
    outcome: &mut Outcome,
) -> Result<(), Failure> {
    // A name that matched no cache in the list (kept with --if-exists).
    if target.is_absent() {
        return gone(plan, cache, target, Gone::NotFound(None), outcome);
    }
    // Read right before the delete, never before the question: what runs
    // now is what the delete would stop.
    let before = match plan.force {
        true => None,
        false => match cache.status(false, None)? {
            StatusAnswer::Status(_, status) if is_gone(&status) => {
                return gone(plan, cache, target, Gone::Deleted, outcome)
            }
            StatusAnswer::Status(_, status) => Some(status),
            StatusAnswer::Missing(words) => {
                return gone(plan, cache, target, Gone::NotFound(words), outcome)
            }
        },
    };
    let target = &before.as_ref().map_or(target.clone(), |s| named(target, s));
    outcome.cache_name = target.name.clone();
    if let Some(status) = &before {
        keep_running(cache, status, outcome)?;
    }
    if let Some(signal) = clock.interrupted() {
        let message = format!("interrupted by {}; no delete was sent", signal.name());
        return Err(Failure::interrupted(signal, message));
    }
    let landed = match cache.delete(None).map_err(|f| while_sending(f, cache))? {
        DeleteReply::Deleted => false,
        DeleteReply::NotFound {
            earlier_try_may_have_landed: true,
            ..
        } => true,
        DeleteReply::NotFound { words, .. } => {
            let why = match before {
                Some(_) => Gone::Meanwhile,
                None => Gone::NotFound(words),
            };
            return gone(plan, cache, target, why, outcome);
        }
    };
    removed(cache, target.shown(plan.names_first), landed, outcome);
    Ok(())
}

/// Without --force, a cache where something runs is kept (exit 2).
fn keep_running(
    cache: &CacheRef,
    status: &CacheStatus,
    outcome: &mut Outcome,
) -> Result<(), Failure> {
    let running = running(status);
    if running.is_empty() {
        return Ok(());
    }
    outcome.outcome = Some(OutcomeName::Running);
    Err(Failure::new(
        Kind::Usage,
        format!(
            "cache {} was not deleted: {}; deleting it would stop that and discard its {DISCARDS}",
            cache.cache,
            unfinished(&running)
        ),
    )
    .hint("--force deletes it anyway"))
}

fn removed(cache: &CacheRef, shown: String, landed: bool, outcome: &mut Outcome) {
    // A retry found it gone after a try that may have reached Peaka: that
    // try deleted it.
    let retried = match landed {
        true => " (an earlier try of the delete reached Peaka; the retry found it gone)",
        false => "",
    };
    outcome.outcome = Some(OutcomeName::Removed);
    outcome.message = format!(
        "Deleted cache {shown} of project {}: its {DISCARDS} are gone{retried}.",
        cache.project
    );
}

/// No cache to delete: `absent` with --if-exists, else exit 5 (`deleted`
/// when it went between its status read and the delete).
fn gone(
    plan: &Plan,
    cache: &CacheRef,
    target: &Target,
    why: Gone,
    outcome: &mut Outcome,
) -> Result<(), Failure> {
    let words = |who: &str| match &why {
        Gone::NotFound(_) => format!("no cache {who} in project {}", cache.project),
        Gone::Deleted => format!("cache {who} is already deleted: its status says DELETED"),
        Gone::Meanwhile => format!(
            "cache {who} was deleted meanwhile: its status showed it, then the delete found it gone"
        ),
    };
    if plan.if_exists {
        outcome.outcome = Some(OutcomeName::Absent);
        let words = words(&target.shown(plan.names_first));
        outcome.message = format!("Nothing to delete: {words}.");
        return Ok(());
    }
    let words = words(cache.cache);
    if let Gone::Meanwhile = why {
        outcome.outcome = Some(OutcomeName::Deleted);
    }
    Err(match why {
        // Its hint says how to find the project's caches.
        Gone::NotFound(words) => cache.missing(words),
        _ => Failure::new(Kind::NotFound, words)
            .with_status(404)
            .hint("--if-exists makes this a success"),
    })
}

/// A delete that failed once it may have reached Peaka (the connection
/// broke, a 5xx) says so.
fn while_sending(mut failure: Failure, cache: &CacheRef) -> Failure {
    let broke = matches!(
        failure.cause.as_deref(),
        Some(Cause::Broke | Cause::RequestTimedOut)
    );
    if broke || failure.http_status.is_some_and(|s| s >= 500) {
        failure.message = format!(
            "{} while sending the delete; it may have reached Peaka (see with: peaka cache status --project {} --cache {})",
            failure.message, cache.project, cache.cache
        );
    }
    failure
}
