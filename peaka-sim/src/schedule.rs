//! Schedules as the reference types them: `{"type": "BASIC", "expression":
//! "PT15M"}` (every 15 minutes) or `{"type": "NONE"}` (that mode does not run
//! on its own). The expression is an ISO-8601 duration of days, hours,
//! minutes and seconds, as the reference's `Schedule` describes it ("a day is
//! 24 hours"); months, years and weeks are not durations there.

use std::str::FromStr;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::durations::MAX_DURATION;

#[derive(Clone, PartialEq, Eq, Debug, Deserialize)]
#[serde(try_from = "String")]
pub enum Schedule {
    None,
    /// Fires every `every`; `expression` is kept as it was written.
    Basic {
        expression: String,
        every: Duration,
    },
}

const SHAPE: &str = r#"{"type": "BASIC", "expression": "PT15M"} or {"type": "NONE"}"#;

impl Schedule {
    /// What scenario caches have when their file does not say.
    pub fn basic(expression: &str) -> Result<Schedule, String> {
        Ok(Schedule::Basic {
            expression: expression.to_string(),
            every: iso_duration(expression)?,
        })
    }

    pub fn every(&self) -> Option<Duration> {
        match self {
            Schedule::None => None,
            Schedule::Basic { every, .. } => Some(*every),
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Schedule::None => json!({"type": "NONE"}),
            Schedule::Basic { expression, .. } => {
                json!({"type": "BASIC", "expression": expression})
            }
        }
    }

    /// A schedule object of a request body. Keys besides `type` and
    /// `expression` are ignored; so is the expression of a NONE schedule,
    /// which the reference calls meaningful only for other types.
    pub fn from_json(value: &Value) -> Result<Schedule, String> {
        let Some(object) = value.as_object() else {
            return Err(format!("{value} is not a schedule: {SHAPE}"));
        };
        match object.get("type") {
            Some(Value::String(t)) if t == "NONE" => Ok(Schedule::None),
            Some(Value::String(t)) if t == "BASIC" => match object.get("expression") {
                Some(Value::String(e)) => Schedule::basic(e),
                Some(other) => Err(format!("expression {other} is not a string")),
                None => Err(format!("a BASIC schedule needs an expression: {SHAPE}")),
            },
            Some(other) => Err(format!("type {other} is not BASIC or NONE")),
            None => Err(format!("a schedule needs a type: {SHAPE}")),
        }
    }
}

/// A scenario's schedule: `"NONE"` or an expression such as `"PT15M"`.
impl FromStr for Schedule {
    type Err = String;
    fn from_str(text: &str) -> Result<Schedule, String> {
        match text {
            "NONE" => Ok(Schedule::None),
            _ => Schedule::basic(text).map_err(|e| format!("{e}; or NONE")),
        }
    }
}

impl TryFrom<String> for Schedule {
    type Error = String;
    fn try_from(text: String) -> Result<Schedule, String> {
        text.parse()
    }
}

const DAY: u64 = 86_400;

/// `PT15M`, `PT6H`, `P1D`, `P1DT12H`, `PT90S`, `PT0.5S`: days before `T`;
/// hours, minutes and seconds (the only part with a fraction) after it, each
/// at most once and in that order. More than zero, at most `MAX_DURATION`.
pub fn iso_duration(text: &str) -> Result<Duration, String> {
    let bad = |why: &str| format!("`{text}` is not an ISO-8601 duration such as PT15M: {why}");
    let Some(rest) = text.strip_prefix('P') else {
        return Err(bad("it starts with P"));
    };
    let (date, time) = match rest.split_once('T') {
        Some((_, "")) => return Err(bad("a T is followed by hours, minutes or seconds")),
        Some((date, time)) => (date, time),
        None => (rest, ""),
    };
    if date.is_empty() && time.is_empty() {
        return Err(bad("it has no days, hours, minutes or seconds"));
    }
    let days = components(date, &[('D', DAY)]).map_err(|e| bad(&e))?;
    let times = components(time, &[('H', 3600), ('M', 60), ('S', 1)]).map_err(|e| bad(&e))?;
    let total = days
        .checked_add(times)
        .filter(|&d| d <= MAX_DURATION)
        .ok_or_else(|| {
            let limit = humantime::format_duration(MAX_DURATION);
            format!("`{text}` is over the simulator's limit of {limit}")
        })?;
    if total.is_zero() {
        return Err(format!(
            "`{text}` is zero: a schedule fires after some time"
        ));
    }
    Ok(total)
}

/// The sum of `<number><unit>` parts, units in the order given, each once.
fn components(mut part: &str, units: &[(char, u64)]) -> Result<Duration, String> {
    let mut total = Duration::ZERO;
    let mut allowed = units;
    while !part.is_empty() {
        let end = part
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .ok_or_else(|| format!("`{part}` has no unit"))?;
        let (number, unit) = (&part[..end], part[end..].chars().next().unwrap_or('?'));
        let Some(at) = allowed.iter().position(|&(u, _)| u == unit) else {
            return Err(match unit {
                'Y' | 'W' => "years and weeks are not taken; write days (P7D)".into(),
                'M' if units.len() == 1 => "months are not taken (their length varies)".into(),
                _ => format!("`{unit}` is not a unit here, or comes twice or out of order"),
            });
        };
        let seconds = allowed[at].1;
        total = total
            .checked_add(amount(number, seconds)?)
            .ok_or("it overflows")?;
        allowed = &allowed[at + 1..];
        part = &part[end + unit.len_utf8()..];
    }
    Ok(total)
}

/// `number` of units of `seconds` each; only seconds take a fraction.
fn amount(number: &str, seconds: u64) -> Result<Duration, String> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let fraction_ok = fraction.is_empty() || (seconds == 1 && fraction.len() <= 9);
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || !fraction_ok {
        return Err(format!(
            "`{number}` is not a whole number (seconds take up to 9 decimals)"
        ));
    }
    let whole: u64 = whole
        .parse()
        .map_err(|_| format!("`{number}` is too large"))?;
    let nanos: u32 = format!("{fraction:0<9}").parse().unwrap_or(0);
    let secs = whole
        .checked_mul(seconds)
        .ok_or_else(|| format!("`{number}` is too large"))?;
    Ok(Duration::new(secs, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations() {
        let ok = |t: &str| iso_duration(t).unwrap().as_secs_f64();
        assert_eq!(ok("PT15M"), 900.0);
        assert_eq!(ok("PT6H"), 21_600.0);
        assert_eq!(ok("P1D"), 86_400.0);
        assert_eq!(ok("P1DT12H"), 129_600.0);
        assert_eq!(ok("PT1H30M15S"), 5_415.0);
        assert_eq!(ok("PT0.5S"), 0.5);
        for (text, word) in [
            ("15m", "starts with P"),
            ("P", "no days"),
            ("PT", "followed by"),
            ("P1M", "months"),
            ("P1Y", "years"),
            ("P2W", "weeks"),
            ("PT15", "no unit"),
            ("PT1S1M", "out of order"),
            ("PT1M1M", "twice"),
            ("P1H", "`H`"),
            ("PT1.5M", "`1.5`"),
            ("PT-1M", "`-`"),
            ("PT0S", "zero"),
            ("P99999999999999D", "limit"),
            ("P99999999999999999999D", "too large"),
        ] {
            let e = iso_duration(text).unwrap_err();
            assert!(
                e.contains(&format!("`{text}`")) && e.contains(word),
                "{text}: {e}"
            );
        }
    }

    #[test]
    fn schedules_from_json_and_text() {
        let basic = Schedule::from_json(&json!({"type": "BASIC", "expression": "PT15M"}));
        assert_eq!(basic.unwrap().every(), Some(Duration::from_secs(900)));
        let none = json!({"type": "NONE", "expression": "PT15M"});
        assert_eq!(Schedule::from_json(&none), Ok(Schedule::None));
        assert_eq!(Schedule::None.to_json(), json!({"type": "NONE"}));
        for (value, word) in [
            (json!(null), "null"),
            (json!({"type": "CRON"}), "\"CRON\""),
            (json!({"type": "BASIC"}), "needs an expression"),
            (json!({"type": "BASIC", "expression": 15}), "15"),
            (json!({"expression": "PT1M"}), "needs a type"),
        ] {
            let e = Schedule::from_json(&value).unwrap_err();
            assert!(e.contains(word), "{value}: {e}");
        }
        assert_eq!("NONE".parse(), Ok(Schedule::None));
        let e = "none".parse::<Schedule>().unwrap_err();
        assert!(e.contains("`none`") && e.contains("NONE"), "{e}");
    }
}
