//! The one redaction of API keys. Every run of `RUN` or more consecutive
//! characters of a key this run has seen (raw, percent-encoded or
//! JSON-escaped) is written as `***`, and so is a shorter key standing as a
//! word. The match looks through what sanitizing removes (controls,
//! zero-width and bidi characters) and through JSON escapes, so a key split
//! by them is still found. Server text passes through it where it enters
//! and again after it is sanitized; the writer that wraps stdout and stderr
//! applies it once more as the last line. The registry, the masking and the
//! writer are here; `scan` finds the runs, `units` says how text is read.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, Write};
use std::sync::RwLock;

use serde_json::Value;

use crate::chars;

mod scan;
mod units;

use scan::*;
use units::*;

/// The shortest run of a key that is never shown.
pub const RUN: usize = 8;

const MASK: &[u8] = b"***";

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
