//! The backend as the reference's JSON documents: a cache's status, its
//! execution history and settings, and the simulator's own stats.

use std::time::Instant;

use serde_json::{json, Value};

use crate::execution::{ExecutionMode, ExecutionStatus};
use crate::state::{Backend, Execution, Origin};

impl Backend {
    fn iso(&self, at: Instant) -> String {
        iso8601(self.wall_ms(at))
    }

    /// One `cacheActionLogs` entry.
    pub fn log(
        &self,
        at: Instant,
        action: &str,
        message: &str,
        mode: ExecutionMode,
        origin: Origin,
    ) -> Value {
        let scheduled = origin == Origin::Schedule;
        json!({"timestamp": self.iso(at), "action": action, "message": message, "cacheType": mode.as_str(), "isScheduled": scheduled})
    }

    fn execution_json(&self, e: &Execution, now: Instant) -> Value {
        let end = e.finished.unwrap_or(now);
        // In simulated seconds: the counters grow with the simulated clock.
        let seconds = end.saturating_duration_since(e.started).as_secs_f64()
            * f64::from(self.behaviour.time_scale);
        // Saturates: a float too large for u64 becomes u64::MAX.
        let cached = (seconds * self.behaviour.records_per_second as f64) as u64;
        let share = |percent: u64| cached / 100 * percent + cached % 100 * percent / 100;
        let running = e.status == ExecutionStatus::Running;
        let updated = if running { now } else { e.updated };
        let failed = e.status == ExecutionStatus::Failed;
        json!({
            "id": e.id,
            "executionMode": e.mode.as_str(),
            "status": e.status,
            "error": if failed { json!({"message": "source connection lost"}) } else { Value::Null },
            "progress": {
                "numberOfCachedRecords": cached,
                "numberOfInsertedRecords": share(80),
                "numberOfUpdatedRecords": share(15),
                "numberOfDeletedRecords": share(5),
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
        let last = |mode| c.executions.iter().rev().find(|e| e.mode == mode);
        let top = if c
            .executions
            .iter()
            .any(|e| e.status == ExecutionStatus::Running)
        {
            ExecutionStatus::Running.as_str()
        } else {
            c.executions
                .iter()
                .max_by_key(|e| e.started)
                .map_or("NOT_INITIALIZED", |e| e.status.as_str())
        };
        let mut status = json!({
            "id": c.id,
            "projectId": c.project,
            "catalogId": c.catalog,
            "schemaName": c.schema,
            "tableName": c.table,
            "status": top,
        });
        for (field, mode) in [
            ("lastIncrementalCacheExecution", ExecutionMode::Incremental),
            ("lastFullRefreshCacheExecution", ExecutionMode::Full),
        ] {
            if let Some(e) = last(mode) {
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
            "fullRefreshCacheSchedule": c.full_schedule.schedule.to_json(),
            "incrementalCacheSchedule": c.incremental_schedule.schedule.to_json(),
        })
    }

    pub fn stats_json(&self) -> Value {
        let flips: Vec<Value> = self
            .stats
            .flips
            .iter()
            .map(|(id, status, ms)| json!({"executionId": id, "status": status, "unixMs": ms}))
            .collect();
        json!({
            "connections": self.stats.connections,
            "requests": self.stats.requests,
            "mostInFlight": self.stats.most_in_flight,
            "byOperation": self.stats.by_operation,
            "flips": flips,
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

    #[test]
    fn iso_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601(1_795_000_000_123), "2026-11-18T11:06:40.123Z");
    }
}
