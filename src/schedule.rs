//! Schedules as a value, parsed in one place: `none`, an ISO-8601 duration
//! in minutes, hours or days (`PT15M`, `P1DT12H`), or the same in people's
//! words (`15m`, `1d 12h`). And the reverse: a schedule as the API sent it,
//! shown for people (`every 6h`, `paused`).

use std::fmt;

use serde_json::{json, Value};

/// The forms a schedule is given in, for the message of one that is not.
pub const FORMS: &str = "none, an ISO-8601 duration in minutes, hours or days (PT15M, PT6H, P1D, P1DT12H), or the same in words (15m, 6h, 1d, 1d 12h); at least one minute";

/// A schedule as given: paused, or every so many days, hours and minutes,
/// kept in the units given (`90m` is sent as `PT90M`, not `PT1H30M`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    None,
    Every(Every),
}

/// An interval: each unit as given (0 when not given); never all zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Every {
    pub days: u64,
    pub hours: u64,
    pub minutes: u64,
}

impl Every {
    /// The interval in minutes (as wide as it needs: no limit of ours).
    pub fn minutes(self) -> u128 {
        u128::from(self.days) * 1440 + u128::from(self.hours) * 60 + u128::from(self.minutes)
    }

    /// The ISO-8601 form: `PT15M`, `P1D`, `P1DT12H`.
    pub fn iso(self) -> String {
        let mut text = String::from("P");
        if self.days > 0 {
            text.push_str(&format!("{}D", self.days));
        }
        if self.hours > 0 || self.minutes > 0 {
            text.push('T');
        }
        if self.hours > 0 {
            text.push_str(&format!("{}H", self.hours));
        }
        if self.minutes > 0 {
            text.push_str(&format!("{}M", self.minutes));
        }
        text
    }
}

/// People's words: `15m`, `6h`, `1d 12h`.
impl fmt::Display for Every {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = [(self.days, "d"), (self.hours, "h"), (self.minutes, "m")];
        let words: Vec<String> = parts
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, unit)| format!("{n}{unit}"))
            .collect();
        f.write_str(&words.join(" "))
    }
}

impl Schedule {
    /// Reads a schedule as people give it; the error names the value, why
    /// it is not one, and the accepted forms.
    pub fn parse(text: &str) -> Result<Schedule, String> {
        let trimmed = text.trim();
        if trimmed.eq_ignore_ascii_case("none") {
            return Ok(Schedule::None);
        }
        let read = match trimmed.strip_prefix(['P', 'p']) {
            Some(rest) => iso(rest),
            None => words(trimmed),
        };
        let refused = |why: &str| format!("invalid schedule {}: {why}; give {FORMS}", quoted(text));
        match read {
            Ok(every) if every.minutes() == 0 => Err(refused("it is shorter than a minute")),
            Ok(every) => Ok(Schedule::Every(every)),
            Err(why) => Err(refused(&why)),
        }
    }

    /// The schedule as the API takes it.
    pub fn to_api(self) -> Value {
        match self {
            Schedule::None => json!({"type": "NONE"}),
            Schedule::Every(every) => json!({"type": "BASIC", "expression": every.iso()}),
        }
    }
}

/// Why months and years are refused.
pub const VARIES: &str = "months and years are refused: their length varies";

const SECONDS: &str = "seconds are not taken: a schedule is whole minutes";

/// User input shown safely: control characters escaped, length bounded.
pub fn quoted(text: &str) -> String {
    let shown: String = text.chars().take(80).flat_map(char::escape_debug).collect();
    let more = if text.chars().count() > 80 { "..." } else { "" };
    format!("\"{shown}{more}\"")
}

/// The ISO form after its `P`: `nD` then `TnHnM`, each at most once and
/// in that order.
fn iso(rest: &str) -> Result<Every, String> {
    let rest = rest.to_ascii_uppercase();
    let (date, time) = match rest.split_once('T') {
        Some((_, "")) => return Err("nothing follows its T".into()),
        Some((date, time)) => (date, time),
        None => (rest.as_str(), ""),
    };
    let mut parts = [0; 3];
    let mut next = 0;
    for (text, units) in [(date, "YMWD"), (time, "HMS")] {
        let mut rest = text;
        while !rest.is_empty() {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let unit = rest[digits..]
                .chars()
                .next()
                .ok_or("a number without its unit")?;
            let n: u64 = rest[..digits].parse().map_err(|_| match digits {
                0 => format!("no number before {unit}"),
                _ => "a number too large".to_string(),
            })?;
            let slot = match (units, unit) {
                ("YMWD", 'Y' | 'M') => return Err(VARIES.into()),
                ("YMWD", 'W') => return Err("weeks are not taken: write days (P14D)".into()),
                ("YMWD", 'D') => 0,
                ("HMS", 'H') => 1,
                ("HMS", 'M') => 2,
                ("HMS", 'S') => return Err(SECONDS.into()),
                _ => return Err(format!("{unit} is not a unit of an ISO-8601 duration here")),
            };
            if slot < next {
                return Err("its parts are out of order, or given twice".into());
            }
            (parts[slot], next) = (n, slot + 1);
            rest = &rest[digits + unit.len_utf8()..];
        }
    }
    Ok(every(parts))
}

fn every([days, hours, minutes]: [u64; 3]) -> Every {
    Every {
        days,
        hours,
        minutes,
    }
}

/// `15m`, `6h`, `1d 12h`, `1h30m`, `2 hours`: numbers with their units,
/// each unit once.
fn words(text: &str) -> Result<Every, String> {
    let mut parts: [Option<u64>; 3] = [None; 3];
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err("it is empty".into());
    }
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 {
            return Err("a unit without its number".into());
        }
        let n: u64 = rest[..digits]
            .parse()
            .map_err(|_| "a number too large".to_string())?;
        let after = rest[digits..].trim_start();
        let unit_len = after.len() - after.trim_start_matches(|c: char| c.is_alphabetic()).len();
        let unit = &after[..unit_len];
        let slot = match unit.to_ascii_lowercase().as_str() {
            "d" | "day" | "days" => 0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 1,
            "m" | "min" | "mins" | "minute" | "minutes" => 2,
            "mo" | "month" | "months" | "y" | "yr" | "yrs" | "year" | "years" => {
                return Err(VARIES.into())
            }
            "s" | "sec" | "secs" | "second" | "seconds" => return Err(SECONDS.into()),
            "" => return Err(format!("{n} has no unit (m, h or d)")),
            other => return Err(format!("`{other}` is not a unit: m, h or d")),
        };
        if parts[slot].replace(n).is_some() {
            return Err(format!("{unit} is given twice"));
        }
        rest = after[unit_len..].trim_start();
    }
    Ok(every(parts.map(Option::unwrap_or_default)))
}

/// A schedule as the API sent it, read tolerantly: for people, and to tell
/// whether two are the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// The API sent none (absent or null).
    Unset,
    Paused,
    Every(Every),
    /// Anything else, as sent: its type and expression.
    Other(String),
}

impl Shown {
    pub fn of(value: Option<&Value>) -> Shown {
        let Some(value) = value.filter(|v| !v.is_null()) else {
            return Shown::Unset;
        };
        let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
        let expression = value.get("expression").and_then(Value::as_str);
        if kind.eq_ignore_ascii_case("NONE") {
            return Shown::Paused;
        }
        let read = expression
            .and_then(|e| e.strip_prefix(['P', 'p']))
            .and_then(|rest| iso(rest).ok())
            .filter(|e| e.minutes() > 0);
        match read {
            Some(every) if kind.eq_ignore_ascii_case("BASIC") => Shown::Every(every),
            _ => Shown::Other(format!("{kind} {}", expression.unwrap_or("")).trim().into()),
        }
    }

    /// Whether two schedules say the same: `PT24H` is `P1D`.
    pub fn same(&self, other: &Shown) -> bool {
        match (self, other) {
            (Shown::Every(a), Shown::Every(b)) => a.minutes() == b.minutes(),
            _ => self == other,
        }
    }

    /// For people: `every 6h`, `paused`, `not set`.
    pub fn words(&self) -> String {
        match self {
            Shown::Unset => "not set".into(),
            Shown::Paused => "paused".into(),
            Shown::Every(every) => format!("every {every}"),
            Shown::Other(text) => text.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every(text: &str) -> String {
        match Schedule::parse(text).unwrap() {
            Schedule::Every(every) => every.iso(),
            Schedule::None => "none".into(),
        }
    }

    #[test]
    fn the_forms_read_and_are_sent_in_iso_form() {
        for (given, sent) in [
            ("none", "none"),
            ("NONE", "none"),
            ("PT15M", "PT15M"),
            ("pt6h", "PT6H"),
            ("P1D", "P1D"),
            ("P1DT12H", "P1DT12H"),
            ("PT1H30M", "PT1H30M"),
            ("PT24H", "PT24H"),
            ("15m", "PT15M"),
            ("6h", "PT6H"),
            ("1d", "P1D"),
            ("1d 12h", "P1DT12H"),
            ("1d12h", "P1DT12H"),
            (" 90m ", "PT90M"),
            ("1M", "PT1M"),
            ("PT1M", "PT1M"),
            ("100000d", "P100000D"),
        ] {
            assert_eq!(every(given), sent, "{given}");
        }
        let json = Schedule::parse("6h").unwrap().to_api();
        assert_eq!(json, json!({"type": "BASIC", "expression": "PT6H"}));
        assert_eq!(Schedule::None.to_api(), json!({"type": "NONE"}));
    }

    #[test]
    fn anything_else_is_refused_naming_the_value_and_the_forms() {
        for bad in [
            "",
            "P",
            "PT",
            "PT0M",
            "0m",
            "0d 0h",
            "P1M",
            "P1Y",
            "P1W",
            "PT30S",
            "30s",
            "1mo",
            "1y",
            "6",
            "h",
            "1.5h",
            "6h 6h",
            "PT15M6H",
            "P1DT",
            "P 1D",
            "every 6h",
            "PT-5M",
            "-5m",
            "99999999999999999999m",
        ] {
            let err = Schedule::parse(bad).expect_err(bad);
            assert!(err.contains(&format!("{bad:?}")), "{err}");
            assert!(err.contains("PT15M") && err.contains("1d 12h"), "{err}");
        }
        assert!(Schedule::parse("P1M")
            .unwrap_err()
            .contains("length varies"));
        assert!(Schedule::parse("2mo")
            .unwrap_err()
            .contains("length varies"));
        assert!(Schedule::parse("0m")
            .unwrap_err()
            .contains("shorter than a minute"));
        assert!(Schedule::parse("P2W").unwrap_err().contains("weeks"));
        assert!(Schedule::parse("PT30S").unwrap_err().contains("seconds"));
        assert!(Schedule::parse("2 hours").is_ok());
    }

    #[test]
    fn api_schedules_read_for_people() {
        let shown = |v: Value| Shown::of(Some(&v)).words();
        assert_eq!(
            shown(json!({"type": "BASIC", "expression": "PT6H"})),
            "every 6h"
        );
        assert_eq!(
            shown(json!({"type": "BASIC", "expression": "P1DT12H"})),
            "every 1d 12h"
        );
        assert_eq!(shown(json!({"type": "NONE"})), "paused");
        assert_eq!(
            shown(json!({"type": "CRON", "expression": "0 * * * *"})),
            "CRON 0 * * * *"
        );
        assert_eq!(
            shown(json!({"type": "BASIC", "expression": "P1M"})),
            "BASIC P1M"
        );
        assert_eq!(Shown::of(None).words(), "not set");
        assert_eq!(Shown::of(Some(&Value::Null)), Shown::Unset);
        let a = Shown::of(Some(&json!({"type": "BASIC", "expression": "PT24H"})));
        let b = Shown::of(Some(&json!({"type": "basic", "expression": "P1D"})));
        assert!(a.same(&b));
        assert!(!a.same(&Shown::Paused));
    }
}
