//! `peaka cache cancel-full-refresh` and `cancel-incremental`: one code path,
//! the kind of execution as a value. `one` cancels one cache; `run` is the
//! command when one cache is named (`bulk.rs` when several are).

mod bulk;
mod one;

use std::cell::RefCell;

use crate::api::{self, request, CacheRef, ExecutionKind};
use crate::cli::{Limits, ProjectArg, Scope};
use crate::commands::session::{Connected, Flow, Planned};
use crate::commands::words::{self, Edge};
use crate::commands::{About, Exec, Failed, Run};
use crate::exit::{exit_codes, usage, Failure};
use crate::output::Report;

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
    mut_arg("timeout", |a| a.requires("wait")),
    mut_arg("interval", |a| a.requires("wait"))
)]
pub struct Args {
    #[command(flatten)]
    pub project: ProjectArg,

    /// Cache ID (a UUID); repeat for several, or `-` to read IDs from
    /// standard input, one a line
    ///
    /// Standard input may hold at most 64 MiB and 100,000 IDs; more is a
    /// usage error, before anything is sent.
    #[arg(
        short,
        long,
        value_name = "ID",
        required_unless_present = "all_running"
    )]
    pub cache: Vec<String>,

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

    #[command(flatten)]
    pub limits: Limits,
}

impl Args {
    /// The one cache named, when exactly one is (and it is not `-`).
    pub fn single(&self) -> Option<&str> {
        match self.cache.as_slice() {
            [one] if one != "-" && !self.all_running => Some(one),
            _ => None,
        }
    }

    fn about(&self) -> About<'_> {
        About {
            project: self.project.project.as_deref(),
            cache: self.single(),
        }
    }

    fn cancel(&self, kind: ExecutionKind, run: &mut Run) -> Result<Report, Failed> {
        let plan = self.plan(kind);
        // The caches a bulk cancel names, read while the flags are checked.
        let named = RefCell::new(None);
        Flow {
            project_flag: self.project.project.as_deref(),
            cache: self.single(),
            check: &mut |run| {
                named.replace(self.check(run)?);
                Ok(())
            },
            plan: &|project| {
                let cache = self.single().unwrap_or_default();
                let cancel = request::cancel(project, cache, kind);
                Ok(match plan.wait {
                    // With --wait, the status is read first to learn what to follow.
                    true => Planned {
                        before: vec![request::status(project, cache, false)],
                        main: cancel,
                    },
                    false => Planned::one(cancel),
                })
            },
            body: &mut |run, api| match self.single() {
                Some(cache) => Ok(one_cache(&plan, &api.cache(cache), api.edge, run)),
                None => self.many(&plan, named.take(), api, run),
            },
        }
        .run(run)
    }

    /// Checks everything the command line says before the key is read or
    /// anything is sent; for a bulk cancel that names caches, reads them.
    fn check(&self, run: &mut Run) -> Result<Option<Vec<String>>, Failure> {
        if self.scope.catalog.is_some() && !self.all_running {
            return Err(usage(
                "--catalog and --schema choose caches for --all-running",
            ));
        }
        if let Some(one) = self.single() {
            return api::check_cache_id(one).map(|()| None);
        }
        if run.global.dry_run {
            return Err(usage(
                "--dry-run shows one request: name one cache with --cache",
            ));
        }
        let key_from_stdin = run.global.api_key_file.as_deref();
        if self.cache.iter().any(|c| c == "-")
            && key_from_stdin.is_some_and(|p| p.as_os_str() == "-")
        {
            return Err(usage(
                "standard input can give the API key or the cache IDs, not both",
            ));
        }
        let terminal = bulk::terminal();
        bulk::check_all_running(self.all_running, self.yes, &self.scope, terminal)?;
        match self.all_running {
            true => Ok(None),
            false => bulk::named_caches(&self.cache, run.stdin).map(Some),
        }
    }

    /// A cancel of several caches: those named, or those running.
    fn many(
        &self,
        plan: &Plan,
        named: Option<Vec<String>>,
        api: &Connected,
        run: &mut Run,
    ) -> Result<Report, Failure> {
        let caches = match named {
            Some(caches) => caches,
            None => {
                let running = bulk::running_caches(plan, &self.scope, &api.project())?;
                if !self.yes && !running.is_empty() {
                    bulk::confirm(plan, api.project, &running, run)?;
                }
                running.into_iter().map(|(id, _)| id).collect()
            }
        };
        Ok(bulk::run(plan, self.concurrency, api, caches, run))
    }
}
impl Args {
    /// What a cancel of one cache is asked to do.
    fn plan(&self, kind: ExecutionKind) -> Plan {
        Plan {
            kind,
            if_running: self.if_running,
            wait: self.wait,
            timeout: self.limits.timeout(),
            interval: self.limits.interval(),
        }
    }
}

/// The command, when one cache is named.
fn one_cache(plan: &Plan, cache: &CacheRef, edge: &Edge, run: &mut Run) -> Report {
    let clock = run.clock;
    let outcome = one(plan, cache, clock, &mut |wait| {
        follow::run(wait, cache, run)
    });
    Report::new(run.action, words::outcome(outcome, edge))
}
