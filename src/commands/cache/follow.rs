//! Following an execution, for every command that waits (cancel and refresh
//! with `--wait`, `cache wait`): the same polling, progress, time limit,
//! signals, and the same words for the endings they share.

use std::time::Duration;

use serde_json::Value;

use crate::api::{CacheRef, CacheStatus, Execution, ExecutionKind, StatusAnswer};
use crate::client;
use crate::document::OutcomeName;
use crate::exit::{Failure, Kind};
use crate::output::WaitReport;
use crate::progress::Progress;
use crate::sanitize;
use crate::wait::{self, Ending, Poll, Wait, Waited};

use crate::commands::Run;

/// Runs the wait with progress on stderr (and events to the output's sink).
pub fn run(wait: Wait, cache: &CacheRef, run: &mut Run) -> Result<Waited, Failure> {
    let sink = &mut run.sink;
    let mut events = |e: &_| sink.event(e);
    let mut progress = Progress::new(run.style, wait.kind, &mut events, run.stderr);
    let result = wait.run(&mut Polls(cache), &mut progress, &mut fastrand::f64);
    progress.finish();
    result
}

/// Runs the wait showing nothing (many caches are followed at once).
pub fn run_quietly(wait: Wait, cache: &CacheRef) -> Result<Waited, Failure> {
    struct Quiet;
    impl wait::Observer for Quiet {
        fn polled(&mut self, _: &Execution, _: Option<&Execution>, _: Duration) {}
    }
    wait.run(&mut Polls(cache), &mut Quiet, &mut fastrand::f64)
}

/// The cache's status; 404 is "no such cache".
pub fn read_status(cache: &CacheRef, deadline: Option<Duration>) -> Result<CacheStatus, Failure> {
    match cache.status(false, deadline)? {
        StatusAnswer::Status(_, status) => Ok(status),
        StatusAnswer::Missing(words) => Err(cache.missing(words)),
    }
}

/// What the document records of a wait.
pub fn report(waited: Waited) -> WaitReport {
    WaitReport {
        execution: waited.execution.map_or(Value::Null, |e| e.raw),
        waited_ms: waited.waited.as_millis() as u64,
        polls: waited.polls,
        superseded_by: waited.superseded_by.and_then(|e| e.id),
    }
}

/// An execution's id as shown to a person (never a bare `?`).
pub fn shown_id(e: Option<&Execution>) -> String {
    e.and_then(|e| e.id.as_deref())
        .map_or("(id not given)".into(), sanitize::field)
}

/// An execution's status as shown to a person (never a made-up word).
pub fn status_of(e: &Execution) -> String {
    e.status
        .as_deref()
        .map_or("(status not given)".into(), sanitize::field)
}

/// The followed execution's status as shown to a person.
pub fn shown_status(waited: &Waited) -> String {
    waited
        .execution
        .as_ref()
        .map_or("(status not seen)".into(), status_of)
}

/// The endings every waiting command words alike: time limit, signal,
/// deletion. `sent` says what was already done (may be empty).
pub fn shared_ending(
    kind: ExecutionKind,
    cache: &CacheRef,
    waited: &Waited,
    timeout: Duration,
    sent: &str,
) -> Option<(OutcomeName, Failure)> {
    let noun = kind.noun();
    let check = format!(
        "peaka cache status --project {} --cache {}",
        cache.project, cache.cache
    );
    let id = shown_id(waited.execution.as_ref());
    let failure = match waited.ending {
        Ending::TimedOut => Failure::new(
            Kind::Timeout,
            format!(
                "{sent}the {noun} {id} was still {} when the time limit ({}) ran out",
                shown_status(waited),
                client::short_duration(timeout)
            ),
        )
        .hint(format!("check later with: {check}")),
        Ending::Interrupted(signal) => Failure::interrupted(
            signal,
            format!("{sent}interrupted by {} while waiting", signal.name()),
        )
        .hint(format!("see the status with: {check}")),
        Ending::Deleted => Failure::new(
            Kind::NotFound,
            format!(
                "cache {} was deleted while waiting for its {noun}",
                cache.cache
            ),
        ),
        _ => return None,
    };
    Some((waited.ending.into(), failure))
}

/// The wait loop's reads, through the cache's API calls.
struct Polls<'a>(&'a CacheRef<'a>);

impl wait::Source for Polls<'_> {
    fn status(&mut self, deadline: Duration) -> Result<Poll, Failure> {
        Ok(match self.0.status(false, Some(deadline))? {
            StatusAnswer::Missing(_) => Poll::Gone,
            StatusAnswer::Status(_, status) => Poll::Status(status),
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
