//! Scenario files: the keys, caches, running executions, timing and faults a
//! simulator starts with. Every value is typed as it is read: an unknown key,
//! a bad duration or an unknown status is an error naming it.

use std::collections::BTreeSet;
use std::time::Duration;

use serde::{Deserialize, Deserializer};

use crate::durations;
use crate::execution::ExecutionStatus;
use crate::faults::Fault;
use crate::schedule::Schedule;

/// Used when no scenario file is given: the demo.
pub const DEFAULT: &str = include_str!("../scenarios/demo.toml");

#[derive(Deserialize, Debug, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Added to every answer, e.g. "20ms".
    #[serde(default, deserialize_with = "optional_duration")]
    pub latency: Option<Duration>,
    /// How long after a cancel the execution turns CANCELLED, e.g. "3s".
    #[serde(default, deserialize_with = "optional_duration")]
    pub cancel_delay: Option<Duration>,
    /// How long after a trigger the new execution shows, e.g. "500ms".
    #[serde(default, deserialize_with = "optional_duration")]
    pub start_delay: Option<Duration>,
    /// The execution completes before a cancel can land.
    #[serde(default)]
    pub too_late: bool,
    /// A new execution of the same mode starts right after a cancel lands.
    #[serde(default)]
    pub restart_after_cancel: bool,
    /// How fast progress counters grow, per simulated second.
    pub records_per_second: Option<u64>,
    /// The simulated clock runs this many times faster, e.g. 900.
    #[serde(default, deserialize_with = "optional_time_scale")]
    pub time_scale: Option<u32>,
    #[serde(default)]
    pub keys: Vec<KeySpec>,
    #[serde(default)]
    pub caches: Vec<CacheSpec>,
    #[serde(default)]
    pub faults: Vec<Fault>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct KeySpec {
    pub key: String,
    /// A project key reaches only this project; without it, a partner key.
    pub project: Option<String>,
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CacheSpec {
    pub project: String,
    pub id: String,
    #[serde(default = "default_catalog")]
    pub catalog: String,
    #[serde(default = "default_schema")]
    pub schema: String,
    pub table: String,
    pub full_refresh: Option<ExecutionSpec>,
    pub incremental: Option<ExecutionSpec>,
    /// This cache's own delay before a cancel lands, overriding the global one.
    #[serde(default, deserialize_with = "optional_duration")]
    pub cancel_delay: Option<Duration>,
    /// "PT15M" or "NONE"; every day when not given.
    #[serde(default = "every_day")]
    pub full_schedule: Schedule,
    /// "PT15M" or "NONE"; every 15 minutes when not given.
    #[serde(default = "every_15_minutes")]
    pub incremental_schedule: Schedule,
}

fn every_day() -> Schedule {
    let (expression, every) = ("P1D".into(), Duration::from_secs(86_400));
    Schedule::Basic { expression, every }
}

fn every_15_minutes() -> Schedule {
    let (expression, every) = ("PT15M".into(), Duration::from_secs(900));
    Schedule::Basic { expression, every }
}

fn default_catalog() -> String {
    "catalog1".into()
}

fn default_schema() -> String {
    "public".into()
}

/// An execution the cache starts with.
#[derive(Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct ExecutionSpec {
    /// RUNNING (the default), COMPLETED, FAILED or CANCELLED.
    #[serde(default)]
    pub status: ExecutionStatus,
    /// How long a RUNNING execution runs before it completes.
    #[serde(default, deserialize_with = "optional_duration")]
    pub duration: Option<Duration>,
}

impl Scenario {
    pub fn parse(text: &str) -> Result<Scenario, String> {
        let scenario: Scenario = toml::from_str(text).map_err(|e| located(text, &e))?;
        scenario.check()?;
        Ok(scenario)
    }

    /// What the types alone cannot say: one cache per id in a project, and
    /// a duration only where something runs.
    fn check(&self) -> Result<(), String> {
        let mut seen = BTreeSet::new();
        for cache in &self.caches {
            if !seen.insert((&cache.project, &cache.id)) {
                return Err(format!(
                    "cache `{}` appears twice in project `{}`",
                    cache.id, cache.project
                ));
            }
            for (name, spec) in [
                ("full_refresh", &cache.full_refresh),
                ("incremental", &cache.incremental),
            ] {
                let Some(spec) = spec else { continue };
                if spec.duration.is_some() && spec.status != ExecutionStatus::Running {
                    return Err(format!(
                        "cache `{}`: {name} has a duration but is {}; only a RUNNING execution runs",
                        cache.id,
                        spec.status.as_str()
                    ));
                }
            }
        }
        Ok(())
    }
}

/// toml's message with the line it is about.
fn located(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim_end();
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message.to_string(),
    }
}

/// A scenario's optional time scale, read with [`durations::checked_time_scale`].
fn optional_time_scale<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Option::<u64>::deserialize(d)?
        .map(|n| durations::checked_time_scale(n).map_err(serde::de::Error::custom))
        .transpose()
}

/// A scenario's optional duration, read with [`durations::parse`].
fn optional_duration<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|text| durations::parse(&text).map_err(serde::de::Error::custom))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_scenario_parses() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            Scenario::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            seen += 1;
        }
        assert!(seen >= 4);
    }

    #[test]
    fn the_readme_example_parses() {
        let readme =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/simulator.md"))
                .unwrap();
        let start = readme.find("A scenario file").unwrap();
        let block = readme[start..].split("```toml\n").nth(1).unwrap();
        let example = block.split("```").next().unwrap();
        let scenario = Scenario::parse(example).unwrap();
        assert_eq!(
            (
                scenario.keys.len(),
                scenario.caches.len(),
                scenario.faults.len()
            ),
            (2, 1, 1)
        );
    }

    fn error(text: &str) -> String {
        Scenario::parse(text).unwrap_err()
    }

    const CACHE: &str = "[[caches]]\nproject = \"p\"\nid = \"c\"\ntable = \"t\"\n";

    #[test]
    fn bad_values_are_errors_naming_them() {
        assert!(error("lateny = \"1s\"").contains("lateny"));
        let e = error("\n\ncancel_delay = \"soon\"");
        assert!(e.contains("`soon`") && e.starts_with("line 3:"), "{e}");
        let e = error("start_delay = \"300000000000y\"");
        assert!(e.contains("300000000000y"), "{e}");
        let e = error(&format!("{CACHE}full_refresh = {{ status = \"DONE\" }}"));
        assert!(e.contains("DONE") && e.contains("RUNNING"), "{e}");
        let e = error(&format!("{CACHE}incremental = {{ duration = \"1x\" }}"));
        assert!(e.contains("`1x`"), "{e}");
        let e = error(&format!("{CACHE}cancel_delay = \"-1s\""));
        assert!(e.contains("`-1s`"), "{e}");
        let e = error(&format!(
            "{CACHE}full_refresh = {{ status = \"COMPLETED\", duration = \"1m\" }}"
        ));
        assert!(e.contains("COMPLETED") && e.contains("duration"), "{e}");
        let e = error(&format!("{CACHE}\n{CACHE}"));
        assert!(e.contains("`c`") && e.contains("twice"), "{e}");
    }

    #[test]
    fn statuses_and_durations_are_read_typed() {
        let s = Scenario::parse(&format!(
            "latency = \"20ms\"\n{CACHE}cancel_delay = \"5s\"\nfull_refresh = {{ duration = \"1h\" }}\nincremental = {{ status = \"FAILED\" }}"
        ))
        .unwrap();
        assert_eq!(s.latency, Some(Duration::from_millis(20)));
        let cache = &s.caches[0];
        assert_eq!(cache.cancel_delay, Some(Duration::from_secs(5)));
        let full = cache.full_refresh.as_ref().unwrap();
        assert_eq!(full.status, ExecutionStatus::Running);
        assert_eq!(full.duration, Some(Duration::from_secs(3600)));
        let incremental = cache.incremental.as_ref().unwrap();
        assert_eq!(incremental.status, ExecutionStatus::Failed);
    }
}
