//! `peaka auth login`, `status` and `logout`: a key saved in a file readable
//! only by its owner, beside the config file, which names it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table, TableLike};

use crate::api::ProjectRef;
use crate::cli::{AuthArgs, AuthCommand, Global};
use crate::client::Client;
use crate::config::{self, KeyRef, Settings};
use crate::document::{AuthDocument, SCHEMA_VERSION};
use crate::edit;
use crate::exit::{config as config_failure, Failure, Kind};
use crate::files::{self, Layout};
use crate::output::{self, Report};
use crate::progress::{self, Diagnostics};
use crate::secret::ApiKey;
use crate::signal;

use super::{words, Context, World};

/// The comment `auth login` leaves on the `api_key_file` line it writes:
/// `auth logout` removes a key file only when it is there.
const MARK: &str = "# set by peaka auth login";

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
        // A profile that login is to make, or that logout has emptied and
        // removed, may not be there; nor a config file that login makes.
        AuthCommand::Login(_) => {
            tolerant_settings(global, project, profile.as_deref(), true, ctx, world)?
        }
        AuthCommand::Logout => {
            tolerant_settings(global, project, profile.as_deref(), false, ctx, world)?
        }
        AuthCommand::Status(_) => super::load_settings(global, project, ctx, world)?,
    };
    let mut doc = AuthDocument {
        schema_version: SCHEMA_VERSION,
        ok: true,
        action: ctx.action,
        profile: profile.clone(),
        config_file: path.value.display().to_string(),
        key_file: None,
        key_file_removed: None,
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
        AuthCommand::Logout => logout(&path.value, profile.as_deref(), ctx, world, &mut doc)?,
    };
    Ok(Report::Auth(doc, message))
}

/// The settings of a login or logout; a profile it names may not exist (a
/// login makes it, a logout may have removed it), nor, when `new_file`, a
/// config file that `--config` names.
fn tolerant_settings(
    global: &Global,
    project: Option<&str>,
    profile: Option<&str>,
    new_file: bool,
    ctx: &mut Context,
    world: &mut World,
) -> Result<Settings, Failure> {
    let (path, explicit) =
        config::locate(global.config.as_deref(), world.env).ok_or_else(config::no_config_dir)?;
    let must_exist = explicit && (!new_file || path.value.exists());
    let mut file = config::load(&path.value, must_exist)?;
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
    let (key, given) = read_login_key(world)?;
    doc.key = Some(key.hint());
    // Everything that can be checked is, before anything is written: where
    // the key file goes, that the config file can take the setting, and
    // that the API takes the key.
    let (key_file, named) = key_file_for(config_path, profile).map_err(nothing_saved)?;
    let set = |body: &str| set_key_file(body, profile, &named);
    edited_config(config_path, set).map_err(nothing_saved)?;
    if let Some(project) = &settings.project {
        let edge = words::Edge::login(given);
        check(&key, &project.value, settings, ctx, world)
            .map_err(|f| nothing_saved(words::worded(f, &edge)))?;
        doc.accepted = Some(true);
    }
    let _lock = files::lock(config_path).map_err(nothing_saved)?;
    // Read again under the lock: another run may have changed it meanwhile.
    let (_, text) = edited_config(config_path, set).map_err(nothing_saved)?;
    let notes =
        save(&key, &key_file, config_path, &text).map_err(|unwritten| match unwritten.undone {
            true => nothing_saved(unwritten.failure),
            false => unwritten.failure.hint(format!(
                "{} holds the new key and {} is as it was; run `peaka auth login` again",
                key_file.display(),
                config_path.display()
            )),
        })?;
    tell(&notes, ctx, world);
    doc.key_file = Some(key_file.display().to_string());
    let checked = match doc.accepted {
        Some(_) => "the API accepts it; ",
        None => "not checked (no project configured); ",
    };
    Ok(format!(
        "Logged in: key {} saved to {} (readable only by you); {checked}{} names it.",
        key.hint(),
        key_file.display(),
        place(config_path, profile)
    ))
}

/// Says on stderr, unless `-q`, what a write could not keep of a file.
fn tell(notes: &[String], ctx: &Context, world: &mut World) {
    for note in notes {
        output::warn(&ctx.style, &mut *world.stderr.borrow_mut(), note);
    }
}

/// Writes the key file and the config file that names it, both or neither:
/// the key file first, so that the config never names a key file that is
/// not there.
fn save(
    key: &ApiKey,
    key_file: &Path,
    config_path: &Path,
    config: &str,
) -> Result<Vec<String>, files::Unwritten> {
    let secret = format!("{}\n", key.expose());
    files::write_all(&[
        files::Write {
            path: key_file,
            bytes: secret.as_bytes(),
            private: true,
        },
        files::Write {
            path: config_path,
            bytes: config.as_bytes(),
            private: false,
        },
    ])
}

/// The key, asked for on a terminal without echo, or read from standard
/// input; and where it came from, for a refusal's hint.
fn read_login_key(world: &mut World) -> Result<(ApiKey, &'static str), Failure> {
    if !std::io::stdin().is_terminal() {
        let key_ref = config::Sourced {
            value: KeyRef::File(PathBuf::from("-")),
            source: config::Source::Stdin,
        };
        let key = config::read_key(&key_ref, world.stdin)?;
        return Ok((key, "standard input"));
    }
    let _quiet = EchoOff::new();
    progress::say(
        world.stderr,
        &format!("Paste a Peaka API key ({WHERE_KEYS_ARE_MADE})."),
    );
    // rpassword reads Ctrl-C as a key and raises SIGINT itself; any signal,
    // that one included, ends the wait for it here.
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
    let key_ref = config::Sourced {
        value: KeyRef::Inline(typed),
        source: config::Source::Stdin,
    };
    Ok((config::read_key(&key_ref, world.stdin)?, "the terminal"))
}

fn nothing_saved(failure: Failure) -> Failure {
    Failure {
        message: format!("{}; nothing was saved", failure.message),
        ..failure
    }
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
    // Its errors name where it came from.
    let key = config::read_key(key_ref, world.stdin)?;
    let origin = config::key_origin(key_ref);
    doc.key = Some(key.hint());
    doc.source = Some(origin.clone());
    if let KeyRef::File(path) = &key_ref.value {
        doc.key_file = Some(path.display().to_string());
    }
    let verdict = match &settings.project {
        Some(project) => {
            let edge = words::Edge::of(settings);
            let checked = check(&key, &project.value, settings, ctx, world);
            let checked = checked.map_err(|f| words::worded(f, &edge));
            checked.map_err(|mut failure| {
                if !matches!(failure.kind, Kind::Auth | Kind::Interrupted(_)) {
                    let said = failure
                        .hint
                        .take()
                        .map(|h| format!("{h}; "))
                        .unwrap_or_default();
                    failure.hint = Some(format!("{said}the API key comes from {origin}"));
                }
                failure
            })?;
            doc.accepted = Some(true);
            format!("the API accepts it for project {}", project.value)
        }
        None => "not checked: no project configured (pass --project)".to_string(),
    };
    Ok(format!("API key {} from {origin}; {verdict}.", key.hint()))
}

fn logout(
    config_path: &Path,
    profile: Option<&str>,
    ctx: &Context,
    world: &mut World,
    doc: &mut AuthDocument,
) -> Result<String, Failure> {
    let what = match config_path.exists() {
        true => remove_key(config_path, profile, ctx, world, doc)?,
        false => format!("no key was saved in {}", place(config_path, profile)),
    };
    let still = match (world.env)("PEAKA_API_KEY").filter(|k| !k.trim().is_empty()) {
        Some(_) => {
            doc.source = Some(config::Source::Env("PEAKA_API_KEY").to_string());
            " PEAKA_API_KEY is still set: that key still applies."
        }
        None => "",
    };
    Ok(format!("Logged out: {what}.{still}"))
}

/// Removes the key's settings under the lock, and the key file when
/// `auth login` made it (its line has the mark); says what it did.
fn remove_key(
    config_path: &Path,
    profile: Option<&str>,
    ctx: &Context,
    world: &mut World,
    doc: &mut AuthDocument,
) -> Result<String, Failure> {
    let place = place(config_path, profile);
    let _lock = files::lock(config_path).map_err(nothing_changed)?;
    let mut removed = Removed::default();
    let (before, text) = edited_config(config_path, |body| {
        let (text, taken) = remove_settings(body, profile)?;
        removed = taken;
        Ok(text)
    })
    .map_err(nothing_changed)?;
    if !removed.inline && removed.file.is_none() {
        return Ok(format!("no key was saved in {place}"));
    }
    let write = |text: &str| {
        files::write_all(&[files::Write {
            path: config_path,
            bytes: text.as_bytes(),
            private: false,
        }])
    };
    // The setting and the file it names go together: no signal comes
    // between them.
    let (notes, what) = signal::uncut(|| {
        let notes = write(&text).map_err(|unwritten| match unwritten.undone {
            true => nothing_changed(unwritten.failure),
            false => unwritten.failure,
        })?;
        let Some((file, marked)) = removed.file else {
            return Ok((notes, format!("removed the api_key setting in {place}")));
        };
        let file = files::dir_of(config_path).join(file);
        doc.key_file = Some(file.display().to_string());
        doc.key_file_removed = Some(marked);
        if !marked {
            return Ok((notes, format!(
                "removed the api_key_file setting in {place}; kept {}, which `peaka auth login` did not make",
                file.display()
            )));
        }
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((notes, format!(
                    "removed the api_key_file setting in {place}; the key file it named, {}, was not there",
                    file.display()
                )));
            }
            Err(e) => {
                let failure = config_failure(format!("cannot remove {}: {e}", file.display()));
                // The setting goes back: the config names the file still there.
                return Err(match write(&before) {
                    Ok(_) => nothing_changed(failure),
                    Err(undo) => Failure {
                        message: format!(
                            "{}, and the setting removed from {place} cannot be put back: {}",
                            failure.message, undo.failure.message
                        ),
                        ..failure
                    },
                });
            }
        }
        Ok((
            notes,
            format!("removed {} and its setting in {place}", file.display()),
        ))
    })?;
    tell(&notes, ctx, world);
    Ok(what)
}

fn nothing_changed(failure: Failure) -> Failure {
    Failure {
        message: format!("{}; nothing was changed", failure.message),
        ..failure
    }
}

/// Asks the API whether it accepts the key for `project`: 401/403 are
/// exit 4 (the caller words their hint).
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
    let options = super::client_options(settings)?;
    let client = Client::new(options, key, world.clock, &log)?;
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
fn edited_config(
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

/// Sets `api_key_file = NAME` at the top, or in `[profiles.NAME]`, with the
/// mark: in place of a key setting there (its comments and place kept),
/// else added.
fn set_key_file(body: &str, profile: Option<&str>, name: &str) -> Result<String, String> {
    let line = format!("api_key_file = {} {MARK}", toml_edit::Value::from(name));
    if let Some(text) = edit::replace(body, profile, &line) {
        return Ok(text);
    }
    let mut toml: DocumentMut = body
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let table = match profile {
        None => toml.as_table_mut(),
        Some(profile) => {
            let cannot = |what: String| {
                format!("{what} is an inline table, which cannot hold the comment `peaka auth login` marks its line with; write it as a [profiles.{profile}] table")
            };
            let profiles = toml
                .entry("profiles")
                .or_insert_with(|| {
                    let mut t = Table::new();
                    t.set_implicit(true);
                    Item::Table(t)
                })
                .as_table_mut()
                .ok_or_else(|| cannot("`profiles`".into()))?;
            profiles
                .entry(profile)
                .or_insert_with(|| Item::Table(Table::new()))
                .as_table_mut()
                .ok_or_else(|| cannot(format!("profile {profile}")))?
        }
    };
    table.remove("api_key");
    let mut value = toml_edit::Value::from(name);
    value.decor_mut().set_suffix(format!(" {MARK}"));
    table.insert("api_key_file", Item::Value(value));
    Ok(toml.to_string())
}

/// What logout took out of the config file: an `api_key`, and the key file
/// named, with whether `auth login` marked it.
#[derive(Default)]
struct Removed {
    inline: bool,
    file: Option<(PathBuf, bool)>,
}

/// Takes the key settings out of the top or `[profiles.NAME]`, and that
/// table too when nothing is left in it; only their lines go.
fn remove_settings(body: &str, profile: Option<&str>) -> Result<(String, Removed), String> {
    if let Some((text, taken)) = edit::remove(body, profile, MARK) {
        let mut removed = Removed::default();
        for taken in taken {
            match (taken.name, taken.value) {
                ("api_key_file", Some(file)) => removed.file = Some((file.into(), taken.marked)),
                _ => removed.inline = true,
            }
        }
        return Ok((text, removed));
    }
    // A form the text edit does not handle: the parsed document, edited.
    let mut toml: DocumentMut = body
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let removed = match profile {
        None => take_key(toml.as_table_mut()),
        Some(name) => {
            let profiles = toml.get_mut("profiles").and_then(Item::as_table_like_mut);
            match profiles {
                Some(profiles) => match profiles.get_mut(name).and_then(Item::as_table_like_mut) {
                    Some(table) => {
                        let removed = take_key(table);
                        if table.is_empty() {
                            profiles.remove(name);
                        }
                        removed
                    }
                    None => Removed::default(),
                },
                None => Removed::default(),
            }
        }
    };
    Ok((toml.to_string(), removed))
}

fn take_key(table: &mut dyn TableLike) -> Removed {
    let inline = table.remove("api_key").is_some();
    let file = table.remove("api_key_file").and_then(|item| {
        let value = item.as_value()?;
        let suffix = value.decor().suffix().and_then(|s| s.as_str());
        let marked = suffix.is_some_and(|s| s.contains(MARK));
        Some((PathBuf::from(value.as_str()?), marked))
    });
    Removed { inline, file }
}

/// Where login keeps the key of `profile` of the config file at
/// `config_path`, and how the config file names it: beside the config file
/// as it is named, by its name alone; but by its whole path when that config
/// file is a symlink, so that reading the config through its target (or
/// through another link) finds it too. Refused when the key file could be
/// a config file.
fn key_file_for(config_path: &Path, profile: Option<&str>) -> Result<(PathBuf, String), Failure> {
    let name = |path: &Path| {
        path.file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default()
    };
    let given = name(config_path);
    for config_name in [&given, &name(&files::target(config_path))] {
        let lower = config_name.to_string_lossy().to_ascii_lowercase();
        if lower.starts_with(KEY_FILE) {
            return Err(config_failure(format!(
                "config file {} is named like a key file ({KEY_FILE}…), which `peaka auth login` writes beside config files",
                config_path.display()
            ))
            .hint("give the config file another name, such as config.toml"));
        }
    }
    let file_name = key_file_name(&given, profile);
    let linked = std::fs::symlink_metadata(config_path).is_ok_and(|m| m.file_type().is_symlink());
    let (path, named) = match linked {
        false => (files::dir_of(config_path).join(&file_name), file_name),
        true => {
            let dir = files::dir_of(config_path);
            let dir = std::fs::canonicalize(dir).or_else(|_| std::path::absolute(dir));
            let path = dir
                .map_err(|e| {
                    config_failure(format!(
                        "cannot find the directory of {}: {e}",
                        config_path.display()
                    ))
                })?
                .join(&file_name);
            let named = path.to_str().map(str::to_string).ok_or_else(|| {
                config_failure(format!(
                    "the key file {} cannot be named in a TOML file: its path is not UTF-8",
                    path.display()
                ))
            })?;
            (path, named)
        }
    };
    if same_file(&path, config_path) {
        return Err(config_failure(format!(
            "the key file {} would be the config file itself",
            path.display()
        )));
    }
    Ok((path, named))
}

/// Whether `a` and `b` are the same existing file, through any links.
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The start of every key file's name.
const KEY_FILE: &str = "peaka-api-key";

/// The key file's name, unique for each pair of config file name and
/// profile: `peaka-api-key`, then `-PROFILE` for a profile, then
/// `@CONFIG` unless the config file is named `config.toml`. In PROFILE,
/// lowercase ASCII letters, digits, `-` and `_` stand as they are; in
/// CONFIG, `.` too; every other byte is written `%XX` (upper-case hex).
/// Neither part can hold `@`, so no two pairs share a name, even where file
/// names are compared without case: upper-case letters come only after a
/// `%`.
fn key_file_name(config: &std::ffi::OsStr, profile: Option<&str>) -> String {
    let mut name = String::from(KEY_FILE);
    let escape = |bytes: &[u8], also: &[u8], name: &mut String| {
        for &byte in bytes {
            match byte {
                b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' => name.push(char::from(byte)),
                _ if also.contains(&byte) => name.push(char::from(byte)),
                _ => name.push_str(&format!("%{byte:02X}")),
            }
        }
    };
    if let Some(profile) = profile {
        name.push('-');
        escape(profile.as_bytes(), b"", &mut name);
    }
    if config != "config.toml" {
        name.push('@');
        escape(config.as_encoded_bytes(), b".", &mut name);
    }
    name
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn key_file_names_never_collide_even_without_case() {
        let names = [
            "dev.eu", "dev_eu", "dev%2Eeu", "Dev", "dev", "DEV", "dév", "a b", "", "-", "a@b",
        ];
        let configs = [
            "config.toml",
            "prod.toml",
            "Prod.toml",
            "prod",
            "a@b",
            "x.toml@b",
        ];
        let config = OsStr::new("config.toml");
        let name = |config: &str, profile: Option<&str>| key_file_name(OsStr::new(config), profile);
        assert_eq!(key_file_name(config, None), "peaka-api-key");
        assert_eq!(
            key_file_name(config, Some("dev.eu")),
            "peaka-api-key-dev%2Eeu"
        );
        assert_eq!(
            key_file_name(config, Some("dev_eu")),
            "peaka-api-key-dev_eu"
        );
        assert_eq!(key_file_name(config, Some("Dev")), "peaka-api-key-%44ev");
        assert_eq!(
            name("prod.toml", Some("main")),
            "peaka-api-key-main@prod.toml"
        );
        assert_eq!(name("staging.toml", None), "peaka-api-key@staging.toml");
        let mut folded = Vec::new();
        for config in configs {
            folded.push(name(config, None).to_lowercase());
            for profile in names {
                folded.push(name(config, Some(profile)).to_lowercase());
            }
        }
        let all = folded.len();
        folded.sort();
        folded.dedup();
        assert_eq!(folded.len(), all, "{folded:?}");
    }

    #[test]
    fn logout_takes_out_what_login_put_in() {
        let text = "# top\nzone = \"us\"\n";
        let set = set_key_file(text, Some("ci"), "peaka-api-key-ci").unwrap();
        assert!(set.ends_with(
            "[profiles.ci]\napi_key_file = \"peaka-api-key-ci\" # set by peaka auth login\n"
        ));
        let (unset, removed) = remove_settings(&set, Some("ci")).unwrap();
        assert_eq!(removed.file, Some(("peaka-api-key-ci".into(), true)));
        assert_eq!(unset, text);
        let inline = "profiles = { ci = { zone = \"eu\" } }";
        assert!(set_key_file(inline, Some("ci"), "k").is_err());
    }
}
