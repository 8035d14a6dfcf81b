//! When to try again: full-jitter backoff, `Retry-After`, and pauses as
//! people read them.

use super::*;

/// A pause as a person reads it: `250ms`, `2s`, `9.7s`, `60s`.
pub fn short_duration(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 1.0 {
        format!("{}ms", duration.as_millis())
    } else if (secs - secs.round()).abs() < 0.05 {
        format!("{:.0}s", secs)
    } else {
        format!("{secs:.1}s")
    }
}

/// Full jitter: a random delay up to 250 ms × 2^attempt, capped at 8 s.
/// `fraction` is in [0, 1).
pub fn backoff(attempt: u32, fraction: f64) -> Duration {
    let ceiling = BACKOFF_FIRST
        .saturating_mul(1u32 << attempt.min(16))
        .min(BACKOFF_CAP);
    ceiling.mul_f64(fraction.clamp(0.0, 1.0))
}

/// `Retry-After` in seconds or as an HTTP date, capped at 60 s.
pub fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    let wait = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => httpdate::parse_http_date(value)
            .ok()?
            .duration_since(now)
            .unwrap_or(Duration::ZERO),
    };
    Some(wait.min(RETRY_AFTER_CAP))
}
