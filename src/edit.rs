//! The key's setting changed in the config file's text, every other byte
//! kept: a setting replaced where it stands (the comments above it and its
//! place stay), a setting's line taken out (the comments above it stay).
//! toml_edit tells where each key and value is; the text around them is
//! left as it is. Each result is checked against what the change means to
//! the parsed file; `None` when the text is not of a form handled here (the
//! caller then edits the parsed document instead).

use std::ops::Range;

use toml_edit::{ImDocument, InlineTable, Item, Table, TableLike, Value};

/// The settings that hold the key, in a table.
const KEYS: [&str; 2] = ["api_key", "api_key_file"];

/// A key setting as found: where its key and value are, and what it says.
struct Found {
    key: Range<usize>,
    value: Range<usize>,
    taken: Taken,
}

/// A key setting taken out of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Taken {
    pub name: &'static str,
    /// The value, when it is a string.
    pub value: Option<String>,
    /// Its line ends with a comment holding `mark`.
    pub marked: bool,
}

/// A piece of the text and what replaces it.
type Edit = (Range<usize>, String);

/// Replaces the first key setting of the top or of `[profiles.NAME]` (a
/// table with a header or dotted keys) with `line`, from its key to the end
/// of its line; any other goes, line and all. `None` when there is none to
/// replace.
pub fn replace(text: &str, profile: Option<&str>, line: &str) -> Option<String> {
    let doc = ImDocument::parse(text).ok()?;
    let table: &dyn TableLike = match profile {
        None => doc.as_table(),
        Some(name) => doc.get("profiles")?.as_table()?.get(name)?.as_table()?,
    };
    let mut found = settings(text, table, "")?;
    if found.is_empty() {
        return None;
    }
    let first = found.remove(0);
    let mut edits = vec![(
        first.key.start..line_end(text, first.value.end),
        line.to_string(),
    )];
    edits.extend(found.iter().map(|f| whole_lines(text, f)));
    let edited = apply(text, edits)?;
    let value = line_value(line)?;
    same_but(text, &edited, profile, |table| {
        for name in KEYS {
            table.remove(name);
        }
        table.insert("api_key_file".into(), toml::Value::String(value));
        false
    })
    .then_some(edited)
}

/// The string value of an `api_key_file = "…" # …` line.
fn line_value(line: &str) -> Option<String> {
    let table: toml::Table = line.parse().ok()?;
    table.get("api_key_file")?.as_str().map(str::to_string)
}

/// Takes the key settings out of the top or of `[profiles.NAME]`: each
/// one's line, or in an inline table the entry; and the profile's table too
/// when nothing else is left in it. Returns the text and what was taken.
pub fn remove(text: &str, profile: Option<&str>, mark: &str) -> Option<(String, Vec<Taken>)> {
    let doc = ImDocument::parse(text).ok()?;
    let unchanged = || Some((text.to_string(), Vec::new()));
    let (found, edits, emptied) = match profile {
        None => {
            let found = settings(text, doc.as_table(), mark)?;
            let edits = found.iter().map(|f| whole_lines(text, f)).collect();
            (found, edits, false)
        }
        Some(name) => {
            let Some(profiles) = doc.get("profiles") else {
                return unchanged();
            };
            let Some((key, item)) = profiles.as_table_like()?.get_key_value(name) else {
                return unchanged();
            };
            let table = item.as_table_like()?;
            let found = settings(text, table, mark)?;
            if found.is_empty() {
                return unchanged();
            }
            let emptied = table.len() == found.len();
            let edits = match (item, emptied) {
                (Item::Table(table), _) => table_edits(text, table, &found, emptied)?,
                (Item::Value(Value::InlineTable(_)), false) => {
                    let names: Vec<&str> = found.iter().map(|f| f.taken.name).collect();
                    vec![without(text, item.span()?, &names)?]
                }
                // The profile goes from `profiles`.
                (Item::Value(Value::InlineTable(_)), true) => match profiles {
                    Item::Table(_) => {
                        let entry = key.span()?.start..item.span()?.end;
                        vec![(
                            line_start(text, entry.start)..after_line(text, entry.end),
                            String::new(),
                        )]
                    }
                    _ => vec![without(text, profiles.span()?, &[name])?],
                },
                _ => return None,
            };
            (found, edits, emptied)
        }
    };
    let edited = apply(text, edits)?;
    let taken: Vec<Taken> = found.into_iter().map(|f| f.taken).collect();
    same_but(text, &edited, profile, |table| {
        for name in KEYS {
            table.remove(name);
        }
        emptied
    })
    .then_some((edited, taken))
}

/// The lines of the settings found in a `[profiles.NAME]` table; and,
/// when that leaves it empty, its header too.
fn table_edits(text: &str, table: &Table, found: &[Found], emptied: bool) -> Option<Vec<Edit>> {
    let mut edits: Vec<Edit> = found.iter().map(|f| whole_lines(text, f)).collect();
    // A header left over a table with nothing in it goes too, with the
    // blank line above it, as login adds one.
    if emptied && !table.is_dotted() && !table.is_implicit() {
        let header = table.span()?.start;
        let mut start = line_start(text, header);
        if start > 0 && text[line_start(text, start - 1)..start].trim().is_empty() {
            start = line_start(text, start - 1);
        }
        edits.push((start..after_line(text, header), String::new()));
    }
    Some(edits)
}

/// The key settings of `table`, in the order they stand in `text`; `None`
/// when toml_edit does not tell where one is.
fn settings(text: &str, table: &dyn TableLike, mark: &str) -> Option<Vec<Found>> {
    let mut found = Vec::new();
    for name in KEYS {
        let Some((key, item)) = table.get_key_value(name) else {
            continue;
        };
        let value = item.span()?;
        let rest = &text[value.end..line_end(text, value.end)];
        found.push(Found {
            key: key.span()?,
            taken: Taken {
                name,
                value: item.as_str().map(str::to_string),
                marked: !mark.is_empty()
                    && rest.trim_start().starts_with('#')
                    && rest.contains(mark),
            },
            value,
        });
    }
    found.sort_by_key(|f| f.key.start);
    Some(found)
}

/// The lines a setting stands on, taken out whole.
fn whole_lines(text: &str, found: &Found) -> Edit {
    (
        line_start(text, found.key.start)..after_line(text, found.value.end),
        String::new(),
    )
}

/// The inline table at `span` written again without the entries `names`,
/// spaced as toml_edit spaces a new one: `{ zone = "eu" }`.
fn without(text: &str, span: Range<usize>, names: &[&str]) -> Option<Edit> {
    let mut value: Value = text.get(span.clone())?.parse().ok()?;
    let table: &mut InlineTable = value.as_inline_table_mut()?;
    for name in names {
        table.remove(name);
    }
    table.fmt();
    value.decor_mut().clear();
    Some((span, value.to_string()))
}

/// Where the line holding `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Where the line holding `at` ends, before its `\n` or `\r\n`.
fn line_end(text: &str, at: usize) -> usize {
    match text[at..].find('\n') {
        Some(i) if text[..at + i].ends_with('\r') => at + i - 1,
        Some(i) => at + i,
        None => text.len(),
    }
}

/// Where the line after the one holding `at` starts.
fn after_line(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// The text with each edit made; `None` if two overlap.
fn apply(text: &str, mut edits: Vec<Edit>) -> Option<String> {
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(text.len() + 80);
    let mut at = 0;
    for (range, with) in edits {
        out.push_str(text.get(at..range.start)?);
        out.push_str(&with);
        at = range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// Whether `edited` means what `text` means with `change` made to the top
/// or to `[profiles.NAME]` (which goes when `change` says so).
fn same_but(
    text: &str,
    edited: &str,
    profile: Option<&str>,
    change: impl FnOnce(&mut toml::Table) -> bool,
) -> bool {
    let (Ok(mut expected), Ok(got)) = (text.parse::<toml::Table>(), edited.parse::<toml::Table>())
    else {
        return false;
    };
    let table = match profile {
        None => Some(&mut expected),
        Some(name) => expected
            .get_mut("profiles")
            .and_then(toml::Value::as_table_mut)
            .and_then(|profiles| profiles.get_mut(name))
            .and_then(toml::Value::as_table_mut),
    };
    let Some(table) = table else {
        return false;
    };
    if change(table) {
        if let (Some(name), Some(profiles)) = (
            profile,
            expected
                .get_mut("profiles")
                .and_then(toml::Value::as_table_mut),
        ) {
            profiles.remove(name);
        }
    }
    expected == got
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = "api_key_file = \"k\" # set by login";

    #[test]
    fn a_setting_is_replaced_where_it_stands() {
        let text = "# comment\napi_key = \"x\" # old\nzone = \"us\"\n";
        assert_eq!(
            replace(text, None, LINE).unwrap(),
            "# comment\napi_key_file = \"k\" # set by login\nzone = \"us\"\n"
        );
        let text = "[profiles.ci]\r\n# mine\r\n  api_key_file = \"old\"\r\nzone = \"eu\"\r\napi_key = \"y\"\r\n";
        assert_eq!(
            replace(text, Some("ci"), LINE).unwrap(),
            "[profiles.ci]\r\n# mine\r\n  api_key_file = \"k\" # set by login\r\nzone = \"eu\"\r\n"
        );
        let dotted = "profiles.ci.api_key = \"x\"\nzone = \"us\"";
        assert_eq!(
            replace(dotted, Some("ci"), LINE).unwrap(),
            "profiles.ci.api_key_file = \"k\" # set by login\nzone = \"us\""
        );
        assert_eq!(replace("zone = \"us\"\n", None, LINE), None);
        assert_eq!(
            replace("profiles = { ci = { api_key = \"x\" } }", Some("ci"), LINE),
            None
        );
    }

    #[test]
    fn a_setting_goes_and_the_comments_above_it_stay() {
        let mark = "# set by login";
        let text = "# top\n# about the key\napi_key_file = \"k\" # set by login\nzone = \"us\"\n";
        let (edited, taken) = remove(text, None, mark).unwrap();
        assert_eq!(edited, "# top\n# about the key\nzone = \"us\"\n");
        assert_eq!(
            taken,
            [Taken {
                name: "api_key_file",
                value: Some("k".into()),
                marked: true
            }]
        );
        // The last setting of a profile: its header goes, comments stay.
        let text =
            "a = 1\n\n[profiles.ci]\n# ci's key\napi_key = \"x\"\n\n[profiles.b]\nzone = \"eu\"\n";
        let (edited, taken) = remove(
            text.replace("a = 1", "zone = \"us\"").as_str(),
            Some("ci"),
            mark,
        )
        .unwrap();
        assert_eq!(
            edited,
            "zone = \"us\"\n# ci's key\n\n[profiles.b]\nzone = \"eu\"\n"
        );
        assert!(!taken[0].marked);
    }

    #[test]
    fn an_inline_table_keeps_its_spacing_or_goes() {
        let mark = "# m";
        let text = "[profiles]\nci = { zone = \"eu\", api_key_file = \"k\" }\n";
        let (edited, _) = remove(text, Some("ci"), mark).unwrap();
        assert_eq!(edited, "[profiles]\nci = { zone = \"eu\" }\n");
        let text = "[profiles]\nci = { api_key_file = \"k\" }\nb = { zone = \"eu\" }\n";
        let (edited, _) = remove(text, Some("ci"), mark).unwrap();
        assert_eq!(edited, "[profiles]\nb = { zone = \"eu\" }\n");
        let text = "profiles = { ci = { api_key = \"x\" }, b = {} }\n";
        let (edited, _) = remove(text, Some("ci"), mark).unwrap();
        assert_eq!(edited, "profiles = { b = {} }\n");
        let (edited, taken) = remove(text, Some("nope"), mark).unwrap();
        assert_eq!((edited.as_str(), taken.len()), (text, 0));
    }
}
