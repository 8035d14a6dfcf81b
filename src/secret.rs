//! The API key, as a type that cannot be printed by accident.

use std::fmt;

/// An API key. `Debug` and `Display` redact it; only `expose` gives the text,
/// and only the HTTP client calls it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

/// Why a key was refused. Never carries the key itself.
#[derive(Debug, PartialEq, Eq)]
pub enum KeyProblem {
    Empty,
    InnerWhitespace,
    ControlCharacter,
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyProblem::Empty => "is empty",
            KeyProblem::InnerWhitespace => "contains whitespace",
            KeyProblem::ControlCharacter => "contains control characters",
        })
    }
}

impl ApiKey {
    /// Trims surrounding whitespace (key files end in a newline) and refuses
    /// anything that could not be a key or could inject a header.
    pub fn parse(raw: &str) -> Result<ApiKey, KeyProblem> {
        let key = raw.trim();
        if key.is_empty() {
            return Err(KeyProblem::Empty);
        }
        if key.chars().any(char::is_control) {
            return Err(KeyProblem::ControlCharacter);
        }
        if key.chars().any(char::is_whitespace) {
            return Err(KeyProblem::InnerWhitespace);
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
    fn refuses_what_could_inject_a_header() {
        assert_eq!(ApiKey::parse(" \n"), Err(KeyProblem::Empty));
        assert_eq!(ApiKey::parse("a b"), Err(KeyProblem::InnerWhitespace));
        assert_eq!(
            ApiKey::parse("a\r\nX-Evil: 1"),
            Err(KeyProblem::ControlCharacter)
        );
        assert_eq!(ApiKey::parse("a\u{7f}b"), Err(KeyProblem::ControlCharacter));
    }
}
