//! HTTP: one kept-alive connection per run, no redirects, retries of what is
//! transient, and server errors turned into their exit codes. Each exchange,
//! from connect to the body's last byte, is bounded in time and ends when a
//! signal arrives.

use std::future::Future;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Method, Response, Url};
use serde_json::Value;

use crate::clock::Clock;
use crate::exit::{Cause, Failure, Kind};
use crate::sanitize;
use crate::secret::ApiKey;
use crate::signal::Signal;
use crate::urls::is_loopback;

mod reply;
mod retry;

pub use reply::*;
pub use retry::*;

/// The most of an error answer's body that is read: only its first words
/// are ever shown.
const ERROR_BODY_MOST: usize = 1 << 20;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

const BACKOFF_FIRST: Duration = Duration::from_millis(250);

const BACKOFF_CAP: Duration = Duration::from_secs(8);

const RETRY_AFTER_CAP: Duration = Duration::from_secs(60);

/// Retry pauses this long or longer are announced without `-v`.
const ANNOUNCED: Duration = Duration::from_secs(1);

/// The words of `Cause::CaCertEmpty`, which the command edge may complete.
pub const NO_CA_CERT_WORDS: &str = "the CA certificate file holds no PEM certificate";

/// How often an exchange in flight looks for a signal.
const SIGNAL_CHECK: Duration = Duration::from_millis(20);

pub fn user_agent() -> String {
    format!("peaka-cli/{}", env!("CARGO_PKG_VERSION"))
}

/// The headers of every request, the key redacted unless `reveal`.
pub fn headers(key: &ApiKey, reveal: bool) -> [(&'static str, String); 3] {
    let token = if reveal {
        key.expose().to_string()
    } else {
        key.to_string()
    };
    [
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

/// One request as the client sends it: method, URL, a JSON body if any,
/// the most of its answer that is read, and whether it must not be tried
/// again once a try may have reached the server.
pub struct Outgoing<'u> {
    pub method: Method,
    pub url: &'u Url,
    pub body: Option<Vec<u8>>,
    pub most: usize,
    pub once_landed: bool,
}

/// The few settings the client needs.
#[derive(Clone, Debug)]
pub struct Options {
    pub base: Url,
    pub request_timeout: Duration,
    pub retries: u32,
    /// Extra CA certificates to trust, as PEM.
    pub ca_pem: Option<Vec<u8>>,
}

pub struct Client<'a> {
    http: reqwest::Client,
    runtime: Runtime,
    options: Options,
    clock: &'a dyn Clock,
    log: &'a dyn Log,
    gate: Option<&'a Gate>,
}

/// A pause shared by clients working side by side: a rate limit that one
/// meets slows them all. The time it opens is on the clock's timeline.
#[derive(Default)]
pub struct Gate(std::sync::Mutex<Duration>);

impl Gate {
    fn opens(&self) -> Duration {
        self.0.lock().map_or(Duration::ZERO, |until| *until)
    }

    fn close_until(&self, until: Duration) {
        if let Ok(mut current) = self.0.lock() {
            *current = (*current).max(until);
        }
    }
}

/// A current-thread runtime that, when dropped, does not wait for a DNS
/// lookup still running in its blocking pool.
struct Runtime(Option<tokio::runtime::Runtime>);

impl Runtime {
    fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.0
            .as_ref()
            .expect("runtime lives as long as the client")
            .block_on(future)
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl<'a> Client<'a> {
    pub fn new(
        options: Options,
        key: &ApiKey,
        clock: &'a dyn Clock,
        log: &'a dyn Log,
    ) -> Result<Client<'a>, Failure> {
        let loopback = is_loopback(&options.base);
        let mut builder = reqwest::Client::builder()
            .default_headers(default_headers(key)?)
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .connect_timeout(CONNECT_TIMEOUT.min(options.request_timeout))
            .https_only(!loopback);
        if loopback {
            // A proxy would carry the key off this machine in clear text.
            builder = builder.no_proxy();
        }
        let builder = trusting(builder, &options)?;
        let internal = |e: &dyn std::fmt::Display| {
            Failure::new(
                Kind::Internal,
                format!("cannot set up the HTTP client: {e}"),
            )
        };
        let http = builder.build().map_err(|e| internal(&e))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| internal(&e))?;
        Ok(Client {
            http,
            runtime: Runtime(Some(runtime)),
            options,
            clock,
            log,
            gate: None,
        })
    }

    /// Shares rate-limit pauses with the other clients of this gate.
    pub fn with_gate(mut self, gate: &'a Gate) -> Client<'a> {
        self.gate = Some(gate);
        self
    }

    /// Waits while the gate is closed, never past the deadline.
    fn through_gate(&self, deadline: Option<Duration>) {
        let Some(gate) = self.gate else {
            return;
        };
        let now = self.clock.now();
        let mut until = gate.opens();
        if let Some(deadline) = deadline {
            until = until.min(deadline);
        }
        if until > now {
            self.clock.sleep(until - now);
        }
    }

    pub fn base(&self) -> &Url {
        &self.options.base
    }

    /// Sends a request, retrying connect failures, timeouts, dropped
    /// connections, 429 and 5xx gateway errors with backoff. With a
    /// `deadline` (on the clock's timeline) nothing runs or sleeps past it:
    /// reaching it is a `Kind::Timeout` failure. A signal ends it at once as
    /// `Kind::Interrupted`. Other statuses are returned for the caller. At
    /// most `most` bytes of the body are read (`Reply::exceeded` says when
    /// there was more).
    /// A request that must not act twice (`once_landed`) is not tried
    /// again after a try that may have reached the server: a 5xx answer is
    /// returned as it is, a broken exchange as `Cause::MayHaveLanded`.
    pub fn send(&self, out: &Outgoing, deadline: Option<Duration>) -> Result<Reply, Failure> {
        let mut tries = 0;
        let mut may_have_landed = false;
        loop {
            self.through_gate(deadline);
            if let Some(signal) = self.clock.interrupted() {
                return Err(interrupted(signal));
            }
            let left = deadline.map(|d| d.saturating_sub(self.clock.now()));
            if left.is_some_and(|l| l.is_zero()) {
                return Err(deadline_reached());
            }
            tries += 1;
            let limit = left.map_or(self.options.request_timeout, |l| {
                l.min(self.options.request_timeout)
            });
            let (result, delay, why) = match self.exchange(out, limit) {
                Ok(mut reply) if !is_transient(reply.status) => {
                    reply.tries = tries;
                    reply.earlier_try_may_have_landed = may_have_landed;
                    return Ok(reply);
                }
                Ok(mut reply) => {
                    reply.tries = tries;
                    reply.earlier_try_may_have_landed = may_have_landed;
                    may_have_landed |= server_may_have_acted(reply.status);
                    if may_have_landed && out.once_landed {
                        return Ok(reply);
                    }
                    let (delay, why) = self.pause_after(&reply, tries);
                    (Ok(reply), delay, why)
                }
                Err(Broken::Failed {
                    failure,
                    may_have_landed: landed,
                }) => {
                    may_have_landed |= landed;
                    if landed && out.once_landed {
                        return Err(failure.because(Cause::MayHaveLanded));
                    }
                    if !failure.transient {
                        return Err(failure);
                    }
                    let why = failure.message.clone();
                    (Err(failure), backoff(tries - 1, fastrand::f64()), why)
                }
                Err(Broken::Deadline) => return Err(deadline_reached()),
                Err(Broken::Interrupted(signal)) => return Err(interrupted(signal)),
            };
            if tries > self.options.retries {
                return result.map_err(|mut failure| {
                    if tries > 1 {
                        failure.message = format!("{} (after {tries} tries)", failure.message);
                    }
                    failure
                });
            }
            self.pause(delay, &why, tries, deadline);
        }
    }

    /// How long to wait after a transient reply (its `Retry-After`, else the
    /// backoff), and why; a 429 closes the gate for that long.
    fn pause_after(&self, reply: &Reply, tries: u32) -> (Duration, String) {
        let delay = reply
            .retry_after
            .as_deref()
            .and_then(|v| retry_after(v, SystemTime::now()))
            .unwrap_or_else(|| backoff(tries - 1, fastrand::f64()));
        let why = match reply.status {
            429 => {
                if let Some(gate) = self.gate {
                    gate.close_until(self.clock.now() + delay);
                }
                "rate limited (429)".to_string()
            }
            status => format!("the API answered {status}"),
        };
        (delay, why)
    }

    /// The pause before try `tries + 1`: told on stderr when a person would
    /// wonder, and never past the deadline.
    fn pause(&self, delay: Duration, why: &str, tries: u32, deadline: Option<Duration>) {
        let left = deadline.map(|d| d.saturating_sub(self.clock.now()));
        let next = format!("try {} of {}", tries + 1, self.options.retries + 1);
        match left {
            Some(left) if delay >= left => {
                self.log.note(&format!(
                    "{why}; a retry in {} would pass the time limit; waiting out the {} left",
                    short_duration(delay),
                    short_duration(left)
                ));
                self.clock.sleep(left);
                return;
            }
            _ if delay >= ANNOUNCED => self.log.note(&format!(
                "{why}; retrying in {} ({next})",
                short_duration(delay)
            )),
            _ => self.log.detail(&format!(
                "{why}; retrying in {} ms ({next})",
                delay.as_millis()
            )),
        }
        self.clock.sleep(delay);
    }

    /// One request and its reply, within `limit`, logged with `-v`.
    fn exchange(&self, out: &Outgoing, limit: Duration) -> Result<Reply, Broken> {
        let (method, url, most) = (&out.method, out.url, out.most);
        let started = Instant::now();
        let mut request = self.http.request(method.clone(), url.clone());
        if let Some(body) = &out.body {
            request = request
                .header("Content-Type", "application/json")
                .body(body.clone());
        }
        let work = async move { read_reply(request.send().await?, most).await };
        let clock = self.clock;
        let ended = self.runtime.block_on(async {
            tokio::select! {
                ended = tokio::time::timeout(limit, work) => Ok(ended),
                signal = until_signalled(clock) => Err(signal),
            }
        });
        let elapsed = started.elapsed().as_millis();
        let result = match ended {
            Err(signal) => Err(Broken::Interrupted(signal)),
            Ok(Ok(Ok(reply))) => Ok(reply),
            Ok(Ok(Err(err))) => Err(broken(&err, url)),
            Ok(Err(_)) if limit < self.options.request_timeout => Err(Broken::Deadline),
            Ok(Err(_)) => Err(Broken::Failed {
                failure: Failure::new(
                    Kind::Network,
                    format!(
                        "request to {} timed out after {}",
                        host(url),
                        short_duration(self.options.request_timeout)
                    ),
                )
                .because(Cause::RequestTimedOut)
                .transient(),
                may_have_landed: true,
            }),
        };
        match &result {
            Ok(reply) => self
                .log
                .detail(&format!("{method} {url} {} ({elapsed} ms)", reply.status)),
            Err(Broken::Failed { failure, .. }) => self.log.detail(&format!(
                "{method} {url} failed: {} ({elapsed} ms)",
                failure.message
            )),
            Err(_) => {}
        }
        result
    }
}

/// The headers of every request, the key marked sensitive.
fn default_headers(key: &ApiKey) -> Result<HeaderMap, Failure> {
    let mut headers = HeaderMap::new();
    for (name, value) in self::headers(key, true) {
        let mut value = HeaderValue::from_str(&value)
            .map_err(|_| Failure::new(Kind::Config, "the API key cannot be sent in a header"))?;
        if name == "Authorization" {
            value.set_sensitive(true);
        }
        headers.insert(name, value);
    }
    Ok(headers)
}

/// The certificates trusted: the built-in roots and any extra CA given,
/// over https; none over plain http to loopback.
fn trusting(
    mut builder: reqwest::ClientBuilder,
    options: &Options,
) -> Result<reqwest::ClientBuilder, Failure> {
    if options.base.scheme() != "https" {
        // Plain http to loopback: no store to load, so no time spent.
        return Ok(builder.tls_built_in_root_certs(false));
    }
    if let Some(pem) = &options.ca_pem {
        let certs = reqwest::Certificate::from_pem_bundle(pem)
            .ok()
            .filter(|c| !c.is_empty())
            .ok_or_else(|| {
                Failure::new(Kind::Config, NO_CA_CERT_WORDS)
                    .hint("give a file of -----BEGIN CERTIFICATE----- blocks")
                    .because(Cause::CaCertEmpty)
            })?;
        for cert in certs {
            builder = builder.add_root_certificate(cert);
        }
    }
    Ok(builder)
}

async fn until_signalled(clock: &dyn Clock) -> Signal {
    loop {
        if let Some(signal) = clock.interrupted() {
            return signal;
        }
        tokio::time::sleep(SIGNAL_CHECK).await;
    }
}

/// Reads the status, headers and body. A body longer than `most` (an error
/// answer's, than 1 MiB) is read no further, whatever its length says.
async fn read_reply(mut response: Response, most: usize) -> Result<Reply, reqwest::Error> {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let mut reply = Reply {
        status: response.status().as_u16(),
        location: header("location"),
        content_type: header("content-type"),
        retry_after: header("retry-after"),
        ..Reply::default()
    };
    let most = if reply.is_success() {
        most
    } else {
        most.min(ERROR_BODY_MOST)
    };
    let announced = response.content_length().unwrap_or(0);
    // An answer that says it is too long is not read; an error's is, up
    // to the cap, for its first words.
    if announced > most as u64 && reply.is_success() {
        reply.exceeded = Some(most);
        return Ok(reply);
    }
    // Room for what the length announces, once, rather than growing.
    reply
        .body
        .reserve_exact(announced.min(most as u64) as usize);
    // A body cut short by the network reads as malformed later, if it matters.
    while let Ok(Some(chunk)) = response.chunk().await {
        let room = most - reply.body.len();
        if chunk.len() > room {
            reply.body.extend_from_slice(&chunk[..room]);
            reply.exceeded = Some(most);
            break;
        }
        reply.body.extend_from_slice(&chunk);
    }
    Ok(reply)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::fake::FakeClock;

    fn reply(status: u16, body: &str, content_type: Option<&str>) -> Reply {
        Reply {
            status,
            body: body.as_bytes().to_vec(),
            content_type: content_type.map(str::to_string),
            tries: 1,
            ..Reply::default()
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
    fn backoff_grows_from_250ms_doubling_and_stays_under_8s() {
        let ceiling = |attempt| backoff(attempt, 0.999_999);
        assert_eq!(backoff(3, 0.0), Duration::ZERO, "full jitter reaches zero");
        assert!(ceiling(0) <= Duration::from_millis(250));
        assert!(ceiling(0) > Duration::from_millis(249));
        for attempt in 0..40 {
            assert!(ceiling(attempt) <= Duration::from_secs(8), "{attempt}");
            assert!(ceiling(attempt + 1) >= ceiling(attempt), "{attempt}");
            assert!(backoff(attempt, 0.5) < ceiling(attempt), "{attempt}");
        }
        assert!(
            ceiling(5) > Duration::from_millis(7990),
            "capped by attempt 5"
        );
    }

    #[derive(Default)]
    struct Notes(std::cell::RefCell<Vec<String>>);
    impl Log for Notes {
        fn note(&self, line: &str) {
            self.0.borrow_mut().push(format!("note: {line}"));
        }
        fn detail(&self, line: &str) {
            self.0.borrow_mut().push(format!("detail: {line}"));
        }
    }

    fn client<'a>(clock: &'a FakeClock, log: &'a Notes) -> Client<'a> {
        let options = Options {
            base: Url::parse("http://127.0.0.1:9/api/v1").unwrap(),
            request_timeout: Duration::from_secs(30),
            retries: 3,
            ca_pem: None,
        };
        Client::new(options, &ApiKey::parse("k-12345").unwrap(), clock, log).unwrap()
    }

    #[test]
    fn a_pause_never_passes_the_deadline_and_says_so() {
        let (clock, log) = (FakeClock::default(), Notes::default());
        clock.now.set(Duration::from_millis(7_300));
        let deadline = Some(Duration::from_secs(10));
        client(&clock, &log).pause(Duration::from_secs(30), "rate limited (429)", 1, deadline);
        assert_eq!(*clock.sleeps.borrow(), [Duration::from_millis(2_700)]);
        assert_eq!(
            log.0.borrow().as_slice(),
            ["note: rate limited (429); a retry in 30s would pass the time limit; waiting out the 2.7s left"]
        );
    }

    #[test]
    fn pauses_of_a_second_or_more_are_told_shorter_ones_only_with_v() {
        let (clock, log) = (FakeClock::default(), Notes::default());
        let c = client(&clock, &log);
        c.pause(Duration::from_secs(60), "rate limited (429)", 1, None);
        c.pause(
            Duration::from_millis(300),
            "the API answered 503",
            2,
            Some(Duration::from_secs(600)),
        );
        assert_eq!(
            log.0.borrow().as_slice(),
            [
                "note: rate limited (429); retrying in 60s (try 2 of 4)",
                "detail: the API answered 503; retrying in 300 ms (try 3 of 4)"
            ]
        );
        assert_eq!(
            *clock.sleeps.borrow(),
            [Duration::from_secs(60), Duration::from_millis(300)]
        );
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
        for (page, content_type) in [
            ("<!DOCTYPE html><html>x</html>", None),
            ("\u{feff}\n  <!doctype HTML><p>Bearer x</p>", None),
            ("  <HTML><p>x</p></HTML>", Some("text/plain")),
            ("Bearer x", Some("TEXT/HTML; charset=utf-8")),
            ("<!-- proxy --><html><p>Bearer x</p></html>", None),
            ("\u{feff} <?xml version=\"1.0\"?><error>x</error>", None),
            ("<head><title>x</title></head>", Some("text/plain")),
        ] {
            assert_eq!(
                reply(500, page, content_type).server_words(),
                None,
                "{page}"
            );
        }
        assert_eq!(
            reply(500, "plain failure\n\x1b[31mred", Some("text/plain"))
                .server_words()
                .as_deref(),
            Some("plain failure [31mred")
        );
        assert_eq!(
            reply(500, "\u{feff}{\"message\":\"boom\"}", None)
                .server_words()
                .as_deref(),
            Some("boom")
        );
        let long = "x".repeat(500);
        assert_eq!(reply(500, &long, None).server_words().unwrap().len(), 200);
        let cut = format!(r#"{{"code": 7, "message": "bad \"thing\"", "pad": "{long}"#);
        assert_eq!(
            reply(400, &cut, None).server_words().as_deref(),
            Some("bad \"thing\"")
        );
        assert_eq!(reply(400, r#"{"pad": "xx"#, None).server_words(), None);
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
