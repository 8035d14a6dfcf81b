//! `peaka cache wait`: wait until an execution reaches a state: the last
//! one of a kind, or one named by its id. Sends nothing but reads.

use std::time::Duration;

use crate::api::{CacheRef, CacheStatus, Execution, ExecutionKind};
use crate::cli::{Goal, KindArg, WaitArgs};
use crate::document::OutcomeName;
use crate::exit::{usage, Failure, Kind};
use crate::output::{Outcome, Report};
use crate::wait::{Ending, Follow, Wait, Waited};

use super::follow::{self, shown_id};
use super::{Context, World};

pub fn run(
    args: &WaitArgs,
    cache: &CacheRef,
    ctx: &Context,
    world: &mut World,
) -> Result<Report, Failure> {
    if let Some(id) = &args.execution {
        check_execution_id(id)?;
    }
    let timeout = args.timeout.unwrap_or(follow::DEFAULT_TIMEOUT);
    let start = world.clock.now();
    let deadline = start + timeout;
    let mut outcome = Outcome::about(ctx.action, cache.project, cache.cache);
    let status = follow::read_status(cache, Some(deadline))?;
    let found = match &args.execution {
        Some(id) => Some(find(id, args.kind, &status, cache, deadline)?),
        None => {
            let kind = args
                .kind
                .map_or(ExecutionKind::Full, KindArg::execution_kind);
            status.execution(kind).cloned().map(|e| (kind, e))
        }
    };
    let Some((kind, current)) = found else {
        let kind = args
            .kind
            .map_or(ExecutionKind::Full, KindArg::execution_kind);
        outcome.outcome = Some(OutcomeName::NotRunning);
        outcome.last_execution = Some(serde_json::Value::Null);
        outcome.failure = Some(Failure::new(
            Kind::NotRunning,
            format!(
                "no {} has run for cache {}: nothing to wait for",
                kind.noun(),
                cache.cache
            ),
        ));
        return Ok(Report::Outcome(outcome));
    };
    let ended = Ending::reached(&current.stage()).filter(|_| args.execution.is_some());
    let waited = match ended {
        // A named execution already over: nothing to wait for.
        Some(ending) => over(current, ending, world, start),
        None => {
            let wait = Wait {
                kind,
                clock: world.clock,
                deadline,
                interval: args.interval.unwrap_or(follow::DEFAULT_INTERVAL),
                follow: Follow::This(current),
                fallback_after: None,
            };
            follow::run(wait, cache, ctx, world)?
        }
    };
    conclude(kind, args.goal, cache, waited, timeout, &mut outcome);
    Ok(Report::Outcome(outcome))
}

fn conclude(
    kind: ExecutionKind,
    goal: Goal,
    cache: &CacheRef,
    waited: Waited,
    timeout: Duration,
    outcome: &mut Outcome,
) {
    let (name, failure) = judge(kind, goal, cache, &waited, timeout);
    if failure.is_none() {
        outcome.message = format!(
            "The {} {} of cache {} is {} ({:.1}s).",
            kind.noun(),
            shown_id(waited.execution.as_ref()),
            cache.cache,
            follow::shown_status(&waited),
            waited.waited.as_secs_f64()
        );
    }
    outcome.outcome = Some(name);
    outcome.failure = failure;
    outcome.waited = Some(follow::report(waited));
}

/// An execution id: any text the API gave, but not empty and without
/// control characters.
fn check_execution_id(id: &str) -> Result<(), Failure> {
    if id.trim().is_empty() || id.chars().any(char::is_control) {
        return Err(
            usage("invalid execution ID: empty, or with control characters").hint(
                "give the id of an execution, e.g. .execution.id of `peaka cache refresh -o json`",
            ),
        );
    }
    Ok(())
}

/// The named execution, with its kind: among the last executions of the
/// kind given (of both without `--kind`), else in the whole history.
/// Never found is exit 5.
fn find(
    id: &str,
    kind: Option<KindArg>,
    status: &CacheStatus,
    cache: &CacheRef,
    deadline: Duration,
) -> Result<(ExecutionKind, Execution), Failure> {
    let kinds = match kind {
        Some(kind) => vec![kind.execution_kind()],
        None => vec![ExecutionKind::Full, ExecutionKind::Incremental],
    };
    for kind in kinds {
        if let Some(e) = status
            .execution(kind)
            .filter(|e| e.id.as_deref() == Some(id))
        {
            return Ok((kind, e.clone()));
        }
    }
    match cache.search_history(id, Some(deadline))? {
        Some(e) => Ok((kind_of(&e, kind), e)),
        None => Err(Failure::new(
            Kind::NotFound,
            format!(
                "no execution {} in cache {}: neither its last executions nor its history have it",
                crate::sanitize::field(id),
                cache.cache
            ),
        )
        .hint(format!(
            "`peaka cache history --project {} --cache {}` lists its executions",
            cache.project, cache.cache
        ))),
    }
}

/// The kind of an execution found in the history: its `executionMode`,
/// else the kind asked for, else a full refresh.
fn kind_of(e: &Execution, asked: Option<KindArg>) -> ExecutionKind {
    let mode = e.execution_mode.as_deref().unwrap_or_default();
    match asked {
        _ if mode.to_ascii_uppercase().contains("INCREMENTAL") => ExecutionKind::Incremental,
        _ if mode.to_ascii_uppercase().contains("FULL") => ExecutionKind::Full,
        Some(kind) => kind.execution_kind(),
        None => ExecutionKind::Full,
    }
}

/// The end of a wait that had nothing to wait for.
fn over(e: Execution, ending: Ending, world: &World, start: Duration) -> Waited {
    Waited {
        ending,
        execution: Some(e),
        superseded_by: None,
        waited: world.clock.now().saturating_sub(start),
        // The status read that found it (or missed it before the history).
        polls: 1,
    }
}

fn judge(
    kind: ExecutionKind,
    goal: Goal,
    cache: &CacheRef,
    waited: &Waited,
    timeout: std::time::Duration,
) -> (OutcomeName, Option<Failure>) {
    if let Some((name, failure)) = follow::shared_ending(kind, cache, waited, timeout, "") {
        return (name, Some(failure));
    }
    // Replaced by a newer one: judged by how the history says it ended.
    let ending = waited.settled();
    let met = matches!(
        (goal, ending),
        (
            Goal::Finished,
            Ending::Cancelled | Ending::Completed | Ending::Failed
        ) | (Goal::Cancelled, Ending::Cancelled)
            | (Goal::Completed, Ending::Completed)
    );
    if met {
        return (ending.into(), None);
    }
    let wanted = match goal {
        Goal::Cancelled => "CANCELLED",
        Goal::Completed => "COMPLETED",
        Goal::Finished => "a final state",
    };
    let failure = Failure::new(
        Kind::Ended,
        format!(
            "the {} {} ended {}, not {wanted}",
            kind.noun(),
            shown_id(waited.execution.as_ref()),
            follow::shown_status(waited)
        ),
    );
    (ending.into(), Some(failure))
}
