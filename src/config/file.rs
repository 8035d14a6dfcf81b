//! Reading what the user keeps on disk: where the config file is, the file
//! itself (small, regular, strict), and the CA file it may name.

use super::*;

/// Key and config files are small: anything larger is not one.
pub const MAX_FILE: u64 = 64 * 1024;

/// The config file to read, and whether it was named explicitly by --config
/// (a missing explicit file is an error; a missing default is not).
pub fn locate(
    flag: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<(Sourced<PathBuf>, bool)> {
    if let Some(path) = flag {
        return Some((sourced(path.to_path_buf(), Source::Flag("--config")), true));
    }
    if let Some(path) = env_value(env, "PEAKA_CONFIG") {
        let mut path = PathBuf::from(path);
        if path.is_dir() {
            path.push("config.toml");
        }
        return Some((sourced(path, Source::Env("PEAKA_CONFIG")), false));
    }
    let path = dirs::config_dir()?.join("peaka").join("config.toml");
    Some((sourced(path, Source::Default), false))
}

/// Reads and checks the config file. Errors never quote the file's lines:
/// they may hold the API key.
pub fn load(path: &Path, explicit: bool) -> Result<ConfigFile, Failure> {
    let shown = path.display();
    let text = match read_small_file(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
            return Ok(ConfigFile {
                path: path.to_path_buf(),
                ..ConfigFile::default()
            })
        }
        Err(e) => return Err(config(format!("cannot read config file {shown}: {e}"))),
    };
    let mut file = parse(&text).map_err(|e| config(format!("config file {shown}: {e}")))?;
    file.path = path.to_path_buf();
    file.found = true;
    let holds_key = std::iter::once(&file.top)
        .chain(file.profiles.values())
        .any(|layer| layer.api_key.is_some());
    if holds_key && readable_by_others(path) {
        file.warnings.push(format!(
            "config file {shown} holds an API key and can be read by other users; run: chmod 600 {shown}"
        ));
    }
    Ok(file)
}

pub(super) fn parse(text: &str) -> Result<ConfigFile, String> {
    let mut table: toml::Table = text.parse().map_err(|e: toml::de::Error| match e.span() {
        Some(span) => {
            let (line, column) = line_column(text, span.start);
            format!("line {line}, column {column}: {}", e.message().trim())
        }
        None => e.message().trim().to_string(),
    })?;
    let mut profiles = BTreeMap::new();
    if let Some(value) = table.remove("profiles") {
        let toml::Value::Table(entries) = value else {
            return Err("`profiles` must be a table of [profiles.NAME] tables".into());
        };
        for (name, value) in entries {
            let layer = Layer::deserialize(value)
                .map_err(|e| format!("profile {name}: {}", e.message().trim()))?;
            profiles.insert(name, layer);
        }
    }
    let top = Layer::deserialize(toml::Value::Table(table))
        .map_err(|e| e.message().trim().to_string())?;
    Ok(ConfigFile {
        top,
        profiles,
        ..ConfigFile::default()
    })
}

/// Reads a regular file of at most 64 KiB. A FIFO, a device or a directory
/// is refused before it is opened: reading one could hang or never end.
pub fn read_small_file(path: &Path) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a directory"
        } else {
            "not a regular file (a FIFO, socket or device?)"
        };
        return Err(Error::new(ErrorKind::InvalidInput, format!("it is {what}")));
    }
    let file = std::fs::File::open(path)?;
    read_capped(file)
}

/// At most 64 KiB of UTF-8 text; more is refused, not cut.
pub(super) fn read_capped(input: impl Read) -> std::io::Result<String> {
    use std::io::{Error, ErrorKind};
    let mut bytes = Vec::new();
    input.take(MAX_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(Error::new(
            ErrorKind::InvalidData,
            "it is larger than 64 KiB",
        ));
    }
    String::from_utf8(bytes).map_err(|_| Error::new(ErrorKind::InvalidData, "it is not UTF-8 text"))
}

pub(super) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
    (line, column)
}

#[cfg(unix)]
pub(super) fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o077 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
pub(super) fn readable_by_others(_: &Path) -> bool {
    false
}

/// The config file a run reads, and where its path came from; with no home
/// directory, none: a run goes on flags and environment alone.
pub fn open(
    flag: Option<&Path>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(Sourced<PathBuf>, ConfigFile), Failure> {
    match locate(flag, env) {
        Some((path, explicit)) => {
            let file = load(&path.value, explicit)?;
            Ok((path, file))
        }
        None => Ok((nowhere(), ConfigFile::default())),
    }
}

/// The config file that `--config`/`PEAKA_CONFIG` name, read if it can be,
/// for the output format of an early failure.
pub fn try_load(flag: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> Option<ConfigFile> {
    let (path, explicit) = locate(flag, env)?;
    load(&path.value, explicit).ok()
}

/// Reads the extra CA bundle: a regular file of PEM certificates, at most
/// 4 MiB (a system bundle is a few hundred KiB).
pub fn read_ca_cert(path: &Sourced<PathBuf>) -> Result<Vec<u8>, Failure> {
    let problem = |why: String| {
        config(format!(
            "cannot read CA certificate file {} (from {}): {why}",
            path.value.display(),
            path.source
        ))
    };
    let meta = std::fs::metadata(&path.value).map_err(|e| problem(e.to_string()))?;
    if !meta.is_file() {
        return Err(problem("it is not a regular file".into()));
    }
    if meta.len() > 4 << 20 {
        return Err(problem("it is larger than 4 MiB".into()));
    }
    std::fs::read(&path.value).map_err(|e| problem(e.to_string()))
}

pub fn no_config_dir() -> Failure {
    config("cannot find a config directory (is HOME set?)")
        .hint("name a file with --config or PEAKA_CONFIG")
}

pub fn nowhere() -> Sourced<PathBuf> {
    sourced(PathBuf::from("(no config file)"), Source::Default)
}
