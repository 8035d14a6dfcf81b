//! `peaka config show`, and the settings part of `--dry-run`.

use std::io::{self, Write};

use serde::Serialize;

use crate::commands::{Exec, Failed, Run};
use crate::config::{self, Settings, Source, Sourced};
use crate::document::{Setting, SettingsDocument};
use crate::output::{table, Document, Report, Style};

/// Every effective setting and where it came from
#[derive(clap::Args, Debug, Clone)]
#[command(after_help = concat!(
    "Examples:\n",
    "  peaka config show\n",
    "  peaka --profile eu-prod config show -o json | jq -r .settings.baseUrl.value"
))]
pub struct Args {}

impl Exec for Args {
    fn run(&self, run: &mut Run) -> Result<Report, Failed> {
        let settings = run.settings(None)?;
        let key = match &settings.key {
            Some(key) => match config::read_key(key, run.stdin) {
                Ok(key) => key.hint(),
                Err(e) => format!("(unusable: {})", e.message),
            },
            None => "(not set)".into(),
        };
        let settings = settings_document(&settings, key);
        Ok(Report::new(run.action, ConfigShowDocument { settings }))
    }

    #[cfg(test)]
    fn schemas(generator: &mut schemars::SchemaGenerator) -> Vec<schemars::Schema> {
        let envelope = generator.subschema_for::<crate::document::Envelope<ConfigShowDocument>>();
        vec![envelope]
    }
}

/// `peaka config show`.
#[derive(Serialize, Debug)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ConfigShowDocument {
    settings: SettingsDocument,
}

impl Document for ConfigShowDocument {
    fn human(&self, _: &Style, out: &mut dyn Write, _: &mut dyn Write) -> io::Result<()> {
        table(&self.settings, out)
    }
}

/// Every setting, the key shown as `key_shown` (never the key itself).
pub fn settings_document(settings: &Settings, key_shown: String) -> SettingsDocument {
    fn shown<T>(s: &Sourced<T>, show: impl Fn(&T) -> String) -> Setting {
        Setting {
            value: show(&s.value),
            source: s.source.to_string(),
            overridden_by: None,
        }
    }
    fn maybe(s: &Option<Sourced<String>>) -> Setting {
        s.as_ref().map_or_else(
            || Setting {
                value: "(not set)".into(),
                source: "-".into(),
                overridden_by: None,
            },
            |s| shown(s, String::clone),
        )
    }
    SettingsDocument {
        api_key: Setting {
            value: key_shown,
            source: settings
                .key
                .as_ref()
                .map_or("-".into(), |k| k.source.to_string()),
            overridden_by: None,
        },
        zone: zone(settings),
        base_url: shown(&settings.base_url, |u| u.to_string()),
        project: maybe(&settings.project),
        output: shown(&settings.output, |f| f.name().to_string()),
        profile: maybe(&settings.profile),
        config_file: shown(&settings.config_file, |p| p.display().to_string()),
        request_timeout: shown(&settings.request_timeout, |d| {
            format!("{}ms", d.as_millis())
        }),
        retries: shown(&settings.retries, u32::to_string),
        ca_cert: settings.ca_cert.as_ref().map_or_else(
            || Setting {
                value: "(not set)".into(),
                source: "-".into(),
                overridden_by: None,
            },
            |c| shown(c, |p| p.display().to_string()),
        ),
    }
}

/// The zone, and whether a base URL set at a higher layer decides the URL
/// in its place.
fn zone(settings: &Settings) -> Setting {
    let overridden = !matches!(settings.base_url.source, Source::Zone(..));
    Setting {
        value: settings.zone.value.clone(),
        source: settings.zone.source.to_string(),
        overridden_by: overridden.then(|| "baseUrl".into()),
    }
}
