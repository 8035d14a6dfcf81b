//! `peaka cache refresh`: start a full refresh or an incremental sync; with
//! `--wait`, follow the execution that appears after the trigger (by id,
//! never the one that ran before) until it finishes.

use crate::api::{CacheRef, Execution, Refresh};
use crate::cli::RefreshArgs;
use crate::document::OutcomeName;
use crate::exit::{Failure, Kind};
use crate::output::{self, Outcome, Report};
use crate::wait::{Ending, Wait, Waited};

use super::follow::{self, shown_id};
use super::{Context, World};

pub fn run(
    args: &RefreshArgs,
    cache: &CacheRef,
    ctx: &Context,
    world: &mut World,
) -> Result<Report, Failure> {
    let kind = args.kind();
    let timeout = args.timeout.unwrap_or(follow::DEFAULT_TIMEOUT);
    let deadline = args.wait.then(|| world.clock.now() + timeout);
    let mut outcome = Outcome::about(ctx.action, cache.project, cache.cache);
    // The execution before the trigger, so that the new one is told from it.
    let before = match deadline {
        Some(deadline) => Some(follow::read_status(cache, Some(deadline))?),
        None => None,
    };
    cache.trigger(kind, deadline)?;
    let Some(deadline) = deadline else {
        outcome.outcome = Some(OutcomeName::RefreshRequested);
        outcome.message = format!(
            "Started a {} of cache {} (project {}). Use --wait to follow it.",
            kind.noun(),
            cache.cache,
            cache.project
        );
        return Ok(Report::Outcome(outcome));
    };
    let old = before.and_then(|s| s.execution(kind).and_then(|e| e.id.clone()));
    let wait = Wait {
        kind,
        clock: world.clock,
        deadline,
        interval: args.interval.unwrap_or(follow::DEFAULT_INTERVAL),
        followed: None,
        newer_than: Some(old),
    };
    let waited = follow::run(wait, cache, ctx, world)?;
    let (name, failure) = judge(kind, cache, &waited, timeout);
    outcome.message = match waited.execution.as_ref() {
        Some(e) if failure.is_none() => completed_message(kind, cache, e, &waited),
        _ => String::new(),
    };
    outcome.outcome = Some(name);
    outcome.failure = failure;
    outcome.waited = Some(follow::report(waited));
    Ok(Report::Outcome(outcome))
}

fn completed_message(kind: Refresh, cache: &CacheRef, e: &Execution, waited: &Waited) -> String {
    format!(
        "Completed: the {} {} of cache {} finished after {:.1}s ({}).",
        kind.noun(),
        shown_id(Some(e)),
        cache.cache,
        waited.waited.as_secs_f64(),
        crate::output::counters(e)
    )
}

fn judge(
    kind: Refresh,
    cache: &CacheRef,
    waited: &Waited,
    timeout: std::time::Duration,
) -> (OutcomeName, Option<Failure>) {
    let timeout_words = "the refresh was started, but ";
    if let Some((name, failure)) =
        follow::shared_ending(kind, cache, waited, timeout, timeout_words)
    {
        return (name, Some(failure));
    }
    let noun = kind.noun();
    let id = shown_id(waited.execution.as_ref());
    let ended = |text: String| Some(Failure::new(Kind::Ended, text));
    match waited.ending {
        Ending::Completed => (OutcomeName::Completed, None),
        Ending::Failed => {
            let why = waited
                .execution
                .as_ref()
                .and_then(|e| e.error.as_ref())
                .map(|error| format!(": {}", output::one_line(error)))
                .unwrap_or_default();
            (
                OutcomeName::Failed,
                ended(format!("the {noun} {id} FAILED{why}")),
            )
        }
        Ending::Cancelled => (
            OutcomeName::Cancelled,
            ended(format!("the {noun} {id} was CANCELLED before it completed")),
        ),
        _ => (
            OutcomeName::Superseded,
            ended(format!(
                "the {noun} {id} was replaced by {} before it finished",
                waited
                    .superseded_by
                    .as_ref()
                    .map_or("another execution".into(), |e| shown_id(Some(e)))
            )),
        ),
    }
}
