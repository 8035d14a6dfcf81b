//! Following a cancelled execution until it reaches a final state. Judged by
//! the execution of the cancelled kind (its id and status), never by the
//! cache's top-level status, which mixes in the other kind.

use std::time::Duration;

use crate::api::{CacheStatus, Execution, Phase, Refresh};
use crate::clock::Clock;
use crate::exit::{Failure, Kind};
use crate::signal::Signal;

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
    pub kind: Refresh,
    pub clock: &'a dyn Clock,
    /// When the wait gives up, on the clock's timeline.
    pub deadline: Duration,
    pub interval: Duration,
    /// The execution that was running when the cancel was sent, if known.
    pub followed: Option<Execution>,
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

impl Wait<'_> {
    pub fn run(
        self,
        source: &mut dyn Source,
        observer: &mut dyn Observer,
        jitter: &mut dyn FnMut() -> f64,
    ) -> Result<Waited, Failure> {
        let clock = self.clock;
        let start = clock.now();
        let deadline = self.deadline;
        let mut followed_id = self.followed.as_ref().and_then(|e| e.id.clone());
        let mut known = self.followed.is_some();
        let mut last = self.followed;
        let mut polls = 0;
        let mut pauses = 0;
        let finish = |ending, execution, superseded_by, polls| Waited {
            ending,
            execution,
            superseded_by,
            waited: clock.now().saturating_sub(start),
            polls,
        };
        loop {
            let left = deadline.saturating_sub(clock.now());
            let wake = clock.now() + poll_delay(pauses, self.interval, jitter()).min(left);
            pauses += 1;
            while clock.interrupted().is_none() && clock.now() < wake {
                clock.sleep((wake - clock.now()).min(TICK));
                observer.tick(clock.now().saturating_sub(start));
            }
            if let Some(signal) = clock.interrupted() {
                return Ok(finish(Ending::Interrupted(signal), last, None, polls));
            }
            if clock.now() >= deadline {
                return Ok(finish(Ending::TimedOut, last, None, polls));
            }
            let poll = match source.status(deadline) {
                Ok(poll) => poll,
                Err(failure) => match on_failure(failure, observer)? {
                    Failed::End(ending) => return Ok(finish(ending, last, None, polls)),
                    Failed::Retry => continue,
                },
            };
            polls += 1;
            let status = match poll {
                Poll::Gone => return Ok(finish(Ending::Deleted, last, None, polls)),
                Poll::Status(s) if s.status.as_deref() == Some("DELETED") => {
                    return Ok(finish(Ending::Deleted, last, None, polls))
                }
                Poll::Status(s) => s,
            };
            let shown = status.execution(self.kind).cloned();
            if !known {
                // The cancel raced the start of an execution: follow what runs now.
                followed_id = shown.as_ref().and_then(|e| e.id.clone());
                known = shown.is_some();
            }
            let current = match shown {
                Some(e) if known && e.id == followed_id => e,
                other => {
                    let found = match &followed_id {
                        Some(id) => match source.find_in_history(id, deadline) {
                            Ok(found) => found,
                            Err(failure) => match on_failure(failure, observer)? {
                                Failed::End(ending) => {
                                    return Ok(finish(ending, last, None, polls))
                                }
                                Failed::Retry => continue,
                            },
                        },
                        None => None,
                    };
                    match found {
                        Some(e) if e.phase() == Phase::Open => e,
                        Some(e) => {
                            let ending = if e.phase() == Phase::Cancelled {
                                Ending::Cancelled
                            } else {
                                Ending::Superseded
                            };
                            return Ok(finish(ending, Some(e), other, polls));
                        }
                        None => return Ok(finish(Ending::Superseded, last, other, polls)),
                    }
                }
            };
            // After the first poll, `last` is what the previous poll showed.
            let previous = if polls > 1 { last.as_ref() } else { None };
            observer.polled(&current, previous, clock.now().saturating_sub(start));
            let phase = current.phase();
            last = Some(current);
            match phase {
                Phase::Cancelled => return Ok(finish(Ending::Cancelled, last, None, polls)),
                Phase::Completed => return Ok(finish(Ending::Completed, last, None, polls)),
                Phase::Failed => return Ok(finish(Ending::Failed, last, None, polls)),
                Phase::Open => {}
            }
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
    struct Seen(Vec<String>);
    impl Observer for Seen {
        fn polled(&mut self, current: &Execution, _: Option<&Execution>, _: Duration) {
            self.0.push(current.status().to_string());
        }
    }

    fn run(clock: &FakeClock, script: &mut Script, followed: Option<Execution>) -> Waited {
        let wait = Wait {
            kind: Refresh::Full,
            clock,
            deadline: Duration::from_secs(600),
            interval: Duration::from_secs(5),
            followed,
        };
        wait.run(script, &mut Seen::default(), &mut || 0.5).unwrap()
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
        let mut seen = Seen::default();
        let wait = Wait {
            kind: Refresh::Full,
            clock: &clock,
            deadline: Duration::from_secs(60),
            interval: Duration::from_secs(5),
            followed: Some(exec("e1", "RUNNING")),
        };
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
            .status(503)
            .transient();
        let mut s = failing(
            vec![down.clone(), down, busy],
            vec![full("e1", "CANCELLED")],
        );
        let mut seen = Failures::default();
        let wait = Wait {
            kind: Refresh::Full,
            clock: &clock,
            deadline: Duration::from_secs(600),
            interval: Duration::from_secs(5),
            followed: Some(exec("e1", "RUNNING")),
        };
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
            Failure::new(Kind::Auth, "refused").status(401),
            Failure::new(Kind::Api, "malformed response"),
            Failure::new(Kind::Network, "TLS certificate problem"),
        ] {
            let clock = FakeClock::default();
            let mut s = failing(vec![failure.clone()], vec![]);
            let wait = Wait {
                kind: Refresh::Full,
                clock: &clock,
                deadline: Duration::from_secs(60),
                interval: Duration::from_secs(5),
                followed: None,
            };
            let err = wait
                .run(&mut s, &mut Seen::default(), &mut || 0.5)
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
    fn poll_schedule() {
        let interval = Duration::from_secs(5);
        assert_eq!(poll_delay(0, interval, 1.0), Duration::from_millis(250));
        assert_eq!(poll_delay(0, interval, 0.0), Duration::from_millis(200));
        assert_eq!(poll_delay(1, interval, 0.5), Duration::from_millis(375));
        assert_eq!(poll_delay(2, interval, 0.5), Duration::from_micros(562_500));
        for n in 0..100 {
            for f in [0.0, 0.25, 0.5, 0.75, 0.999] {
                let d = poll_delay(n, interval, f);
                assert!(d <= interval);
                let base = Duration::from_millis(250).mul_f64(1.5f64.powi(n as i32).min(1e6));
                assert!(d >= base.mul_f64(0.8).min(interval.mul_f64(0.8)), "{n} {f}");
            }
        }
        assert_eq!(
            poll_delay(0, Duration::from_millis(200), 1.0),
            Duration::from_millis(200)
        );
    }
}
