//! `peaka cache delete`: delete one cache or many, by ID or name. Each
//! cache's status is read right before its delete, so that a cache where
//! something runs is kept without `--force` (`one.rs`); on a terminal the
//! caches are named first and the user is asked. Many caches go through
//! the bulk cancel's worker pool: the same results, summary and exit 11.

mod one;

use crate::api::{request, CacheRef, CacheStatus, Execution, ExecutionKind, StatusAnswer};
use crate::cli::{CacheList, ProjectArg};
use crate::commands::names::{self, Reference, Target};
use crate::commands::session::{Connected, Flow, Planned};
use crate::commands::words;
use crate::commands::{About, Exec, Failed, Run};
use crate::exit::{exit_codes, usage, Failure};
use crate::output::{Outcome, Report};
use crate::sanitize;

use super::cancel::bulk;
use one::{is_gone, named, one, running, unfinished, Plan};

/// What deleting a cache discards, in every question and refusal.
pub(super) const DISCARDS: &str =
    "data and history (the cached table, its settings and its execution history)";

/// Delete caches, with their data and execution history
#[derive(clap::Args, Debug, Clone)]
#[command(
    group(clap::ArgGroup::new("which").required(true).multiple(true).args(["cache", "cache_args"])),
    after_help = concat!(
        "Examples:\n",
        "  peaka cache delete -p mtKDhe1U -c public.orders\n",
        "  peaka cache delete -p mtKDhe1U -c \"$CACHE\" --yes --if-exists -o json\n",
        "  peaka cache delete -p mtKDhe1U orders customers --yes --force\n",
        "  peaka cache list -p mtKDhe1U --status FAILED | cut -f1 \\\n",
        "    | peaka cache delete -p mtKDhe1U --cache - --yes\n\n",
        "Before deleting:\n",
        "  On a terminal, each cache is named (table, status, last refresh) and you\n",
        "  are asked; without one, --yes is needed. A cache where a full refresh or\n",
        "  an incremental sync runs is kept unless --force is given.\n\n",
        exit_codes!()
    )
)]
pub struct Args {
    #[command(flatten)]
    pub project: ProjectArg,

    #[command(flatten)]
    pub caches: CacheList,

    /// Do not ask before deleting (needed without a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Delete a cache even while a full refresh or an incremental sync runs:
    /// the run stops, and its data and history are discarded
    #[arg(long)]
    pub force: bool,

    /// Succeed (exit 0, outcome `absent`) when a cache does not exist
    #[arg(long)]
    pub if_exists: bool,

    /// How many caches are worked on at once, 1-64 [default: 8]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
    pub concurrency: Option<u32>,
}

impl Exec for Args {
    fn about(&self) -> About<'_> {
        About {
            project: self.project.project.as_deref(),
            cache: self.single(),
        }
    }

    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        let plan = Plan {
            force: self.force,
            if_exists: self.if_exists,
            names_first: run.style.stdout_terminal,
        };
        let flow = Flow {
            project_flag: self.project.project.as_deref(),
            check: &mut |run| self.check(run),
            plan: &|project, caches| Ok(requests(&plan, project, caches, self.single().is_some())),
            body: &mut |run, api| self.delete(&plan, api, run),
        };
        // With --if-exists, a name that matches no cache is `absent` too.
        match self.if_exists {
            true => flow.run_allowing_absent(run),
            false => flow.run(run),
        }
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        bulk::schemas(generator)
    }
}

impl Args {
    /// The caches named, by the flag and the positional.
    fn named(&self) -> impl Iterator<Item = &String> {
        self.caches.named()
    }

    /// The one cache named, when exactly one is (and it is not `-`).
    fn single(&self) -> Option<&str> {
        self.caches.single()
    }

    /// Checks everything the command line says before the key is read or
    /// anything is sent; gives the caches it names (read from standard
    /// input for `-`).
    fn check(&self, run: &mut Run) -> Result<Vec<Reference>, Failure> {
        let named = match self.single() {
            Some(one) => vec![names::parse(one)?],
            None => {
                let key_file = run.global.api_key_file.as_deref();
                if self.named().any(|c| c == "-") && key_file.is_some_and(|p| p == "-") {
                    return Err(usage(
                        "standard input can give the API key or the cache IDs, not both",
                    ));
                }
                bulk::named_caches(self.named(), run.stdin)?
            }
        };
        // A dry run asks nothing: it deletes nothing.
        if !self.yes && !run.global.dry_run && !bulk::terminal() {
            return Err(usage("cache delete without a terminal needs --yes")
                .hint("nothing was deleted; add --yes to delete without being asked"));
        }
        Ok(named)
    }

    /// Asks first (on a terminal, without --yes), then deletes each cache:
    /// one cache on this run's client, many through the worker pool.
    fn delete(&self, plan: &Plan, api: &Connected, run: &mut Run) -> Result<Report, Failure> {
        let caches = bulk::each_once(api.caches);
        if !self.yes {
            ask(plan, api, &caches, run)?;
        }
        let clock = run.clock;
        if self.single().is_some() {
            let target = api.target();
            let outcome = one(plan, &api.cache(&target.id), target, clock);
            return Ok(Report::new(run.action, words::outcome(outcome, api.edge)));
        }
        let project = api.project;
        let job = |cache: Result<&CacheRef, &Failure>, target: &Target| match cache {
            Ok(cache) => one(plan, cache, target, clock),
            Err(failure) => Outcome {
                failure: Some(failure.clone()),
                ..target.outcome(project)
            },
        };
        Ok(bulk::run_each(&job, self.concurrency, api, caches, run))
    }
}

/// The requests of the dry run: for each cache in turn, the status read
/// (unless --force), then the delete; for many, the first delete stands
/// for them.
fn requests(plan: &Plan, project: &str, caches: &[Target], single: bool) -> Planned {
    let mut sent = Vec::new();
    for target in bulk::each_once(caches) {
        if target.is_absent() {
            continue;
        }
        if !plan.force {
            sent.push(request::status(project, &target.id, false));
        }
        sent.push(request::delete(project, &target.id));
    }
    match single {
        true => Planned {
            main: sent.pop(),
            before: sent,
        },
        false => Planned::many(sent),
    }
}

/// Names each cache from a status read (table, status, last refresh), says
/// what deleting discards, and asks; anything but yes deletes nothing. A
/// cache that is gone, or where something runs without --force, is named
/// as such and not asked about: its own result says why it is kept.
fn ask(plan: &Plan, api: &Connected, caches: &[Target], run: &mut Run) -> Result<(), Failure> {
    let mut lines = Vec::new();
    let mut asked = Vec::new();
    let mut stopped = Vec::new();
    for target in caches {
        if target.is_absent() {
            lines.push(format!(
                "  {}  not found: nothing to delete",
                target.shown(true)
            ));
            continue;
        }
        let status = match api.cache(&target.id).status(false, None)? {
            StatusAnswer::Status(_, status) if !is_gone(&status) => status,
            _ => {
                lines.push(format!(
                    "  {}  not found: nothing to delete",
                    target.shown(true)
                ));
                continue;
            }
        };
        let shown = named(target, &status).shown(true);
        lines.push(format!("  {shown}  {}", describe(&status)));
        let running = running(&status);
        match (running.is_empty(), plan.force) {
            (true, _) => {}
            (false, true) => stopped.push((running.join(" and "), shown.clone())),
            (false, false) => {
                lines.push(format!(
                    "    kept: {} (--force deletes it anyway)",
                    unfinished(&running)
                ));
                continue;
            }
        }
        asked.push(shown);
    }
    if asked.is_empty() {
        return Ok(());
    }
    let question = question(api.project, caches.len(), &asked, &stopped);
    {
        let mut err = run.stderr.borrow_mut();
        let _ = writeln!(err, "{}", question.0);
        for line in &lines {
            let _ = writeln!(err, "{line}");
        }
        let _ = write!(err, "{} [y/N] ", question.1);
        let _ = err.flush();
    }
    match bulk::answered_yes(run) {
        true => Ok(()),
        false => Err(usage("not confirmed: nothing was deleted")),
    }
}

/// The question's heading and its last line: what is deleted, what that
/// discards, and what it stops (each run, and its cache's name).
fn question(
    project: &str,
    named: usize,
    asked: &[String],
    stopped: &[(String, String)],
) -> (String, String) {
    let heading = match named {
        1 => format!("About to delete a cache of project {project}:"),
        n => format!("About to delete {n} caches of project {project}:"),
    };
    let what = match asked {
        [one] => format!("Delete {one}"),
        many => format!("Delete these {} caches", many.len()),
    };
    let runs: Vec<String> = match (asked, stopped) {
        ([_], [(runs, _)]) => vec![runs.clone()],
        _ => stopped
            .iter()
            .map(|(runs, of)| format!("{runs} of {of}"))
            .collect(),
    };
    let stops = match runs.is_empty() {
        true => String::new(),
        false => format!(", and {} will be stopped", runs.join(", ")),
    };
    let their = if asked.len() == 1 { "Its" } else { "Their" };
    let last =
        format!("{what}? {their} {DISCARDS} will be discarded{stops}; this cannot be undone.");
    (heading, last)
}

/// A cache's line in the question: its table, its status, its last refresh.
fn describe(status: &CacheStatus) -> String {
    let field = |v: &Option<String>| v.as_deref().map_or("-".into(), sanitize::field);
    format!(
        "table {}, status {}, last refresh: {}",
        field(&status.table_name),
        field(&status.status),
        last_refresh(status)
    )
}

/// The newer of the two last executions: its kind, status and time.
fn last_refresh(status: &CacheStatus) -> String {
    let at = |e: &Execution| {
        let at = e.finished_at.as_ref().or(e.updated_at.as_ref());
        at.or(e.created_at.as_ref()).map(|t| sanitize::field(t))
    };
    let newest = [ExecutionKind::Full, ExecutionKind::Incremental]
        .into_iter()
        .filter_map(|kind| Some((kind, status.execution(kind)?)))
        .max_by_key(|(_, e)| at(e).and_then(|t| crate::time::parse(&t)));
    let Some((kind, e)) = newest else {
        return "never".into();
    };
    // A run that goes on is told by its start.
    let (word, when) = match e.stage().is_final() {
        true => ("at", at(e)),
        false => ("since", e.created_at.as_deref().map(sanitize::field)),
    };
    let when = match when {
        Some(t) => match crate::time::ago(&t, crate::time::now()) {
            Some(age) => format!(" {word} {t} ({age})"),
            None => format!(" {word} {t}"),
        },
        None => String::new(),
    };
    format!("{} {}{when}", kind.noun(), sanitize::field(e.status()))
}
