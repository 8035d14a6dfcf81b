//! `peaka cache cancel-full-refresh` and `cancel-incremental`: one code path,
//! the kind of execution as a value. `one` cancels one cache; `run` is the
//! command when one cache is named (`bulk.rs` when several are).

pub(super) mod bulk;
mod named;
mod one;

use crate::api::{request, CacheRef, ExecutionKind, ProjectRef};
use crate::cli::{CacheList, Limits, ProjectArg, Scope};
use crate::commands::names::{self, Reference, Target};
use crate::commands::session::{first, Connected, Flow, Planned, Select};
use crate::commands::words::{self, Edge};
use crate::commands::{About, Exec, Failed, Run};
use crate::exit::{exit_codes, usage, Failure};
use crate::output::Report;
use crate::schedule::Schedule;

use super::follow;
use one::{one, Plan};

/// Cancel the running full refresh of one cache or many
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = concat!(
    "Examples:\n",
    "  peaka cache cancel-full-refresh -p mtKDhe1U -c \"$CACHE\"\n",
    "  peaka cache cancel-full-refresh -p mtKDhe1U -c \"$CACHE\" --wait\n",
    "  peaka cache cancel-full-refresh -p mtKDhe1U -c \"$CACHE\" --wait --timeout 5m -q\n",
    "  peaka cache cancel-full-refresh -p mtKDhe1U -c \"$CACHE\" --if-running -o json \\\n",
    "    | jq -r .outcome\n",
    "  peaka cache list -p mtKDhe1U --status full:RUNNING | cut -f1 \\\n",
    "    | peaka cache cancel-full-refresh -p mtKDhe1U --cache -\n",
    "  peaka cache cancel-full-refresh -p mtKDhe1U --all-running --yes --wait\n\n",
    exit_codes!()
))]
pub struct FullRefresh {
    #[command(flatten)]
    args: Args,
}

/// Cancel the running incremental sync of one cache or many
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = concat!(
    "Examples:\n",
    "  peaka cache cancel-incremental -p mtKDhe1U -c \"$CACHE\"\n",
    "  peaka cache cancel-incremental -p mtKDhe1U -c \"$CACHE\" --wait\n",
    "  peaka cache cancel-incremental -p mtKDhe1U --all-running --yes -o json \\\n",
    "    | jq .summary\n\n",
    exit_codes!()
))]
pub struct Incremental {
    #[command(flatten)]
    args: Args,
}

impl Exec for FullRefresh {
    fn about(&self) -> About<'_> {
        self.args.about()
    }

    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        self.args.cancel(ExecutionKind::Full, run)
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        bulk::schemas(generator)
    }
}

impl Exec for Incremental {
    fn about(&self) -> About<'_> {
        self.args.about()
    }

    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        self.args.cancel(ExecutionKind::Incremental, run)
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        bulk::schemas(generator)
    }
}

/// The flags of both cancels: they differ only in the kind of execution.
#[derive(clap::Args, Debug, Clone)]
#[command(
    group(clap::ArgGroup::new("which").required(true).multiple(true).args(["cache", "cache_args", "all_running"])),
    mut_arg("cache_args", |a| a.conflicts_with("all_running")),
    mut_arg("timeout", |a| a.requires("wait")),
    mut_arg("interval", |a| a.requires("wait"))
)]
pub struct Args {
    #[command(flatten)]
    pub project: ProjectArg,

    #[command(flatten)]
    pub caches: CacheList,

    /// Every cache of the project (or of --catalog/--schema) whose execution
    /// of this kind is RUNNING
    ///
    /// The status is read as text, in any case. A running cache without an
    /// id, or whose id is not a UUID, fails the run (exit 10) before
    /// anything is sent.
    #[arg(long, conflicts_with = "cache")]
    pub all_running: bool,

    #[command(flatten)]
    pub scope: Scope,

    /// Do not ask before cancelling with --all-running
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// How many caches are worked on at once, 1-64 [default: 8]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
    pub concurrency: Option<u32>,

    /// Succeed (exit 0) when nothing is running
    #[arg(long)]
    pub if_running: bool,

    /// Wait until the execution is really cancelled, or ends otherwise
    #[arg(long)]
    pub wait: bool,

    /// First pause this kind's schedule, so that it does not start again
    ///
    /// Reads the cache's settings to record the schedule, writes only
    /// {"<kind>CacheSchedule": {"type": "NONE"}}, then cancels; the result
    /// names the command that restores the schedule. The schedule stays
    /// paused even when nothing was running.
    #[arg(long)]
    pub hold: bool,

    #[command(flatten)]
    pub limits: Limits,
}

impl Args {
    /// The caches named, by the flag and the positional.
    fn named(&self) -> impl Iterator<Item = &String> {
        self.caches.named()
    }

    /// The one cache named, when exactly one is (and it is not `-`).
    pub fn single(&self) -> Option<&str> {
        self.caches.single().filter(|_| !self.all_running)
    }

    fn about(&self) -> About<'_> {
        About {
            project: self.project.project.as_deref(),
            cache: self.single(),
        }
    }

    fn cancel(&self, kind: ExecutionKind, run: &mut Run) -> Result<Report, Failed> {
        let plan = self.plan(kind, run.style.stdout_terminal);
        let running = |project: &ProjectRef| bulk::running_caches(&plan, &self.scope, project);
        Flow {
            project_flag: self.project.project.as_deref(),
            check: &mut |run| self.check(run),
            plan: &|project, caches| Ok(self.requests(&plan, project, caches)),
            body: &mut |run, api| match self.single() {
                Some(_) => {
                    let target = api.target();
                    let cache = api.cache(&target.id);
                    Ok(one_cache(&plan, &cache, target, api.edge, run))
                }
                None => self.many(&plan, api, run),
            },
        }
        .run_selected(run, self.all_running.then_some(&running as &Select))
    }

    /// What the run would send, for the dry run: for each cache in turn,
    /// with --hold the settings read and the pause, with --wait the status
    /// read (to learn what to follow), then the cancel.
    fn requests(&self, plan: &Plan, project: &str, caches: &[Target]) -> Planned {
        let of = |cache: &str| {
            let cancel = request::cancel(project, cache, plan.kind);
            let mut before = Vec::new();
            if plan.hold {
                let pause = [(plan.kind, Schedule::None.to_api())];
                before.push(request::settings(project, cache));
                before.push(request::update_settings(project, cache, &pause));
            }
            if plan.wait {
                before.push(request::status(project, cache, false));
            }
            Planned {
                before,
                main: Some(cancel),
            }
        };
        if self.single().is_some() {
            return of(&first(caches).id);
        }
        let each = bulk::each_once(caches).into_iter().flat_map(|target| {
            let Planned { before, main } = of(&target.id);
            before.into_iter().chain(main)
        });
        Planned::many(each.collect())
    }

    /// Checks everything the command line says before the key is read or
    /// anything is sent; gives the caches it names (read from standard
    /// input for `-`).
    fn check(&self, run: &mut Run) -> Result<Vec<Reference>, Failure> {
        if self.scope.catalog.is_some() && !self.all_running {
            return Err(usage(
                "--catalog and --schema choose caches for --all-running",
            ));
        }
        if let Some(one) = self.single() {
            return Ok(vec![names::parse(one)?]);
        }
        let key_from_stdin = run.global.api_key_file.as_deref();
        if self.named().any(|c| c == "-") && key_from_stdin.is_some_and(|p| p.as_os_str() == "-") {
            return Err(usage(
                "standard input can give the API key or the cache IDs, not both",
            ));
        }
        // A dry run asks nothing: it cancels nothing.
        let asked = !self.yes && !run.global.dry_run;
        bulk::check_all_running(self.all_running, asked, &self.scope, bulk::terminal())?;
        match self.all_running {
            true => Ok(Vec::new()),
            false => bulk::named_caches(self.named(), run.stdin),
        }
    }

    /// A cancel of several caches: those named, or those running (asking
    /// first on a terminal, unless --yes).
    fn many(&self, plan: &Plan, api: &Connected, run: &mut Run) -> Result<Report, Failure> {
        let caches = bulk::each_once(api.caches);
        if self.all_running && !self.yes && !caches.is_empty() {
            bulk::confirm(plan, api.project, &caches, run)?;
        }
        Ok(bulk::run(plan, self.concurrency, api, caches, run))
    }
}
impl Args {
    /// What a cancel of one cache is asked to do; `names_first` when
    /// result lines are for people on a terminal.
    fn plan(&self, kind: ExecutionKind, names_first: bool) -> Plan {
        Plan {
            kind,
            names_first,
            if_running: self.if_running,
            wait: self.wait,
            hold: self.hold,
            timeout: self.limits.timeout(),
            interval: self.limits.interval(),
        }
    }
}

/// The command, when one cache is named.
fn one_cache(plan: &Plan, cache: &CacheRef, target: &Target, edge: &Edge, run: &mut Run) -> Report {
    let clock = run.clock;
    let outcome = one(plan, cache, target, clock, &mut |wait| {
        follow::run(wait, cache, run)
    });
    Report::new(run.action, words::outcome(outcome, edge))
}
