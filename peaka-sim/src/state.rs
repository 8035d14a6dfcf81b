//! The simulated world: caches and their executions, advanced lazily to the
//! time of each request, so every state change happens at an exact instant.

use std::collections::BTreeMap;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use crate::scenario::{self, CacheSpec, Scenario};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Full,
    Incremental,
}

impl Kind {
    pub fn mode(self) -> &'static str {
        match self {
            Kind::Full => "FULL_REFRESH",
            Kind::Incremental => "INCREMENTAL",
        }
    }
}

#[derive(Debug)]
pub struct Execution {
    pub id: String,
    pub kind: Kind,
    pub status: String,
    started: Instant,
    ends_at: Instant,
    cancel_at: Option<Instant>,
    finished: Option<Instant>,
    updated: Instant,
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
    executions: Vec<Execution>,
    logs: Vec<Value>,
}

/// Timing and behaviour knobs, from the scenario and flags.
#[derive(Debug, Clone)]
pub struct Options {
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
    pub by_operation: BTreeMap<String, u64>,
    /// Requests being answered now, and the most at once.
    pub in_flight: u64,
    pub most_in_flight: u64,
    /// (execution id, status, unix ms) of every RUNNING → final change caused by a cancel.
    pub flips: Vec<(String, String, u128)>,
}

pub struct World {
    pub options: Options,
    pub caches: Vec<Cache>,
    pub stats: Stats,
    /// Triggered executions not started yet: (project, cache id, kind, when).
    pending: Vec<(String, String, Kind, Instant)>,
    epoch: (Instant, SystemTime),
    next_id: u64,
}

impl World {
    pub fn new(scenario: &Scenario, options: Options, now: Instant) -> Result<World, String> {
        let mut world = World {
            options,
            caches: Vec::new(),
            stats: Stats::default(),
            pending: Vec::new(),
            epoch: (now, SystemTime::now()),
            next_id: 1,
        };
        for spec in &scenario.caches {
            world.seed(spec, now)?;
        }
        Ok(world)
    }

    /// Adds a cache and the executions it starts with; returns its index.
    pub fn seed(&mut self, spec: &CacheSpec, now: Instant) -> Result<usize, String> {
        let cancel_delay = spec
            .cancel_delay
            .as_deref()
            .map(scenario::duration)
            .transpose()?;
        self.caches.push(Cache {
            project: spec.project.clone(),
            id: spec.id.clone(),
            catalog: spec.catalog.clone(),
            schema: spec.schema.clone(),
            table: spec.table.clone(),
            full_schedule: json!({"type": "BASIC", "expression": "P1D"}),
            incremental_schedule: json!({"type": "BASIC", "expression": "PT15M"}),
            cancel_delay,
            executions: Vec::new(),
            logs: Vec::new(),
        });
        let index = self.caches.len() - 1;
        for (kind, exec) in [
            (Kind::Full, &spec.full_refresh),
            (Kind::Incremental, &spec.incremental),
        ] {
            let Some(exec) = exec else { continue };
            let run_for = match &exec.duration {
                Some(d) => scenario::duration(d)?,
                None => self.options.run_for,
            };
            let id = self.start(index, kind, now, run_for);
            if exec.status != "RUNNING" {
                let e = self.caches[index]
                    .executions
                    .iter_mut()
                    .find(|e| e.id == id);
                if let Some(e) = e {
                    e.status = exec.status.clone();
                    e.finished = Some(now);
                }
            }
        }
        Ok(index)
    }

    pub fn wall_ms(&self, at: Instant) -> u128 {
        let wall = self.epoch.1 + at.saturating_duration_since(self.epoch.0);
        wall.duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis()
    }

    fn iso(&self, at: Instant) -> String {
        iso8601(self.wall_ms(at))
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
            self.next_id * 2_654_435_761 % 0xffff_ffff
        )
    }

    /// Starts an execution; returns its id.
    pub fn start(&mut self, cache: usize, kind: Kind, now: Instant, run_for: Duration) -> String {
        let id = self.new_id(if kind == Kind::Full { "full" } else { "inc" });
        let log = self.log(
            now,
            &format!("{}_STARTED", kind.mode()),
            "execution started",
            kind,
        );
        let c = &mut self.caches[cache];
        c.executions.push(Execution {
            id: id.clone(),
            kind,
            status: "RUNNING".into(),
            started: now,
            ends_at: now + run_for,
            cancel_at: None,
            finished: None,
            updated: now,
        });
        c.logs.push(log);
        id
    }

    fn log(&self, at: Instant, action: &str, message: &str, kind: Kind) -> Value {
        json!({"timestamp": self.iso(at), "action": action, "message": message, "cacheType": kind.mode(), "isScheduled": false})
    }

    pub fn running(&self, cache: usize, kind: Kind) -> Option<usize> {
        self.caches[cache]
            .executions
            .iter()
            .rposition(|e| e.kind == kind && e.status == "RUNNING")
    }

    /// Signals a cancel: true when something of that kind was running.
    pub fn cancel(&mut self, cache: usize, kind: Kind, now: Instant) -> bool {
        let Some(index) = self.running(cache, kind) else {
            return false;
        };
        let too_late = self.options.too_late;
        let log = self.log(
            now,
            &format!("CANCEL_{}", kind.mode()),
            "cancellation signal sent",
            kind,
        );
        let c = &mut self.caches[cache];
        let delay = c.cancel_delay.unwrap_or(self.options.cancel_delay);
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
    /// unless one of that kind runs or is about to.
    pub fn trigger(&mut self, cache: usize, kind: Kind, now: Instant) {
        let c = &self.caches[cache];
        let (project, id) = (c.project.clone(), c.id.clone());
        let queued = self
            .pending
            .iter()
            .any(|(p, i, k, _)| *p == project && *i == id && *k == kind);
        if self.running(cache, kind).is_none() && !queued {
            let at = now + self.options.start_delay;
            self.pending.push((project, id, kind, at));
        }
    }

    /// Brings every execution up to `now`.
    pub fn advance(&mut self, now: Instant) {
        let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|(_, _, _, at)| *at <= now);
        self.pending = later;
        for (project, id, kind, at) in due {
            if let Some(cache) = self.find(&project, &id) {
                let run_for = self.options.run_for;
                self.start(cache, kind, at, run_for);
            }
        }
        for cache in 0..self.caches.len() {
            let mut restarts = Vec::new();
            for i in 0..self.caches[cache].executions.len() {
                let e = &self.caches[cache].executions[i];
                if e.status != "RUNNING" {
                    continue;
                }
                let (id, kind, ends_at, cancel_at) = (e.id.clone(), e.kind, e.ends_at, e.cancel_at);
                let cancel_lands = cancel_at.filter(|&at| at <= now && at < ends_at);
                let (status, at) = if let Some(at) = cancel_lands {
                    ("CANCELLED", at)
                } else if ends_at <= now {
                    ("COMPLETED", ends_at)
                } else {
                    continue;
                };
                if cancel_at.is_some() {
                    self.stats
                        .flips
                        .push((id, status.to_string(), self.wall_ms(at)));
                }
                let log = self.log(
                    at,
                    &format!("{}_{status}", kind.mode()),
                    "execution ended",
                    kind,
                );
                let e = &mut self.caches[cache].executions[i];
                e.status = status.to_string();
                e.finished = Some(at);
                e.updated = at;
                self.caches[cache].logs.push(log);
                if status == "CANCELLED" && self.options.restart_after_cancel {
                    restarts.push((kind, at));
                }
            }
            for (kind, at) in restarts {
                let run_for = self.options.run_for;
                self.start(cache, kind, at, run_for);
            }
        }
    }

    fn execution_json(&self, e: &Execution, now: Instant) -> Value {
        let end = e.finished.unwrap_or(now);
        let seconds = end.saturating_duration_since(e.started).as_secs_f64();
        let cached = (seconds * self.options.records_per_second as f64) as u64;
        let updated = if e.status == "RUNNING" {
            now
        } else {
            e.updated
        };
        json!({
            "id": e.id,
            "executionMode": e.kind.mode(),
            "status": e.status,
            "error": if e.status == "FAILED" { json!({"message": "source connection lost"}) } else { Value::Null },
            "progress": {
                "numberOfCachedRecords": cached,
                "numberOfInsertedRecords": cached * 8 / 10,
                "numberOfUpdatedRecords": cached * 15 / 100,
                "numberOfDeletedRecords": cached / 20,
                "lastOffset": cached.to_string(),
                "lastCacheTxId": format!("tx-{cached}"),
            },
            "createdAt": self.iso(e.started),
            "updatedAt": self.iso(updated),
            "finishedAt": e.finished.map(|f| self.iso(f)),
        })
    }

    pub fn status_json(&self, cache: usize, logs: bool, now: Instant) -> Value {
        let c = &self.caches[cache];
        let last = |kind| c.executions.iter().rev().find(|e| e.kind == kind);
        let top = if c.executions.iter().any(|e| e.status == "RUNNING") {
            "RUNNING".to_string()
        } else {
            c.executions
                .iter()
                .max_by_key(|e| e.started)
                .map_or("NOT_INITIALIZED".to_string(), |e| e.status.clone())
        };
        let mut status = json!({
            "id": c.id,
            "projectId": c.project,
            "catalogId": c.catalog,
            "schemaName": c.schema,
            "tableName": c.table,
            "status": top,
        });
        for (field, kind) in [
            ("lastIncrementalCacheExecution", Kind::Incremental),
            ("lastFullRefreshCacheExecution", Kind::Full),
        ] {
            if let Some(e) = last(kind) {
                status[field] = self.execution_json(e, now);
            }
        }
        if logs {
            status["cacheActionLogs"] = Value::Array(c.logs.clone());
        }
        status
    }

    pub fn history_json(&self, cache: usize, limit: usize, offset: usize, now: Instant) -> Value {
        let c = &self.caches[cache];
        let page: Vec<Value> = c
            .executions
            .iter()
            .rev()
            .skip(offset)
            .take(limit)
            .map(|e| self.execution_json(e, now))
            .collect();
        Value::Array(page)
    }

    pub fn settings_json(&self, cache: usize) -> Value {
        let c = &self.caches[cache];
        json!({
            "id": c.id,
            "projectId": c.project,
            "catalogId": c.catalog,
            "schemaName": c.schema,
            "tableName": c.table,
            "fullRefreshCacheSchedule": c.full_schedule,
            "incrementalCacheSchedule": c.incremental_schedule,
        })
    }

    pub fn stats_json(&self) -> Value {
        json!({
            "connections": self.stats.connections,
            "requests": self.stats.requests,
            "mostInFlight": self.stats.most_in_flight,
            "byOperation": self.stats.by_operation,
            "flips": self.stats.flips.iter().map(|(id, status, ms)| json!({"executionId": id, "status": status, "unixMs": ms})).collect::<Vec<_>>(),
        })
    }
}

/// Unix milliseconds as `2026-11-29T10:00:00.123Z` (civil-from-days).
pub fn iso8601(unix_ms: u128) -> String {
    let secs = (unix_ms / 1000) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        unix_ms % 1000
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            latency: Duration::ZERO,
            cancel_delay: Duration::from_secs(2),
            start_delay: Duration::from_millis(500),
            run_for: Duration::from_secs(60),
            too_late: false,
            restart_after_cancel: false,
            records_per_second: 100,
        }
    }

    fn world(options: Options, t0: Instant) -> World {
        let scenario = Scenario::parse(
            "[[caches]]\nproject = \"p\"\nid = \"c\"\ntable = \"t\"\nfull_refresh = {}\n",
        )
        .unwrap();
        World::new(&scenario, options, t0).unwrap()
    }

    fn full_status(w: &World, now: Instant) -> String {
        w.status_json(0, false, now)["lastFullRefreshCacheExecution"]["status"]
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn cancel_lands_after_the_delay() {
        let t0 = Instant::now();
        let mut w = world(options(), t0);
        assert!(w.cancel(0, Kind::Full, t0 + Duration::from_secs(1)));
        w.advance(t0 + Duration::from_secs(2));
        assert_eq!(full_status(&w, t0), "RUNNING");
        w.advance(t0 + Duration::from_secs(3));
        assert_eq!(full_status(&w, t0), "CANCELLED");
        assert_eq!(w.stats.flips.len(), 1);
        assert!(!w.cancel(0, Kind::Full, t0 + Duration::from_secs(4)));
        assert!(!w.cancel(0, Kind::Incremental, t0));
    }

    #[test]
    fn a_cache_can_have_its_own_cancel_delay() {
        let t0 = Instant::now();
        let scenario = Scenario::parse(
            "[[caches]]\nproject = \"p\"\nid = \"c\"\ntable = \"t\"\ncancel_delay = \"10s\"\nfull_refresh = {}\n",
        )
        .unwrap();
        let mut w = World::new(&scenario, options(), t0).unwrap();
        w.cancel(0, Kind::Full, t0);
        w.advance(t0 + Duration::from_secs(5));
        assert_eq!(full_status(&w, t0), "RUNNING");
        w.advance(t0 + Duration::from_secs(10));
        assert_eq!(full_status(&w, t0), "CANCELLED");
    }

    #[test]
    fn too_late_completes_first() {
        let t0 = Instant::now();
        let mut w = world(
            Options {
                too_late: true,
                ..options()
            },
            t0,
        );
        w.cancel(0, Kind::Full, t0);
        w.advance(t0 + Duration::from_secs(5));
        assert_eq!(full_status(&w, t0), "COMPLETED");
    }

    #[test]
    fn restart_after_cancel_supersedes() {
        let t0 = Instant::now();
        let mut w = world(
            Options {
                restart_after_cancel: true,
                ..options()
            },
            t0,
        );
        let first = w.caches[0].executions[0].id.clone();
        w.cancel(0, Kind::Full, t0);
        w.advance(t0 + Duration::from_secs(3));
        let status = w.status_json(0, false, t0 + Duration::from_secs(3));
        assert_eq!(status["lastFullRefreshCacheExecution"]["status"], "RUNNING");
        assert_ne!(
            status["lastFullRefreshCacheExecution"]["id"],
            first.as_str()
        );
        let history = w.history_json(0, 10, 0, t0);
        assert_eq!(history[1]["id"], first.as_str());
        assert_eq!(history[1]["status"], "CANCELLED");
    }

    #[test]
    fn completes_after_its_duration_and_counts_grow() {
        let t0 = Instant::now();
        let mut w = world(options(), t0);
        let at = |s| t0 + Duration::from_secs(s);
        let cached = |w: &World, s| {
            w.status_json(0, false, at(s))["lastFullRefreshCacheExecution"]["progress"]
                ["numberOfCachedRecords"]
                .as_u64()
                .unwrap()
        };
        assert!(cached(&w, 10) < cached(&w, 20));
        w.advance(at(61));
        assert_eq!(full_status(&w, at(61)), "COMPLETED");
        assert_eq!(w.status_json(0, false, at(61))["status"], "COMPLETED");
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(1_795_000_000_123), "2026-11-18T11:06:40.123Z");
    }
}
