//! `peaka auth login`, `status` and `logout`: a key saved in a file readable
//! only by its owner, beside the config file, which names it. What the
//! three share is here; each command is a file.

mod login;
mod logout;
mod status;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::api::ProjectRef;
use crate::client::Client;
use crate::commands::session::client_options;
use crate::commands::Run;
use crate::config::{self, Settings};
use crate::exit::{config as config_failure, Failure};
use crate::files::Layout;
use crate::output::{self, Document, Style};
use crate::sanitize;
use crate::secret::ApiKey;

super::group! {
    #[command(arg_required_else_help = true)]
    Commands {
        Login(login::Args),
        Status(status::Args),
        Logout(logout::Args),
    }
}

/// The comment `auth login` leaves on the `api_key_file` line it writes:
/// `auth logout` removes a key file only when it is there.
const MARK: &str = "# set by peaka auth login";

/// Where a Peaka API key is made, for prompts and hints.
pub const WHERE_KEYS_ARE_MADE: &str =
    "a partner key is created in Peaka under Developer > Partner API Key; a project key through the project's API keys";

/// What every auth command starts from: the config file, and the profile
/// (the flag, else PEAKA_PROFILE).
fn start(run: &Run) -> Result<(PathBuf, Option<String>), Failure> {
    let (path, _) =
        config::locate(run.global.config.as_deref(), run.env).ok_or_else(config::no_config_dir)?;
    let profile = run
        .global
        .profile
        .clone()
        .or_else(|| (run.env)("PEAKA_PROFILE").filter(|p| !p.trim().is_empty()));
    Ok((path.value, profile))
}

/// `peaka auth login`, `status` and `logout`, and the line for people.
struct Auth {
    document: AuthDocument,
    message: String,
}

/// `peaka auth login`, `status` and `logout`.
#[derive(Serialize, Debug, Default)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AuthDocument {
    /// The profile of the config file, if one was chosen.
    profile: Option<String>,
    config_file: String,
    /// The file that holds the key (login, logout), if any.
    key_file: Option<String>,
    /// Logout: whether it removed the key file, which it does only when
    /// `auth login` made it; `null` when no key file was named.
    key_file_removed: Option<bool>,
    /// `***` and at most the key's last four characters.
    key: Option<String>,
    /// Where the key comes from (status): the flag, `env PEAKA_API_KEY`, the
    /// key file's path or the config file; after a logout, `env
    /// PEAKA_API_KEY` when that variable is still set.
    source: Option<String>,
    /// Whether the API accepted the key; `null` when not checked (no
    /// project configured, or logout).
    accepted: Option<bool>,
}

impl AuthDocument {
    fn new(profile: Option<String>, config_path: &Path) -> AuthDocument {
        AuthDocument {
            profile,
            config_file: config_path.display().to_string(),
            ..AuthDocument::default()
        }
    }
}

impl Serialize for Auth {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.document.serialize(serializer)
    }
}

impl Document for Auth {
    fn human(&self, _: &Style, out: &mut dyn Write, _: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", sanitize::message(&self.message))
    }
}

/// The documents the auth commands print.
#[cfg(test)]
fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
    vec![generator.subschema_for::<crate::document::Envelope<AuthDocument>>()]
}

/// The settings of a login or logout; a profile it names may not exist (a
/// login makes it, a logout may have removed it), nor, when `new_file`, a
/// config file that `--config` names.
fn tolerant_settings(
    run: &Run,
    project: Option<&str>,
    profile: Option<&str>,
    new_file: bool,
) -> Result<Settings, Failure> {
    let global = run.global;
    let (path, explicit) =
        config::locate(global.config.as_deref(), run.env).ok_or_else(config::no_config_dir)?;
    let must_exist = explicit && (!new_file || path.value.exists());
    let mut file = config::load(&path.value, must_exist)?;
    if let Some(name) = profile {
        file.profiles.entry(name.to_string()).or_default();
    }
    config::resolve(&global.flags(), project, run.env, path, &file)
}

/// Says on stderr, unless `-q`, what a write could not keep of a file.
fn tell(notes: &[String], run: &Run) {
    for note in notes {
        output::warn(&run.style, &mut *run.stderr.borrow_mut(), note);
    }
}

fn nothing_saved(failure: Failure) -> Failure {
    Failure {
        message: format!("{}; nothing was saved", failure.message),
        ..failure
    }
}

fn nothing_changed(failure: Failure) -> Failure {
    Failure {
        message: format!("{}; nothing was changed", failure.message),
        ..failure
    }
}

/// Asks the API whether it accepts the key for `project`: 401/403 are
/// exit 4 (the caller words their hint).
fn check(key: &ApiKey, project: &str, settings: &Settings, run: &Run) -> Result<(), Failure> {
    crate::api::check_project_id(project)?;
    let log = crate::progress::Diagnostics {
        style: run.style,
        verbose: false,
        err: run.stderr,
    };
    let options = client_options(settings)?;
    let client = Client::new(options, key, run.clock, &log)?;
    let project_ref = ProjectRef {
        client: &client,
        project,
    };
    project_ref.list(None, None).map(drop)
}

/// The config file `[profiles.NAME]` is in, or the config file.
fn place(config_path: &Path, profile: Option<&str>) -> String {
    match profile {
        Some(name) => format!(
            "{} of {}",
            config::profile_table(name),
            config_path.display()
        ),
        None => config_path.display().to_string(),
    }
}

/// The config file as it is (`""` when there is none), and as `change`
/// leaves its text (without a BOM), in the same layout. Refused when the
/// result is more than peaka reads.
pub(super) fn edited_config(
    path: &Path,
    change: impl FnOnce(&str) -> Result<String, String>,
) -> Result<(String, String), Failure> {
    let before = match config::read_small_file(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(config_failure(format!(
                "cannot read config file {}: {e}",
                path.display()
            )))
        }
    };
    let (layout, body) = Layout::of(&before);
    let problem =
        |message: &str| config_failure(format!("config file {}: {message}", path.display()));
    let after = layout.apply(&change(body).map_err(|message| problem(&message))?);
    if after.len() as u64 > config::MAX_FILE {
        return Err(problem(&format!(
            "with the change it would be {} bytes, more than the {} KiB peaka reads",
            after.len(),
            config::MAX_FILE / 1024
        )));
    }
    Ok((before, after))
}
