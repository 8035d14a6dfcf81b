//! `peaka cache list`: every cache of a project, a catalog or a schema, with
//! an optional filter on status.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use crate::api::{self, request, ExecutionKind, ListedCache, Listing};
use crate::cli::{ProjectArg, Scope};
use crate::commands::session::{Flow, Planned};
use crate::commands::{About, Exec, Failed, Run};
use crate::exit::{usage, Failure};
use crate::output::{list_table, Document, Report, Style};

/// List the caches of a project, a catalog or a schema, with their status
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = concat!(
    "Examples:\n",
    "  peaka cache list -p mtKDhe1U\n",
    "  peaka cache list -p mtKDhe1U --catalog pg1 --status full:RUNNING\n",
    "  peaka cache list -p mtKDhe1U -o json | jq -r '.caches[].tableName'\n",
    "  peaka cache list -p mtKDhe1U --status RUNNING | cut -f1   # tab-separated"
))]
pub struct Args {
    #[command(flatten)]
    pub project: ProjectArg,

    #[command(flatten)]
    pub scope: Scope,

    /// Only caches in this status: RUNNING, or full:RUNNING /
    /// incremental:RUNNING for one kind of execution; repeat for any of them
    #[arg(long, value_name = "STATUS", value_hint = clap::ValueHint::Other)]
    pub status: Vec<String>,
}

impl Exec for Args {
    fn about(&self) -> About<'_> {
        About {
            project: self.project.project.as_deref(),
            cache: None,
        }
    }

    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        Flow {
            project_flag: self.project.project.as_deref(),
            check: &mut |_| self.check().map(|()| Vec::new()),
            plan: &|project, _| {
                let (catalog, schema) = (&self.scope.catalog, &self.scope.schema);
                let list = request::list(project, catalog.as_deref(), schema.as_deref());
                Ok(Planned::one(list))
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
    if status.is_empty() || !status.chars().all(|c| c.is_ascii_alphabetic() || c == '_') {
        return Err(usage(format!("--status {text}: not a status"))
            .hint("statuses are words such as RUNNING, COMPLETED, FAILED, CANCELLED"));
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

    fn list(&self, run: &Run, project: &api::ProjectRef) -> Result<Report, Failure> {
        let filters: Vec<Wanted> = self
            .status
            .iter()
            .map(|s| wanted(s))
            .collect::<Result<_, _>>()?;
        let (catalog, schema) = (&self.scope.catalog, &self.scope.schema);
        let mut caches = project.list(catalog.as_deref(), schema.as_deref())?;
        caches
            .items
            .retain(|(_, c)| filters.is_empty() || filters.iter().any(|f| f.matches(c)));
        let project = project.project.to_string();
        Ok(Report::new(run.action, List { project, caches }))
    }
}

/// The caches, each as the API sent it and as read.
struct List {
    project: String,
    caches: Listing<ListedCache>,
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
    fn human(&self, style: &Style, out: &mut dyn Write, _: &mut dyn Write) -> io::Result<()> {
        list_table(&self.caches, style, out)
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
        for bad in ["", "full:", "weekly:RUNNING", "RUN NING", "full:RUNNING:x"] {
            assert_eq!(wanted(bad).unwrap_err().kind.code(), 2, "{bad}");
        }
    }
}
