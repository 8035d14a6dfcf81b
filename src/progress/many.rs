//! One live progress bar for a run on many caches (a bulk cancel), on a
//! terminal: done/total, how many are in flight, a count per outcome and the
//! time elapsed. indicatif lays it out; it draws into a buffer that is
//! copied to the run's stderr (the redacting writer, like everything else)
//! after each change, on the thread that owns that writer, so that its bytes
//! never interleave with the lines printed above it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};

use crate::output::Style;

/// How often the bar is redrawn while nothing finishes (its spinner and
/// elapsed time move).
pub const TICK: Duration = Duration::from_millis(100);

const TEMPLATE: &str = "{spinner} {elapsed:>4} [{bar:20}] {pos}/{len}  {wide_msg}";

/// The bar of a run on many caches; hidden (draws nothing at all) with
/// `--quiet` or when stderr is not a terminal.
pub struct Bar<'a, 'w> {
    bar: Option<ProgressBar>,
    screen: Screen,
    err: &'a RefCell<dyn Write + 'w>,
    counts: BTreeMap<String, u32>,
}

impl<'a, 'w> Bar<'a, 'w> {
    /// The bar for `total` caches, drawn at once when it is shown.
    pub fn new(style: &Style, total: usize, err: &'a RefCell<dyn Write + 'w>) -> Bar<'a, 'w> {
        let screen = Screen {
            bytes: Arc::default(),
            width: style.width.unwrap_or(80).clamp(20, usize::from(u16::MAX)) as u16,
        };
        let shown = style.terminal && !style.quiet && total > 0;
        let bar = shown.then(|| {
            // Many caches may finish at once: at most 20 draws a second,
            // besides the one after each printed line.
            let target = ProgressDrawTarget::term_like_with_hz(Box::new(screen.clone()), 20);
            let look = ProgressStyle::with_template(TEMPLATE)
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
            ProgressBar::with_draw_target(Some(total as u64), target).with_style(look)
        });
        let mut many = Bar {
            bar,
            screen,
            err,
            counts: BTreeMap::new(),
        };
        many.tick(0);
        many
    }

    /// Whether the bar is drawn at all.
    pub fn shown(&self) -> bool {
        self.bar.is_some()
    }

    /// Redraws with `in_flight` caches being worked on.
    pub fn tick(&mut self, in_flight: usize) {
        if let Some(bar) = &self.bar {
            bar.set_message(self.message(in_flight));
            bar.tick();
            self.show();
        }
    }

    /// One more cache finished, with the outcome named `key`.
    pub fn done(&mut self, key: String, in_flight: usize) {
        *self.counts.entry(key).or_insert(0) += 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
            bar.set_message(self.message(in_flight));
            self.show();
        }
    }

    /// Prints something (on stdout or stderr) above the bar: the bar is
    /// cleared first and drawn again after, since both usually share one
    /// terminal.
    pub fn above(&self, print: impl FnOnce()) {
        match &self.bar {
            None => print(),
            Some(bar) => {
                bar.suspend(|| {
                    self.show();
                    print();
                });
                self.show();
            }
        }
    }

    fn message(&self, in_flight: usize) -> String {
        let mut parts = vec![format!("{in_flight} in flight")];
        parts.extend(self.counts.iter().map(|(name, n)| format!("{n} {name}")));
        parts.join(", ")
    }

    /// Copies what was drawn to stderr.
    fn show(&self) {
        let bytes = match self.screen.bytes.lock() {
            Ok(mut bytes) => std::mem::take(&mut *bytes),
            Err(_) => return,
        };
        if !bytes.is_empty() {
            let mut err = self.err.borrow_mut();
            let _ = err.write_all(&bytes);
            let _ = err.flush();
        }
    }
}

impl Drop for Bar<'_, '_> {
    /// The bar leaves nothing behind: the summary follows where it was.
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
            self.show();
        }
    }
}

/// indicatif's terminal: a buffer of what it draws, of the terminal's width.
#[derive(Clone)]
struct Screen {
    bytes: Arc<Mutex<Vec<u8>>>,
    width: u16,
}

impl fmt::Debug for Screen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Screen")
            .field("width", &self.width)
            .finish()
    }
}

impl Screen {
    fn put(&self, text: &str) -> io::Result<()> {
        let mut bytes = self
            .bytes
            .lock()
            .map_err(|_| io::Error::other("progress bar buffer poisoned"))?;
        bytes.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

impl TermLike for Screen {
    fn width(&self) -> u16 {
        self.width
    }

    fn move_cursor_up(&self, n: usize) -> io::Result<()> {
        match n {
            0 => Ok(()),
            n => self.put(&format!("\x1b[{n}A")),
        }
    }

    fn move_cursor_down(&self, n: usize) -> io::Result<()> {
        match n {
            0 => Ok(()),
            n => self.put(&format!("\x1b[{n}B")),
        }
    }

    fn move_cursor_right(&self, n: usize) -> io::Result<()> {
        match n {
            0 => Ok(()),
            n => self.put(&format!("\x1b[{n}C")),
        }
    }

    fn move_cursor_left(&self, n: usize) -> io::Result<()> {
        match n {
            0 => Ok(()),
            n => self.put(&format!("\x1b[{n}D")),
        }
    }

    fn write_line(&self, s: &str) -> io::Result<()> {
        self.put(s)?;
        self.put("\n")
    }

    fn write_str(&self, s: &str) -> io::Result<()> {
        self.put(s)
    }

    fn clear_line(&self) -> io::Result<()> {
        self.put("\r\x1b[2K")
    }

    fn flush(&self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terminal() -> Style {
        Style {
            terminal: true,
            width: Some(80),
            ..Style::default()
        }
    }

    #[test]
    fn drawn_at_once_counted_and_cleared_around_each_line() {
        let err = RefCell::new(Vec::new());
        {
            let mut bar = Bar::new(&terminal(), 2, &err);
            bar.tick(3);
            bar.done("cancelled".into(), 2);
            bar.above(|| err.borrow_mut().extend_from_slice(b"LINE\n"));
            bar.done("failed".into(), 0);
        }
        let text = String::from_utf8(err.into_inner()).unwrap();
        assert!(text.contains("0/2  0 in flight"), "{text:?}");
        assert!(text.contains("1/2  2 in flight, 1 cancelled "), "{text:?}");
        assert!(
            text.contains("2/2  0 in flight, 1 cancelled, 1 failed"),
            "{text:?}"
        );
        // The line comes after a clear, at the start of a line of its own.
        assert!(text.contains("\r\x1b[2KLINE\n"), "{text:?}");
        assert!(text.ends_with("\r\x1b[2K"), "{text:?}");
    }

    #[test]
    fn hidden_when_quiet_or_not_a_terminal() {
        for style in [
            Style::default(),
            Style {
                quiet: true,
                ..terminal()
            },
        ] {
            let err = RefCell::new(Vec::new());
            {
                let mut bar = Bar::new(&style, 3, &err);
                bar.tick(3);
                bar.above(|| err.borrow_mut().extend_from_slice(b"LINE\n"));
                bar.done("cancelled".into(), 0);
            }
            assert_eq!(err.into_inner(), b"LINE\n");
        }
    }
}
