//! From parsed flags to a `Report`: settings first, then the command.

mod cancel;
mod settings;
mod status;

use std::cell::RefCell;
use std::io::{Read, Write};
use std::time::Duration;

use clap::CommandFactory;
use reqwest::Method;
use serde_json::Value;

use crate::api::{self, CacheStatus, Execution, Refresh};
use crate::cli::{CacheCommand, Cli, Command, ConfigCommand, Format, Target};
use crate::client::{self, Client, Options};
use crate::clock::Clock;
use crate::config::{self, Settings};
use crate::exit::{usage, Failure, Kind};
use crate::output::{self, Outcome, Report, Style};
use crate::progress::Diagnostics;

/// What the failure document needs to know, filled in as the run goes.
#[derive(Debug, Default)]
pub struct Context {
    pub action: &'static str,
    pub project: Option<String>,
    pub cache: Option<String>,
    pub format: Option<Format>,
    pub style: Style,
    /// For cancels: whether the API acknowledged the cancel, so far.
    pub cancel_sent: Option<bool>,
}

/// The world a run touches, passed in so tests and `main` choose it.
pub struct World<'a> {
    pub env: &'a dyn Fn(&str) -> Option<String>,
    pub stdin: &'a mut dyn Read,
    pub stdout: &'a mut dyn Write,
    /// Shared by the progress line and the client's notes.
    pub stderr: &'a RefCell<dyn Write + 'a>,
    pub clock: &'a dyn Clock,
}

pub fn run(cli: &Cli, ctx: &mut Context, world: &mut World) -> anyhow::Result<Report> {
    let global = &cli.global;
    ctx.action = action(&cli.command);
    if let Command::Completions { shell } = cli.command {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "peaka", &mut script);
        return Ok(Report::Text(String::from_utf8(script)?));
    }
    let target = match &cli.command {
        Command::Cache(CacheCommand::CancelFullRefresh(a) | CacheCommand::CancelIncremental(a)) => {
            Some(&a.target)
        }
        Command::Cache(CacheCommand::Status(a)) => Some(&a.target),
        _ => None,
    };
    if let Some(target) = target {
        ctx.cache = Some(target.cache.clone());
        ctx.project = target.project.clone();
    }

    let located = config::locate(global.config.as_deref(), world.env);
    if let Command::Config(ConfigCommand::Path) = cli.command {
        return Ok(match located {
            Some((path, _)) => Report::ConfigPath {
                exists: path.value.is_file(),
                path: path.value.display().to_string(),
                source: path.source.to_string(),
            },
            None => return Err(config::no_config_dir().into()),
        });
    }
    let (config_path, file) = match located {
        Some((path, explicit)) => {
            let file = config::load(&path.value, explicit)?;
            (path, file)
        }
        // No home directory: run on flags and environment alone.
        None => (config::nowhere(), config::ConfigFile::default()),
    };
    for warning in &file.warnings {
        output::warn(&ctx.style, &mut *world.stderr.borrow_mut(), warning);
    }
    // Failures from here on are told in the file's format, if it names one.
    ctx.format = config::early_format(
        global.output,
        global.profile.as_deref(),
        world.env,
        Some(&file),
    );
    let project_flag = target.and_then(|t| t.project.as_deref());
    let settings = config::resolve(global, project_flag, world.env, config_path, &file)?;
    ctx.format = Some(settings.output.value);
    if let Some(project) = &settings.project {
        ctx.project = Some(project.value.clone());
    }
    if global.api_key.is_some() {
        output::warn(
            &ctx.style,
            &mut *world.stderr.borrow_mut(),
            "--api-key is visible to other local users in the process list; prefer PEAKA_API_KEY or --api-key-file",
        );
    }

    let (target, command) = match (&cli.command, target) {
        (Command::Cache(command), Some(target)) => (target, command),
        // All that is left is `config show`.
        _ => {
            let key = match &settings.key {
                Some(key) => match config::read_key(key, world.stdin) {
                    Ok(key) => key.hint(),
                    Err(e) => format!("(unusable: {})", e.message),
                },
                None => "(not set)".into(),
            };
            return Ok(Report::Settings(settings::rows(&settings, key)));
        }
    };
    let project = resolve_target(target, &settings)?;
    let key_ref = settings
        .key
        .as_ref()
        .ok_or_else(|| config::no_key(&settings))?;
    let key = config::read_key(key_ref, world.stdin)?;

    let cancel = match command {
        CacheCommand::CancelFullRefresh(args) => Some((Refresh::Full, args)),
        CacheCommand::CancelIncremental(args) => Some((Refresh::Incremental, args)),
        CacheCommand::Status(_) => None,
    };
    let logs = matches!(command, CacheCommand::Status(a) if a.logs);
    if global.dry_run {
        let (method, tail, query) = match cancel {
            Some((kind, _)) => (Method::POST, kind.cancel_endpoint(), vec![]),
            None => (Method::GET, "status", status::query(logs)),
        };
        let path = cache_path(&project, &target.cache, tail);
        return Ok(Report::DryRun {
            outcome: Outcome {
                action: ctx.action,
                project: Some(project.clone()),
                cache: Some(target.cache.clone()),
                outcome: Some("dry_run"),
                ..Outcome::default()
            },
            method: method.to_string(),
            url: client::endpoint(&settings.base_url.value, &path, &query).to_string(),
            headers: client::headers(&key, false),
            settings: settings::rows(&settings, key.hint()),
        });
    }

    let log = Diagnostics {
        style: ctx.style,
        verbose: global.verbose,
        err: world.stderr,
    };
    let options = Options {
        base: settings.base_url.value.clone(),
        request_timeout: settings.request_timeout.value,
        retries: settings.retries.value,
    };
    let client = Client::new(options, &key, world.clock, &log)?;
    let cache = CacheRef {
        client: &client,
        project: &project,
        cache: &target.cache,
    };
    match cancel {
        Some((kind, args)) => cancel::run(kind, args, &cache, ctx, world),
        None => status::run(&cache, logs),
    }
    .map_err(Into::into)
}

/// The path of an endpoint about one cache.
fn cache_path<'a>(project: &'a str, cache: &'a str, tail: &'a str) -> [&'a str; 6] {
    ["data", "projects", project, "cache", cache, tail]
}

fn action(command: &Command) -> &'static str {
    match command {
        Command::Cache(CacheCommand::CancelFullRefresh(_)) => Refresh::Full.action(),
        Command::Cache(CacheCommand::CancelIncremental(_)) => Refresh::Incremental.action(),
        Command::Cache(CacheCommand::Status(_)) => "status",
        Command::Config(ConfigCommand::Show) => "config-show",
        Command::Config(ConfigCommand::Path) => "config-path",
        Command::Completions { .. } => "completions",
    }
}

/// The project (from wherever it came) and the cache, both checked before
/// anything is sent.
fn resolve_target(target: &Target, settings: &Settings) -> Result<String, Failure> {
    let project = settings.project.as_ref().ok_or_else(|| {
        usage("no project given")
            .hint("pass --project ID, set PEAKA_PROJECT, or set project in the config file")
    })?;
    api::check_project_id(&project.value)?;
    api::check_cache_id(&target.cache)?;
    Ok(project.value.clone())
}

/// One cache of one project, and the API calls about it.
pub struct CacheRef<'a> {
    pub client: &'a Client<'a>,
    pub project: &'a str,
    pub cache: &'a str,
}

/// What a status read found: the cache, or a 404 (no such cache).
// Held one at a time: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Found {
    Status(Value, CacheStatus),
    /// The status endpoint answered 404, with the server's words if any.
    Missing(Option<String>),
}

impl CacheRef<'_> {
    fn url(&self, tail: &str, query: &[(&str, &str)]) -> reqwest::Url {
        self.client
            .url(&cache_path(self.project, self.cache, tail), query)
    }

    pub fn status(&self, logs: bool, deadline: Option<Duration>) -> Result<Found, Failure> {
        let what = format!("reading the status of cache {}", self.cache);
        let reply = self.client.send(
            Method::GET,
            &self.url("status", &status::query(logs)),
            deadline,
        )?;
        match reply.status {
            404 => Ok(Found::Missing(reply.server_words())),
            200..=299 => {
                let raw = reply.json(&what)?;
                let status = api::parse_status(&raw)
                    .filter(|_| raw.is_object())
                    .ok_or_else(|| {
                        Failure::new(
                            Kind::Api,
                            format!("malformed response to {what}: not a cache status"),
                        )
                    })?;
                Ok(Found::Status(raw, status))
            }
            _ => Err(reply.failure(&what)),
        }
    }

    /// Finds an execution in the history, newest first, a few pages deep.
    pub fn find_in_history(
        &self,
        id: &str,
        deadline: Option<Duration>,
    ) -> Result<Option<Execution>, Failure> {
        const PAGE: usize = 50;
        let what = format!("reading the execution history of cache {}", self.cache);
        for page in 0..4 {
            let (limit, offset) = (PAGE.to_string(), (page * PAGE).to_string());
            let url = self.url(
                "executionHistory",
                &[("limit", &limit), ("offset", &offset)],
            );
            let reply = self.client.send(Method::GET, &url, deadline)?;
            if reply.status == 404 {
                return Ok(None);
            }
            if !reply.is_success() {
                return Err(reply.failure(&what));
            }
            let raw = reply.json(&what)?;
            let entries = api::parse_history(&raw).ok_or_else(|| {
                Failure::new(
                    Kind::Api,
                    format!("malformed response to {what}: not a list"),
                )
            })?;
            if let Some(found) = entries.iter().find(|e| e.id.as_deref() == Some(id)) {
                return Ok(Some(found.clone()));
            }
            if entries.len() < PAGE {
                break;
            }
        }
        Ok(None)
    }

    /// The "no such cache" failure (exit 5). Behind a base URL that is not
    /// a zone's, a 404 may as well mean a wrong path: say so.
    pub fn missing(&self, words: Option<String>) -> Failure {
        let mut message = format!("cache {} not found in project {}", self.cache, self.project);
        if config::is_zone_url(self.client.base()) {
            return Failure::new(Kind::NotFound, message)
                .status(404)
                .hint("check the IDs: `peaka cache status` shows one cache; a project key reaches only its own project");
        }
        if let Some(words) = words {
            message = format!("{message} (the API answered 404: {words})");
        }
        Failure::new(Kind::NotFound, message)
            .status(404)
            .hint(format!(
                "check the IDs, and --base-url {}: it ends in /api/v1, e.g. {}",
                config::shown_url(self.client.base().as_str()),
                config::ZONES[0].1
            ))
    }
}
