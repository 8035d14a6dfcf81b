//! The API key, as a type that cannot be printed by accident, and the one
//! filter that every byte `peaka` writes passes through.

use std::fmt;
use std::io::{self, Write};
use std::sync::RwLock;

/// An API key. `Debug` and `Display` redact it; only `expose` gives the text,
/// and only the HTTP client calls it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

/// Why a key was refused. Never carries the key itself.
#[derive(Debug, PartialEq, Eq)]
pub enum KeyProblem {
    Empty,
    InnerWhitespace,
    /// Control, non-ASCII or invisible characters (a BOM, a zero-width space).
    NotPrintable,
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyProblem::Empty => "is empty",
            KeyProblem::InnerWhitespace => "contains whitespace",
            KeyProblem::NotPrintable => {
                "contains characters that are not printable ASCII (control, invisible or non-ASCII)"
            }
        })
    }
}

impl ApiKey {
    /// Trims surrounding whitespace (key files end in a newline) and accepts
    /// only printable ASCII without spaces: nothing that could inject a
    /// header or hide in a copy-paste. A refused key is still redacted.
    pub fn parse(raw: &str) -> Result<ApiKey, KeyProblem> {
        let key = raw.trim();
        redact_also(key);
        if key.is_empty() {
            return Err(KeyProblem::Empty);
        }
        if key.chars().any(|c| c.is_whitespace() && c.is_ascii()) {
            return Err(KeyProblem::InnerWhitespace);
        }
        if !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(KeyProblem::NotPrintable);
        }
        Ok(ApiKey(key.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `***` plus the last four characters, for `config show`; a key of four
    /// characters or fewer shows nothing of itself.
    pub fn hint(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() <= 4 {
            return "***".to_string();
        }
        let tail: String = chars[chars.len() - 4..].iter().collect();
        format!("***{tail}")
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Every form of every key this run has seen, as the filter looks for them.
static SECRETS: RwLock<Vec<Vec<u8>>> = RwLock::new(Vec::new());

/// Shorter values are too likely to be ordinary text; they are refused as
/// keys anyway or show up nowhere.
const SHORTEST: usize = 4;

/// From now on, `text` (trimmed), its percent-encoded and its JSON-escaped
/// forms are written as `***` wherever they appear.
pub fn redact_also(text: &str) {
    let text = text.trim();
    if text.len() < SHORTEST {
        return;
    }
    let mut forms = vec![text.to_string()];
    let encoded: String = text.bytes().map(percent).collect();
    forms.push(encoded.clone());
    forms.push(encoded.to_ascii_lowercase());
    forms.push(
        serde_json::to_string(text)
            .unwrap_or_default()
            .trim_matches('"')
            .to_string(),
    );
    let Ok(mut secrets) = SECRETS.write() else {
        return;
    };
    for form in forms {
        if !form.is_empty() && !secrets.iter().any(|s| s == form.as_bytes()) {
            secrets.push(form.into_bytes());
        }
    }
}

fn percent(b: u8) -> String {
    if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
        (b as char).to_string()
    } else {
        format!("%{b:02X}")
    }
}

/// `text` with every known secret replaced by `***`.
#[cfg(test)]
pub fn redact(text: &str) -> String {
    let mut out = Vec::new();
    let held = redact_into(text.as_bytes(), &mut out, true);
    debug_assert_eq!(held, 0);
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Copies `input` to `out` with secrets replaced. Unless `last`, a tail that
/// could be the start of a secret is not copied; returns its length.
fn redact_into(input: &[u8], out: &mut Vec<u8>, last: bool) -> usize {
    let guard = SECRETS.read();
    let secrets: &[Vec<u8>] = guard.as_deref().map_or(&[], Vec::as_slice);
    let mut i = 0;
    'scan: while i < input.len() {
        let rest = &input[i..];
        for secret in secrets {
            if rest.starts_with(secret) {
                out.extend_from_slice(b"***");
                i += secret.len();
                continue 'scan;
            }
        }
        if !last
            && secrets
                .iter()
                .any(|s| s.len() > rest.len() && s.starts_with(rest))
        {
            return rest.len();
        }
        out.push(input[i]);
        i += 1;
    }
    0
}

/// A writer that replaces every known secret on its way through. A tail that
/// could be the start of a secret waits for the next write or a flush.
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
        let mut out = Vec::with_capacity(self.pending.len());
        let held = redact_into(&self.pending, &mut out, last);
        self.inner.write_all(&out)?;
        self.pending.drain(..self.pending.len() - held);
        Ok(())
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

    #[test]
    fn trims_and_redacts() {
        let key = ApiKey::parse("  pk_live_SECRET1234\n").unwrap();
        assert_eq!(key.expose(), "pk_live_SECRET1234");
        assert_eq!(format!("{key}"), "***");
        assert_eq!(format!("{key:?}"), "ApiKey(***)");
        assert_eq!(key.hint(), "***1234");
    }

    #[test]
    fn short_keys_show_nothing() {
        assert_eq!(ApiKey::parse("abcd").unwrap().hint(), "***");
        assert_eq!(ApiKey::parse("abcde").unwrap().hint(), "***bcde");
    }

    #[test]
    fn refuses_what_could_inject_a_header_or_hide() {
        assert_eq!(ApiKey::parse(" \n"), Err(KeyProblem::Empty));
        assert_eq!(ApiKey::parse("a b"), Err(KeyProblem::InnerWhitespace));
        assert_eq!(
            ApiKey::parse("a\r\nX-Evil: 1"),
            Err(KeyProblem::InnerWhitespace)
        );
        for hidden in ["a\u{7f}b", "\u{feff}abcdef", "abc\u{200b}def", "clé-123"] {
            assert_eq!(
                ApiKey::parse(hidden),
                Err(KeyProblem::NotPrintable),
                "{hidden:?}"
            );
        }
    }

    #[test]
    fn the_filter_replaces_every_form_even_split_across_writes() {
        redact_also("tk_split+me/42");
        assert_eq!(
            redact("a tk_split+me/42 b tk_split%2Bme%2F42 c tk_split%2bme%2f42"),
            "a *** b *** c ***"
        );
        let mut out = Vec::new();
        {
            let mut w = Redacted::new(&mut out);
            w.write_all(b"Bearer tk_spl").unwrap();
            w.write_all(b"it+me/42 and tk_s").unwrap();
            w.flush().unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "Bearer *** and tk_s");
    }

    #[test]
    fn a_refused_key_is_redacted_too() {
        assert!(ApiKey::parse("zz\u{200b}refused-key").is_err());
        assert_eq!(redact("x zz\u{200b}refused-key"), "x ***");
    }
}
