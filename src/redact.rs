//! The one redaction of API keys. Every run of `RUN` or more consecutive
//! characters of a key this run has seen (raw, percent-encoded or
//! JSON-escaped) is written as `***`, and so is a shorter key whole. The
//! match looks through what sanitizing removes (controls, zero-width and
//! bidi characters) and through JSON escapes, so a key split by them is
//! still found. Server text passes through it where it enters and again
//! after it is sanitized; the writer that wraps stdout and stderr applies it
//! once more as the last line.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, Write};
use std::sync::RwLock;

use serde_json::Value;

use crate::chars;

/// The shortest run of a key that is never shown.
pub const RUN: usize = 8;

const MASK: &[u8] = b"***";

/// How many significant bytes a scan remembers: more than the longest whole
/// form (seven characters of four bytes, percent-encoded).
const RING: usize = 128;

/// What the filter looks for, built from every key this run has seen.
struct Patterns {
    /// Every run of `RUN` bytes of a long key's forms, packed into a u64.
    grams: HashSet<u64>,
    /// The long keys' forms, for telling whether a tail may become a run.
    long: Vec<Vec<u8>>,
    /// A quick no for most windows: one bit per hashed run.
    filter: Vec<u64>,
    /// Every form of a key shorter than `RUN` characters, matched whole.
    whole: Vec<Vec<u8>>,
}

static PATTERNS: RwLock<Option<Patterns>> = RwLock::new(None);

/// From now on, every run of `RUN` characters of `text` (trimmed; whole if
/// shorter), raw, percent-encoded or JSON-escaped, is written as `***`.
pub fn register(text: &str) {
    // What a display would drop is not part of what is looked for.
    let visible: String = text
        .trim()
        .chars()
        .filter(|c| !chars::is_unsafe(*c))
        .collect();
    let short = visible.chars().count() < RUN;
    // A key of punctuation alone would blank the JSON documents' own syntax.
    if visible.is_empty() || (short && !visible.chars().any(char::is_alphanumeric)) {
        return;
    }
    let encoded: String = visible.bytes().map(percent).collect();
    let escaped = serde_json::to_string(&visible).unwrap_or_default();
    let forms = [
        visible.clone(),
        encoded.to_ascii_lowercase(),
        encoded,
        escaped.trim_matches('"').to_string(),
    ];
    let Ok(mut guard) = PATTERNS.write() else {
        return;
    };
    let patterns = guard.get_or_insert_with(Patterns::new);
    for form in forms {
        patterns.add(form.into_bytes(), short);
    }
}

fn percent(b: u8) -> String {
    if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
        (b as char).to_string()
    } else {
        format!("%{b:02X}")
    }
}

/// `text` with every run of a key replaced by `***`.
pub fn redact(text: &str) -> Cow<'_, str> {
    let Ok(guard) = PATTERNS.read() else {
        return Cow::Borrowed(text);
    };
    let Some(patterns) = guard.as_ref() else {
        return Cow::Borrowed(text);
    };
    let found = patterns.scan(text.as_bytes(), true);
    if found.spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len());
    emit(text.as_bytes(), &found, &mut out);
    // Spans start and end on whole characters, so this is never lossy.
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// Every string of `value`, keys included, redacted in place: a copy of the
/// server's JSON that is meant for display.
pub fn redact_json(value: &mut Value) {
    match value {
        Value::String(text) => {
            if let Cow::Owned(shown) = redact(text) {
                *text = shown;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        Value::Object(map) => {
            if map.keys().any(|k| matches!(redact(k), Cow::Owned(_))) {
                let old = std::mem::take(map);
                *map = old
                    .into_iter()
                    .map(|(k, v)| (redact(&k).into_owned(), v))
                    .collect();
            }
            map.values_mut().for_each(redact_json);
        }
        _ => {}
    }
}

/// What a scan found: the runs to mask, and where the part that may still
/// become a run (waiting for more input) begins.
struct Found {
    spans: Vec<(usize, usize)>,
    hold: usize,
}

/// Copies `input[..found.hold]` to `out` with every span masked.
fn emit(input: &[u8], found: &Found, out: &mut Vec<u8>) {
    let mut at = 0;
    for &(start, end) in &found.spans {
        out.extend_from_slice(&input[at..start]);
        out.extend_from_slice(MASK);
        at = end;
    }
    out.extend_from_slice(&input[at..found.hold]);
}

/// One step of a scan: a character, a JSON escape, or a byte that is not
/// UTF-8.
enum Unit {
    /// Removed by sanitizing, so looked through.
    Hidden,
    Char(char),
    Byte(u8),
}

fn classify(c: char) -> Unit {
    // A line break stays a break when sanitized: no key runs across it.
    if c != '\n' && chars::is_unsafe(c) {
        Unit::Hidden
    } else {
        Unit::Char(c)
    }
}

/// The unit at the start of `input`, and its length in bytes.
fn next_unit(input: &[u8]) -> (usize, Unit) {
    let b = input[0];
    if b == b'\\' {
        if let Some((len, c)) = json_escape(input) {
            return (len, classify(c));
        }
    }
    if b < 0x80 {
        return (1, classify(char::from(b)));
    }
    let len = match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return (1, Unit::Byte(b)),
    };
    match input
        .get(..len)
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(|s| s.chars().next())
    {
        Some(c) => (len, classify(c)),
        None => (1, Unit::Byte(b)),
    }
}

/// A JSON escape at the start of `input`: `\n`, `\"`, `\u00e9`, a
/// surrogate pair.
fn json_escape(input: &[u8]) -> Option<(usize, char)> {
    let simple = match input.get(1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => return unicode_escape(input),
        _ => return None,
    };
    Some((2, simple))
}

fn unicode_escape(input: &[u8]) -> Option<(usize, char)> {
    let hex = |at: usize| {
        let digits = std::str::from_utf8(input.get(at..at + 4)?).ok()?;
        u32::from_str_radix(digits, 16).ok()
    };
    let high = hex(2)?;
    if (0xD800..0xDC00).contains(&high) && input.get(6..8) == Some(b"\\u") {
        if let Some(low) = hex(8).filter(|l| (0xDC00..0xE000).contains(l)) {
            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return Some((12, char::from_u32(c)?));
        }
    }
    Some((6, char::from_u32(high).unwrap_or('\u{FFFD}')))
}

/// Where the input may stop inside a unit (an escape or a character) that
/// the next write completes.
fn complete_end(input: &[u8]) -> usize {
    let n = input.len();
    let tail = n.saturating_sub(12);
    let mut end = match input[tail..].iter().rposition(|&b| b == b'\\') {
        Some(at) => tail + at,
        None => n,
    };
    for back in 1..=n.min(3) {
        let b = input[n - back];
        if b >= 0xC0 {
            let needs = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            if needs > back {
                end = end.min(n - back);
            }
            break;
        }
        if b < 0x80 {
            break;
        }
    }
    end
}

/// The last significant bytes of a scan, and where each one's unit starts.
struct Ring {
    bytes: [u8; RING],
    starts: [usize; RING],
    seen: usize,
}

impl Ring {
    fn push(&mut self, byte: u8, start: usize) {
        self.bytes[self.seen % RING] = byte;
        self.starts[self.seen % RING] = start;
        self.seen += 1;
    }

    /// The `n`th byte from the end (1 is the last), and its unit's start.
    fn back(&self, n: usize) -> (u8, usize) {
        let at = (self.seen - n) % RING;
        (self.bytes[at], self.starts[at])
    }

    fn ends_with(&self, form: &[u8]) -> bool {
        form.len() <= self.seen.min(RING)
            && form
                .iter()
                .rev()
                .enumerate()
                .all(|(i, &b)| self.back(i + 1).0 == b)
    }
}

fn pack(run: &[u8]) -> u64 {
    run.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b))
}

fn filter_bit(window: u64) -> usize {
    (window.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

fn add_span(spans: &mut Vec<(usize, usize)>, mut start: usize, mut end: usize) {
    while let Some(&(s, e)) = spans.last() {
        if start > e {
            break;
        }
        start = start.min(s);
        end = end.max(e);
        spans.pop();
    }
    spans.push((start, end));
}

impl Patterns {
    fn new() -> Patterns {
        Patterns {
            grams: HashSet::new(),
            long: Vec::new(),
            filter: vec![0; 1 << 10],
            whole: Vec::new(),
        }
    }

    fn add(&mut self, form: Vec<u8>, short: bool) {
        if short {
            if form.len() <= RING && !self.whole.contains(&form) {
                self.whole.push(form);
            }
            return;
        }
        if form.len() < RUN || self.long.contains(&form) {
            return;
        }
        for run in form.windows(RUN) {
            let window = pack(run);
            self.grams.insert(window);
            let bit = filter_bit(window);
            self.filter[bit >> 6] |= 1 << (bit & 63);
        }
        self.long.push(form);
    }

    /// The length of the longest pattern that the ring ends with.
    fn matched(&self, ring: &Ring, window: u64) -> usize {
        let mut longest = 0;
        if ring.seen >= RUN {
            let bit = filter_bit(window);
            if self.filter[bit >> 6] & (1 << (bit & 63)) != 0 && self.grams.contains(&window) {
                longest = RUN;
            }
        }
        for form in &self.whole {
            if form.len() > longest && ring.ends_with(form) {
                longest = form.len();
            }
        }
        longest
    }

    /// Where the longest tail of the ring that could still grow into a
    /// pattern begins.
    fn open_tail(&self, ring: &Ring) -> Option<usize> {
        let longest = self.whole.iter().map(Vec::len).max().unwrap_or(0).max(RUN);
        let most = (longest - 1).min(ring.seen).min(RING);
        (1..=most).rev().find_map(|n| {
            let tail: Vec<u8> = (1..=n).rev().map(|i| ring.back(i).0).collect();
            let grows = self
                .long
                .iter()
                .any(|form| form.windows(RUN).any(|run| run.starts_with(&tail)))
                || self
                    .whole
                    .iter()
                    .any(|form| form.len() > n && form.starts_with(&tail));
            grows.then(|| ring.back(n).1)
        })
    }

    /// The runs of keys in `input`. Unless `last`, a tail that the next
    /// input could turn into a run is held back.
    fn scan(&self, input: &[u8], last: bool) -> Found {
        let end = if last {
            input.len()
        } else {
            complete_end(input)
        };
        let mut ring = Ring {
            bytes: [0; RING],
            starts: [0; RING],
            seen: 0,
        };
        let mut window = 0u64;
        let mut spans = Vec::new();
        let mut at = 0;
        while at < end {
            let (len, unit) = next_unit(&input[at..end]);
            let mut buf = [0; 4];
            let bytes: &[u8] = match unit {
                Unit::Hidden => &[],
                Unit::Char(c) => c.encode_utf8(&mut buf).as_bytes(),
                Unit::Byte(b) => {
                    buf[0] = b;
                    &buf[..1]
                }
            };
            for &b in bytes {
                ring.push(b, at);
                window = (window << 8) | u64::from(b);
                let n = self.matched(&ring, window);
                if n > 0 {
                    add_span(&mut spans, ring.back(n).1, at + len);
                }
            }
            at += len;
        }
        let mut hold = match last {
            true => input.len(),
            false => self.open_tail(&ring).unwrap_or(end).min(end),
        };
        // A run that reaches into the held part is held whole.
        while let Some(&(start, stop)) = spans.last() {
            if stop <= hold {
                break;
            }
            hold = hold.min(start);
            spans.pop();
        }
        Found { spans, hold }
    }
}

/// A writer that masks every run of a key on its way through. A tail that
/// could still become a run waits for the next write or a flush.
pub struct Redacted<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Redacted<W> {
    pub fn new(inner: W) -> Redacted<W> {
        Redacted {
            inner,
            pending: Vec::new(),
        }
    }

    fn pass(&mut self, last: bool) -> io::Result<()> {
        let guard = PATTERNS.read();
        let Some(patterns) = guard.as_ref().ok().and_then(|g| g.as_ref()) else {
            self.inner.write_all(&self.pending)?;
            self.pending.clear();
            return Ok(());
        };
        let found = patterns.scan(&self.pending, last);
        let mut out = Vec::with_capacity(found.hold + MASK.len());
        emit(&self.pending, &found, &mut out);
        drop(guard);
        self.pending.drain(..found.hold);
        self.inner.write_all(&out)
    }
}

impl<W: Write> Write for Redacted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.pass(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.pass(true)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Redacted<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The registry is shared by every test of the process: each test uses
    // keys of its own.

    fn through_writer(chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut w = Redacted::new(&mut out);
            for chunk in chunks {
                w.write_all(chunk).unwrap();
            }
            w.flush().unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_form_is_masked_even_split_across_writes() {
        register("tk_split+me/42");
        assert_eq!(
            redact("a tk_split+me/42 b tk_split%2Bme%2F42 c tk_split%2bme%2f42"),
            "a *** b *** c ***"
        );
        assert_eq!(
            through_writer(&[b"Bearer tk_spl", b"it+me/42 and tk_s"]),
            "Bearer *** and tk_s"
        );
    }

    #[test]
    fn any_run_of_eight_is_masked_at_any_offset() {
        let key = "pk_Offset0123456789abcdefghijXYZ";
        register(key);
        for from in 0..key.len() {
            for to in from + RUN..=key.len() {
                let text = format!("x{}y", &key[from..to]);
                assert_eq!(redact(&text), "x***y", "{from}..{to}");
            }
        }
        // Seven characters of it are ordinary text.
        assert_eq!(redact("x0123456y"), "x0123456y");
    }

    #[test]
    fn what_sanitizing_removes_and_json_escapes_do_not_hide_a_run() {
        register("hideAndSeek-2024-key");
        for hidden in [
            "hideA\u{200b}ndSeek",
            "hideA\u{1}ndSe\u{202e}ek",
            "hideA\\u200bndSeek",
            "hideA\\u0001ndSeek",
            "hide\\u0041ndSeek",
            "hideA\u{feff}nd\u{7f}Seek",
        ] {
            assert_eq!(redact(&format!("<{hidden}>")), "<***>", "{hidden:?}");
        }
        // A line break stays a break: seven and seven are not a run.
        assert_eq!(redact("hideAnd\nSeek-20"), "hideAnd\nSeek-20");
    }

    #[test]
    fn the_writer_holds_a_tail_until_it_is_decided() {
        register("heldKey-abcdefgh");
        assert_eq!(
            through_writer(&[b"one heldK", b"ey-ab", b"cd two\n"]),
            "one *** two\n"
        );
        assert_eq!(
            through_writer(&[b"x heldKey\xe2\x80", b"\x8b-abcd y"]),
            "x *** y"
        );
        assert_eq!(
            through_writer(&[b"x heldKey\\u20", b"0b-abcd y"]),
            "x *** y"
        );
    }

    #[test]
    fn a_short_key_is_masked_whole() {
        register("sh0rt");
        assert_eq!(redact("a sh0rt b sh\u{200b}0rt"), "a *** b ***");
        register("%$");
        assert_eq!(redact("{\"a\": \"%$\"}"), "{\"a\": \"%$\"}");
    }

    #[test]
    fn json_values_are_masked_keys_included() {
        register("jsonKey-0987654321");
        let mut value = serde_json::json!({
            "message": "echo jsonKey-09876\u{1}54321 end",
            "jsonKey-0987654321": [1, "ok", {"id": "jsonKey"}],
        });
        redact_json(&mut value);
        assert_eq!(
            value,
            serde_json::json!({"message": "echo *** end", "***": [1, "ok", {"id": "jsonKey"}]})
        );
    }

    #[test]
    fn text_without_keys_is_not_copied() {
        register("copyKey-1234567890");
        assert!(matches!(redact("nothing here"), Cow::Borrowed(_)));
    }
}
