//! `peaka auth login`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Table};

use crate::cli::ProjectArg;
use crate::commands::{words, Exec, Failed, Run};
use crate::config::{self, KeyRef, Settings};
use crate::edit;
use crate::exit::{config as config_failure, Failure};
use crate::files;
use crate::output::Report;
use crate::progress;
use crate::secret::ApiKey;
use crate::signal;

use super::{
    check, edited_config, nothing_saved, place, start, tell, tolerant_settings, Auth, AuthDocument,
    MARK, WHERE_KEYS_ARE_MADE,
};

/// Save an API key: read without echo on a terminal (or from standard
/// input), checked against the API when a project is configured, kept
/// in a file readable only by you, named in the config file
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = concat!(
    "Examples:\n",
    "  peaka auth login -p mtKDhe1U\n",
    "  peaka auth login --profile eu-prod\n",
    "  printf '%s\\n' \"$KEY\" | peaka auth login"
))]
pub struct Args {
    #[command(flatten)]
    project: ProjectArg,
}

impl Exec for Args {
    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        let (path, profile) = start(run)?;
        let project = self.project.project.as_deref();
        // A profile that login is to make may not be there; nor a config
        // file that login makes.
        let settings = tolerant_settings(run, project, profile.as_deref(), true)?;
        let mut document = AuthDocument::new(profile.clone(), &path);
        let message = login(&path, profile.as_deref(), &settings, run, &mut document)?;
        Ok(Report::new(run.action, Auth { document, message }))
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        super::schemas(generator)
    }
}

fn login(
    config_path: &Path,
    profile: Option<&str>,
    settings: &Settings,
    run: &mut Run,
    doc: &mut AuthDocument,
) -> Result<String, Failure> {
    let (key, given) = read_login_key(run)?;
    doc.key = Some(key.hint());
    // Everything that can be checked is, before anything is written: where
    // the key file goes, that the config file can take the setting, and
    // that the API takes the key.
    let (key_file, named) = key_file_for(config_path, profile).map_err(nothing_saved)?;
    let set = |body: &str| set_key_file(body, profile, &named);
    edited_config(config_path, set).map_err(nothing_saved)?;
    if let Some(project) = &settings.project {
        let edge = words::Edge::login(given);
        check(&key, &project.value, settings, run)
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
    tell(&notes, run);
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
fn read_login_key(run: &mut Run) -> Result<(ApiKey, &'static str), Failure> {
    if !std::io::stdin().is_terminal() {
        let key_ref = config::Sourced {
            value: KeyRef::File(PathBuf::from("-")),
            source: config::Source::Stdin,
        };
        let key = config::read_key(&key_ref, run.stdin)?;
        return Ok((key, "standard input"));
    }
    let _quiet = EchoOff::new();
    progress::say(
        run.stderr,
        &format!("Paste a Peaka API key ({WHERE_KEYS_ARE_MADE})."),
    );
    // rpassword reads Ctrl-C as a key and raises SIGINT itself; any signal,
    // that one included, ends the wait for it here.
    let typed = match signal::unless_caught(|| rpassword::prompt_password("API key: ")) {
        Ok(typed) => typed,
        Err(signal) => {
            // The prompt's line is still open.
            let _ = writeln!(run.stderr.borrow_mut());
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
    Ok((config::read_key(&key_ref, run.stdin)?, "the terminal"))
}

/// Sets `api_key_file = NAME` at the top, or in `[profiles.NAME]`, with the
/// mark: in place of a key setting there (its comments and place kept),
/// else added.
pub(super) fn set_key_file(
    body: &str,
    profile: Option<&str>,
    name: &str,
) -> Result<String, String> {
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
}
