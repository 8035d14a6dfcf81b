//! Completion of values from the API and the config file: the completers
//! the registry attaches to `--cache` (and the positional cache), `--project`,
//! `--profile`, `--catalog` and `--schema`. clap_complete's engine runs them
//! when the shell calls `COMPLETE=SHELL peaka -- WORDS…`; each is handed
//! only the word being completed, so the rest of the line is read from the
//! process's arguments and settled as a run would settle it
//! (`cli::Early::parse`, then `config::resolve`).
//!
//! Fast and silent: a completion prints candidates and nothing else, never
//! reads standard input (a key from `-` means nothing from the API), never
//! waits more than `BUDGET`, and keeps the key out of every file.

mod store;

use std::ffi::{OsStr, OsString};
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant, SystemTime};

use clap::ArgMatches;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use crate::api;
use crate::cli::{Early, Global};
use crate::client::{Client, Log};
use crate::config::{self, KeyRef, Settings};
use crate::{clock, redact, sanitize, secret};

use store::{Cached, Slot};

/// The most a completion waits for the API, connect included.
pub const BUDGET: Duration = Duration::from_secs(2);

/// The longest description shown beside a candidate.
const HELP_MAX: usize = 80;

/// Attaches the completers to the arguments they complete, through the
/// whole tree, by the arguments' IDs; a positional argument named CACHE
/// (or CACHES) completes caches too.
pub fn attach(command: clap::Command) -> clap::Command {
    command
        .mut_args(|arg| {
            let names_a_cache = arg.is_positional()
                && arg
                    .get_value_names()
                    .is_some_and(|names| names.iter().any(|n| n.starts_with("CACHE")));
            let id = if names_a_cache {
                "cache"
            } else {
                arg.get_id().as_str()
            };
            match completer(id) {
                Some(completer) => arg.add(ArgValueCompleter::new(completer)),
                None => arg,
            }
        })
        .mut_subcommands(attach)
}

type Completer = fn(&OsStr) -> Vec<CompletionCandidate>;

fn completer(id: &str) -> Option<Completer> {
    let completer: Completer = match id {
        "cache" => |current| quietly(current, caches),
        "project" => |current| quietly(current, projects),
        "profile" => |current| quietly(current, profiles),
        "catalog" => |current| quietly(current, catalogs),
        "schema" => |current| quietly(current, schemas),
        _ => return None,
    };
    Some(completer)
}

/// Runs a completer on the line being completed: a panic (a bug) offers
/// nothing and prints nothing, and neither does a word that is not UTF-8.
fn quietly(
    current: &OsStr,
    complete: fn(&Line, &str) -> Vec<CompletionCandidate>,
) -> Vec<CompletionCandidate> {
    panic::set_hook(Box::new(|_| {}));
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    panic::catch_unwind(AssertUnwindSafe(|| complete(&Line::typed(), current))).unwrap_or_default()
}

/// The command line being completed, as the shell handed it after `--`.
struct Line {
    global: Global,
    matches: Option<ArgMatches>,
}

impl Line {
    fn typed() -> Line {
        let args: Vec<OsString> = std::env::args_os().collect();
        let words = match args.iter().position(|a| a == "--") {
            Some(at) => &args[at + 1..],
            None => &[][..],
        };
        let early = Early::parse(&super::cli(), words);
        Line {
            global: early.global,
            matches: early.matches,
        }
    }

    /// The value of the flag `id` of the deepest command typed.
    fn flag(&self, id: &str) -> Option<String> {
        let mut matches = self.matches.as_ref()?;
        while let Some((_, sub)) = matches.subcommand() {
            matches = sub;
        }
        matches.try_get_one::<String>(id).ok().flatten().cloned()
    }

    /// The settings as a run of this line would have them.
    fn settings(&self) -> Option<Settings> {
        let (path, file) = config::open(self.global.config.as_deref(), &env).ok()?;
        let project = self.flag("project");
        config::resolve(&self.global.flags(), project.as_deref(), &env, path, &file).ok()
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The project's caches: from the completion cache while fresh, else from
/// one list read within `BUDGET`, then kept.
fn listed(line: &Line) -> Vec<Cached> {
    let started = Instant::now();
    let Some(settings) = line.settings() else {
        return Vec::new();
    };
    let Some(project) = settings.project.as_ref().map(|p| p.value.clone()) else {
        return Vec::new();
    };
    if api::check_project_id(&project).is_err() {
        return Vec::new();
    }
    let slot = Slot {
        base_url: settings.base_url.value.to_string(),
        profile: settings
            .profile
            .as_ref()
            .map(|p| p.value.clone())
            .unwrap_or_default(),
        project,
    };
    if let Some(caches) = slot.fresh(SystemTime::now()) {
        return caches;
    }
    let Some(caches) = read_list(&settings, &slot.project, started) else {
        return Vec::new();
    };
    slot.save(caches.clone(), SystemTime::now());
    caches
}

/// One list read, no retry, ending `BUDGET` after `started` at the latest.
fn read_list(settings: &Settings, project: &str, started: Instant) -> Option<Vec<Cached>> {
    let key = settings.key.as_ref()?;
    if matches!(&key.value, KeyRef::File(path) if path.as_os_str() == "-") {
        // Standard input is the shell's: never read, never waited on.
        return None;
    }
    secret::no_core_dumps();
    let key = config::read_key(key, &mut std::io::empty()).ok()?;
    redact::register(key.expose());
    let mut options = super::session::client_options(settings).ok()?;
    options.request_timeout = BUDGET.checked_sub(started.elapsed())?;
    options.retries = 0;
    let clock = clock::SystemClock::new();
    let client = Client::new(options, &key, &clock, &Silent).ok()?;
    let project = api::ProjectRef {
        client: &client,
        project,
    };
    let listing = project.list(None, None).ok()?;
    Some(
        listing
            .items
            .iter()
            .filter_map(|(_, c)| cached(c))
            .collect(),
    )
}

/// A listed cache as completion keeps it; none without an ID, and none
/// with a field that holds a run of the key (it is never written).
fn cached(listed: &api::ListedCache) -> Option<Cached> {
    let text = |field: &Option<String>| field.clone().unwrap_or_default();
    let cache = Cached {
        id: text(&listed.id),
        catalog: text(&listed.catalog_id),
        schema: text(&listed.schema_name),
        table: text(&listed.table_name),
        status: text(&listed.status),
    };
    let fields = [
        &cache.id,
        &cache.catalog,
        &cache.schema,
        &cache.table,
        &cache.status,
    ];
    let clean = fields.iter().all(|f| redact::redact(f) == f.as_str());
    (clean && !cache.id.is_empty()).then_some(cache)
}

/// The client's notes are for a run; a completion shows none.
struct Silent;

impl Log for Silent {
    fn note(&self, _: &str) {}
    fn detail(&self, _: &str) {}
}

/// A value a shell can take as one word without quoting: a candidate that
/// would need it is not offered (the engine does not quote for the shell).
/// Every character a shell treats specially is ASCII: letters of other
/// scripts and emoji need no quoting, but spaces and unseen characters do.
fn plain(value: &str) -> bool {
    !value.is_empty()
        && value.chars().all(|c| match c.is_ascii() {
            true => c.is_ascii_alphanumeric() || "-_.@+/".contains(c),
            false => !c.is_whitespace() && !crate::chars::is_unsafe(c),
        })
}

/// A candidate when it is plain and starts with what is typed.
fn candidate(value: &str, help: &str, current: &str) -> Option<CompletionCandidate> {
    (plain(value) && value.starts_with(current)).then(|| described(value, help))
}

/// `value`, with `help` beside it where the shell shows it. Printable ASCII
/// (what the API's names nearly always are) is only cut; anything else is
/// sanitized as all server text shown to people.
fn described(value: &str, help: &str) -> CompletionCandidate {
    let help = match help.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        true if help.len() <= HELP_MAX => help.to_string(),
        true => sanitize::cut(help, HELP_MAX),
        false => sanitize::line(help, HELP_MAX),
    };
    let candidate = CompletionCandidate::new(value).tag(Some(TAG.into()));
    candidate.help((!help.is_empty()).then(|| help.into()))
}

/// The engine groups candidates by tag and, without one, renders the
/// argument into a tag for each: one plain tag is much faster for the
/// thousands of a large project.
const TAG: &str = "values";

/// `--cache`: the names (`schema.table`, or `catalog/schema.table` where
/// the short name is not unique), then the IDs, each described by its
/// table and status.
fn caches(line: &Line, current: &str) -> Vec<CompletionCandidate> {
    let caches = listed(line);
    let mut count = std::collections::HashMap::with_capacity(caches.len());
    for cache in &caches {
        *count.entry((&cache.schema, &cache.table)).or_insert(0) += 1;
    }
    let mut names = Vec::new();
    let mut ids = Vec::new();
    for (at, cache) in caches.iter().enumerate() {
        // A part holding `.` or `/` would need quotes: its ID is offered.
        let parts = [&cache.catalog, &cache.schema, &cache.table];
        if parts.iter().all(|p| plain(p) && !p.contains(['.', '/'])) {
            let mut name = String::new();
            if count[&(&cache.schema, &cache.table)] > 1 {
                name.push_str(&cache.catalog);
                name.push('/');
            }
            name.push_str(&cache.schema);
            name.push('.');
            name.push_str(&cache.table);
            if name.starts_with(current) {
                names.push((name, at));
            }
        }
        if plain(&cache.id) && cache.id.starts_with(current) {
            ids.push((cache.id.clone(), at));
        }
    }
    names.sort_unstable();
    ids.sort_unstable();
    let mut help = String::new();
    let mut offered = Vec::with_capacity(names.len() + ids.len());
    for (value, at) in names.iter().chain(&ids) {
        let cache = &caches[*at];
        help.clear();
        for part in [&cache.catalog, "/", &cache.schema, ".", &cache.table] {
            help.push_str(part);
        }
        if !cache.status.is_empty() {
            help.push_str(", ");
            help.push_str(&cache.status);
        }
        offered.push(described(value, &help));
    }
    offered
}

/// `--catalog`: the catalogs of the project's caches.
fn catalogs(line: &Line, current: &str) -> Vec<CompletionCandidate> {
    counted(listed(line).iter().map(|c| c.catalog.clone()), current)
}

/// `--schema`: the schemas of the project's caches, of the catalog typed.
fn schemas(line: &Line, current: &str) -> Vec<CompletionCandidate> {
    let catalog = line.flag("catalog");
    let caches = listed(line);
    let chosen = caches
        .iter()
        .filter(|c| catalog.as_ref().is_none_or(|k| *k == c.catalog));
    counted(chosen.map(|c| c.schema.clone()), current)
}

/// Each value once, sorted, described by how many caches it has.
fn counted(values: impl Iterator<Item = String>, current: &str) -> Vec<CompletionCandidate> {
    let mut count = std::collections::BTreeMap::new();
    for value in values {
        *count.entry(value).or_insert(0) += 1;
    }
    count
        .iter()
        .filter_map(|(value, n)| {
            let help = match n {
                1 => "1 cache".to_string(),
                n => format!("{n} caches"),
            };
            candidate(value, &help, current)
        })
        .collect()
}

/// `--project`: the projects the config file names, at its top and in its
/// profiles.
fn projects(line: &Line, current: &str) -> Vec<CompletionCandidate> {
    let Some(file) = config::try_load(line.global.config.as_deref(), &env) else {
        return Vec::new();
    };
    let mut named: Vec<(String, Vec<String>)> = Vec::new();
    let top = file
        .top
        .project
        .iter()
        .map(|p| (p, "config file".to_string()));
    let profiles = file.profiles.iter().filter_map(|(name, layer)| {
        let project = layer.project.as_ref()?;
        Some((project, format!("profile {name}")))
    });
    for (project, source) in top.chain(profiles) {
        match named.iter_mut().find(|(p, _)| p == project) {
            Some((_, sources)) => sources.push(source),
            None => named.push((project.clone(), vec![source])),
        }
    }
    named.sort();
    named
        .iter()
        .filter_map(|(project, sources)| candidate(project, &sources.join(", "), current))
        .collect()
}

/// `--profile`: the config file's profiles, each with its project.
fn profiles(line: &Line, current: &str) -> Vec<CompletionCandidate> {
    let Some(file) = config::try_load(line.global.config.as_deref(), &env) else {
        return Vec::new();
    };
    file.profiles
        .iter()
        .filter_map(|(name, layer)| {
            let help = layer
                .project
                .as_ref()
                .map(|p| format!("project {p}"))
                .unwrap_or_default();
            candidate(name, &help, current)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `command path: arg ID` of every argument with a completer.
    fn completed(command: &clap::Command, path: &str, found: &mut Vec<String>) {
        for arg in command.get_arguments() {
            if arg.get::<ArgValueCompleter>().is_some() {
                found.push(format!("{path}:{}", arg.get_id()));
            }
        }
        for sub in command.get_subcommands() {
            let path = format!("{path} {}", sub.get_name()).trim().to_string();
            completed(sub, &path, found);
        }
    }

    #[test]
    fn the_completers_are_on_every_flag_that_names_a_cache_project_or_profile() {
        let mut found = Vec::new();
        let mut cli = super::super::cli();
        cli.build();
        completed(&cli, "", &mut found);
        for expected in [
            ":profile",
            "cache status:cache",
            "cache status:cache_arg",
            "cache cancel-full-refresh:cache_args",
            "cache status:project",
            "cache status:profile",
            "cache history:cache",
            "cache refresh:cache",
            "cache wait:cache",
            "cache cancel-full-refresh:cache",
            "cache cancel-incremental:cache",
            "cache cancel-incremental:catalog",
            "cache list:catalog",
            "cache list:schema",
            "auth login:project",
        ] {
            assert!(found.iter().any(|f| f == expected), "{expected}: {found:?}");
        }
        assert!(!found.iter().any(|f| f.ends_with(":zone")), "{found:?}");
    }

    #[test]
    fn a_positional_cache_completes_caches() {
        let positional = |name: &'static str| clap::Arg::new("target").value_name(name);
        let command = clap::Command::new("x")
            .arg(positional("CACHE"))
            .subcommand(clap::Command::new("y").arg(positional("CACHES").num_args(1..)))
            .subcommand(clap::Command::new("z").arg(positional("FILE")));
        let mut found = Vec::new();
        completed(&attach(command), "", &mut found);
        assert_eq!(found, [":target", "y:target"]);
    }

    #[test]
    fn only_plain_values_are_offered() {
        for good in [
            "public.orders",
            "pg-1/public.orders",
            "960bd651-7b3c",
            "é",
            "販売.注文履歴",
            "sales.🎉party",
        ] {
            assert!(plain(good), "{good}");
        }
        for bad in [
            "",
            "a b",
            "it's",
            "$(x)",
            "a\nb",
            "a:b",
            "a\"b",
            "a\u{a0}b",
            "a\u{200b}b",
        ] {
            assert!(!plain(bad), "{bad}");
        }
    }
}
