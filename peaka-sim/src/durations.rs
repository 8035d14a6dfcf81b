//! Durations as the simulator reads them, from flags, scenario files and
//! fault specs alike.

use std::time::Duration;

/// The longest duration anything may last: far beyond any test, and far from
/// the point where adding it to a clock overflows.
pub const MAX_DURATION: Duration = Duration::from_secs(100 * 31_557_600);

/// `250ms`, `3s`, `10m`, `1m30s`: humantime's syntax, as peaka's own flags;
/// at most [`MAX_DURATION`].
pub fn parse(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let parsed =
        humantime::parse_duration(text).map_err(|e| format!("bad duration `{text}`: {e}"))?;
    if parsed > MAX_DURATION {
        return Err(format!(
            "duration `{text}` is over the limit of {}",
            humantime::format_duration(MAX_DURATION)
        ));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("100y"), Ok(MAX_DURATION));
        assert!(parse("2").unwrap_err().contains("`2`"));
        let long = parse("300000000000y").unwrap_err();
        assert!(
            long.contains("`300000000000y`") && long.contains("100years"),
            "{long}"
        );
    }
}
