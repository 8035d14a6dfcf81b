//! The command line's shared parts: the global options, the flags several
//! commands take (flattened into each), the parsers of their values, and
//! the lenient reading of a line that does not parse. Each command's own
//! arguments are in its file under `commands/`. Doc comments are the help.

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, ValueHint};

mod early;

pub use early::{split_usage_error, Early};

use crate::api;
use crate::config::Flags;
use crate::exit::Failure;
use crate::output::Format;

/// The heading of the options every command takes.
pub const GLOBAL: &str = "Global options";

/// Options accepted before or after any subcommand. Environment variables and
/// the config file are read in `config.rs`, which decides precedence.
#[derive(Args, Debug, Default, Clone)]
pub struct Global {
    /// API key (others see it in ps: prefer PEAKA_API_KEY)
    ///
    /// [env: PEAKA_API_KEY]. A flag's value is visible to other local users
    /// in the process list: prefer PEAKA_API_KEY or --api-key-file.
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

    /// API base URL, overriding the zone [env: PEAKA_BASE_URL]
    ///
    /// https, or http to a loopback host.
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "URL", value_hint = ValueHint::Url)]
    pub base_url: Option<String>,

    /// Also trust these CA certificates (PEM) [env: PEAKA_CA_CERT]
    ///
    /// Those of a company's TLS-inspecting proxy, for example.
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub ca_cert: Option<PathBuf>,

    /// Profile of the config file to use [env: PEAKA_PROFILE]
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "NAME", value_hint = ValueHint::Other)]
    pub profile: Option<String>,

    /// Config file [env: PEAKA_CONFIG]
    ///
    /// [default: <config dir>/peaka/config.toml]; `peaka config path` prints it.
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub config: Option<PathBuf>,

    /// Output format: human, json or ndjson [env: PEAKA_OUTPUT]
    ///
    /// [default: human]
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

    /// Time limit for each HTTP request, e.g. 30s [default: 30s]
    ///
    /// From connect to the last byte.
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "DURATION", value_parser = parse_positive, value_hint = ValueHint::Other)]
    pub request_timeout: Option<Duration>,

    /// Retries of a transiently failed request, 0-100 [default: 3]
    ///
    /// Connect failures, timeouts, dropped connections, 429, 500, 502, 503
    /// and 504, backing off with jitter.
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub retries: Option<u32>,
}

impl Global {
    /// What the settings take from the command line.
    pub fn flags(&self) -> Flags {
        Flags {
            api_key: self.api_key.clone(),
            api_key_file: self.api_key_file.clone(),
            zone: self.zone.clone(),
            base_url: self.base_url.clone(),
            ca_cert: self.ca_cert.clone(),
            profile: self.profile.clone(),
            output: self.output,
            request_timeout: self.request_timeout,
            retries: self.retries,
        }
    }
}

/// `--project`, for every command that works on a project.
#[derive(Args, Debug, Clone, Default)]
pub struct ProjectArg {
    /// Project ID, e.g. mtKDhe1U [env: PEAKA_PROJECT, PEAKA_PROJECT_ID]
    #[arg(short, long, value_name = "ID", value_hint = ValueHint::Other)]
    pub project: Option<String>,
}

/// The one cache a command works on, and its project: `--cache` or the
/// positional, exactly one of them.
#[derive(Args, Debug, Clone)]
#[command(group(clap::ArgGroup::new("one_cache").required(true).args(["cache", "cache_arg"])))]
pub struct CacheTarget {
    #[command(flatten)]
    pub project: ProjectArg,

    /// Cache: its ID, a unique start of its ID (8 or more hex digits), or
    /// its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE
    ///
    /// A part that holds `.` or `/` is written in double quotes:
    /// "my.schema".orders. A name is looked up when the command runs, with
    /// one read of the list; `peaka cache list` shows the caches.
    #[arg(short, long, value_name = "CACHE", value_hint = ValueHint::Other)]
    pub cache: Option<String>,

    /// The cache, as --cache takes it
    #[arg(value_name = "CACHE", conflicts_with = "cache", value_hint = ValueHint::Other)]
    pub cache_arg: Option<String>,
}

impl CacheTarget {
    pub fn project(&self) -> Option<&str> {
        self.project.project.as_deref()
    }

    /// The cache as typed, by the flag or the positional.
    pub fn typed(&self) -> &str {
        self.cache
            .as_deref()
            .or(self.cache_arg.as_deref())
            .unwrap_or_default()
    }
}

/// The caches a command on many works on: `--cache`, repeated or `-`, and
/// the positional.
#[derive(Args, Debug, Clone, Default)]
pub struct CacheList {
    /// Cache: its ID, a unique start of its ID (8 or more hex digits), or
    /// its name: TABLE, SCHEMA.TABLE or CATALOG/SCHEMA.TABLE; repeat for
    /// several, or `-` to read them from standard input, one a line
    ///
    /// A part that holds `.` or `/` is written in double quotes:
    /// "my.schema".orders. Every name is looked up with one read of the
    /// list, before anything is sent. Standard input may hold at most 64
    /// MiB and 100,000 caches; more is a usage error, before anything is
    /// sent.
    #[arg(short, long, value_name = "CACHE")]
    pub cache: Vec<String>,

    /// Caches, as --cache takes them (with its values)
    #[arg(value_name = "CACHE", value_hint = ValueHint::Other)]
    pub cache_args: Vec<String>,
}

impl CacheList {
    /// Every cache named, by the flag and then the positional.
    pub fn named(&self) -> impl Iterator<Item = &String> {
        self.cache.iter().chain(&self.cache_args)
    }

    /// The one cache named, when exactly one is (and it is not `-`).
    pub fn single(&self) -> Option<&str> {
        let mut named = self.named();
        match (named.next(), named.next()) {
            (Some(one), None) if one != "-" => Some(one),
            _ => None,
        }
    }
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

impl Scope {
    /// Checks the IDs before anything is sent.
    pub fn check(&self) -> Result<(), Failure> {
        if let Some(catalog) = &self.catalog {
            api::check_segment("catalog ID", catalog)?;
        }
        if let Some(schema) = &self.schema {
            api::check_segment("schema name", schema)?;
        }
        Ok(())
    }
}

/// How long a command that follows an execution may take, and how often it
/// reads the status. A command with `--wait` makes both require it.
#[derive(Args, Debug, Clone, Default)]
pub struct Limits {
    /// Time limit for each cache's whole run, every request and retry
    /// included, e.g. 10m [default: 10m]
    #[arg(long, value_name = "DURATION", value_parser = parse_positive, value_hint = ValueHint::Other)]
    pub timeout: Option<Duration>,

    /// Longest pause between status reads, at least 200ms [default: 5s]
    #[arg(long, value_name = "DURATION", value_parser = parse_interval, value_hint = ValueHint::Other)]
    pub interval: Option<Duration>,
}

impl Limits {
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
    pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);

    pub fn timeout(&self) -> Duration {
        self.timeout.unwrap_or(Limits::DEFAULT_TIMEOUT)
    }

    pub fn interval(&self) -> Duration {
        self.interval.unwrap_or(Limits::DEFAULT_INTERVAL)
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
