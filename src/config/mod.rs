//! Settings and where each came from: flag, environment, profile, config
//! file, default (highest first). The types are here; `resolve` decides
//! precedence and does no I/O; `file` reads the config and CA files; `key`
//! tells where the key comes from and reads it.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use reqwest::Url;
use serde::Deserialize;

use crate::exit::{config, Failure};
use crate::output::Format;
use crate::secret::ApiKey;
use crate::urls::{is_loopback, shown_url, zone_url, ZONES};

/// What the settings take from the command line, as given.
#[derive(Debug, Default, Clone)]
pub struct Flags {
    pub api_key: Option<String>,
    pub api_key_file: Option<PathBuf>,
    pub zone: Option<String>,
    pub base_url: Option<String>,
    pub ca_cert: Option<PathBuf>,
    pub profile: Option<String>,
    pub output: Option<Format>,
    pub request_timeout: Option<Duration>,
    pub retries: Option<u32>,
}

mod file;
mod key;
mod resolve;

pub use file::*;
pub use key::*;
pub use resolve::*;

pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

pub const DEFAULT_RETRIES: u32 = 3;

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

pub(super) fn sourced<T>(value: T, source: Source) -> Sourced<T> {
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
        flags: &Flags,
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
        let mut flags = Flags::default();
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
        let mut flags = Flags::default();
        let s = settings(&flags, &[("PEAKA_API_KEY", "env-key")], FILE).unwrap();
        assert_eq!(s.key.unwrap().source, Source::Env("PEAKA_API_KEY"));
        flags.api_key_file = Some("k.txt".into());
        let s = settings(&flags, &[("PEAKA_API_KEY", "env-key")], FILE).unwrap();
        assert_eq!(s.key.unwrap().value, KeyRef::File("k.txt".into()));
        let s = settings(&Flags::default(), &[], "api_key_file = \"key.txt\"").unwrap();
        assert_eq!(s.key.unwrap().value, KeyRef::File("/cfg/key.txt".into()));
        let err = settings(
            &Flags::default(),
            &[],
            "api_key = \"a\"\napi_key_file = \"b\"",
        )
        .unwrap_err();
        assert!(err.message.contains("not both"), "{}", err.message);
    }

    #[test]
    fn the_origin_of_a_key_names_the_flag_the_variable_or_the_file() {
        let origin = |flags: &Flags, env, text| {
            let key = settings(flags, env, text).unwrap().key.unwrap();
            key_origin(&key)
        };
        let none = Flags::default();
        assert_eq!(
            origin(&none, &[("PEAKA_API_KEY", "k")], ""),
            "env PEAKA_API_KEY"
        );
        assert_eq!(origin(&none, &[], FILE), "api_key in /cfg/config.toml");
        assert_eq!(
            origin(&none, &[], "api_key_file = \"k\""),
            "key file /cfg/k, named by api_key_file in /cfg/config.toml"
        );
        let ci = Flags {
            profile: Some("ci".into()),
            ..Flags::default()
        };
        assert_eq!(
            origin(&ci, &[], "[profiles.ci]\napi_key = \"k\""),
            "api_key in [profiles.ci] of /cfg/config.toml"
        );
        let flags = Flags {
            api_key_file: Some("-".into()),
            ..Flags::default()
        };
        assert_eq!(
            origin(&flags, &[], ""),
            "standard input (flag --api-key-file)"
        );
        let flags = Flags {
            api_key: Some("k".into()),
            ..Flags::default()
        };
        assert_eq!(origin(&flags, &[], ""), "flag --api-key");
    }

    #[test]
    fn zones_are_case_insensitive_and_checked() {
        let flags = Flags {
            zone: Some("EU".into()),
            ..Flags::default()
        };
        let s = settings(&flags, &[], "").unwrap();
        assert_eq!(
            s.base_url.value.as_str(),
            "https://partner.eu.peaka.studio/api/v1"
        );
        let err = settings(&Flags::default(), &[("PEAKA_ZONE", "mars")], "").unwrap_err();
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
        let flags = Flags {
            profile: Some("nope".into()),
            ..Flags::default()
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
        let err = settings(&Flags::default(), &[("PEAKA_OUTPUT", "yaml")], "").unwrap_err();
        assert_eq!(err.kind.code(), 3);
        let s = settings(&Flags::default(), &[("PEAKA_OUTPUT", "JSON")], "").unwrap();
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
        let flags = Flags {
            zone: Some("eu".into()),
            ..Flags::default()
        };
        let s = settings(&flags, &[], file).unwrap();
        assert_eq!(
            s.base_url.value.as_str(),
            "https://partner.eu.peaka.studio/api/v1"
        );
        assert_eq!(s.base_url.source.to_string(), "zone eu, flag --zone");

        let s = settings(&Flags::default(), &[("PEAKA_ZONE", "eu")], file).unwrap();
        assert_eq!(s.base_url.source.to_string(), "zone eu, env PEAKA_ZONE");

        // Same layer: the base URL wins.
        let both = "zone = \"eu\"\nbase_url = \"https://private.example/api/v1\"";
        let s = settings(&Flags::default(), &[], both).unwrap();
        assert_eq!(s.base_url.value.as_str(), "https://private.example/api/v1");
        assert_eq!(s.base_url.source, Source::File("/cfg/config.toml".into()));

        let s = settings(
            &Flags::default(),
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
