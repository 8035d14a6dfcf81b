//! `peaka cache status`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use crate::api::{request, CacheStatus, StatusAnswer};
use crate::cli::CacheTarget;
use crate::commands::session::{Flow, Planned};
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
        About {
            project: self.target.project(),
            cache: Some(&self.target.cache),
        }
    }

    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        let cache = &self.target.cache;
        Flow {
            project_flag: self.target.project(),
            cache: Some(cache),
            check: &mut |_| self.target.check(),
            plan: &|project| Ok(Planned::one(request::status(project, cache, self.logs))),
            body: &mut |run, api| {
                let cache = api.cache(cache);
                match cache.status(self.logs, None)? {
                    StatusAnswer::Missing(words) => Err(cache.missing(words)),
                    StatusAnswer::Status(raw, status) => {
                        let shown = Status {
                            project: cache.project.to_string(),
                            cache: cache.cache.to_string(),
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
    cache: String,
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
    /// The API's status object as it sent it, every field kept.
    status: &'a RawValue,
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StatusDocument {
            project_id: &self.project,
            cache_id: &self.cache,
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
