//! `peaka cache cancel-full-refresh` and `cancel-incremental`: one code path,
//! the kind of execution as a value.

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};

use crate::api::{Execution, Phase, Refresh};
use crate::cli::{CancelArgs, Format};
use crate::client;
use crate::exit::{Failure, Kind};
use crate::output::{Outcome, Report};
use crate::progress::Progress;
use crate::sanitize;
use crate::signal::Signal;
use crate::wait::{self, Ending, Poll, Wait, Waited};

use super::{CacheRef, Context, Found, World};

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);

pub fn run(
    kind: Refresh,
    args: &CancelArgs,
    cache: &CacheRef,
    ctx: &mut Context,
    world: &mut World,
) -> Result<Report, Failure> {
    let interval = args.interval.unwrap_or(DEFAULT_INTERVAL);
    let timeout = args.timeout.unwrap_or(DEFAULT_TIMEOUT);
    // With --wait, the time limit bounds the whole run from here on.
    let deadline = args.wait.then(|| world.clock.now() + timeout);
    ctx.cancel_sent = Some(false);
    let mut outcome = Outcome {
        action: kind.action(),
        project: Some(cache.project.to_string()),
        cache: Some(cache.cache.to_string()),
        cancel_sent: Some(false),
        ..Outcome::default()
    };

    // To follow the execution we cancel, learn its id first.
    let before = match args.wait {
        true => Some(
            cache
                .status(false, deadline)
                .map_err(|f| unsent(f, timeout, ""))?,
        ),
        false => None,
    };
    if let Some(Found::Missing(words)) = before {
        return Err(cache.missing(words));
    }
    if let Some(signal) = world.clock.interrupted() {
        return Err(interrupted_unsent(signal, ""));
    }
    let what = format!("cancelling the {} of cache {}", kind.noun(), cache.cache);
    let reply = cache
        .client
        .send(
            Method::POST,
            &cache.url(kind.cancel_endpoint(), &[]),
            deadline,
        )
        .map_err(|f| {
            unsent(
                f,
                timeout,
                " while sending the cancel; it may have reached Peaka",
            )
        })?;
    let mut followed = match &before {
        Some(Found::Status(_, status)) => status
            .execution(kind)
            .filter(|e| e.phase() == Phase::Open)
            .cloned(),
        _ => None,
    };
    match reply.status {
        200..=299 => {}
        404 => {
            // After a try that may have landed, the 404 may be our own
            // cancel's doing: read the status afresh.
            let landed = reply.earlier_try_may_have_landed;
            let found = match before {
                Some(found) if !landed => found,
                _ => cache
                    .status(false, deadline)
                    .map_err(|f| unsent(f, timeout, ""))?,
            };
            let status = match found {
                Found::Missing(words) => return Err(cache.missing(words)),
                Found::Status(_, status) => status,
            };
            let last = status.execution(kind);
            if !(landed && last.is_some_and(is_cancelling)) {
                not_running(kind, cache, last, args.if_running, &mut outcome);
                return Ok(Report::Outcome(outcome));
            }
            followed = last.cloned();
        }
        _ => return Err(reply.failure(&what)),
    }
    ctx.cancel_sent = Some(true);
    outcome.cancel_sent = Some(true);
    let Some(deadline) = deadline else {
        outcome.outcome = Some("cancel_requested");
        outcome.message = format!(
            "Cancel requested for the {} of cache {} (project {}); it stops shortly. Use --wait to confirm.",
            kind.noun(),
            cache.cache,
            cache.project
        );
        return Ok(Report::Outcome(outcome));
    };
    let events = (ctx.format == Some(Format::Ndjson)).then_some(&mut *world.stdout);
    let mut progress = Progress::new(ctx.style, kind, events, world.stderr);
    let wait = Wait {
        kind,
        clock: world.clock,
        deadline,
        interval,
        followed,
    };
    let result = wait.run(&mut Polls(cache), &mut progress, &mut fastrand::f64);
    progress.finish();
    let waited = result.map_err(|mut f| {
        f.message = format!("{}; the cancel was already sent", f.message);
        f
    })?;
    judge(kind, cache, waited, timeout, &mut outcome);
    Ok(Report::Outcome(outcome))
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
    last: Option<&Execution>,
    if_running: bool,
    outcome: &mut Outcome,
) {
    let message = format!(
        "no {} is running for cache {}; {}",
        kind.noun(),
        cache.cache,
        describe_last(last)
    );
    outcome.outcome = Some("not_running");
    outcome.fields.insert(
        "lastExecution".into(),
        last.map_or(Value::Null, |e| e.raw.clone()),
    );
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
    let new = waited.superseded_by.as_ref();
    let new_id = new.map(|e| shown_id(Some(e)));
    let (name, failure) = match waited.ending {
        Ending::Cancelled => {
            let running_now = match new {
                Some(e) => format!(
                    "; a new {noun} {} started and is {}",
                    shown_id(Some(e)),
                    sanitize::field(e.status())
                ),
                None => String::new(),
            };
            outcome.message = format!(
                "Cancelled: the {noun} {id} of cache {} reached CANCELLED after {:.1}s{running_now}.",
                cache.cache,
                waited.waited.as_secs_f64()
            );
            ("cancelled", None)
        }
        Ending::Completed | Ending::Failed => (
            if waited.ending == Ending::Completed { "completed" } else { "failed" },
            Some(Failure::new(
                Kind::TooLate,
                format!("the cancel came too late: the {noun} {id} {status} before it took effect"),
            )),
        ),
        Ending::Superseded => (
            "superseded",
            Some(Failure::new(
                Kind::TooLate,
                format!(
                    "the {noun} {id} was superseded by {}; its last known status is {status}",
                    new_id.as_deref().unwrap_or("another execution")
                ),
            )),
        ),
        Ending::Deleted => (
            "deleted",
            Some(Failure::new(
                Kind::NotFound,
                format!("cache {} was deleted while waiting for its {noun} to be cancelled", cache.cache),
            )),
        ),
        Ending::TimedOut => (
            "timed_out",
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
            "interrupted",
            Some(
                Failure::interrupted(
                    signal,
                    format!("interrupted by {} while waiting; the cancel was already sent", signal.name()),
                )
                .hint(format!("see the status with: {check}")),
            ),
        ),
    };
    outcome.outcome = Some(name);
    outcome.failure = failure;
    let fields = &mut outcome.fields;
    let raw = |e: Option<&Execution>| e.map_or(Value::Null, |e| e.raw.clone());
    fields.insert("execution".into(), raw(waited.execution.as_ref()));
    fields.insert("waitedMs".into(), json!(waited.waited.as_millis() as u64));
    fields.insert("polls".into(), json!(waited.polls));
    if let Some(new) = new {
        fields.insert("supersededBy".into(), json!(new.id));
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
