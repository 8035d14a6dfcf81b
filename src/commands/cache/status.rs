//! `peaka cache status`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use crate::api::{request, CacheStatus, StatusAnswer};
use crate::cli::CacheTarget;
use crate::commands::names::{self, Target};
use crate::commands::session::{first, Flow, Planned};
use crate::commands::{About, Exec, Failed, Run};
use crate::output::{human_status, Document, Report, Style};

/// Show the status of a cache and its last executions
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = concat!(
    "Examples:\n",
    "  peaka cache status -p mtKDhe1U -c \"$CACHE\"\n",
    "  peaka cache status -p mtKDhe1U -c \"$CACHE\" --logs\n",
    "  peaka cache status -p mtKDhe1U -c \"$CACHE\" -o json \\\n",
    "    | jq -r .status.lastFullRefreshCacheExecution.status"
))]
pub struct Args {
    #[command(flatten)]
    pub target: CacheTarget,

    /// Include the cache's action logs
    #[arg(long)]
    pub logs: bool,
}

impl Exec for Args {
    fn about(&self) -> About<'_> {
        self.target.about()
    }

    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        Flow {
            project_flag: self.target.project(),
            check: &mut |_| self.target.references(),
            plan: &|project, caches| {
                let cache = &first(caches).id;
                Ok(Planned::one(request::status(project, cache, self.logs)))
            },
            body: &mut |run, api| {
                let target = api.target();
                let cache = api.cache(&target.id);
                match cache.status(self.logs, None)? {
                    StatusAnswer::Missing(words) => Err(cache.missing(words)),
                    StatusAnswer::Status(raw, status) => {
                        let shown = Status {
                            project: cache.project.to_string(),
                            target: target.clone(),
                            raw,
                            status,
                        };
                        Ok(Report::new(run.action, shown))
                    }
                }
            },
        }
        .run(run)
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        vec![generator.subschema_for::<crate::document::Envelope<StatusDocument>>()]
    }
}

/// The status as the API sent it, and as read.
struct Status {
    project: String,
    target: Target,
    raw: Box<RawValue>,
    status: CacheStatus,
}

/// `peaka cache status`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct StatusDocument<'a> {
    project_id: &'a str,
    cache_id: &'a str,
    /// The cache as typed, when that was not its ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_ref: Option<&'a str>,
    /// `schema.table`, from the list that resolved the name, else from the
    /// status.
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_name: Option<String>,
    /// The API's status object as it sent it, every field kept.
    status: &'a RawValue,
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let status = &self.status;
        let from_status = match (&status.schema_name, &status.table_name) {
            (Some(schema), Some(table)) => {
                Some(format!("{}.{}", names::part(schema), names::part(table)))
            }
            _ => None,
        };
        StatusDocument {
            project_id: &self.project,
            cache_id: &self.target.id,
            cache_ref: self.target.typed.as_deref(),
            cache_name: self.target.name.clone().or(from_status),
            status: &self.raw,
        }
        .serialize(serializer)
    }
}

impl Document for Status {
    fn human(&self, style: &Style, out: &mut dyn Write, _: &mut dyn Write) -> io::Result<()> {
        human_status(&self.status, style, out)
    }
}
