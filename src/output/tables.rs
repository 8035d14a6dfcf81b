//! Tables: `cache list` and `history`, aligned on a terminal, tab-separated
//! when piped.

use super::*;

/// The columns of `cache list`, as the terminal header names them; piped,
/// the same columns tab-separated, without a header, times as ISO-8601.
pub(super) const LIST_COLUMNS: [&str; 7] = [
    "CACHE",
    "CATALOG",
    "SCHEMA",
    "TABLE",
    "STATUS",
    "FULL REFRESH",
    "INCREMENTAL",
];

/// The columns of `cache history`.
pub(super) const HISTORY_COLUMNS: [&str; 6] = [
    "EXECUTION",
    "KIND",
    "STATUS",
    "STARTED",
    "DURATION",
    "ERROR",
];

/// A cell: the shown text on a terminal, and what a script gets.
pub struct Cell {
    shown: String,
    piped: Vec<String>,
}

pub(super) fn cell(text: Option<&str>) -> Cell {
    let text = text.map_or("-".into(), sanitize::field);
    Cell {
        shown: text.clone(),
        piped: vec![text],
    }
}

/// The last execution of a kind: its status and age ("COMPLETED 3m ago");
/// piped, two columns: the status and its time (no age to work out).
pub(super) fn last_cell(e: Option<&LastRun>, terminal: bool) -> Cell {
    let Some(e) = e else {
        return Cell {
            shown: "never".into(),
            piped: vec!["-".into(), "-".into()],
        };
    };
    let status = e.status.as_deref().map_or("-".into(), sanitize::field);
    let when = e
        .finished_at
        .as_deref()
        .or(e.created_at.as_deref())
        .or(e.updated_at.as_deref());
    let age = when
        .filter(|_| terminal)
        .and_then(|w| crate::time::ago(w, crate::time::now()));
    Cell {
        shown: age.map_or(status.clone(), |age| format!("{status} {age}")),
        piped: vec![status, when.map_or("-".into(), sanitize::field)],
    }
}

/// `cache list`: aligned on a terminal, tab-separated when piped.
pub fn list_table(
    caches: &Listing<ListedCache>,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = caches
        .items
        .iter()
        .map(|(_, c)| list_row(c, style.stdout_terminal));
    rows_out(&LIST_COLUMNS, true, rows, style, out)
}

fn list_row(c: &ListedCache, terminal: bool) -> Vec<Cell> {
    vec![
        cell(c.id.as_deref()),
        cell(c.catalog_id.as_deref()),
        cell(c.schema_name.as_deref()),
        cell(c.table_name.as_deref()),
        cell(c.status.as_deref()),
        last_cell(c.execution(ExecutionKind::Full), terminal),
        last_cell(c.execution(ExecutionKind::Incremental), terminal),
    ]
}

pub(super) fn history_row(e: &Execution) -> Vec<Cell> {
    let duration = match (e.created_at.as_deref(), e.finished_at.as_deref()) {
        (Some(start), Some(end)) => crate::time::between(start, end),
        (Some(_), None) => Some("running".into()),
        _ => None,
    };
    let error = e.error.as_ref().filter(|v| !v.is_null()).map(one_line);
    vec![
        cell(e.id.as_deref()),
        cell(e.execution_mode.as_deref()),
        cell(Some(e.status())),
        cell(e.created_at.as_deref()),
        cell(duration.as_deref()),
        cell(error.as_deref()),
    ]
}

/// Rows of `cache history`: one page of executions as the API sent them
/// (`--all` prints each page as it arrives, the header before the first;
/// on a terminal each page is aligned by itself, at least as wide as the
/// header).
pub fn history_page(
    executions: &[Box<RawValue>],
    first: bool,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = executions
        .iter()
        .map(|e| history_row(&lenient::object(e.get()).unwrap_or_default()));
    rows_out(&HISTORY_COLUMNS, first, rows, style, out)
}

/// Rows aligned under a header on a terminal (printed if `with_header`);
/// tab-separated without one for scripts, each row written as it is made.
pub(super) fn rows_out(
    header: &[&str],
    with_header: bool,
    rows: impl Iterator<Item = Vec<Cell>>,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    if !style.stdout_terminal {
        for row in rows {
            let mut fields = row.into_iter().flat_map(|c| c.piped);
            if let Some(field) = fields.next() {
                out.write_all(field.as_bytes())?;
            }
            for field in fields {
                write!(out, "\t{field}")?;
            }
            writeln!(out)?;
        }
        return out.flush();
    }
    let rows: Vec<Vec<Cell>> = rows.collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in &rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.shown.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        padded.join("  ").trim_end().to_string()
    };
    if with_header {
        writeln!(out, "{}", line(header.to_vec()))?;
    }
    for row in &rows {
        writeln!(
            out,
            "{}",
            line(row.iter().map(|c| c.shown.as_str()).collect())
        )?;
    }
    out.flush()
}
