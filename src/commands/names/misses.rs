//! What a reference that finds no cache, or more than one, is told: the
//! matches listed, or the closest names.

use super::*;

impl Named {
    pub(super) fn ambiguous(&self, found: &[&ListedCache], project: &str) -> Failure {
        let or_dash = |v: &Option<String>| v.as_deref().map_or("-".into(), sanitize::field);
        let mut lines: Vec<String> = found
            .iter()
            .take(MOST_LISTED)
            .map(|c| {
                format!(
                    "  catalog {}  schema {}  table {}  ID {}",
                    or_dash(&c.catalog_id),
                    or_dash(&c.schema_name),
                    or_dash(&c.table_name),
                    or_dash(&c.id)
                )
            })
            .collect();
        if found.len() > MOST_LISTED {
            lines.push(format!("  and {} more", found.len() - MOST_LISTED));
        }
        let example = found.first().and_then(|c| name_of(c, true));
        let hint = match example {
            Some(name) => format!(
                "name one as CATALOG/SCHEMA.TABLE, e.g. {}, or by its ID",
                sanitize::field(&name)
            ),
            None => "name one by its ID".into(),
        };
        Failure::new(
            Kind::Usage,
            format!(
                "cache {} is ambiguous: it matches {} caches in project {project}:\n{}",
                quote(&self.typed),
                found.len(),
                lines.join("\n")
            ),
        )
        .hint(hint)
    }

    pub(super) fn unknown(&self, caches: &[&ListedCache], listed: &Listed) -> Failure {
        let (typed, project) = (quote(&self.typed), listed.project);
        let mut message = match (&self.prefix, listed.scope) {
            (Some(_), _) => format!(
                "no cache in project {project} is named {typed} or has an ID starting with it"
            ),
            (None, Some((catalog, schema))) => format!(
                "no cache named {typed} in project {project} (catalog {}, schema {} listed)",
                sanitize::field(catalog),
                sanitize::field(schema)
            ),
            (None, None) => format!("no cache named {typed} in project {project}"),
        };
        let closest = self.closest(caches);
        if !closest.is_empty() {
            message = format!("{message}; did you mean {}?", closest.join(", "));
        }
        let hexish = self
            .typed
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b'-');
        let list = format!("`peaka cache list --project {project}` shows the project's caches");
        let hint = match hexish && self.prefix.is_none() {
            true => format!("an ID prefix has at least {PREFIX_DIGITS} hex digits; {list}"),
            false => list,
        };
        Failure::new(Kind::NotFound, message).hint(hint)
    }

    /// The names closest to this one by edit distance (ignoring case), in
    /// the form it was typed in (with the catalog when it gave one).
    fn closest(&self, caches: &[&ListedCache]) -> Vec<String> {
        let plain = |catalog: Option<&str>, schema: Option<&str>, table: &str| {
            let mut text = String::new();
            if let Some(catalog) = catalog {
                text.push_str(catalog);
                text.push('/');
            }
            if let Some(schema) = schema {
                text.push_str(schema);
                text.push('.');
            }
            text.push_str(table);
            text.to_lowercase()
        };
        let wanted = plain(self.catalog.as_deref(), self.schema.as_deref(), &self.table);
        let length = wanted.chars().count();
        let most = (length / 4).max(2);
        let mut scored: Vec<(usize, String)> = caches
            .iter()
            .filter_map(|c| {
                let catalog = self.catalog.as_ref().map(|_| c.catalog_id.as_deref());
                let schema = self.schema.as_ref().map(|_| c.schema_name.as_deref());
                let have = plain(
                    catalog.map(Option::unwrap_or_default),
                    schema.map(Option::unwrap_or_default),
                    c.table_name.as_deref()?,
                );
                if have.chars().count().abs_diff(length) > most {
                    return None;
                }
                let distance = strsim::levenshtein(&wanted, &have);
                (distance <= most).then_some((distance, *c))
            })
            .filter_map(|(d, c)| Some((d, sanitize::field(&suggested(c, caches, self)?))))
            .collect();
        scored.sort();
        scored.dedup_by(|a, b| a.1 == b.1);
        scored
            .into_iter()
            .take(MOST_SUGGESTED)
            .map(|(_, name)| name)
            .collect()
    }
}

/// A suggested cache's name as it must be typed to find it alone: with its
/// catalog when the reference gave one, or when its `schema.table` is
/// another listed cache's too.
fn suggested(cache: &ListedCache, caches: &[&ListedCache], typed: &Named) -> Option<String> {
    let short = name_of(cache, false)?;
    let shared = || {
        let same = caches
            .iter()
            .filter(|c| name_of(c, false).as_ref() == Some(&short));
        same.count() > 1
    };
    name_of(cache, typed.catalog.is_some() || shared())
}
