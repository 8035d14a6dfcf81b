//! Following a cancelled execution until it reaches a final state. Judged by
//! the execution of the cancelled kind (its id and status), never by the
//! cache's top-level status, which mixes in the other kind.

use std::time::Duration;

use crate::api::{CacheStatus, Execution, ExecutionKind};
use crate::clock::Clock;
use crate::document::OutcomeName;
use crate::exit::{Failure, Kind};
use crate::signal::Signal;
use crate::stage::Stage;

const FIRST_POLL: Duration = Duration::from_millis(250);
/// How often a pause wakes to let the observer animate progress.
const TICK: Duration = Duration::from_millis(250);

/// What one status read found.
// Held one at a time: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Poll {
    Status(CacheStatus),
    /// The status endpoint answered 404: the cache is gone.
    Gone,
}

/// The reads the wait loop needs. `deadline` is on the clock's timeline:
/// nothing inside a read runs past it (reaching it is `Kind::Timeout`).
pub trait Source {
    fn status(&mut self, deadline: Duration) -> Result<Poll, Failure>;
    /// Looks an execution up in the history (newest first).
    fn find_in_history(
        &mut self,
        id: &str,
        deadline: Duration,
    ) -> Result<Option<Execution>, Failure>;
}

/// Told of every poll, with the execution before it, to show progress.
pub trait Observer {
    fn polled(&mut self, current: &Execution, previous: Option<&Execution>, elapsed: Duration);
    /// Called during pauses between polls.
    fn tick(&mut self, _elapsed: Duration) {}
    /// A read failed transiently; the wait goes on.
    fn read_failed(&mut self, _failure: &Failure) {}
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    Cancelled,
    Completed,
    Failed,
    Superseded,
    Deleted,
    TimedOut,
    Interrupted(Signal),
}

impl Ending {
    /// The ending of an execution at a final stage; `None` while it goes on.
    pub fn reached(stage: &Stage) -> Option<Ending> {
        match stage {
            Stage::Cancelled => Some(Ending::Cancelled),
            Stage::Completed => Some(Ending::Completed),
            Stage::Failed => Some(Ending::Failed),
            _ => None,
        }
    }
}

impl From<Ending> for OutcomeName {
    fn from(ending: Ending) -> OutcomeName {
        match ending {
            Ending::Cancelled => OutcomeName::Cancelled,
            Ending::Completed => OutcomeName::Completed,
            Ending::Failed => OutcomeName::Failed,
            Ending::Superseded => OutcomeName::Superseded,
            Ending::Deleted => OutcomeName::Deleted,
            Ending::TimedOut => OutcomeName::TimedOut,
            Ending::Interrupted(_) => OutcomeName::Interrupted,
        }
    }
}

#[derive(Debug)]
pub struct Waited {
    pub ending: Ending,
    /// The followed execution as the API last showed it.
    pub execution: Option<Execution>,
    /// The execution of the same kind that the status shows instead of the
    /// followed one, if another started.
    pub superseded_by: Option<Execution>,
    pub waited: Duration,
    pub polls: u32,
}

impl Waited {
    /// The ending, judged by how the followed execution ended: one
    /// superseded but found final in the history ended that way.
    pub fn settled(&self) -> Ending {
        let stage = self.execution.as_ref().map(Execution::stage);
        match (self.ending, stage.as_ref().and_then(Ending::reached)) {
            (Ending::Superseded, Some(ending)) => ending,
            (ending, _) => ending,
        }
    }
}

/// Pause before poll `n` (0-based): 250 ms growing ×1.5 with ±20% jitter,
/// never above `interval`; the first never above 250 ms. `fraction` in [0, 1).
pub fn poll_delay(n: u32, interval: Duration, fraction: f64) -> Duration {
    let base = FIRST_POLL.mul_f64(1.5f64.powi(n.min(64) as i32).min(1e6));
    let jittered = base.mul_f64(0.8 + 0.4 * fraction.clamp(0.0, 1.0));
    let cap = if n == 0 {
        interval.min(FIRST_POLL)
    } else {
        interval
    };
    jittered.min(cap)
}

pub struct Wait<'a> {
    pub kind: ExecutionKind,
    pub clock: &'a dyn Clock,
    /// When the wait gives up, on the clock's timeline.
    pub deadline: Duration,
    pub interval: Duration,
    /// Which execution to follow.
    pub follow: Follow,
    /// With `Follow::NewerThan`, when the one before was still running: until this
    /// instant it is shown while a new one may appear; after it, if none
    /// did, it is the one followed.
    pub fallback_after: Option<Duration>,
}

/// Which execution a wait follows.
// Held one at a time: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Follow {
    /// This one, as last seen.
    This(Execution),
    /// The first the status shows (a cancel raced the start of one).
    FirstShown,
    /// The first the status shows that is not the one with this id (`None`:
    /// there was none before): after a trigger, the new execution appears
    /// in the status a little later.
    NewerThan(Option<String>),
}

/// What to do with a read that failed.
enum Failed {
    /// The wait ends with this.
    End(Ending),
    /// Transient: poll again on the schedule.
    Retry,
}

fn on_failure(failure: Failure, observer: &mut dyn Observer) -> Result<Failed, Failure> {
    match failure.kind {
        Kind::Interrupted(signal) => Ok(Failed::End(Ending::Interrupted(signal))),
        Kind::Timeout => Ok(Failed::End(Ending::TimedOut)),
        _ if failure.transient => {
            observer.read_failed(&failure);
            Ok(Failed::Retry)
        }
        _ => Err(failure),
    }
}

/// What one status read gave the loop.
// Held one at a time: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
enum Read {
    Status(CacheStatus),
    /// The wait ends, after this many status reads counted as polls.
    End(Ending, u32),
    /// Transient: poll again on the schedule.
    Again,
}

/// What one successful status read tells of the followed execution.
// Held one at a time: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
enum Seen {
    /// It, as the status or the history shows it now, still open or final.
    Execution(Execution),
    /// Not known yet: the one that was running, shown meanwhile, not judged.
    Meanwhile(Execution),
    /// It is over in a way the loop does not judge by phase: superseded, or
    /// found final in the history; with what the status shows instead.
    Over(Ending, Option<Execution>, Option<Execution>),
    /// A transient failure while looking: poll again.
    Again,
}

/// The followed execution: its id once known (the API may not give one),
/// else how to tell it (see `Follow`).
enum Tracked {
    Known(Option<String>),
    FirstShown,
    NewerThan(Option<String>),
}

impl Wait<'_> {
    pub fn run(
        self,
        source: &mut dyn Source,
        observer: &mut dyn Observer,
        jitter: &mut dyn FnMut() -> f64,
    ) -> Result<Waited, Failure> {
        let clock = self.clock;
        let start = clock.now();
        let (mut target, mut last) = match &self.follow {
            Follow::This(e) => (Tracked::Known(e.id.clone()), Some(e.clone())),
            Follow::FirstShown => (Tracked::FirstShown, None),
            Follow::NewerThan(old) => (Tracked::NewerThan(old.clone()), None),
        };
        let (mut polls, mut pauses) = (0, 0);
        let finish = |ending, execution, superseded_by, polls| Waited {
            ending,
            execution,
            superseded_by,
            waited: clock.now().saturating_sub(start),
            polls,
        };
        loop {
            let left = self.deadline.saturating_sub(clock.now());
            self.pause(
                poll_delay(pauses, self.interval, jitter()).min(left),
                start,
                observer,
            );
            pauses += 1;
            let status = match self.read(source, observer)? {
                Read::Status(status) => status,
                Read::End(ending, read) => return Ok(finish(ending, last, None, polls + read)),
                Read::Again => continue,
            };
            polls += 1;
            let (current, judged) = match self.see(status, &mut target, source, observer)? {
                Seen::Execution(e) => (e, true),
                Seen::Meanwhile(e) => (e, false),
                Seen::Over(ending, execution, now) => {
                    return Ok(finish(ending, execution.or(last), now, polls))
                }
                Seen::Again => continue,
            };
            // After the first poll, `last` is what the previous poll showed.
            let previous = if polls > 1 { last.as_ref() } else { None };
            observer.polled(&current, previous, clock.now().saturating_sub(start));
            let ending = Ending::reached(&current.stage()).filter(|_| judged);
            last = Some(current);
            if let Some(ending) = ending {
                return Ok(finish(ending, last, None, polls));
            }
        }
    }

    /// One status read, unless a signal or the deadline ends the wait
    /// first.
    fn read(&self, source: &mut dyn Source, observer: &mut dyn Observer) -> Result<Read, Failure> {
        if let Some(signal) = self.clock.interrupted() {
            return Ok(Read::End(Ending::Interrupted(signal), 0));
        }
        if self.clock.now() >= self.deadline {
            return Ok(Read::End(Ending::TimedOut, 0));
        }
        Ok(match source.status(self.deadline) {
            Ok(Poll::Status(s)) if s.stage() != Some(Stage::Deleted) => Read::Status(s),
            Ok(_) => Read::End(Ending::Deleted, 1),
            Err(failure) => match on_failure(failure, observer)? {
                Failed::End(ending) => Read::End(ending, 0),
                Failed::Retry => Read::Again,
            },
        })
    }

    /// Sleeps `duration` in ticks, letting the observer animate, until a
    /// signal.
    fn pause(&self, duration: Duration, start: Duration, observer: &mut dyn Observer) {
        let wake = self.clock.now() + duration;
        while self.clock.interrupted().is_none() && self.clock.now() < wake {
            self.clock.sleep((wake - self.clock.now()).min(TICK));
            observer.tick(self.clock.now().saturating_sub(start));
        }
    }

    /// Finds the followed execution in a status: there, or (when another
    /// shows instead) in the history.
    fn see(
        &self,
        status: CacheStatus,
        target: &mut Tracked,
        source: &mut dyn Source,
        observer: &mut dyn Observer,
    ) -> Result<Seen, Failure> {
        let shown = status.execution(self.kind).cloned();
        if let Some(seen) = self.not_started(target, shown.as_ref()) {
            return Ok(seen);
        }
        let id = match (&*target, &shown) {
            (Tracked::Known(id), _) => id.clone(),
            // The cancel raced the start of an execution: follow what runs now.
            (_, Some(e)) => {
                *target = Tracked::Known(e.id.clone());
                e.id.clone()
            }
            (_, None) => return Ok(Seen::Over(Ending::Superseded, None, shown)),
        };
        if let Some(e) = shown.as_ref().filter(|e| e.id == id) {
            return Ok(Seen::Execution(e.clone()));
        }
        let Some(id) = id else {
            return Ok(Seen::Over(Ending::Superseded, None, shown));
        };
        let found = match source.find_in_history(&id, self.deadline) {
            Ok(found) => found,
            Err(failure) => {
                return Ok(match on_failure(failure, observer)? {
                    Failed::End(ending) => Seen::Over(ending, None, None),
                    Failed::Retry => Seen::Again,
                })
            }
        };
        let Some(e) = found else {
            return Ok(Seen::Over(Ending::Superseded, None, shown));
        };
        // Found final in the history: only a cancel is judged here; the
        // commands judge the rest by the execution (`Waited::settled`).
        Ok(match Ending::reached(&e.stage()) {
            None => Seen::Execution(e),
            Some(Ending::Cancelled) => Seen::Over(Ending::Cancelled, Some(e), shown),
            Some(_) => Seen::Over(Ending::Superseded, Some(e), shown),
        })
    }

    /// After a trigger, while the status still shows the execution before
    /// (or none): it is shown meanwhile until `fallback_after`, then
    /// followed; without one, the wait polls again.
    fn not_started(&self, target: &Tracked, shown: Option<&Execution>) -> Option<Seen> {
        let Tracked::NewerThan(old) = target else {
            return None;
        };
        if shown.is_some_and(|e| &e.id != old) {
            return None;
        }
        match (shown, self.fallback_after) {
            (Some(e), Some(after)) if self.clock.now() < after => Some(Seen::Meanwhile(e.clone())),
            // None came in time: follow the one that was running.
            (Some(_), Some(_)) => None,
            _ => Some(Seen::Again),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::fake::FakeClock;
    use std::collections::VecDeque;

    fn exec(id: &str, status: &str) -> Execution {
        Execution {
            id: Some(id.into()),
            status: Some(status.into()),
            ..Execution::default()
        }
    }

    fn full(id: &str, status: &str) -> Poll {
        Poll::Status(CacheStatus {
            status: Some("RUNNING".into()),
            last_full_refresh_cache_execution: Some(exec(id, status)),
            ..CacheStatus::default()
        })
    }

    #[derive(Default)]
    struct Script {
        polls: VecDeque<Result<Poll, Failure>>,
        history: Vec<Execution>,
        history_reads: u32,
    }

    impl Source for Script {
        fn status(&mut self, _: Duration) -> Result<Poll, Failure> {
            // The last answer repeats forever.
            if self.polls.len() > 1 {
                self.polls.pop_front().unwrap()
            } else {
                match self.polls.front().unwrap() {
                    Ok(Poll::Status(s)) => Ok(Poll::Status(s.clone())),
                    Ok(Poll::Gone) => Ok(Poll::Gone),
                    Err(f) => Err(f.clone()),
                }
            }
        }
        fn find_in_history(&mut self, id: &str, _: Duration) -> Result<Option<Execution>, Failure> {
            self.history_reads += 1;
            Ok(self
                .history
                .iter()
                .find(|e| e.id.as_deref() == Some(id))
                .cloned())
        }
    }

    #[derive(Default)]
    struct Statuses(Vec<String>);
    impl Observer for Statuses {
        fn polled(&mut self, current: &Execution, _: Option<&Execution>, _: Duration) {
            self.0.push(current.status().to_string());
        }
    }

    /// A wait on full refreshes, polling every 5 s at most, until `deadline`
    /// seconds.
    fn full_wait(clock: &FakeClock, deadline: u64, followed: Option<Execution>) -> Wait<'_> {
        Wait {
            kind: ExecutionKind::Full,
            clock,
            deadline: Duration::from_secs(deadline),
            interval: Duration::from_secs(5),
            follow: followed.map_or(Follow::FirstShown, Follow::This),
            fallback_after: None,
        }
    }

    fn run(clock: &FakeClock, script: &mut Script, followed: Option<Execution>) -> Waited {
        full_wait(clock, 600, followed)
            .run(script, &mut Statuses::default(), &mut || 0.5)
            .unwrap()
    }

    fn script(polls: Vec<Poll>) -> Script {
        Script {
            polls: polls.into_iter().map(Ok).collect(),
            ..Script::default()
        }
    }

    #[test]
    fn cancelled_after_running() {
        let clock = FakeClock::default();
        let mut s = script(vec![
            full("e1", "RUNNING"),
            full("e1", "RUNNING"),
            full("e1", "CANCELLED"),
        ]);
        let waited = run(&clock, &mut s, Some(exec("e1", "RUNNING")));
        assert_eq!(waited.ending, Ending::Cancelled);
        assert_eq!(waited.polls, 3);
        assert_eq!(waited.execution.unwrap().status(), "CANCELLED");
    }

    #[test]
    fn too_late_completed_and_failed() {
        for (status, ending) in [("COMPLETED", Ending::Completed), ("FAILED", Ending::Failed)] {
            let clock = FakeClock::default();
            let mut s = script(vec![full("e1", status)]);
            assert_eq!(
                run(&clock, &mut s, Some(exec("e1", "RUNNING"))).ending,
                ending
            );
        }
    }

    #[test]
    fn judged_by_the_execution_not_the_top_level() {
        // Top level stays RUNNING (an incremental sync runs beside it).
        let clock = FakeClock::default();
        let mut s = script(vec![full("e1", "CANCELLED")]);
        assert_eq!(
            run(&clock, &mut s, Some(exec("e1", "RUNNING"))).ending,
            Ending::Cancelled
        );
    }

    #[test]
    fn unknown_status_keeps_waiting() {
        let clock = FakeClock::default();
        let mut s = script(vec![full("e1", "PAUSING"), full("e1", "CANCELLED")]);
        let mut seen = Statuses::default();
        let wait = full_wait(&clock, 60, Some(exec("e1", "RUNNING")));
        let waited = wait.run(&mut s, &mut seen, &mut || 0.5).unwrap();
        assert_eq!(waited.ending, Ending::Cancelled);
        assert_eq!(seen.0, ["PAUSING", "CANCELLED"]);
    }

    #[test]
    fn superseded_resolved_from_history() {
        let clock = FakeClock::default();
        let mut s = script(vec![full("e2", "RUNNING")]);
        s.history = vec![exec("e2", "RUNNING"), exec("e1", "CANCELLED")];
        let waited = run(&clock, &mut s, Some(exec("e1", "RUNNING")));
        assert_eq!(waited.ending, Ending::Cancelled);
        let new = waited.superseded_by.unwrap();
        assert_eq!((new.id.as_deref(), new.status()), (Some("e2"), "RUNNING"));

        let mut s = script(vec![full("e2", "RUNNING")]);
        s.history = vec![exec("e1", "COMPLETED")];
        let waited = run(&clock, &mut s, Some(exec("e1", "RUNNING")));
        assert_eq!(waited.ending, Ending::Superseded);
        assert_eq!(waited.execution.unwrap().status(), "COMPLETED");

        let mut s = script(vec![full("e2", "RUNNING")]);
        let waited = run(&clock, &mut s, Some(exec("e1", "RUNNING")));
        assert_eq!(waited.ending, Ending::Superseded);
        assert_eq!(s.history_reads, 1);
    }

    #[test]
    fn deleted_by_status_or_404() {
        let clock = FakeClock::default();
        let deleted = Poll::Status(CacheStatus {
            status: Some("DELETED".into()),
            ..CacheStatus::default()
        });
        assert_eq!(
            run(&clock, &mut script(vec![deleted]), None).ending,
            Ending::Deleted
        );
        assert_eq!(
            run(&clock, &mut script(vec![Poll::Gone]), None).ending,
            Ending::Deleted
        );
    }

    #[test]
    fn deleted_in_any_case() {
        let clock = FakeClock::default();
        let deleted = Poll::Status(CacheStatus {
            status: Some("Deleted".into()),
            ..CacheStatus::default()
        });
        let waited = run(
            &clock,
            &mut script(vec![deleted]),
            Some(exec("e1", "RUNNING")),
        );
        assert_eq!((waited.ending, waited.polls), (Ending::Deleted, 1));
    }

    #[test]
    fn a_superseded_execution_settles_as_the_history_says() {
        let waited = |status: &str| Waited {
            ending: Ending::Superseded,
            execution: Some(exec("e1", status)),
            superseded_by: None,
            waited: Duration::ZERO,
            polls: 1,
        };
        assert_eq!(waited("completed").settled(), Ending::Completed);
        assert_eq!(waited("FAILED").settled(), Ending::Failed);
        assert_eq!(waited("RUNNING").settled(), Ending::Superseded);
        assert_eq!(
            OutcomeName::from(waited("PAUSED").settled()),
            OutcomeName::Superseded
        );
    }

    #[test]
    fn times_out_at_the_deadline_without_oversleeping() {
        let clock = FakeClock::default();
        let mut s = script(vec![full("e1", "RUNNING")]);
        let waited = run(&clock, &mut s, Some(exec("e1", "RUNNING")));
        assert_eq!(waited.ending, Ending::TimedOut);
        assert_eq!(waited.waited, Duration::from_secs(600));
        let sleeps = clock.sleeps.borrow();
        assert_eq!(sleeps[0], Duration::from_millis(250));
        assert!(sleeps.iter().all(|d| *d <= Duration::from_secs(5)));
        // Growing intervals: about 120 polls of 5 s, not thousands.
        assert!(waited.polls < 135, "{}", waited.polls);
    }

    #[test]
    fn interrupted_stops_polling() {
        let clock = FakeClock {
            interrupt_at: Some(Duration::from_secs(3)),
            ..FakeClock::default()
        };
        let mut s = script(vec![full("e1", "RUNNING")]);
        let waited = run(&clock, &mut s, Some(exec("e1", "RUNNING")));
        assert_eq!(waited.ending, Ending::Interrupted(Signal::Interrupt));
        assert!(waited.waited < Duration::from_secs(6));
    }

    #[test]
    fn follows_what_runs_when_nothing_was_known() {
        let clock = FakeClock::default();
        let mut s = script(vec![full("e9", "RUNNING"), full("e9", "CANCELLED")]);
        let waited = run(&clock, &mut s, None);
        assert_eq!(waited.ending, Ending::Cancelled);
        assert_eq!(waited.execution.unwrap().id.as_deref(), Some("e9"));
    }

    fn failing(failures: Vec<Failure>, then: Vec<Poll>) -> Script {
        let mut polls: VecDeque<_> = failures.into_iter().map(Err).collect();
        polls.extend(then.into_iter().map(Ok));
        Script {
            polls,
            ..Script::default()
        }
    }

    #[derive(Default)]
    struct Failures(Vec<String>);
    impl Observer for Failures {
        fn polled(&mut self, _: &Execution, _: Option<&Execution>, _: Duration) {}
        fn read_failed(&mut self, failure: &Failure) {
            self.0.push(failure.message.clone());
        }
    }

    #[test]
    fn transient_read_failures_do_not_end_the_wait() {
        let clock = FakeClock::default();
        let down = Failure::new(Kind::Network, "could not connect").transient();
        let busy = Failure::new(Kind::Api, "the API answered 503")
            .with_status(503)
            .transient();
        let mut s = failing(
            vec![down.clone(), down, busy],
            vec![full("e1", "CANCELLED")],
        );
        let mut seen = Failures::default();
        let wait = full_wait(&clock, 600, Some(exec("e1", "RUNNING")));
        let waited = wait.run(&mut s, &mut seen, &mut || 0.5).unwrap();
        assert_eq!(waited.ending, Ending::Cancelled);
        assert_eq!(waited.polls, 1);
        assert_eq!(seen.0.len(), 3);
    }

    #[test]
    fn lasting_failures_end_at_the_deadline_as_timed_out() {
        let clock = FakeClock::default();
        let down = Failure::new(Kind::Network, "could not connect").transient();
        let mut s = failing(vec![down], vec![]);
        let waited = run(&clock, &mut s, Some(exec("e1", "RUNNING")));
        assert_eq!(waited.ending, Ending::TimedOut);
        assert_eq!(waited.execution.unwrap().id.as_deref(), Some("e1"));
        assert_eq!(waited.waited, Duration::from_secs(600));
    }

    #[test]
    fn refusals_and_malformed_answers_end_the_wait() {
        for failure in [
            Failure::new(Kind::Auth, "refused").with_status(401),
            Failure::new(Kind::Api, "malformed response"),
            Failure::new(Kind::Network, "TLS certificate problem"),
        ] {
            let clock = FakeClock::default();
            let mut s = failing(vec![failure.clone()], vec![]);
            let wait = full_wait(&clock, 60, None);
            let err = wait
                .run(&mut s, &mut Statuses::default(), &mut || 0.5)
                .unwrap_err();
            assert_eq!(err.kind, failure.kind);
        }
    }

    #[test]
    fn a_deadline_or_a_signal_inside_a_read_ends_the_wait() {
        for (failure, ending) in [
            (Failure::new(Kind::Timeout, "time"), Ending::TimedOut),
            (
                Failure::interrupted(Signal::Terminate, "term"),
                Ending::Interrupted(Signal::Terminate),
            ),
        ] {
            let clock = FakeClock::default();
            let mut s = failing(vec![failure], vec![]);
            assert_eq!(run(&clock, &mut s, None).ending, ending);
        }
    }

    #[test]
    fn after_a_trigger_the_new_execution_is_followed_never_the_old_one() {
        let clock = FakeClock::default();
        let mut s = script(vec![
            full("e1", "COMPLETED"),
            full("e1", "COMPLETED"),
            full("e2", "RUNNING"),
            full("e2", "COMPLETED"),
        ]);
        let mut seen = Statuses::default();
        let wait = Wait {
            follow: Follow::NewerThan(Some("e1".into())),
            ..full_wait(&clock, 600, None)
        };
        let waited = wait.run(&mut s, &mut seen, &mut || 0.5).unwrap();
        assert_eq!(waited.ending, Ending::Completed);
        assert_eq!(waited.execution.unwrap().id.as_deref(), Some("e2"));
        assert_eq!(seen.0, ["RUNNING", "COMPLETED"]);

        // A first execution ever: nothing shown until it starts.
        let never = Poll::Status(CacheStatus::default());
        let mut s = script(vec![never, full("e1", "RUNNING"), full("e1", "FAILED")]);
        let wait = Wait {
            follow: Follow::NewerThan(None),
            ..full_wait(&clock, 600, None)
        };
        let waited = wait
            .run(&mut s, &mut Statuses::default(), &mut || 0.5)
            .unwrap();
        assert_eq!(waited.ending, Ending::Failed);
    }

    /// A wait after a trigger while e1 was running: a new one may show
    /// until 5 s.
    fn after_a_trigger_while_running(clock: &FakeClock) -> Wait<'_> {
        Wait {
            follow: Follow::NewerThan(Some("e1".into())),
            fallback_after: Some(Duration::from_secs(5)),
            ..full_wait(clock, 600, None)
        }
    }

    #[test]
    fn when_no_new_one_shows_in_time_the_running_one_is_followed() {
        let clock = FakeClock::default();
        let mut s = script(vec![
            full("e1", "RUNNING"),
            full("e1", "COMPLETED"),
            full("e1", "COMPLETED"),
        ]);
        let mut seen = Statuses::default();
        let waited = after_a_trigger_while_running(&clock)
            .run(&mut s, &mut seen, &mut || 0.5)
            .unwrap();
        assert_eq!(waited.ending, Ending::Completed);
        assert_eq!(waited.execution.unwrap().id.as_deref(), Some("e1"));
        // Shown from the first poll, judged only after the 5 s.
        assert_eq!(seen.0[0], "RUNNING");
        assert!(
            waited.waited >= Duration::from_secs(5),
            "{:?}",
            waited.waited
        );
    }

    #[test]
    fn a_new_one_within_the_grace_is_followed_even_after_the_old_one_ended() {
        let clock = FakeClock::default();
        let mut s = script(vec![
            full("e1", "RUNNING"),
            full("e1", "COMPLETED"),
            full("e2", "RUNNING"),
            full("e2", "FAILED"),
        ]);
        let mut seen = Statuses::default();
        let waited = after_a_trigger_while_running(&clock)
            .run(&mut s, &mut seen, &mut || 0.5)
            .unwrap();
        assert_eq!(waited.ending, Ending::Failed);
        assert_eq!(waited.execution.unwrap().id.as_deref(), Some("e2"));
        assert_eq!(seen.0, ["RUNNING", "COMPLETED", "RUNNING", "FAILED"]);
        assert!(
            waited.waited < Duration::from_secs(5),
            "{:?}",
            waited.waited
        );
    }

    #[test]
    fn polls_start_within_250ms_and_grow_to_the_interval() {
        let interval = Duration::from_secs(5);
        for f in [0.0, 0.5, 0.999] {
            assert!(poll_delay(0, interval, f) <= FIRST_POLL);
            assert!(poll_delay(0, interval, f) >= Duration::from_millis(200));
        }
        assert!(poll_delay(0, MIN_TEST_INTERVAL, 0.999) <= MIN_TEST_INTERVAL);
        // Without jitter (f = 0.5), each pause is longer than the one before
        // until the interval caps it; never more polls than needed.
        let middle: Vec<Duration> = (0..12).map(|n| poll_delay(n, interval, 0.5)).collect();
        assert!(middle.windows(2).all(|w| w[1] >= w[0]), "{middle:?}");
        assert!(middle[1] > middle[0]);
        assert_eq!(middle[11], interval);
        for n in 0..200 {
            for f in [0.0, 0.3, 0.999] {
                assert!(poll_delay(n, interval, f) <= interval, "{n} {f}");
            }
        }
        // Jitter spreads pauses by about ±20%.
        let (low, high) = (poll_delay(3, interval, 0.0), poll_delay(3, interval, 0.999));
        assert!(
            high > low.mul_f64(1.45) && high < low.mul_f64(1.55),
            "{low:?} {high:?}"
        );
    }

    const MIN_TEST_INTERVAL: Duration = Duration::from_millis(200);
}
