//! A reply as read (its status, headers and body, the server's own words)
//! and the failure it means; and the failure of an exchange that broke.

use super::*;

/// A response, its body read up to the cap the caller gave (an error
/// answer's up to 1 MiB).
#[derive(Debug, Default)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    /// The body was longer than this cap: reading stopped there, and what
    /// was read is only its start.
    pub exceeded: Option<usize>,
    pub location: Option<String>,
    pub content_type: Option<String>,
    pub retry_after: Option<String>,
    /// How many requests it took to get this reply.
    pub tries: u32,
    /// An earlier try timed out, lost its connection after sending or met a
    /// gateway error: the server may have acted on it.
    pub earlier_try_may_have_landed: bool,
}

impl Reply {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The server's own words: a JSON error's `message`, `error`, `detail` or
    /// `title`, or the start of a text body; never an HTML page.
    pub fn server_words(&self) -> Option<String> {
        if let Ok(json) = serde_json::from_slice::<Value>(without_bom(&self.body)) {
            for field in ["message", "error", "detail", "title"] {
                match json.get(field) {
                    Some(Value::String(text)) if !sanitize::field(text).is_empty() => {
                        return Some(sanitize::field(text))
                    }
                    Some(Value::Object(inner)) => {
                        if let Some(Value::String(text)) = inner.get("message") {
                            return Some(sanitize::field(text));
                        }
                    }
                    _ => {}
                }
            }
            return None;
        }
        let text = String::from_utf8_lossy(&self.body);
        let start = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
        // JSON cut at the cap: its message, if one is there whole, and
        // never the JSON itself.
        if start.starts_with(['{', '[']) {
            return ["message", "error", "detail", "title"]
                .iter()
                .find_map(|field| string_field(start, field))
                .map(|text| sanitize::field(&text))
                .filter(|words| !words.is_empty());
        }
        // Markup of any kind (an HTML page, whatever its start, XML, a
        // comment) is a page, not words: never printed.
        let page = self
            .content_type
            .as_deref()
            .is_some_and(|t| t.to_ascii_lowercase().contains("html"))
            || start.starts_with('<');
        let words = sanitize::field(start);
        (!page && !words.is_empty()).then_some(words)
    }

    /// The failure for any status the caller does not handle itself.
    pub fn failure(&self, what: &str) -> Failure {
        let status = self.status;
        let words = self
            .server_words()
            .map(|w| format!(": {w}"))
            .unwrap_or_default();
        let tries = if self.tries > 1 {
            format!(" (after {} tries)", self.tries)
        } else {
            String::new()
        };
        let failure = match status {
            300..=399 => Failure::new(
                Kind::Api,
                format!(
                    "{what}: the API answered {status} redirecting to {}; peaka does not follow redirects",
                    self.location.as_deref().map(sanitize::field).unwrap_or_else(|| "nowhere".into())
                ),
            )
            .because(Cause::Redirect),
            401 | 403 => Failure::new(
                Kind::Auth,
                format!(
                    "{what}: {} ({status}){words}",
                    if status == 401 { "the API key was not accepted" } else { "permission refused" }
                ),
            )
            .hint("check the API key and the project: a project API key reaches only its own project")
            .because(Cause::KeyRefused),
            _ => Failure::new(Kind::Api, format!("{what}: the API answered {status}{words}{tries}")),
        };
        let failure = failure.with_status(status);
        if is_transient(status) {
            failure.transient()
        } else {
            failure
        }
    }
}

/// Where the client tells of what it does: `note` for what a user should
/// see (retry pauses of a second or more), `detail` for `-v`.
pub trait Log {
    fn note(&self, line: &str);
    fn detail(&self, line: &str);
}

/// How one exchange failed to give a reply.
pub(super) enum Broken {
    Failed {
        failure: Failure,
        /// The request may have reached the server before it broke.
        may_have_landed: bool,
    },
    /// The deadline ran out during the exchange.
    Deadline,
    Interrupted(Signal),
}

/// The first string value of `"field":` in JSON text that may be cut.
pub(super) fn string_field(json: &str, field: &str) -> Option<String> {
    let quoted = format!("\"{field}\"");
    let after = &json[json.find(&quoted)? + quoted.len()..];
    let value = after.trim_start().strip_prefix(':')?.trim_start();
    serde_json::Deserializer::from_str(value)
        .into_iter::<String>()
        .next()?
        .ok()
}

pub(super) fn is_transient(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// Whether the server may have acted on a request it answered with this
/// retried status: a 429 refuses before any work, but a 5xx (500 as much as
/// a gateway's 502, 503 or 504) may come after the work was done.
pub(super) fn server_may_have_acted(status: u16) -> bool {
    (500..=599).contains(&status)
}

pub(super) fn host(url: &Url) -> &str {
    url.host_str().unwrap_or("the API")
}

/// The body without a leading UTF-8 byte order mark, which some servers put
/// before their JSON.
pub(super) fn without_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body)
}

pub(super) fn interrupted(signal: Signal) -> Failure {
    Failure::interrupted(signal, format!("interrupted by {}", signal.name()))
}

/// The words of `Cause::Deadline`, which the command edge may complete.
pub const DEADLINE_WORDS: &str = "the time limit ran out";

pub(super) fn deadline_reached() -> Failure {
    Failure::new(Kind::Timeout, DEADLINE_WORDS).because(Cause::Deadline)
}

pub(super) fn broken(err: &reqwest::Error, url: &Url) -> Broken {
    let host = host(url);
    let mut causes = Vec::new();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        causes.push(cause.to_string());
        source = cause.source();
    }
    let cause = causes.last().cloned().unwrap_or_else(|| err.to_string());
    if causes.iter().any(|c| c.contains("certificate")) {
        // Retrying cannot fix a certificate, and must not wear it down.
        return Broken::Failed {
            failure: Failure::new(
                Kind::Network,
                format!(
                    "TLS certificate problem with {host}: {}",
                    sanitize::field(&cause)
                ),
            )
            .because(Cause::TlsUntrusted),
            may_have_landed: false,
        };
    }
    let (message, may_have_landed, why) = if err.is_connect() {
        let message = format!("could not connect to {host}: {cause}");
        (message, false, Cause::NotConnected)
    } else {
        let message = format!("the connection to {host} broke: {cause}");
        (message, true, Cause::Broke)
    };
    Broken::Failed {
        failure: Failure::new(Kind::Network, sanitize::field(&message))
            .because(why)
            .transient(),
        may_have_landed,
    }
}
