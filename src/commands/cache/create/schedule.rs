//! Schedules as people write them, in the API's form: read by the shared
//! parser (`crate::schedule`), worded as a usage error.

use super::*;
use crate::schedule::Schedule;

pub(super) const SCHEDULE_HINT: &str = "a schedule is none, an ISO-8601 duration (PT15M, PT6H, P1D, P1DT12H) or 15m, 6h, 1d, 1d 12h; at least a minute";

/// A schedule as the API takes it (`crate::schedule` reads it): a usage
/// error that names the value and says why.
pub(super) fn schedule(text: &str) -> Result<Value, Failure> {
    Schedule::parse(text)
        .map(Schedule::to_api)
        .map_err(|why| usage(why).hint(SCHEDULE_HINT))
}

pub(super) use crate::schedule::quoted;

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
