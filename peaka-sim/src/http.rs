//! A small HTTP/1.1 server on std: keep-alive, Content-Length bodies, one
//! thread per connection. Small enough to control every fault exactly.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use percent_encoding::percent_decode_str;

/// The largest body read; a longer one is refused with 413.
const MAX_BODY: usize = 16 << 20;

pub struct Request {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: value.to_string().into_bytes(),
        }
    }

    pub fn empty(status: u16) -> Response {
        Response {
            status,
            headers: vec![],
            body: vec![],
        }
    }

    /// An `application/problem+json` answer, as the API's errors are.
    pub fn problem(status: u16, title: &str, detail: &str) -> Response {
        let body = serde_json::json!({"title": title, "status": status, "detail": detail});
        Response {
            status,
            headers: vec![("Content-Type".into(), "application/problem+json".into())],
            body: body.to_string().into_bytes(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// What the application does with a request.
pub enum Reply {
    Send(Response),
    /// Close the connection without answering.
    Drop,
}

pub trait Handler: Send + Sync + 'static {
    /// `first` is true for the first request on a new connection.
    fn handle(&self, request: Request, first: bool) -> Reply;
}

/// Serves until `stopped` is set (and one more connection arrives to wake
/// the loop).
pub fn serve(listener: TcpListener, handler: Arc<dyn Handler>, stopped: Arc<AtomicBool>) {
    for stream in listener.incoming() {
        if stopped.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let handler = Arc::clone(&handler);
        std::thread::spawn(move || {
            let _ = connection(stream, handler.as_ref());
        });
    }
}

fn connection(stream: TcpStream, handler: &dyn Handler) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    // An idle kept-alive connection is closed after a while, as servers do.
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let mut first = true;
    loop {
        let request = match read_request(&mut reader)? {
            Incoming::Request(request) => request,
            Incoming::Closed => return Ok(()),
            Incoming::Malformed(refusal) => return write_response(&mut writer, &refusal, true),
        };
        let close = request
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let reply = handler.handle(request, first);
        first = false;
        match reply {
            Reply::Drop => return Ok(()),
            Reply::Send(response) => write_response(&mut writer, &response, close)?,
        }
        if close {
            return Ok(());
        }
    }
}

/// What arrives on a connection.
enum Incoming {
    Request(Request),
    /// The peer closed the connection before a whole request head arrived.
    Closed,
    /// A request that cannot be read as HTTP/1.1; answered, then closed.
    Malformed(Response),
}

fn bad_request(detail: &str) -> Incoming {
    Incoming::Malformed(Response::problem(400, "Bad Request", detail))
}

fn read_request(reader: &mut impl BufRead) -> std::io::Result<Incoming> {
    let mut line = String::new();
    // Empty lines before a request line are ignored, as RFC 9112 allows.
    while line.trim().is_empty() {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(Incoming::Closed);
        }
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(bad_request("the request line is not METHOD TARGET VERSION"));
    };
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let Some(query) = decode_query(query) else {
        return Ok(bad_request("the query is not UTF-8 once percent-decoded"));
    };
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(Incoming::Closed);
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let Some((name, value)) = line.split_once(':') else {
            return Ok(bad_request(&format!("header line `{line}` has no colon")));
        };
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let mut request = Request {
        method: method.to_string(),
        path: path.to_string(),
        query,
        headers,
        body: Vec::new(),
    };
    let length = match body_length(&request) {
        Ok(length) => length,
        Err(refusal) => return Ok(Incoming::Malformed(refusal)),
    };
    request.body = vec![0; length];
    reader.read_exact(&mut request.body)?;
    Ok(Incoming::Request(request))
}

/// The length of the body that follows the headers, or why it is not read.
fn body_length(request: &Request) -> Result<usize, Response> {
    if request.header("transfer-encoding").is_some() {
        return Err(Response::problem(
            501,
            "Not Implemented",
            "send a Content-Length body",
        ));
    }
    match request.header("content-length").map(str::parse::<usize>) {
        None => Ok(0),
        Some(Ok(n)) if n <= MAX_BODY => Ok(n),
        Some(Ok(n)) => Err(Response::problem(
            413,
            "Content Too Large",
            &format!("a body of {n} bytes is over the limit of {MAX_BODY}"),
        )),
        Some(Err(_)) => Err(Response::problem(
            400,
            "Bad Request",
            "Content-Length is not a number of bytes",
        )),
    }
}

/// `a=1&b=x%20y` as pairs, percent-decoded; `None` when one is not UTF-8.
fn decode_query(query: &str) -> Option<Vec<(String, String)>> {
    let decode = |text: &str| {
        percent_decode_str(text)
            .decode_utf8()
            .ok()
            .map(String::from)
    };
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode(k)?, decode(v)?))
        })
        .collect()
}

fn write_response(out: &mut impl Write, response: &Response, close: bool) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
    if close {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(&response.body)?;
    out.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}
