//! `peaka cache schedule show | set`, and the write of schedules that `set`
//! and `cancel-… --hold` share: only the schedules given are written, and
//! a schedule of the other kind that the answer shows changed is written
//! back.

mod set;
mod show;

use std::time::Duration;

use serde_json::value::RawValue;
use serde_json::Value;

use crate::api::{CacheRef, CacheSettings, ExecutionKind, SettingsAnswer};
use crate::commands::names::{self, Target};
use crate::document::Restored;
use crate::exit::Failure;
use crate::schedule::Shown;

crate::commands::group! {
    /// Show or change a cache's schedules
    #[command(arg_required_else_help = true, after_help = concat!(
        "Examples:\n",
        "  peaka cache schedule show -p mtKDhe1U -c \"$CACHE\"\n",
        "  peaka cache schedule set -p mtKDhe1U -c \"$CACHE\" --full-schedule 6h\n",
        "  peaka cache schedule set -p mtKDhe1U -c \"$CACHE\" --incremental-schedule none"
    ))]
    Commands {
        Show(show::Args),
        Set(set::Args),
    }
}

const KINDS: [ExecutionKind; 2] = [ExecutionKind::Full, ExecutionKind::Incremental];

/// The settings as the API sent them (masked for display), and as read.
pub struct Settings {
    pub raw: Box<RawValue>,
    pub read: CacheSettings,
}

/// `getCacheSettings`; a 404 is "no such cache".
pub fn read(cache: &CacheRef, deadline: Option<Duration>) -> Result<Settings, Failure> {
    match cache.settings(deadline)? {
        SettingsAnswer::Settings(raw, read) => Ok(Settings { raw, read }),
        SettingsAnswer::Missing(words) => Err(cache.missing(words)),
    }
}

/// Writes only `schedules`, then checks the answer: a schedule of a kind
/// not written that is no longer what `before` showed is written back.
/// Returns the settings as last answered, and what was written back.
pub fn write(
    cache: &CacheRef,
    before: &CacheSettings,
    schedules: Vec<(ExecutionKind, Value)>,
    deadline: Option<Duration>,
) -> Result<(Settings, Vec<Restored>), Failure> {
    let answer = answered(cache, cache.update_settings(&schedules, deadline)?)?;
    let written: Vec<ExecutionKind> = schedules.iter().map(|(kind, _)| *kind).collect();
    restore_others(cache, before, answer, &written, deadline)
}

/// Checks the answer to a write of the `written` kinds: a schedule of
/// another kind that is no longer what `before` showed is written back.
pub fn restore_others(
    cache: &CacheRef,
    before: &CacheSettings,
    answer: Settings,
    written: &[ExecutionKind],
    deadline: Option<Duration>,
) -> Result<(Settings, Vec<Restored>), Failure> {
    let mut restored = Vec::new();
    let mut back = Vec::new();
    for kind in KINDS.into_iter().filter(|k| !written.contains(k)) {
        let (was, now) = (before.schedule(kind), answer.read.schedule(kind));
        // The API had none: there is nothing to write back.
        let Some(was) = was.filter(|w| !Shown::of(Some(w)).same(&Shown::of(now))) else {
            continue;
        };
        restored.push(Restored {
            kind: kind.name(),
            schedule: was.clone(),
            changed_to: now.cloned().unwrap_or(Value::Null),
        });
        back.push((kind, was.clone()));
    }
    if back.is_empty() {
        return Ok((answer, restored));
    }
    let again = cache.update_settings(&back, deadline).map_err(|mut f| {
        let kinds: Vec<&str> = back.iter().map(|(k, _)| k.noun()).collect();
        f.message = format!(
            "the schedules were written, but the API changed the {} schedule and writing it back failed: {}",
            kinds.join(" and "),
            f.message
        );
        f
    })?;
    Ok((answered(cache, again)?, restored))
}

pub fn answered(cache: &CacheRef, answer: SettingsAnswer) -> Result<Settings, Failure> {
    match answer {
        SettingsAnswer::Settings(raw, read) => Ok(Settings { raw, read }),
        SettingsAnswer::Missing(words) => Err(cache.missing(words)),
    }
}

/// The line that says a schedule was written back.
pub fn restored_note(restored: &Restored) -> String {
    let noun = match restored.kind {
        "full" => ExecutionKind::Full.noun(),
        _ => ExecutionKind::Incremental.noun(),
    };
    format!(
        "the API's answer showed the {noun} schedule changed to {}; wrote it back as it was ({})",
        Shown::of(Some(&restored.changed_to)).words(),
        Shown::of(Some(&restored.schedule)).words()
    )
}

/// The cache's name: from the list that resolved it, else the settings.
fn name_of(target: &Target, settings: &CacheSettings) -> Option<String> {
    let from_settings = match (&settings.schema_name, &settings.table_name) {
        (Some(schema), Some(table)) => {
            Some(format!("{}.{}", names::part(schema), names::part(table)))
        }
        _ => None,
    };
    target.name.clone().or(from_settings)
}

/// How people see the cache: its name first, then its ID.
fn shown(target: &Target, settings: &CacheSettings) -> String {
    let named = Target {
        name: name_of(target, settings),
        ..target.clone()
    };
    named.shown(true)
}

/// The schedule as the API writes it: its expression, `NONE`, or `-`.
fn api_form(value: Option<&Value>) -> String {
    let Some(value) = value else {
        return "-".into();
    };
    let field = |name: &str| value.get(name).and_then(Value::as_str);
    match (field("type"), field("expression")) {
        (Some(kind), _) if kind.eq_ignore_ascii_case("NONE") => "NONE".into(),
        (_, Some(expression)) => crate::sanitize::field(expression),
        (Some(kind), None) => crate::sanitize::field(kind),
        (None, None) => "-".into(),
    }
}

/// Both schedules, a row each: as people read them and as the API writes
/// them, with what a changed one was.
fn rows(
    settings: &CacheSettings,
    was: Option<&CacheSettings>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for kind in KINDS {
        let now = settings.schedule(kind);
        let shown = crate::sanitize::field(&Shown::of(now).words());
        let before = was
            .map(|w| w.schedule(kind))
            .filter(|b| !Shown::of(*b).same(&Shown::of(now)));
        let was = match before {
            Some(b) => format!(
                "  (was {}, {})",
                crate::sanitize::field(&Shown::of(b).words()),
                api_form(b)
            ),
            None => String::new(),
        };
        writeln!(
            out,
            "  {:<17} {shown:<14} {}{was}",
            kind.noun(),
            api_form(now)
        )?;
    }
    Ok(())
}
