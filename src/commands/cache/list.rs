//! `peaka cache list`: every cache of a project, a catalog or a schema, with
//! an optional filter on status.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use crate::api::{self, request, ExecutionKind, ListedCache, Listing};
use crate::cli::{ProjectArg, Scope};
use crate::commands::names;
use crate::commands::session::{Flow, Planned};
use crate::commands::{About, Exec, Failed, Run};
use crate::exit::{usage, Failure};
use crate::output::{list_table, Document, Labels, Layout, Report, Style};
use crate::sanitize;

/// The statuses `--status` takes, alone or after `full:`/`incremental:`.
const STATUSES: [&str; 7] = [
    "RUNNING",
    "CANCELLING",
    "COMPLETED",
    "FAILED",
    "CANCELLED",
    "DELETED",
    "NOT_INITIALIZED",
];

/// List the caches of a project, a catalog or a schema, with their status
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = after_help())]
pub struct Args {
    #[command(flatten)]
    pub project: ProjectArg,

    #[command(flatten)]
    pub scope: Scope,

    /// Only caches in this status, e.g. FAILED or full:RUNNING; repeat for any
    ///
    /// A status is RUNNING, CANCELLING, COMPLETED, FAILED, CANCELLED, DELETED
    /// or NOT_INITIALIZED, in any case; after full: or incremental: it is
    /// that kind of execution's (full:RUNNING / incremental:RUNNING), alone
    /// the cache's top-level status. Repeated, any of them matches.
    #[arg(long, value_name = "STATUS", value_hint = clap::ValueHint::Other)]
    pub status: Vec<String>,

    /// On a terminal, every column in full (catalog, whole IDs, nothing cut)
    #[arg(long)]
    pub wide: bool,
}

/// The columns of the tab-separated rows, by number, as `--help`, the man
/// page and README.md tell them.
pub const COLUMNS: [(&str, &str); 7] = [
    ("1", "cache ID"),
    ("2", "catalog ID"),
    ("3", "schema name"),
    ("4", "table name"),
    ("5", "status (top level)"),
    (
        "6, 7",
        "last full refresh: status, time (finished, else started; ISO-8601)",
    ),
    ("8, 9", "last incremental sync: status, time"),
];

/// The examples, then the columns a script reads.
fn after_help() -> String {
    let mut text = concat!(
        "Examples:\n",
        "  peaka cache list -p mtKDhe1U\n",
        "  peaka cache list -p mtKDhe1U --catalog pg1 --status full:RUNNING\n",
        "  peaka cache list -p mtKDhe1U -o json | jq -r '.caches[].tableName'\n",
        "  peaka cache list -p mtKDhe1U --status RUNNING | cut -f1   # tab-separated\n",
        "\n",
        "On a terminal:\n",
        "  The table fits its width (COLUMNS, else the terminal's): the name first,\n",
        "  the ID as short as --cache takes it, long names cut with …; --wide shows\n",
        "  every column in full.\n",
        "\n",
        "Tab-separated columns:\n",
        "  Piped, one row per cache, without a header; a missing value is -.\n",
    )
    .to_string();
    for (number, column) in COLUMNS {
        text.push_str(&format!("  {number:<6}{column}\n"));
    }
    text.trim_end().to_string()
}

impl Exec for Args {
    fn about(&self) -> About<'_> {
        About {
            project: self.project.project.as_deref(),
            cache: None,
        }
    }

    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        let whole_project = self.reads_the_project(run);
        Flow {
            project_flag: self.project.project.as_deref(),
            check: &mut |_| self.check().map(|()| Vec::new()),
            plan: &|project, _| {
                let (catalog, schema) = (&self.scope.catalog, &self.scope.schema);
                let list = request::list(project, catalog.as_deref(), schema.as_deref());
                Ok(Planned {
                    before: match whole_project {
                        true => vec![request::list(project, None, None)],
                        false => Vec::new(),
                    },
                    main: Some(list),
                })
            },
            body: &mut |run, api| self.list(run, &api.project()),
        }
        .run(run)
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        vec![generator.subschema_for::<crate::document::Envelope<ListDocument>>()]
    }
}

/// One `--status` value: the top-level status, or one kind's.
#[derive(Debug, PartialEq)]
struct Wanted {
    kind: Option<ExecutionKind>,
    status: String,
}

fn wanted(text: &str) -> Result<Wanted, Failure> {
    let (kind, status) = match text.split_once(':') {
        Some((kind, status)) => {
            let kind =
                match kind.to_ascii_lowercase().as_str() {
                    "full" => ExecutionKind::Full,
                    "incremental" => ExecutionKind::Incremental,
                    _ => return Err(usage(format!("--status {text}: unknown kind `{kind}`"))
                        .hint(
                            "write STATUS, full:STATUS or incremental:STATUS, e.g. full:RUNNING",
                        )),
                };
            (Some(kind), status)
        }
        None => (None, text),
    };
    if !STATUSES.iter().any(|s| s.eq_ignore_ascii_case(status)) {
        let shown: String = text.chars().take(80).flat_map(char::escape_debug).collect();
        let failure = usage(format!(
            "--status {shown}: not a status; statuses are {}",
            STATUSES.join(", ")
        ));
        let closest = STATUSES
            .iter()
            .map(|s| (strsim::levenshtein(s, &status.to_ascii_uppercase()), s))
            .min()
            .filter(|(distance, _)| *distance <= 2);
        let kind = text
            .split_once(':')
            .map_or(String::new(), |(k, _)| format!("{k}:"));
        return Err(match closest {
            Some((_, s)) => failure.hint(format!("did you mean {kind}{s}?")),
            None => {
                failure.hint("write STATUS, full:STATUS or incremental:STATUS, e.g. full:RUNNING")
            }
        });
    }
    Ok(Wanted {
        kind,
        status: status.to_ascii_uppercase(),
    })
}

impl Wanted {
    fn matches(&self, cache: &ListedCache) -> bool {
        let status = match self.kind {
            None => cache.status.as_deref(),
            Some(kind) => cache.execution(kind).and_then(|e| e.status.as_deref()),
        };
        status.is_some_and(|s| s.eq_ignore_ascii_case(&self.status))
    }
}

impl Args {
    /// Checks the flags before anything is sent.
    fn check(&self) -> Result<(), Failure> {
        self.scope.check()?;
        self.status.iter().try_for_each(|s| wanted(s).map(|_| ()))
    }

    /// Whether the run reads the project's list beside its catalog's or
    /// schema's: a short ID shown to people must name one cache among all
    /// the project's, where `--cache` looks it up.
    fn reads_the_project(&self, run: &Run) -> bool {
        self.scope.catalog.is_some() && run.sink.for_people() && !self.wide
    }

    fn list(&self, run: &Run, project: &api::ProjectRef) -> Result<Report, Failure> {
        let filters: Vec<Wanted> = self
            .status
            .iter()
            .map(|s| wanted(s))
            .collect::<Result<_, _>>()?;
        // Read before the list it serves, as the dry run shows; a project
        // list that fails leaves the IDs whole.
        let whole = self
            .reads_the_project(run)
            .then(|| project.list(None, None).ok());
        let (catalog, schema) = (&self.scope.catalog, &self.scope.schema);
        let mut caches = project.list(catalog.as_deref(), schema.as_deref())?;
        let listed = caches.items.len();
        let labels = match (run.sink.for_people(), whole) {
            (false, _) => Labels::default(),
            (true, Some(whole)) => labels(&caches, whole.as_ref(), self.wide),
            (true, None) => labels(&caches, Some(&caches), self.wide),
        };
        let keep: Vec<bool> = caches
            .items
            .iter()
            .map(|(_, c)| filters.is_empty() || filters.iter().any(|f| f.matches(c)))
            .collect();
        let Labels { mut names, mut ids } = labels;
        keep_marked(&mut caches.items, &keep);
        keep_marked(&mut names, &keep);
        keep_marked(&mut ids, &keep);
        let labels = Labels { names, ids };
        Ok(Report::new(
            run.action,
            List {
                project: project.project.to_string(),
                caches,
                labels,
                layout: Layout { wide: self.wide },
                filtered: self.filtered(listed),
            },
        ))
    }

    /// What an empty list says was asked: the catalog, schema and statuses,
    /// and how many caches the statuses left out.
    fn filtered(&self, listed: usize) -> String {
        let mut said = String::new();
        if let Some(catalog) = &self.scope.catalog {
            said += &format!(", catalog {}", sanitize::field(catalog));
        }
        if let Some(schema) = &self.scope.schema {
            said += &format!(", schema {}", sanitize::field(schema));
        }
        if !self.status.is_empty() {
            let statuses: Vec<String> = self.status.iter().map(|s| sanitize::field(s)).collect();
            said += &format!(" with status {}", statuses.join(" or "));
            said += &format!(" ({listed} cache{} in all)", plural(listed));
        }
        said
    }
}

/// Keeps the items whose mark is true.
fn keep_marked<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut marks = keep.iter();
    items.retain(|_| marks.next().copied().unwrap_or(false));
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Names and short IDs for people: `schema.table`, with the catalog when
/// two caches of the list share it. The short IDs are unique among `all`
/// (the project's caches); without it (its list could not be read), and
/// with `--wide`, the IDs are whole.
fn labels(caches: &Listing<ListedCache>, all: Option<&Listing<ListedCache>>, wide: bool) -> Labels {
    let shown: Vec<&ListedCache> = caches.items.iter().map(|(_, c)| c).collect();
    let ids = match (all, wide) {
        (Some(all), false) => {
            let all: Vec<&ListedCache> = all.items.iter().map(|(_, c)| c).collect();
            names::short_ids(&shown, &all)
        }
        _ => shown.iter().map(|c| c.id.clone()).collect(),
    };
    // A `schema.table` that two caches share is shown with its catalog.
    let short: Vec<Option<String>> = shown.iter().map(|c| names::name_of(c, false)).collect();
    let mut seen = std::collections::HashMap::new();
    for name in short.iter().flatten() {
        *seen.entry(name.as_str()).or_insert(0) += 1;
    }
    let name = |(c, name): (&&ListedCache, &Option<String>)| match name {
        Some(n) if seen.get(n.as_str()).is_some_and(|count| *count > 1) => names::name_of(c, true),
        _ => name.clone(),
    };
    Labels {
        names: shown.iter().zip(&short).map(name).collect(),
        ids: ids
            .into_iter()
            .map(|id| id.map_or("-".into(), |id| sanitize::field(&id)))
            .collect(),
    }
}

/// The caches, each as the API sent it and as read, and what people see
/// of them.
struct List {
    project: String,
    caches: Listing<ListedCache>,
    labels: Labels,
    layout: Layout,
    /// What was asked beside the project, for an empty list's words.
    filtered: String,
}

/// `peaka cache list`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ListDocument<'a> {
    project_id: &'a str,
    /// Always `null`: a list is about many caches.
    cache_id: Option<String>,
    /// The API's cache status objects as it sent them, after `--status`.
    caches: Vec<&'a RawValue>,
}

impl Serialize for List {
    /// The items are checked once more as they are taken from the answer's
    /// text (they were read already), and written as they came.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let caches = self.caches.raw_items().map_err(serde::ser::Error::custom)?;
        ListDocument {
            project_id: &self.project,
            cache_id: None,
            caches,
        }
        .serialize(serializer)
    }
}

impl Document for List {
    fn human(&self, style: &Style, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        if self.caches.items.is_empty() {
            // Nothing on stdout, for people or scripts; people are told.
            if style.stdout_terminal {
                let _ = writeln!(
                    err,
                    "No caches in project {}{}",
                    self.project, self.filtered
                );
            }
            return Ok(());
        }
        list_table(&self.caches, &self.labels, self.layout, style, out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_filters() {
        assert_eq!(
            wanted("full:running").unwrap(),
            Wanted {
                kind: Some(ExecutionKind::Full),
                status: "RUNNING".into()
            }
        );
        assert_eq!(wanted("COMPLETED").unwrap().kind, None);
        for good in STATUSES
            .iter()
            .map(|s| format!("incremental:{}", s.to_lowercase()))
        {
            assert!(wanted(&good).is_ok(), "{good}");
        }
        let typo = wanted("RUNING").unwrap_err();
        assert!(
            typo.message.contains(&STATUSES.join(", ")),
            "{}",
            typo.message
        );
        assert_eq!(typo.hint.as_deref(), Some("did you mean RUNNING?"));
        for bad in [
            "",
            "full:",
            "weekly:RUNNING",
            "RUN NING",
            "full:RUNNING:x",
            "DONE",
        ] {
            assert_eq!(wanted(bad).unwrap_err().kind.code(), 2, "{bad}");
        }
    }
}
