//! `config show` and the settings part of `--dry-run`.

use std::io::Read;

use crate::config::{self, Settings, Sourced};
use crate::output::Row;

pub fn rows(settings: &Settings, stdin: &mut dyn Read) -> Vec<Row> {
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
    let key = match &settings.key {
        // The key shows only as *** and its last four characters.
        Some(key) => Row {
            name: "api_key",
            value: match config::read_key(key, stdin) {
                Ok(key) => key.hint(),
                Err(e) => format!("(unusable: {})", e.message),
            },
            source: key.source.to_string(),
        },
        None => unset("api_key"),
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
