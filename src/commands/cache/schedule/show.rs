//! `peaka cache schedule show`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use crate::api::{request, CacheSettings};
use crate::cli::CacheTarget;
use crate::commands::names::Target;
use crate::commands::session::{first, Flow, Planned};
use crate::commands::{About, Exec, Failed, Run};
use crate::output::{Document, Report, Style};

/// Show a cache's full-refresh and incremental schedules
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = concat!(
    "Examples:\n",
    "  peaka cache schedule show -p mtKDhe1U -c \"$CACHE\"\n",
    "  peaka cache schedule show -p mtKDhe1U public.orders -o json \\\n",
    "    | jq .cacheSettings.fullRefreshCacheSchedule"
))]
pub struct Args {
    #[command(flatten)]
    pub target: CacheTarget,
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
                Ok(Planned::one(request::settings(project, &first(caches).id)))
            },
            body: &mut |run, api| {
                let target = api.target();
                let cache = api.cache(&target.id);
                let settings = super::read(&cache, None)?;
                let shown = Shown {
                    project: cache.project.to_string(),
                    target: target.clone(),
                    raw: settings.raw,
                    settings: settings.read,
                };
                Ok(Report::new(run.action, shown))
            },
        }
        .run(run)
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        vec![generator.subschema_for::<crate::document::Envelope<ShowDocument>>()]
    }
}

struct Shown {
    project: String,
    target: Target,
    raw: Box<RawValue>,
    settings: CacheSettings,
}

/// `peaka cache schedule show`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ShowDocument<'a> {
    project_id: &'a str,
    cache_id: &'a str,
    /// The cache as typed, when that was not its ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_ref: Option<&'a str>,
    /// `schema.table`, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_name: Option<String>,
    /// The API's settings object as it sent it, every field kept.
    cache_settings: &'a RawValue,
}

impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ShowDocument {
            project_id: &self.project,
            cache_id: &self.target.id,
            cache_ref: self.target.typed.as_deref(),
            cache_name: super::name_of(&self.target, &self.settings),
            cache_settings: &self.raw,
        }
        .serialize(serializer)
    }
}

impl Document for Shown {
    fn human(&self, _: &Style, out: &mut dyn Write, _: &mut dyn Write) -> io::Result<()> {
        let cache = super::shown(&self.target, &self.settings);
        writeln!(out, "Schedules of cache {cache}, project {}:", self.project)?;
        super::rows(&self.settings, None, out)
    }
}
