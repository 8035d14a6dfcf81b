//! `peaka auth logout`.

use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, TableLike};

use crate::commands::{Exec, Failed, Run};
use crate::config;
use crate::edit;
use crate::exit::{config as config_failure, Failure};
use crate::files;
use crate::output::Report;
use crate::signal;

use super::{
    edited_config, nothing_changed, place, start, tell, tolerant_settings, Auth, AuthDocument, MARK,
};

/// Remove the key setting from the config file, and the key file when
/// auth login made it
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = "Examples:\n  peaka auth logout\n  peaka auth logout --profile eu-prod")]
pub struct Args {}

impl Exec for Args {
    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        let (path, profile) = start(run)?;
        // A profile that logout has emptied and removed may not be there.
        tolerant_settings(run, None, profile.as_deref(), false)?;
        let mut document = AuthDocument::new(profile.clone(), &path);
        let message = logout(&path, profile.as_deref(), run, &mut document)?;
        Ok(Report::new(run.action, Auth { document, message }))
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        super::schemas(generator)
    }
}

fn logout(
    config_path: &Path,
    profile: Option<&str>,
    run: &mut Run,
    doc: &mut AuthDocument,
) -> Result<String, Failure> {
    let what = match config_path.exists() {
        true => remove_key(config_path, profile, run, doc)?,
        false => format!("no key was saved in {}", place(config_path, profile)),
    };
    let still = match (run.env)("PEAKA_API_KEY").filter(|k| !k.trim().is_empty()) {
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
    run: &mut Run,
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
    // The setting and the file it names go together: no signal comes
    // between them.
    let (notes, what) = signal::uncut(|| {
        let notes =
            write_config(config_path, &text).map_err(|unwritten| match unwritten.undone {
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
        let what = remove_key_file(&file, config_path, &before, &place)?;
        Ok((notes, what))
    })?;
    tell(&notes, run);
    Ok(what)
}

/// The config file written whole, as `text`.
fn write_config(config_path: &Path, text: &str) -> Result<Vec<String>, files::Unwritten> {
    files::write_all(&[files::Write {
        path: config_path,
        bytes: text.as_bytes(),
        private: false,
    }])
}

/// Removes the key file `auth login` made, after its setting; when it
/// cannot, the setting goes back (`before`), so that the config still
/// names the file that is still there.
fn remove_key_file(
    file: &Path,
    config_path: &Path,
    before: &str,
    place: &str,
) -> Result<String, Failure> {
    match std::fs::remove_file(file) {
        Ok(()) => Ok(format!(
            "removed {} and its setting in {place}",
            file.display()
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(format!(
            "removed the api_key_file setting in {place}; the key file it named, {}, was not there",
            file.display()
        )),
        Err(e) => {
            let failure = config_failure(format!("cannot remove {}: {e}", file.display()));
            Err(match write_config(config_path, before) {
                Ok(_) => nothing_changed(failure),
                Err(undo) => Failure {
                    message: format!(
                        "{}, and the setting removed from {place} cannot be put back: {}",
                        failure.message, undo.failure.message
                    ),
                    ..failure
                },
            })
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::auth::login::set_key_file;

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
