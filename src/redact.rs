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
/// form (seven characters of four bytes, escaped).
const RING: usize = 128;

/// What the filter looks for, built from every key this run has seen.
struct Patterns {
    /// Every run of `RUN` bytes of a long key's forms, packed into a u64.
    grams: HashSet<u64>,
    /// A quick no for most windows: one bit per hashed run.
    filter: Vec<u64>,
    /// For each length below `RUN`, one bit per hashed start of a run: a
    /// tail that may still grow into one (a false yes only holds it a
    /// little longer).
    starts: Vec<Vec<u64>>,
    /// Every form of a key shorter than `RUN` characters, matched whole
    /// where it stands as a word of its own.
    whole: Vec<Vec<u8>>,
}

static PATTERNS: RwLock<Option<Patterns>> = RwLock::new(None);

/// From now on, every run of `RUN` characters of `text` (trimmed; whole if
/// shorter), as it is or escaped, is written as `***`.
pub fn register(text: &str) {
    // What a display would drop is not part of what is looked for.
    let visible: String = text
        .trim()
        .chars()
        .filter(|c| !chars::is_unsafe(*c))
        .collect();
    let short = visible.chars().count() < RUN;
    if visible.is_empty() || (short && is_json_syntax(&visible)) {
        return;
    }
    // Escaped text is read in its decoded form too (see `Mode`); the JSON
    // form is kept for text that escapes some characters and not others.
    let escaped = serde_json::to_string(&visible).unwrap_or_default();
    let forms = [visible.clone(), escaped.trim_matches('"').to_string()];
    let Ok(mut guard) = PATTERNS.write() else {
        return;
    };
    let patterns = guard.get_or_insert_with(Patterns::new);
    for form in forms {
        patterns.add(form.into_bytes(), short);
    }
}

/// A short "key" that is a JSON literal, a number or JSON's punctuation:
/// masking it would break the documents themselves, and it hides nothing.
fn is_json_syntax(text: &str) -> bool {
    matches!(text, "true" | "false" | "null")
        || text.parse::<f64>().is_ok()
        || text.chars().all(|c| "{}[]\":,\\".contains(c))
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

/// How a scan reads the text. The same bytes are read both ways and what
/// either finds is masked: a backslash or a `%` in ordinary text stays
/// itself, and a key written with JSON or percent escapes is still found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Literal,
    Decoded,
}

/// One step of a scan: a character, an escape, or a byte that is not UTF-8.
enum Unit {
    /// Removed before display, so looked through.
    Hidden,
    /// Ends a run: a line break or a tab kept as it is (a table's columns).
    Break,
    Char(char),
    Byte(u8),
}

fn classify(c: char) -> Unit {
    match c {
        '\n' | '\t' => Unit::Break,
        c if chars::is_unsafe(c) => Unit::Hidden,
        c => Unit::Char(c),
    }
}

/// The unit at the start of `input`, and its length in bytes.
fn next_unit(input: &[u8], mode: Mode) -> (usize, Unit) {
    let b = input[0];
    if mode == Mode::Decoded {
        let decoded = match b {
            b'\\' => json_escape(input),
            b'%' => percent_escape(input),
            _ => None,
        };
        if let Some((len, unit)) = decoded {
            return (len, unit);
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

/// An escaped character is inside a string: any control is looked through.
fn escaped(c: char) -> Unit {
    if chars::is_unsafe(c) {
        Unit::Hidden
    } else {
        Unit::Char(c)
    }
}

/// A JSON escape at the start of `input`: `\n`, `\"`, `\u00e9`, a
/// surrogate pair.
fn json_escape(input: &[u8]) -> Option<(usize, Unit)> {
    let simple = match input.get(1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => return unicode_escape(input).map(|(len, c)| (len, escaped(c))),
        _ => return None,
    };
    Some((2, escaped(simple)))
}

fn hex(digits: &[u8]) -> Option<u32> {
    u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
}

fn unicode_escape(input: &[u8]) -> Option<(usize, char)> {
    let high = hex(input.get(2..6)?)?;
    if (0xD800..0xDC00).contains(&high) && input.get(6..8) == Some(b"\\u") {
        if let Some(low) = input
            .get(8..12)
            .and_then(hex)
            .filter(|l| (0xDC00..0xE000).contains(l))
        {
            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return Some((12, char::from_u32(c)?));
        }
    }
    Some((6, char::from_u32(high).unwrap_or('\u{FFFD}')))
}

/// `%2B`, `%2b`: a percent-encoded byte.
fn percent_escape(input: &[u8]) -> Option<(usize, Unit)> {
    let byte = u8::try_from(hex(input.get(1..3)?)?).ok()?;
    let unit = match byte {
        0..=0x7F => escaped(char::from(byte)),
        _ => Unit::Byte(byte),
    };
    Some((3, unit))
}

/// Where the input may stop inside a unit (an escape or a character) that
/// the next write completes.
fn complete_end(input: &[u8], mode: Mode) -> usize {
    let n = input.len();
    let mut end = n;
    if mode == Mode::Decoded {
        let tail = n.saturating_sub(12);
        if let Some(at) = input[tail..].iter().rposition(|&b| b == b'\\') {
            end = tail + at;
        }
        let tail = n.saturating_sub(2);
        if let Some(at) = input[tail..].iter().position(|&b| b == b'%') {
            end = end.min(tail + at);
        }
    }
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
    fn new() -> Ring {
        Ring {
            bytes: [0; RING],
            starts: [0; RING],
            seen: 0,
        }
    }

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

    /// The last `n` bytes packed into a u64 (`n` at most 8).
    fn packed(&self, n: usize) -> u64 {
        (1..=n)
            .rev()
            .fold(0, |acc, i| (acc << 8) | u64::from(self.back(i).0))
    }
}

/// A byte that continues a word: a short key inside a longer word is text.
fn in_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte >= 0x80
}

fn pack(run: &[u8]) -> u64 {
    run.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b))
}

fn bit(window: u64) -> usize {
    (window.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

fn set(bits: &mut [u64], window: u64) {
    let at = bit(window);
    bits[at >> 6] |= 1 << (at & 63);
}

fn has(bits: &[u64], window: u64) -> bool {
    let at = bit(window);
    bits[at >> 6] & (1 << (at & 63)) != 0
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

/// Spans from two scans of the same text, in order, merged.
fn merge(mut a: Vec<(usize, usize)>, b: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    a.extend(b);
    a.sort_unstable();
    let mut merged = Vec::with_capacity(a.len());
    for (start, end) in a {
        add_span(&mut merged, start, end);
    }
    merged
}

/// One scan in one mode: its spans, and where its open tail begins.
struct Pass<'p> {
    patterns: &'p Patterns,
    ring: Ring,
    window: u64,
    spans: Vec<(usize, usize)>,
    /// A short key just read, kept until the next byte says whether it
    /// stands alone.
    pending: Option<(usize, usize)>,
}

impl Pass<'_> {
    fn byte(&mut self, b: u8, start: usize, end: usize) {
        if let Some((s, e)) = self.pending.take() {
            if !in_word(b) {
                add_span(&mut self.spans, s, e);
            }
        }
        self.ring.push(b, start);
        self.window = (self.window << 8) | u64::from(b);
        let p = self.patterns;
        if self.ring.seen >= RUN && has(&p.filter, self.window) && p.grams.contains(&self.window) {
            add_span(&mut self.spans, self.ring.back(RUN).1, end);
        }
        for form in &p.whole {
            let n = form.len();
            let alone = n >= self.ring.seen || !in_word(self.ring.back(n + 1).0);
            if alone && self.ring.ends_with(form) {
                self.pending = Some((self.ring.back(n).1, end));
            }
        }
    }

    /// A run of `n` bytes at the end could still become a pattern.
    fn may_grow(&self, n: usize) -> bool {
        let p = self.patterns;
        (n < RUN && has(&p.starts[n], self.ring.packed(n)))
            || p.whole.iter().any(|form| {
                form.len() >= n && form.starts_with(&self.tail(n)) && n <= self.ring.seen
            })
    }

    fn tail(&self, n: usize) -> Vec<u8> {
        (1..=n).rev().map(|i| self.ring.back(i).0).collect()
    }

    /// Where the longest tail that may still become a pattern begins.
    fn open_tail(&self) -> Option<usize> {
        let longest = self.patterns.whole.iter().map(Vec::len).max().unwrap_or(0);
        let most = longest.max(RUN - 1).min(self.ring.seen).min(RING);
        (1..=most)
            .rev()
            .find(|&n| self.may_grow(n))
            .map(|n| self.ring.back(n).1)
    }
}

impl Patterns {
    fn new() -> Patterns {
        Patterns {
            grams: HashSet::new(),
            filter: vec![0; 1 << 10],
            starts: vec![vec![0; 1 << 10]; RUN],
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
        for run in form.windows(RUN) {
            let window = pack(run);
            if self.grams.insert(window) {
                set(&mut self.filter, window);
                for n in 1..RUN {
                    set(&mut self.starts[n], pack(&run[..n]));
                }
            }
        }
    }

    /// Reads `input[..end]` in one mode.
    fn pass(
        &self,
        input: &[u8],
        end: usize,
        mode: Mode,
        last: bool,
    ) -> (Vec<(usize, usize)>, usize) {
        let mut pass = Pass {
            patterns: self,
            ring: Ring::new(),
            window: 0,
            spans: Vec::new(),
            pending: None,
        };
        let mut at = 0;
        while at < end {
            let (len, unit) = next_unit(&input[at..end], mode);
            let mut buf = [0; 4];
            let bytes: &[u8] = match unit {
                Unit::Hidden => &[],
                Unit::Break => b"\n",
                Unit::Char(c) => c.encode_utf8(&mut buf).as_bytes(),
                Unit::Byte(b) => {
                    buf[0] = b;
                    &buf[..1]
                }
            };
            for &b in bytes {
                pass.byte(b, at, at + len);
            }
            at += len;
        }
        if last {
            if let Some((s, e)) = pass.pending.take() {
                add_span(&mut pass.spans, s, e);
            }
            return (pass.spans, input.len());
        }
        let hold = pass.open_tail().unwrap_or(end).min(end);
        (pass.spans, hold)
    }

    /// The runs of keys in `input`, read as it is and decoded. Unless
    /// `last`, a tail that the next input could turn into a run is held back.
    fn scan(&self, input: &[u8], last: bool) -> Found {
        let end_of = |mode| match last {
            true => input.len(),
            false => complete_end(input, mode),
        };
        let (mut spans, mut hold) = self.pass(input, end_of(Mode::Literal), Mode::Literal, last);
        if input.iter().any(|&b| b == b'\\' || b == b'%') {
            let (more, held) = self.pass(input, end_of(Mode::Decoded), Mode::Decoded, last);
            spans = merge(spans, more);
            hold = hold.min(held);
        }
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
            redact("a tk_split+me/42 b tk_split%2Bme%2F42 c tk_split%2bme%2f42 d tk_split+me\\/42"),
            "a *** b *** c *** d ***"
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
    fn a_short_key_is_masked_where_it_stands_alone() {
        register("Zq9x");
        assert_eq!(
            redact("a Zq9x b Zq\u{200b}9x. (Zq9x)"),
            "a *** b ***. (***)"
        );
        assert_eq!(redact("aZq9x Zq9xb"), "aZq9x Zq9xb");
        assert_eq!(through_writer(&[b"key Zq", b"9x", b" end"]), "key *** end");
        assert_eq!(through_writer(&[b"key Zq9", b"xyz"]), "key Zq9xyz");
        // JSON's own words and marks are no secret to mask.
        for syntax in ["true", "null", "12", "\":"] {
            register(syntax);
        }
        assert_eq!(
            redact(r#"{"ok": true, "n": 12, "x": null}"#),
            r#"{"ok": true, "n": 12, "x": null}"#
        );
    }

    #[test]
    fn a_backslash_or_a_percent_sign_before_a_run_hides_nothing() {
        register("Xq7Lp2Wn4Kd9Zs3Mv8Hc");
        assert_eq!(redact(r"path C:\n4Kd9Zs3 end"), r"path C:\*** end");
        assert_eq!(
            redact(r#""path C:\\n4Kd9Zs3 end""#),
            r#""path C:\\*** end""#
        );
        assert_eq!(redact("100%n4Kd9Zs3"), "100%***");
        assert_eq!(
            through_writer(&[br#""C:\\"#, br#"n4Kd9Zs3 end""#]),
            r#""C:\\*** end""#
        );
    }

    #[test]
    fn any_percent_encoding_is_read_decoded() {
        register("Ab3D+e6Gh/Jk9M=Np2Q");
        for encoded in [
            "Ab3D%2Be6Gh%2FJk9M%3DNp2Q",
            "Ab3D%2be6Gh%2fJk9M%3dNp2Q",
            "Ab3D%2Be6Gh/Jk9M%3DNp2Q",
            "%41b3D+e6Gh",
        ] {
            assert_eq!(redact(&format!("?t={encoded}&")), "?t=***&", "{encoded}");
        }
    }

    #[test]
    fn a_tab_or_a_line_break_ends_a_run() {
        register("tabKey-abcdefgh12");
        assert_eq!(redact("x-tabK\tey-abcd\tz"), "x-tabK\tey-abcd\tz");
        assert_eq!(redact("x-tabK\ney-abcd"), "x-tabK\ney-abcd");
        // Escaped inside a JSON string, they are looked through.
        assert_eq!(redact(r#""tabKey\t-abcd""#), r#""***""#);
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
