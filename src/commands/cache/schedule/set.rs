//! `peaka cache schedule set`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::api::{request, CacheSettings, ExecutionKind};
use crate::cli::CacheTarget;
use crate::client::Log;
use crate::commands::names::Target;
use crate::commands::session::{first, Flow, Planned};
use crate::commands::{About, Exec, Failed, Run};
use crate::exit::usage;
use crate::output::{Document, Report, Style};
use crate::schedule::Schedule;

use crate::document::Restored;

/// Change a cache's full-refresh or incremental schedule, or both
///
/// Only the schedules given are written. A schedule is none (paused), an
/// ISO-8601 duration in minutes, hours or days (PT15M, PT6H, P1D, P1DT12H),
/// or the same in words (15m, 6h, 1d, "1d 12h"); at least one minute. When
/// the API's answer shows the other schedule changed, it is written back.
#[derive(clap::Args, Debug, Clone)]
#[command(
    after_help = concat!(
        "Examples:\n",
        "  peaka cache schedule set -p mtKDhe1U -c \"$CACHE\" --full-schedule P1D\n",
        "  peaka cache schedule set -p mtKDhe1U public.orders --incremental-schedule 15m\n",
        "  peaka cache schedule set -p mtKDhe1U -c \"$CACHE\" --full-schedule none"
))]
pub struct Args {
    #[command(flatten)]
    pub target: CacheTarget,

    /// The full-refresh schedule: none, PT15M/PT6H/P1D/P1DT12H, or 15m/6h/1d/"1d 12h"
    #[arg(long, value_name = "SCHEDULE", value_parser = Schedule::parse)]
    pub full_schedule: Option<Schedule>,

    /// The incremental schedule: none, PT15M/PT6H/P1D/P1DT12H, or 15m/6h/1d/"1d 12h"
    #[arg(long, value_name = "SCHEDULE", value_parser = Schedule::parse)]
    pub incremental_schedule: Option<Schedule>,
}

impl Args {
    /// The schedules given, as the API takes them.
    fn schedules(&self) -> Vec<(ExecutionKind, Value)> {
        let given = [
            (ExecutionKind::Full, self.full_schedule),
            (ExecutionKind::Incremental, self.incremental_schedule),
        ];
        given
            .into_iter()
            .filter_map(|(kind, s)| Some((kind, s?.to_api())))
            .collect()
    }
}

impl Exec for Args {
    fn about(&self) -> About<'_> {
        self.target.about()
    }

    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        Flow {
            project_flag: self.target.project(),
            check: &mut |_| {
                if self.schedules().is_empty() {
                    return Err(usage("give --full-schedule, --incremental-schedule, or both")
                        .hint("e.g. --full-schedule P1D, --incremental-schedule 15m, or none to pause"));
                }
                self.target.references()
            },
            plan: &|project, caches| {
                let cache = &first(caches).id;
                Ok(Planned {
                    before: vec![request::settings(project, cache)],
                    main: Some(request::update_settings(project, cache, &self.schedules())),
                })
            },
            body: &mut |run, api| {
                let target = api.target();
                let cache = api.cache(&target.id);
                let before = super::read(&cache, None)?;
                let (after, restored) = super::write(&cache, &before.read, self.schedules(), None)?;
                let log = run.diagnostics();
                for one in &restored {
                    log.note(&super::restored_note(one));
                }
                let set = Set {
                    project: cache.project.to_string(),
                    target: target.clone(),
                    before,
                    after,
                    restored,
                };
                Ok(Report::new(run.action, set))
            },
        }
        .run(run)
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        vec![generator.subschema_for::<crate::document::Envelope<SetDocument>>()]
    }
}

struct Set {
    project: String,
    target: Target,
    before: super::Settings,
    after: super::Settings,
    restored: Vec<Restored>,
}

/// `peaka cache schedule set`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SetDocument<'a> {
    project_id: &'a str,
    cache_id: &'a str,
    /// The cache as typed, when that was not its ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_ref: Option<&'a str>,
    /// `schema.table`, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_name: Option<String>,
    /// The API's settings object as read before the write.
    previous_cache_settings: &'a RawValue,
    /// The API's answer to the (last) write: the settings as updated.
    cache_settings: &'a RawValue,
    /// Schedules of the other kind that the answer showed changed, and
    /// that were written back.
    restored: &'a [Restored],
}

impl Serialize for Set {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        SetDocument {
            project_id: &self.project,
            cache_id: &self.target.id,
            cache_ref: self.target.typed.as_deref(),
            cache_name: super::name_of(&self.target, &self.after.read),
            previous_cache_settings: &self.before.raw,
            cache_settings: &self.after.raw,
            restored: &self.restored,
        }
        .serialize(serializer)
    }
}

impl Document for Set {
    fn human(&self, _: &Style, out: &mut dyn Write, _: &mut dyn Write) -> io::Result<()> {
        let settings: &CacheSettings = &self.after.read;
        let cache = super::shown(&self.target, settings);
        writeln!(
            out,
            "Schedules set for cache {cache}, project {}:",
            self.project
        )?;
        super::rows(settings, Some(&self.before.read), out)
    }
}
