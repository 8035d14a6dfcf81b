//! The API key, as a type that cannot be printed by accident.

use std::fmt;

use crate::redact;

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
        redact::register(key);
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

/// A crash cannot write the key to disk: no core dump on any Unix, and on
/// Linux the process is not dumpable (as ssh-agent and gpg-agent make
/// themselves), which also keeps other processes of the user from reading
/// its memory. Best effort: a refusal leaves the run as it was.
pub fn no_core_dumps() {
    #[cfg(unix)]
    {
        use rustix::process::{setrlimit, Resource, Rlimit};
        let none = Rlimit {
            current: Some(0),
            maximum: Some(0),
        };
        let _ = setrlimit(Resource::Core, none);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{set_dumpable_behavior, DumpableBehavior};
        let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
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

    #[cfg(target_os = "linux")]
    #[test]
    fn no_core_dumps_makes_the_process_not_dumpable() {
        no_core_dumps();
        use rustix::process::{dumpable_behavior, getrlimit, DumpableBehavior, Resource};
        assert_eq!(dumpable_behavior().unwrap(), DumpableBehavior::NotDumpable);
        assert_eq!(getrlimit(Resource::Core).maximum, Some(0));
    }

    #[test]
    fn a_refused_key_is_redacted_too() {
        assert!(ApiKey::parse("zz\u{200b}refused-key").is_err());
        assert_eq!(redact::redact("x zz\u{200b}refused-key"), "x ***");
    }
}
