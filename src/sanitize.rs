//! The one sanitizer for text that came from the server and is shown to a
//! person: nothing in it may drive the terminal, hide what it says or show
//! a run of the key. Keys are masked before anything is removed (the server
//! may have put controls inside one), again after, and before any cut.

use crate::chars::is_unsafe;
use crate::redact::redact;

/// The longest a server's field is shown, in characters.
pub const FIELD_MAX: usize = 200;

/// One line of at most `max` characters: whitespace runs become one space,
/// unsafe characters go, and a cut is marked with `...`.
pub fn line(text: &str, max: usize) -> String {
    // Most fields (IDs, statuses, times) are short printable ASCII: nothing
    // to remove or join (a list of 50,000 caches has 350,000 of them).
    if text.len() <= max && text.bytes().all(|b| b.is_ascii_graphic()) {
        return cut(text, max);
    }
    let mut out = String::new();
    let mut space = false;
    for c in redact(text).chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !is_unsafe(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    cut(&out, max)
}

/// A server's field, as shown in human output.
pub fn field(text: &str) -> String {
    line(text, FIELD_MAX)
}

/// A message of our own that may hold server text: each line sanitized, the
/// line breaks kept.
pub fn message(text: &str) -> String {
    let kept = redact(text)
        .split('\n')
        .map(|l| l.chars().filter(|c| !is_unsafe(*c)).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    redact(&kept).into_owned()
}

/// At most `max` characters, `...` marking a cut.
pub fn cut(text: &str, max: usize) -> String {
    let text = redact(text);
    if text.chars().count() <= max {
        return text.into_owned();
    }
    let mut shown: String = text.chars().take(max.saturating_sub(3)).collect();
    shown.push_str("...");
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_what_drives_a_terminal_or_hides_text() {
        let hostile = "a\x1b[31mred\x1b]8;;https://evil.example\x07link\x1b]8;;\x07\rover\u{202E}txt.exe\u{200B}\u{FEFF}\u{2066}z\u{9b}\u{7f}";
        let shown = field(hostile);
        assert_eq!(
            shown,
            "a[31mred]8;;https://evil.examplelink]8;; overtxt.exez"
        );
        assert!(shown.chars().all(|c| !is_unsafe(c)));
    }

    #[test]
    fn one_line_capped() {
        assert_eq!(field("  two\n  lines\t here "), "two lines here");
        let long = field(&"x".repeat(500));
        assert_eq!(long.chars().count(), FIELD_MAX);
        assert!(long.ends_with("..."));
        assert_eq!(field("é".repeat(200).as_str()), "é".repeat(200));
    }

    #[test]
    fn messages_keep_their_line_breaks() {
        assert_eq!(message("one\x1b[2J\ntwo\u{202E}\r"), "one[2J\ntwo");
    }
}
