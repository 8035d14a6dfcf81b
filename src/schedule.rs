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
    /// Reads a schedule as people give it; the error names the value and
    /// the accepted forms.
    pub fn parse(text: &str) -> Result<Schedule, String> {
        let trimmed = text.trim();
        if trimmed.eq_ignore_ascii_case("none") {
            return Ok(Schedule::None);
        }
        let read = match trimmed.get(..1) {
            Some("P" | "p") => iso(&trimmed[1..]),
            _ => words(trimmed),
        };
        let refused = |why: &str| format!("{text:?} is not a schedule{why}: give {FORMS}");
        match read {
            Ok(every) if every.minutes() == 0 => Err(refused(" (it is zero)")),
            Ok(every) => Ok(Schedule::Every(every)),
            Err(Refusal::Varies) => Err(refused(
                " (months and years are refused: their length varies)",
            )),
            Err(Refusal::TooLarge) => Err(refused(&format!(
                " (a number is over {}, the largest peaka reads)",
                u64::MAX
            ))),
            Err(Refusal::Malformed) => Err(refused("")),
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

/// Why a text is not a schedule.
#[derive(Debug, PartialEq)]
enum Refusal {
    Malformed,
    /// Months or years.
    Varies,
    TooLarge,
}

/// The numbers and their units in order (`1D`, `12H`), or a refusal.
fn units(text: &str) -> Result<Vec<(u64, char)>, Refusal> {
    let mut found = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut digits = String::new();
        while let Some(d) = chars.next_if(char::is_ascii_digit) {
            digits.push(d);
        }
        let unit = chars.next().ok_or(Refusal::Malformed)?;
        if digits.is_empty() {
            return Err(Refusal::Malformed);
        }
        let n = digits.parse::<u64>().map_err(|_| Refusal::TooLarge)?;
        found.push((n, unit.to_ascii_uppercase()));
    }
    Ok(found)
}

/// Adds one unit to an interval; each unit once.
fn add(every: &mut Every, n: u64, unit: char) -> Result<(), Refusal> {
    let slot = match unit {
        'D' => &mut every.days,
        'H' => &mut every.hours,
        'M' => &mut every.minutes,
        'Y' => return Err(Refusal::Varies),
        _ => return Err(Refusal::Malformed),
    };
    if *slot > 0 {
        return Err(Refusal::Malformed);
    }
    *slot = n;
    Ok(())
}

/// The ISO form after its `P`: `[nD][T[nH][nM]]`; `M` before `T` is months.
fn iso(text: &str) -> Result<Every, Refusal> {
    let (date, time) = match text.split_once(['T', 't']) {
        Some((date, time)) if !time.is_empty() => (date, Some(time)),
        Some(_) => return Err(Refusal::Malformed),
        None => (text, None),
    };
    if text.contains(char::is_whitespace) {
        return Err(Refusal::Malformed);
    }
    let mut every = Every::default();
    let (date, time) = (units(date)?, units(time.unwrap_or_default())?);
    if date.is_empty() && time.is_empty() {
        return Err(Refusal::Malformed);
    }
    for (n, unit) in date {
        match unit {
            'M' | 'Y' => return Err(Refusal::Varies),
            'D' => add(&mut every, n, unit)?,
            _ => return Err(Refusal::Malformed),
        }
    }
    let mut last = ' ';
    for (n, unit) in time {
        // Hours before minutes, as ISO writes them.
        if !matches!((last, unit), (' ', 'H' | 'M') | ('H', 'M')) {
            return Err(Refusal::Malformed);
        }
        add(&mut every, n, unit)?;
        last = unit;
    }
    Ok(every)
}

/// People's words: `15m`, `6h`, `1d 12h`, `1d12h`; `mo` and `y` are
/// refused by name.
fn words(text: &str) -> Result<Every, Refusal> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("mo") || lower.ends_with('y') {
        return Err(Refusal::Varies);
    }
    let mut every = Every::default();
    let found = units(text)?;
    if found.is_empty() {
        return Err(Refusal::Malformed);
    }
    for (n, unit) in found {
        add(&mut every, n, unit)?;
    }
    Ok(every)
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
        let read = expression.and_then(|e| match e.get(..1) {
            Some("P" | "p") => iso(&e[1..]).ok().filter(|e| e.minutes() > 0),
            _ => None,
        });
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
        assert!(Schedule::parse("0m").unwrap_err().contains("zero"));
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
