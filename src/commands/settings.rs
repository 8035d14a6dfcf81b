//! `config show` and the settings part of `--dry-run`.

use crate::config::{Settings, Sourced};
use crate::output::Row;

/// Every setting, the key shown as `key_shown` (never the key itself).
pub fn rows(settings: &Settings, key_shown: String) -> Vec<Row> {
    fn row<T>(name: &'static str, s: &Sourced<T>, show: impl Fn(&T) -> String) -> Row {
        Row {
            name,
            value: show(&s.value),
            source: s.source.to_string(),
        }
    }
    let unset = |name| Row {
        name,
        value: "(not set)".into(),
        source: "-".into(),
    };
    let key = Row {
        name: "api_key",
        value: key_shown,
        source: settings
            .key
            .as_ref()
            .map_or("-".into(), |k| k.source.to_string()),
    };
    vec![
        key,
        row("zone", &settings.zone, String::clone),
        row("base_url", &settings.base_url, |u| u.to_string()),
        settings
            .project
            .as_ref()
            .map_or_else(|| unset("project"), |p| row("project", p, String::clone)),
        row("output", &settings.output, |f| f.name().to_string()),
        settings
            .profile
            .as_ref()
            .map_or_else(|| unset("profile"), |p| row("profile", p, String::clone)),
        row("config_file", &settings.config_file, |p| {
            p.display().to_string()
        }),
        row("request_timeout", &settings.request_timeout, |d| {
            format!("{}ms", d.as_millis())
        }),
        row("retries", &settings.retries, u32::to_string),
    ]
}
