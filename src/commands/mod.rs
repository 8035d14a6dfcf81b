//! From parsed flags to a `Report`: settings first, then the command. Each
//! command is a file here; this module only chooses and prepares.

mod auth;
mod bulk;
mod cancel;
mod follow;
mod history;
mod list;
mod refresh;
mod settings;
mod status;
mod wait;
mod words;

use std::cell::RefCell;
use std::io::{Read, Write};

use crate::action::Action;
use crate::api::{self, request, CacheRef, ExecutionKind, ProjectRef, Request};
use crate::cli::{CacheCommand, CancelArgs, Cli, Command, ConfigCommand, Format, Global};
use crate::client::{self, Client, Options};
use crate::clock::Clock;
use crate::config::{self, Settings};
use crate::document::{OutcomeName, RequestDocument, RequestHeaders};
use crate::exit::{usage, Failure};
use crate::output::{self, Outcome, Report, Style};
use crate::progress::Diagnostics;
use crate::secret::ApiKey;
use clap::CommandFactory;

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
    pub clock: &'a (dyn Clock + Sync),
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
        Command::Auth(command) => return Ok(auth::run(command, &cli.global, ctx, world)?),
        Command::Config(ConfigCommand::Show) => None,
        Command::Cache(command) => Some(command),
    };
    let project_flag = command.and_then(CacheCommand::project);
    ctx.cache = command.and_then(CacheCommand::cache).map(str::to_string);
    ctx.project = project_flag.map(str::to_string);
    let settings = load_settings(&cli.global, project_flag, ctx, world)?;
    match command {
        None => Ok(config_show(&settings, world)),
        Some(command) => {
            let edge = words::Edge::of(&settings);
            let report = cache_command(command, &cli.global, &settings, ctx, world);
            Ok(words::report(report, &edge)?)
        }
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
pub(super) fn load_settings(
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

/// A command about caches: flags, IDs and key checked, then sent (or
/// shown).
fn cache_command(
    command: &CacheCommand,
    global: &Global,
    settings: &Settings,
    ctx: &mut Context,
    world: &mut World,
) -> Result<Report, Failure> {
    let project = resolve_project(settings)?;
    let bulk = check_flags(command, global, world)?;
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
    let options = client_options(settings)?;
    let client = Client::new(options.clone(), &key, world.clock, &log)?;
    let project_ref = ProjectRef {
        client: &client,
        project: &project,
    };
    if let Some((args, caches)) = bulk {
        let connect = bulk::Connect {
            options: &options,
            key: &key,
            verbose: global.verbose,
            edge: words::Edge::of(settings),
        };
        return bulk_cancel(args, caches, &connect, &project_ref, ctx, world);
    }
    let cache = CacheRef {
        client: &client,
        project: &project,
        cache: command.cache().unwrap_or_default(),
    };
    match command {
        CacheCommand::List(args) => list::run(args, &project_ref),
        CacheCommand::Status(args) => status::run(&cache, args.logs),
        CacheCommand::History(args) => history::run(args, &cache, ctx, world),
        CacheCommand::Refresh(args) => refresh::run(args, &cache, ctx, world),
        CacheCommand::Wait(args) => wait::run(args, &cache, ctx, world),
        CacheCommand::CancelFullRefresh(args) | CacheCommand::CancelIncremental(args) => {
            let plan = cancel::Plan::of(kind_of(ctx.action), args);
            Ok(cancel::run(&plan, &cache, ctx, world))
        }
    }
}

/// What the HTTP client takes from the settings (the CA file read here).
fn client_options(settings: &Settings) -> Result<Options, Failure> {
    Ok(Options {
        base: settings.base_url.value.clone(),
        request_timeout: settings.request_timeout.value,
        retries: settings.retries.value,
        ca_pem: settings
            .ca_cert
            .as_ref()
            .map(config::read_ca_cert)
            .transpose()?,
    })
}

/// The kind of execution a cancel action names.
fn kind_of(action: Action) -> ExecutionKind {
    action.cancelled_kind().unwrap_or(ExecutionKind::Full)
}

/// A bulk cancel: the caches named (IDs already read), or `None` for
/// `--all-running`.
type Bulk<'a> = Option<(&'a CancelArgs, Option<Vec<String>>)>;

/// Checks everything the command line says before the key is read or
/// anything is sent; for a bulk cancel, reads the IDs it names.
fn check_flags<'a>(
    command: &'a CacheCommand,
    global: &Global,
    world: &mut World,
) -> Result<Bulk<'a>, Failure> {
    let args = match command {
        CacheCommand::List(args) => return list::check(args).map(|()| None),
        CacheCommand::CancelFullRefresh(args) | CacheCommand::CancelIncremental(args) => args,
        _ => return api::check_cache_id(command.cache().unwrap_or_default()).map(|()| None),
    };
    if args.scope.catalog.is_some() && !args.all_running {
        return Err(usage(
            "--catalog and --schema choose caches for --all-running",
        ));
    }
    if let Some(one) = args.single() {
        return api::check_cache_id(one).map(|()| None);
    }
    if global.dry_run {
        return Err(usage(
            "--dry-run shows one request: name one cache with --cache",
        ));
    }
    if args.cache.iter().any(|c| c == "-")
        && global
            .api_key_file
            .as_deref()
            .is_some_and(|p| p.as_os_str() == "-")
    {
        return Err(usage(
            "standard input can give the API key or the cache IDs, not both",
        ));
    }
    bulk::check_all_running(args, bulk::terminal())?;
    let named = match args.all_running {
        true => None,
        false => Some(bulk::named_caches(args, world.stdin)?),
    };
    Ok(Some((args, named)))
}

fn bulk_cancel(
    args: &CancelArgs,
    named: Option<Vec<String>>,
    connect: &bulk::Connect,
    project: &ProjectRef,
    ctx: &mut Context,
    world: &mut World,
) -> Result<Report, Failure> {
    let plan = cancel::Plan::of(kind_of(ctx.action), args);
    let caches = match named {
        Some(caches) => caches,
        None => {
            let running = bulk::running_caches(&plan, args, project)?;
            if !args.yes && !running.is_empty() {
                bulk::confirm(&plan, project.project, &running, world)?;
            }
            running.into_iter().map(|(id, _)| id).collect()
        }
    };
    Ok(bulk::run(
        &plan,
        args,
        connect,
        project.project,
        caches,
        ctx,
        world,
    ))
}

/// The requests a command would send, and the settings, sending nothing.
fn dry_run(
    command: &CacheCommand,
    project: &str,
    settings: &Settings,
    key: &ApiKey,
    ctx: &Context,
) -> Report {
    let (before, main) = requests_of(command, project, ctx.action);
    let [authorization, accept, user_agent] = client::headers(key, false).map(|(_, v)| v);
    let shown = |request: &Request| RequestDocument {
        method: request.method().to_string(),
        url: request.url(&settings.base_url.value).to_string(),
        headers: RequestHeaders {
            authorization: authorization.clone(),
            accept: accept.clone(),
            user_agent: user_agent.clone(),
        },
    };
    let requests = before.iter().chain([&main]).map(shown).collect();
    Report::DryRun {
        outcome: Outcome {
            action: ctx.action,
            project: Some(project.to_string()),
            cache: command.cache().map(str::to_string),
            outcome: Some(OutcomeName::DryRun),
            ..Outcome::default()
        },
        request: shown(&main),
        requests,
        settings: settings::document(settings, key.hint()),
    }
}

/// The requests a command sends before any polling or any request that
/// depends on an answer: the reads before, in the order sent, then the one
/// that changes something (else the read), sent last.
fn requests_of(command: &CacheCommand, project: &str, action: Action) -> (Vec<Request>, Request) {
    let cache = command.cache().unwrap_or_default();
    let status = || request::status(project, cache, false);
    match command {
        CacheCommand::List(args) => {
            let (catalog, schema) = (&args.scope.catalog, &args.scope.schema);
            let list = request::list(project, catalog.as_deref(), schema.as_deref());
            (vec![], list)
        }
        CacheCommand::Status(args) => (vec![], request::status(project, cache, args.logs)),
        CacheCommand::Wait(_) => (vec![], status()),
        CacheCommand::History(args) => {
            let (limit, offset) = history::first_page(args);
            (vec![], request::history(project, cache, limit, offset))
        }
        // The status is read first, so that the new execution is told
        // from the one before.
        CacheCommand::Refresh(args) => {
            let trigger = request::trigger(project, cache, args.kind());
            (vec![status()], trigger)
        }
        CacheCommand::CancelFullRefresh(args) | CacheCommand::CancelIncremental(args) => {
            let plan = cancel::Plan::of(kind_of(action), args);
            let cancel = request::cancel(project, cache, plan.kind);
            match plan.wait {
                // With --wait, the status is read first to learn what to follow.
                true => (vec![status()], cancel),
                false => (vec![], cancel),
            }
        }
    }
}

/// The project, from wherever it came, checked before anything is sent.
fn resolve_project(settings: &Settings) -> Result<String, Failure> {
    let project = settings.project.as_ref().ok_or_else(|| {
        usage("no project given")
            .hint("pass --project ID, set PEAKA_PROJECT, or set project in the config file")
    })?;
    api::check_project_id(&project.value)?;
    Ok(project.value.clone())
}
