//! Settings and where each came from: flag, environment, profile, config
//! file, default (highest first). `resolve` decides precedence and does no
//! I/O; `locate`, `load` and `read_key` do the reading.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;
use serde::Deserialize;

use crate::cli::{Format, Global};
use crate::exit::{config, Failure};
use crate::secret::ApiKey;
use crate::urls::{is_loopback, shown_url, zone_url, ZONES};

pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_RETRIES: u32 = 3;
/// Key and config files are small: anything larger is not one.
const MAX_FILE: u64 = 64 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    Profile(String, PathBuf),
    File(PathBuf),
    Default,
    /// The base URL of a zone, and where the zone came from.
    Zone(String, Box<Source>),
    /// Read from standard input (`auth login`, piped).
    Stdin,
}

impl Source {
    /// Flag 0, environment 1, profile 2, file 3, default 4: lower wins.
    fn rank(&self) -> u8 {
        match self {
            Source::Flag(_) => 0,
            Source::Env(_) => 1,
            Source::Profile(..) => 2,
            Source::File(_) => 3,
            Source::Default | Source::Stdin => 4,
            Source::Zone(_, source) => source.rank(),
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(name) => write!(f, "flag {name}"),
            Source::Env(name) => write!(f, "env {name}"),
            Source::Profile(name, file) => write!(f, "profile {name} in {}", file.display()),
            Source::File(file) => write!(f, "{}", file.display()),
            Source::Default => f.write_str("default"),
            Source::Zone(zone, source) => write!(f, "zone {zone}, {source}"),
            Source::Stdin => f.write_str("standard input"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

fn sourced<T>(value: T, source: Source) -> Sourced<T> {
    Sourced { value, source }
}

/// Where the API key is to be found; read by `read_key` only when needed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyRef {
    Inline(String),
    File(PathBuf),
}

/// Keys allowed at the top of the config file and in each profile.
#[derive(Deserialize, Default, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    pub api_key: Option<String>,
    pub api_key_file: Option<PathBuf>,
    pub zone: Option<String>,
    pub base_url: Option<String>,
    pub project: Option<String>,
    pub output: Option<String>,
    pub ca_cert: Option<PathBuf>,
}

#[derive(Default, Debug)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub found: bool,
    pub top: Layer,
    pub profiles: BTreeMap<String, Layer>,
    /// Printed once on stderr by the caller (unless --quiet).
    pub warnings: Vec<String>,
}

#[derive(Debug)]
pub struct Settings {
    pub config_file: Sourced<PathBuf>,
    pub profile: Option<Sourced<String>>,
    pub key: Option<Sourced<KeyRef>>,
    pub zone: Sourced<String>,
    pub base_url: Sourced<Url>,
    pub project: Option<Sourced<String>>,
    pub output: Sourced<Format>,
    pub request_timeout: Sourced<Duration>,
    pub retries: Sourced<u32>,
    /// An extra PEM bundle of CA certificates to trust.
    pub ca_cert: Option<Sourced<PathBuf>>,
}

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

fn parse(text: &str) -> Result<ConfigFile, String> {
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
fn read_capped(input: impl Read) -> std::io::Result<String> {
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

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
    (line, column)
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.permissions().mode() & 0o077 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn readable_by_others(_: &Path) -> bool {
    false
}

/// The output format for whatever is printed before the settings are
/// resolved (or when they cannot be): flag, environment, then the chosen
/// profile and the top of the config file, if it was read. Values that do
/// not name a format are passed over here; `resolve` reports them.
pub fn early_format(
    flag: Option<Format>,
    profile_flag: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
    file: Option<&ConfigFile>,
) -> Option<Format> {
    let from_file = || {
        let file = file?;
        let profile = profile_flag
            .map(str::to_string)
            .or_else(|| env_value(env, "PEAKA_PROFILE"));
        let layer = profile.and_then(|name| file.profiles.get(&name));
        layer
            .and_then(|l| l.output.as_deref())
            .or(file.top.output.as_deref())
            .and_then(Format::parse)
    };
    flag.or_else(|| {
        env_value(env, "PEAKA_OUTPUT")
            .as_deref()
            .and_then(Format::parse)
    })
    .or_else(from_file)
}

/// The config file that `--config`/`PEAKA_CONFIG` name, read if it can be,
/// for the output format of an early failure.
pub fn try_load(flag: Option<&Path>, env: &dyn Fn(&str) -> Option<String>) -> Option<ConfigFile> {
    let (path, explicit) = locate(flag, env)?;
    load(&path.value, explicit).ok()
}

fn env_value(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    env(name).filter(|v| !v.trim().is_empty())
}

/// Decides every setting from the flags, the environment and the config
/// file, highest first. Pure: the environment is a lookup function.
pub fn resolve(
    flags: &Global,
    project_flag: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
    config_file: Sourced<PathBuf>,
    file: &ConfigFile,
) -> Result<Settings, Failure> {
    let profile = match &flags.profile {
        Some(name) => Some(sourced(name.clone(), Source::Flag("--profile"))),
        None => env_value(env, "PEAKA_PROFILE").map(|n| sourced(n, Source::Env("PEAKA_PROFILE"))),
    };
    let lookup = Lookup::new(env, file, profile.as_ref())?;
    let key = resolve_key(flags, env, lookup.layers.iter().cloned())?;
    let (zone, base_url) = resolve_url(flags, &lookup)?;
    let project = lookup.pick(
        project_flag.map(|p| (p, "--project")),
        &["PEAKA_PROJECT", "PEAKA_PROJECT_ID"],
        |l| l.project.as_ref(),
    );
    let output = resolve_output(flags, &lookup)?;
    let ca_cert = resolve_ca_cert(flags, &lookup);
    let request_timeout = match flags.request_timeout {
        Some(t) => sourced(t, Source::Flag("--request-timeout")),
        None => sourced(DEFAULT_REQUEST_TIMEOUT, Source::Default),
    };
    let retries = match flags.retries {
        Some(n) => sourced(n, Source::Flag("--retries")),
        None => sourced(DEFAULT_RETRIES, Source::Default),
    };
    Ok(Settings {
        config_file,
        profile,
        key,
        zone,
        base_url,
        project,
        output,
        request_timeout,
        retries,
        ca_cert,
    })
}

/// `--ca-cert`, `PEAKA_CA_CERT`, or `ca_cert` in the file (beside it, when
/// relative).
fn resolve_ca_cert(flags: &Global, lookup: &Lookup) -> Option<Sourced<PathBuf>> {
    if let Some(path) = &flags.ca_cert {
        return Some(sourced(path.clone(), Source::Flag("--ca-cert")));
    }
    if let Some(path) = env_value(lookup.env, "PEAKA_CA_CERT") {
        return Some(sourced(PathBuf::from(path), Source::Env("PEAKA_CA_CERT")));
    }
    lookup.layers.iter().find_map(|(layer, source)| {
        let path = layer.ca_cert.as_ref()?;
        let base = match source {
            Source::Profile(_, file) | Source::File(file) => file.parent(),
            _ => None,
        };
        let path = base.map_or_else(|| path.clone(), |b| b.join(path));
        Some(sourced(path, source.clone()))
    })
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

/// Where a setting can come from below its flag: the environment, then the
/// chosen profile and the top of the config file.
struct Lookup<'a> {
    env: &'a dyn Fn(&str) -> Option<String>,
    layers: Vec<(&'a Layer, Source)>,
}

impl<'a> Lookup<'a> {
    fn new(
        env: &'a dyn Fn(&str) -> Option<String>,
        file: &'a ConfigFile,
        profile: Option<&Sourced<String>>,
    ) -> Result<Lookup<'a>, Failure> {
        let mut layers = Vec::new();
        if let Some(name) = profile.map(|p| &p.value) {
            let layer = file
                .profiles
                .get(name)
                .ok_or_else(|| unknown_profile(name, file))?;
            layers.push((layer, Source::Profile(name.clone(), file.path.clone())));
        }
        if file.found {
            layers.push((&file.top, Source::File(file.path.clone())));
        }
        Ok(Lookup { env, layers })
    }

    /// The flag's value, else the first of `envs` set, else the first layer
    /// that has it.
    fn pick(
        &self,
        flag: Option<(&str, &'static str)>,
        envs: &[&'static str],
        get: fn(&Layer) -> Option<&String>,
    ) -> Option<Sourced<String>> {
        if let Some((value, name)) = flag {
            return Some(sourced(value.to_string(), Source::Flag(name)));
        }
        for name in envs {
            if let Some(value) = env_value(self.env, name) {
                return Some(sourced(value, Source::Env(name)));
            }
        }
        self.layers
            .iter()
            .find_map(|(layer, source)| get(layer).map(|v| sourced(v.clone(), source.clone())))
    }
}

/// The zone, and the URL: whichever of zone and base URL was set at the
/// higher layer decides; at the same layer, the base URL.
fn resolve_url(
    flags: &Global,
    lookup: &Lookup,
) -> Result<(Sourced<String>, Sourced<Url>), Failure> {
    let zone = lookup
        .pick(
            flags.zone.as_deref().map(|z| (z, "--zone")),
            &["PEAKA_ZONE"],
            |l| l.zone.as_ref(),
        )
        .unwrap_or_else(|| sourced(ZONES[0].0.to_string(), Source::Default));
    let zone_url = zone_url(&zone.value).ok_or_else(|| {
        let names: Vec<&str> = ZONES.iter().map(|z| z.0).collect();
        config(format!(
            "unknown zone `{}` (from {})",
            zone.value, zone.source
        ))
        .hint(format!("zones: {}", names.join(", ")))
    })?;
    let zone = sourced(zone.value.to_ascii_lowercase(), zone.source);
    let base_url = lookup.pick(
        flags.base_url.as_deref().map(|u| (u, "--base-url")),
        &["PEAKA_BASE_URL"],
        |l| l.base_url.as_ref(),
    );
    let url = match base_url {
        Some(url) if url.source.rank() <= zone.source.rank() => {
            sourced(check_base_url(&url.value, &url.source)?, url.source)
        }
        _ => sourced(
            Url::parse(zone_url).map_err(|e| config(e.to_string()))?,
            Source::Zone(zone.value.clone(), Box::new(zone.source.clone())),
        ),
    };
    Ok((zone, url))
}

fn resolve_output(flags: &Global, lookup: &Lookup) -> Result<Sourced<Format>, Failure> {
    if let Some(format) = flags.output {
        return Ok(sourced(format, Source::Flag("--output")));
    }
    let Some(text) = lookup.pick(None, &["PEAKA_OUTPUT"], |l| l.output.as_ref()) else {
        return Ok(sourced(Format::Human, Source::Default));
    };
    let format = Format::parse(&text.value).ok_or_else(|| {
        config(format!(
            "unknown output format `{}` (from {})",
            text.value, text.source
        ))
        .hint("formats: human, json, ndjson")
    })?;
    Ok(sourced(format, text.source))
}

fn resolve_key<'a>(
    flags: &Global,
    env: &dyn Fn(&str) -> Option<String>,
    mut layers: impl Iterator<Item = (&'a Layer, Source)>,
) -> Result<Option<Sourced<KeyRef>>, Failure> {
    if let Some(key) = &flags.api_key {
        return Ok(Some(sourced(
            KeyRef::Inline(key.clone()),
            Source::Flag("--api-key"),
        )));
    }
    if let Some(path) = &flags.api_key_file {
        return Ok(Some(sourced(
            KeyRef::File(path.clone()),
            Source::Flag("--api-key-file"),
        )));
    }
    if let Some(key) = env_value(env, "PEAKA_API_KEY") {
        return Ok(Some(sourced(
            KeyRef::Inline(key),
            Source::Env("PEAKA_API_KEY"),
        )));
    }
    layers.try_fold(None, |found, (layer, source)| {
        if found.is_some() {
            return Ok(found);
        }
        match (&layer.api_key, &layer.api_key_file) {
            (Some(_), Some(_)) => Err(config(format!(
                "{source}: set either api_key or api_key_file, not both"
            ))),
            (Some(key), None) => Ok(Some(sourced(KeyRef::Inline(key.clone()), source))),
            (None, Some(path)) => {
                // A relative key file is found beside the config file.
                let base = match &source {
                    Source::Profile(_, file) | Source::File(file) => file.parent(),
                    _ => None,
                };
                let path = base.map(|b| b.join(path)).unwrap_or_else(|| path.clone());
                Ok(Some(sourced(KeyRef::File(path), source)))
            }
            (None, None) => Ok(None),
        }
    })
}

fn unknown_profile(name: &str, file: &ConfigFile) -> Failure {
    let existing = if file.profiles.is_empty() {
        format!("{} defines no profiles", file.path.display())
    } else {
        let names: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
        format!("profiles in {}: {}", file.path.display(), names.join(", "))
    };
    config(format!("unknown profile `{name}`")).hint(existing)
}

/// https anywhere; http only to a loopback host, where nothing crosses a network.
pub fn check_base_url(text: &str, source: &Source) -> Result<Url, Failure> {
    let url = Url::parse(text.trim()).map_err(|e| {
        config(format!(
            "base URL `{}` (from {source}) is not a URL: {e}",
            shown_url(text)
        ))
    })?;
    let text = shown_url(text);
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(config(format!(
            "base URL `{text}` (from {source}) has no host"
        )));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(config(format!(
            "base URL `{text}` (from {source}) must not carry credentials: use the API key settings"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(config(format!(
            "base URL `{text}` (from {source}) must not have a query or fragment"
        )));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(config(format!(
            "insecure base URL `{text}` (from {source}): the API key would cross the network in clear text"
        ))
        .hint("use https://, or http:// only to localhost, 127.0.0.0/8 or [::1]")),
        other => Err(config(format!(
            "base URL `{text}` (from {source}) has scheme `{other}`: use https://"
        ))),
    }
}

pub fn no_config_dir() -> Failure {
    config("cannot find a config directory (is HOME set?)")
        .hint("name a file with --config or PEAKA_CONFIG")
}

pub fn nowhere() -> Sourced<PathBuf> {
    sourced(PathBuf::from("(no config file)"), Source::Default)
}

pub fn no_key(settings: &Settings) -> Failure {
    config("no API key").hint(format!(
        "run `peaka auth login` (a partner key is created in Peaka under Developer > Partner API Key), set PEAKA_API_KEY, pass --api-key-file PATH, or add api_key_file to {}",
        settings.config_file.value.display()
    ))
}

/// A profile's table as the config file writes it: `[profiles.ci]`,
/// `[profiles."dev.eu"]`.
pub fn profile_table(name: &str) -> String {
    format!("[profiles.{}]", toml_edit::Key::new(name))
}

/// Where a key comes from, as people read it: the flag, `PEAKA_API_KEY`, the
/// key file's path, or the config file (and profile) that holds it.
pub fn key_origin(key: &Sourced<KeyRef>) -> String {
    let in_file = match &key.source {
        Source::Profile(name, file) => {
            Some(format!("{} of {}", profile_table(name), file.display()))
        }
        Source::File(file) => Some(file.display().to_string()),
        _ => None,
    };
    match (&key.value, in_file) {
        (KeyRef::File(path), _) if path.as_os_str() == "-" => {
            format!("standard input ({})", key.source)
        }
        (KeyRef::File(path), Some(file)) => {
            format!(
                "key file {}, named by api_key_file in {file}",
                path.display()
            )
        }
        (KeyRef::File(path), None) => format!("key file {} ({})", path.display(), key.source),
        (KeyRef::Inline(_), Some(file)) => format!("api_key in {file}"),
        (KeyRef::Inline(_), None) => key.source.to_string(),
    }
}

/// Reads and checks the key; `-` as a file means standard input. Errors name
/// where the key came from, never what it is.
pub fn read_key(key: &Sourced<KeyRef>, stdin: &mut dyn Read) -> Result<ApiKey, Failure> {
    let raw = match &key.value {
        KeyRef::Inline(text) => text.clone(),
        KeyRef::File(path) if path.as_os_str() == "-" => read_capped(stdin)
            .map_err(|e| config(format!("cannot read the API key from standard input: {e}")))?,
        KeyRef::File(path) => read_small_file(path).map_err(|e| {
            config(format!(
                "cannot read API key file {} (from {}): {e}",
                path.display(),
                key.source
            ))
        })?,
    };
    ApiKey::parse(&raw).map_err(|problem| {
        config(format!("the API key (from {}) {problem}", key.source))
            .hint("a Peaka API key is one word of visible ASCII characters, with no spaces")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    fn file_of(text: &str) -> ConfigFile {
        let mut file = parse(text).unwrap();
        file.path = PathBuf::from("/cfg/config.toml");
        file.found = true;
        file
    }

    fn settings(
        flags: &Global,
        env: &[(&'static str, &'static str)],
        text: &str,
    ) -> Result<Settings, Failure> {
        let env: &'static [(&str, &str)] = Box::leak(env.to_vec().into_boxed_slice());
        let file = file_of(text);
        let path = sourced(file.path.clone(), Source::Default);
        resolve(flags, None, &env_of(env), path, &file)
    }

    const FILE: &str = r#"
        zone = "us"
        project = "fromFile"
        api_key = "file-key-0000"
        [profiles.work]
        project = "fromProfile"
        base_url = "https://peaka.internal.example/api/v1"
    "#;

    #[test]
    fn flag_beats_env_beats_profile_beats_file_beats_default() {
        let mut flags = Global::default();
        let s = settings(&flags, &[], "").unwrap();
        assert_eq!(s.zone.source, Source::Default);
        assert_eq!(
            s.base_url.value.as_str(),
            "https://partner.peaka.studio/api/v1"
        );

        let s = settings(&flags, &[], FILE).unwrap();
        assert_eq!(
            s.project.unwrap().source,
            Source::File("/cfg/config.toml".into())
        );

        flags.profile = Some("work".into());
        let s = settings(&flags, &[], FILE).unwrap();
        let project = s.project.unwrap();
        assert_eq!(project.value, "fromProfile");
        assert_eq!(
            project.source.to_string(),
            "profile work in /cfg/config.toml"
        );
        assert_eq!(s.key.unwrap().value, KeyRef::Inline("file-key-0000".into()));

        let s = settings(&flags, &[("PEAKA_PROJECT_ID", "fromEnvId")], FILE).unwrap();
        assert_eq!(s.project.unwrap().source, Source::Env("PEAKA_PROJECT_ID"));
        let both = [("PEAKA_PROJECT_ID", "a"), ("PEAKA_PROJECT", "b")];
        let s = settings(&flags, &both, FILE).unwrap();
        assert_eq!(s.project.unwrap().value, "b");

        let file = file_of(FILE);
        let path = sourced(file.path.clone(), Source::Default);
        let env = env_of(&[("PEAKA_PROJECT", "b")]);
        let s = resolve(&flags, Some("fromFlag"), &env, path, &file).unwrap();
        assert_eq!(s.project.unwrap().source, Source::Flag("--project"));
    }

    #[test]
    fn key_sources() {
        let mut flags = Global::default();
        let s = settings(&flags, &[("PEAKA_API_KEY", "env-key")], FILE).unwrap();
        assert_eq!(s.key.unwrap().source, Source::Env("PEAKA_API_KEY"));
        flags.api_key_file = Some("k.txt".into());
        let s = settings(&flags, &[("PEAKA_API_KEY", "env-key")], FILE).unwrap();
        assert_eq!(s.key.unwrap().value, KeyRef::File("k.txt".into()));
        let s = settings(&Global::default(), &[], "api_key_file = \"key.txt\"").unwrap();
        assert_eq!(s.key.unwrap().value, KeyRef::File("/cfg/key.txt".into()));
        let err = settings(
            &Global::default(),
            &[],
            "api_key = \"a\"\napi_key_file = \"b\"",
        )
        .unwrap_err();
        assert!(err.message.contains("not both"), "{}", err.message);
    }

    #[test]
    fn the_origin_of_a_key_names_the_flag_the_variable_or_the_file() {
        let origin = |flags: &Global, env, text| {
            let key = settings(flags, env, text).unwrap().key.unwrap();
            key_origin(&key)
        };
        let none = Global::default();
        assert_eq!(
            origin(&none, &[("PEAKA_API_KEY", "k")], ""),
            "env PEAKA_API_KEY"
        );
        assert_eq!(origin(&none, &[], FILE), "api_key in /cfg/config.toml");
        assert_eq!(
            origin(&none, &[], "api_key_file = \"k\""),
            "key file /cfg/k, named by api_key_file in /cfg/config.toml"
        );
        let ci = Global {
            profile: Some("ci".into()),
            ..Global::default()
        };
        assert_eq!(
            origin(&ci, &[], "[profiles.ci]\napi_key = \"k\""),
            "api_key in [profiles.ci] of /cfg/config.toml"
        );
        let flags = Global {
            api_key_file: Some("-".into()),
            ..Global::default()
        };
        assert_eq!(
            origin(&flags, &[], ""),
            "standard input (flag --api-key-file)"
        );
        let flags = Global {
            api_key: Some("k".into()),
            ..Global::default()
        };
        assert_eq!(origin(&flags, &[], ""), "flag --api-key");
    }

    #[test]
    fn zones_are_case_insensitive_and_checked() {
        let flags = Global {
            zone: Some("EU".into()),
            ..Global::default()
        };
        let s = settings(&flags, &[], "").unwrap();
        assert_eq!(
            s.base_url.value.as_str(),
            "https://partner.eu.peaka.studio/api/v1"
        );
        let err = settings(&Global::default(), &[("PEAKA_ZONE", "mars")], "").unwrap_err();
        assert_eq!(err.kind.code(), 3);
        assert!(err.hint.unwrap().contains("us, eu"));
    }

    #[test]
    fn base_url_must_be_https_or_loopback() {
        let src = Source::Default;
        for ok in [
            "https://example.com/api/v1",
            "http://localhost:8080/api/v1",
            "http://127.0.0.2:1/api",
            "http://[::1]:9/api",
        ] {
            assert!(check_base_url(ok, &src).is_ok(), "{ok}");
        }
        for bad in [
            "http://example.com/api",
            "http://10.0.0.1/api",
            "ftp://localhost/",
            "not a url",
            "https://user:pw@example.com/",
            "https://example.com/api?x=1",
        ] {
            assert_eq!(
                check_base_url(bad, &src).unwrap_err().kind.code(),
                3,
                "{bad}"
            );
        }
    }

    #[test]
    fn unknown_profile_lists_the_others() {
        let flags = Global {
            profile: Some("nope".into()),
            ..Global::default()
        };
        let err = settings(&flags, &[], FILE).unwrap_err();
        assert!(err.message.contains("nope"));
        assert!(err.hint.unwrap().contains("work"));
    }

    #[test]
    fn file_errors_name_line_and_key_but_never_quote() {
        let err = parse("zone = \"us\"\napi_key = \"secret-value\" junk\n").unwrap_err();
        assert!(err.starts_with("line 2, column"), "{err}");
        assert!(!err.contains("secret-value"), "{err}");
        let err = parse("colour = \"red\"").unwrap_err();
        assert!(err.contains("colour"), "{err}");
        let err = parse("[profiles.x]\nzoen = \"eu\"").unwrap_err();
        assert!(err.contains("profile x") && err.contains("zoen"), "{err}");
    }

    #[test]
    fn output_from_env_is_checked() {
        let err = settings(&Global::default(), &[("PEAKA_OUTPUT", "yaml")], "").unwrap_err();
        assert_eq!(err.kind.code(), 3);
        let s = settings(&Global::default(), &[("PEAKA_OUTPUT", "JSON")], "").unwrap();
        assert_eq!(s.output.value, Format::Json);
    }

    #[test]
    fn key_problems_do_not_quote_the_key() {
        let key = sourced(
            KeyRef::Inline("sec ret".into()),
            Source::Env("PEAKA_API_KEY"),
        );
        let err = read_key(&key, &mut std::io::empty()).unwrap_err();
        assert!(!err.message.contains("sec"), "{}", err.message);
        let key = sourced(KeyRef::File("-".into()), Source::Flag("--api-key-file"));
        let got = read_key(&key, &mut "stdin-key\n".as_bytes()).unwrap();
        assert_eq!(got.expose(), "stdin-key");
    }

    #[test]
    fn zone_and_base_url_the_higher_layer_decides() {
        let file = "base_url = \"https://private.example/api/v1\"";
        let flags = Global {
            zone: Some("eu".into()),
            ..Global::default()
        };
        let s = settings(&flags, &[], file).unwrap();
        assert_eq!(
            s.base_url.value.as_str(),
            "https://partner.eu.peaka.studio/api/v1"
        );
        assert_eq!(s.base_url.source.to_string(), "zone eu, flag --zone");

        let s = settings(&Global::default(), &[("PEAKA_ZONE", "eu")], file).unwrap();
        assert_eq!(s.base_url.source.to_string(), "zone eu, env PEAKA_ZONE");

        // Same layer: the base URL wins.
        let both = "zone = \"eu\"\nbase_url = \"https://private.example/api/v1\"";
        let s = settings(&Global::default(), &[], both).unwrap();
        assert_eq!(s.base_url.value.as_str(), "https://private.example/api/v1");
        assert_eq!(s.base_url.source, Source::File("/cfg/config.toml".into()));

        let s = settings(
            &Global::default(),
            &[("PEAKA_BASE_URL", "http://127.0.0.1:9/api/v1")],
            both,
        )
        .unwrap();
        assert_eq!(s.base_url.source, Source::Env("PEAKA_BASE_URL"));
    }

    #[test]
    fn base_urls_are_shown_without_secrets() {
        assert_eq!(
            shown_url("https://user:pw@h.example/api/v1?token=abc#x"),
            "https://h.example/api/v1"
        );
        assert_eq!(shown_url("ht tp://a:b@[bad/p?q=1"), "ht tp://[bad/p");
        for bad in [
            "https://u:secretpw@h.example/",
            "https://h.example/?k=secretq",
            "http://x:secretpw@[::1/",
        ] {
            let err = check_base_url(bad, &Source::Default).unwrap_err();
            assert!(!err.message.contains("secret"), "{}", err.message);
        }
    }

    #[test]
    fn only_small_regular_files_are_read() {
        let dir = std::env::temp_dir();
        assert!(read_small_file(&dir)
            .unwrap_err()
            .to_string()
            .contains("directory"));
        let err = read_small_file(Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
        let err = read_capped(std::io::repeat(b'a')).unwrap_err();
        assert!(err.to_string().contains("64 KiB"), "{err}");
        assert_eq!(read_capped("ok\n".as_bytes()).unwrap(), "ok\n");
    }
}
