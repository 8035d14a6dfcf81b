//! The simulated backend: caches and their executions, advanced lazily to
//! the time of each request, so every state change happens at an exact
//! instant. How it reads as JSON is in `render`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::execution::{ExecutionMode, ExecutionStatus};
use crate::scenario::{CacheSpec, Scenario};
use crate::schedule::Schedule;

/// What started an execution; the logs say `isScheduled`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Origin {
    /// A trigger, a create, a scenario, or a restart after a cancel.
    Request,
    Schedule,
}

#[derive(Debug)]
pub struct Execution {
    pub id: String,
    pub mode: ExecutionMode,
    pub origin: Origin,
    pub status: ExecutionStatus,
    pub started: Instant,
    pub ends_at: Instant,
    pub cancel_at: Option<Instant>,
    pub finished: Option<Instant>,
    pub updated: Instant,
}

impl Execution {
    /// When it ends as things stand: its cancel landing or its time running out.
    pub fn end(&self) -> Instant {
        self.cancel_at.map_or(self.ends_at, |c| c.min(self.ends_at))
    }
}

#[derive(Debug)]
pub struct Cache {
    pub project: String,
    pub id: String,
    pub catalog: String,
    pub schema: String,
    pub table: String,
    pub full_schedule: Plan,
    pub incremental_schedule: Plan,
    pub cancel_delay: Option<Duration>,
    /// Oldest first.
    pub executions: Vec<Execution>,
    pub logs: Vec<Value>,
}

/// A mode's schedule and, when it is BASIC, its next tick.
#[derive(Debug)]
pub struct Plan {
    pub schedule: Schedule,
    pub next: Option<Instant>,
}

impl Cache {
    pub fn plan(&self, mode: ExecutionMode) -> &Plan {
        match mode {
            ExecutionMode::Full => &self.full_schedule,
            ExecutionMode::Incremental => &self.incremental_schedule,
        }
    }

    pub fn plan_mut(&mut self, mode: ExecutionMode) -> &mut Plan {
        match mode {
            ExecutionMode::Full => &mut self.full_schedule,
            ExecutionMode::Incremental => &mut self.incremental_schedule,
        }
    }
}

/// Timing and behaviour knobs, from the scenario and flags.
#[derive(Debug, Clone)]
pub struct Behaviour {
    pub latency: Duration,
    pub cancel_delay: Duration,
    /// Between a trigger and its execution showing in the status.
    pub start_delay: Duration,
    pub run_for: Duration,
    pub too_late: bool,
    pub restart_after_cancel: bool,
    pub records_per_second: u64,
    /// The simulated clock runs this many times faster than the real one
    /// for schedules and execution durations.
    pub time_scale: u32,
}

/// A schedule fires at most this often in real time, so that a fast clock
/// cannot make the simulator spend its time starting executions.
pub const FASTEST_TICK: Duration = Duration::from_millis(10);

impl Behaviour {
    /// How long a simulated `span` lasts in real time.
    pub fn real(&self, span: Duration) -> Duration {
        span / self.time_scale.max(1)
    }

    /// A schedule this simulator can run: one that fires at most every
    /// [`FASTEST_TICK`] of real time at its time scale.
    pub fn check(&self, schedule: &Schedule) -> Result<(), String> {
        let Schedule::Basic { expression, every } = schedule else {
            return Ok(());
        };
        let real = self.real(*every);
        if real < FASTEST_TICK {
            return Err(format!(
                "`{expression}` at time scale {} fires every {real:?} of real time; the simulator fires a schedule at most every {FASTEST_TICK:?}",
                self.time_scale
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Default)]
pub struct Stats {
    pub connections: u64,
    pub requests: u64,
    pub by_operation: BTreeMap<&'static str, u64>,
    /// Requests being answered now, and the most at once.
    pub in_flight: u64,
    pub most_in_flight: u64,
    /// (execution id, status, unix ms) of every RUNNING → final change caused by a cancel.
    pub flips: Vec<(String, ExecutionStatus, u128)>,
}

/// A triggered execution that does not show yet.
pub struct Pending {
    pub project: String,
    pub cache: String,
    pub mode: ExecutionMode,
    pub at: Instant,
}

pub struct Backend {
    pub behaviour: Behaviour,
    pub caches: Vec<Cache>,
    pub stats: Stats,
    pub pending: Vec<Pending>,
    epoch: (Instant, SystemTime),
    next_id: u64,
}

impl Backend {
    pub fn new(scenario: &Scenario, behaviour: Behaviour, now: Instant) -> Backend {
        let mut backend = Backend {
            behaviour,
            caches: Vec::new(),
            stats: Stats::default(),
            pending: Vec::new(),
            epoch: (now, SystemTime::now()),
            next_id: 1,
        };
        for spec in &scenario.caches {
            backend.seed(spec, now);
        }
        backend
    }

    /// Adds a cache and the executions it starts with; returns its index.
    pub fn seed(&mut self, spec: &CacheSpec, now: Instant) -> usize {
        self.caches.push(Cache {
            project: spec.project.clone(),
            id: spec.id.clone(),
            catalog: spec.catalog.clone(),
            schema: spec.schema.clone(),
            table: spec.table.clone(),
            full_schedule: self.plan(&spec.full_schedule, now),
            incremental_schedule: self.plan(&spec.incremental_schedule, now),
            cancel_delay: spec.cancel_delay,
            executions: Vec::new(),
            logs: Vec::new(),
        });
        let index = self.caches.len() - 1;
        for (mode, exec) in [
            (ExecutionMode::Full, &spec.full_refresh),
            (ExecutionMode::Incremental, &spec.incremental),
        ] {
            let Some(exec) = exec else { continue };
            let run_for = exec.duration.unwrap_or(self.behaviour.run_for);
            self.start(index, mode, now, run_for, Origin::Request);
            if exec.status != ExecutionStatus::Running {
                if let Some(e) = self.caches[index].executions.last_mut() {
                    e.status = exec.status;
                    e.finished = Some(now);
                }
            }
        }
        index
    }

    /// A schedule set at `now`: its first tick is one interval later.
    pub fn plan(&self, schedule: &Schedule, now: Instant) -> Plan {
        Plan {
            schedule: schedule.clone(),
            next: schedule
                .every()
                .map(|every| now + self.behaviour.real(every)),
        }
    }

    pub fn wall_ms(&self, at: Instant) -> u128 {
        let wall = self.epoch.1 + at.saturating_duration_since(self.epoch.0);
        wall.duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis()
    }

    pub fn find(&self, project: &str, id: &str) -> Option<usize> {
        self.caches
            .iter()
            .position(|c| c.project == project && c.id == id)
    }

    pub fn new_id(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!(
            "{prefix}-{:04}-{:08x}",
            self.next_id,
            self.next_id.wrapping_mul(2_654_435_761) % 0xffff_ffff
        )
    }

    /// Starts an execution that runs for `run_for` of simulated time;
    /// returns its id.
    pub fn start(
        &mut self,
        cache: usize,
        mode: ExecutionMode,
        now: Instant,
        run_for: Duration,
        origin: Origin,
    ) -> String {
        let id = self.new_id(match mode {
            ExecutionMode::Full => "full",
            ExecutionMode::Incremental => "inc",
        });
        let action = format!("{}_STARTED", mode.as_str());
        let log = self.log(now, &action, "execution started", mode, origin);
        let ends_at = now + self.behaviour.real(run_for);
        let c = &mut self.caches[cache];
        c.executions.push(Execution {
            id: id.clone(),
            mode,
            origin,
            status: ExecutionStatus::Running,
            started: now,
            ends_at,
            cancel_at: None,
            finished: None,
            updated: now,
        });
        c.logs.push(log);
        id
    }

    pub fn running(&self, cache: usize, mode: ExecutionMode) -> Option<usize> {
        self.caches[cache]
            .executions
            .iter()
            .rposition(|e| e.mode == mode && e.status == ExecutionStatus::Running)
    }

    /// Whether a trigger of that mode waits to show.
    pub fn queued(&self, cache: usize, mode: ExecutionMode) -> bool {
        let c = &self.caches[cache];
        self.pending
            .iter()
            .any(|p| p.project == c.project && p.cache == c.id && p.mode == mode)
    }

    /// Signals a cancel: true when something of that mode was running.
    pub fn cancel(&mut self, cache: usize, mode: ExecutionMode, now: Instant) -> bool {
        let Some(index) = self.running(cache, mode) else {
            return false;
        };
        let too_late = self.behaviour.too_late;
        let action = format!("CANCEL_{}", mode.as_str());
        let log = self.log(
            now,
            &action,
            "cancellation signal sent",
            mode,
            Origin::Request,
        );
        let c = &mut self.caches[cache];
        let delay = c.cancel_delay.unwrap_or(self.behaviour.cancel_delay);
        let e = &mut c.executions[index];
        if e.cancel_at.is_none() {
            e.cancel_at = Some(now + delay);
            if too_late {
                // It completes halfway to the moment the cancel would land.
                e.ends_at = e.ends_at.min(now + delay / 2);
            }
        }
        c.logs.push(log);
        true
    }

    /// A trigger: the execution starts (and shows) after the start delay,
    /// unless one of that mode runs or is about to.
    pub fn trigger(&mut self, cache: usize, mode: ExecutionMode, now: Instant) {
        let c = &self.caches[cache];
        if self.running(cache, mode).is_none() && !self.queued(cache, mode) {
            let pending = Pending {
                project: c.project.clone(),
                cache: c.id.clone(),
                mode,
                at: now + self.behaviour.start_delay,
            };
            self.pending.push(pending);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn behaviour() -> Behaviour {
        Behaviour {
            latency: Duration::ZERO,
            cancel_delay: Duration::from_secs(2),
            start_delay: Duration::from_millis(500),
            run_for: Duration::from_secs(60),
            too_late: false,
            restart_after_cancel: false,
            records_per_second: 100,
            time_scale: 1,
        }
    }

    fn backend(behaviour: Behaviour, t0: Instant) -> Backend {
        let scenario = Scenario::parse(
            "[[caches]]\nproject = \"p\"\nid = \"c\"\ntable = \"t\"\nfull_refresh = {}\n",
        )
        .unwrap();
        Backend::new(&scenario, behaviour, t0)
    }

    fn full_status(b: &Backend, now: Instant) -> String {
        b.status_json(0, false, now)["lastFullRefreshCacheExecution"]["status"]
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn cancel_lands_after_the_delay() {
        let t0 = Instant::now();
        let mut b = backend(behaviour(), t0);
        assert!(b.cancel(0, ExecutionMode::Full, t0 + Duration::from_secs(1)));
        b.advance(t0 + Duration::from_secs(2));
        assert_eq!(full_status(&b, t0), "RUNNING");
        b.advance(t0 + Duration::from_secs(3));
        assert_eq!(full_status(&b, t0), "CANCELLED");
        assert_eq!(b.stats.flips.len(), 1);
        assert!(!b.cancel(0, ExecutionMode::Full, t0 + Duration::from_secs(4)));
        assert!(!b.cancel(0, ExecutionMode::Incremental, t0));
    }

    #[test]
    fn a_cache_can_have_its_own_cancel_delay() {
        let t0 = Instant::now();
        let scenario = Scenario::parse(
            "[[caches]]\nproject = \"p\"\nid = \"c\"\ntable = \"t\"\ncancel_delay = \"10s\"\nfull_refresh = {}\n",
        )
        .unwrap();
        let mut b = Backend::new(&scenario, behaviour(), t0);
        b.cancel(0, ExecutionMode::Full, t0);
        b.advance(t0 + Duration::from_secs(5));
        assert_eq!(full_status(&b, t0), "RUNNING");
        b.advance(t0 + Duration::from_secs(10));
        assert_eq!(full_status(&b, t0), "CANCELLED");
    }

    #[test]
    fn too_late_completes_first() {
        let t0 = Instant::now();
        let mut b = backend(
            Behaviour {
                too_late: true,
                ..behaviour()
            },
            t0,
        );
        b.cancel(0, ExecutionMode::Full, t0);
        b.advance(t0 + Duration::from_secs(5));
        assert_eq!(full_status(&b, t0), "COMPLETED");
    }

    #[test]
    fn restart_after_cancel_supersedes() {
        let t0 = Instant::now();
        let mut b = backend(
            Behaviour {
                restart_after_cancel: true,
                ..behaviour()
            },
            t0,
        );
        let first = b.caches[0].executions[0].id.clone();
        b.cancel(0, ExecutionMode::Full, t0);
        b.advance(t0 + Duration::from_secs(3));
        let status = b.status_json(0, false, t0 + Duration::from_secs(3));
        assert_eq!(status["lastFullRefreshCacheExecution"]["status"], "RUNNING");
        assert_ne!(
            status["lastFullRefreshCacheExecution"]["id"],
            first.as_str()
        );
        let history = b.history_json(0, 10, 0, t0);
        assert_eq!(history[1]["id"], first.as_str());
        assert_eq!(history[1]["status"], "CANCELLED");
    }

    #[test]
    fn completes_after_its_duration_and_counts_grow() {
        let t0 = Instant::now();
        let mut b = backend(behaviour(), t0);
        let at = |s| t0 + Duration::from_secs(s);
        let cached = |b: &Backend, s| {
            b.status_json(0, false, at(s))["lastFullRefreshCacheExecution"]["progress"]
                ["numberOfCachedRecords"]
                .as_u64()
                .unwrap()
        };
        assert!(cached(&b, 10) < cached(&b, 20));
        b.advance(at(61));
        assert_eq!(full_status(&b, at(61)), "COMPLETED");
        assert_eq!(b.status_json(0, false, at(61))["status"], "COMPLETED");
    }

    #[test]
    fn seeded_statuses_and_the_longest_run() {
        let t0 = Instant::now();
        let scenario = Scenario::parse(
            "[[caches]]\nproject = \"p\"\nid = \"c\"\ntable = \"t\"\nfull_refresh = { duration = \"100y\" }\nincremental = { status = \"FAILED\" }\nincremental_schedule = \"NONE\"\n",
        )
        .unwrap();
        let mut b = Backend::new(&scenario, behaviour(), t0);
        b.advance(t0 + Duration::from_secs(3600));
        let status = b.status_json(0, false, t0);
        assert_eq!(status["lastFullRefreshCacheExecution"]["status"], "RUNNING");
        let failed = &status["lastIncrementalCacheExecution"];
        assert_eq!(failed["status"], "FAILED");
        assert_eq!(failed["error"]["message"], "source connection lost");
    }
}
