//! Cancelling many caches at once: named with `--cache` (repeated, or `-`
//! for standard input) or chosen with `--all-running`. At most
//! `--concurrency` caches are worked on at once, each worker with one
//! kept-alive connection; a rate limit anywhere slows every worker.

use std::collections::{HashSet, VecDeque};
use std::io::{BufRead, IsTerminal, Read};
use std::sync::mpsc;
use std::sync::Mutex;

use crate::api::{self, CacheRef, ProjectRef};
use crate::cli::{CancelArgs, Format};
use crate::client::{Client, Gate, Log, Options};
use crate::clock::Clock;
use crate::exit::{usage, Failure, Kind};
use crate::output::{self, Outcome, Report};
use crate::progress;
use crate::sanitize;
use crate::secret::ApiKey;

use super::cancel::{self, Plan};
use super::follow;
use super::{Context, World};

const DEFAULT_CONCURRENCY: u32 = 8;
/// The most IDs read from standard input.
const MOST_IDS: usize = 100_000;
/// The most bytes of standard input read for IDs.
const MOST_INPUT: usize = 64 << 20;

/// How each worker connects: the client's options and the key.
pub struct Connect<'a> {
    pub options: &'a Options,
    pub key: &'a ApiKey,
    pub verbose: bool,
    /// For the words of each cache's failure, chosen before it is shown.
    pub edge: super::words::Edge,
}

/// The caches a bulk cancel names, checked, each once; read from standard
/// input for `-`. Nothing is sent before this succeeds.
pub fn named_caches(
    args: &CancelArgs,
    stdin: &mut dyn std::io::Read,
) -> Result<Vec<String>, Failure> {
    let mut caches = Vec::new();
    let mut stdin_read = false;
    for value in &args.cache {
        if value != "-" {
            api::check_cache_id(value)?;
            caches.push(value.clone());
            continue;
        }
        if std::mem::replace(&mut stdin_read, true) {
            return Err(usage("`--cache -` can be given once"));
        }
        caches.extend(read_ids(stdin)?);
    }
    let mut seen = HashSet::new();
    caches.retain(|c| seen.insert(c.to_ascii_lowercase()));
    Ok(caches)
}

/// One ID a line; blank lines and `#` comments are skipped. More than
/// `MOST_INPUT` bytes or `MOST_IDS` IDs is a usage error naming the limit,
/// never a run on part of the input.
fn read_ids(stdin: &mut dyn std::io::Read) -> Result<Vec<String>, Failure> {
    let mut input = Vec::new();
    std::io::Read::take(stdin, MOST_INPUT as u64 + 1)
        .read_to_end(&mut input)
        .map_err(|e| usage(format!("cannot read cache IDs from standard input: {e}")))?;
    if input.len() > MOST_INPUT {
        return Err(usage(format!(
            "standard input holds more than {} MiB; peaka reads at most that much of cache IDs",
            MOST_INPUT >> 20
        ))
        .hint(format!(
            "give at most {MOST_IDS} cache IDs, one a line; split a longer list into several runs"
        )));
    }
    let mut ids = Vec::new();
    for (n, line) in input.split(|b| *b == b'\n').enumerate() {
        let line_error = |why: String| {
            Failure::new(
                Kind::Usage,
                format!("standard input, line {}: {why}", n + 1),
            )
            .hint("one cache ID (a UUID) a line; blank lines and # comments are skipped")
        };
        let line = std::str::from_utf8(line).map_err(|_| line_error("not UTF-8".into()))?;
        let id = line.split('#').next().unwrap_or_default().trim();
        if id.is_empty() {
            continue;
        }
        api::check_cache_id(id).map_err(|f| line_error(f.message))?;
        if ids.len() == MOST_IDS {
            return Err(usage(format!(
                "more than {MOST_IDS} cache IDs on standard input; peaka takes at most {MOST_IDS}"
            ))
            .hint("split the list into several runs"));
        }
        ids.push(id.to_string());
    }
    Ok(ids)
}

/// `--all-running`: refuses without a terminal unless `--yes`, before
/// anything is sent.
pub fn check_all_running(args: &CancelArgs, terminal: bool) -> Result<(), Failure> {
    if let Some(catalog) = &args.scope.catalog {
        api::check_segment("catalog ID", catalog)?;
    }
    if let Some(schema) = &args.scope.schema {
        api::check_segment("schema name", schema)?;
    }
    if args.all_running && !args.yes && !terminal {
        return Err(usage("--all-running without a terminal needs --yes")
            .hint("add --yes to cancel every running cache it finds without asking"));
    }
    Ok(())
}

/// The caches whose execution of the plan's kind says RUNNING (in any
/// case), each once, with their tables, for the confirmation. A running
/// cache without an `id`, or whose `id` is not a UUID, fails the run
/// naming its place in the answer, before anything is sent.
pub fn running_caches(
    plan: &Plan,
    args: &CancelArgs,
    project: &ProjectRef,
) -> Result<Vec<(String, String)>, Failure> {
    let all = project.list(args.scope.catalog.as_deref(), args.scope.schema.as_deref())?;
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
            let table = cache.table_name.clone().unwrap_or_else(|| "-".into());
            running.push((id.to_string(), table));
        }
    }
    Ok(running)
}

/// Asks on the terminal; anything but yes sends nothing.
pub fn confirm(
    plan: &Plan,
    project: &str,
    caches: &[(String, String)],
    world: &mut World,
) -> Result<(), Failure> {
    {
        let mut err = world.stderr.borrow_mut();
        let _ = writeln!(
            err,
            "About to cancel the running {} of {} cache{} in project {project}:",
            plan.kind.noun(),
            caches.len(),
            if caches.len() == 1 { "" } else { "s" }
        );
        for (id, table) in caches {
            let _ = writeln!(err, "  {id}  {}", sanitize::field(table));
        }
        let _ = write!(err, "Cancel them? [y/N] ");
        let _ = err.flush();
    }
    let mut answer = String::new();
    let mut stdin = std::io::BufReader::new(&mut *world.stdin);
    let _ = stdin.read_line(&mut answer);
    if matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(usage("not confirmed: nothing was cancelled"))
    }
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

/// Cancels every cache, at most `--concurrency` at once, printing each
/// result as it finishes.
pub fn run(
    plan: &Plan,
    args: &CancelArgs,
    connect: &Connect,
    project: &str,
    caches: Vec<String>,
    ctx: &Context,
    world: &mut World,
) -> Report {
    let workers = args.concurrency.unwrap_or(DEFAULT_CONCURRENCY).max(1) as usize;
    let workers = workers.min(caches.len()).max(1);
    let total = caches.len();
    let queue = Mutex::new(caches.into_iter().collect::<VecDeque<_>>());
    let gate = Gate::default();
    let clock: &(dyn Clock + Sync) = world.clock;
    let (send, receive) = mpsc::channel();
    let mut results = Vec::with_capacity(total);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (queue, gate) = (&queue, &gate);
            scope.spawn(move || work(plan, connect, project, ctx.action, queue, gate, clock, send));
        }
        drop(send);
        for message in receive {
            match message {
                Message::Note(line) if !ctx.style.quiet => progress::say(world.stderr, &line),
                Message::Detail(line) if connect.verbose => progress::say(world.stderr, &line),
                Message::Done(outcome) => {
                    let outcome = super::words::outcome(*outcome, &connect.edge);
                    show(&outcome, ctx, world);
                    results.push(outcome);
                }
                _ => {}
            }
        }
    });
    let exit_code = exit_code(&results, clock);
    Report::Bulk {
        action: ctx.action,
        project: project.to_string(),
        results,
        exit_code,
    }
}

/// One worker: its own client (one connection), caches from the queue.
#[allow(clippy::too_many_arguments)]
fn work(
    plan: &Plan,
    connect: &Connect,
    project: &str,
    action: crate::action::Action,
    queue: &Mutex<VecDeque<String>>,
    gate: &Gate,
    clock: &(dyn Clock + Sync),
    send: mpsc::Sender<Message>,
) {
    let log = Outbox(send.clone());
    let client = match Client::new(connect.options.clone(), connect.key, clock, &log) {
        Ok(client) => client.with_gate(gate),
        Err(failure) => {
            while let Some(cache) = queue.lock().ok().and_then(|mut q| q.pop_front()) {
                let outcome = Outcome {
                    cancel_sent: Some(false),
                    failure: Some(failure.clone()),
                    ..Outcome::about(action, project, &cache)
                };
                let _ = send.send(Message::Done(Box::new(outcome)));
            }
            return;
        }
    };
    while let Some(cache) = queue.lock().ok().and_then(|mut q| q.pop_front()) {
        let cache = CacheRef {
            client: &client,
            project,
            cache: &cache,
        };
        let outcome = cancel::one(plan, &cache, clock, action, &mut |wait| {
            follow::run_quietly(wait, &cache)
        });
        if send.send(Message::Done(Box::new(outcome))).is_err() {
            return;
        }
    }
}

/// One cache's result as it finishes: a line for people, or an NDJSON line.
fn show(outcome: &Outcome, ctx: &Context, world: &mut World) {
    match ctx.format {
        Some(Format::Ndjson) => {
            if serde_json::to_writer(&mut *world.stdout, &outcome.document()).is_ok() {
                let _ = writeln!(world.stdout);
            }
        }
        Some(Format::Json) => return,
        _ => {
            let cache = outcome.cache.as_deref().unwrap_or("?");
            let name = output::outcome_key(outcome);
            // The cache and its outcome; a failure's words too.
            let _ = match &outcome.failure {
                Some(f) => writeln!(
                    world.stdout,
                    "{cache}  {name}  {}",
                    sanitize::message(&f.message)
                ),
                None => writeln!(world.stdout, "{cache}  {name}"),
            };
        }
    }
    let _ = world.stdout.flush();
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
