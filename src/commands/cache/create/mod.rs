//! `peaka cache create`: one cache from its flags (its first sync starts at
//! once; `--wait` follows it), or many from a TOML file (`--from`), sent as
//! `createBatchCache` calls of at most 100. A create is never sent twice:
//! when a try may have reached the server, the run says so and stops.

mod batch;
mod made;
mod schedule;

use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{json, Value};

use crate::api::{self, request, BatchResult, CacheRef, CreateAnswer, ExecutionKind, ProjectRef};
use crate::cli::{Limits, ProjectArg};
use crate::commands::names;
use crate::commands::session::{Connected, Flow, Planned};
use crate::commands::words::worded;
use crate::commands::{About, Exec, Failed, Run};
use crate::document::{Envelope, ErrorDocument, OutcomeName};
use crate::exit::{exit_codes, usage, Cause, Failure, Kind};
use crate::output::{self, Document, Outcome, Report, Style, WaitReport};
use crate::sanitize;
use crate::wait::{Ending, Follow, Wait, Waited};

use super::follow::{self, shown_id};
use batch::{many, read_file, read_from, BATCH};
use made::{created_message, error_document, finish, Made};
use schedule::quoted;
use schedule::schedule;

/// Create a cache of a table (its first sync starts at once), or many from a file
#[derive(clap::Args, Debug, Clone)]
#[command(
    group(clap::ArgGroup::new("what").required(true).args(["catalog", "from"])),
    mut_arg("timeout", |a| a.requires("wait")),
    mut_arg("interval", |a| a.requires("wait")),
    after_help = concat!(
        "Examples:\n",
        "  peaka cache create -p mtKDhe1U --catalog 627249916703408649 \\\n",
        "    --schema payment --table customers --full-schedule 1d \\\n",
        "    --incremental-schedule 6h --wait\n",
        "  peaka cache create -p mtKDhe1U --catalog 627249916703408649 \\\n",
        "    --schema payment --table charges --incremental-schedule PT15M \\\n",
        "    --if-missing -o json | jq -r .cacheId\n",
        "  peaka cache create -p mtKDhe1U --from caches.toml\n\n",
        "A --from file holds [[cache]] tables with the keys catalog, schema, table,\n",
        "full_schedule and incremental_schedule (strings; the schedules optional).\n\n",
        exit_codes!()
    )
)]
pub struct Args {
    #[command(flatten)]
    pub project: ProjectArg,

    /// Catalog ID of the table to cache
    #[arg(long, value_name = "ID", requires_all = ["schema", "table"], value_hint = clap::ValueHint::Other)]
    pub catalog: Option<String>,

    /// Schema of the table
    #[arg(long, value_name = "NAME", requires = "catalog", value_hint = clap::ValueHint::Other)]
    pub schema: Option<String>,

    /// Table to cache
    #[arg(long, value_name = "NAME", requires = "catalog", value_hint = clap::ValueHint::Other)]
    pub table: Option<String>,

    /// Full-refresh schedule: none, an ISO-8601 duration (PT15M, PT6H, P1D,
    /// P1DT12H) or 15m, 6h, 1d, 1d 12h; at least a minute
    ///
    /// Given one, the first sync is a full refresh. Months and years are
    /// refused (their length varies).
    #[arg(long, value_name = "S", requires = "catalog", value_hint = clap::ValueHint::Other)]
    pub full_schedule: Option<String>,

    /// Incremental-sync schedule, in the same forms
    ///
    /// Given one and no full-refresh schedule, the first sync is an
    /// incremental sync.
    #[arg(long, value_name = "S", requires = "catalog", value_hint = clap::ValueHint::Other)]
    pub incremental_schedule: Option<String>,

    /// Create the caches of a TOML file of [[cache]] tables, or - for
    /// standard input
    ///
    /// Each table has the keys catalog, schema and table, and optionally
    /// full_schedule and incremental_schedule (strings). Any other key, or a
    /// malformed file, is a usage error naming the line, before anything is
    /// sent. At most 16 MiB is read; the caches are sent 100 a call.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["catalog", "schema", "table", "full_schedule", "incremental_schedule", "wait", "if_missing"],
        value_hint = clap::ValueHint::FilePath
    )]
    pub from: Option<String>,

    /// Succeed (exit 0) when the cache exists already
    #[arg(long)]
    pub if_missing: bool,

    /// Follow the first sync until it finishes (needs a schedule)
    #[arg(long)]
    pub wait: bool,

    #[command(flatten)]
    pub limits: Limits,
}

impl Exec for Args {
    fn about(&self) -> About<'_> {
        About {
            project: self.project.project.as_deref(),
            cache: None,
        }
    }

    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        let items: OnceCell<Vec<Item>> = OnceCell::new();
        let all = || items.get().map_or(&[][..], Vec::as_slice);
        Flow {
            project_flag: self.project.project.as_deref(),
            check: &mut |run| {
                let _ = items.set(self.items(run)?);
                Ok(Vec::new())
            },
            plan: &|project, _| plan(project, all(), self.from.is_some()),
            body: &mut |run, api| match (&self.from, all()) {
                (None, [item]) => self.one(item, api, run),
                _ => Ok(many(all(), api, run)),
            },
        }
        .run(run)
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        vec![
            generator.subschema_for::<Envelope<made::CreateDocument>>(),
            generator.subschema_for::<Envelope<batch::BatchDocument>>(),
        ]
    }
}

/// One cache to create, checked.
#[derive(Debug, Clone)]
struct Item {
    catalog: String,
    schema: String,
    table: String,
    full: Option<Value>,
    incremental: Option<Value>,
}

impl Item {
    /// The `CacheRequest`: only the schedules given are sent.
    fn body(&self) -> Value {
        let mut body = json!({
            "catalogId": self.catalog,
            "schemaName": self.schema,
            "tableName": self.table,
        });
        for (key, schedule) in [
            ("fullRefreshCacheSchedule", &self.full),
            ("incrementalCacheSchedule", &self.incremental),
        ] {
            if let Some(schedule) = schedule {
                body[key] = schedule.clone();
            }
        }
        body
    }

    /// The first sync the API starts: a full refresh with a full schedule,
    /// else an incremental sync with an incremental one, else none.
    fn first(&self) -> Option<ExecutionKind> {
        let basic = |s: &Option<Value>| s.as_ref().is_some_and(|s| s["type"] == "BASIC");
        match (basic(&self.full), basic(&self.incremental)) {
            (true, _) => Some(ExecutionKind::Full),
            (false, true) => Some(ExecutionKind::Incremental),
            _ => None,
        }
    }

    /// `schema.table`, as documents name a cache.
    fn name(&self) -> String {
        format!("{}.{}", names::part(&self.schema), names::part(&self.table))
    }

    /// `catalog/schema.table`, for people.
    fn shown(&self) -> String {
        sanitize::field(&format!("{}/{}", names::part(&self.catalog), self.name()))
    }

    fn check(&self) -> Result<(), Failure> {
        api::check_segment("catalog ID", &self.catalog)?;
        api::check_segment("schema name", &self.schema)?;
        match self.table.is_empty() {
            true => Err(usage("the table name is empty")),
            false => Ok(()),
        }
    }
}

impl Args {
    /// Every check of the command line and the file, before the key is
    /// read or anything is sent.
    fn items(&self, run: &mut Run) -> Result<Vec<Item>, Failure> {
        let Some(from) = &self.from else {
            let item = Item {
                catalog: self.catalog.clone().unwrap_or_default(),
                schema: self.schema.clone().unwrap_or_default(),
                table: self.table.clone().unwrap_or_default(),
                full: self.full_schedule.as_deref().map(schedule).transpose()?,
                incremental: self
                    .incremental_schedule
                    .as_deref()
                    .map(schedule)
                    .transpose()?,
            };
            item.check()?;
            if self.wait && item.first().is_none() {
                return Err(usage(
                    "--wait follows the first sync, and none starts without a schedule",
                )
                .hint("give --full-schedule or --incremental-schedule (other than none)"));
            }
            return Ok(vec![item]);
        };
        let key_file = run.global.api_key_file.as_deref();
        if from == "-" && key_file.is_some_and(|p| p.as_os_str() == "-") {
            return Err(usage(
                "standard input can give the API key or the caches to create, not both",
            ));
        }
        let (text, source) = read_from(from, run.stdin)?;
        read_file(&text, &source)
    }

    /// One cache: created, or found existing; with `--wait`, its first sync
    /// followed to its end.
    fn one(&self, item: &Item, api: &Connected, run: &mut Run) -> Result<Report, Failure> {
        let project = api.project();
        let timeout = self.limits.timeout();
        let deadline = self.wait.then(|| run.clock.now() + timeout);
        let answer = project.create(item.body(), deadline).map_err(|f| {
            unsure(
                f,
                &format!(
                    "peaka cache list --project {} --catalog {} --schema {}",
                    api.project, item.catalog, item.schema
                ),
            )
        })?;
        let mut made = Made::new(api.project, item);
        let (cache, id) = match answer {
            CreateAnswer::Created { cache, id } => (cache, id),
            CreateAnswer::Exists { cache, id, words } => {
                made.outcome = OutcomeName::Exists;
                let (cache, id) = found(&project, item, cache, id, run)?;
                (made.cache, made.id) = (cache, id);
                self.exists(&mut made, words);
                return Ok(Report::new(run.action, made));
            }
        };
        let (cache, id) = match id {
            Some(id) => (cache, Some(id)),
            None => found(&project, item, cache, None, run)?,
        };
        (made.cache, made.id) = (cache, id);
        made.message = created_message(&made, item);
        if let (Some(kind), Some(deadline)) = (item.first(), deadline) {
            let id = made.id.clone().ok_or_else(|| {
                Failure::new(Kind::Api, "the API created the cache but did not say its id, and the list does not show it: its first sync cannot be followed")
                    .hint(format!("find it with: peaka cache list --project {}", api.project))
            })?;
            let cache = api.cache(&id);
            let waited = follow::run(self.wait_for(kind, deadline, run), &cache, run)?;
            finish(&mut made, kind, &cache, waited, timeout);
        }
        Ok(Report::new(run.action, made))
    }

    fn wait_for<'c>(
        &self,
        kind: ExecutionKind,
        deadline: std::time::Duration,
        run: &Run<'c>,
    ) -> Wait<'c> {
        Wait {
            kind,
            clock: run.clock,
            deadline,
            interval: self.limits.interval(),
            // A new cache has run nothing before its first sync.
            follow: Follow::NewerThan(None),
            fallback_after: None,
        }
    }

    /// `exists`: exit 12, or 0 with `--if-missing`.
    fn exists(&self, made: &mut Made, words: Option<String>) {
        let id = made
            .id
            .as_deref()
            .map_or("its ID not known".into(), sanitize::field);
        let what = format!(
            "a cache of {} exists already in project {} ({id})",
            made.shown, made.project
        );
        if self.if_missing {
            made.message = format!("Nothing to do: {what}.");
            return;
        }
        let words = words.map(|w| format!(": {w}")).unwrap_or_default();
        made.failure = Some(
            Failure::new(Kind::Exists, format!("{what}; the API answered 409{words}"))
                .with_status(409)
                .hint("--if-missing makes this a success"),
        );
    }
}

/// A failure of a create that may have reached the server: exit 10, and
/// where to look (a time limit keeps its own code).
fn unsure(failure: Failure, check: &str) -> Failure {
    let landed = failure.cause.as_deref() == Some(&Cause::MayHaveLanded);
    if !landed && failure.kind != Kind::Timeout {
        return failure;
    }
    let kind = if landed { Kind::Api } else { Kind::Timeout };
    let mut message = format!(
        "{}; the cache may have been created all the same",
        failure.message
    );
    if landed {
        message.push_str(" (not sent again: a second create could act twice)");
    }
    let mut unsure = Failure::new(kind, message).hint(format!("check with: {check}"));
    unsure.http_status = failure.http_status;
    unsure
}

/// The cache of that table: from the answer when it names its id, else
/// from one read of the schema's list (a read that fails leaves it unknown,
/// said on stderr).
fn found(
    project: &ProjectRef,
    item: &Item,
    cache: Option<Box<RawValue>>,
    id: Option<String>,
    run: &Run,
) -> Result<(Option<Box<RawValue>>, Option<String>), Failure> {
    if id.is_some() {
        return Ok((cache, id));
    }
    let listing = match project.list(Some(&item.catalog), Some(&item.schema)) {
        Ok(listing) => listing,
        Err(f) if matches!(f.kind, Kind::Interrupted(_)) => return Err(f),
        Err(f) => {
            let note = format!(
                "note: the cache's ID could not be read from the list: {}",
                f.message
            );
            if !run.style.quiet {
                crate::progress::say(run.stderr, &sanitize::message(&note));
            }
            return Ok((cache, None));
        }
    };
    let same = |a: Option<&str>, b: &str, exact: bool| {
        a.is_some_and(|a| {
            if exact {
                a == b
            } else {
                a.eq_ignore_ascii_case(b)
            }
        })
    };
    for exact in [true, false] {
        let mut matching = listing.items.iter().filter(|(_, c)| {
            same(c.catalog_id.as_deref(), &item.catalog, exact)
                && same(c.schema_name.as_deref(), &item.schema, exact)
                && same(c.table_name.as_deref(), &item.table, exact)
        });
        if let (Some((span, c)), None) = (matching.next(), matching.next()) {
            let raw = RawValue::from_string(listing.raw(span).to_string()).ok();
            return Ok((raw.or(cache), c.id.clone()));
        }
    }
    Ok((cache, None))
}

/// The requests: the create, or each batch call in the order sent (the
/// first stands for them).
fn plan(project: &str, items: &[Item], batch: bool) -> Result<Planned, Failure> {
    if items.is_empty() {
        return Err(usage("no cache to create"));
    }
    match (batch, items) {
        (false, [item]) => Ok(Planned::one(request::create(project, item.body()))),
        _ => Ok(Planned {
            before: items
                .chunks(BATCH)
                .map(|c| request::create_batch(project, c.iter().map(Item::body).collect()))
                .collect(),
            main: None,
        }),
    }
}
