//! The command line. Doc comments here are the help text.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{
    ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum, ValueHint,
};

use crate::action::Action;
use crate::api::ExecutionKind;
use crate::exit::exit_codes;

/// The heading of the options every command takes.
const GLOBAL: &str = "Global options";

#[derive(Parser, Debug)]
#[command(
    name = "peaka",
    version = concat!(env!("CARGO_PKG_VERSION"), " (", env!("PEAKA_BUILD"), ")"),
    about = "Command-line tool for Peaka's data-cache API",
    after_help = concat!(
        "Examples:\n",
        "  peaka cache list -p mtKDhe1U\n",
        "  peaka cache cancel-full-refresh -p mtKDhe1U -c \"$CACHE\" --wait\n",
        "  peaka config show\n\n",
        exit_codes!()
    ),
    propagate_version = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before or after any subcommand. Environment variables and
/// the config file are read in `config.rs`, which decides precedence.
#[derive(Args, Debug, Default, Clone)]
pub struct Global {
    /// API key [env: PEAKA_API_KEY]. Visible to other local users in the
    /// process list: prefer PEAKA_API_KEY or --api-key-file
    #[arg(
        long,
        global = true,
        help_heading = GLOBAL,
        value_hint = ValueHint::Other,
        value_name = "KEY",
        allow_hyphen_values = true,
        conflicts_with = "api_key_file"
    )]
    pub api_key: Option<String>,

    /// Read the API key from a file (`-` reads standard input)
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub api_key_file: Option<PathBuf>,

    /// Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "ZONE", value_parser = ZoneNames)]
    pub zone: Option<String>,

    /// API base URL, overriding the zone (https, or http to a loopback host)
    /// [env: PEAKA_BASE_URL]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "URL", value_hint = ValueHint::Url)]
    pub base_url: Option<String>,

    /// Also trust the CA certificates in this PEM file, e.g. a company's
    /// TLS-inspecting proxy [env: PEAKA_CA_CERT]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub ca_cert: Option<PathBuf>,

    /// Profile of the config file to use [env: PEAKA_PROFILE]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "NAME", value_hint = ValueHint::Other)]
    pub profile: Option<String>,

    /// Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub config: Option<PathBuf>,

    /// Output format [env: PEAKA_OUTPUT] [default: human]
    #[arg(short, long, global = true, help_heading = GLOBAL, value_enum, value_name = "FORMAT")]
    pub output: Option<Format>,

    /// Print only results and errors
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,

    /// Print one line per HTTP exchange on stderr
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub verbose: bool,

    /// Print the request that would be sent, and send nothing
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub dry_run: bool,

    /// Never colour the output (NO_COLOR is honoured too)
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub no_color: bool,

    /// Time limit for each HTTP request, from connect to the last byte, e.g.
    /// 30s [default: 30s]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "DURATION", value_parser = parse_positive, value_hint = ValueHint::Other)]
    pub request_timeout: Option<Duration>,

    /// How many times to retry a request that failed transiently, 0-100
    /// [default: 3]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub retries: Option<u32>,
}

/// What a command line says even when it does not parse: the global
/// options clap could read and the action it names, for the failure document.
pub struct Early {
    pub global: Global,
    pub action: Action,
}

impl Early {
    pub fn parse(args: &[OsString]) -> Early {
        let mut command = Cli::command();
        command.build();
        // Options that no command on the line's path knows are dropped in
        // one pass, so that the options after them are still read, in time
        // linear in the line's length.
        let mut args = known_only(&command, args);
        // What the pass let through (an option known but misplaced): a few
        // more rounds dropping what clap names, then a lenient parse.
        let mut rounds = 0;
        let matches = loop {
            let err = match Cli::command().try_get_matches_from(&args) {
                Ok(matches) => break Some(matches),
                Err(err) => err,
            };
            rounds += 1;
            match unknown_position(&err, &args).filter(|_| rounds <= EARLY_ROUNDS) {
                Some(at) => {
                    args.remove(at);
                }
                None => {
                    break Cli::command()
                        .ignore_errors(true)
                        .try_get_matches_from(&args)
                        .ok()
                }
            }
        };
        Early {
            global: matches
                .as_ref()
                .and_then(|m| Global::from_arg_matches(m).ok())
                .unwrap_or_default(),
            action: matches.as_ref().map_or(Action::Usage, action_of),
        }
    }
}

/// How many unknown arguments the early parse drops one by one.
const EARLY_ROUNDS: usize = 8;

/// Where the argument that clap found unknown is.
fn unknown_position(err: &clap::Error, args: &[OsString]) -> Option<usize> {
    match err.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(bad)) if err.kind() == ErrorKind::UnknownArgument => {
            let with_value = format!("{bad}=");
            args.iter().position(|a| {
                let a = a.to_string_lossy();
                a == bad.as_str() || a.starts_with(&with_value)
            })
        }
        _ => None,
    }
}

/// The command line without the options that the command it names (and
/// the commands above it) do not know; values and everything after `--`
/// are kept as they are. One pass.
fn known_only(root: &clap::Command, args: &[OsString]) -> Vec<OsString> {
    let mut kept = Vec::with_capacity(args.len());
    // The commands named so far, the root first.
    let mut path = vec![root];
    // The program's name, then: is the next argument a value, or after `--`?
    let (mut value_next, mut verbatim) = (true, false);
    for arg in args {
        let text = arg.to_string_lossy();
        let known = if value_next || verbatim {
            value_next = false;
            Some(false)
        } else if text == "--" {
            verbatim = true;
            Some(false)
        } else if let Some(long) = text.strip_prefix("--") {
            known_long(&path, long)
        } else if let Some(shorts) = text.strip_prefix('-').filter(|s| !s.is_empty()) {
            known_shorts(&path, shorts)
        } else {
            let current = path[path.len() - 1];
            if let Some(sub) = current.find_subcommand(text.as_ref()) {
                path.push(sub);
            }
            Some(false)
        };
        if let Some(takes_next) = known {
            value_next = takes_next;
            kept.push(arg.clone());
        }
    }
    kept
}

/// The option `matches` finds: the current command's own, or a global
/// one of a command above it.
fn find_arg<'a>(
    path: &[&'a clap::Command],
    matches: impl Fn(&clap::Arg) -> bool,
) -> Option<&'a clap::Arg> {
    let (current, above) = path.split_last()?;
    current.get_arguments().find(|a| matches(a)).or_else(|| {
        above
            .iter()
            .flat_map(|c| c.get_arguments())
            .find(|a| a.is_global_set() && matches(a))
    })
}

/// `--name` or `--name=value`: `None` when unknown, else whether the next
/// argument is its value.
fn known_long(path: &[&clap::Command], long: &str) -> Option<bool> {
    let (name, inline) = match long.split_once('=') {
        Some((name, _)) => (name, true),
        None => (long, false),
    };
    let arg = find_arg(path, |a| {
        a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|v| v.contains(&name))
    })?;
    Some(!inline && arg.get_action().takes_values())
}

/// `-abc` or `-ovalue`: `None` when a letter is unknown, else whether the
/// next argument is the value of the last one.
fn known_shorts(path: &[&clap::Command], shorts: &str) -> Option<bool> {
    for (at, c) in shorts.char_indices() {
        let arg = find_arg(path, |a| {
            a.get_short() == Some(c) || a.get_all_short_aliases().is_some_and(|v| v.contains(&c))
        })?;
        if arg.get_action().takes_values() {
            return Some(at + c.len_utf8() == shorts.len());
        }
    }
    Some(false)
}

/// The action a command line names, by its subcommands.
fn action_of(matches: &ArgMatches) -> Action {
    let mut names = Vec::new();
    let mut current = matches;
    while let Some((name, sub)) = current.subcommand() {
        names.push(name);
        current = sub;
    }
    Action::named(&names)
}

/// Splits clap's rendered error (without its `error: `) into the message,
/// every line of it but the usage block and the `--help` pointer, and the
/// tip, if clap gave one.
pub fn split_usage_error(text: &str) -> (String, Option<String>) {
    let mut message = Vec::new();
    let mut tips = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("Usage:") || trimmed.starts_with("For more information") {
            break;
        }
        match trimmed.strip_prefix("tip:") {
            Some(tip) => tips.push(tip.trim().to_string()),
            None if trimmed.is_empty() => {}
            None => message.push(trimmed.to_string()),
        }
    }
    let hint = (!tips.is_empty()).then(|| tips.join("; "));
    (message.join(" "), hint)
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    /// One JSON object per line: events while waiting, then the result
    Ndjson,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        Format::from_str(text, true).ok()
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Json => "json",
            Format::Ndjson => "ndjson",
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Work with caches: list, status, history, refresh, wait, cancel
    #[command(subcommand, arg_required_else_help = true, after_help = concat!(
        "Examples:\n",
        "  peaka cache list -p mtKDhe1U --status full:RUNNING\n",
        "  peaka cache status -p mtKDhe1U -c \"$CACHE\"\n",
        "  peaka cache cancel-full-refresh -p mtKDhe1U -c \"$CACHE\" --wait"
    ))]
    Cache(CacheCommand),
    /// Show the effective configuration
    #[command(subcommand, after_help = concat!(
        "Examples:\n",
        "  peaka config show\n",
        "  peaka config path"
    ))]
    Config(ConfigCommand),
    /// Save an API key for peaka, see where it comes from, or remove it
    #[command(subcommand, after_help = concat!(
        "Examples:\n",
        "  peaka auth login -p mtKDhe1U\n",
        "  peaka auth status\n",
        "  pass show peaka | peaka auth login --profile ci   # piped: no prompt"
    ))]
    Auth(AuthCommand),
    /// Print a shell completion script
    #[command(after_help = concat!(
        "Examples:\n",
        "  peaka completions bash > ~/.local/share/bash-completion/completions/peaka\n",
        "  peaka completions zsh > \"${fpath[1]}/_peaka\""
    ))]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

impl Command {
    pub fn action(&self) -> Action {
        match self {
            Command::Cache(command) => command.action(),
            Command::Config(ConfigCommand::Show) => Action::ConfigShow,
            Command::Config(ConfigCommand::Path) => Action::ConfigPath,
            Command::Auth(AuthCommand::Login(_)) => Action::AuthLogin,
            Command::Auth(AuthCommand::Status(_)) => Action::AuthStatus,
            Command::Auth(AuthCommand::Logout) => Action::AuthLogout,
            Command::Completions { .. } => Action::Completions,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum CacheCommand {
    /// List the caches of a project, a catalog or a schema, with their status
    #[command(after_help = concat!(
        "Examples:\n",
        "  peaka cache list -p mtKDhe1U\n",
        "  peaka cache list -p mtKDhe1U --catalog pg1 --status full:RUNNING\n",
        "  peaka cache list -p mtKDhe1U -o json | jq -r '.caches[].tableName'\n",
        "  peaka cache list -p mtKDhe1U --status RUNNING | cut -f1   # tab-separated"
    ))]
    List(ListArgs),
    /// Show the status of a cache and its last executions
    #[command(after_help = concat!(
        "Examples:\n",
        "  peaka cache status -p mtKDhe1U -c \"$CACHE\"\n",
        "  peaka cache status -p mtKDhe1U -c \"$CACHE\" --logs\n",
        "  peaka cache status -p mtKDhe1U -c \"$CACHE\" -o json \\\n",
        "    | jq -r .status.lastFullRefreshCacheExecution.status"
    ))]
    Status(StatusArgs),
    /// Show the past executions of a cache, newest first
    #[command(after_help = concat!(
        "Examples:\n",
        "  peaka cache history -p mtKDhe1U -c \"$CACHE\"\n",
        "  peaka cache history -p mtKDhe1U -c \"$CACHE\" --all -o json \\\n",
        "    | jq '[.executions[] | select(.status == \"FAILED\")] | length'"
    ))]
    History(HistoryArgs),
    /// Start a full refresh or an incremental sync, and optionally wait for it
    #[command(after_help = concat!(
        "Examples:\n",
        "  peaka cache refresh -p mtKDhe1U -c \"$CACHE\" --full\n",
        "  peaka cache refresh -p mtKDhe1U -c \"$CACHE\" --incremental --wait\n",
        "  peaka cache refresh -p mtKDhe1U -c \"$CACHE\" --full --wait --timeout 1h -q\n\n",
        exit_codes!()
    ))]
    Refresh(RefreshArgs),
    /// Wait until an execution of a cache reaches a state; sends nothing
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
    Wait(WaitArgs),
    /// Cancel the running full refresh of one cache or many
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
    CancelFullRefresh(CancelArgs),
    /// Cancel the running incremental sync of one cache or many
    #[command(after_help = concat!(
        "Examples:\n",
        "  peaka cache cancel-incremental -p mtKDhe1U -c \"$CACHE\"\n",
        "  peaka cache cancel-incremental -p mtKDhe1U -c \"$CACHE\" --wait\n",
        "  peaka cache cancel-incremental -p mtKDhe1U --all-running --yes -o json \\\n",
        "    | jq .summary\n\n",
        exit_codes!()
    ))]
    CancelIncremental(CancelArgs),
}

impl CacheCommand {
    pub fn action(&self) -> Action {
        match self {
            CacheCommand::List(_) => Action::List,
            CacheCommand::Status(_) => Action::Status,
            CacheCommand::History(_) => Action::History,
            CacheCommand::Refresh(_) => Action::Refresh,
            CacheCommand::Wait(_) => Action::Wait,
            CacheCommand::CancelFullRefresh(_) => Action::CancelFullRefresh,
            CacheCommand::CancelIncremental(_) => Action::CancelIncremental,
        }
    }

    /// The `--project` flag, if given.
    pub fn project(&self) -> Option<&str> {
        match self {
            CacheCommand::List(a) => a.project.as_deref(),
            CacheCommand::Status(StatusArgs { target, .. })
            | CacheCommand::History(HistoryArgs { target, .. })
            | CacheCommand::Refresh(RefreshArgs { target, .. })
            | CacheCommand::Wait(WaitArgs { target, .. }) => target.project.as_deref(),
            CacheCommand::CancelFullRefresh(a) | CacheCommand::CancelIncremental(a) => {
                a.project.as_deref()
            }
        }
    }

    /// The one cache the command names, if it names exactly one.
    pub fn cache(&self) -> Option<&str> {
        match self {
            CacheCommand::List(_) => None,
            CacheCommand::Status(StatusArgs { target, .. })
            | CacheCommand::History(HistoryArgs { target, .. })
            | CacheCommand::Refresh(RefreshArgs { target, .. })
            | CacheCommand::Wait(WaitArgs { target, .. }) => Some(&target.cache),
            CacheCommand::CancelFullRefresh(a) | CacheCommand::CancelIncremental(a) => a.single(),
        }
    }
}

#[derive(Subcommand, Debug)]
#[command(arg_required_else_help = true)]
pub enum ConfigCommand {
    /// Every effective setting and where it came from
    #[command(after_help = concat!(
        "Examples:\n",
        "  peaka config show\n",
        "  peaka --profile eu-prod config show -o json | jq -r .settings.baseUrl.value"
    ))]
    Show,
    /// The config file that would be read
    #[command(
        after_help = "Examples:\n  peaka config path\n  \"${EDITOR:-vi}\" \"$(peaka config path)\""
    )]
    Path,
}

#[derive(Subcommand, Debug)]
#[command(arg_required_else_help = true)]
pub enum AuthCommand {
    /// Save an API key: read without echo on a terminal (or from standard
    /// input), checked against the API when a project is configured, kept
    /// in a file readable only by you, named in the config file
    #[command(after_help = concat!(
        "Examples:\n",
        "  peaka auth login -p mtKDhe1U\n",
        "  peaka auth login --profile eu-prod\n",
        "  printf '%s\\n' \"$KEY\" | peaka auth login"
    ))]
    Login(AuthArgs),
    /// Where the API key comes from, and whether the API accepts it
    #[command(
        after_help = "Examples:\n  peaka auth status\n  peaka auth status -p mtKDhe1U -o json"
    )]
    Status(AuthArgs),
    /// Remove the key setting from the config file, and the key file when
    /// auth login made it
    #[command(
        after_help = "Examples:\n  peaka auth logout\n  peaka auth logout --profile eu-prod"
    )]
    Logout,
}

#[derive(Args, Debug, Clone)]
pub struct AuthArgs {
    /// The project to check the key against [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]
    #[arg(short, long, value_name = "ID", value_hint = ValueHint::Other)]
    pub project: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct Target {
    /// Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]
    #[arg(short, long, value_name = "ID", value_hint = ValueHint::Other)]
    pub project: Option<String>,

    /// Cache ID (a UUID); `peaka cache list` shows them
    #[arg(short, long, value_name = "ID", value_hint = ValueHint::Other)]
    pub cache: String,
}

/// Which caches: a catalog, or one schema of it.
#[derive(Args, Debug, Clone, Default)]
pub struct Scope {
    /// Only the caches of this catalog
    #[arg(long, value_name = "ID", value_hint = ValueHint::Other)]
    pub catalog: Option<String>,

    /// Only the caches of this schema of the catalog
    #[arg(long, value_name = "NAME", requires = "catalog", value_hint = ValueHint::Other)]
    pub schema: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct ListArgs {
    /// Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]
    #[arg(short, long, value_name = "ID", value_hint = ValueHint::Other)]
    pub project: Option<String>,

    #[command(flatten)]
    pub scope: Scope,

    /// Only caches in this status: RUNNING, or full:RUNNING /
    /// incremental:RUNNING for one kind of execution; repeat for any of them
    #[arg(long, value_name = "STATUS", value_hint = ValueHint::Other)]
    pub status: Vec<String>,
}

#[derive(Args, Debug, Clone)]
pub struct StatusArgs {
    #[command(flatten)]
    pub target: Target,

    /// Include the cache's action logs
    #[arg(long)]
    pub logs: bool,
}

#[derive(Args, Debug, Clone)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub target: Target,

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
}

/// The kind of execution, as flags and values say it.
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

#[derive(Args, Debug, Clone)]
#[command(group(clap::ArgGroup::new("kind").required(true).args(["full", "incremental"])))]
pub struct RefreshArgs {
    #[command(flatten)]
    pub target: Target,

    /// Start a full refresh (drop and rebuild)
    #[arg(long)]
    pub full: bool,

    /// Start an incremental sync
    #[arg(long)]
    pub incremental: bool,

    /// Follow the new execution until it finishes
    #[arg(long)]
    pub wait: bool,

    /// Time limit for the whole run, every request and retry included, e.g.
    /// 10m [default: 10m]
    #[arg(long, value_name = "DURATION", value_parser = parse_positive, requires = "wait", value_hint = ValueHint::Other)]
    pub timeout: Option<Duration>,

    /// Longest pause between status reads, at least 200ms [default: 5s]
    #[arg(long, value_name = "DURATION", value_parser = parse_interval, requires = "wait", value_hint = ValueHint::Other)]
    pub interval: Option<Duration>,
}

impl RefreshArgs {
    pub fn kind(&self) -> ExecutionKind {
        if self.full {
            ExecutionKind::Full
        } else {
            ExecutionKind::Incremental
        }
    }
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

#[derive(Args, Debug, Clone)]
pub struct WaitArgs {
    #[command(flatten)]
    pub target: Target,

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
    #[arg(long, value_name = "ID", value_hint = ValueHint::Other)]
    pub execution: Option<String>,

    /// Time limit for the whole run, e.g. 10m [default: 10m]
    #[arg(long, value_name = "DURATION", value_parser = parse_positive, value_hint = ValueHint::Other)]
    pub timeout: Option<Duration>,

    /// Longest pause between status reads, at least 200ms [default: 5s]
    #[arg(long, value_name = "DURATION", value_parser = parse_interval, value_hint = ValueHint::Other)]
    pub interval: Option<Duration>,
}

#[derive(Args, Debug, Clone)]
pub struct CancelArgs {
    /// Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]
    #[arg(short, long, value_name = "ID", value_hint = ValueHint::Other)]
    pub project: Option<String>,

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

    /// Time limit for the whole run (each cache's, with several), every
    /// request and retry included, e.g. 10m [default: 10m]
    #[arg(long, value_name = "DURATION", value_parser = parse_positive, requires = "wait", value_hint = ValueHint::Other)]
    pub timeout: Option<Duration>,

    /// Longest pause between status reads, at least 200ms [default: 5s]
    #[arg(long, value_name = "DURATION", value_parser = parse_interval, requires = "wait", value_hint = ValueHint::Other)]
    pub interval: Option<Duration>,
}

impl CancelArgs {
    /// The one cache named, when exactly one is (and it is not `-`).
    pub fn single(&self) -> Option<&str> {
        match self.cache.as_slice() {
            [one] if one != "-" && !self.all_running => Some(one),
            _ => None,
        }
    }
}

/// `--zone`: offers the zones' names to completion and help, but leaves the
/// judging to `config.rs`, where an unknown zone is a configuration error
/// (exit 3) from whichever source it comes.
#[derive(Clone)]
struct ZoneNames;

impl TypedValueParser for ZoneNames {
    type Value = String;

    fn parse_ref(
        &self,
        _: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        Ok(value.to_string_lossy().into_owned())
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            crate::urls::ZONES
                .iter()
                .map(|(name, _)| PossibleValue::new(*name)),
        ))
    }
}

/// The longest duration any flag takes.
const LONGEST: Duration = Duration::from_secs(7 * 24 * 3600);
pub const MIN_INTERVAL: Duration = Duration::from_millis(200);

/// A duration above zero.
fn parse_positive(text: &str) -> Result<Duration, String> {
    let duration = parse_duration(text)?;
    if duration.is_zero() {
        return Err("must be more than zero".into());
    }
    Ok(duration)
}

fn parse_interval(text: &str) -> Result<Duration, String> {
    let duration = parse_duration(text)?;
    if duration < MIN_INTERVAL {
        return Err("must be at least 200ms".into());
    }
    Ok(duration)
}

/// Parses `500ms`, `30s`, `10m`, `1h`, and compound forms such as `1m30s`
/// or `1h 5m` (humantime's syntax), up to 7 days.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let duration = humantime::parse_duration(text).map_err(|e| {
        format!("`{text}` is not a duration ({e}): write e.g. 500ms, 30s, 10m, 1m30s, 1h")
    })?;
    if duration > LONGEST {
        return Err(format!("`{text}` is too long: at most 7 days (168h)"));
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn early(args: &[&str]) -> Early {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        Early::parse(&args)
    }

    #[test]
    fn what_a_broken_command_line_still_says() {
        let e = early(&[
            "peaka",
            "cache",
            "cancel-full-refresh",
            "-qo",
            "json",
            "-p",
            "x",
        ]);
        assert_eq!(e.global.output, Some(Format::Json));
        assert!(e.global.quiet);
        assert_eq!(e.action, Action::CancelFullRefresh);
        let e = early(&["peaka", "-ojson", "cache", "status", "--bogus"]);
        assert_eq!(
            (e.global.output, e.action),
            (Some(Format::Json), Action::Status)
        );
        let e = early(&[
            "peaka",
            "cache",
            "status",
            "--bogus=1",
            "-x",
            "-o",
            "ndjson",
        ]);
        assert_eq!(
            (e.global.output, e.action),
            (Some(Format::Ndjson), Action::Status)
        );
        let e = early(&[
            "peaka",
            "--api-key",
            "k-secret",
            "cache",
            "nope",
            "--output=ndjson",
        ]);
        assert_eq!(e.global.api_key.as_deref(), Some("k-secret"));
        assert_eq!(e.action, Action::Usage);
        let e = early(&[
            "peaka",
            "config",
            "show",
            "--config",
            "/x.toml",
            "--profile",
            "p",
        ]);
        assert_eq!(e.global.config, Some(PathBuf::from("/x.toml")));
        assert_eq!(e.action, Action::ConfigShow);
    }

    #[test]
    fn unknown_options_by_the_thousand_are_dropped_in_one_pass() {
        let mut many = vec!["peaka".to_string(), "cache".into(), "list".into()];
        many.extend((0..3000).map(|i| format!("--x{i}")));
        many.extend(["-qz".into(), "--api-key".into(), "--odd-key".into()]);
        many.extend(["-o".into(), "json".into()]);
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let e = early(&many);
        assert_eq!(
            (e.global.output, e.action),
            (Some(Format::Json), Action::List)
        );
        assert_eq!(e.global.api_key.as_deref(), Some("--odd-key"));
    }

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("peaka").chain(args.iter().copied()))
    }

    #[test]
    fn flags_parse_before_or_after_the_subcommand() {
        let cli = parse(&[
            "-q",
            "cache",
            "cancel-full-refresh",
            "-c",
            "x",
            "--retries",
            "0",
            "-ojson",
        ])
        .unwrap();
        assert!(cli.global.quiet);
        assert_eq!(
            (cli.global.retries, cli.global.output),
            (Some(0), Some(Format::Json))
        );
        let Command::Cache(CacheCommand::CancelFullRefresh(args)) = cli.command else {
            panic!("not a cancel");
        };
        assert_eq!((args.single(), args.project.as_deref()), (Some("x"), None));
        assert!(!args.wait && args.timeout.is_none());
    }

    #[test]
    fn wait_options_need_wait_and_sane_values() {
        let cancel = ["cache", "cancel-incremental", "-c", "x"];
        let with = |extra: &[&str]| parse(&[&cancel[..], extra].concat());
        let ok = with(&["--wait", "--timeout", "90s", "--interval", "200ms"]).unwrap();
        let Command::Cache(CacheCommand::CancelIncremental(args)) = ok.command else {
            panic!("not a cancel");
        };
        assert_eq!(args.timeout, Some(Duration::from_secs(90)));
        assert_eq!(args.interval, Some(MIN_INTERVAL));
        for bad in [
            &["--timeout", "5s"][..],
            &["--wait", "--interval", "100ms"],
            &["--wait", "--timeout", "0s"],
            &["--request-timeout", "8d"],
            &["--retries", "101"],
            &["--output", "yaml"],
        ] {
            assert!(with(bad).is_err(), "{bad:?}");
        }
        assert!(parse(&["cache", "status"]).is_err(), "--cache is required");
        assert!(parse(&[
            "cache",
            "status",
            "-c",
            "x",
            "--api-key",
            "a",
            "--api-key-file",
            "f"
        ])
        .is_err());
    }

    #[test]
    fn usage_errors_keep_every_line_but_the_usage() {
        let args = ["peaka", "cache", "cancel-full-refresh", "-p", "x", "--wiat"];
        let err = Cli::try_parse_from(args).unwrap_err();
        let text = err.render().to_string();
        let (message, hint) = split_usage_error(text.trim_start_matches("error: "));
        assert!(message.contains("--wiat"), "{message}");
        assert!(!message.contains("Usage"), "{message}");
        assert!(hint.unwrap().contains("--wait"), "{text}");
        let err = Cli::try_parse_from(["peaka", "cache", "cancel-full-refresh"]).unwrap_err();
        let text = err.render().to_string();
        let (message, _) = split_usage_error(text.trim_start_matches("error: "));
        assert!(message.contains("--cache <ID>"), "{message}");
    }

    /// One page per command, its examples and exit codes kept as written
    /// (clap_mangen would fill them into paragraphs).
    fn man_pages(cmd: &clap::Command, dir: &std::path::Path) {
        for sub in cmd.get_subcommands() {
            man_pages(sub, dir);
        }
        let man = clap_mangen::Man::new(cmd.clone());
        let mut page = Vec::new();
        man.render_title(&mut page).unwrap();
        man.render_name_section(&mut page).unwrap();
        man.render_synopsis_section(&mut page).unwrap();
        man.render_description_section(&mut page).unwrap();
        man.render_options_section(&mut page).unwrap();
        if cmd.has_subcommands() {
            man.render_subcommands_section(&mut page).unwrap();
        }
        let after = cmd
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        let (examples, codes) = match after.split_once("\n\nExit codes:\n") {
            Some((examples, codes)) => (examples.to_string(), Some(codes.to_string())),
            None => (after, None),
        };
        let verbatim = |title: &str, text: &str| {
            let text = text.replace('\\', "\\e").replace("\n.", "\n\\&.");
            format!(".SH \"{title}\"\n.nf\n{}\n.fi\n", text.trim_end())
        };
        let examples = examples.trim_start_matches("Examples:\n");
        if !examples.is_empty() {
            page.extend(verbatim("EXAMPLES", examples).into_bytes());
        }
        if let Some(codes) = codes {
            page.extend(verbatim("EXIT STATUS", &codes).into_bytes());
        }
        man.render_version_section(&mut page).unwrap();
        std::fs::write(dir.join(man.get_filename()), page).unwrap();
    }

    /// `PEAKA_WRITE_MAN=1 cargo test` writes `man/` anew.
    #[test]
    fn the_man_pages_are_the_generated_ones() {
        let kept = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/man"));
        let fresh = tempfile::tempdir().unwrap();
        // The plain version: pages do not change with every commit.
        let mut cli = Cli::command()
            .disable_help_subcommand(true)
            .version(env!("CARGO_PKG_VERSION"));
        cli.build();
        man_pages(&cli, fresh.path());
        let names = |dir: &std::path::Path| -> Vec<String> {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .map(|d| {
                    d.filter_map(|e| e.ok()?.file_name().into_string().ok())
                        .collect()
                })
                .unwrap_or_default();
            names.sort();
            names
        };
        if std::env::var_os("PEAKA_WRITE_MAN").is_some() {
            let _ = std::fs::remove_dir_all(kept);
            std::fs::create_dir_all(kept).unwrap();
            for name in names(fresh.path()) {
                std::fs::copy(fresh.path().join(&name), kept.join(&name)).unwrap();
            }
        }
        let generated = names(fresh.path());
        assert!(generated.contains(&"peaka-cache-cancel-full-refresh.1".to_string()));
        assert_eq!(
            names(kept),
            generated,
            "man/ is stale: run PEAKA_WRITE_MAN=1 cargo test"
        );
        for name in generated {
            let read = |dir: &std::path::Path| std::fs::read_to_string(dir.join(&name)).unwrap();
            assert!(
                read(kept) == read(fresh.path()),
                "man/{name} is stale: run PEAKA_WRITE_MAN=1 cargo test"
            );
        }
    }

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1h 5m"), Ok(Duration::from_secs(3900)));
        assert_eq!(parse_duration("168h"), Ok(LONGEST));
        for bad in [
            "",
            "10",
            "s",
            "10x",
            "1..2s",
            "-1s",
            "169h",
            "5000000000000000h",
            "1e400s",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert!(parse_positive("0s").is_err());
        assert!(parse_interval("199ms").is_err());
        assert_eq!(parse_interval("200ms"), Ok(MIN_INTERVAL));
    }
}
