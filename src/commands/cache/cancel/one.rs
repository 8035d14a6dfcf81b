//! Cancelling one cache: the cancel, what its answer means (read from a
//! status after it, never before), and, with `--wait`, how the execution
//! it stopped ended. Every failure ends up in the outcome.

use std::time::Duration;

use serde_json::Value;

use crate::api::{CacheRef, CacheStatus, CancelReply, Execution, ExecutionKind};
use crate::client;
use crate::clock::Clock;
use crate::commands::names::Target;
use crate::document::{HeldDocument, OutcomeName};
use crate::exit::{Failure, Kind};
use crate::output::{Held, Outcome};
use crate::sanitize;
use crate::schedule::Schedule;
use crate::signal::Signal;
use crate::wait::{Ending, Follow, Wait, Waited};

use super::super::follow::{self, shown_id};
use super::super::schedule;

const WHILE_SENDING: &str = " while sending the cancel; it may have reached Peaka";

/// What a cancel of one cache is asked to do.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub kind: ExecutionKind,
    /// Result lines name the cache by its name first (people, a terminal).
    pub names_first: bool,
    pub if_running: bool,
    pub wait: bool,
    /// `--hold`: pause this kind's schedule before the cancel.
    pub hold: bool,
    pub timeout: Duration,
    pub interval: Duration,
}

/// Cancels one cache. Every failure ends up in the outcome, with whether the
/// cancel was sent; `follow` runs the wait.
pub fn one(
    plan: &Plan,
    cache: &CacheRef,
    target: &Target,
    clock: &dyn Clock,
    follow: &mut dyn FnMut(Wait) -> Result<Waited, Failure>,
) -> Outcome {
    let mut outcome = Outcome {
        cancel_sent: Some(false),
        ..target.outcome(cache.project)
    };
    let on = On {
        cache,
        shown: target.shown(plan.names_first),
    };
    if let Err(failure) = attempt(plan, &on, clock, follow, &mut outcome) {
        outcome.outcome = outcome.outcome.or(match failure.kind {
            Kind::Interrupted(_) => Some(OutcomeName::Interrupted),
            Kind::Timeout => Some(OutcomeName::TimedOut),
            _ => None,
        });
        outcome.failure = Some(failure);
    }
    outcome
}

/// The cache a cancel is sent to, and how its result line names it.
struct On<'a> {
    cache: &'a CacheRef<'a>,
    shown: String,
}

fn attempt(
    plan: &Plan,
    on: &On,
    clock: &dyn Clock,
    follow: &mut dyn FnMut(Wait) -> Result<Waited, Failure>,
    outcome: &mut Outcome,
) -> Result<(), Failure> {
    let (kind, timeout, cache) = (plan.kind, plan.timeout, on.cache);
    // With --wait, the time limit bounds the whole run from here on.
    let deadline = plan.wait.then(|| clock.now() + timeout);
    if plan.hold {
        hold(kind, cache, deadline, outcome).map_err(|f| unsent(f, timeout, ""))?;
    }
    // To follow the execution we cancel, learn its id first.
    let before = match plan.wait {
        true => Some(follow::read_status(cache, deadline).map_err(|f| unsent(f, timeout, ""))?),
        false => None,
    };
    if let Some(signal) = clock.interrupted() {
        return Err(interrupted_unsent(signal, ""));
    }
    let followed = match send(kind, cache, before, deadline, timeout)? {
        AfterCancel::Accepted(followed) => followed,
        AfterCancel::NotRunning(last) => {
            not_running(kind, on, last, plan.if_running, outcome);
            return Ok(());
        }
    };
    outcome.cancel_sent = Some(true);
    let Some(deadline) = deadline else {
        outcome.outcome = Some(OutcomeName::CancelRequested);
        outcome.message = format!(
            "Cancel requested for the {} of cache {} (project {}); it stops shortly.",
            kind.noun(),
            on.shown,
            cache.project
        );
        outcome.tip = Some("Use --wait to confirm.");
        return Ok(());
    };
    let wait = Wait {
        kind,
        clock,
        deadline,
        interval: plan.interval,
        follow: followed,
        fallback_after: None,
    };
    let waited = follow(wait).map_err(|mut f| {
        f.message = format!("{}; the cancel was already sent", f.message);
        f
    })?;
    judge(kind, on, waited, timeout, outcome);
    Ok(())
}

/// `--hold`: reads the settings to record this kind's schedule, then
/// pauses it, writing only it; a schedule of the other kind that the
/// answer shows changed is written back. The outcome carries `held` from
/// the moment the pause was written.
fn hold(
    kind: ExecutionKind,
    cache: &CacheRef,
    deadline: Option<Duration>,
    outcome: &mut Outcome,
) -> Result<(), Failure> {
    let before = schedule::read(cache, deadline)?;
    let pause = [(kind, Schedule::None.to_api())];
    let answer = schedule::answered(cache, cache.update_settings(&pause, deadline)?)?;
    let held = outcome.held.insert(Held {
        document: HeldDocument {
            kind: kind.name(),
            previous: before.read.schedule(kind).cloned(),
        },
        restored: Vec::new(),
        restore: None,
    });
    let (_, restored) = schedule::restore_others(cache, &before.read, answer, &[kind], deadline)?;
    held.restored = restored;
    Ok(())
}

/// What became of the cancel: acknowledged (with the execution to follow),
/// or nothing of that kind was running (with the last one).
enum AfterCancel {
    Accepted(Follow),
    NotRunning(Option<Execution>),
}

fn send(
    kind: ExecutionKind,
    cache: &CacheRef,
    before: Option<CacheStatus>,
    deadline: Option<Duration>,
    timeout: Duration,
) -> Result<AfterCancel, Failure> {
    let reply = cache
        .cancel(kind, deadline)
        .map_err(|f| unsent(f, timeout, WHILE_SENDING))?;
    let landed = match reply {
        CancelReply::Accepted => {
            let running = before.as_ref().and_then(|s| s.execution(kind));
            let running = running.filter(|e| !e.stage().is_final()).cloned();
            return Ok(AfterCancel::Accepted(
                running.map_or(Follow::FirstShown, Follow::This),
            ));
        }
        CancelReply::NotFound {
            earlier_try_may_have_landed,
        } => earlier_try_may_have_landed,
    };
    // The 404 is judged from a status read made after it, never from the
    // one before the cancel. After a try that may have landed, the 404 may
    // be our own cancel's doing.
    let during = if landed { WHILE_SENDING } else { "" };
    let status = follow::read_status(cache, deadline).map_err(|f| unsent(f, timeout, during))?;
    Ok(match status.execution(kind).cloned() {
        Some(e) if landed && e.stage().is_cancelling() => AfterCancel::Accepted(Follow::This(e)),
        last => AfterCancel::NotRunning(last),
    })
}

/// A failure before the cancel was acknowledged, saying so where it matters.
fn unsent(failure: Failure, timeout: Duration, during: &str) -> Failure {
    match failure.kind {
        Kind::Timeout if during.is_empty() => Failure::new(
            Kind::Timeout,
            format!(
                "the time limit (--timeout {}) ran out before the cancel was sent",
                client::short_duration(timeout)
            ),
        )
        .hint("no cancel was sent; try again with a longer --timeout"),
        Kind::Timeout => Failure::new(
            Kind::Timeout,
            format!(
                "the time limit (--timeout {}) ran out{during}",
                client::short_duration(timeout)
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
    kind: ExecutionKind,
    on: &On,
    last: Option<Execution>,
    if_running: bool,
    outcome: &mut Outcome,
) {
    let last_one = describe_last(last.as_ref());
    let noun = kind.noun();
    let message = |cache: &str| format!("no {noun} is running for cache {cache}; {last_one}");
    outcome.outcome = Some(OutcomeName::NotRunning);
    outcome.last_execution = Some(last.map_or(Value::Null, |e| e.raw));
    if if_running {
        outcome.message = format!("Nothing to cancel: {}.", message(&on.shown));
    } else {
        let message = message(on.cache.cache);
        outcome.failure = Some(
            Failure::new(Kind::NotRunning, message)
                .with_status(404)
                .hint("--if-running makes this a success"),
        );
    }
}

fn describe_last(last: Option<&Execution>) -> String {
    let Some(e) = last else {
        return "it has never run".into();
    };
    let one = match e.id.as_deref() {
        Some(id) => format!("the last one ({})", sanitize::field(id)),
        None => "the last one".into(),
    };
    let status = follow::status_of(e);
    if !e.stage().is_final() {
        // Read after the 404: the API would not cancel it.
        return format!(
            "{one} shows {status}, but the API found nothing to cancel: it may be in its final stages"
        );
    }
    match e.finished_at.as_deref().or(e.updated_at.as_deref()) {
        Some(when) => format!("{one} ended {status} at {}", sanitize::field(when)),
        None => format!("{one} ended {status}"),
    }
}

/// Turns the end of a wait into the outcome, its exit code and its words.
fn judge(kind: ExecutionKind, on: &On, waited: Waited, timeout: Duration, outcome: &mut Outcome) {
    let (name, failure) = match waited.ending {
        Ending::Cancelled => {
            outcome.message = cancelled_message(kind, &on.shown, &waited);
            (waited.ending.into(), None)
        }
        _ => {
            let (name, failure) = ended_otherwise(kind, on.cache, &waited, timeout);
            (name, Some(failure))
        }
    };
    outcome.outcome = Some(name);
    outcome.failure = failure;
    outcome.waited = Some(follow::report(waited));
}

fn cancelled_message(kind: ExecutionKind, shown: &str, waited: &Waited) -> String {
    let noun = kind.noun();
    let running_now = match &waited.superseded_by {
        Some(e) => format!(
            "; a new {noun} {} started and is {}",
            shown_id(Some(e)),
            follow::status_of(e)
        ),
        None => String::new(),
    };
    format!(
        "Cancelled: the {noun} {} of cache {shown} reached CANCELLED after {:.1}s{running_now}.",
        shown_id(waited.execution.as_ref()),
        waited.waited.as_secs_f64()
    )
}

/// Every ending but `Cancelled`: its name and its failure.
fn ended_otherwise(
    kind: ExecutionKind,
    cache: &CacheRef,
    waited: &Waited,
    timeout: Duration,
) -> (OutcomeName, Failure) {
    if let Some(shared) =
        follow::shared_ending(kind, cache, waited, timeout, "the cancel was sent, but ")
    {
        return shared;
    }
    let noun = kind.noun();
    let id = shown_id(waited.execution.as_ref());
    let status = follow::shown_status(waited);
    match waited.ending {
        ending @ (Ending::Completed | Ending::Failed) => (
            ending.into(),
            Failure::new(
                Kind::TooLate,
                format!("the cancel came too late: the {noun} {id} {status} before it took effect"),
            ),
        ),
        _ => (
            OutcomeName::Superseded,
            Failure::new(
                Kind::TooLate,
                format!(
                    "the {noun} {id} was superseded by {}; its last known status is {status}",
                    waited
                        .superseded_by
                        .as_ref()
                        .map_or("another execution".into(), |e| shown_id(Some(e)))
                ),
            ),
        ),
    }
}
