//! Exit codes and the one error type that knows its code.

use std::fmt;

use crate::signal::Signal;

/// What went wrong, as scripts see it: each kind has a stable exit code and a
/// stable name in the JSON document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Internal,
    Usage,
    Config,
    Auth,
    NotFound,
    NotRunning,
    Timeout,
    TooLate,
    /// A followed execution ended in another state than the one asked for.
    Ended,
    Network,
    Api,
    /// The cache to create exists already (409).
    Exists,
    /// A signal asked the run to stop; the exit code is 128 + its number.
    Interrupted(Signal),
}

impl Kind {
    pub fn code(self) -> u8 {
        match self {
            Kind::Internal => 1,
            Kind::Usage => 2,
            Kind::Config => 3,
            Kind::Auth => 4,
            Kind::NotFound => 5,
            Kind::NotRunning => 6,
            Kind::Timeout => 7,
            Kind::TooLate | Kind::Ended => 8,
            Kind::Network => 9,
            Kind::Api => 10,
            Kind::Exists => 12,
            Kind::Interrupted(signal) => signal.exit_code(),
        }
    }

    /// Every name, for the schema.
    #[cfg(test)]
    const NAMES: [&'static str; 13] = [
        "internal",
        "usage",
        "config",
        "auth",
        "not_found",
        "not_running",
        "timeout",
        "too_late",
        "ended",
        "network",
        "api",
        "exists",
        "interrupted",
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Internal => "internal",
            Kind::Usage => "usage",
            Kind::Config => "config",
            Kind::Auth => "auth",
            Kind::NotFound => "not_found",
            Kind::NotRunning => "not_running",
            Kind::Timeout => "timeout",
            Kind::TooLate => "too_late",
            Kind::Ended => "ended",
            Kind::Network => "network",
            Kind::Api => "api",
            Kind::Exists => "exists",
            Kind::Interrupted(_) => "interrupted",
        }
    }
}

/// In JSON, a kind is its name.
impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[cfg(test)]
impl schemars::JsonSchema for Kind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ErrorKind".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "enum": Kind::NAMES })
    }
}

/// The table printed at the end of `--help` and kept in the README, as a
/// literal for `concat!` in the help of the commands that wait.
macro_rules! exit_codes {
    () => {
        "\
Exit codes:
  0    success
  1    unexpected internal error
  2    usage: bad flags, invalid IDs, or --cache - input past its limits
  3    configuration: no API key, unreadable or malformed config, unknown zone
       or profile, insecure base URL, a config or key file that cannot be
       written, or its lock still held after 10 s
  4    authentication or permission refused (401/403)
  5    not found: the cache or project does not exist, or the execution
       that cache wait --execution names
  6    nothing to cancel, or to wait for (0 with --if-running)
  7    timed out: --timeout ran out
  8    ended otherwise: completed or failed before a cancel took effect, or
       failed or was cancelled while waited for (--wait, cache wait)
  9    network: DNS, connect, TLS or timeout
  10   API error: unexpected status, malformed response, an answer over its
       size limit, or an item that lacks what the command needs
  11   some items of a bulk run (cancel, delete, create) did not succeed
  12   the cache to create exists already (0 with --if-missing)
  129  interrupted by SIGHUP
  130  interrupted by SIGINT (Ctrl-C)
  143  interrupted by SIGTERM"
    };
}
pub(crate) use exit_codes;

/// What a failure of the client or the API layer was, as data: the words
/// that name flags or commands for it (a hint, a flag in the message) are
/// chosen at the command edge (`commands/words.rs`), not where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// The API answered with a redirect, which is not followed.
    Redirect,
    /// No connection could be made.
    NotConnected,
    /// The connection broke during the exchange.
    Broke,
    /// One exchange took longer than the time limit of a request.
    RequestTimedOut,
    /// The server's TLS certificate is not trusted.
    TlsUntrusted,
    /// The time limit of the whole command ran out.
    Deadline,
    /// A request that must not act twice was not tried again: its try
    /// broke after it may have reached the server.
    MayHaveLanded,
    /// The file of extra CA certificates holds none.
    CaCertEmpty,
    /// The API refused the key (401/403).
    KeyRefused,
    /// A list of caches was longer than its cap.
    ListTooBig,
    /// No such cache in the project; `base` is the API's base URL, and
    /// `zone_url` whether it is a zone's.
    CacheMissing {
        project: String,
        zone_url: bool,
        base: String,
    },
}

/// An error a user can act on: a message, perhaps a hint, and the HTTP status
/// that caused it. Anything else that reaches `main` is an internal error.
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
    pub http_status: Option<u16>,
    /// A try later might succeed: a network failure (not a certificate
    /// problem), a timeout, 429 or a 5xx gateway error.
    pub transient: bool,
    /// What it was, for the words chosen at the command edge; `None` once
    /// they are.
    pub cause: Option<Box<Cause>>,
}

impl Failure {
    pub fn new(kind: Kind, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            message: message.into(),
            hint: None,
            http_status: None,
            transient: false,
            cause: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Failure {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_status(mut self, status: u16) -> Failure {
        self.http_status = Some(status);
        self
    }

    pub fn transient(mut self) -> Failure {
        self.transient = true;
        self
    }

    pub fn because(mut self, cause: Cause) -> Failure {
        self.cause = Some(Box::new(cause));
        self
    }

    pub fn interrupted(signal: Signal, message: impl Into<String>) -> Failure {
        Failure::new(Kind::Interrupted(signal), message)
    }
}

pub fn usage(message: impl Into<String>) -> Failure {
    Failure::new(Kind::Usage, message)
}

pub fn config(message: impl Into<String>) -> Failure {
    Failure::new(Kind::Config, message)
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_table_lists_every_code() {
        let kinds = [
            Kind::Internal,
            Kind::Usage,
            Kind::Config,
            Kind::Auth,
            Kind::NotFound,
            Kind::NotRunning,
            Kind::Timeout,
            Kind::TooLate,
            Kind::Ended,
            Kind::Network,
            Kind::Api,
            Kind::Exists,
            Kind::Interrupted(Signal::HangUp),
            Kind::Interrupted(Signal::Interrupt),
            Kind::Interrupted(Signal::Terminate),
        ];
        let listed: Vec<u8> = exit_codes!()
            .lines()
            .skip(1)
            .filter_map(|l| l.split_whitespace().next()?.parse().ok())
            .collect();
        for kind in kinds {
            assert!(
                listed.contains(&kind.code()),
                "{kind:?} is not in the table"
            );
        }
        assert_eq!(
            kinds.iter().map(|k| k.code()).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 12, 129, 130, 143]
        );
        for kind in kinds {
            assert!(Kind::NAMES.contains(&kind.name()), "{kind:?}");
        }
    }
}
