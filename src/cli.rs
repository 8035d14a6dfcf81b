//! The command line. Doc comments here are the help text.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::exit::EXIT_CODES_HELP;

#[derive(Parser, Debug)]
#[command(
    name = "peaka",
    version,
    about = "Command-line tool for Peaka's data-cache API",
    after_help = EXIT_CODES_HELP,
    propagate_version = true
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
        value_name = "KEY",
        allow_hyphen_values = true,
        conflicts_with = "api_key_file"
    )]
    pub api_key: Option<String>,

    /// Read the API key from a file (`-` reads standard input)
    #[arg(long, global = true, value_name = "PATH")]
    pub api_key_file: Option<PathBuf>,

    /// Peaka zone: us or eu [env: PEAKA_ZONE] [default: us]
    #[arg(long, global = true, value_name = "ZONE")]
    pub zone: Option<String>,

    /// API base URL, overriding the zone (https, or http to a loopback host)
    /// [env: PEAKA_BASE_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,

    /// Profile of the config file to use [env: PEAKA_PROFILE]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Config file [env: PEAKA_CONFIG] [default: <config dir>/peaka/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Output format [env: PEAKA_OUTPUT] [default: human]
    #[arg(short, long, global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<Format>,

    /// Print only results and errors
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Print one line per HTTP exchange on stderr
    #[arg(short, long, global = true)]
    pub verbose: bool,

    /// Print the request that would be sent, and send nothing
    #[arg(long, global = true)]
    pub dry_run: bool,

    /// Never colour the output (NO_COLOR is honoured too)
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Time limit for each HTTP request, e.g. 30s [default: 30s]
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_duration)]
    pub request_timeout: Option<Duration>,

    /// How many times to retry a request that failed transiently [default: 3]
    #[arg(long, global = true, value_name = "N")]
    pub retries: Option<u32>,
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
    /// Work with caches
    #[command(subcommand)]
    Cache(CacheCommand),
    /// Show the effective configuration
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Subcommand, Debug)]
pub enum CacheCommand {
    /// Cancel the running full refresh of a cache
    #[command(after_help = EXIT_CODES_HELP)]
    CancelFullRefresh(CancelArgs),
    /// Cancel the running incremental sync of a cache
    #[command(after_help = EXIT_CODES_HELP)]
    CancelIncremental(CancelArgs),
    /// Show the status of a cache and its last executions
    Status(StatusArgs),
}

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Every effective setting and where it came from
    Show,
    /// The config file that would be read
    Path,
}

#[derive(Args, Debug, Clone)]
pub struct Target {
    /// Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]
    #[arg(short, long, value_name = "ID")]
    pub project: Option<String>,

    /// Cache ID (a UUID)
    #[arg(short, long, value_name = "ID")]
    pub cache: String,
}

#[derive(Args, Debug, Clone)]
pub struct CancelArgs {
    #[command(flatten)]
    pub target: Target,

    /// Succeed (exit 0) when nothing is running
    #[arg(long)]
    pub if_running: bool,

    /// Wait until the execution is really cancelled, or ends otherwise
    #[arg(long)]
    pub wait: bool,

    /// Give up waiting after this long, e.g. 10m [default: 10m]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, requires = "wait")]
    pub timeout: Option<Duration>,

    /// Longest pause between status reads, at least 200ms [default: 5s]
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, requires = "wait")]
    pub interval: Option<Duration>,
}

#[derive(Args, Debug, Clone)]
pub struct StatusArgs {
    #[command(flatten)]
    pub target: Target,

    /// Include the cache's action logs
    #[arg(long)]
    pub logs: bool,
}

/// Parses `500ms`, `30s`, `10m`, `1h` (a number, decimals allowed, and a unit).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .ok_or_else(|| format!("`{text}` has no unit: use ms, s, m or h, e.g. 30s"))?;
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration: use e.g. 500ms, 30s, 10m, 1h"))?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" => value * 60.0,
        "h" => value * 3600.0,
        _ => return Err(format!("unknown unit `{unit}`: use ms, s, m or h")),
    };
    Duration::try_from_secs_f64(seconds).map_err(|_| format!("`{text}` is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

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
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        for bad in ["", "10", "s", "10x", "1..2s", "-1s"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
