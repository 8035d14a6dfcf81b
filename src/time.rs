//! Timestamps as people read them: "3m ago", "1h 5m". The API's times are
//! ISO-8601 (RFC 3339) strings; only their shape is trusted.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the epoch, now.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// `2026-11-29T10:00:00Z`, `…T10:00:00.123+01:00` or without a zone (UTC):
/// seconds since the epoch.
pub fn parse(text: &str) -> Option<i64> {
    let text = text.trim();
    let b = text.as_bytes();
    if b.len() < 19 || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        rest = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        zone => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (h, m) = zone[1..].split_once(':')?;
            sign * (h.parse::<i64>().ok()? * 3600 + m.parse::<i64>().ok()? * 60)
        }
    };
    Some(days(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A timestamp to the minute, in UTC, for a narrow column:
/// `2026-11-29T10:00Z`.
pub fn short(text: &str) -> Option<String> {
    let at = parse(text)?;
    let (date, time) = (at.div_euclid(86_400), at.rem_euclid(86_400));
    let (year, month, day) = civil(date);
    let (hour, minute) = (time / 3600, time % 3600 / 60);
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}Z"
    ))
}

/// The civil date of a day since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// A span of seconds in its largest two units: `45s`, `3m`, `1h 5m`, `2d 4h`.
pub fn span(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m", s / 60),
        3600..=86_399 => match (s % 3600) / 60 {
            0 => format!("{}h", s / 3600),
            m => format!("{}h {m}m", s / 3600),
        },
        _ => match (s % 86_400) / 3600 {
            0 => format!("{}d", s / 86_400),
            h => format!("{}d {h}h", s / 86_400),
        },
    }
}

/// "3m ago" for a timestamp, given now; "in the future" is shown as "now".
pub fn ago(text: &str, now: i64) -> Option<String> {
    let then = parse(text)?;
    Some(if then >= now {
        "just now".into()
    } else {
        format!("{} ago", span(now - then))
    })
}

/// `ago` in its largest unit alone, for a narrow column: "2h ago".
pub fn age(text: &str, now: i64) -> Option<String> {
    let then = parse(text)?;
    Some(match span(now - then).split(' ').next() {
        Some(unit) if then < now => format!("{unit} ago"),
        _ => "just now".into(),
    })
}

/// The time between two timestamps.
pub fn between(start: &str, end: &str) -> Option<String> {
    Some(span(parse(end)? - parse(start)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_api_s_timestamps() {
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse("2026-11-29T10:00:00Z"), Some(1_795_946_400));
        assert_eq!(parse("2026-11-29T10:00:00.123456Z"), Some(1_795_946_400));
        assert_eq!(parse("2026-11-29T11:30:00+01:30"), Some(1_795_946_400));
        assert_eq!(parse("2026-11-29T10:00:00"), Some(1_795_946_400));
        assert_eq!(parse("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-11-29 10:00",
            "2026-11-29T10:00:00+1",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ages_and_spans() {
        let t = parse("2026-11-29T10:00:00Z").unwrap();
        assert_eq!(ago("2026-11-29T09:57:00Z", t).as_deref(), Some("3m ago"));
        assert_eq!(ago("2026-11-29T08:55:00Z", t).as_deref(), Some("1h 5m ago"));
        assert_eq!(ago("2026-11-27T09:00:00Z", t).as_deref(), Some("2d 1h ago"));
        assert_eq!(ago("2026-11-29T10:00:05Z", t).as_deref(), Some("just now"));
        assert_eq!(
            between("2026-11-29T10:00:00Z", "2026-11-29T10:00:42Z").as_deref(),
            Some("42s")
        );
        assert_eq!(span(7200), "2h");
        assert_eq!(age("2026-11-29T08:55:00Z", t).as_deref(), Some("1h ago"));
        assert_eq!(age("2026-11-29T09:59:58Z", t).as_deref(), Some("2s ago"));
        assert_eq!(age("2026-11-29T10:00:00Z", t).as_deref(), Some("just now"));
    }

    #[test]
    fn short_times_are_utc_to_the_minute() {
        let short = |t: &str| short(t).unwrap();
        assert_eq!(short("2026-11-29T10:00:59.5Z"), "2026-11-29T10:00Z");
        assert_eq!(short("2026-11-29T11:30:00+01:30"), "2026-11-29T10:00Z");
        assert_eq!(short("2024-02-29T23:59:00Z"), "2024-02-29T23:59Z");
        assert_eq!(short("2000-01-01T00:00:00+01:00"), "1999-12-31T23:00Z");
        assert_eq!(short("1970-01-01T00:00:00Z"), "1970-01-01T00:00Z");
        assert_eq!(super::short("soon"), None);
    }
}
