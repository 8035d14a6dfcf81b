//! Precedence: each setting from the flags, an environment lookup and the
//! config file, tagged with where it came from. No I/O here.

use super::*;

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

pub(super) fn env_value(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    env(name).filter(|v| !v.trim().is_empty())
}

/// Decides every setting from the flags, the environment and the config
/// file, highest first. Pure: the environment is a lookup function.
pub fn resolve(
    flags: &Flags,
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
pub(super) fn resolve_ca_cert(flags: &Flags, lookup: &Lookup) -> Option<Sourced<PathBuf>> {
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

/// Where a setting can come from below its flag: the environment, then the
/// chosen profile and the top of the config file.
pub(super) struct Lookup<'a> {
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
pub(super) fn resolve_url(
    flags: &Flags,
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

pub(super) fn resolve_output(flags: &Flags, lookup: &Lookup) -> Result<Sourced<Format>, Failure> {
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

pub(super) fn resolve_key<'a>(
    flags: &Flags,
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

pub(super) fn unknown_profile(name: &str, file: &ConfigFile) -> Failure {
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
