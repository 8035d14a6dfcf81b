//! Cancelling many caches at once: named with `--cache` (repeated, or `-`
//! for standard input) or chosen with `--all-running`. At most
//! `--concurrency` caches are worked on at once, each worker with one
//! kept-alive connection; a rate limit anywhere slows every worker.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::io::{self, BufRead, IsTerminal, Write};
use std::sync::mpsc;
use std::sync::Mutex;

use serde::Serialize;

use crate::action::Action;
use crate::api::{self, CacheRef, ProjectRef, Request};
use crate::cli::Scope;
use crate::client::{Client, Gate, Log, Options};
use crate::clock::Clock;
use crate::commands::names::{self, Target};
use crate::commands::session::Connected;
use crate::commands::words::{self, Edge};
use crate::commands::Run;
use crate::document::Envelope;
use crate::exit::{usage, Failure, Kind};
use crate::output::{
    bulk_hints, outcome_key, summary, summary_line, Document, Outcome, Report, Style,
};
use crate::progress::{self, many::Bar, many::TICK};
use crate::sanitize;
use crate::secret::ApiKey;

use super::super::follow;
pub use super::named::{each_once, named_caches};
use super::one::{one, Plan};

const DEFAULT_CONCURRENCY: u32 = 8;
/// `--all-running`: refuses to ask without a terminal (`asked`: neither
/// `--yes` nor a dry run), before anything is sent.
pub fn check_all_running(
    all_running: bool,
    asked: bool,
    scope: &Scope,
    terminal: bool,
) -> Result<(), Failure> {
    scope.check()?;
    if all_running && asked && !terminal {
        return Err(usage("--all-running without a terminal needs --yes")
            .hint("add --yes to cancel every running cache it finds without asking"));
    }
    Ok(())
}

/// The caches whose execution of the plan's kind says RUNNING (in any
/// case), each once, with their names, and the request that read the
/// list. A running cache without an `id`, or whose `id` is not a UUID,
/// fails the run naming its place in the answer, before anything is sent.
pub fn running_caches(
    plan: &Plan,
    scope: &Scope,
    project: &ProjectRef,
) -> Result<(Vec<Target>, Vec<Request>), Failure> {
    let (catalog, schema) = (scope.catalog.as_deref(), scope.schema.as_deref());
    let read = api::request::list(project.project, catalog, schema);
    let all = project.list(catalog, schema)?;
    let total = all.items.len();
    let mut seen = HashSet::new();
    let mut running = Vec::new();
    for (n, (_, cache)) in all.items.iter().enumerate() {
        if !cache.is_running(plan.kind) {
            continue;
        }
        let unusable = |why: String| {
            Failure::new(
                Kind::Api,
                format!(
                    "cache {} of {total} (index {n}) in the answer to listing the caches of project {} is running but {why}; nothing was cancelled",
                    n + 1,
                    project.project
                ),
            )
            .hint("`peaka cache list -o json` shows the API's answer as it came")
        };
        let id = cache
            .id
            .as_deref()
            .ok_or_else(|| unusable("has no id".into()))?;
        if api::check_cache_id(id).is_err() {
            return Err(unusable(format!(
                "its id \"{}\" is not a UUID",
                sanitize::field(id)
            )));
        }
        if seen.insert(id.to_ascii_lowercase()) {
            running.push(Target {
                id: id.to_string(),
                typed: None,
                name: names::name_of(cache, false),
            });
        }
    }
    Ok((running, vec![read]))
}

/// Lists the caches, then asks on the terminal with their count (or the
/// one cache's name) in the question, which stays in view when the list
/// has scrolled away; anything but yes sends nothing.
pub fn confirm(
    plan: &Plan,
    project: &str,
    caches: &[Target],
    run: &mut Run,
) -> Result<(), Failure> {
    let noun = plan.kind.noun();
    {
        let mut err = run.stderr.borrow_mut();
        let _ = writeln!(
            err,
            "About to cancel the running {noun} of {} cache{} in project {project}:",
            caches.len(),
            if caches.len() == 1 { "" } else { "s" }
        );
        for cache in caches {
            let _ = writeln!(err, "  {}", cache.shown(true));
        }
        // With --hold, the question says that the schedule stops too.
        let whose = if caches.len() == 1 { "its" } else { "their" };
        let held = match plan.hold {
            true => format!(", and pause {whose} {noun} schedule"),
            false => String::new(),
        };
        let _ = match caches {
            [one] => write!(
                err,
                "Cancel the {noun} of {}{held}? [y/N] ",
                one.shown(true)
            ),
            _ => write!(
                err,
                "Cancel the {noun} of these {} caches{held}? [y/N] ",
                caches.len()
            ),
        };
        let _ = err.flush();
    }
    match answered_yes(run) {
        true => Ok(()),
        false => Err(usage("not confirmed: nothing was cancelled")),
    }
}

/// Reads the answer to a question just asked: yes, or anything else.
pub fn answered_yes(run: &mut Run) -> bool {
    let mut answer = String::new();
    let mut stdin = std::io::BufReader::new(&mut *run.stdin);
    let _ = stdin.read_line(&mut answer);
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

/// Whether the confirmation can be asked.
pub fn terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// What workers tell the printing thread.
enum Message {
    Note(String),
    Detail(String),
    Done(Box<Outcome>),
}

/// A worker's client log, sent to the printing thread.
struct Outbox(mpsc::Sender<Message>);

impl Log for Outbox {
    fn note(&self, line: &str) {
        let _ = self.0.send(Message::Note(line.to_string()));
    }
    fn detail(&self, line: &str) {
        let _ = self.0.send(Message::Detail(line.to_string()));
    }
}

/// What a run on many caches does to each, on its worker's client (or the
/// failure to make that client).
pub type Job<'j> = dyn Fn(Result<&CacheRef, &Failure>, &Target) -> Outcome + Sync + 'j;

/// Cancels every cache, at most `--concurrency` at once, printing each
/// result as it finishes.
pub fn run(
    plan: &Plan,
    concurrency: Option<u32>,
    api: &Connected,
    caches: Vec<Target>,
    run: &mut Run,
) -> Report {
    let clock: &(dyn Clock + Sync) = run.clock;
    let project = api.project;
    let job = |cache: Result<&CacheRef, &Failure>, target: &Target| match cache {
        Ok(cache) => one(plan, cache, target, clock, &mut |wait| {
            follow::run_quietly(wait, cache)
        }),
        Err(failure) => Outcome {
            cancel_sent: Some(false),
            failure: Some(failure.clone()),
            ..target.outcome(project)
        },
    };
    run_each(&job, concurrency, api, caches, run)
}

/// Does `job` to every cache, at most `concurrency` at once, each worker
/// on its own connection, printing each result as it finishes; the
/// results, their summary and the exit code of a bulk run.
pub fn run_each(
    job: &Job,
    concurrency: Option<u32>,
    api: &Connected,
    caches: Vec<Target>,
    run: &mut Run,
) -> Report {
    let workers = concurrency.unwrap_or(DEFAULT_CONCURRENCY).max(1) as usize;
    let workers = workers.min(caches.len()).max(1);
    let total = caches.len();
    let queue = Mutex::new(caches.into_iter().collect::<VecDeque<_>>());
    let gate = Gate::default();
    let clock: &(dyn Clock + Sync) = run.clock;
    let (send, receive) = mpsc::channel();
    let mut results = Vec::new();
    let action = run.action;
    let connect = Connect {
        project: api.project,
        options: api.options,
        key: api.key,
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (queue, gate, connect) = (&queue, &gate, &connect);
            scope.spawn(move || work(job, connect, queue, gate, clock, send));
        }
        drop(send);
        let queued = (&queue, total, workers);
        results = gather(receive, queued, api.edge, run);
    });
    let exit_code = exit_code(&results, clock);
    let bulk = Bulk {
        action,
        project: api.project.to_string(),
        results,
        exit_code,
    };
    Report::new(action, bulk)
}

/// Prints each cache's result as it comes (and the workers' notes), above
/// the bar on a terminal; gives the results in the order they finished.
/// `queued`: the queue, how many caches it held, and how many workers
/// take from it.
fn gather(
    receive: mpsc::Receiver<Message>,
    queued: (&Mutex<VecDeque<Target>>, usize, usize),
    edge: &Edge,
    run: &mut Run,
) -> Vec<Outcome> {
    let (queue, total, workers) = queued;
    let mut results = Vec::with_capacity(total);
    let (action, verbose) = (run.action, run.global.verbose);
    let mut bar = Bar::new(&run.style, total, run.stderr);
    // Popped from the queue and not yet told finished (a result still on
    // its way counts too: at most one per worker).
    let in_flight = |done: usize| {
        let queued = queue.lock().map_or(0, |q| q.len());
        total.saturating_sub(queued + done).min(workers)
    };
    while let Some(message) = next(&receive, &bar) {
        let Some(message) = message else {
            bar.tick(in_flight(results.len()));
            continue;
        };
        match message {
            Message::Note(line) if !run.style.quiet => {
                bar.above(|| progress::say(run.stderr, &line))
            }
            Message::Detail(line) if verbose => bar.above(|| progress::say(run.stderr, &line)),
            Message::Done(outcome) => {
                let outcome = words::outcome(*outcome, edge);
                bar.done(outcome_key(&outcome), in_flight(results.len() + 1));
                bar.above(|| run.sink.finished(action, &outcome));
                results.push(outcome);
            }
            _ => {}
        }
    }
    results
}

/// The next message from the workers; `Some(None)` when the bar is due a
/// redraw first; `None` when every worker is done. Without a bar, this
/// waits as long as it takes.
fn next(receive: &mpsc::Receiver<Message>, bar: &Bar) -> Option<Option<Message>> {
    if !bar.shown() {
        return receive.recv().ok().map(Some);
    }
    match receive.recv_timeout(TICK) {
        Ok(message) => Some(Some(message)),
        Err(mpsc::RecvTimeoutError::Timeout) => Some(None),
        Err(mpsc::RecvTimeoutError::Disconnected) => None,
    }
}

/// How each worker connects: its own client, on the run's options and key.
struct Connect<'a> {
    project: &'a str,
    options: &'a Options,
    key: &'a ApiKey,
}

/// One worker: its own client (one connection), caches from the queue.
fn work(
    job: &Job,
    api: &Connect,
    queue: &Mutex<VecDeque<Target>>,
    gate: &Gate,
    clock: &(dyn Clock + Sync),
    send: mpsc::Sender<Message>,
) {
    let log = Outbox(send.clone());
    let project = api.project;
    let client = match Client::new(api.options.clone(), api.key, clock, &log) {
        Ok(client) => client.with_gate(gate),
        Err(failure) => {
            while let Some(target) = queue.lock().ok().and_then(|mut q| q.pop_front()) {
                let outcome = job(Err(&failure), &target);
                let _ = send.send(Message::Done(Box::new(outcome)));
            }
            return;
        }
    };
    while let Some(target) = queue.lock().ok().and_then(|mut q| q.pop_front()) {
        let cache = CacheRef {
            client: &client,
            project,
            cache: &target.id,
        };
        let outcome = job(Ok(&cache), &target);
        if send.send(Message::Done(Box::new(outcome))).is_err() {
            return;
        }
    }
}

/// 0 when every cache succeeded; a signal's code when one came; the one
/// cache's own code when there was one; else 11.
fn exit_code(results: &[Outcome], clock: &dyn Clock) -> u8 {
    if let Some(signal) = clock.interrupted() {
        return signal.exit_code();
    }
    match results {
        [one] => one.exit_code(),
        _ if results.iter().all(|o| o.exit_code() == 0) => 0,
        _ => 11,
    }
}
/// A cancel of several caches: each one's outcome, in the order they
/// finished, and the run's exit code.
struct Bulk {
    action: Action,
    project: String,
    results: Vec<Outcome>,
    exit_code: u8,
}

/// A cancel of several caches: each cache's own document, once.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct BulkDocument<'a> {
    project_id: &'a str,
    /// Always `null`: a bulk cancel is about many caches.
    cache_id: Option<String>,
    /// The single-cache document of each cache, in the order they finished.
    results: Vec<Envelope<&'a Outcome>>,
    /// How many caches ended with each outcome (failures before an outcome
    /// count under their error kind).
    summary: BTreeMap<String, u32>,
}

impl Serialize for Bulk {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let result = |o| Envelope::new(self.action, Document::exit_code(o), o);
        BulkDocument {
            project_id: &self.project,
            cache_id: None,
            results: self.results.iter().map(result).collect(),
            summary: summary(&self.results),
        }
        .serialize(serializer)
    }
}

impl Document for Bulk {
    fn human(&self, style: &Style, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        summary_line(&self.results, out)?;
        bulk_hints(&self.results, style, err)
    }

    fn exit_code(&self) -> u8 {
        self.exit_code
    }
}

/// The documents a cancel prints beyond the outcome: the bulk one.
#[cfg(test)]
pub fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
    vec![generator.subschema_for::<Envelope<BulkDocument>>()]
}
