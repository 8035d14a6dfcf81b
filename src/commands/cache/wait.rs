//! `peaka cache wait`: wait until an execution reaches a state: the last
//! one of a kind, or one named by its id. Sends nothing but reads.

use std::time::Duration;

use clap::ValueEnum;

use crate::api::{request, CacheRef, CacheStatus, Execution, ExecutionKind};
use crate::cli::{CacheTarget, Limits};
use crate::commands::names::Target;
use crate::commands::session::{first, Flow, Planned};
use crate::commands::{About, Exec, Failed, Run};
use crate::document::OutcomeName;
use crate::exit::{exit_codes, usage, Failure, Kind};
use crate::output::{Outcome, Report};
use crate::wait::{Ending, Follow, Wait, Waited};

use super::follow::{self, shown_id};

/// Wait until an execution of a cache reaches a state; sends nothing
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = concat!(
    "Examples:\n",
    "  peaka cache wait -p mtKDhe1U -c \"$CACHE\" --for finished\n",
    "  peaka cache wait -p mtKDhe1U -c \"$CACHE\" --for completed \\\n",
    "    --kind incremental --timeout 30m -o json | jq -r .outcome\n",
    "  id=$(peaka cache refresh -p mtKDhe1U -c \"$CACHE\" --full -o json \\\n",
    "    | jq -r .execution.id)\n",
    "  peaka cache wait -p mtKDhe1U -c \"$CACHE\" --execution \"$id\" --for completed\n\n",
    exit_codes!()
))]
pub struct Args {
    #[command(flatten)]
    pub target: CacheTarget,

    /// The state to wait for
    #[arg(long = "for", value_enum, value_name = "STATE")]
    pub goal: Goal,

    /// Which execution: the last full refresh or the last incremental sync
    /// [default: full]; with --execution, where to look (both by default)
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<KindArg>,

    /// Wait for this execution (e.g. `.execution.id` of `cache refresh -o
    /// json`), looked up among both kinds' last executions, then in the
    /// history; never found is exit 5
    #[arg(long, value_name = "ID", value_hint = clap::ValueHint::Other)]
    pub execution: Option<String>,

    #[command(flatten)]
    pub limits: Limits,
}

/// The state `cache wait` waits for.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// CANCELLED (COMPLETED or FAILED first is exit 8)
    Cancelled,
    /// COMPLETED (FAILED or CANCELLED first is exit 8)
    Completed,
    /// Any final state
    Finished,
}

/// The kind of execution, as `--kind` says it.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindArg {
    Full,
    Incremental,
}

impl KindArg {
    pub fn execution_kind(self) -> ExecutionKind {
        match self {
            KindArg::Full => ExecutionKind::Full,
            KindArg::Incremental => ExecutionKind::Incremental,
        }
    }
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
                Ok(Planned::one(request::status(project, cache, false)))
            },
            body: &mut |run, api| {
                let target = api.target();
                self.wait(&api.cache(&target.id), target, run)
            },
        }
        .run(run)
    }
}

impl Args {
    fn wait(&self, cache: &CacheRef, target: &Target, run: &mut Run) -> Result<Report, Failure> {
        if let Some(id) = &self.execution {
            check_execution_id(id)?;
        }
        let timeout = self.limits.timeout();
        let start = run.clock.now();
        let deadline = start + timeout;
        let mut outcome = target.outcome(cache.project);
        let shown = target.shown(run.style.stdout_terminal);
        let status = follow::read_status(cache, Some(deadline))?;
        let found = match &self.execution {
            Some(id) => Some(find(id, self.kind, &status, cache, deadline)?),
            None => {
                let kind = self.kind();
                status.execution(kind).cloned().map(|e| (kind, e))
            }
        };
        let Some((kind, current)) = found else {
            outcome.outcome = Some(OutcomeName::NotRunning);
            outcome.last_execution = Some(serde_json::Value::Null);
            outcome.failure = Some(Failure::new(
                Kind::NotRunning,
                format!(
                    "no {} has run for cache {}: nothing to wait for",
                    self.kind().noun(),
                    cache.cache
                ),
            ));
            return Ok(Report::new(run.action, outcome));
        };
        let ended = Ending::reached(&current.stage()).filter(|_| self.execution.is_some());
        let waited = match ended {
            // A named execution already over: nothing to wait for.
            Some(ending) => over(current, ending, run, start),
            None => {
                let wait = Wait {
                    kind,
                    clock: run.clock,
                    deadline,
                    interval: self.limits.interval(),
                    follow: Follow::This(current),
                    fallback_after: None,
                };
                follow::run(wait, cache, run)?
            }
        };
        conclude(
            kind,
            self.goal,
            cache,
            &shown,
            waited,
            timeout,
            &mut outcome,
        );
        Ok(Report::new(run.action, outcome))
    }

    /// `--kind`, a full refresh by default.
    fn kind(&self) -> ExecutionKind {
        self.kind
            .map_or(ExecutionKind::Full, KindArg::execution_kind)
    }
}

/// The end of a wait; `shown` names the cache in the result line.
fn conclude(
    kind: ExecutionKind,
    goal: Goal,
    cache: &CacheRef,
    shown: &str,
    waited: Waited,
    timeout: Duration,
    outcome: &mut Outcome,
) {
    let (name, failure) = judge(kind, goal, cache, &waited, timeout);
    if failure.is_none() {
        outcome.message = format!(
            "The {} {} of cache {shown} is {} ({:.1}s).",
            kind.noun(),
            shown_id(waited.execution.as_ref()),
            follow::shown_status(&waited),
            waited.waited.as_secs_f64()
        );
    }
    outcome.outcome = Some(name);
    outcome.failure = failure;
    outcome.waited = Some(follow::report(waited));
}

/// An execution id: any text the API gave, but not empty and without
/// control characters.
fn check_execution_id(id: &str) -> Result<(), Failure> {
    if id.trim().is_empty() || id.chars().any(char::is_control) {
        return Err(
            usage("invalid execution ID: empty, or with control characters").hint(
                "give the id of an execution, e.g. .execution.id of `peaka cache refresh -o json`",
            ),
        );
    }
    Ok(())
}

/// The named execution, with its kind: among the last executions of the
/// kind given (of both without `--kind`), else in the whole history.
/// Never found is exit 5.
fn find(
    id: &str,
    kind: Option<KindArg>,
    status: &CacheStatus,
    cache: &CacheRef,
    deadline: Duration,
) -> Result<(ExecutionKind, Execution), Failure> {
    let kinds = match kind {
        Some(kind) => vec![kind.execution_kind()],
        None => vec![ExecutionKind::Full, ExecutionKind::Incremental],
    };
    for kind in kinds {
        if let Some(e) = status
            .execution(kind)
            .filter(|e| e.id.as_deref() == Some(id))
        {
            return Ok((kind, e.clone()));
        }
    }
    match cache.search_history(id, Some(deadline))? {
        Some(e) => Ok((kind_of(&e, kind), e)),
        None => Err(Failure::new(
            Kind::NotFound,
            format!(
                "no execution {} in cache {}: neither its last executions nor its history have it",
                crate::sanitize::field(id),
                cache.cache
            ),
        )
        .hint(format!(
            "`peaka cache history --project {} --cache {}` lists its executions",
            cache.project, cache.cache
        ))),
    }
}

/// The kind of an execution found in the history: its `executionMode`,
/// else the kind asked for, else a full refresh.
fn kind_of(e: &Execution, asked: Option<KindArg>) -> ExecutionKind {
    let mode = e.execution_mode.as_deref().unwrap_or_default();
    match asked {
        _ if mode.to_ascii_uppercase().contains("INCREMENTAL") => ExecutionKind::Incremental,
        _ if mode.to_ascii_uppercase().contains("FULL") => ExecutionKind::Full,
        Some(kind) => kind.execution_kind(),
        None => ExecutionKind::Full,
    }
}

/// The end of a wait that had nothing to wait for.
fn over(e: Execution, ending: Ending, run: &Run, start: Duration) -> Waited {
    Waited {
        ending,
        execution: Some(e),
        superseded_by: None,
        waited: run.clock.now().saturating_sub(start),
        // The status read that found it (or missed it before the history).
        polls: 1,
    }
}

fn judge(
    kind: ExecutionKind,
    goal: Goal,
    cache: &CacheRef,
    waited: &Waited,
    timeout: std::time::Duration,
) -> (OutcomeName, Option<Failure>) {
    if let Some((name, failure)) = follow::shared_ending(kind, cache, waited, timeout, "") {
        return (name, Some(failure));
    }
    // Replaced by a newer one: judged by how the history says it ended.
    let ending = waited.settled();
    let met = matches!(
        (goal, ending),
        (
            Goal::Finished,
            Ending::Cancelled | Ending::Completed | Ending::Failed
        ) | (Goal::Cancelled, Ending::Cancelled)
            | (Goal::Completed, Ending::Completed)
    );
    if met {
        return (ending.into(), None);
    }
    let wanted = match goal {
        Goal::Cancelled => "CANCELLED",
        Goal::Completed => "COMPLETED",
        Goal::Finished => "a final state",
    };
    let failure = Failure::new(
        Kind::Ended,
        format!(
            "the {} {} ended {}, not {wanted}",
            kind.noun(),
            shown_id(waited.execution.as_ref()),
            follow::shown_status(waited)
        ),
    );
    (ending.into(), Some(failure))
}
