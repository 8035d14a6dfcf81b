//! `config show` and the settings part of `--dry-run`.

use crate::config::{Settings, Sourced};
use crate::document::{Setting, SettingsDocument};

/// Every setting, the key shown as `key_shown` (never the key itself).
pub fn document(settings: &Settings, key_shown: String) -> SettingsDocument {
    fn shown<T>(s: &Sourced<T>, show: impl Fn(&T) -> String) -> Setting {
        Setting {
            value: show(&s.value),
            source: s.source.to_string(),
        }
    }
    fn maybe(s: &Option<Sourced<String>>) -> Setting {
        s.as_ref().map_or_else(
            || Setting {
                value: "(not set)".into(),
                source: "-".into(),
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
        },
        zone: shown(&settings.zone, String::clone),
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
            },
            |c| shown(c, |p| p.display().to_string()),
        ),
    }
}
