//! A small HTTP server that misbehaves on purpose: a raw TCP listener on a
//! free loopback port, one thread per connection, keep-alive, and a handler
//! that decides, request by request, what to do with the socket. It stops by
//! itself: when dropped, and in any case after `LIFETIME`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const LIFETIME: Duration = Duration::from_secs(60);

#[derive(Clone, Debug)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub authorization: String,
}

impl Request {
    pub fn is(&self, method: &str, tail: &str) -> bool {
        self.method == method && self.path.split('?').next().unwrap_or("").ends_with(tail)
    }
}

/// What the handler did with a request: keep the connection for the next
/// one, or close it.
pub enum Then {
    KeepAlive,
    Close,
}

type Handler = dyn Fn(&Request, &mut TcpStream, &Stopped) -> Then + Send + Sync;

/// Whether the server was told to stop; long answers check it.
#[derive(Clone)]
pub struct Stopped(Arc<AtomicBool>);

impl Stopped {
    pub fn now(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// Sleeps up to `duration`, returning early once stopped.
    pub fn sleep(&self, duration: Duration) {
        let end = Instant::now() + duration;
        while !self.now() && Instant::now() < end {
            thread::sleep(Duration::from_millis(20));
        }
    }
}

pub struct Hostile {
    pub base: String,
    seen: Arc<Mutex<Vec<Request>>>,
    stopped: Stopped,
    /// Set to refuse new connections from now on (the server "goes away").
    gone: Arc<AtomicBool>,
}

impl Hostile {
    pub fn start(
        handler: impl Fn(&Request, &mut TcpStream, &Stopped) -> Then + Send + Sync + 'static,
    ) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}/api/v1", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let stopped = Stopped(Arc::new(AtomicBool::new(false)));
        let gone = Arc::new(AtomicBool::new(false));
        let handler: Arc<Handler> = Arc::new(handler);
        let (s, st, g) = (seen.clone(), stopped.clone(), gone.clone());
        thread::spawn(move || accept(listener, handler, s, st, g));
        Hostile {
            base,
            seen,
            stopped,
            gone,
        }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.seen.lock().unwrap().clone()
    }

    /// Waits (up to 20 s) until `n` requests have arrived.
    pub fn wait_for_requests(&self, n: usize) {
        let end = Instant::now() + Duration::from_secs(20);
        while self.requests().len() < n {
            assert!(Instant::now() < end, "only {:?}", self.requests());
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Closes the listening socket: connections are refused from now on.
    pub fn go_away(&self) {
        self.gone.store(true, Ordering::SeqCst);
    }
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.stopped.0.store(true, Ordering::SeqCst);
    }
}

fn accept(
    listener: TcpListener,
    handler: Arc<Handler>,
    seen: Arc<Mutex<Vec<Request>>>,
    stopped: Stopped,
    gone: Arc<AtomicBool>,
) {
    let end = Instant::now() + LIFETIME;
    while !stopped.now() && !gone.load(Ordering::SeqCst) && Instant::now() < end {
        match listener.accept() {
            Ok((stream, _)) => {
                let (h, s, st, g) = (handler.clone(), seen.clone(), stopped.clone(), gone.clone());
                thread::spawn(move || serve(stream, h, s, st, g));
            }
            Err(_) => thread::sleep(Duration::from_millis(5)),
        }
    }
}

fn serve(
    stream: TcpStream,
    handler: Arc<Handler>,
    seen: Arc<Mutex<Vec<Request>>>,
    stopped: Stopped,
    gone: Arc<AtomicBool>,
) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader) {
        if gone.load(Ordering::SeqCst) {
            let _ = writer.shutdown(std::net::Shutdown::Both);
            return;
        }
        seen.lock().unwrap().push(request.clone());
        if let Then::Close = handler(&request, &mut writer, &stopped) {
            let _ = writer.shutdown(std::net::Shutdown::Both);
            return;
        }
    }
}

fn read_request(reader: &mut impl BufRead) -> Option<Request> {
    let mut first = String::new();
    reader.read_line(&mut first).ok().filter(|n| *n > 0)?;
    let mut parts = first.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut authorization = String::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok().filter(|n| *n > 0)?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        match name.to_ascii_lowercase().as_str() {
            "authorization" => authorization = value.trim().to_string(),
            "content-length" => length = value.trim().parse().unwrap_or(0),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    std::io::Read::read_exact(reader, &mut body).ok()?;
    Some(Request {
        method,
        path,
        authorization,
    })
}

/// Writes a whole response; the connection stays open for the next request.
pub fn respond(stream: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &str) -> Then {
    let mut head = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
    Then::KeepAlive
}

pub fn json(stream: &mut TcpStream, status: u16, body: &serde_json::Value) -> Then {
    respond(
        stream,
        status,
        &[("content-type", "application/json")],
        &body.to_string(),
    )
}

/// Answers 200 with headers that promise a body, then sends it one byte a
/// second until the client gives up or the server stops.
pub fn trickle(stream: &mut TcpStream, stopped: &Stopped) -> Then {
    let body = "{\"status\":\"RUNNING\"}".repeat(10);
    let head = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    for byte in body.bytes() {
        if stopped.now() || stream.write_all(&[byte]).is_err() {
            break;
        }
        stopped.sleep(Duration::from_secs(1));
    }
    Then::Close
}

/// Reads the request and never answers (until the server stops).
pub fn silence(stopped: &Stopped) -> Then {
    stopped.sleep(LIFETIME);
    Then::Close
}
