//! `peaka cache list`: every cache of a project, a catalog or a schema, with
//! an optional filter on status.

use crate::api::{self, ExecutionKind, ListedCache, ProjectRef};
use crate::cli::ListArgs;
use crate::exit::{usage, Failure};
use crate::output::Report;

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

/// Checks the flags before anything is sent.
pub fn check(args: &ListArgs) -> Result<(), Failure> {
    if let Some(catalog) = &args.scope.catalog {
        api::check_segment("catalog ID", catalog)?;
    }
    if let Some(schema) = &args.scope.schema {
        api::check_segment("schema name", schema)?;
    }
    args.status.iter().try_for_each(|s| wanted(s).map(|_| ()))
}

pub fn run(args: &ListArgs, project: &ProjectRef) -> Result<Report, Failure> {
    let filters: Vec<Wanted> = args
        .status
        .iter()
        .map(|s| wanted(s))
        .collect::<Result<_, _>>()?;
    let mut caches = project.list(args.scope.catalog.as_deref(), args.scope.schema.as_deref())?;
    caches
        .items
        .retain(|(_, c)| filters.is_empty() || filters.iter().any(|f| f.matches(c)));
    Ok(Report::List {
        project: project.project.to_string(),
        caches,
    })
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
