//! Injected faults, from a scenario's `[[faults]]` or `--fault`: which
//! requests they hit, how often, and how they answer. Each kind takes only
//! the keys it uses; anything else is an error naming it.

use std::str::FromStr;
use std::time::Duration;

use serde::Deserialize;
use serde_json::json;

use crate::durations;
use crate::http::{Reply, Response};
use crate::routes::Operation;

/// The requests a fault hits.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(try_from = "String")]
pub enum FaultTarget {
    /// `*`: every operation.
    Every,
    Only(Operation),
}

impl FaultTarget {
    pub fn hits(self, operation: Operation) -> bool {
        self == FaultTarget::Every || self == FaultTarget::Only(operation)
    }
}

impl FromStr for FaultTarget {
    type Err = String;
    fn from_str(text: &str) -> Result<FaultTarget, String> {
        match text {
            "*" => Ok(FaultTarget::Every),
            _ => Operation::from_str(text).map(FaultTarget::Only),
        }
    }
}

impl TryFrom<String> for FaultTarget {
    type Error = String;
    fn try_from(text: String) -> Result<FaultTarget, String> {
        text.parse()
    }
}

/// How a fault answers, as its `kind` names it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(try_from = "String")]
pub enum FaultKind {
    Status,
    Drop,
    Stall,
    Html,
    Garbage,
}

impl FaultKind {
    const ALL: [(FaultKind, &'static str); 5] = [
        (FaultKind::Status, "status"),
        (FaultKind::Drop, "drop"),
        (FaultKind::Stall, "stall"),
        (FaultKind::Html, "html"),
        (FaultKind::Garbage, "garbage"),
    ];

    fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(kind, _)| *kind == self)
            .map_or("", |(_, name)| name)
    }
}

impl TryFrom<String> for FaultKind {
    type Error = String;
    fn try_from(text: String) -> Result<FaultKind, String> {
        text.parse()
    }
}

impl FromStr for FaultKind {
    type Err = String;
    fn from_str(text: &str) -> Result<FaultKind, String> {
        let names: Vec<&str> = Self::ALL.iter().map(|(_, name)| *name).collect();
        Self::ALL
            .iter()
            .find(|(_, name)| *name == text)
            .map(|(kind, _)| *kind)
            .ok_or_else(|| {
                format!(
                    "unknown fault kind `{text}`: use one of {}",
                    names.join(", ")
                )
            })
    }
}

/// A status a fault answers with: a final HTTP status, 200 to 599.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(try_from = "i64")]
pub struct HttpStatus(u16);

impl HttpStatus {
    const SERVICE_UNAVAILABLE: HttpStatus = HttpStatus(503);

    pub fn code(self) -> u16 {
        self.0
    }
}

impl TryFrom<i64> for HttpStatus {
    type Error = String;
    fn try_from(code: i64) -> Result<HttpStatus, String> {
        match u16::try_from(code) {
            Ok(code @ 200..=599) => Ok(HttpStatus(code)),
            _ => Err(format!(
                "`{code}` is not an HTTP status to answer with (200 to 599)"
            )),
        }
    }
}

impl FromStr for HttpStatus {
    type Err = String;
    fn from_str(text: &str) -> Result<HttpStatus, String> {
        let code = text
            .parse::<i64>()
            .map_err(|_| format!("`{text}` is not an HTTP status to answer with (200 to 599)"))?;
        HttpStatus::try_from(code)
    }
}

/// What a fault does to a request it hits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Effect {
    /// A problem answer with this status, and Retry-After when set.
    Status {
        status: HttpStatus,
        retry_after: Option<u64>,
    },
    /// The connection closes without an answer.
    Drop,
    /// A problem answer with this status, after a pause.
    Stall { pause: Duration, status: HttpStatus },
    /// An HTML error page with this status.
    Html { status: HttpStatus },
    /// 200 with a body that is not JSON.
    Garbage,
}

/// The pause of a `stall` fault that names none.
const DEFAULT_STALL: Duration = Duration::from_secs(60);

/// A fault as written: the keys of a `[[faults]]` table or a `--fault` spec.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
struct FaultSpec {
    endpoint: Option<FaultTarget>,
    kind: Option<FaultKind>,
    status: Option<HttpStatus>,
    count: Option<u32>,
    retry_after: Option<u64>,
    #[serde(default, deserialize_with = "stall")]
    stall: Option<Duration>,
}

fn stall<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    let text = String::deserialize(d)?;
    durations::parse(&text)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// One fault: its target, how many requests it hits, what it does.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(try_from = "FaultSpec")]
pub struct Fault {
    pub target: FaultTarget,
    /// Only the first `count` requests it hits; every one when absent.
    pub count: Option<u32>,
    pub effect: Effect,
}

impl TryFrom<FaultSpec> for Fault {
    type Error = String;
    fn try_from(spec: FaultSpec) -> Result<Fault, String> {
        let (Some(target), Some(kind)) = (spec.endpoint, spec.kind) else {
            return Err("a fault needs `endpoint` and `kind`".into());
        };
        let given = [
            ("status", spec.status.is_some()),
            ("retry_after", spec.retry_after.is_some()),
            ("stall", spec.stall.is_some()),
        ];
        let takes: &[&str] = match kind {
            FaultKind::Status => &["status", "retry_after"],
            FaultKind::Stall => &["status", "stall"],
            FaultKind::Html => &["status"],
            FaultKind::Drop | FaultKind::Garbage => &[],
        };
        if let Some((key, _)) = given.iter().find(|(k, set)| *set && !takes.contains(k)) {
            return Err(format!(
                "a fault of kind `{}` takes no `{key}`",
                kind.name()
            ));
        }
        let status = spec.status.unwrap_or(HttpStatus::SERVICE_UNAVAILABLE);
        let effect = match kind {
            FaultKind::Status => Effect::Status {
                status,
                retry_after: spec.retry_after,
            },
            FaultKind::Drop => Effect::Drop,
            FaultKind::Stall => Effect::Stall {
                pause: spec.stall.unwrap_or(DEFAULT_STALL),
                status,
            },
            FaultKind::Html => Effect::Html { status },
            FaultKind::Garbage => Effect::Garbage,
        };
        Ok(Fault {
            target,
            count: spec.count,
            effect,
        })
    }
}

/// `--fault endpoint=NAME,kind=KIND[,status=N][,count=N][,retry_after=S][,stall=D]`.
impl FromStr for Fault {
    type Err = String;
    fn from_str(text: &str) -> Result<Fault, String> {
        let mut spec = FaultSpec::default();
        let mut seen = Vec::new();
        for pair in text.split(',') {
            let (key, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("`{pair}` is not KEY=VALUE"))?;
            let key = key.trim();
            if seen.contains(&key) {
                return Err(format!("`{key}` is given twice"));
            }
            seen.push(key);
            match key {
                "endpoint" => spec.endpoint = Some(value.parse()?),
                "kind" => spec.kind = Some(value.parse()?),
                "status" => spec.status = Some(value.parse()?),
                "count" => spec.count = Some(number(key, value, u32::MAX.into())?),
                "retry_after" => spec.retry_after = Some(number(key, value, u64::MAX)?),
                "stall" => spec.stall = Some(durations::parse(value)?),
                other => {
                    return Err(format!(
                        "unknown key `{other}` (keys: endpoint, kind, status, count, retry_after, stall)"
                    ))
                }
            }
        }
        Fault::try_from(spec)
    }
}

fn number<T: FromStr>(key: &str, value: &str, most: u64) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{key} `{value}` is not a whole number from 0 to {most}"))
}

impl Effect {
    /// The answer to a request this fault hits; a stall pauses first.
    pub fn reply(self, operation: Operation) -> Reply {
        match self {
            Effect::Drop => Reply::Drop,
            Effect::Stall { pause, status } => {
                std::thread::sleep(pause);
                Reply::Send(Response::json(
                    status.code(),
                    &json!({"message": "stalled"}),
                ))
            }
            Effect::Html { status } => Reply::Send(Response {
                status: status.code(),
                headers: vec![("Content-Type".into(), "text/html".into())],
                body: b"<!DOCTYPE html><html><body><h1>Bad Gateway</h1></body></html>".to_vec(),
            }),
            Effect::Garbage => Reply::Send(Response {
                status: 200,
                headers: vec![("Content-Type".into(), "*/*".into())],
                body: b"this is not json".to_vec(),
            }),
            Effect::Status {
                status,
                retry_after,
            } => {
                let detail = format!("peaka-sim fault on {}", operation.id());
                let mut r = Response::problem(status.code(), "Injected fault", &detail);
                if let Some(secs) = retry_after {
                    r = r.with_header("Retry-After", &secs.to_string());
                }
                Reply::Send(r)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(text: &str) -> Result<Fault, String> {
        text.parse()
    }

    #[test]
    fn faults_from_flags() {
        let f =
            flag("endpoint=getCacheStatus,kind=status,status=429,count=1,retry_after=2").unwrap();
        assert_eq!(f.target, FaultTarget::Only(Operation::GetCacheStatus));
        assert_eq!(f.count, Some(1));
        assert_eq!(
            f.effect,
            Effect::Status {
                status: HttpStatus(429),
                retry_after: Some(2)
            }
        );
        let f = flag("endpoint=*,kind=stall").unwrap();
        assert!(f.target.hits(Operation::DeleteCache));
        assert_eq!(
            f.effect,
            Effect::Stall {
                pause: DEFAULT_STALL,
                status: HttpStatus(503)
            }
        );
        let f = flag("endpoint=*,kind=stall,stall=250ms").unwrap();
        assert!(
            matches!(f.effect, Effect::Stall { pause, .. } if pause == Duration::from_millis(250))
        );
    }

    fn refused(text: &str, names: &[&str]) {
        let e = flag(text).unwrap_err();
        for name in names {
            assert!(e.contains(name), "{text}: {e}");
        }
    }

    #[test]
    fn bad_flags_are_errors_naming_the_value() {
        refused("endpoint=*", &["`endpoint`", "`kind`"]);
        refused("kind=drop", &["`endpoint`", "`kind`"]);
        refused("endpoint=*,kind=drop,colour=red", &["`colour`"]);
        refused("endpoint=*,kind=stall,stall=soon", &["`soon`"]);
        refused(
            "endpoint=*,kind=stall,stall=300000000000y",
            &["`300000000000y`"],
        );
        refused(
            "endpoint=*,kind=status,status=70000",
            &["`70000`", "200 to 599"],
        );
        refused("endpoint=*,kind=status,status=99", &["`99`"]);
        refused("endpoint=*,kind=status,status=abc", &["`abc`"]);
        refused("endpoint=*,kind=status,count=5000000000", &["`5000000000`"]);
        refused("endpoint=*,kind=status,retry_after=-1", &["`-1`"]);
        refused(
            "endpoint=getCacheStatu,kind=drop",
            &["`getCacheStatu`", "getCacheStatus"],
        );
        refused("endpoint=*,kind=boom", &["`boom`", "garbage"]);
        refused("endpoint=*,kind=drop,status=500", &["`drop`", "`status`"]);
        refused("endpoint=*,kind=status,stall=1s", &["`status`", "`stall`"]);
        refused("endpoint=*,kind=garbage,retry_after=1", &["`retry_after`"]);
        refused("endpoint=*,kind=drop,kind=stall", &["`kind`", "twice"]);
        refused("endpoint=*,kind", &["`kind`", "KEY=VALUE"]);
    }

    /// A `[[faults]]` table read as a scenario reads it.
    fn table(text: &str) -> Result<Fault, String> {
        #[derive(Deserialize)]
        struct File {
            faults: Vec<Fault>,
        }
        toml::from_str::<File>(&format!("[[faults]]\n{text}"))
            .map(|f| f.faults[0])
            .map_err(|e| e.message().to_string())
    }

    #[test]
    fn bad_tables_are_errors_naming_the_value() {
        let toml = |text: &str| table(&format!("endpoint = \"*\"\n{text}"));
        assert!(toml("kind = \"html\"\nstatus = 502").is_ok());
        let e = toml("kind = \"stall\"\nstall = \"soon\"").unwrap_err();
        assert!(e.contains("`soon`"), "{e}");
        let e = toml("kind = \"status\"\nstatus = 70000").unwrap_err();
        assert!(e.contains("`70000`"), "{e}");
        let e = toml("kind = \"boom\"").unwrap_err();
        assert!(e.contains("`boom`"), "{e}");
        let e = toml("kind = \"drop\"\nretry_after = 1").unwrap_err();
        assert!(e.contains("`retry_after`"), "{e}");
        let e = toml("kind = \"drop\"\ncolour = 1").unwrap_err();
        assert!(e.contains("colour"), "{e}");
        let e = toml("kind = \"drop\"\ncount = -1").unwrap_err();
        assert!(e.contains("-1"), "{e}");
        let e = table("kind = \"drop\"").unwrap_err();
        assert!(e.contains("`endpoint`"), "{e}");
        let e = table("endpoint = \"nope\"\nkind = \"drop\"").unwrap_err();
        assert!(e.contains("`nope`"), "{e}");
    }
}
