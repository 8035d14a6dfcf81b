//! The caches a bulk run names: on the command line and on standard input,
//! each once, checked before anything is sent.

use std::collections::HashSet;
use std::io::Read;

use crate::commands::names::{self, Reference, Target};
use crate::exit::{usage, Failure, Kind};

/// The most caches read from standard input.
const MOST_IDS: usize = 100_000;
/// The most bytes of standard input read for caches.
const MOST_INPUT: usize = 64 << 20;

/// The caches a bulk cancel names, parsed, each text once; read from
/// standard input for `-`. Nothing is sent before this succeeds.
pub fn named_caches<'a>(
    named: impl Iterator<Item = &'a String>,
    stdin: &mut dyn std::io::Read,
) -> Result<Vec<Reference>, Failure> {
    let mut caches = Vec::new();
    let mut stdin_read = false;
    for value in named {
        if value != "-" {
            caches.push(value.clone());
            continue;
        }
        if std::mem::replace(&mut stdin_read, true) {
            return Err(usage("`--cache -` can be given once"));
        }
        caches.extend(read_ids(stdin)?);
    }
    // The same text once; the same cache once is judged by its ID, later.
    let mut seen = HashSet::new();
    caches.retain(|c| seen.insert(c.clone()));
    caches.iter().map(|c| names::parse(c)).collect()
}

/// Each cache once, by its ID (two names may name the same cache).
pub fn each_once(caches: &[Target]) -> Vec<Target> {
    let mut seen = HashSet::new();
    let mut once = caches.to_vec();
    // An absent name (no ID) is told apart by what was typed.
    once.retain(|t| match t.is_absent() {
        true => seen.insert(format!("name {}", t.typed.as_deref().unwrap_or_default())),
        false => seen.insert(t.id.to_ascii_lowercase()),
    });
    once
}

/// One cache a line (an ID or a name); blank lines and `#` comments (outside
/// double quotes) are skipped. More than `MOST_INPUT` bytes or `MOST_IDS`
/// caches is a usage error naming the limit, never a run on part of the
/// input.
fn read_ids(stdin: &mut dyn std::io::Read) -> Result<Vec<String>, Failure> {
    let mut input = Vec::new();
    std::io::Read::take(stdin, MOST_INPUT as u64 + 1)
        .read_to_end(&mut input)
        .map_err(|e| usage(format!("cannot read cache IDs from standard input: {e}")))?;
    if input.len() > MOST_INPUT {
        return Err(usage(format!(
            "standard input holds more than {} MiB; peaka reads at most that much of cache IDs",
            MOST_INPUT >> 20
        ))
        .hint(format!(
            "give at most {MOST_IDS} cache IDs, one a line; split a longer list into several runs"
        )));
    }
    let mut ids = Vec::new();
    for (n, line) in input.split(|b| *b == b'\n').enumerate() {
        let line_error = |why: String| {
            Failure::new(
                Kind::Usage,
                format!("standard input, line {}: {why}", n + 1),
            )
            .hint("one cache a line, its ID or its name; blank lines and # comments are skipped")
        };
        let line = std::str::from_utf8(line).map_err(|_| line_error("not UTF-8".into()))?;
        let id = uncommented(line).trim();
        if id.is_empty() {
            continue;
        }
        names::parse(id).map_err(|f| line_error(f.message))?;
        if ids.len() == MOST_IDS {
            return Err(usage(format!(
                "more than {MOST_IDS} cache IDs on standard input; peaka takes at most {MOST_IDS}"
            ))
            .hint("split the list into several runs"));
        }
        ids.push(id.to_string());
    }
    Ok(ids)
}

/// A line up to its `#` comment; a `#` inside double quotes is a name's.
fn uncommented(line: &str) -> &str {
    let mut quoted = false;
    for (at, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted => return &line[..at],
            _ => {}
        }
    }
    line
}
