//! `peaka cache refresh`: start a full refresh or an incremental sync; with
//! `--wait`, follow the execution that appears after the trigger (by id,
//! never the one that ran before) until it finishes.

use std::time::Duration;

use serde_json::Value;

use crate::api::{request, CacheRef, CacheStatus, Execution, ExecutionKind};
use crate::cli::{CacheTarget, Limits};
use crate::commands::names::Target;
use crate::commands::session::{first, Flow, Planned};
use crate::commands::{About, Exec, Failed, Run};
use crate::document::{AlreadyRunning, OutcomeName};
use crate::exit::{exit_codes, Failure, Kind};
use crate::output::{self, Outcome, Report};
use crate::progress;
use crate::wait::{Ending, Follow, Wait, Waited};

use super::follow::{self, shown_id};

/// How long after the trigger a new execution may take to show while the
/// one before still runs; after that the one before is followed.
const NEW_ONE_WITHIN: Duration = Duration::from_secs(5);

/// Start a full refresh or an incremental sync, and optionally wait for it
#[derive(clap::Args, Debug, Clone)]
#[command(
    group(clap::ArgGroup::new("kind").required(true).args(["full", "incremental"])),
    mut_arg("timeout", |a| a.requires("wait")),
    mut_arg("interval", |a| a.requires("wait")),
    after_help = concat!(
        "Examples:\n",
        "  peaka cache refresh -p mtKDhe1U -c \"$CACHE\" --full\n",
        "  peaka cache refresh -p mtKDhe1U -c \"$CACHE\" --incremental --wait\n",
        "  peaka cache refresh -p mtKDhe1U -c \"$CACHE\" --full --wait --timeout 1h -q\n\n",
        exit_codes!()
    )
)]
pub struct Args {
    #[command(flatten)]
    pub target: CacheTarget,

    /// Start a full refresh (drop and rebuild)
    #[arg(long)]
    pub full: bool,

    /// Start an incremental sync
    #[arg(long)]
    pub incremental: bool,

    /// Follow the new execution until it finishes
    #[arg(long)]
    pub wait: bool,

    #[command(flatten)]
    pub limits: Limits,
}

impl Exec for Args {
    fn about(&self) -> About<'_> {
        self.target.about()
    }

    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        Flow {
            project_flag: self.target.project(),
            check: &mut |_| self.target.references(),
            // The status is read first, so that the new execution is told
            // from the one before.
            plan: &|project, caches| {
                let cache = &first(caches).id;
                Ok(Planned {
                    before: vec![request::status(project, cache, false)],
                    main: Some(request::trigger(project, cache, self.kind())),
                })
            },
            body: &mut |run, api| {
                let target = api.target();
                self.refresh(&api.cache(&target.id), target, run)
            },
        }
        .run(run)
    }
}

impl Args {
    fn kind(&self) -> ExecutionKind {
        if self.full {
            ExecutionKind::Full
        } else {
            ExecutionKind::Incremental
        }
    }

    fn refresh(&self, cache: &CacheRef, target: &Target, run: &mut Run) -> Result<Report, Failure> {
        let kind = self.kind();
        let timeout = self.limits.timeout();
        let deadline = self.wait.then(|| run.clock.now() + timeout);
        let mut outcome = target.outcome(cache.project);
        let shown = target.shown(run.style.stdout_terminal);
        // The execution before the trigger, so that the new one is told from it.
        let before = follow::read_status(cache, deadline)?
            .execution(kind)
            .cloned();
        let running = before.as_ref().filter(|e| !e.stage().is_final());
        outcome.already_running = running.map(|e| AlreadyRunning {
            id: e.id.clone(),
            status: e.status.clone(),
        });
        if let (Some(e), true) = (running, self.wait) {
            note(run, &already_running(kind, e));
        }
        cache.trigger(kind, deadline)?;
        let Some(deadline) = deadline else {
            requested(kind, cache, &shown, before.as_ref(), &mut outcome, run)?;
            return Ok(Report::new(run.action, outcome));
        };
        let wait = Wait {
            kind,
            clock: run.clock,
            deadline,
            interval: self.limits.interval(),
            follow: Follow::NewerThan(before.as_ref().and_then(|e| e.id.clone())),
            fallback_after: running.map(|_| run.clock.now() + NEW_ONE_WITHIN),
        };
        let waited = follow::run(wait, cache, run)?;
        Ok(Report::new(
            run.action,
            finished(kind, cache, &shown, waited, timeout, running, outcome),
        ))
    }
}

/// The outcome of a refresh that was followed to its end.
fn finished(
    kind: ExecutionKind,
    cache: &CacheRef,
    shown: &str,
    waited: Waited,
    timeout: Duration,
    running: Option<&Execution>,
    mut outcome: Outcome,
) -> Outcome {
    let (name, failure) = judge(kind, cache, &waited, timeout);
    outcome.message = match waited.execution.as_ref() {
        Some(e) if failure.is_none() => completed_message(kind, shown, e, &waited, running),
        _ => String::new(),
    };
    outcome.outcome = Some(name);
    outcome.failure = failure;
    outcome.waited = Some(follow::report(waited));
    outcome
}

/// A line on stderr, unless `--quiet`.
fn note(run: &Run, line: &str) {
    if !run.style.quiet {
        progress::say(run.stderr, line);
    }
}

fn already_running(kind: ExecutionKind, e: &Execution) -> String {
    let noun = kind.noun();
    let (id, status) = (shown_id(Some(e)), follow::status_of(e));
    format!(
        "{} {noun} is already running ({id}, {status}): following the new one if it starts within {}s, else this one",
        article(noun),
        NEW_ONE_WITHIN.as_secs()
    )
}

/// "a full refresh", "an incremental sync".
fn article(noun: &str) -> &'static str {
    match noun.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// Without `--wait`: the status read after the trigger tells the new
/// execution, if it shows one already.
fn requested(
    kind: ExecutionKind,
    cache: &CacheRef,
    shown: &str,
    before: Option<&Execution>,
    outcome: &mut Outcome,
    run: &Run,
) -> Result<(), Failure> {
    let noun = kind.noun();
    let old_id = before.map(|e| e.id.clone());
    let after = follow::read_status(cache, None);
    let new = match &after {
        Ok(status) => status
            .execution(kind)
            .filter(|e| old_id.as_ref() != Some(&e.id)),
        // A signal ends the run; any other failure leaves the trigger done.
        Err(failure) if matches!(failure.kind, Kind::Interrupted(_)) => return Err(failure.clone()),
        Err(_) => None,
    };
    let started = format!(
        "Started {} {noun} of cache {shown} (project {})",
        article(noun),
        cache.project
    );
    outcome.outcome = Some(OutcomeName::RefreshRequested);
    outcome.execution = Some(new.map_or(Value::Null, |e| e.raw.clone()));
    outcome.message = match new {
        Some(e) => format!(
            "{started}: {} is {}.",
            shown_id(Some(e)),
            follow::status_of(e)
        ),
        None => format!("{started}."),
    };
    outcome.tip = Some("Use --wait to follow it.");
    if new.is_none() {
        let why = not_shown(kind, &after, before);
        let check = format!(
            "peaka cache status --project {} --cache {}",
            cache.project, cache.cache
        );
        note(
            run,
            &format!("note: the new {noun} does not show yet: {why}; see it later with: {check}"),
        );
    }
    Ok(())
}

/// Why the status read after a trigger shows no new execution.
fn not_shown(
    kind: ExecutionKind,
    after: &Result<CacheStatus, Failure>,
    before: Option<&Execution>,
) -> String {
    let noun = kind.noun();
    match (after, before) {
        (Err(failure), _) => format!("the status could not be read after it: {}", failure.message),
        (Ok(_), Some(e)) if !e.stage().is_final() => format!(
            "the {noun} that was already running ({}, {}) still shows",
            shown_id(Some(e)),
            follow::status_of(e)
        ),
        (Ok(_), Some(e)) => format!(
            "the status still shows the {noun} before it ({}, {})",
            shown_id(Some(e)),
            follow::status_of(e)
        ),
        (Ok(_), None) => format!("the status shows no {noun} yet"),
    }
}

fn completed_message(
    kind: ExecutionKind,
    shown: &str,
    e: &Execution,
    waited: &Waited,
    running: Option<&Execution>,
) -> String {
    let before = match running {
        Some(r) if r.id == e.id => " (it was already running; no new one started)",
        _ => "",
    };
    format!(
        "Completed: the {} {} of cache {shown} finished after {:.1}s ({}){before}.",
        kind.noun(),
        shown_id(Some(e)),
        waited.waited.as_secs_f64(),
        crate::output::counters(e)
    )
}

fn judge(
    kind: ExecutionKind,
    cache: &CacheRef,
    waited: &Waited,
    timeout: std::time::Duration,
) -> (OutcomeName, Option<Failure>) {
    let timeout_words = "the refresh was started, but ";
    if let Some((name, failure)) =
        follow::shared_ending(kind, cache, waited, timeout, timeout_words)
    {
        return (name, Some(failure));
    }
    let noun = kind.noun();
    let id = shown_id(waited.execution.as_ref());
    let ended = |text: String| Some(Failure::new(Kind::Ended, text));
    // Replaced by a newer one: judged by how the history says it ended.
    let ending = waited.settled();
    let failure = match ending {
        Ending::Completed => None,
        Ending::Failed => {
            let why = waited
                .execution
                .as_ref()
                .and_then(|e| e.error.as_ref())
                .map(|error| format!(": {}", output::one_line(error)))
                .unwrap_or_default();
            ended(format!("the {noun} {id} FAILED{why}"))
        }
        Ending::Cancelled => ended(format!("the {noun} {id} was CANCELLED before it completed")),
        _ => ended(format!(
            "the {noun} {id} was replaced by {} before it finished",
            waited
                .superseded_by
                .as_ref()
                .map_or("another execution".into(), |e| shown_id(Some(e)))
        )),
    };
    (ending.into(), failure)
}
