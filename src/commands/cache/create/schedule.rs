//! Schedules as people write them, in the API's form (a stand-in until
//! the shared schedule parser lands).

use super::*;

pub(super) const SCHEDULE_HINT: &str = "a schedule is none, an ISO-8601 duration (PT15M, PT6H, P1D, P1DT12H) or 15m, 6h, 1d, 1d 12h; at least a minute";

/// A schedule as the API takes it: `none`, an ISO-8601 duration in days,
/// hours and minutes, or the same in people's words (`15m`, `1d 12h`); at
/// least a minute, sent in ISO form. Months and years are refused (their
/// length varies).
pub(super) fn schedule(text: &str) -> Result<Value, Failure> {
    let trimmed = text.trim();
    if trimmed.eq_ignore_ascii_case("none") {
        return Ok(json!({"type": "NONE"}));
    }
    let parts = match trimmed.starts_with(['P', 'p']) {
        true => iso_parts(&trimmed[1..]),
        false => word_parts(trimmed),
    };
    let refuse =
        |why: &str| usage(format!("invalid schedule {}: {why}", quoted(text))).hint(SCHEDULE_HINT);
    let [days, hours, minutes] = parts.map_err(|why| refuse(&why))?;
    if days == 0 && hours == 0 && minutes == 0 {
        return Err(refuse("it is shorter than a minute"));
    }
    let mut iso = String::from("P");
    if days > 0 {
        iso.push_str(&format!("{days}D"));
    }
    if hours > 0 || minutes > 0 {
        iso.push('T');
    }
    for (n, unit) in [(hours, 'H'), (minutes, 'M')] {
        if n > 0 {
            iso.push_str(&format!("{n}{unit}"));
        }
    }
    Ok(json!({"type": "BASIC", "expression": iso}))
}

pub(super) const VARIES: &str = "months and years are refused: their length varies";

/// `nD` then `TnHnM`, each at most once and in that order: days, hours,
/// minutes.
pub(super) fn iso_parts(rest: &str) -> Result<[u64; 3], String> {
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
            let n: u64 = rest[..digits]
                .parse()
                .map_err(|_| format!("no number before {unit}"))?;
            let slot = match (units, unit) {
                ("YMWD", 'Y' | 'M') => return Err(VARIES.into()),
                ("YMWD", 'W') => return Err("weeks are not taken: write days (P14D)".into()),
                ("YMWD", 'D') => 0,
                ("HMS", 'H') => 1,
                ("HMS", 'M') => 2,
                ("HMS", 'S') => {
                    return Err("seconds are not taken: a schedule is whole minutes".into())
                }
                _ => return Err(format!("{unit} is not a unit of an ISO-8601 duration here")),
            };
            if slot < next {
                return Err("its parts are out of order, or given twice".into());
            }
            (parts[slot], next) = (n, slot + 1);
            rest = &rest[digits + unit.len_utf8()..];
        }
    }
    Ok(parts)
}

/// `15m`, `6h`, `1d 12h`, `1h30m`: numbers with their units.
pub(super) fn word_parts(text: &str) -> Result<[u64; 3], String> {
    let mut parts = [0u64; 3];
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
            "s" | "sec" | "secs" | "second" | "seconds" => {
                return Err("seconds are not taken: a schedule is whole minutes".into())
            }
            "" => return Err(format!("{n} has no unit (m, h or d)")),
            other => return Err(format!("`{other}` is not a unit: m, h or d")),
        };
        parts[slot] = parts[slot].checked_add(n).ok_or("a number too large")?;
        rest = after[unit_len..].trim_start();
    }
    Ok(parts)
}

/// User input shown safely: control characters escaped, length bounded.
pub(super) fn quoted(text: &str) -> String {
    let shown: String = text.chars().take(80).flat_map(char::escape_debug).collect();
    let more = if text.chars().count() > 80 { "..." } else { "" };
    format!("\"{shown}{more}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(text: &str) -> String {
        let value = schedule(text).unwrap_or_else(|f| panic!("{text}: {}", f.message));
        match value["type"].as_str() {
            Some("NONE") => "NONE".into(),
            _ => value["expression"].as_str().unwrap().to_string(),
        }
    }

    #[test]
    fn schedules_in_iso_and_in_words_are_sent_in_iso() {
        for (text, iso) in [
            ("none", "NONE"),
            (" NONE ", "NONE"),
            ("PT15M", "PT15M"),
            ("pt6h", "PT6H"),
            ("P1D", "P1D"),
            ("P1DT12H", "P1DT12H"),
            ("PT1H30M", "PT1H30M"),
            ("15m", "PT15M"),
            ("6h", "PT6H"),
            ("1d", "P1D"),
            ("1d 12h", "P1DT12H"),
            ("1h30m", "PT1H30M"),
            ("2 hours", "PT2H"),
            ("400d", "P400D"),
        ] {
            assert_eq!(sent(text), iso, "{text}");
        }
    }

    #[test]
    fn other_schedules_are_refused_saying_why() {
        for (text, why) in [
            ("P1M", "months and years"),
            ("P1Y", "months and years"),
            ("1mo", "months and years"),
            ("2 years", "months and years"),
            ("PT30S", "seconds"),
            ("30s", "seconds"),
            ("PT0M", "shorter than a minute"),
            ("0m", "shorter than a minute"),
            ("P", "shorter than a minute"),
            ("PT", "nothing follows"),
            ("PT15", "without its unit"),
            ("PT5M1H", "out of order"),
            ("P2W", "weeks"),
            ("15", "no unit"),
            ("m", "without its number"),
            ("6x", "not a unit"),
            ("", "empty"),
            ("99999999999999999999999d", "too large"),
        ] {
            let failure = schedule(text).expect_err(text);
            assert_eq!(failure.kind, Kind::Usage, "{text}");
            assert!(failure.message.contains(why), "{text}: {}", failure.message);
        }
    }
}
