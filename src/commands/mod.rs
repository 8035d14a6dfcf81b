//! From parsed flags to a `Report`: settings first, then the command. Each
//! command is a file here; this module only chooses and prepares.

mod cancel;
mod settings;
mod status;

use std::cell::RefCell;
use std::io::{Read, Write};

use clap::CommandFactory;
use reqwest::Method;

use crate::action::Action;
use crate::api::{self, CacheRef};
use crate::cli::{CacheCommand, Cli, Command, ConfigCommand, Format, Global, Target};
use crate::client::{self, Client, Options};
use crate::clock::Clock;
use crate::config::{self, Settings};
use crate::document::{OutcomeName, RequestDocument, RequestHeaders};
use crate::exit::{usage, Failure};
use crate::output::{self, Outcome, Report, Style};
use crate::progress::Diagnostics;
use crate::secret::ApiKey;

/// What the failure document needs to know, filled in as the run goes.
#[derive(Debug, Default)]
pub struct Context {
    pub action: Action,
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
    ctx.action = cli.command.action();
    let command = match &cli.command {
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "peaka", &mut script);
            return Ok(Report::Text(String::from_utf8(script)?));
        }
        Command::Config(ConfigCommand::Path) => return Ok(config_path(&cli.global, world)?),
        Command::Config(ConfigCommand::Show) => None,
        Command::Cache(command) => Some(command),
    };
    let target = command.map(CacheCommand::target);
    if let Some(target) = target {
        ctx.cache = Some(target.cache.clone());
        ctx.project = target.project.clone();
    }
    let project_flag = target.and_then(|t| t.project.as_deref());
    let settings = load_settings(&cli.global, project_flag, ctx, world)?;
    match command {
        None => Ok(config_show(&settings, world)),
        Some(command) => Ok(cache_command(command, &cli.global, &settings, ctx, world)?),
    }
}

fn config_path(global: &Global, world: &World) -> Result<Report, Failure> {
    let (path, _) =
        config::locate(global.config.as_deref(), world.env).ok_or_else(config::no_config_dir)?;
    Ok(Report::ConfigPath {
        exists: path.value.is_file(),
        path: path.value.display().to_string(),
        source: path.source.to_string(),
    })
}

/// Reads the config file and decides every setting; warnings go to stderr.
fn load_settings(
    global: &Global,
    project_flag: Option<&str>,
    ctx: &mut Context,
    world: &mut World,
) -> Result<Settings, Failure> {
    let (config_path, file) = match config::locate(global.config.as_deref(), world.env) {
        Some((path, explicit)) => {
            let file = config::load(&path.value, explicit)?;
            (path, file)
        }
        // No home directory: run on flags and environment alone.
        None => (config::nowhere(), config::ConfigFile::default()),
    };
    let warn = |text: &str| output::warn(&ctx.style, &mut *world.stderr.borrow_mut(), text);
    for warning in &file.warnings {
        warn(warning);
    }
    if global.api_key.is_some() {
        warn("--api-key is visible to other local users in the process list; prefer PEAKA_API_KEY or --api-key-file");
    }
    // Failures from here on are told in the file's format, if it names one.
    ctx.format = config::early_format(
        global.output,
        global.profile.as_deref(),
        world.env,
        Some(&file),
    );
    let settings = config::resolve(global, project_flag, world.env, config_path, &file)?;
    ctx.format = Some(settings.output.value);
    if let Some(project) = &settings.project {
        ctx.project = Some(project.value.clone());
    }
    Ok(settings)
}

fn config_show(settings: &Settings, world: &mut World) -> Report {
    let key = match &settings.key {
        Some(key) => match config::read_key(key, world.stdin) {
            Ok(key) => key.hint(),
            Err(e) => format!("(unusable: {})", e.message),
        },
        None => "(not set)".into(),
    };
    Report::Settings(settings::document(settings, key))
}

/// A command about one cache: IDs and key checked, then sent (or shown).
fn cache_command(
    command: &CacheCommand,
    global: &Global,
    settings: &Settings,
    ctx: &mut Context,
    world: &mut World,
) -> Result<Report, Failure> {
    let target = command.target();
    let project = resolve_target(target, settings)?;
    let key_ref = settings
        .key
        .as_ref()
        .ok_or_else(|| config::no_key(settings))?;
    let key = config::read_key(key_ref, world.stdin)?;
    if global.dry_run {
        return Ok(dry_run(command, &project, settings, &key, ctx));
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
    match (command, ctx.action.refresh()) {
        (CacheCommand::Status(args), _) => status::run(&cache, args.logs),
        (
            CacheCommand::CancelFullRefresh(args) | CacheCommand::CancelIncremental(args),
            Some(kind),
        ) => cancel::run(kind, args, &cache, ctx, world),
        _ => unreachable!("a cancel names its kind"),
    }
}

/// The request a command would send, and the settings, sending nothing.
fn dry_run(
    command: &CacheCommand,
    project: &str,
    settings: &Settings,
    key: &ApiKey,
    ctx: &Context,
) -> Report {
    let target = command.target();
    let (method, tail, query) = match (command, ctx.action.refresh()) {
        (CacheCommand::Status(args), _) => (Method::GET, "status", api::status_query(args.logs)),
        (_, Some(kind)) => (Method::POST, kind.cancel_endpoint(), vec![]),
        (_, None) => unreachable!("a cancel names its kind"),
    };
    let path = api::cache_path(project, &target.cache, tail);
    let [authorization, accept, user_agent] = client::headers(key, false).map(|(_, v)| v);
    Report::DryRun {
        outcome: Outcome {
            action: ctx.action,
            project: Some(project.to_string()),
            cache: Some(target.cache.clone()),
            outcome: Some(OutcomeName::DryRun),
            ..Outcome::default()
        },
        request: RequestDocument {
            method: method.to_string(),
            url: client::endpoint(&settings.base_url.value, &path, &query).to_string(),
            headers: RequestHeaders {
                authorization,
                accept,
                user_agent,
            },
        },
        settings: settings::document(settings, key.hint()),
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
