//! `peaka cache cancel-full-refresh` and `cancel-incremental`: one code path,
//! the kind of execution as a value.

use std::time::Duration;

use reqwest::Method;
use serde_json::{json, Value};

use crate::api::{Execution, Phase, Refresh};
use crate::cli::{CancelArgs, Format};
use crate::exit::{usage, Failure, Kind};
use crate::output::{Outcome, Progress, Report};
use crate::wait::{self, Ending, Poll, Wait, Waited};

use super::{CacheRef, Context, Found, World};

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);

pub fn run(
    kind: Refresh,
    args: &CancelArgs,
    cache: &CacheRef,
    ctx: &Context,
    world: &mut World,
) -> Result<Report, Failure> {
    let interval = args.interval.unwrap_or(DEFAULT_INTERVAL);
    if interval < wait::MIN_INTERVAL {
        return Err(usage("--interval must be at least 200ms"));
    }
    let timeout = args.timeout.unwrap_or(DEFAULT_TIMEOUT);
    let mut outcome = Outcome {
        action: kind.action(),
        project: Some(cache.project.to_string()),
        cache: Some(cache.cache.to_string()),
        ..Outcome::default()
    };

    // To follow the execution we cancel, learn its id first.
    let before = if args.wait {
        (world.catch_interrupts)();
        Some(cache.status(false, None)?)
    } else {
        None
    };
    if let Some(Found::Missing) = before {
        return Err(cache.missing());
    }
    if world.clock.interrupted() {
        return Err(Failure::new(
            Kind::Interrupted,
            "interrupted; no cancel was sent",
        ));
    }
    let what = format!("cancelling the {} of cache {}", kind.noun(), cache.cache);
    let reply = cache
        .client
        .send(Method::POST, &cache.url(kind.cancel_endpoint(), &[]), None)?;
    match reply.status {
        200..=299 if !args.wait => {
            outcome.outcome = Some("cancel_requested");
            outcome.message = format!(
                "Cancel requested for the {} of cache {} (project {}); it stops shortly. Use --wait to confirm.",
                kind.noun(),
                cache.cache,
                cache.project
            );
        }
        200..=299 => {
            let followed = match &before {
                Some(Found::Status(_, status)) => status
                    .execution(kind)
                    .filter(|e| e.phase() == Phase::Open)
                    .cloned(),
                _ => None,
            };
            let events = (ctx.format == Some(Format::Ndjson)).then_some(&mut *world.stdout);
            let mut progress = Progress::new(ctx.style, kind, events, &mut *world.stderr);
            let wait = Wait {
                kind,
                clock: world.clock,
                timeout,
                interval,
                followed,
            };
            let result = wait.run(&mut Polls(cache), &mut progress, &mut fastrand::f64);
            progress.finish();
            judge(kind, cache, result?, timeout, &mut outcome);
        }
        404 => {
            let found = match before {
                Some(found) => found,
                None => cache.status(false, None)?,
            };
            let Found::Status(_, status) = found else {
                return Err(cache.missing());
            };
            let last = status.execution(kind);
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
            if args.if_running {
                outcome.message = format!("Nothing to cancel: {message}.");
            } else {
                outcome.failure = Some(
                    Failure::new(Kind::NotRunning, message)
                        .status(404)
                        .hint("--if-running makes this a success"),
                );
            }
        }
        _ => return Err(reply.failure(&what)),
    }
    Ok(Report::Outcome(outcome))
}

fn describe_last(last: Option<&Execution>) -> String {
    let Some(e) = last else {
        return "it has never run".into();
    };
    let id = e.id.as_deref().unwrap_or("?");
    match e.finished_at.as_deref().or(e.updated_at.as_deref()) {
        Some(when) => format!("the last one ({id}) ended {} at {when}", e.status()),
        None => format!("the last one ({id}) is {}", e.status()),
    }
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
    let id = waited
        .execution
        .as_ref()
        .and_then(|e| e.id.clone())
        .unwrap_or_else(|| "?".into());
    let status = waited
        .execution
        .as_ref()
        .map_or("UNKNOWN", Execution::status)
        .to_string();
    let check = format!(
        "peaka cache status --project {} --cache {}",
        cache.project, cache.cache
    );
    let (name, failure) = match waited.ending {
        Ending::Cancelled => {
            outcome.message = format!(
                "Cancelled: the {noun} {id} of cache {} reached CANCELLED after {:.1}s.",
                cache.cache,
                waited.waited.as_secs_f64()
            );
            ("cancelled", None)
        }
        Ending::Completed | Ending::Failed => (
            if waited.ending == Ending::Completed {
                "completed"
            } else {
                "failed"
            },
            Some(Failure::new(
                Kind::TooLate,
                format!("the cancel came too late: the {noun} {id} {status} before it took effect"),
            )),
        ),
        Ending::Superseded => {
            let new = waited
                .superseded_by
                .as_deref()
                .unwrap_or("another execution");
            (
                "superseded",
                Some(Failure::new(
                    Kind::TooLate,
                    format!("the {noun} {id} was superseded by {new}; its last known status is {status}"),
                )),
            )
        }
        Ending::Deleted => (
            "deleted",
            Some(Failure::new(
                Kind::NotFound,
                format!(
                    "cache {} was deleted while waiting for its {noun} to be cancelled",
                    cache.cache
                ),
            )),
        ),
        Ending::TimedOut => (
            "timed_out",
            Some(
                Failure::new(
                    Kind::Timeout,
                    format!(
                        "the cancel was sent, but the {noun} {id} was still {status} after {}s",
                        timeout.as_secs_f64()
                    ),
                )
                .hint(format!("check later with: {check}")),
            ),
        ),
        Ending::Interrupted => (
            "interrupted",
            Some(
                Failure::new(
                    Kind::Interrupted,
                    "interrupted while waiting; the cancel was already sent",
                )
                .hint(format!("see the status with: {check}")),
            ),
        ),
    };
    outcome.outcome = Some(name);
    outcome.failure = failure;
    let fields = &mut outcome.fields;
    fields.insert(
        "execution".into(),
        waited
            .execution
            .as_ref()
            .map_or(Value::Null, |e| e.raw.clone()),
    );
    fields.insert("waitedMs".into(), json!(waited.waited.as_millis() as u64));
    fields.insert("polls".into(), json!(waited.polls));
    if let Some(new) = waited.superseded_by {
        fields.insert("supersededBy".into(), json!(new));
    }
}

/// The wait loop's reads, through the cache's API calls.
struct Polls<'a>(&'a CacheRef<'a>);

impl wait::Source for Polls<'_> {
    fn status(&mut self, deadline: Duration) -> Result<Poll, Failure> {
        Ok(match self.0.status(false, Some(deadline))? {
            Found::Missing => Poll::Gone,
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
