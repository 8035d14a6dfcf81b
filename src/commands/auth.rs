//! `peaka auth login`, `status` and `logout`: a key saved in a file readable
//! only by its owner, beside the config file, which names it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::api::ProjectRef;
use crate::cli::{AuthArgs, AuthCommand, Global};
use crate::client::Client;
use crate::config::{self, KeyRef, Settings};
use crate::document::{AuthDocument, SCHEMA_VERSION};
use crate::exit::{config as config_failure, Failure, Kind};
use crate::output::Report;
use crate::progress::{self, Diagnostics};
use crate::secret::ApiKey;
use crate::signal;

use super::{Context, World};

/// Where a Peaka API key is made, for prompts and hints.
pub const WHERE_KEYS_ARE_MADE: &str =
    "a partner key is created in Peaka under Developer > Partner API Key; a project key through the project's API keys";

pub fn run(
    command: &AuthCommand,
    global: &Global,
    ctx: &mut Context,
    world: &mut World,
) -> Result<Report, Failure> {
    let (path, _) =
        config::locate(global.config.as_deref(), world.env).ok_or_else(config::no_config_dir)?;
    let profile = global
        .profile
        .clone()
        .or_else(|| (world.env)("PEAKA_PROFILE").filter(|p| !p.trim().is_empty()));
    let project = match command {
        AuthCommand::Login(AuthArgs { project }) | AuthCommand::Status(AuthArgs { project }) => {
            project.as_deref()
        }
        AuthCommand::Logout => None,
    };
    let settings = match command {
        AuthCommand::Login(_) => login_settings(global, project, profile.as_deref(), ctx, world)?,
        _ => super::load_settings(global, project, ctx, world)?,
    };
    let mut doc = AuthDocument {
        schema_version: SCHEMA_VERSION,
        ok: true,
        action: ctx.action,
        profile: profile.clone(),
        config_file: path.value.display().to_string(),
        key_file: None,
        key: None,
        source: None,
        accepted: None,
        exit_code: 0,
    };
    let message = match command {
        AuthCommand::Login(_) => login(
            &path.value,
            profile.as_deref(),
            &settings,
            ctx,
            world,
            &mut doc,
        )?,
        AuthCommand::Status(_) => status(&settings, ctx, world, &mut doc)?,
        AuthCommand::Logout => logout(&path.value, profile.as_deref(), &mut doc)?,
    };
    Ok(Report::Auth(doc, message))
}

/// The settings a login checks the key with; a profile it names may not
/// exist yet (the login makes it).
fn login_settings(
    global: &Global,
    project: Option<&str>,
    profile: Option<&str>,
    ctx: &mut Context,
    world: &mut World,
) -> Result<Settings, Failure> {
    let (path, explicit) =
        config::locate(global.config.as_deref(), world.env).ok_or_else(config::no_config_dir)?;
    let mut file = config::load(&path.value, explicit && path.value.exists())?;
    if let Some(name) = profile {
        file.profiles.entry(name.to_string()).or_default();
    }
    ctx.format = config::early_format(global.output, profile, world.env, Some(&file));
    let settings = config::resolve(global, project, world.env, path, &file)?;
    ctx.format = Some(settings.output.value);
    Ok(settings)
}

fn login(
    config_path: &Path,
    profile: Option<&str>,
    settings: &Settings,
    ctx: &Context,
    world: &mut World,
    doc: &mut AuthDocument,
) -> Result<String, Failure> {
    // On a terminal, asked for without echo; piped, read from stdin.
    let key_ref = if std::io::stdin().is_terminal() {
        let _quiet = EchoOff::new();
        progress::say(
            world.stderr,
            &format!("Paste a Peaka API key ({WHERE_KEYS_ARE_MADE})."),
        );
        // rpassword reads Ctrl-C as a key and raises SIGINT itself; any
        // signal, that one included, ends the wait for it here.
        let typed = match signal::unless_caught(|| rpassword::prompt_password("API key: ")) {
            Ok(typed) => typed,
            Err(signal) => {
                // The prompt's line is still open.
                let _ = writeln!(world.stderr.borrow_mut());
                return Err(Failure::interrupted(
                    signal,
                    format!("interrupted by {}; nothing was saved", signal.name()),
                ));
            }
        }
        .map_err(|e| config_failure(format!("cannot read the API key from the terminal: {e}")))?;
        KeyRef::Inline(typed)
    } else {
        KeyRef::File(PathBuf::from("-"))
    };
    let key_ref = config::Sourced {
        value: key_ref,
        source: config::Source::Stdin,
    };
    let key = config::read_key(&key_ref, world.stdin)?;
    doc.key = Some(key.hint());
    // A key the API refuses is not written anywhere.
    if let Some(project) = &settings.project {
        check(&key, &project.value, settings, ctx, world)?;
        doc.accepted = Some(true);
    }
    let dir = config_path.parent().unwrap_or(Path::new("."));
    let name = match profile {
        Some(profile) => format!("peaka-api-key-{}", file_safe(profile)),
        None => "peaka-api-key".to_string(),
    };
    let key_file = dir.join(&name);
    write_private(&key_file, &format!("{}\n", key.expose()))
        .map_err(|e| config_failure(format!("cannot write {}: {e}", key_file.display())))?;
    edit_config(config_path, profile, |table| {
        table.remove("api_key");
        table.insert("api_key_file", toml_edit::value(name.clone()));
    })?;
    doc.key_file = Some(key_file.display().to_string());
    let checked = match doc.accepted {
        Some(_) => "the API accepts it; ",
        None => "not checked (no project configured); ",
    };
    Ok(format!(
        "Logged in: key {} saved to {} (readable only by you); {checked}{} names it{}.",
        key.hint(),
        key_file.display(),
        config_path.display(),
        profile
            .map(|p| format!(" in [profiles.{p}]"))
            .unwrap_or_default()
    ))
}

fn status(
    settings: &Settings,
    ctx: &Context,
    world: &mut World,
    doc: &mut AuthDocument,
) -> Result<String, Failure> {
    let key_ref = settings
        .key
        .as_ref()
        .ok_or_else(|| config::no_key(settings))?;
    let key = config::read_key(key_ref, world.stdin)?;
    doc.key = Some(key.hint());
    doc.source = Some(key_ref.source.to_string());
    if let KeyRef::File(path) = &key_ref.value {
        doc.key_file = Some(path.display().to_string());
    }
    let verdict = match &settings.project {
        Some(project) => {
            check(&key, &project.value, settings, ctx, world)?;
            doc.accepted = Some(true);
            format!("the API accepts it for project {}", project.value)
        }
        None => "not checked: no project configured (pass --project)".to_string(),
    };
    Ok(format!(
        "API key {} from {}; {verdict}.",
        key.hint(),
        key_ref.source
    ))
}

fn logout(
    config_path: &Path,
    profile: Option<&str>,
    doc: &mut AuthDocument,
) -> Result<String, Failure> {
    let mut removed = None;
    let mut had_key = false;
    if config_path.is_file() {
        edit_config(config_path, profile, |table| {
            had_key |= table.remove("api_key").is_some();
            removed = table
                .remove("api_key_file")
                .and_then(|item| item.as_str().map(PathBuf::from));
        })?;
    }
    let Some(file) = removed else {
        let what = if had_key {
            "removed the api_key setting"
        } else {
            "no key was saved"
        };
        return Ok(format!("Logged out: {what} in {}.", config_path.display()));
    };
    let file = match file.is_relative() {
        true => config_path.parent().unwrap_or(Path::new(".")).join(file),
        false => file,
    };
    match std::fs::remove_file(&file) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(config_failure(format!(
                "cannot remove {}: {e}",
                file.display()
            )))
        }
    }
    doc.key_file = Some(file.display().to_string());
    Ok(format!(
        "Logged out: removed {} and its setting in {}.",
        file.display(),
        config_path.display()
    ))
}

/// Asks the API whether it accepts the key for `project`: 401/403 are
/// exit 4.
fn check(
    key: &ApiKey,
    project: &str,
    settings: &Settings,
    ctx: &Context,
    world: &mut World,
) -> Result<(), Failure> {
    crate::api::check_project_id(project)?;
    let log = Diagnostics {
        style: ctx.style,
        verbose: false,
        err: world.stderr,
    };
    let client = Client::new(super::client_options(settings)?, key, world.clock, &log)?;
    let project_ref = ProjectRef {
        client: &client,
        project,
    };
    match project_ref.list(None, None) {
        Ok(_) => Ok(()),
        Err(failure) if failure.kind == Kind::Auth => Err(Failure {
            message: format!("{}; nothing was saved", failure.message),
            ..failure
        }),
        Err(failure) => Err(failure),
    }
}

/// Applies `change` to the top of the config file, or to `[profiles.NAME]`,
/// keeping every other line as it was.
fn edit_config(
    path: &Path,
    profile: Option<&str>,
    change: impl FnOnce(&mut toml_edit::Table),
) -> Result<(), Failure> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(config_failure(format!(
                "cannot read config file {}: {e}",
                path.display()
            )))
        }
    };
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        config_failure(format!("config file {}: {}", path.display(), e.message()))
    })?;
    let table = match profile {
        None => doc.as_table_mut(),
        Some(name) => {
            let profiles = doc
                .entry("profiles")
                .or_insert_with(|| {
                    let mut t = toml_edit::Table::new();
                    t.set_implicit(true);
                    toml_edit::Item::Table(t)
                })
                .as_table_mut()
                .ok_or_else(|| config_failure("`profiles` in the config file is not a table"))?;
            profiles
                .entry(name)
                .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()))
                .as_table_mut()
                .ok_or_else(|| {
                    config_failure(format!("profile {name} in the config file is not a table"))
                })?
        }
    };
    change(table);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| config_failure(format!("cannot create {}: {e}", dir.display())))?;
    }
    let written = if path.exists() {
        std::fs::write(path, doc.to_string())
    } else {
        write_private(path, &doc.to_string())
    };
    written.map_err(|e| config_failure(format!("cannot write config file {}: {e}", path.display())))
}

/// Echo off on the terminal from before the prompt shows until the key is
/// read, restored when dropped. rpassword turns echo off only after printing
/// its prompt, so a key pasted at once could otherwise appear on the screen.
/// Ctrl-C becomes a key at the same moment, as rpassword makes it, so one
/// pressed before rpassword takes over still reaches it.
struct EchoOff {
    #[cfg(unix)]
    saved: Option<(std::fs::File, rustix::termios::Termios)>,
}

impl EchoOff {
    #[cfg(unix)]
    fn new() -> Self {
        use rustix::termios::{tcgetattr, tcsetattr, LocalModes, OptionalActions};
        let saved = std::fs::File::open("/dev/tty").ok().and_then(|tty| {
            let before = tcgetattr(&tty).ok()?;
            let mut quiet = before.clone();
            quiet.local_modes -= LocalModes::ECHO | LocalModes::ISIG;
            tcsetattr(&tty, OptionalActions::Now, &quiet).ok()?;
            Some((tty, before))
        });
        EchoOff { saved }
    }

    /// A Windows console echoes typed keys only when they are read.
    #[cfg(not(unix))]
    fn new() -> Self {
        EchoOff {}
    }
}

#[cfg(unix)]
impl Drop for EchoOff {
    fn drop(&mut self) {
        if let Some((tty, before)) = &self.saved {
            let _ = rustix::termios::tcsetattr(tty, rustix::termios::OptionalActions::Now, before);
        }
    }
}

/// Writes a file only its owner can read (0600 on Unix).
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let mut file = options.open(path)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        file.write_all(text.as_bytes())
    }
    #[cfg(not(unix))]
    {
        options.open(path)?.write_all(text.as_bytes())
    }
}

/// A profile's name as part of a file name.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
