//! A list answer read in one pass: each item parsed for what a command
//! needs, and where it lies in the answer's text, which is kept as it came
//! (for JSON output) rather than copied item by item.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::lenient;

/// The answer's text, and each item's place in it and reading.
#[derive(Debug, Default)]
pub struct Listing<T> {
    text: String,
    pub items: Vec<(Range<usize>, T)>,
}

/// Why a list could not be read: not JSON, or an item that is not an
/// object (its index, the total, and what it is).
#[derive(Debug, PartialEq)]
pub enum Unread {
    Malformed(String),
    NotAnObject {
        index: usize,
        total: usize,
        is: &'static str,
    },
}

impl<T: DeserializeOwned + Default> Listing<T> {
    /// Reads `text`, a JSON array of objects, item by item.
    pub fn read(text: String) -> Result<Listing<T>, Unread> {
        let mut items = Vec::new();
        let mut odd = None;
        let mut at = skip_space(&text, 0);
        if text.as_bytes().get(at) != Some(&b'[') {
            return Err(Unread::Malformed("not a list".into()));
        }
        at = skip_space(&text, at + 1);
        if text.as_bytes().get(at) == Some(&b']') {
            at += 1;
        } else {
            loop {
                let (span, item) = read_item::<T>(&text, at)?;
                if item.is_none() && odd.is_none() {
                    odd = Some((items.len(), kind_of(&text[span.clone()])));
                }
                items.push((span.clone(), item.unwrap_or_default()));
                at = skip_space(&text, span.end);
                match text.as_bytes().get(at) {
                    Some(b',') => at = skip_space(&text, at + 1),
                    Some(b']') => {
                        at += 1;
                        break;
                    }
                    _ => return Err(Unread::Malformed(format!("expected , or ] at byte {at}"))),
                }
            }
        }
        if skip_space(&text, at) != text.len() {
            return Err(Unread::Malformed(format!(
                "trailing characters at byte {at}"
            )));
        }
        if let Some((index, is)) = odd {
            let total = items.len();
            return Err(Unread::NotAnObject { index, total, is });
        }
        Ok(Listing { text, items })
    }
}

impl<T> Listing<T> {
    /// An item as the server sent it.
    pub fn raw(&self, span: &Range<usize>) -> &str {
        &self.text[span.clone()]
    }

    /// Every item kept, as the server sent it, for a JSON document.
    pub fn raw_items(&self) -> serde_json::Result<Vec<&RawValue>> {
        let raw = self.items.iter().map(|(span, _)| self.raw(span));
        raw.map(serde_json::from_str).collect()
    }
}

/// One item at `at`: where it ends, and its reading if it is an object. An
/// object parsed at once in the common case; else (a field named twice) as
/// raw text, then tolerantly.
fn read_item<T: DeserializeOwned + Default>(
    text: &str,
    at: usize,
) -> Result<(Range<usize>, Option<T>), Unread> {
    let rest = &text[at..];
    if rest.starts_with('{') {
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        if let Some(Ok(item)) = stream.next() {
            return Ok((at..at + stream.byte_offset(), Some(item)));
        }
    }
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<&RawValue>();
    match stream.next() {
        Some(Ok(raw)) => {
            let end = at + stream.byte_offset();
            Ok((at..end, lenient::object(raw.get())))
        }
        Some(Err(e)) => Err(Unread::Malformed(e.to_string())),
        None => Err(Unread::Malformed("the list ends early".into())),
    }
}

/// The first byte at or after `at` that is not JSON whitespace.
fn skip_space(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = at;
    while matches!(bytes.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// What a JSON value is, for messages.
pub fn kind_of(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        _ => "a number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Default, Debug, PartialEq)]
    #[serde(default)]
    struct Item {
        #[serde(deserialize_with = "lenient::text")]
        id: Option<String>,
    }

    fn ids(text: &str) -> Result<Vec<(String, Option<String>)>, Unread> {
        let listing = Listing::<Item>::read(text.to_string())?;
        Ok(listing
            .items
            .iter()
            .map(|(span, item)| (listing.raw(span).to_string(), item.id.clone()))
            .collect())
    }

    #[test]
    fn each_item_is_read_and_kept_as_sent() {
        let got = ids(" [ {\"id\": 1.0} ,\n{\"id\":\"b\",\"id\":\"c\"},{}\t] ").unwrap();
        let want = [
            ("{\"id\": 1.0}", Some("1.0")),
            ("{\"id\":\"b\",\"id\":\"c\"}", Some("c")),
            ("{}", None),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(raw, id)| (raw.to_string(), id.map(str::to_string)))
            .collect();
        assert_eq!(got, want);
        assert_eq!(ids("[]").unwrap(), []);
    }

    #[test]
    fn what_is_not_a_list_of_objects_says_where() {
        assert_eq!(
            ids("[{}, 5, null]").unwrap_err(),
            Unread::NotAnObject {
                index: 1,
                total: 3,
                is: "a number"
            }
        );
        for bad in ["{}", "[{}", "[{},]", "[{}] x", "[{\"id\":}]", ""] {
            assert!(
                matches!(ids(bad), Err(Unread::Malformed(_))),
                "{bad}: {:?}",
                ids(bad)
            );
        }
    }
}
