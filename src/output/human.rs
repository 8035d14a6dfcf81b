//! Output for people: result lines, `cache status`, `config show`, the bulk
//! summary and its hints.

use super::*;

/// Values wider than this do not widen the column of `config show`.
pub(super) const ALIGNED_MAX: usize = 120;

pub fn table(settings: &SettingsDocument, out: &mut dyn Write) -> io::Result<()> {
    let rows = settings.rows();
    let name_width = rows
        .iter()
        .map(|(name, _)| columns(name))
        .max()
        .unwrap_or(0);
    let value_width = rows
        .iter()
        .map(|(_, s)| columns(&s.value))
        .filter(|w| *w <= ALIGNED_MAX)
        .max()
        .unwrap_or(0);
    for (name, setting) in rows {
        let overridden = setting
            .overridden_by
            .as_deref()
            .map_or(String::new(), |by| {
                format!("; overridden by {}", snake_case(by))
            });
        writeln!(
            out,
            "  {}  {}  ({}{overridden})",
            pad(name, name_width),
            pad(&setting.value, value_width),
            setting.source
        )?;
    }
    Ok(())
}

/// A document's name of a setting as the table names it: `baseUrl` is
/// `base_url`.
fn snake_case(name: &str) -> String {
    let mut snake = String::with_capacity(name.len() + 2);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            snake.push('_');
        }
        snake.push(c.to_ascii_lowercase());
    }
    snake
}

/// `text` and spaces up to `width` columns of a terminal. Not the
/// formatter's width, which counts characters and panics above 65,535.
pub(super) fn pad(text: &str, width: usize) -> String {
    let mut padded = text.to_string();
    let missing = width.saturating_sub(columns(text));
    padded.extend(std::iter::repeat_n(' ', missing));
    padded
}

/// The columns a terminal draws `text` in: two for a CJK character or an
/// emoji, none for a combining mark.
pub fn columns(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` in at most `width` columns, `…` marking a cut.
pub(super) fn cut_to(text: &str, width: usize) -> String {
    if columns(text) <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut shown = String::new();
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        shown.push(c);
    }
    if width > 0 {
        shown.push('…');
    }
    shown
}

/// A status word, coloured when stdout is a terminal that wants colour.
pub(super) fn status_word(text: Option<&str>, style: &Style) -> String {
    let word = text.map_or("-".into(), sanitize::field);
    let color = match Stage::of(&word) {
        Stage::Running => anstyle::AnsiColor::Yellow,
        Stage::Completed => anstyle::AnsiColor::Green,
        Stage::Failed => anstyle::AnsiColor::Red,
        Stage::Cancelled => anstyle::AnsiColor::Magenta,
        _ => return word,
    };
    if !style.stdout_color {
        return word;
    }
    let paint = anstyle::Style::new().fg_color(Some(color.into())).bold();
    format!("{paint}{word}{paint:#}")
}

/// A timestamp and, when it parses, its age: `2026-11-29T10:00:00Z (3m ago)`.
pub(super) fn when(text: &Option<String>) -> String {
    let Some(text) = text.as_deref() else {
        return "-".into();
    };
    let shown = sanitize::field(text);
    match crate::time::ago(text, crate::time::now()) {
        Some(age) => format!("{shown} ({age})"),
        None => shown,
    }
}

pub fn human_status(status: &CacheStatus, style: &Style, out: &mut dyn Write) -> io::Result<()> {
    let or_dash = |v: &Option<String>| v.as_deref().map_or("-".into(), sanitize::field);
    writeln!(out, "Cache     {}", or_dash(&status.id))?;
    writeln!(out, "Catalog   {}", or_dash(&status.catalog_id))?;
    writeln!(out, "Schema    {}", or_dash(&status.schema_name))?;
    writeln!(out, "Table     {}", or_dash(&status.table_name))?;
    writeln!(
        out,
        "Status    {}",
        status_word(status.status.as_deref(), style)
    )?;
    for kind in [ExecutionKind::Full, ExecutionKind::Incremental] {
        writeln!(out)?;
        writeln!(out, "Last {}:", kind.noun())?;
        let Some(e) = status.execution(kind) else {
            writeln!(out, "  never run")?;
            continue;
        };
        writeln!(out, "  execution  {}", or_dash(&e.id))?;
        writeln!(out, "  status     {}", status_word(Some(e.status()), style))?;
        writeln!(out, "  progress   {}", counters(e))?;
        writeln!(out, "  started    {}", when(&e.created_at))?;
        writeln!(out, "  updated    {}", when(&e.updated_at))?;
        writeln!(out, "  finished   {}", when(&e.finished_at))?;
        if let Some(error) = e.error.as_ref().filter(|v| !v.is_null()) {
            writeln!(out, "  error      {}", one_line(error))?;
        }
    }
    if let Some(logs) = &status.cache_action_logs {
        writeln!(out)?;
        writeln!(out, "Logs:")?;
        for log in logs {
            writeln!(
                out,
                "  {}  {}  {}  {}",
                or_dash(&log.timestamp),
                or_dash(&log.cache_type),
                or_dash(&log.action),
                or_dash(&log.message)
            )?;
        }
    }
    Ok(())
}

/// A server's value as one line: an object's `message`, a string, or the
/// value as JSON (an execution's error takes any of these forms).
pub fn one_line(value: &Value) -> String {
    match value {
        Value::String(s) => sanitize::field(s),
        Value::Object(map) => match map.get("message").and_then(Value::as_str) {
            Some(message) => sanitize::field(message),
            None => sanitize::field(&value.to_string()),
        },
        other => sanitize::field(&other.to_string()),
    }
}

pub fn counters(e: &Execution) -> String {
    let p = e.progress.clone().unwrap_or_default();
    let n = |v: Option<String>| v.map_or("-".to_string(), |v| sanitize::field(&v));
    format!(
        "cached {}, inserted {}, updated {}, deleted {}",
        n(p.number_of_cached_records),
        n(p.number_of_inserted_records),
        n(p.number_of_updated_records),
        n(p.number_of_deleted_records)
    )
}

/// How many caches ended with each outcome (or error kind, before one).
pub fn summary(results: &[Outcome]) -> std::collections::BTreeMap<String, u32> {
    let mut counts = std::collections::BTreeMap::new();
    for o in results {
        *counts.entry(outcome_key(o)).or_insert(0) += 1;
    }
    counts
}

pub fn outcome_key(o: &Outcome) -> String {
    match (o.outcome, &o.failure) {
        (Some(name), _) => serde_json::to_value(name)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        (None, Some(f)) => f.kind.name().to_string(),
        (None, None) => "ok".into(),
    }
}

/// Each hint of the caches' failures once, after the summary: the lines
/// of the caches have no room for them.
pub fn bulk_hints(results: &[Outcome], style: &Style, err: &mut dyn Write) -> io::Result<()> {
    if style.quiet {
        return Ok(());
    }
    let mut told = Vec::new();
    for hint in results
        .iter()
        .filter_map(|o| o.failure.as_ref()?.hint.as_deref())
    {
        if !told.contains(&hint) {
            told.push(hint);
            let label = style.paint(anstyle::AnsiColor::Cyan, "hint:");
            writeln!(err, "{label} {}", sanitize::message(hint))?;
        }
    }
    Ok(())
}

/// The last line of a bulk cancel, for people: a count per outcome.
pub fn summary_line(results: &[Outcome], out: &mut dyn Write) -> io::Result<()> {
    let counts: Vec<String> = summary(results)
        .into_iter()
        .map(|(name, n)| format!("{n} {name}"))
        .collect();
    let total = results.len();
    let shown = if counts.is_empty() {
        "nothing to do".to_string()
    } else {
        counts.join(", ")
    };
    writeln!(
        out,
        "{total} cache{}: {shown}",
        if total == 1 { "" } else { "s" }
    )
}

/// `--hold`: the schedule paused, what was written back, and how to
/// restore it.
pub fn held_lines(held: &Held, out: &mut dyn Write) -> io::Result<()> {
    use crate::schedule::Shown;
    let kind = match held.document.kind {
        "full" => ExecutionKind::Full,
        _ => ExecutionKind::Incremental,
    };
    let was = match Shown::of(held.document.previous.as_ref()) {
        Shown::Unset => "it had none".to_string(),
        Shown::Paused => "it was paused already".to_string(),
        Shown::Every(every) => format!("it was every {every}, {}", every.iso()),
        Shown::Other(text) => format!("it was {}", sanitize::field(&text)),
    };
    writeln!(out, "Held: the {} schedule is paused ({was}).", kind.noun())?;
    for restored in &held.restored {
        writeln!(
            out,
            "The API's answer showed the {} schedule changed to {}; it was written back ({}).",
            if restored.kind == "full" {
                "full refresh"
            } else {
                "incremental sync"
            },
            sanitize::field(&Shown::of(Some(&restored.changed_to)).words()),
            sanitize::field(&Shown::of(Some(&restored.schedule)).words()),
        )?;
    }
    match &held.restore {
        Some(command) => writeln!(out, "To restore it: {}", sanitize::field(command)),
        None => Ok(()),
    }
}
