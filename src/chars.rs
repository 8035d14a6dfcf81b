//! Which characters a person must never be shown: the sanitizer removes
//! them, and the key filter looks through them.

/// C0 and C1 controls, ESC and DEL among them, and the characters Unicode
/// says a display may draw as nothing (Default_Ignorable_Code_Point): zero-
/// width spaces and joiners, bidi marks, embeddings, overrides and isolates,
/// soft hyphens, variation selectors, tags, the BOM. Each of them can reorder
/// text or hide what lies between two visible characters.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}
