//! Many caches from a TOML file, sent 100 a call.

use super::*;

/// The most caches one `createBatchCache` call asks for.
pub(super) const BATCH: usize = 100;
/// The most bytes of a `--from` file read.
pub(super) const MOST_FILE: u64 = 16 << 20;

/// Many caches, 100 a call, in order: each reported once. A call that
/// fails stops the run: its caches carry its failure, and those after it
/// were not sent.
pub(super) fn many(items: &[Item], api: &Connected, run: &mut Run) -> Report {
    let project = api.project();
    let check = format!("peaka cache list --project {}", api.project);
    let mut results = Vec::with_capacity(items.len());
    let mut stopped: Option<Failure> = None;
    for chunk in items.chunks(BATCH) {
        let made = |item, failure: &Failure| Made {
            failure: Some(failure.clone()),
            outcome: OutcomeName::Failed,
            ..Made::new(api.project, item)
        };
        if let Some(failure) = &stopped {
            let not_sent = Failure::new(failure.kind, "not sent: an earlier call failed");
            results.extend(chunk.iter().map(|i| made(i, &not_sent)));
            continue;
        }
        match project.create_batch(chunk.iter().map(Item::body).collect()) {
            Ok(answers) => {
                let each = chunk.iter().zip(answers);
                results.extend(each.map(|(i, a)| Made::of_batch(api.project, i, a)));
            }
            Err(failure) => {
                let failure = worded(unsure(failure, &check), api.edge);
                results.extend(chunk.iter().map(|i| made(i, &failure)));
                stopped = Some(failure);
            }
        }
    }
    Report::new(
        run.action,
        Batch {
            action: run.action,
            project: api.project.to_string(),
            results,
            failure: stopped,
        },
    )
}

/// Many caches: each one's result, in the file's order, and the failure of
/// a call that stopped the run.
pub(super) struct Batch {
    action: crate::action::Action,
    project: String,
    results: Vec<Made>,
    failure: Option<Failure>,
}

/// `peaka cache create --from`: each cache's own document, once.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(super) struct BatchDocument<'a> {
    project_id: &'a str,
    /// Always `null`: a batch is about many caches.
    cache_id: Option<String>,
    /// Each cache's document, in the file's order.
    results: Vec<Envelope<&'a Made>>,
    /// How many caches ended with each outcome (`created`, `failed`).
    summary: BTreeMap<String, u32>,
    /// The failure of a call that stopped the run.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorDocument>,
}

impl Batch {
    fn summary(&self) -> BTreeMap<String, u32> {
        let mut counts = BTreeMap::new();
        for made in &self.results {
            *counts.entry(outcome_word(made.outcome)).or_insert(0) += 1;
        }
        counts
    }
}

pub(super) fn outcome_word(name: OutcomeName) -> String {
    let word = serde_json::to_value(name).ok();
    word.and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl Serialize for Batch {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let result = |m| Envelope::new(self.action, Document::exit_code(m), m);
        BatchDocument {
            project_id: &self.project,
            cache_id: None,
            results: self.results.iter().map(result).collect(),
            summary: self.summary(),
            error: self.failure.as_ref().map(error_document),
        }
        .serialize(serializer)
    }
}

impl Document for Batch {
    fn human(&self, style: &Style, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        for made in &self.results {
            let word = outcome_word(made.outcome);
            match (&made.failure, &made.id) {
                (Some(f), _) => {
                    let why = sanitize::message(&f.message);
                    writeln!(out, "{}  {word}  {why}", made.shown)?
                }
                (None, id) => writeln!(
                    out,
                    "{}  {word}  {}",
                    made.shown,
                    id.as_deref().map_or("-".into(), sanitize::field)
                )?,
            }
        }
        let counts: Vec<String> = self
            .summary()
            .iter()
            .map(|(w, n)| format!("{n} {w}"))
            .collect();
        let total = self.results.len();
        let plural = if total == 1 { "" } else { "s" };
        writeln!(out, "{total} cache{plural}: {}", counts.join(", "))?;
        match &self.failure {
            Some(failure) => Document::human(
                &Outcome::failed(None, None, failure.clone()),
                style,
                &mut io::sink(),
                err,
            ),
            None => Ok(()),
        }
    }

    /// A call that failed gives its code; else 11 when some cache was not
    /// created.
    fn exit_code(&self) -> u8 {
        match &self.failure {
            Some(failure) => failure.kind.code(),
            None if self.results.iter().any(|m| m.failure.is_some()) => 11,
            None => 0,
        }
    }
}

/// The `--from` file's text, and how to name it: at most `MOST_FILE` bytes
/// of UTF-8.
pub(super) fn read_from(from: &str, stdin: &mut dyn Read) -> Result<(String, String), Failure> {
    let (reader, source): (Box<dyn Read + '_>, String) = match from {
        "-" => (Box::new(stdin), "standard input".into()),
        path => {
            let file = std::fs::File::open(path)
                .map_err(|e| usage(format!("cannot read {}: {e}", quoted(path))))?;
            (Box::new(file), quoted(path))
        }
    };
    let mut bytes = Vec::new();
    reader
        .take(MOST_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| usage(format!("cannot read {source}: {e}")))?;
    if bytes.len() as u64 > MOST_FILE {
        return Err(usage(format!(
            "{source} holds more than {} MiB; peaka reads at most that much of caches to create",
            MOST_FILE >> 20
        ))
        .hint("split it into several files"));
    }
    let text = String::from_utf8(bytes).map_err(|_| usage(format!("{source} is not UTF-8")))?;
    Ok((text, source))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BatchFile {
    #[serde(default)]
    cache: Vec<toml::Spanned<Entry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Entry {
    catalog: String,
    schema: String,
    table: String,
    full_schedule: Option<toml::Spanned<String>>,
    incremental_schedule: Option<toml::Spanned<String>>,
}

pub(super) const FILE_HINT: &str = "each [[cache]] table holds catalog, schema and table, and optionally full_schedule and incremental_schedule (strings)";

/// The caches of a `--from` file, each checked; any error names its line.
pub(super) fn read_file(text: &str, source: &str) -> Result<Vec<Item>, Failure> {
    let at = |offset: Option<usize>, why: &str| {
        let place = match offset {
            Some(offset) => format!("{source}, line {}", line_of(text, offset)),
            None => source.to_string(),
        };
        let why: Vec<&str> = why
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        usage(format!("{place}: {}", why.join("; "))).hint(FILE_HINT)
    };
    let file: BatchFile =
        toml::from_str(text).map_err(|e| at(e.span().map(|s| s.start), e.message()))?;
    if file.cache.is_empty() {
        return Err(at(None, "no [[cache]] table: nothing to create"));
    }
    let mut items = Vec::with_capacity(file.cache.len());
    for entry in file.cache {
        let start = entry.span().start;
        let entry = entry.into_inner();
        let parsed = |s: Option<toml::Spanned<String>>| -> Result<Option<Value>, Failure> {
            let Some(s) = s else { return Ok(None) };
            let offset = s.span().start;
            schedule(s.get_ref()).map(Some).map_err(|f| Failure {
                hint: f.hint.clone(),
                ..at(Some(offset), &f.message)
            })
        };
        let item = Item {
            full: parsed(entry.full_schedule)?,
            incremental: parsed(entry.incremental_schedule)?,
            catalog: entry.catalog,
            schema: entry.schema,
            table: entry.table,
        };
        item.check().map_err(|f| at(Some(start), &f.message))?;
        items.push(item);
    }
    Ok(items)
}

pub(super) fn line_of(text: &str, offset: usize) -> usize {
    let before = &text.as_bytes()[..offset.min(text.len())];
    before.iter().filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_caches_is_read_in_order_with_its_schedules() {
        let text = "[[cache]]\ncatalog = \"c\"\nschema = \"s\"\ntable = \"a\"\n\n[[cache]]\ncatalog = \"c\"\nschema = \"s\"\ntable = \"b\"\nfull_schedule = \"1d\"\nincremental_schedule = \"none\"\n";
        let items = read_file(text, "f.toml").unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0].body(),
            json!({"catalogId": "c", "schemaName": "s", "tableName": "a"})
        );
        assert_eq!(
            items[1].body()["fullRefreshCacheSchedule"]["expression"],
            "P1D"
        );
        assert_eq!(items[1].body()["incrementalCacheSchedule"]["type"], "NONE");
        assert_eq!(items[1].first(), Some(ExecutionKind::Full));
    }

    #[test]
    fn errors_in_a_file_name_the_line() {
        for (text, said) in [
            ("[[cache]]\ncatalog = \"c\"\nschema = \"s\"\ntable = \"t\"\ncolor = 1\n", "f.toml, line 5: unknown field `color`"),
            ("[[cache]]\ncatalog = \"c\"\nschema = \"s\"\ntable = \"t\"\nfull_schedule = \"1y\"\n", "f.toml, line 5: invalid schedule"),
            ("[[cache]]\ncatalog = \"c\"\nschema = \"s\"\ntable = 7\n", "f.toml, line 4:"),
            ("\n[[cache]]\ncatalog = \"c\"\nschema = \"\"\ntable = \"t\"\n", "f.toml, line 2: invalid schema name"),
            ("[[cache]\n", "f.toml, line 1:"),
            ("caches = []\n", "f.toml, line 1: unknown field `caches`"),
            ("", "f.toml: no [[cache]] table"),
        ] {
            let failure = read_file(text, "f.toml").expect_err(text);
            assert_eq!(failure.kind, Kind::Usage);
            assert!(failure.message.starts_with(said), "{text:?}: {}", failure.message);
            assert!(!failure.message.contains('\n'), "{}", failure.message);
        }
    }
}
