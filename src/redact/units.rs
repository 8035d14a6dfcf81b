//! How a scan reads text: characters, escapes (JSON and percent), and what
//! a display drops, read as it is and decoded.

use super::*;

/// How a scan reads the text. The same bytes are read both ways and what
/// either finds is masked: a backslash or a `%` in ordinary text stays
/// itself, and a key written with JSON or percent escapes is still found.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Literal,
    Decoded,
}

/// One step of a scan: a character, an escape, or a byte that is not UTF-8.
pub(super) enum Unit {
    /// Removed before display, so looked through.
    Hidden,
    /// Ends a run: a line break or a tab kept as it is (a table's columns).
    Break,
    Char(char),
    Byte(u8),
}

pub(super) fn classify(c: char) -> Unit {
    match c {
        '\n' | '\t' => Unit::Break,
        c if chars::is_unsafe(c) => Unit::Hidden,
        c => Unit::Char(c),
    }
}

/// The unit at the start of `input`, and its length in bytes.
pub(super) fn next_unit(input: &[u8], mode: Mode) -> (usize, Unit) {
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
pub(super) fn escaped(c: char) -> Unit {
    if chars::is_unsafe(c) {
        Unit::Hidden
    } else {
        Unit::Char(c)
    }
}

/// A JSON escape at the start of `input`: `\n`, `\"`, `\u00e9`, a
/// surrogate pair.
pub(super) fn json_escape(input: &[u8]) -> Option<(usize, Unit)> {
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

pub(super) fn hex(digits: &[u8]) -> Option<u32> {
    u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
}

pub(super) fn unicode_escape(input: &[u8]) -> Option<(usize, char)> {
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
pub(super) fn percent_escape(input: &[u8]) -> Option<(usize, Unit)> {
    let byte = u8::try_from(hex(input.get(1..3)?)?).ok()?;
    let unit = match byte {
        0..=0x7F => escaped(char::from(byte)),
        _ => Unit::Byte(byte),
    };
    Some((3, unit))
}

/// Where the input may stop inside a unit (an escape or a character) that
/// the next write completes.
pub(super) fn complete_end(input: &[u8], mode: Mode) -> usize {
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
