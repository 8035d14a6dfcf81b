//! Which characters a person must never be shown: the sanitizer removes
//! them, and the key filter looks through them.

/// C0 and C1 controls, ESC and DEL among them, and Unicode format characters
/// that reorder or hide text (zero-width spaces and joiners, bidi
/// embeddings, overrides and isolates, the BOM).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}
