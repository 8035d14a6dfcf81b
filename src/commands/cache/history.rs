//! `peaka cache history`: past executions, newest first; `--all` follows the
//! pages to the end, each execution once, printing each page as it arrives
//! (JSON: one document at the end).

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use crate::api::{lenient, request, CacheRef};
use crate::cli::CacheTarget;
use crate::commands::names::Target;
use crate::commands::session::{first, Flow, Planned};
use crate::commands::{About, Exec, Failed, Run};
use crate::exit::{Failure, Kind};
use crate::output::{history_page, Document, Layout, Report, Style};

/// Executions per request with `--all`.
const PAGE: usize = 100;
/// The most executions `--all` follows, so that a server that never ends a
/// list cannot keep the run going; reaching it is an error that names it.
const MOST: usize = 1_000_000;

/// Show the past executions of a cache, newest first
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = concat!(
    "Examples:\n",
    "  peaka cache history -p mtKDhe1U -c \"$CACHE\"\n",
    "  peaka cache history -p mtKDhe1U -c \"$CACHE\" --all -o json \\\n",
    "    | jq '[.executions[] | select(.status == \"FAILED\")] | length'"
))]
pub struct Args {
    #[command(flatten)]
    pub target: CacheTarget,

    /// How many executions to show, 1-1000 [default: 10]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000), conflicts_with = "all")]
    pub limit: Option<u32>,

    /// How many of the newest executions to skip [default: 0]
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub offset: Option<u32>,

    /// Every execution the API keeps, page after page
    ///
    /// Pages are followed until one brings no execution not seen before;
    /// each is printed as it arrives (JSON: one document at the end). At
    /// most 1,000,000 executions: past that, exit 10.
    #[arg(long)]
    pub all: bool,

    /// On a terminal, every column in full: whole IDs and times, nothing cut
    #[arg(long)]
    pub wide: bool,
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
                let (limit, offset) = self.first_page();
                Ok(Planned::one(request::history(
                    project,
                    &first(caches).id,
                    limit,
                    offset,
                )))
            },
            body: &mut |run, api| {
                let target = api.target();
                self.history(run, &api.cache(&target.id), target)
            },
        }
        .run(run)
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        vec![generator.subschema_for::<crate::document::Envelope<HistoryDocument>>()]
    }
}

impl Args {
    fn history(&self, run: &mut Run, cache: &CacheRef, target: &Target) -> Result<Report, Failure> {
        let executions = if self.all {
            if run.sink.streams_rows() {
                return print_every_page(cache, run, self.layout());
            }
            let mut all = Vec::new();
            every_page(&mut pages(cache), MOST, &mut |page| {
                all.extend(page);
                Ok::<(), Failure>(())
            })?;
            all
        } else {
            let (limit, offset) = self.first_page();
            match cache.history_page(limit, offset, None)? {
                Some(page) => page,
                None => return Err(cache.missing(None)),
            }
        };
        let (limit, offset) = self.first_page();
        let history = History {
            project: cache.project.to_string(),
            target: target.clone(),
            // A full page may have more after it; `--all` has none.
            next: (!self.all && executions.len() >= limit).then_some((limit, offset + limit)),
            executions,
            layout: self.layout(),
            offset,
        };
        Ok(Report::new(run.action, history))
    }

    fn layout(&self) -> Layout {
        Layout { wide: self.wide }
    }

    /// The limit and offset of the first page the command asks for (with
    /// `--all`, the first of many).
    fn first_page(&self) -> (usize, usize) {
        match self.all {
            true => (PAGE, 0),
            false => (
                self.limit.unwrap_or(10) as usize,
                self.offset.unwrap_or(0) as usize,
            ),
        }
    }
}

/// The executions, each as the API sent it, and how people see them.
struct History {
    project: String,
    target: Target,
    executions: Vec<Box<RawValue>>,
    layout: Layout,
    /// When the page was full: its size and the offset of the next.
    next: Option<(usize, usize)>,
    /// How many of the newest executions were skipped.
    offset: usize,
}

/// `peaka cache history`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct HistoryDocument<'a> {
    project_id: &'a str,
    cache_id: &'a str,
    /// The cache as typed, when that was not its ID.
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_ref: Option<&'a str>,
    /// `schema.table`, when a name was resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    cache_name: Option<&'a str>,
    /// The API's execution objects as it sent them, newest first, each once.
    executions: Vec<&'a RawValue>,
}

impl Serialize for History {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        HistoryDocument {
            project_id: &self.project,
            cache_id: &self.target.id,
            cache_ref: self.target.typed.as_deref(),
            cache_name: self.target.name.as_deref(),
            executions: self.executions.iter().map(|e| &**e).collect(),
        }
        .serialize(serializer)
    }
}

impl Document for History {
    fn human(&self, style: &Style, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<()> {
        let people = style.stdout_terminal;
        if self.executions.is_empty() {
            // Nothing on stdout, for people or scripts; people are told.
            if people {
                let cache = self.target.shown(true);
                let _ = match self.offset {
                    0 => writeln!(err, "No executions of cache {cache}"),
                    n => writeln!(err, "No executions of cache {cache} after the newest {n}"),
                };
            }
            return Ok(());
        }
        history_page(&self.executions, true, self.layout, style, out)?;
        if let (true, false, Some((limit, next))) = (people, style.quiet, self.next) {
            // On stderr: stdout stays the table.
            let _ = writeln!(
                err,
                "More may follow: --offset {next} shows the next {limit}, --all every execution"
            );
        }
        Ok(())
    }
}

/// `--all` for people and scripts: each page's rows as soon as it arrives.
fn print_every_page(cache: &CacheRef, run: &mut Run, layout: Layout) -> Result<Report, Failure> {
    let mut first = true;
    let printed = every_page(&mut pages(cache), MOST, &mut |page| {
        let written = run.sink.history_page(&page, first, layout);
        first = false;
        written.map_err(Stop::Write)
    });
    match printed {
        Ok(()) => Ok(Report::text(run.action, String::new())),
        // The reader went away: stop quietly, as any output does.
        Err(Stop::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(Report::text(run.action, String::new()))
        }
        Err(Stop::Write(e)) => Err(Failure::new(
            Kind::Internal,
            format!("cannot write the output: {e}"),
        )),
        Err(Stop::Failed(failure)) => Err(failure),
    }
}

/// Why the pages stopped before their end.
enum Stop {
    Failed(Failure),
    Write(std::io::Error),
}

impl From<Failure> for Stop {
    fn from(failure: Failure) -> Stop {
        Stop::Failed(failure)
    }
}

/// The page of the cache's history at an offset; 404 is "no such cache".
fn pages<'a>(cache: &'a CacheRef) -> impl FnMut(usize) -> Result<Page, Failure> + 'a {
    |offset| {
        cache
            .history_page(PAGE, offset, None)?
            .ok_or_else(|| cache.missing(None))
    }
}

type Page = Vec<Box<RawValue>>;

/// Follows the pages from the newest, giving `take` each page's executions
/// not seen before; it ends at a page with none. A new execution shifts the
/// pages, so a page may repeat some: each is given once. Only a hash of
/// each execution is remembered, so memory does not grow with the pages.
/// More than `most` executions is an error that names the limit.
fn every_page<E: From<Failure>>(
    page: &mut dyn FnMut(usize) -> Result<Page, Failure>,
    most: usize,
    take: &mut dyn FnMut(Page) -> Result<(), E>,
) -> Result<(), E> {
    let hasher = std::collections::hash_map::RandomState::new();
    let mut seen = HashSet::new();
    let mut offset = 0;
    loop {
        let entries = page(offset)?;
        offset += entries.len();
        let new: Page = entries
            .into_iter()
            .filter(|e| seen.insert(hasher.hash_one(identity(e))))
            .collect();
        if new.is_empty() {
            return Ok(());
        }
        if seen.len() > most {
            return Err(too_many(most).into());
        }
        take(new)?;
    }
}

/// What makes an execution itself: its id, else all of it.
fn identity(raw: &RawValue) -> String {
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Id {
        #[serde(deserialize_with = "lenient::text")]
        id: Option<String>,
    }
    let id: Option<Id> = lenient::object(raw.get());
    match id.and_then(|i| i.id) {
        Some(id) => format!("id {id}"),
        None => format!("raw {}", raw.get()),
    }
}

fn too_many(most: usize) -> Failure {
    Failure::new(
        Kind::Api,
        format!("the history has more than {most} executions; peaka follows at most {most}"),
    )
    .hint("--limit and --offset read any part of it")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: String) -> Box<RawValue> {
        RawValue::from_string(text).unwrap()
    }

    /// A history of `total` executions, pages of `size`, with one new
    /// execution arriving before each page after the first.
    fn shifting(total: usize, size: usize) -> impl FnMut(usize) -> Result<Page, Failure> {
        let mut arrived = 0;
        move |offset| {
            arrived += usize::from(offset > 0);
            let newest = total + arrived;
            let ids = (offset..(offset + size).min(newest)).map(|n| newest - n);
            Ok(ids.map(|id| raw(format!(r#"{{"id":"e{id}"}}"#))).collect())
        }
    }

    #[test]
    fn pages_are_followed_to_the_end_each_execution_once() {
        let mut got = Vec::new();
        let mut take = |page: Page| {
            got.extend(page.into_iter().map(|e| e.get().to_string()));
            Ok::<(), Failure>(())
        };
        every_page(&mut shifting(250, 30), MOST, &mut take).unwrap();
        let expected: Vec<String> = (1..=250)
            .rev()
            .map(|n| format!(r#"{{"id":"e{n}"}}"#))
            .collect();
        assert_eq!(got, expected, "each of the 250 once, newest first");
    }

    #[test]
    fn the_limit_is_at_least_a_million_and_named_when_reached() {
        const { assert!(MOST >= 1_000_000) };
        let endless = &mut |offset: usize| {
            Ok((offset..offset + 100)
                .map(|n| raw(format!("{{\"id\":{n}}}")))
                .collect())
        };
        let failure = every_page(endless, 1_000, &mut |_| Ok::<(), Failure>(())).unwrap_err();
        assert_eq!(failure.kind.code(), 10);
        assert!(
            failure.message.contains("more than 1000 executions"),
            "{}",
            failure.message
        );
    }
}
