//! Caches by name: the grammar of a cache as the command line names it, and
//! how a reference finds its cache in a list. Pure: the list is read by the
//! command's flow (`session.rs`), once per run, and handed in.
//!
//! A reference is an ID (anything that parses as a UUID: no list read), or
//! else a name, `TABLE`, `SCHEMA.TABLE` (split at the first `.`) or
//! `CATALOG/SCHEMA.TABLE` (the catalog up to the first `/`), a part holding
//! `.` or `/` written in double quotes (a quote inside doubled); a name of
//! 8 or more hex digits (hyphens as in an ID allowed) is also a prefix of
//! an ID, and both readings count.

mod misses;

use crate::api::{self, ListedCache};
use crate::exit::{usage, Failure, Kind};
use crate::output::Outcome;
use crate::sanitize;

/// The fewest hex digits of an ID prefix.
pub const PREFIX_DIGITS: usize = 8;
/// The most matches an ambiguity lists, and names suggested.
const MOST_LISTED: usize = 20;
const MOST_SUGGESTED: usize = 3;

/// A cache as the command line names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference {
    /// A UUID, used as typed.
    Id(String),
    Named(Named),
}

/// A reference that is not a UUID: a name, and maybe an ID prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub typed: String,
    pub catalog: Option<String>,
    pub schema: Option<String>,
    pub table: String,
    /// Lowercase, when the text reads as the start of an ID.
    pub prefix: Option<String>,
}

/// A cache a run works on: its ID, what was typed when it was not the ID,
/// and its name (`schema.table`) where known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    pub typed: Option<String>,
    pub name: Option<String>,
}

impl Reference {
    /// The target, when the reference is an ID.
    pub fn id(&self) -> Option<Target> {
        match self {
            Reference::Id(id) => Some(Target {
                id: id.clone(),
                ..Target::default()
            }),
            Reference::Named(_) => None,
        }
    }
}

impl Target {
    /// The outcome about this cache of a project, the rest to be filled in.
    pub fn outcome(&self, project: &str) -> Outcome {
        let mut outcome = Outcome {
            cache_ref: self.typed.clone(),
            cache_name: self.name.clone(),
            ..Outcome::about(project, &self.id)
        };
        if self.is_absent() {
            outcome.cache = None;
        }
        outcome
    }

    /// A name that matched no cache, kept for a command where a missing
    /// cache is an outcome of its own (`delete --if-exists`).
    pub fn is_absent(&self) -> bool {
        self.id.is_empty()
    }

    /// How a result line names the cache: the name first for people on a
    /// terminal (`public.orders (960bd651-…)`), the ID alone elsewhere, so
    /// that piped lines keep their shape.
    pub fn shown(&self, names_first: bool) -> String {
        match (&self.name, names_first, &self.typed) {
            (_, _, Some(typed)) if self.is_absent() => sanitize::field(typed),
            (Some(name), true, _) => format!("{} ({})", sanitize::field(name), self.id),
            _ => self.id.clone(),
        }
    }
}

/// Reads a reference; a grammar error is a usage error (exit 2).
pub fn parse(text: &str) -> Result<Reference, Failure> {
    if api::check_cache_id(text).is_ok() {
        return Ok(Reference::Id(text.to_string()));
    }
    let bad = |why: &str| {
        usage(format!("invalid cache {}: {why}", quote(text))).hint(
            "name a cache by its ID, TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; write a part that holds . or / in double quotes, e.g. \"my.schema\".orders",
        )
    };
    if text.is_empty() {
        return Err(bad("empty"));
    }
    let (parts, separators) = split(text).map_err(bad)?;
    let (catalog, schema, table) = shape(&parts, &separators).map_err(bad)?;
    let digits = text.bytes().filter(u8::is_ascii_hexdigit).count();
    let prefix =
        text.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') && digits >= PREFIX_DIGITS;
    Ok(Reference::Named(Named {
        typed: text.to_string(),
        catalog,
        schema,
        table,
        prefix: prefix.then(|| text.to_ascii_lowercase()),
    }))
}

/// The parts of a name and the separator (`.` or `/`) after each but the
/// last, quotes taken off.
fn split(text: &str) -> Result<(Vec<String>, Vec<char>), &'static str> {
    let (mut parts, mut separators) = (Vec::new(), Vec::new());
    let mut chars = text.chars().peekable();
    loop {
        let mut part = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    None => return Err("a double quote is not closed"),
                    Some('"') if chars.next_if_eq(&'"').is_some() => part.push('"'),
                    Some('"') => break,
                    Some(c) => part.push(c),
                }
            }
            if !matches!(chars.peek(), None | Some('.' | '/')) {
                return Err("a closing double quote ends its part");
            }
        } else {
            while let Some(c) = chars.next_if(|c| !matches!(c, '.' | '/')) {
                if c == '"' {
                    return Err("a double quote opens a whole part");
                }
                part.push(c);
            }
        }
        if part.is_empty() {
            return Err("a part of the name is empty");
        }
        parts.push(part);
        match chars.next() {
            Some(separator) => separators.push(separator),
            None => return Ok((parts, separators)),
        }
    }
}

type Shape = (Option<String>, Option<String>, String);

/// The catalog (up to the first `/`), the schema (up to the first `.`
/// after it) and the table (the rest), separators in a part kept.
fn shape(parts: &[String], separators: &[char]) -> Result<Shape, &'static str> {
    let first =
        |c: char, from: usize| (from..separators.len()).find(|&at| separators.get(at) == Some(&c));
    let slash = first('/', 0);
    let catalog = slash.map(|at| join(parts, separators, 0, at + 1));
    let start = slash.map_or(0, |at| at + 1);
    match (first('.', start), &catalog) {
        (None, Some(_)) => Err("a catalog needs SCHEMA.TABLE after it"),
        (None, None) => Ok((None, None, join(parts, separators, 0, parts.len()))),
        (Some(dot), _) => Ok((
            catalog,
            Some(join(parts, separators, start, dot + 1)),
            join(parts, separators, dot + 1, parts.len()),
        )),
    }
}

/// Parts `from..to` with the separators between them.
fn join(parts: &[String], separators: &[char], from: usize, to: usize) -> String {
    let mut joined = String::new();
    for at in from..to {
        if at > from {
            joined.extend(separators.get(at - 1));
        }
        joined.push_str(parts.get(at).map_or("", String::as_str));
    }
    joined
}

/// The catalog and schema every name gives, when all give the same ones:
/// that schema's list holds every cache they can mean. `None`: the
/// project's list.
pub fn scope(references: &[Reference]) -> Option<(&str, &str)> {
    let mut names = references.iter().filter_map(|r| match r {
        Reference::Named(named) => Some(named),
        Reference::Id(_) => None,
    });
    let first = names.next()?;
    let scope = (first.catalog.as_deref()?, first.schema.as_deref()?);
    let same = names
        .all(|n| (n.catalog.as_deref(), n.schema.as_deref()) == (Some(scope.0), Some(scope.1)));
    // A segment that would name another level of the path is never sent.
    let sendable = api::check_segment("catalog ID", scope.0).is_ok()
        && api::check_segment("schema name", scope.1).is_ok();
    (same && sendable).then_some(scope)
}

/// Each reference's cache, in order: an ID as it is, a name or prefix from
/// the list. One that matches several caches is a usage error (exit 2)
/// listing them; one that matches none is exit 5 with the closest names.
/// `listed` says what the list held: the project's caches, or one schema's.
pub fn resolve(
    references: &[Reference],
    caches: &[&ListedCache],
    listed: &Listed,
) -> Result<Vec<Target>, Failure> {
    let find = |reference: &Reference| match reference {
        Reference::Id(id) => Ok(Target {
            id: id.clone(),
            ..Target::default()
        }),
        Reference::Named(named) => named.resolve(caches, listed),
    };
    references.iter().map(find).collect()
}

/// As `resolve`, but a name that matches no cache is kept as an absent
/// target (no ID), for a command where a missing cache is an outcome.
pub fn resolve_allowing_absent(
    references: &[Reference],
    caches: &[&ListedCache],
    listed: &Listed,
) -> Result<Vec<Target>, Failure> {
    let find = |reference: &Reference| match reference {
        Reference::Named(named) if named.candidates(caches).is_empty() => Ok(Target {
            typed: Some(named.typed.clone()),
            ..Target::default()
        }),
        other => Ok(resolve(std::slice::from_ref(other), caches, listed)?.remove(0)),
    };
    references.iter().map(find).collect()
}

/// What the list read for the names held, for the words of a failure.
pub struct Listed<'a> {
    pub project: &'a str,
    /// The catalog and schema, when only theirs was read.
    pub scope: Option<(&'a str, &'a str)>,
}

impl Named {
    fn resolve(&self, caches: &[&ListedCache], listed: &Listed) -> Result<Target, Failure> {
        match self.candidates(caches).as_slice() {
            [] => Err(self.unknown(caches, listed)),
            [one] => self.target(one, listed.project),
            many => Err(self.ambiguous(many, listed.project)),
        }
    }

    /// The caches it may mean, each once: by name (exactly, else ignoring
    /// ASCII case), and by ID prefix.
    pub fn candidates<'l>(&self, caches: &[&'l ListedCache]) -> Vec<&'l ListedCache> {
        let named = |same: fn(&str, &str) -> bool| {
            let all = caches.iter().copied();
            all.filter(move |c| self.names(c, same)).collect::<Vec<_>>()
        };
        let mut found = named(|a, b| a == b);
        if found.is_empty() {
            found = named(|a, b| a.eq_ignore_ascii_case(b));
        }
        if let Some(prefix) = &self.prefix {
            let starts = |c: &&ListedCache| {
                let id = c.id.as_deref().unwrap_or_default();
                id.get(..prefix.len())
                    .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
            };
            found.extend(caches.iter().copied().filter(starts));
        }
        let mut seen = std::collections::HashSet::new();
        found.retain(|c| match &c.id {
            Some(id) => seen.insert(id.to_ascii_lowercase()),
            None => true,
        });
        found
    }

    /// Whether a cache has this name, each part given compared by `same`.
    fn names(&self, cache: &ListedCache, same: fn(&str, &str) -> bool) -> bool {
        let fits = |want: Option<&str>, have: &Option<String>| match want {
            None => true,
            Some(want) => have.as_deref().is_some_and(|have| same(want, have)),
        };
        fits(Some(&self.table), &cache.table_name)
            && fits(self.schema.as_deref(), &cache.schema_name)
            && fits(self.catalog.as_deref(), &cache.catalog_id)
    }

    fn target(&self, cache: &ListedCache, project: &str) -> Result<Target, Failure> {
        let id = cache.id.as_deref().unwrap_or_default();
        if api::check_cache_id(id).is_err() {
            let why = match &cache.id {
                None => "no id".to_string(),
                Some(id) => format!("the id \"{}\", not a UUID", sanitize::field(id)),
            };
            return Err(Failure::new(
                Kind::Api,
                format!(
                    "cache {} of project {project} has {why} in the API's list; nothing was sent",
                    quote(&self.typed)
                ),
            )
            .hint("`peaka cache list -o json` shows the API's answer as it came"));
        }
        Ok(Target {
            id: id.to_string(),
            typed: Some(self.typed.clone()),
            name: name_of(cache, false),
        })
    }
}

/// A cache's name as a reference to it: `schema.table`, with its catalog
/// first (`catalog/schema.table`) when asked; each part quoted as needed.
pub fn name_of(cache: &ListedCache, with_catalog: bool) -> Option<String> {
    let table = part(cache.table_name.as_deref()?);
    let Some(schema) = cache.schema_name.as_deref() else {
        return Some(table);
    };
    let name = format!("{}.{table}", part(schema));
    match (with_catalog, cache.catalog_id.as_deref()) {
        (true, Some(catalog)) => Some(format!("{}/{name}", part(catalog))),
        _ => Some(name),
    }
}

/// Each of `shown`'s IDs as short as a reference takes it back among the
/// caches of `all` (the list a name is looked up in): its shortest start of
/// at least 8 hex digits that no other ID begins with and that is no
/// table's name (names count too), else the whole ID; an ID that is not a
/// UUID as it is.
pub fn short_ids(shown: &[&ListedCache], all: &[&ListedCache]) -> Vec<Option<String>> {
    let mut ids: Vec<String> = all
        .iter()
        .filter_map(|c| Some(c.id.as_deref()?.to_ascii_lowercase()))
        .collect();
    ids.sort_unstable();
    let tables: std::collections::HashSet<String> = all
        .iter()
        .filter_map(|c| Some(c.table_name.as_deref()?.to_ascii_lowercase()))
        .collect();
    let common = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let short = |id: &str| {
        if api::check_cache_id(id).is_err() {
            return id.to_string();
        }
        let lower = id.to_ascii_lowercase();
        // The IDs nearest in order share the longest start with it; one
        // equal to it (listed twice) keeps it whole.
        let at = ids.partition_point(|other| *other < lower);
        let before = at.checked_sub(1).and_then(|n| ids.get(n));
        let after = ids[at..].iter().find(|other| **other != lower);
        let twice = ids.get(at + 1).is_some_and(|next| *next == lower);
        let near = [before, after].into_iter().flatten();
        let mut end = near
            .map(|other| common(&lower, other) + 1)
            .max()
            .unwrap_or(0);
        end = end.max(PREFIX_DIGITS);
        while end < id.len() && (id[..end].ends_with('-') || tables.contains(&lower[..end])) {
            end += 1;
        }
        match twice || end >= id.len() {
            true => id.to_string(),
            false => id[..end].to_string(),
        }
    };
    shown.iter().map(|c| c.id.as_deref().map(short)).collect()
}

/// One part of a name as it is written: in double quotes (a quote inside
/// doubled) when it holds `.`, `/` or `"`, or is empty.
pub fn part(text: &str) -> String {
    if text.is_empty() || text.contains(['.', '/', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// User input shown safely: control characters escaped, length bounded.
fn quote(text: &str) -> String {
    let shown: String = text.chars().take(80).flat_map(char::escape_debug).collect();
    let more = if text.chars().count() > 80 { "..." } else { "" };
    format!("\"{shown}{more}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "960bd651-7b3c-4511-9a88-18e14ac7742a";

    fn named(text: &str) -> Named {
        match parse(text) {
            Ok(Reference::Named(named)) => named,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn parts(text: &str) -> (Option<String>, Option<String>, String) {
        let n = named(text);
        (n.catalog, n.schema, n.table)
    }

    fn some(text: &str) -> Option<String> {
        Some(text.to_string())
    }

    #[test]
    fn a_uuid_is_an_id_and_anything_else_a_name() {
        assert_eq!(parse(ID).unwrap(), Reference::Id(ID.into()));
        let upper = ID.to_uppercase();
        assert_eq!(parse(&upper).unwrap(), Reference::Id(upper.clone()));
        assert_eq!(parts("orders"), (None, None, "orders".into()));
        assert_eq!(
            parts("public.orders"),
            (None, some("public"), "orders".into())
        );
        assert_eq!(parts("a.b.c"), (None, some("a"), "b.c".into()));
        assert_eq!(
            parts("pg1/public.orders"),
            (some("pg1"), some("public"), "orders".into())
        );
        assert_eq!(parts("a/b/c.d"), (some("a"), some("b/c"), "d".into()));
        assert_eq!(parts("x.y/s.t"), (some("x.y"), some("s"), "t".into()));
    }

    #[test]
    fn quotes_hold_dots_and_slashes() {
        assert_eq!(
            parts("\"my.schema\".orders"),
            (None, some("my.schema"), "orders".into())
        );
        assert_eq!(
            parts("\"a/b\"/s.\"t.1\""),
            (some("a/b"), some("s"), "t.1".into())
        );
        assert_eq!(
            parts("\"say \"\"hi\"\"\""),
            (None, None, "say \"hi\"".into())
        );
        assert_eq!(parts("\"a.b\""), (None, None, "a.b".into()));
        for bad in [
            "",
            "\"open",
            "\"my.schema.orders",
            "ab\"c",
            "\"a\"b",
            ".orders",
            "orders.",
            "a..b",
            "pg1/orders",
            "/s.t",
            "\"\"",
            "a/.t",
        ] {
            let failure = parse(bad).unwrap_err();
            assert_eq!(failure.kind.code(), 2, "{bad}");
            assert!(
                failure.message.starts_with("invalid cache"),
                "{bad}: {}",
                failure.message
            );
        }
    }

    #[test]
    fn eight_hex_digits_are_also_a_prefix() {
        assert_eq!(named("960BD651").prefix, some("960bd651"));
        assert_eq!(named("960bd651-7b3c").prefix, some("960bd651-7b3c"));
        assert_eq!(named("960bd65").prefix, None);
        assert_eq!(named("orders").prefix, None);
        assert_eq!(named("deadbeef").table, "deadbeef");
    }

    fn cache(id: &str, catalog: &str, schema: &str, table: &str) -> ListedCache {
        ListedCache {
            id: Some(id.into()),
            catalog_id: Some(catalog.into()),
            schema_name: Some(schema.into()),
            table_name: Some(table.into()),
            ..ListedCache::default()
        }
    }

    fn sample() -> Vec<ListedCache> {
        vec![
            cache(ID, "pg1", "public", "orders"),
            cache(CUSTOMERS, "pg1", "public", "customers"),
            cache(SALES, "pg2", "sales", "Orders"),
            cache(UPPER, "pg2", "sales", "ORDERS"),
            cache(ODD, "pg1", "my.schema", "a/b"),
            cache(
                "22222222-0000-4000-8000-000000000003",
                "pg3",
                "x",
                "deadbeef",
            ),
        ]
    }

    const CUSTOMERS: &str = "0b7e1c52-3f0a-4d55-9b1e-6a2f9c8d4e11";
    const SALES: &str = "0b7e1c52-9999-4d55-9b1e-6a2f9c8d4e12";
    const UPPER: &str = "deadbeef-0000-4000-8000-000000000001";
    const ODD: &str = "11111111-0000-4000-8000-000000000002";

    const LISTED: Listed = Listed {
        project: "demo",
        scope: None,
    };

    fn find(text: &str) -> Result<Target, Failure> {
        let all = sample();
        let caches: Vec<&ListedCache> = all.iter().collect();
        let reference = parse(text).unwrap();
        let mut found = resolve(&[reference], &caches, &LISTED)?;
        Ok(found.remove(0))
    }

    fn code(text: &str) -> u8 {
        find(text).unwrap_err().kind.code()
    }

    #[test]
    fn names_match_exactly_first_then_ignoring_case() {
        let target = find("orders").unwrap();
        assert_eq!(target.id, ID);
        assert_eq!(target.typed.as_deref(), Some("orders"));
        assert_eq!(target.name.as_deref(), Some("public.orders"));
        assert_eq!(find("PUBLIC.ORDERS").unwrap().id, ID);
        assert_eq!(find("PG1/Public.Orders").unwrap().id, ID);
        assert_eq!(find("Orders").unwrap().id, SALES, "exact beats case");
        assert_eq!(find("ORDERS").unwrap().id, UPPER);
        assert_eq!(code("oRDERS"), 2, "three ignoring case");
        assert_eq!(code("sales.orders"), 2, "two ignoring case");
        assert_eq!(find("pg1/public.orders").unwrap().id, ID);
        assert_eq!(code("pg2/public.orders"), 5);
    }

    #[test]
    fn quoted_names_find_their_cache() {
        let target = find("\"my.schema\".\"a/b\"").unwrap();
        assert_eq!(target.id, ODD);
        let name = target.name.clone().unwrap();
        assert_eq!(name, "\"my.schema\".\"a/b\"");
        assert_eq!(find(&name).unwrap().id, ODD, "a name shown is a name read");
        assert_eq!(find("pg1/\"my.schema\".\"a/b\"").unwrap().id, ODD);
    }

    #[test]
    fn prefixes_and_names_count_together() {
        assert_eq!(find("960BD651").unwrap().id, ID);
        assert_eq!(find("960bd651-7b3c").unwrap().id, ID);
        assert_eq!(find("0b7e1c52-3f").unwrap().id, CUSTOMERS);
        let failure = find("0b7e1c52").unwrap_err();
        assert_eq!(failure.kind.code(), 2);
        assert!(failure.message.contains(CUSTOMERS) && failure.message.contains(SALES));
        assert!(failure
            .message
            .contains("catalog pg2  schema sales  table Orders"));
        let failure = find("0b7e1c5").unwrap_err();
        assert_eq!(failure.kind.code(), 5, "too short to be a prefix");
        assert!(failure.hint.unwrap().contains("at least 8 hex digits"));
        assert_eq!(code("deadbeef"), 2, "a table's name and an ID's start");
        assert_eq!(find("deadbeef-").unwrap().id, UPPER);
        assert_eq!(code("abcdef01"), 5);
    }

    #[test]
    fn an_unknown_name_suggests_the_closest() {
        let failure = find("ordrs").unwrap_err();
        assert_eq!(failure.kind.code(), 5);
        assert!(
            failure
                .message
                .ends_with("did you mean public.orders, sales.ORDERS, sales.Orders?"),
            "{}",
            failure.message
        );
        let failure = find("pg1/public.custmers").unwrap_err();
        assert!(
            failure
                .message
                .ends_with("did you mean pg1/public.customers?"),
            "{}",
            failure.message
        );
        let failure = find("nothing_like_it").unwrap_err();
        assert!(
            !failure.message.contains("did you mean"),
            "{}",
            failure.message
        );
    }

    /// A suggestion is typed as it must be to find one cache: with its
    /// catalog when its schema.table is another catalog's too.
    #[test]
    fn a_suggestion_shared_by_two_catalogs_names_its_catalog() {
        let mut all = sample();
        all.push(cache(
            "33333333-0000-4000-8000-000000000004",
            "pg9",
            "public",
            "customers",
        ));
        let caches: Vec<&ListedCache> = all.iter().collect();
        let failure = resolve(&[parse("customrs").unwrap()], &caches, &LISTED).unwrap_err();
        assert!(
            failure
                .message
                .ends_with("did you mean pg1/public.customers, pg9/public.customers?"),
            "{}",
            failure.message
        );
        let suggested = parse("pg1/public.customers").unwrap();
        assert_eq!(
            resolve(&[suggested], &caches, &LISTED).unwrap()[0].id,
            CUSTOMERS
        );
    }

    #[test]
    fn a_match_without_a_usable_id_is_an_api_error() {
        let all = [ListedCache {
            id: Some("x".into()),
            ..cache(ID, "c", "s", "t")
        }];
        let caches: Vec<&ListedCache> = all.iter().collect();
        let failure = resolve(&[parse("t").unwrap()], &caches, &LISTED).unwrap_err();
        assert_eq!(failure.kind.code(), 10);
    }

    #[test]
    fn one_schema_list_serves_names_that_all_give_it() {
        let refs = |texts: &[&str]| -> Vec<Reference> {
            texts.iter().map(|t| parse(t).unwrap()).collect()
        };
        assert_eq!(scope(&refs(&["c/s.a", "c/s.b", ID])), Some(("c", "s")));
        assert_eq!(scope(&refs(&["c/s.a", "c/t.b"])), None);
        assert_eq!(scope(&refs(&["c/s.a", "s.b"])), None);
        assert_eq!(
            scope(&refs(&["\"..\"/s.a"])),
            None,
            "never a path's other level"
        );
        assert_eq!(scope(&refs(&[ID])), None);
    }

    #[test]
    fn short_ids_are_taken_back_as_the_same_cache() {
        let mut caches = sample();
        caches.push(cache(
            "aaaaaaaa-0000-4000-8000-000000000001",
            "pg1",
            "x",
            "cccccccc",
        ));
        caches.push(cache(
            "cccccccc-0000-4000-8000-000000000001",
            "pg1",
            "x",
            "y",
        ));
        caches.push(cache(
            "bbbbbbbb-0000-4000-8000-000000000001",
            "pg1",
            "x",
            "y",
        ));
        caches.push(cache(
            "bbbbbbbb-0000-4000-8000-000000000001",
            "pg1",
            "x",
            "z",
        ));
        let all: Vec<&ListedCache> = caches.iter().collect();
        let short = short_ids(&all, &all);
        for (cache, shown) in caches.iter().zip(&short) {
            let shown = shown.as_deref().unwrap();
            let id = cache.id.as_deref().unwrap();
            assert!(
                id.starts_with(shown) && shown.len() >= PREFIX_DIGITS,
                "{shown}"
            );
            if shown != id {
                let Ok(Reference::Named(named)) = parse(shown) else {
                    panic!("{shown} is no prefix")
                };
                let found = named.candidates(&all);
                assert_eq!(found.len(), 1, "{shown}");
                assert_eq!(found[0].id, cache.id, "{shown}");
            }
        }
        let shown: Vec<&str> = short.iter().map(|s| s.as_deref().unwrap()).collect();
        assert_eq!(shown[0], &ID[..8]);
        assert_eq!((shown[1], shown[2]), ("0b7e1c52-3", "0b7e1c52-9"));
        assert_eq!(shown[3], "deadbeef-0", "a table is named deadbeef");
        assert_eq!((shown[6], shown[7]), ("aaaaaaaa", "cccccccc-0"));
        assert_eq!(
            shown[8], "bbbbbbbb-0000-4000-8000-000000000001",
            "listed twice"
        );
        let none = short_ids(&all[..1], &[]);
        assert_eq!(none, vec![Some(ID[..8].to_string())]);
    }

    #[test]
    fn people_see_the_name_first_on_a_terminal() {
        let target = Target {
            id: ID.into(),
            typed: Some("orders".into()),
            name: Some("public.orders".into()),
        };
        assert_eq!(target.shown(true), format!("public.orders ({ID})"));
        assert_eq!(target.shown(false), ID);
        assert_eq!(part("a.b"), "\"a.b\"");
        assert_eq!(part("say\"hi"), "\"say\"\"hi\"");
    }
}
