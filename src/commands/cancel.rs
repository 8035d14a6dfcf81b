//! `peaka cache cancel-full-refresh` and `cancel-incremental`: one code path,
//! the kind of execution as a value.

use std::time::Duration;

use serde_json::Value;

use crate::api::{CacheRef, CacheStatus, CancelReply, Execution, Found, Phase, Refresh};
use crate::cli::{CancelArgs, Format};
use crate::client;
use crate::document::OutcomeName;
use crate::exit::{Failure, Kind};
use crate::output::{Outcome, Report, WaitReport};
use crate::progress::Progress;
use crate::sanitize;
use crate::signal::Signal;
use crate::wait::{self, Ending, Poll, Wait, Waited};

use super::{Context, World};

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
const WHILE_SENDING: &str = " while sending the cancel; it may have reached Peaka";

pub fn run(
    kind: Refresh,
    args: &CancelArgs,
    cache: &CacheRef,
    ctx: &mut Context,
    world: &mut World,
) -> Result<Report, Failure> {
    let timeout = args.timeout.unwrap_or(DEFAULT_TIMEOUT);
    // With --wait, the time limit bounds the whole run from here on.
    let deadline = args.wait.then(|| world.clock.now() + timeout);
    ctx.cancel_sent = Some(false);
    let mut outcome = Outcome {
        action: ctx.action,
        project: Some(cache.project.to_string()),
        cache: Some(cache.cache.to_string()),
        cancel_sent: Some(false),
        ..Outcome::default()
    };
    // To follow the execution we cancel, learn its id first.
    let before = match args.wait {
        true => Some(read_status(cache, deadline, timeout)?),
        false => None,
    };
    if let Some(signal) = world.clock.interrupted() {
        return Err(interrupted_unsent(signal, ""));
    }
    let followed = match send(kind, cache, before, deadline, timeout)? {
        Sent::Accepted(followed) => followed,
        Sent::NotRunning(last) => {
            not_running(kind, cache, last, args.if_running, &mut outcome);
            return Ok(Report::Outcome(outcome));
        }
    };
    ctx.cancel_sent = Some(true);
    outcome.cancel_sent = Some(true);
    let Some(deadline) = deadline else {
        outcome.outcome = Some(OutcomeName::CancelRequested);
        outcome.message = format!(
            "Cancel requested for the {} of cache {} (project {}); it stops shortly. Use --wait to confirm.",
            kind.noun(),
            cache.cache,
            cache.project
        );
        return Ok(Report::Outcome(outcome));
    };
    let wait = Wait {
        kind,
        clock: world.clock,
        deadline,
        interval: args.interval.unwrap_or(DEFAULT_INTERVAL),
        followed,
    };
    let events = (ctx.format == Some(Format::Ndjson)).then_some(&mut *world.stdout);
    let mut progress = Progress::new(ctx.style, kind, events, world.stderr);
    let result = wait.run(&mut Polls(cache), &mut progress, &mut fastrand::f64);
    progress.finish();
    let waited = result.map_err(|mut f| {
        f.message = format!("{}; the cancel was already sent", f.message);
        f
    })?;
    judge(kind, cache, waited, timeout, &mut outcome);
    Ok(Report::Outcome(outcome))
}

/// The cache's status before the cancel is acknowledged; 404 is "no such
/// cache".
fn read_status(
    cache: &CacheRef,
    deadline: Option<Duration>,
    timeout: Duration,
) -> Result<CacheStatus, Failure> {
    match cache.status(false, deadline) {
        Ok(Found::Status(_, status)) => Ok(status),
        Ok(Found::Missing(words)) => Err(cache.missing(words)),
        Err(failure) => Err(unsent(failure, timeout, "")),
    }
}

/// What became of the cancel: acknowledged (with the execution to follow,
/// if known), or nothing of that kind was running (with the last one).
enum Sent {
    Accepted(Option<Execution>),
    NotRunning(Option<Execution>),
}

fn send(
    kind: Refresh,
    cache: &CacheRef,
    before: Option<CacheStatus>,
    deadline: Option<Duration>,
    timeout: Duration,
) -> Result<Sent, Failure> {
    let reply = cache
        .cancel(kind, deadline)
        .map_err(|f| unsent(f, timeout, WHILE_SENDING))?;
    let landed = match reply {
        CancelReply::Accepted => {
            let running = before.as_ref().and_then(|s| s.execution(kind));
            return Ok(Sent::Accepted(
                running.filter(|e| e.phase() == Phase::Open).cloned(),
            ));
        }
        CancelReply::NotFound {
            earlier_try_may_have_landed,
        } => earlier_try_may_have_landed,
    };
    // After a try that may have landed, the 404 may be our own cancel's
    // doing: read the status afresh.
    let status = match before {
        Some(status) if !landed => status,
        _ => read_status(cache, deadline, timeout)?,
    };
    let last = status.execution(kind).cloned();
    if landed && last.as_ref().is_some_and(is_cancelling) {
        Ok(Sent::Accepted(last))
    } else {
        Ok(Sent::NotRunning(last))
    }
}

/// CANCELLED, or on its way there.
fn is_cancelling(e: &Execution) -> bool {
    e.phase() == Phase::Cancelled || e.status().eq_ignore_ascii_case("CANCELLING")
}

/// A failure before the cancel was acknowledged, saying so where it matters.
fn unsent(failure: Failure, timeout: Duration, during: &str) -> Failure {
    match failure.kind {
        Kind::Timeout if during.is_empty() => Failure::new(
            Kind::Timeout,
            format!(
                "the time limit (--timeout {}) ran out before the cancel was sent",
                client::seconds(timeout)
            ),
        )
        .hint("no cancel was sent; try again with a longer --timeout"),
        Kind::Timeout => Failure::new(
            Kind::Timeout,
            format!(
                "the time limit (--timeout {}) ran out{during}",
                client::seconds(timeout)
            ),
        )
        .hint("see whether it did with: peaka cache status"),
        Kind::Interrupted(signal) => interrupted_unsent(signal, during),
        _ => failure,
    }
}

fn interrupted_unsent(signal: Signal, during: &str) -> Failure {
    let message = if during.is_empty() {
        format!("interrupted by {}; no cancel was sent", signal.name())
    } else {
        format!("interrupted by {}{during}", signal.name())
    };
    Failure::interrupted(signal, message)
}

fn not_running(
    kind: Refresh,
    cache: &CacheRef,
    last: Option<Execution>,
    if_running: bool,
    outcome: &mut Outcome,
) {
    let message = format!(
        "no {} is running for cache {}; {}",
        kind.noun(),
        cache.cache,
        describe_last(last.as_ref())
    );
    outcome.outcome = Some(OutcomeName::NotRunning);
    outcome.last_execution = Some(last.map_or(Value::Null, |e| e.raw));
    if if_running {
        outcome.message = format!("Nothing to cancel: {message}.");
    } else {
        outcome.failure = Some(
            Failure::new(Kind::NotRunning, message)
                .status(404)
                .hint("--if-running makes this a success"),
        );
    }
}

fn describe_last(last: Option<&Execution>) -> String {
    let Some(e) = last else {
        return "it has never run".into();
    };
    let id = shown_id(Some(e));
    let status = sanitize::field(e.status());
    match e.finished_at.as_deref().or(e.updated_at.as_deref()) {
        Some(when) => format!(
            "the last one ({id}) ended {status} at {}",
            sanitize::field(when)
        ),
        None => format!("the last one ({id}) is {status}"),
    }
}

fn shown_id(e: Option<&Execution>) -> String {
    e.and_then(|e| e.id.as_deref())
        .map_or("?".into(), sanitize::field)
}

/// Turns the end of a wait into the outcome, its exit code and its words.
fn judge(
    kind: Refresh,
    cache: &CacheRef,
    waited: Waited,
    timeout: Duration,
    outcome: &mut Outcome,
) {
    let (name, failure) = match waited.ending {
        Ending::Cancelled => {
            outcome.message = cancelled_message(kind, cache, &waited);
            (OutcomeName::Cancelled, None)
        }
        _ => ended_otherwise(kind, cache, &waited, timeout),
    };
    outcome.outcome = Some(name);
    outcome.failure = failure;
    outcome.waited = Some(WaitReport {
        execution: waited.execution.map_or(Value::Null, |e| e.raw),
        waited_ms: waited.waited.as_millis() as u64,
        polls: waited.polls,
        superseded_by: waited.superseded_by.and_then(|e| e.id),
    });
}

fn cancelled_message(kind: Refresh, cache: &CacheRef, waited: &Waited) -> String {
    let noun = kind.noun();
    let running_now = match &waited.superseded_by {
        Some(e) => format!(
            "; a new {noun} {} started and is {}",
            shown_id(Some(e)),
            sanitize::field(e.status())
        ),
        None => String::new(),
    };
    format!(
        "Cancelled: the {noun} {} of cache {} reached CANCELLED after {:.1}s{running_now}.",
        shown_id(waited.execution.as_ref()),
        cache.cache,
        waited.waited.as_secs_f64()
    )
}

/// Every ending but `Cancelled`: its name and its failure.
fn ended_otherwise(
    kind: Refresh,
    cache: &CacheRef,
    waited: &Waited,
    timeout: Duration,
) -> (OutcomeName, Option<Failure>) {
    let noun = kind.noun();
    let id = shown_id(waited.execution.as_ref());
    let status = waited
        .execution
        .as_ref()
        .map_or("UNKNOWN".into(), |e| sanitize::field(e.status()));
    let check = format!(
        "peaka cache status --project {} --cache {}",
        cache.project, cache.cache
    );
    let too_late = |text: String| Some(Failure::new(Kind::TooLate, text));
    match waited.ending {
        Ending::Completed | Ending::Failed => (
            if waited.ending == Ending::Completed { OutcomeName::Completed } else { OutcomeName::Failed },
            too_late(format!("the cancel came too late: the {noun} {id} {status} before it took effect")),
        ),
        Ending::Superseded => (
            OutcomeName::Superseded,
            too_late(format!(
                "the {noun} {id} was superseded by {}; its last known status is {status}",
                waited.superseded_by.as_ref().map_or("another execution".into(), |e| shown_id(Some(e)))
            )),
        ),
        Ending::Deleted => (
            OutcomeName::Deleted,
            Some(Failure::new(
                Kind::NotFound,
                format!("cache {} was deleted while waiting for its {noun} to be cancelled", cache.cache),
            )),
        ),
        Ending::TimedOut => (
            OutcomeName::TimedOut,
            Some(
                Failure::new(
                    Kind::Timeout,
                    format!(
                        "the cancel was sent, but the {noun} {id} was still {status} when the time limit ({}) ran out",
                        client::seconds(timeout)
                    ),
                )
                .hint(format!("check later with: {check}")),
            ),
        ),
        Ending::Interrupted(signal) => (
            OutcomeName::Interrupted,
            Some(
                Failure::interrupted(
                    signal,
                    format!("interrupted by {} while waiting; the cancel was already sent", signal.name()),
                )
                .hint(format!("see the status with: {check}")),
            ),
        ),
        Ending::Cancelled => unreachable!("told by cancelled_message"),
    }
}

/// The wait loop's reads, through the cache's API calls.
struct Polls<'a>(&'a CacheRef<'a>);

impl wait::Source for Polls<'_> {
    fn status(&mut self, deadline: Duration) -> Result<Poll, Failure> {
        Ok(match self.0.status(false, Some(deadline))? {
            Found::Missing(_) => Poll::Gone,
            Found::Status(_, status) => Poll::Status(status),
        })
    }

    fn find_in_history(
        &mut self,
        id: &str,
        deadline: Duration,
    ) -> Result<Option<Execution>, Failure> {
        self.0.find_in_history(id, Some(deadline))
    }
}
