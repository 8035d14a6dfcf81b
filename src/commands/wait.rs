//! `peaka cache wait`: wait until the last execution of a kind reaches a
//! state. Sends nothing but status reads.

use crate::api::{CacheRef, Phase, Refresh};
use crate::cli::{Goal, WaitArgs};
use crate::document::OutcomeName;
use crate::exit::{Failure, Kind};
use crate::output::{Outcome, Report};
use crate::wait::{Ending, Wait, Waited};

use super::follow::{self, shown_id};
use super::{Context, World};

pub fn run(
    args: &WaitArgs,
    cache: &CacheRef,
    ctx: &Context,
    world: &mut World,
) -> Result<Report, Failure> {
    let kind = args.kind.refresh();
    let timeout = args.timeout.unwrap_or(follow::DEFAULT_TIMEOUT);
    let deadline = world.clock.now() + timeout;
    let mut outcome = Outcome::about(ctx.action, cache.project, cache.cache);
    let status = follow::read_status(cache, Some(deadline))?;
    let Some(current) = status.execution(kind).cloned() else {
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
    let wait = Wait {
        kind,
        clock: world.clock,
        deadline,
        interval: args.interval.unwrap_or(follow::DEFAULT_INTERVAL),
        followed: Some(current),
        newer_than: None,
    };
    let waited = follow::run(wait, cache, ctx, world)?;
    let (name, failure) = judge(kind, args.goal, cache, &waited, timeout);
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
    Ok(Report::Outcome(outcome))
}

fn judge(
    kind: Refresh,
    goal: Goal,
    cache: &CacheRef,
    waited: &Waited,
    timeout: std::time::Duration,
) -> (OutcomeName, Option<Failure>) {
    if let Some((name, failure)) = follow::shared_ending(kind, cache, waited, timeout, "") {
        return (name, Some(failure));
    }
    // Replaced by a newer one: judged by how the history says it ended.
    let phase = match waited.ending {
        Ending::Cancelled => Phase::Cancelled,
        Ending::Completed => Phase::Completed,
        Ending::Failed => Phase::Failed,
        _ => waited.execution.as_ref().map_or(Phase::Open, |e| e.phase()),
    };
    let name = match phase {
        Phase::Cancelled => OutcomeName::Cancelled,
        Phase::Completed => OutcomeName::Completed,
        Phase::Failed => OutcomeName::Failed,
        Phase::Open => OutcomeName::Superseded,
    };
    let met = match (goal, phase) {
        (_, Phase::Open) => false,
        (Goal::Finished, _) => true,
        (Goal::Cancelled, p) => p == Phase::Cancelled,
        (Goal::Completed, p) => p == Phase::Completed,
    };
    if met {
        return (name, None);
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
    (name, Some(failure))
}
