//! The commands: the registry that names each once (the clap definition of
//! the whole command line), and the dispatch from a parsed line to the
//! command's run. Each command lives in one file under `cache/`, `config/`
//! or `auth/`: its arguments, its run function and its document.

mod auth;
mod cache;
mod complete;
mod completions;
mod config;
mod help;
mod names;
mod run;
#[cfg(test)]
mod schema;
mod session;
mod words;

use clap::{FromArgMatches, Parser, Subcommand};

use crate::action::Action;
use crate::cli::Global;
use crate::exit::{exit_codes, Failure};
use crate::output::{Outcome, Report};

pub use run::Run;

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

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Work with caches: list, status, history, refresh, wait, cancel, create,
    /// delete, schedules
    #[command(subcommand, arg_required_else_help = true, after_help = concat!(
        "Examples:\n",
        "  peaka cache list -p mtKDhe1U --status full:RUNNING\n",
        "  peaka cache status -p mtKDhe1U -c \"$CACHE\"\n",
        "  peaka cache cancel-full-refresh -p mtKDhe1U -c \"$CACHE\" --wait"
    ))]
    Cache(cache::Commands),
    /// Show the effective configuration
    #[command(subcommand, after_help = concat!(
        "Examples:\n",
        "  peaka config show\n",
        "  peaka config path"
    ))]
    Config(config::Commands),
    /// Save an API key for peaka, see where it comes from, or remove it
    #[command(subcommand, after_help = concat!(
        "Examples:\n",
        "  peaka auth login -p mtKDhe1U\n",
        "  peaka auth status\n",
        "  pass show peaka | peaka auth login --profile ci   # piped: no prompt"
    ))]
    Auth(auth::Commands),
    Completions(completions::Args),
}

impl Command {
    fn command(&self) -> &dyn Exec {
        match self {
            Command::Cache(group) => group.command(),
            Command::Config(group) => group.command(),
            Command::Auth(group) => group.command(),
            Command::Completions(args) => args,
        }
    }
}

/// Declares a group of subcommands: the clap enum (one line per command,
/// `Variant(path::Args)`; the variant's name is the command's) and the
/// dispatch to each command's `Exec`. A group is itself an `Exec`, so a
/// group nests in another as one line: `#[command(subcommand)]
/// Schedule(schedule::Commands)`.
macro_rules! group {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident($args:ty),)* }) => {
        #[derive(clap::Subcommand, Debug)]
        $(#[$meta])*
        pub enum $name {
            $($(#[$vmeta])* $variant($args),)*
        }

        impl $name {
            pub fn command(&self) -> &dyn $crate::commands::Exec {
                match self {
                    $(Self::$variant(args) => args,)*
                }
            }

            /// The schemas of the documents the group's commands print.
            #[cfg(test)]
            pub fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
                let mut all = Vec::new();
                $(all.extend(<$args as $crate::commands::Exec>::schemas(generator));)*
                all
            }
        }

        impl $crate::commands::Exec for $name {
            fn about(&self) -> $crate::commands::About<'_> {
                self.command().about()
            }

            fn run(
                &self,
                run: &mut $crate::commands::Run,
            ) -> Result<$crate::output::Report, $crate::commands::Failed> {
                self.command().run(run)
            }

            fn reads_config(&self) -> bool {
                self.command().reads_config()
            }

            #[cfg(test)]
            fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
                $name::schemas(generator)
            }
        }
    };
}
use group;

/// A command: what it says of itself before it runs, and its run.
pub trait Exec {
    /// The project flag and the one cache the command names, for the
    /// document of a failure before the command knows more.
    fn about(&self) -> About<'_> {
        About::default()
    }

    fn run(&self, run: &mut Run) -> Result<Report, Failed>;

    /// Whether the command reads the config file, whose `output` then
    /// chooses the format (`config path` only says where it is).
    fn reads_config(&self) -> bool {
        true
    }

    /// The schemas of the documents this command prints beyond the outcome
    /// document that every command may print.
    #[cfg(test)]
    fn schemas(_: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema>
    where
        Self: Sized,
    {
        Vec::new()
    }
}

#[derive(Default, Clone, Copy)]
pub struct About<'a> {
    pub project: Option<&'a str>,
    pub cache: Option<&'a str>,
}

/// A command's failure, with the project once the settings named it, and
/// the one cache once its name was resolved.
#[derive(Debug)]
pub struct Failed {
    pub failure: Failure,
    pub project: Option<String>,
    pub cache: Option<Box<names::Target>>,
}

impl From<Failure> for Failed {
    fn from(failure: Failure) -> Failed {
        Failed {
            failure,
            project: None,
            cache: None,
        }
    }
}

/// A run's failure, with what its document says of the run.
#[derive(Debug)]
pub struct Fault {
    pub failure: Failure,
    pub project: Option<String>,
    pub cache: Box<CacheOf>,
}

/// The one cache a run names, as a failure's document names it.
#[derive(Debug, Default)]
pub struct CacheOf {
    /// Its ID, once known.
    pub id: Option<String>,
    /// As typed, when that was not its ID.
    pub typed: Option<String>,
    pub name: Option<String>,
}

impl From<Failure> for Fault {
    fn from(failure: Failure) -> Fault {
        Fault {
            failure,
            project: None,
            cache: Box::default(),
        }
    }
}

impl Fault {
    /// The document of the failure.
    pub fn report(self, action: Action) -> Report {
        let CacheOf { id, typed, name } = *self.cache;
        let mut outcome = Outcome::failed(self.project, id, self.failure);
        outcome.cache_ref = typed;
        outcome.cache_name = name;
        report_of(action, outcome)
    }
}

impl Cli {
    pub fn reads_config(&self) -> bool {
        self.command.command().reads_config()
    }
}

/// Runs the command the line names.
pub fn run(cli: &Cli, run: &mut Run) -> Result<Report, Fault> {
    let command = cli.command.command();
    command.run(run).map_err(|failed| {
        let about = command.about();
        // Resolved; else as typed: an ID is known at once, a name is not.
        let cache = failed.cache.map(|t| *t).or_else(|| {
            let typed = about.cache?;
            Some(match names::parse(typed) {
                Ok(names::Reference::Id(id)) => names::Target {
                    id,
                    ..names::Target::default()
                },
                _ => names::Target {
                    typed: Some(typed.to_string()),
                    ..names::Target::default()
                },
            })
        });
        let cache = cache.unwrap_or_default();
        Fault {
            failure: failed.failure,
            project: failed.project.or(about.project.map(str::to_string)),
            cache: Box::new(CacheOf {
                id: Some(cache.id).filter(|id| !id.is_empty()),
                typed: cache.typed,
                name: cache.name,
            }),
        }
    })
}

/// The document of a failure; a cancel's says the cancel was not sent.
pub fn failure_report(
    action: Action,
    project: Option<String>,
    cache: Option<String>,
    failure: Failure,
) -> Report {
    report_of(action, Outcome::failed(project, cache, failure))
}

fn report_of(action: Action, mut outcome: Outcome) -> Report {
    if action.cancels() {
        outcome.cancel_sent = Some(false);
    }
    Report::new(action, outcome)
}

/// The definition of the whole command line, its completers attached and
/// its help as people read it.
pub fn cli() -> clap::Command {
    help::shaped(complete::attach(<Cli as clap::CommandFactory>::command()))
}

/// The command line parsed, by the definition `cli()` made.
pub fn parse(mut cli: clap::Command, args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    let matches = cli.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cli))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Early;
    use crate::output::Format;
    use std::ffi::OsString;
    use std::path::PathBuf;

    fn early(args: &[&str]) -> Early {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        Early::parse(&cli(), &args)
    }

    fn action(path: &[&str]) -> Action {
        Action::named(path)
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
        assert_eq!(e.action, action(&["cache", "cancel-full-refresh"]));
        let e = early(&["peaka", "-ojson", "cache", "status", "--bogus"]);
        assert_eq!(
            (e.global.output, e.action),
            (Some(Format::Json), action(&["cache", "status"]))
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
            (Some(Format::Ndjson), action(&["cache", "status"]))
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
        assert_eq!(e.action, Action::USAGE);
        assert_eq!(early(&["peaka", "cache"]).action, Action::USAGE);
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
        assert_eq!(e.action, action(&["config", "show"]));
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
            (Some(Format::Json), action(&["cache", "list"]))
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
        assert!(matches!(
            cli.command,
            Command::Cache(cache::Commands::CancelFullRefresh(_))
        ));
    }

    #[test]
    fn wait_options_need_wait_and_sane_values() {
        let cancel = ["cache", "cancel-incremental", "-c", "x"];
        let with = |extra: &[&str]| parse(&[&cancel[..], extra].concat());
        assert!(with(&["--wait", "--timeout", "90s", "--interval", "200ms"]).is_ok());
        for bad in [
            &["--interval", "1s"][..],
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
        let (message, hint) = crate::cli::split_usage_error(text.trim_start_matches("error: "));
        assert!(message.contains("--wiat"), "{message}");
        assert!(!message.contains("Usage"), "{message}");
        assert!(hint.unwrap().contains("--wait"), "{text}");
        let err = Cli::try_parse_from(["peaka", "cache", "cancel-full-refresh"]).unwrap_err();
        let text = err.render().to_string();
        let (message, _) = crate::cli::split_usage_error(text.trim_start_matches("error: "));
        assert!(
            message.contains("--cache <CACHE>|CACHE|--all-running"),
            "{message}"
        );
        let err = Cli::try_parse_from(["peaka", "cache", "status"]).unwrap_err();
        let text = err.render().to_string();
        assert!(text.contains("<--cache <CACHE>|CACHE>"), "{text}");
        for both in [
            &["status", "-c", "a", "b"][..],
            &["cancel-incremental", "a", "--all-running"],
        ] {
            let line = [&["peaka", "cache"][..], both].concat();
            assert!(Cli::try_parse_from(line).is_err(), "{both:?}");
        }
    }

    /// One page per command, the sections of its `--help` after the options
    /// (examples, exit codes, columns) kept as written (clap_mangen would
    /// fill them into paragraphs), and on every page the exit status.
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
            .get_after_long_help()
            .or(cmd.get_after_help())
            .map(|h| h.to_string())
            .unwrap_or_default();
        let mut sections = man_sections(&after);
        if !sections.iter().any(|(title, _)| title == "EXIT STATUS") {
            let codes = exit_codes!().trim_start_matches("Exit codes:\n");
            sections.push(("EXIT STATUS".into(), codes.into()));
        }
        for (title, text) in sections {
            // troff in a C locale has no glyph for `…`.
            let text = text.replace('\\', "\\e").replace("\n.", "\n\\&.");
            let text = text.replace('…', "...");
            let section = format!(".SH \"{title}\"\n.nf\n{}\n.fi\n", text.trim_end());
            page.extend(section.into_bytes());
        }
        man.render_version_section(&mut page).unwrap();
        std::fs::write(dir.join(man.get_filename()), page).unwrap();
    }

    /// The text after the options, by its headings (`Examples:`, at the
    /// start of a line): each section's title as a man page names it, and
    /// its lines.
    fn man_sections(after: &str) -> Vec<(String, String)> {
        let mut sections: Vec<(String, String)> = Vec::new();
        for line in after.lines() {
            let heading = line.strip_suffix(':').filter(|h| !h.starts_with(' '));
            match (heading, sections.last_mut()) {
                (Some(heading), _) => {
                    let title = match heading {
                        "Exit codes" => "EXIT STATUS".to_string(),
                        other => other.to_uppercase(),
                    };
                    sections.push((title, String::new()));
                }
                (None, Some((_, text))) => {
                    text.push_str(line);
                    text.push('\n');
                }
                (None, None) => {}
            }
        }
        sections
    }

    /// `PEAKA_WRITE_MAN=1 cargo test` writes `man/` anew.
    #[test]
    fn the_man_pages_are_the_generated_ones() {
        let kept = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/man"));
        let fresh = tempfile::tempdir().unwrap();
        // The plain version: pages do not change with every commit.
        // The definitions as they are: each option's help in full.
        let mut cli = <Cli as clap::CommandFactory>::command()
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
        cli().debug_assert();
    }
}
