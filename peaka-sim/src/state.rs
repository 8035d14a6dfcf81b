//! The simulated backend: caches and their executions, advanced lazily to
//! the time of each request, so every state change happens at an exact
//! instant. How it reads as JSON is in `render`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::execution::{ExecutionMode, ExecutionStatus};
use crate::scenario::{CacheSpec, Scenario};

#[derive(Debug)]
pub struct Execution {
    pub id: String,
    pub mode: ExecutionMode,
    pub status: ExecutionStatus,
    pub started: Instant,
    ends_at: Instant,
    cancel_at: Option<Instant>,
    pub finished: Option<Instant>,
    pub updated: Instant,
}

#[derive(Debug)]
pub struct Cache {
    pub project: String,
    pub id: String,
    pub catalog: String,
    pub schema: String,
    pub table: String,
    pub full_schedule: Value,
    pub incremental_schedule: Value,
    cancel_delay: Option<Duration>,
    /// Oldest first.
    pub executions: Vec<Execution>,
    pub logs: Vec<Value>,
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
struct Pending {
    project: String,
    cache: String,
    mode: ExecutionMode,
    at: Instant,
}

pub struct Backend {
    pub behaviour: Behaviour,
    pub caches: Vec<Cache>,
    pub stats: Stats,
    pending: Vec<Pending>,
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
            full_schedule: json!({"type": "BASIC", "expression": "P1D"}),
            incremental_schedule: json!({"type": "BASIC", "expression": "PT15M"}),
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
            self.start(index, mode, now, run_for);
            if exec.status != ExecutionStatus::Running {
                if let Some(e) = self.caches[index].executions.last_mut() {
                    e.status = exec.status;
                    e.finished = Some(now);
                }
            }
        }
        index
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

    /// Starts an execution; returns its id.
    pub fn start(
        &mut self,
        cache: usize,
        mode: ExecutionMode,
        now: Instant,
        run_for: Duration,
    ) -> String {
        let id = self.new_id(match mode {
            ExecutionMode::Full => "full",
            ExecutionMode::Incremental => "inc",
        });
        let action = format!("{}_STARTED", mode.as_str());
        let log = self.log(now, &action, "execution started", mode);
        let c = &mut self.caches[cache];
        c.executions.push(Execution {
            id: id.clone(),
            mode,
            status: ExecutionStatus::Running,
            started: now,
            ends_at: now + run_for,
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

    /// Signals a cancel: true when something of that mode was running.
    pub fn cancel(&mut self, cache: usize, mode: ExecutionMode, now: Instant) -> bool {
        let Some(index) = self.running(cache, mode) else {
            return false;
        };
        let too_late = self.behaviour.too_late;
        let action = format!("CANCEL_{}", mode.as_str());
        let log = self.log(now, &action, "cancellation signal sent", mode);
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
        let queued = self
            .pending
            .iter()
            .any(|p| p.project == c.project && p.cache == c.id && p.mode == mode);
        if self.running(cache, mode).is_none() && !queued {
            let pending = Pending {
                project: c.project.clone(),
                cache: c.id.clone(),
                mode,
                at: now + self.behaviour.start_delay,
            };
            self.pending.push(pending);
        }
    }

    /// Brings every execution up to `now`.
    pub fn advance(&mut self, now: Instant) {
        let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|p| p.at <= now);
        self.pending = later;
        for p in due {
            if let Some(cache) = self.find(&p.project, &p.cache) {
                let run_for = self.behaviour.run_for;
                self.start(cache, p.mode, p.at, run_for);
            }
        }
        for cache in 0..self.caches.len() {
            let mut restarts = Vec::new();
            for i in 0..self.caches[cache].executions.len() {
                if let Some((mode, at)) = self.settle(cache, i, now) {
                    restarts.push((mode, at));
                }
            }
            for (mode, at) in restarts {
                let run_for = self.behaviour.run_for;
                self.start(cache, mode, at, run_for);
            }
        }
    }

    /// Ends execution `i` if its cancel landed or its time ran out by `now`;
    /// returns what to restart when a cancel makes a new one start.
    fn settle(&mut self, cache: usize, i: usize, now: Instant) -> Option<(ExecutionMode, Instant)> {
        let e = &self.caches[cache].executions[i];
        if e.status != ExecutionStatus::Running {
            return None;
        }
        let (id, mode, ends_at, cancel_at) = (e.id.clone(), e.mode, e.ends_at, e.cancel_at);
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
        let log = self.log(at, &action, "execution ended", mode);
        let e = &mut self.caches[cache].executions[i];
        e.status = status;
        e.finished = Some(at);
        e.updated = at;
        self.caches[cache].logs.push(log);
        let restart = status == ExecutionStatus::Cancelled && self.behaviour.restart_after_cancel;
        restart.then_some((mode, at))
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
            "[[caches]]\nproject = \"p\"\nid = \"c\"\ntable = \"t\"\nfull_refresh = { duration = \"100y\" }\nincremental = { status = \"FAILED\" }\n",
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
