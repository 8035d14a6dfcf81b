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

/// The fastest simulated clock: a day a second.
pub const MAX_TIME_SCALE: u64 = 86_400;

/// `--time-scale` and a scenario's `time_scale`: a whole number from 1 to
/// [`MAX_TIME_SCALE`].
pub fn time_scale(text: &str) -> Result<u32, String> {
    let text = text.trim();
    text.parse::<u64>()
        .ok()
        .and_then(|n| checked_time_scale(n).ok())
        .ok_or_else(|| time_scale_error(text))
}

pub fn checked_time_scale(n: u64) -> Result<u32, String> {
    match u32::try_from(n) {
        Ok(n) if (1..=MAX_TIME_SCALE).contains(&u64::from(n)) => Ok(n),
        _ => Err(time_scale_error(&n.to_string())),
    }
}

fn time_scale_error(text: &str) -> String {
    format!("time scale `{text}` is not a whole number from 1 to {MAX_TIME_SCALE}")
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

    #[test]
    fn time_scales() {
        assert_eq!(time_scale("900"), Ok(900));
        assert_eq!(time_scale("86400"), Ok(86_400));
        for bad in ["0", "-3", "1.5", "fast", "86401", "99999999999"] {
            let e = time_scale(bad).unwrap_err();
            assert!(
                e.contains(&format!("`{bad}`")) && e.contains("86400"),
                "{e}"
            );
        }
    }
}
