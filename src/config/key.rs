//! The API key: where it comes from, as people read it, and reading it.

use super::*;

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

/// Every key this run could be given, read early and quietly, so that the
/// output filter knows them before anything is printed (a usage error may
/// echo a flag's value): the key file a flag names, and every key or key
/// file in the config file (read leniently by the caller), whatever the
/// profile. What cannot be read here is left for the run to report.
pub fn every_key(key_file: Option<&Path>, file: Option<&ConfigFile>) -> Vec<String> {
    let mut keys: Vec<String> = key_file
        .filter(|path| path.as_os_str() != "-")
        .and_then(|path| read_small_file(path).ok())
        .into_iter()
        .collect();
    if let Some(file) = file {
        let dir = file.path.parent().unwrap_or(Path::new("."));
        for layer in std::iter::once(&file.top).chain(file.profiles.values()) {
            keys.extend(layer.api_key.clone());
            let named = layer.api_key_file.as_ref().map(|path| dir.join(path));
            keys.extend(named.and_then(|path| read_small_file(&path).ok()));
        }
    }
    keys
}
