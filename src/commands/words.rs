//! The words people read for what the client and the API layer report as
//! data (`exit::Cause`): the hints and phrases that name flags, commands or
//! where the key came from are chosen here, at the command edge, and
//! nowhere below it.

use crate::client;
use crate::config::{self, Settings};
use crate::document::HeldDocument;
use crate::exit::{Cause, Failure};
use crate::output::Outcome;
use crate::schedule::Shown;
use crate::urls;

/// What the words depend on that only the command edge knows.
#[derive(Debug, Default)]
pub struct Edge {
    /// Where the key came from, for the hint of a refusal (401/403);
    /// `None` keeps the client's general hint.
    pub key: Option<KeyFrom>,
    /// The profile of the run, for commands that repeat it (`--hold`'s
    /// restore command).
    pub profile: Option<String>,
}

#[derive(Debug)]
pub enum KeyFrom {
    /// A key of the settings, as `config::key_origin` names its origin.
    Settings(String),
    /// The key `auth login` was given: "standard input" or "the terminal".
    Login(&'static str),
}

impl Edge {
    /// The edge of a command run with the key of these settings.
    pub fn of(settings: &Settings) -> Edge {
        let origin = settings.key.as_ref().map(config::key_origin);
        Edge {
            key: origin.map(KeyFrom::Settings),
            profile: settings.profile.as_ref().map(|p| p.value.clone()),
        }
    }

    /// The edge of `auth login`, checking the key it was given.
    pub fn login(given: &'static str) -> Edge {
        Edge {
            key: Some(KeyFrom::Login(given)),
            profile: None,
        }
    }
}

const NETWORK_HINT: &str =
    "check the network, the zone and --base-url; --request-timeout sets the time limit";

/// The failure with its final words: the hint its cause calls for, and the
/// flag its message names. A failure without a cause (or already worded)
/// is returned as it is.
pub fn worded(mut failure: Failure, edge: &Edge) -> Failure {
    let Some(cause) = failure.cause.take() else {
        return failure;
    };
    let hint = match *cause {
        Cause::Redirect => "check --base-url or the zone".to_string(),
        Cause::NotConnected | Cause::Broke | Cause::RequestTimedOut => NETWORK_HINT.to_string(),
        Cause::MayHaveLanded => {
            "the API may have acted on it before the exchange broke: check before sending it again"
                .to_string()
        }
        Cause::TlsUntrusted => "behind a proxy that inspects TLS, trust its CA with --ca-cert PATH (or SSL_CERT_FILE); else check --base-url".to_string(),
        Cause::Deadline => {
            let words = "the time limit (--timeout) ran out";
            failure.message = failure.message.replacen(client::DEADLINE_WORDS, words, 1);
            return failure;
        }
        Cause::CaCertEmpty => {
            let words = "the --ca-cert file holds no PEM certificate";
            failure.message = failure.message.replacen(client::NO_CA_CERT_WORDS, words, 1);
            return failure;
        }
        Cause::KeyRefused => match &edge.key {
            Some(KeyFrom::Settings(origin)) => refused_hint(origin),
            Some(KeyFrom::Login(given)) => format!(
                "the key came from {given}: check it, and the project (a project API key reaches only its own project)"
            ),
            None => return failure,
        },
        Cause::ListTooBig => "--catalog or --schema asks for fewer caches".to_string(),
        Cause::CacheMissing {
            project,
            zone_url: true,
            ..
        } => format!(
            "check the IDs: `peaka cache list --project {project}` shows the project's caches; a project key reaches only its own project"
        ),
        Cause::CacheMissing { project, base, .. } => format!(
            "check the IDs (`peaka cache list --project {project}` shows the project's caches), and --base-url {}: it ends in /api/v1, e.g. {}",
            urls::shown_url(&base),
            urls::ZONES[0].1
        ),
    };
    failure.hint = Some(hint);
    failure
}

/// The hint of a refusal of the key (401/403): where the key came from.
fn refused_hint(origin: &str) -> String {
    format!(
        "the API key came from {origin}: check it and the project (a project API key reaches only its own project), or save another with `peaka auth login`"
    )
}

/// An outcome with its failure, if any, worded, and with `--hold` the
/// command that restores the schedule.
pub fn outcome(mut outcome: Outcome, edge: &Edge) -> Outcome {
    outcome.failure = outcome.failure.map(|f| worded(f, edge));
    if let Some(held) = &mut outcome.held {
        let (project, cache) = (outcome.project.as_deref(), outcome.cache.as_deref());
        held.restore = restore_command(&held.document, project.zip(cache), edge);
    }
    outcome
}

/// `peaka cache schedule set …` that writes back the schedule `--hold`
/// paused, on the same project, cache and profile; `None` when there is
/// no schedule peaka can write back (the API had none, or one of a form
/// `set` does not take).
fn restore_command(held: &HeldDocument, on: Option<(&str, &str)>, edge: &Edge) -> Option<String> {
    let (project, cache) = on?;
    let schedule = match Shown::of(held.previous.as_ref()) {
        Shown::Paused => "none".to_string(),
        Shown::Every(every) => every.iso(),
        Shown::Unset | Shown::Other(_) => return None,
    };
    let profile = edge
        .profile
        .as_deref()
        .map_or(String::new(), |p| format!(" --profile {}", shell_word(p)));
    Some(format!(
        "peaka cache schedule set -p {project} {cache} --{}-schedule {schedule}{profile}",
        held.kind
    ))
}

/// A word as a POSIX shell reads it back: bare when safe, else quoted.
fn shell_word(text: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_.:/@%+=,".contains(c);
    match !text.is_empty() && text.chars().all(safe) {
        true => text.to_string(),
        false => format!("'{}'", text.replace('\'', "'\\''")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::Kind;

    fn missing(zone_url: bool) -> Failure {
        Failure::new(Kind::NotFound, "cache c not found in project p").because(
            Cause::CacheMissing {
                project: "p".into(),
                zone_url,
                base: "http://127.0.0.1:9/api/v1".into(),
            },
        )
    }

    #[test]
    fn hints_name_the_flags_and_where_the_key_came_from() {
        let edge = Edge {
            key: Some(KeyFrom::Settings("env PEAKA_API_KEY".into())),
            profile: None,
        };
        let refused = Failure::new(Kind::Auth, "refused")
            .hint("general")
            .because(Cause::KeyRefused);
        let hint = worded(refused.clone(), &edge).hint.unwrap_or_default();
        assert!(
            hint.starts_with("the API key came from env PEAKA_API_KEY"),
            "{hint}"
        );
        assert_eq!(
            worded(refused, &Edge::default()).hint.as_deref(),
            Some("general")
        );
        let hint = worded(missing(false), &edge).hint.unwrap_or_default();
        assert!(hint.contains("--base-url http://127.0.0.1:9/api/v1: it ends in /api/v1"));
        let hint = worded(missing(true), &edge).hint.unwrap_or_default();
        assert!(hint.contains("`peaka cache list --project p`") && !hint.contains("base-url"));
    }

    #[test]
    fn the_restore_command_repeats_project_cache_and_profile() {
        let held = |previous: Option<serde_json::Value>| HeldDocument {
            kind: "incremental",
            previous,
        };
        let edge = Edge {
            profile: Some("o'brien ci".into()),
            ..Edge::default()
        };
        let every = serde_json::json!({"type": "BASIC", "expression": "P1DT12H"});
        let command = restore_command(&held(Some(every)), Some(("p1", "c1")), &edge);
        assert_eq!(
            command.as_deref(),
            Some("peaka cache schedule set -p p1 c1 --incremental-schedule P1DT12H --profile 'o'\\''brien ci'")
        );
        let paused = Some(serde_json::json!({"type": "NONE"}));
        let command = restore_command(&held(paused), Some(("p1", "c1")), &Edge::default());
        assert_eq!(
            command.as_deref(),
            Some("peaka cache schedule set -p p1 c1 --incremental-schedule none")
        );
        assert_eq!(
            restore_command(&held(None), Some(("p1", "c1")), &edge),
            None
        );
    }

    #[test]
    fn the_message_gains_its_flag_once() {
        let deadline = Failure::new(Kind::Timeout, client::DEADLINE_WORDS).because(Cause::Deadline);
        let once = worded(deadline, &Edge::default());
        assert_eq!(once.message, "the time limit (--timeout) ran out");
        assert_eq!(
            worded(once, &Edge::default()).message,
            "the time limit (--timeout) ran out"
        );
    }
}
