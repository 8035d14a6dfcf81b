//! Time moving on, lazily, up to the time of each request: triggered
//! executions showing, schedules firing and executions ending, each at its
//! exact instant and in the order they happen.

use std::time::{Duration, Instant};

use crate::execution::{ExecutionMode, ExecutionStatus};
use crate::schedule::Schedule;
use crate::state::{Backend, Origin};

/// A cache keeps at least this many of its newest executions and log
/// entries (and every running one, and the last of each mode); older ones
/// go, as the API drops records some time after they finish. A fast clock
/// would otherwise grow them without end.
const KEEP: usize = 500;

impl Backend {
    /// Brings every cache up to `now`.
    pub fn advance(&mut self, now: Instant) {
        self.show_triggered(now);
        for cache in 0..self.caches.len() {
            while let Some((mode, tick)) = self.next_tick(cache, now) {
                self.settle_all(cache, tick);
                self.tick(cache, mode, tick, now);
            }
            self.settle_all(cache, now);
            self.trim(cache);
        }
    }

    /// `updateCacheSettings` for one mode: a changed schedule replaces that
    /// mode's scheduled workflow, so its next tick counts from `now` (and
    /// NONE has none); the same schedule again changes nothing.
    pub fn set_schedule(
        &mut self,
        cache: usize,
        mode: ExecutionMode,
        schedule: Schedule,
        now: Instant,
    ) {
        if self.caches[cache].plan(mode).schedule != schedule {
            let plan = self.plan(&schedule, now);
            *self.caches[cache].plan_mut(mode) = plan;
        }
    }

    /// Starts the triggered executions due by `now`.
    fn show_triggered(&mut self, now: Instant) {
        let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|p| p.at <= now);
        self.pending = later;
        for p in due {
            if let Some(cache) = self.find(&p.project, &p.cache) {
                let run_for = self.behaviour.run_for;
                self.start(cache, p.mode, p.at, run_for, Origin::Request);
            }
        }
    }

    /// The earliest tick of either mode's schedule due by `now`.
    fn next_tick(&self, cache: usize, now: Instant) -> Option<(ExecutionMode, Instant)> {
        let c = &self.caches[cache];
        [ExecutionMode::Full, ExecutionMode::Incremental]
            .into_iter()
            .filter_map(|mode| c.plan(mode).next.filter(|&t| t <= now).map(|t| (mode, t)))
            .min_by_key(|&(_, t)| t)
    }

    /// A tick of `mode`'s schedule: it starts an execution unless one of
    /// that mode runs or waits to show. Ticks while one runs are skipped in
    /// one step, but never past `now`: a cancel sent later may end it sooner.
    fn tick(&mut self, cache: usize, mode: ExecutionMode, tick: Instant, now: Instant) {
        let Some(every) = self.caches[cache].plan(mode).schedule.every() else {
            self.caches[cache].plan_mut(mode).next = None;
            return;
        };
        let period = self.behaviour.real(every).max(Duration::from_nanos(1));
        let busy_until = match self.running(cache, mode) {
            Some(i) => Some(self.caches[cache].executions[i].end().min(now)),
            None if self.queued(cache, mode) => Some(tick),
            None => None,
        };
        let next = match busy_until {
            Some(until) => {
                let (gap, p) = (
                    until.saturating_duration_since(tick).as_nanos(),
                    period.as_nanos(),
                );
                let periods = gap.div_ceil(p).max(1);
                tick + Duration::from_nanos(u64::try_from(periods * p).unwrap_or(u64::MAX))
            }
            None => {
                let run_for = self.behaviour.run_for;
                self.start(cache, mode, tick, run_for, Origin::Schedule);
                tick + period
            }
        };
        self.caches[cache].plan_mut(mode).next = Some(next);
    }

    /// Ends every execution whose cancel landed or whose time ran out by
    /// `now`, and starts what a landed cancel restarts.
    fn settle_all(&mut self, cache: usize, now: Instant) {
        let mut restarts = Vec::new();
        for i in 0..self.caches[cache].executions.len() {
            if let Some((mode, at)) = self.settle(cache, i, now) {
                restarts.push((mode, at));
            }
        }
        for (mode, at) in restarts {
            let run_for = self.behaviour.run_for;
            self.start(cache, mode, at, run_for, Origin::Request);
        }
    }

    /// Ends execution `i` if its cancel landed or its time ran out by `now`;
    /// returns what to restart when a cancel makes a new one start.
    fn settle(&mut self, cache: usize, i: usize, now: Instant) -> Option<(ExecutionMode, Instant)> {
        let e = &self.caches[cache].executions[i];
        if e.status != ExecutionStatus::Running {
            return None;
        }
        let (id, mode, origin) = (e.id.clone(), e.mode, e.origin);
        let (ends_at, cancel_at) = (e.ends_at, e.cancel_at);
        let cancel_lands = cancel_at.filter(|&at| at <= now && at < ends_at);
        let (status, at) = if let Some(at) = cancel_lands {
            (ExecutionStatus::Cancelled, at)
        } else if ends_at <= now {
            (ExecutionStatus::Completed, ends_at)
        } else {
            return None;
        };
        if cancel_at.is_some() {
            self.stats.flips.push((id, status, self.wall_ms(at)));
        }
        let action = format!("{}_{}", mode.as_str(), status.as_str());
        let log = self.log(at, &action, "execution ended", mode, origin);
        let e = &mut self.caches[cache].executions[i];
        e.status = status;
        e.finished = Some(at);
        e.updated = at;
        self.caches[cache].logs.push(log);
        let restart = status == ExecutionStatus::Cancelled && self.behaviour.restart_after_cancel;
        restart.then_some((mode, at))
    }

    /// Drops the oldest executions and log entries once there are twice
    /// [`KEEP`], keeping every running one and the last of each mode.
    fn trim(&mut self, cache: usize) {
        let c = &mut self.caches[cache];
        if c.logs.len() > 2 * KEEP {
            c.logs.drain(..c.logs.len() - KEEP);
        }
        let count = c.executions.len();
        if count <= 2 * KEEP {
            return;
        }
        let last = |mode| c.executions.iter().rposition(|e| e.mode == mode);
        let lasts = [last(ExecutionMode::Full), last(ExecutionMode::Incremental)];
        let mut i = 0;
        c.executions.retain(|e| {
            let kept = i >= count - KEEP
                || lasts.contains(&Some(i))
                || e.status == ExecutionStatus::Running;
            i += 1;
            kept
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
    use crate::state::Behaviour;

    const MINUTE: Duration = Duration::from_secs(60);

    /// One cache whose full refresh runs every 15 simulated minutes, with
    /// `extra` scenario lines, at `time_scale`.
    fn backend(extra: &str, time_scale: u32, t0: Instant) -> Backend {
        let scenario = Scenario::parse(&format!(
            "[[caches]]\nproject = \"p\"\nid = \"c\"\ntable = \"t\"\nfull_schedule = \"PT15M\"\nincremental_schedule = \"NONE\"\n{extra}"
        ))
        .unwrap();
        let behaviour = Behaviour {
            latency: Duration::ZERO,
            cancel_delay: Duration::from_secs(2),
            start_delay: Duration::from_millis(500),
            run_for: 10 * MINUTE,
            too_late: false,
            restart_after_cancel: false,
            records_per_second: 100,
            time_scale,
        };
        Backend::new(&scenario, behaviour, t0)
    }

    /// (origin, status) of every full refresh, oldest first.
    fn fulls(b: &Backend) -> Vec<(Origin, ExecutionStatus)> {
        let c = &b.caches[0];
        let full = c
            .executions
            .iter()
            .filter(|e| e.mode == ExecutionMode::Full);
        full.map(|e| (e.origin, e.status)).collect()
    }

    #[test]
    fn fires_on_its_interval_unless_one_runs() {
        use ExecutionStatus::{Completed, Running};
        let t0 = Instant::now();
        let mut b = backend("", 1, t0);
        b.advance(t0 + 15 * MINUTE - Duration::from_millis(1));
        assert!(fulls(&b).is_empty());
        b.advance(t0 + 15 * MINUTE);
        assert_eq!(fulls(&b), [(Origin::Schedule, Running)]);
        // It completes at 25m; the tick at 30m starts the next one.
        b.advance(t0 + 29 * MINUTE);
        assert_eq!(fulls(&b), [(Origin::Schedule, Completed)]);
        b.advance(t0 + 61 * MINUTE);
        assert_eq!(fulls(&b).len(), 4, "15m, 30m, 45m, 60m: {:?}", fulls(&b));
        let log = b.caches[0].logs.last().unwrap();
        assert_eq!(log["isScheduled"], true);
        assert_eq!(log["action"], "FULL_REFRESH_STARTED");
    }

    #[test]
    fn a_cancelled_run_restarts_at_the_next_tick() {
        use ExecutionStatus::{Cancelled, Running};
        let t0 = Instant::now();
        let mut b = backend("full_refresh = { duration = \"1h\" }", 1, t0);
        b.advance(t0 + 40 * MINUTE);
        assert_eq!(fulls(&b), [(Origin::Request, Running)], "ticks skipped");
        assert!(b.cancel(0, ExecutionMode::Full, t0 + 40 * MINUTE));
        b.advance(t0 + 44 * MINUTE);
        assert_eq!(fulls(&b), [(Origin::Request, Cancelled)]);
        b.advance(t0 + 45 * MINUTE);
        let restarted = [(Origin::Request, Cancelled), (Origin::Schedule, Running)];
        assert_eq!(fulls(&b), restarted);
        let started = b.caches[0].executions.last().unwrap().started;
        assert_eq!(started, t0 + 45 * MINUTE);
    }

    #[test]
    fn a_change_counts_from_itself_and_none_holds() {
        use ExecutionStatus::{Cancelled, Running};
        let t0 = Instant::now();
        let mut b = backend("full_refresh = { duration = \"1h\" }", 1, t0);
        let at = |minutes: u32| t0 + minutes * MINUTE;
        let every = |text: &str| text.parse::<Schedule>().unwrap();
        // The same schedule again keeps the phase; a new one counts from now.
        b.set_schedule(0, ExecutionMode::Full, every("PT15M"), at(5));
        assert_eq!(b.caches[0].full_schedule.next, Some(at(15)));
        b.set_schedule(0, ExecutionMode::Full, every("PT20M"), at(7));
        assert_eq!(b.caches[0].full_schedule.next, Some(at(27)));
        // Held: NONE, then the cancel; nothing starts again.
        b.set_schedule(0, ExecutionMode::Full, Schedule::None, at(10));
        b.cancel(0, ExecutionMode::Full, at(10));
        b.advance(at(24 * 60));
        assert_eq!(fulls(&b), [(Origin::Request, Cancelled)]);
        b.set_schedule(0, ExecutionMode::Full, every("PT20M"), at(24 * 60));
        b.advance(at(24 * 60 + 19));
        assert_eq!(fulls(&b).len(), 1);
        b.advance(at(24 * 60 + 20));
        assert_eq!(fulls(&b)[1], (Origin::Schedule, Running));
    }

    #[test]
    fn the_time_scale_speeds_schedules_runs_and_counters() {
        let t0 = Instant::now();
        let mut b = backend("", 900, t0);
        let second = Duration::from_secs(1);
        b.advance(t0 + second);
        assert_eq!(fulls(&b).len(), 1, "PT15M at 900 fires after a second");
        let status = b.status_json(0, false, t0 + second + second / 2);
        let progress = &status["lastFullRefreshCacheExecution"]["progress"];
        assert_eq!(progress["numberOfCachedRecords"], 45_000, "450 s at 100/s");
        // A 10-minute run lasts 2/3 s.
        b.advance(t0 + second + second * 2 / 3);
        assert_eq!(fulls(&b)[0].1, ExecutionStatus::Completed);
    }

    #[test]
    fn history_stays_bounded_and_keeps_what_runs() {
        let t0 = Instant::now();
        let extra = "full_refresh = { duration = \"100y\" }";
        let mut b = backend(extra, 1, t0);
        let every = "PT1M".parse::<Schedule>().unwrap();
        b.set_schedule(0, ExecutionMode::Incremental, every, t0);
        b.behaviour.run_for = Duration::from_secs(1);
        b.advance(t0 + 5000 * MINUTE);
        let c = &b.caches[0];
        assert!(c.executions.len() <= 2 * KEEP && c.logs.len() <= 2 * KEEP);
        assert_eq!(c.executions[0].mode, ExecutionMode::Full, "still running");
        assert_eq!(c.executions[0].status, ExecutionStatus::Running);
    }
}
