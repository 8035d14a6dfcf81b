//! Reading the server's objects tolerantly: a field of an unexpected type
//! never costs the object it is in. Each field is taken as the raw text the
//! server sent (borrowed: objects are read from text, never from a
//! `Value`), then read for what it can be; the object itself is kept raw
//! by the caller for JSON output.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// A field shown to people as text: a string as it is, a number or a
/// boolean as the server wrote it (`12.0`, `18446744073709551616`), and
/// null, an object or an array as absent (shown as `-`).
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<&RawValue>::deserialize(d)?.and_then(|raw| text_of(raw.get())))
}

/// The text of one raw JSON value, as `text` reads it.
pub fn text_of(raw: &str) -> Option<String> {
    match raw.as_bytes().first()? {
        // Most strings have no escapes: their text is what is between the quotes.
        b'"' if !raw.as_bytes().contains(&b'\\') => raw.get(1..raw.len() - 1).map(str::to_string),
        b'"' => serde_json::from_str(raw).ok(),
        b'{' | b'[' | b'n' => None,
        _ => Some(raw.to_string()),
    }
}

/// A field kept as a JSON value, whatever it holds; a number JSON can say
/// but `Value` cannot hold (`1e400`) is kept as its text.
pub fn value<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Ok(Option::<&RawValue>::deserialize(d)?.map(|raw| {
        serde_json::from_str(raw.get()).unwrap_or_else(|_| Value::String(raw.get().to_string()))
    }))
}

/// A nested object, read tolerantly; anything but an object is absent.
pub fn nested<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    Ok(Option::<&RawValue>::deserialize(d)?.and_then(|raw| object(raw.get())))
}

/// A list of objects, each read tolerantly (an entry that is not an object
/// reads as all fields absent); anything but an array is absent.
pub fn list<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    let Some(raw) = Option::<&RawValue>::deserialize(d)? else {
        return Ok(None);
    };
    let Ok(entries) = serde_json::from_str::<Vec<&RawValue>>(raw.get()) else {
        return Ok(None);
    };
    Ok(Some(
        entries
            .iter()
            .map(|e| object(e.get()).unwrap_or_default())
            .collect(),
    ))
}

/// An object's fields, read tolerantly; `None` when it is not an object.
/// Every field reads leniently, so only a field named twice can fail the
/// first reading: then the last of each name counts, as in most readers.
pub fn object<T: DeserializeOwned + Default>(raw: &str) -> Option<T> {
    if !raw.trim_start().starts_with('{') {
        return None;
    }
    if let Ok(read) = serde_json::from_str(raw) {
        return Some(read);
    }
    let fields: BTreeMap<String, &RawValue> = serde_json::from_str(raw).ok()?;
    let once = serde_json::to_string(&fields).ok()?;
    Some(serde_json::from_str(&once).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Default, Debug, PartialEq)]
    #[serde(default)]
    struct Probe {
        #[serde(deserialize_with = "text")]
        a: Option<String>,
        #[serde(deserialize_with = "value")]
        b: Option<Value>,
        #[serde(deserialize_with = "nested")]
        c: Option<Box<Probe>>,
    }

    #[test]
    fn fields_of_any_type_are_read_as_what_they_can_be() {
        for (json, shown) in [
            (r#""x\u001b""#, Some("x\u{1b}")),
            ("12.0", Some("12.0")),
            ("18446744073709551617", Some("18446744073709551617")),
            ("1e400", Some("1e400")),
            ("true", Some("true")),
            ("null", None),
            ("{\"k\":1}", None),
            ("[1,2]", None),
        ] {
            let probe: Probe = object(&format!(r#"{{"a":{json}}}"#)).unwrap();
            assert_eq!(probe.a.as_deref(), shown, "{json}");
        }
    }

    #[test]
    fn odd_values_and_nested_objects_never_cost_the_object() {
        let probe: Probe = object(r#"{"a":"x","b":1e400,"c":{"a":5,"c":"not an object"},"d":[}"#)
            .unwrap_or_default();
        assert_eq!(probe, Probe::default(), "not JSON: nothing read");
        let probe: Probe = object(r#"{"a":"x","b":1e400,"c":{"a":5,"c":"no"}}"#).unwrap();
        assert_eq!(probe.b, Some(Value::String("1e400".into())));
        let inner = probe.c.unwrap();
        assert_eq!((inner.a.as_deref(), inner.c), (Some("5"), None));
        assert!(object::<Probe>("[1]").is_none());
        assert!(object::<Probe>("7").is_none());
    }

    #[test]
    fn a_field_named_twice_keeps_the_last() {
        let probe: Probe = object(r#"{"a":"first","a":"second","b":2}"#).unwrap();
        assert_eq!(probe.a.as_deref(), Some("second"));
        assert_eq!(probe.b, Some(Value::from(2)));
    }
}
