//! HTTP: one kept-alive connection per run, no redirects, retries of what is
//! transient, and server errors turned into their exit codes.

use std::io::Read;
use std::time::{Duration, SystemTime};

use reqwest::blocking::{Client as Http, Response};
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, Url};
use serde_json::Value;

use crate::clock::Clock;
use crate::config::{is_loopback, Settings};
use crate::exit::{Failure, Kind};
use crate::secret::ApiKey;

const MAX_BODY: u64 = 1 << 20;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const BACKOFF_FIRST: Duration = Duration::from_millis(250);
const BACKOFF_CAP: Duration = Duration::from_secs(8);
const RETRY_AFTER_CAP: Duration = Duration::from_secs(60);

pub fn user_agent() -> String {
    format!("peaka-cli/{}", env!("CARGO_PKG_VERSION"))
}

/// The headers of every request, the key redacted unless `reveal`.
pub fn headers(key: &ApiKey, reveal: bool) -> Vec<(&'static str, String)> {
    let token = if reveal {
        key.expose().to_string()
    } else {
        key.to_string()
    };
    vec![
        ("Authorization", format!("Bearer {token}")),
        ("Accept", "application/json".to_string()),
        ("User-Agent", user_agent()),
    ]
}

/// Builds `{base}/seg/seg/...` through the URL's path-segment API, so that no
/// segment can add a path level, a query or a fragment.
pub fn endpoint(base: &Url, segments: &[&str], query: &[(&str, &str)]) -> Url {
    let mut url = base.clone();
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    url
}

/// A response, its body read (at most 1 MiB).
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub location: Option<String>,
    pub content_type: Option<String>,
    pub retry_after: Option<String>,
    /// How many requests it took to get this reply.
    pub tries: u32,
}

impl Reply {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The body as JSON; a malformed body is an API error (exit 10).
    pub fn json(&self, what: &str) -> Result<Value, Failure> {
        serde_json::from_slice(&self.body).map_err(|e| {
            Failure::new(Kind::Api, format!("malformed response to {what}: {e}"))
                .status(self.status)
        })
    }

    /// The server's own words: a JSON error's `message`, `error`, `detail` or
    /// `title`, or the start of a text body; never an HTML page.
    pub fn server_words(&self) -> Option<String> {
        if let Ok(json) = serde_json::from_slice::<Value>(&self.body) {
            for field in ["message", "error", "detail", "title"] {
                match json.get(field) {
                    Some(Value::String(text)) if !text.trim().is_empty() => {
                        return Some(clean(text, 200))
                    }
                    Some(Value::Object(inner)) => {
                        if let Some(Value::String(text)) = inner.get("message") {
                            return Some(clean(text, 200));
                        }
                    }
                    _ => {}
                }
            }
            return None;
        }
        let text = String::from_utf8_lossy(&self.body);
        let head: String = text.trim_start().chars().take(15).collect();
        let head = head.to_ascii_lowercase();
        let html = self
            .content_type
            .as_deref()
            .is_some_and(|t| t.contains("html"))
            || head.starts_with("<!doctype")
            || head.starts_with("<html");
        (!html && !text.trim().is_empty()).then(|| clean(&text, 200))
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
                    self.location.as_deref().map(|l| clean(l, 200)).unwrap_or_else(|| "nowhere".into())
                ),
            )
            .hint("check --base-url or the zone"),
            401 | 403 => Failure::new(
                Kind::Auth,
                format!(
                    "{what}: {} ({status}){words}",
                    if status == 401 { "the API key was not accepted" } else { "permission refused" }
                ),
            )
            .hint("check the API key and the project: a project API key reaches only its own project"),
            _ => Failure::new(Kind::Api, format!("{what}: the API answered {status}{words}{tries}")),
        };
        failure.status(status)
    }
}

/// One line of the server's text, without control characters (a hostile
/// server must not drive the terminal), at most `max` characters.
fn clean(text: &str, max: usize) -> String {
    let one_line: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    if one_line.chars().count() > max {
        let cut: String = one_line.chars().take(max).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}

pub struct Client<'a> {
    http: Http,
    base: Url,
    retries: u32,
    verbose: bool,
    clock: &'a dyn Clock,
}

impl<'a> Client<'a> {
    pub fn new(
        settings: &Settings,
        key: &ApiKey,
        verbose: bool,
        clock: &'a dyn Clock,
    ) -> Result<Client<'a>, Failure> {
        let base = settings.base_url.value.clone();
        let mut headers = HeaderMap::new();
        for (name, value) in self::headers(key, true) {
            let mut value = HeaderValue::from_str(&value).map_err(|_| {
                Failure::new(Kind::Config, "the API key cannot be sent in a header")
            })?;
            if name == "Authorization" {
                value.set_sensitive(true);
            }
            headers.insert(name, value);
        }
        let loopback = is_loopback(&base);
        let mut builder = Http::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .timeout(settings.request_timeout.value)
            .connect_timeout(CONNECT_TIMEOUT.min(settings.request_timeout.value))
            .https_only(!loopback);
        if loopback {
            // A proxy would carry the key off this machine in clear text.
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|e| {
            Failure::new(
                Kind::Internal,
                format!("cannot set up the HTTP client: {e}"),
            )
        })?;
        Ok(Client {
            http,
            base,
            retries: settings.retries.value,
            verbose,
            clock,
        })
    }

    pub fn url(&self, segments: &[&str], query: &[(&str, &str)]) -> Url {
        endpoint(&self.base, segments, query)
    }

    /// Sends a request, retrying connect failures, timeouts, 429 and 5xx
    /// gateway errors with backoff. No retry sleeps past `deadline` (on the
    /// clock's timeline). Statuses are returned as they are, for the caller.
    pub fn send(
        &self,
        method: Method,
        url: &Url,
        deadline: Option<Duration>,
    ) -> Result<Reply, Failure> {
        let mut tries = 0;
        loop {
            tries += 1;
            let (result, delay) = match self.exchange(&method, url, tries) {
                Ok(reply) if !is_transient(reply.status) => return Ok(reply),
                Ok(reply) => {
                    let delay = reply
                        .retry_after
                        .as_deref()
                        .and_then(|v| retry_after(v, SystemTime::now()))
                        .unwrap_or_else(|| backoff(tries - 1, fastrand::f64()));
                    (Ok(reply), delay)
                }
                Err(failure) => (Err(failure), backoff(tries - 1, fastrand::f64())),
            };
            let out_of_time = deadline.is_some_and(|d| self.clock.now() + delay > d);
            if tries <= self.retries && !out_of_time && !self.clock.interrupted() {
                if self.verbose {
                    let why = match &result {
                        Ok(reply) => reply.status.to_string(),
                        Err(failure) => failure.message.clone(),
                    };
                    eprintln!(
                        "retrying in {} ms (try {} of {}): {why}",
                        delay.as_millis(),
                        tries + 1,
                        self.retries + 1
                    );
                }
                self.clock.sleep(delay);
                if !self.clock.interrupted() {
                    continue;
                }
            }
            return result.map_err(|mut failure| {
                if tries > 1 {
                    failure.message = format!("{} (after {tries} tries)", failure.message);
                }
                failure
            });
        }
    }

    /// One request and its reply, logged with `-v`.
    fn exchange(&self, method: &Method, url: &Url, tries: u32) -> Result<Reply, Failure> {
        let started = std::time::Instant::now();
        let result = self.http.request(method.clone(), url.clone()).send();
        let elapsed = started.elapsed().as_millis();
        match result {
            Ok(response) => {
                let reply = read_reply(response, tries);
                if self.verbose {
                    eprintln!("{method} {url} {} ({elapsed} ms)", reply.status);
                }
                Ok(reply)
            }
            Err(err) => {
                let failure = network_failure(&err, url);
                if self.verbose {
                    eprintln!("{method} {url} failed: {} ({elapsed} ms)", failure.message);
                }
                Err(failure)
            }
        }
    }
}

fn read_reply(response: Response, tries: u32) -> Reply {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let status = response.status().as_u16();
    let location = header("location");
    let content_type = header("content-type");
    let retry_after = header("retry-after");
    let mut body = Vec::new();
    // A body cut short by the network reads as malformed later, if it matters.
    let _ = response.take(MAX_BODY).read_to_end(&mut body);
    Reply {
        status,
        body,
        location,
        content_type,
        retry_after,
        tries,
    }
}

fn is_transient(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

fn network_failure(err: &reqwest::Error, url: &Url) -> Failure {
    let host = url.host_str().unwrap_or("the API");
    let mut causes = Vec::new();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        causes.push(cause.to_string());
        source = cause.source();
    }
    let cause = causes.last().cloned().unwrap_or_else(|| err.to_string());
    let message = if err.is_timeout() {
        format!("request to {host} timed out")
    } else if err.is_connect() {
        format!("could not connect to {host}: {cause}")
    } else {
        format!("request to {host} failed: {cause}")
    };
    Failure::new(Kind::Network, message)
        .hint("check the network, the zone and --base-url; --request-timeout sets the time limit")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn reply(status: u16, body: &str, content_type: Option<&str>) -> Reply {
        Reply {
            status,
            body: body.as_bytes().to_vec(),
            location: None,
            content_type: content_type.map(str::to_string),
            retry_after: None,
            tries: 1,
        }
    }

    #[test]
    fn segments_cannot_bend_the_path() {
        let base = Url::parse("https://h.example/api/v1/").unwrap();
        let url = endpoint(
            &base,
            &["data", "projects", "a/b?c=d#e", "cache"],
            &[("excludeLogs", "true")],
        );
        assert_eq!(
            url.as_str(),
            "https://h.example/api/v1/data/projects/a%2Fb%3Fc=d%23e/cache?excludeLogs=true"
        );
    }

    #[test]
    fn backoff_is_full_jitter_capped() {
        assert_eq!(backoff(0, 0.0), Duration::ZERO);
        assert_eq!(backoff(0, 0.999), Duration::from_millis(250).mul_f64(0.999));
        assert_eq!(backoff(2, 1.0), Duration::from_secs(1));
        assert_eq!(backoff(10, 1.0), Duration::from_secs(8));
        assert_eq!(backoff(40, 1.0), Duration::from_secs(8));
        for attempt in 0..8 {
            for i in 0..10 {
                let d = backoff(attempt, f64::from(i) / 10.0);
                assert!(d <= Duration::from_secs(8));
            }
        }
    }

    #[test]
    fn retry_after_forms() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(retry_after("2", now), Some(Duration::from_secs(2)));
        assert_eq!(retry_after("3600", now), Some(Duration::from_secs(60)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:47 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:40:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn server_words() {
        assert_eq!(
            reply(500, r#"{"message":"boom"}"#, None)
                .server_words()
                .as_deref(),
            Some("boom")
        );
        assert_eq!(
            reply(
                400,
                r#"{"title":"Bad","detail":"no such thing"}"#,
                Some("application/problem+json")
            )
            .server_words()
            .as_deref(),
            Some("no such thing")
        );
        assert_eq!(
            reply(500, "<!DOCTYPE html><html>x</html>", None).server_words(),
            None
        );
        assert_eq!(
            reply(500, "plain failure\n\x1b[31mred", Some("text/plain"))
                .server_words()
                .as_deref(),
            Some("plain failure [31mred")
        );
        let long = "x".repeat(500);
        assert_eq!(reply(500, &long, None).server_words().unwrap().len(), 203);
    }

    #[test]
    fn statuses_map_to_kinds() {
        assert_eq!(reply(401, "", None).failure("cancel").kind.code(), 4);
        assert_eq!(reply(403, "", None).failure("cancel").kind.code(), 4);
        assert_eq!(reply(500, "", None).failure("cancel").kind.code(), 10);
        let mut redirect = reply(302, "", None);
        redirect.location = Some("https://elsewhere.example/".into());
        let failure = redirect.failure("cancel");
        assert_eq!(failure.kind.code(), 10);
        assert!(failure.message.contains("elsewhere.example"));
    }
}
