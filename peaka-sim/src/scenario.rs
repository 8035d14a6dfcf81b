//! Scenario files: the keys, caches, running executions, timing and faults a
//! simulator starts with. Unknown keys are errors.

use std::time::Duration;

use serde::Deserialize;

/// Used when no scenario file is given: the demo.
pub const DEFAULT: &str = include_str!("../scenarios/demo.toml");

#[derive(Deserialize, Debug, Default, Clone)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Added to every answer, e.g. "20ms".
    pub latency: Option<String>,
    /// How long after a cancel the execution turns CANCELLED, e.g. "3s".
    pub cancel_delay: Option<String>,
    /// How long after a trigger the new execution shows, e.g. "500ms".
    pub start_delay: Option<String>,
    /// The execution completes before a cancel can land.
    #[serde(default)]
    pub too_late: bool,
    /// A new execution of the same kind starts right after a cancel lands.
    #[serde(default)]
    pub restart_after_cancel: bool,
    /// How fast progress counters grow.
    pub records_per_second: Option<u64>,
    #[serde(default)]
    pub keys: Vec<KeySpec>,
    #[serde(default)]
    pub caches: Vec<CacheSpec>,
    #[serde(default)]
    pub faults: Vec<FaultSpec>,
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
    pub full_refresh: Option<ExecSpec>,
    pub incremental: Option<ExecSpec>,
    /// This cache's own delay before a cancel lands, overriding the global one.
    pub cancel_delay: Option<String>,
}

fn default_catalog() -> String {
    "catalog1".into()
}

fn default_schema() -> String {
    "public".into()
}

/// An execution the cache starts with.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct ExecSpec {
    /// RUNNING (the default), COMPLETED, FAILED or CANCELLED.
    #[serde(default = "running")]
    pub status: String,
    /// How long a RUNNING execution runs before it completes.
    pub duration: Option<String>,
}

fn running() -> String {
    "RUNNING".into()
}

#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// An operationId of the reference (e.g. "cancelFullRefreshCache",
    /// "getCacheStatus") or "*" for every endpoint.
    pub endpoint: String,
    /// "status" (answer `status`), "drop" (close the connection), "stall"
    /// (answer after `stall`), "html" (an HTML error page), "garbage" (200
    /// with a body that is not JSON).
    pub kind: String,
    pub status: Option<u16>,
    /// Only the first `count` matching requests; all of them when absent.
    pub count: Option<u32>,
    /// Sent as Retry-After, in seconds.
    pub retry_after: Option<u64>,
    pub stall: Option<String>,
}

impl FaultSpec {
    /// A fault from `--fault`: `endpoint=NAME,kind=KIND[,status=N][,count=N][,retry_after=S][,stall=D]`.
    pub fn parse_flag(text: &str) -> Result<FaultSpec, String> {
        let mut fault = FaultSpec {
            endpoint: String::new(),
            kind: String::new(),
            status: None,
            count: None,
            retry_after: None,
            stall: None,
        };
        for pair in text.split(',') {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("`{pair}` in --fault is not KEY=VALUE"))?;
            let number = |v: &str| {
                v.parse::<u64>()
                    .map_err(|_| format!("`{v}` is not a number"))
            };
            match key.trim() {
                "endpoint" => fault.endpoint = value.to_string(),
                "kind" => fault.kind = value.to_string(),
                "status" => fault.status = Some(number(value)? as u16),
                "count" => fault.count = Some(number(value)? as u32),
                "retry_after" => fault.retry_after = Some(number(value)?),
                "stall" => fault.stall = Some(value.to_string()),
                other => return Err(format!("unknown --fault key `{other}`")),
            }
        }
        if fault.endpoint.is_empty() || !KINDS.contains(&fault.kind.as_str()) {
            return Err(format!(
                "--fault needs endpoint= and kind= (one of {})",
                KINDS.join(", ")
            ));
        }
        Ok(fault)
    }
}

pub const KINDS: [&str; 5] = ["status", "drop", "stall", "html", "garbage"];

impl Scenario {
    pub fn parse(text: &str) -> Result<Scenario, String> {
        let scenario: Scenario = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if let Some(bad) = scenario
            .faults
            .iter()
            .find(|f| !KINDS.contains(&f.kind.as_str()))
        {
            return Err(format!(
                "unknown fault kind `{}`: use one of {}",
                bad.kind,
                KINDS.join(", ")
            ));
        }
        Ok(scenario)
    }
}

/// "250ms", "3s", "2m", "1h".
/// `250ms`, `3s`, `10m`, `1m30s`: humantime's syntax, as peaka's own flags.
pub fn duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    humantime::parse_duration(text).map_err(|e| format!("bad duration `{text}`: {e}"))
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
            let scenario =
                Scenario::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for fault in &scenario.faults {
                assert!(
                    ["status", "drop", "stall", "html", "garbage"].contains(&fault.kind.as_str())
                );
            }
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

    #[test]
    fn durations_and_unknown_keys() {
        assert_eq!(duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(duration("1m30s"), Ok(Duration::from_secs(90)));
        assert!(duration("2").is_err());
        assert!(Scenario::parse("lateny = \"1s\"").is_err());
        assert!(Scenario::parse("[[faults]]\nendpoint = \"*\"\nkind = \"boom\"").is_err());
    }

    #[test]
    fn faults_from_flags() {
        let f = FaultSpec::parse_flag(
            "endpoint=getCacheStatus,kind=status,status=429,count=1,retry_after=2",
        )
        .unwrap();
        assert_eq!(
            (f.status, f.count, f.retry_after),
            (Some(429), Some(1), Some(2))
        );
        assert!(FaultSpec::parse_flag("endpoint=x").is_err());
        assert!(FaultSpec::parse_flag("endpoint=x,kind=drop,colour=red").is_err());
    }
}
