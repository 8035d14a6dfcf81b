//! Tables: `cache list` and `history`, aligned on a terminal (by display
//! width, fitted to its width), tab-separated when piped.

use super::*;

/// A column of a table for people: its header, and how narrow it may be
/// cut (with `…`) to fit the terminal's width, if at all (never below its
/// header).
pub(super) struct Column {
    header: &'static str,
    narrowest: Option<usize>,
}

const fn column(header: &'static str, narrowest: Option<usize>) -> Column {
    Column { header, narrowest }
}

/// `cache list` for people, fitted: the name first (with its catalog when
/// two caches of the list share a `schema.table`), the ID as short as
/// `--cache` takes it; the name is cut first. `--wide` adds CATALOG. Piped,
/// the columns are CACHE (the whole ID), CATALOG, SCHEMA, TABLE, STATUS,
/// then the status and time of the last full refresh and of the last
/// incremental sync, without a header, times as ISO-8601.
const LIST_COLUMNS: [Column; 5] = [
    column("NAME", Some(16)),
    column("ID", None),
    column("STATUS", None),
    column("FULL REFRESH", Some(0)),
    column("INCREMENTAL", Some(0)),
];

const LIST_WIDE: [Column; 6] = [
    column("NAME", None),
    column("CATALOG", None),
    column("ID", None),
    column("STATUS", None),
    column("FULL REFRESH", None),
    column("INCREMENTAL", None),
];

/// `cache history` for people; piped, the same columns as the API sent
/// them: EXECUTION, KIND, STATUS, STARTED, DURATION, ERROR.
const HISTORY_COLUMNS: [Column; 6] = [
    column("EXECUTION", None),
    column("KIND", None),
    column("STATUS", None),
    column("STARTED", None),
    column("DURATION", None),
    column("ERROR", Some(0)),
];

/// How a table is laid out for people: fitted to the terminal, or every
/// column in full (`--wide`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Layout {
    pub wide: bool,
}

impl Layout {
    /// A time's age: in one unit in a fitted table ("2h ago").
    fn age(self, time: &str, now: i64) -> Option<String> {
        match self.wide {
            true => crate::time::ago(time, now),
            false => crate::time::age(time, now),
        }
    }
}

/// What `cache list` shows people beside the API's fields, one per cache
/// of the listing: its name as `--cache` reads it, and its ID as short as
/// `--cache` accepts it.
#[derive(Debug, Default)]
pub struct Labels {
    pub names: Vec<Option<String>>,
    pub ids: Vec<String>,
}

fn field(text: Option<&str>) -> String {
    text.map_or("-".into(), sanitize::field)
}

/// The last execution of a kind: its status and age ("COMPLETED 3m ago",
/// in one unit unless `--wide`); piped, two columns: the status and its
/// time (no age to work out).
fn last_run(e: Option<&LastRun>, terminal: Option<Layout>) -> Vec<String> {
    let Some(e) = e else {
        return match terminal {
            Some(_) => vec!["never".into()],
            None => vec!["-".into(), "-".into()],
        };
    };
    let status = field(e.status.as_deref());
    let when = e
        .finished_at
        .as_deref()
        .or(e.created_at.as_deref())
        .or(e.updated_at.as_deref());
    let Some(layout) = terminal else {
        return vec![status, field(when)];
    };
    let age = when.and_then(|w| layout.age(w, crate::time::now()));
    vec![age.map_or(status.clone(), |age| format!("{status} {age}"))]
}

/// `cache list`: aligned on a terminal, tab-separated when piped. `labels`
/// (for people) holds one name and shown ID per cache.
pub fn list_table(
    caches: &Listing<ListedCache>,
    labels: &Labels,
    layout: Layout,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let items = caches.items.iter().map(|(_, c)| c);
    if !style.stdout_terminal {
        return tsv_out(items.map(list_fields), out);
    }
    let rows = items.enumerate().map(|(n, c)| {
        let name = labels.names.get(n).cloned().flatten();
        let id = labels.ids.get(n).cloned();
        let mut row = vec![name.map_or("-".into(), |n| sanitize::field(&n))];
        if layout.wide {
            row.push(field(c.catalog_id.as_deref()));
        }
        row.push(id.unwrap_or_else(|| field(c.id.as_deref())));
        row.push(field(c.status.as_deref()));
        row.extend(last_run(c.execution(ExecutionKind::Full), Some(layout)));
        row.extend(last_run(
            c.execution(ExecutionKind::Incremental),
            Some(layout),
        ));
        row
    });
    let columns: &[Column] = match layout.wide {
        true => &LIST_WIDE,
        false => &LIST_COLUMNS,
    };
    aligned_out(columns, true, rows.collect(), layout, style, out)
}

/// A cache as a script reads it: the columns of `LIST_COLUMNS`'s comment.
fn list_fields(c: &ListedCache) -> Vec<String> {
    let mut fields = vec![
        field(c.id.as_deref()),
        field(c.catalog_id.as_deref()),
        field(c.schema_name.as_deref()),
        field(c.table_name.as_deref()),
        field(c.status.as_deref()),
    ];
    fields.extend(last_run(c.execution(ExecutionKind::Full), None));
    fields.extend(last_run(c.execution(ExecutionKind::Incremental), None));
    fields
}

/// An execution as a script reads it.
fn history_fields(e: &Execution) -> Vec<String> {
    let duration = match (e.created_at.as_deref(), e.finished_at.as_deref()) {
        (Some(start), Some(end)) => crate::time::between(start, end),
        (Some(_), None) => Some("running".into()),
        _ => None,
    };
    let error = e.error.as_ref().filter(|v| !v.is_null()).map(one_line);
    vec![
        field(e.id.as_deref()),
        field(e.execution_mode.as_deref()),
        field(Some(e.status())),
        field(e.created_at.as_deref()),
        field(duration.as_deref()),
        field(error.as_deref()),
    ]
}

/// An execution for people: its start with its age, and for one still
/// running, how long it has run; fitted, its kind in the words of
/// `--status` and its ID as short as it is unique among `ids`.
fn history_shown(e: &Execution, ids: &[&str], layout: Layout, now: i64) -> Vec<String> {
    let mut row = history_fields(e);
    let start = e.created_at.as_deref();
    let age = start.and_then(|s| layout.age(s, now));
    let at = match layout.wide {
        true => start.map(sanitize::field),
        false => start.and_then(crate::time::short),
    };
    if let (Some(at), Some(age)) = (at, age) {
        row[3] = format!("{at} ({age})");
    }
    if let (Some(start), None) = (start.and_then(crate::time::parse), &e.finished_at) {
        row[4] = format!("running {}", crate::time::span(now - start));
    }
    if !layout.wide {
        if let Some(id) = e.id.as_deref() {
            row[0] = sanitize::field(&unique_start(id, ids));
        }
        let mode = e.execution_mode.as_deref().map(str::to_ascii_uppercase);
        match mode.as_deref() {
            Some("FULL_REFRESH") => row[1] = "full".into(),
            Some("INCREMENTAL") => row[1] = "incremental".into(),
            _ => {}
        }
    }
    row
}

/// The shortest start of `id`, at least 8 characters, that no other of
/// `ids` begins with (git's short hashes); the whole ID when none is, or
/// when it is not made of hex digits and hyphens, as a UUID is.
fn unique_start(id: &str, ids: &[&str]) -> String {
    if !id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
        return id.to_string();
    }
    let common = |other: &&str| {
        let same = id.chars().zip(other.chars()).take_while(|(a, b)| a == b);
        same.map(|(a, _)| a.len_utf8()).sum::<usize>()
    };
    let mut others = ids.iter().filter(|other| **other != id);
    let longest = others.by_ref().map(common).max().unwrap_or(0);
    let mut end = (longest + 1).max(8);
    while end < id.len() && (!id.is_char_boundary(end) || id[..end].ends_with('-')) {
        end += 1;
    }
    id.get(..end).unwrap_or(id).to_string()
}

/// Rows of `cache history`: one page of executions as the API sent them
/// (`--all` prints each page as it arrives, the header before the first;
/// on a terminal each page is aligned by itself, at least as wide as the
/// header).
pub fn history_page(
    executions: &[Box<RawValue>],
    first: bool,
    layout: Layout,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let read = executions
        .iter()
        .map(|e| lenient::object::<Execution>(e.get()).unwrap_or_default());
    if !style.stdout_terminal {
        return tsv_out(read.map(|e| history_fields(&e)), out);
    }
    let read: Vec<Execution> = read.collect();
    let ids: Vec<&str> = read.iter().filter_map(|e| e.id.as_deref()).collect();
    let now = crate::time::now();
    let rows = read.iter().map(|e| history_shown(e, &ids, layout, now));
    aligned_out(&HISTORY_COLUMNS, first, rows.collect(), layout, style, out)
}

/// Tab-separated rows without a header, for scripts, each row written as
/// it is made.
fn tsv_out(rows: impl Iterator<Item = Vec<String>>, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    for row in rows {
        writeln!(out, "{}", row.join("\t"))?;
    }
    out.flush()
}

/// Rows aligned under a header (printed if `with_header`), by the columns
/// a terminal draws; fitted to the terminal's width unless `--wide`.
fn aligned_out(
    columns: &[Column],
    with_header: bool,
    rows: Vec<Vec<String>>,
    layout: Layout,
    style: &Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let mut widths: Vec<usize> = columns.iter().map(|c| columns_of(c.header)).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(columns_of(cell));
        }
    }
    if let (false, Some(room)) = (layout.wide, style.table_width) {
        fit(columns, &mut widths, room);
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let padded: Vec<String> = cells
            .zip(&widths)
            .map(|(cell, w)| pad(&cut_to(cell, *w), *w))
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    if with_header {
        writeln!(out, "{}", line(&mut columns.iter().map(|c| c.header)))?;
    }
    for row in &rows {
        writeln!(out, "{}", line(&mut row.iter().map(String::as_str)))?;
    }
    out.flush()
}

fn columns_of(text: &str) -> usize {
    super::human::columns(text)
}

/// Narrows the columns that may be cut, the widest first (the earlier of
/// two as wide), never below their narrowest or their header, until the
/// table (two spaces between columns) fits in `room` columns or none can
/// narrow further.
fn fit(columns: &[Column], widths: &mut [usize], room: usize) {
    let total =
        |widths: &[usize]| widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    let mut over = total(widths).saturating_sub(room);
    let narrowest = |c: &Column| Some(c.narrowest?.max(columns_of(c.header)));
    while over > 0 {
        let widest = columns
            .iter()
            .zip(widths.iter())
            .enumerate()
            .filter(|(_, (c, w))| narrowest(c).is_some_and(|least| **w > least))
            .max_by_key(|(n, (_, w))| (**w, std::cmp::Reverse(*n)))
            .map(|(n, _)| n);
        let Some(n) = widest else {
            return;
        };
        widths[n] -= 1;
        over -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_by_the_columns_a_terminal_draws() {
        assert_eq!(columns_of("注文履歴"), 8);
        assert_eq!(columns_of("🍣"), 2);
        assert_eq!(cut_to("注文履歴", 5), "注文…");
        assert_eq!(cut_to("orders", 6), "orders");
        assert_eq!(cut_to("orders", 4), "ord…");
        assert_eq!(pad("注文", 6), "注文  ");
    }

    #[test]
    fn the_widest_text_column_is_cut_first() {
        let mut widths = vec![30, 10, 8];
        let cols = [
            column("NAME", Some(6)),
            column("CATALOG", Some(0)),
            column("ID", None),
        ];
        fit(&cols, &mut widths, 40);
        assert_eq!(widths, vec![18, 10, 8]);
        fit(&cols, &mut widths, 20);
        assert_eq!(
            widths,
            vec![6, 7, 8],
            "never below the narrowest or the header"
        );
    }

    #[test]
    fn starts_unique_among_the_page() {
        let ids = ["e1b2c3d4-aaaa", "e1b2c3d4-abbb", "f0000000-0000"];
        assert_eq!(unique_start(ids[0], &ids), "e1b2c3d4-aa");
        assert_eq!(unique_start(ids[2], &ids), "f0000000");
        assert_eq!(unique_start("abc", &ids), "abc");
        assert_eq!(
            unique_start("full-0005-17156078", &ids),
            "full-0005-17156078"
        );
    }
}
