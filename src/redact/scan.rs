//! The patterns of every key seen, and the scan that finds their runs in
//! text (and, for a stream, the tail that must wait for more).

use super::*;

/// How many significant bytes a scan remembers: more than the longest whole
/// form (seven characters of four bytes, escaped).
pub(super) const RING: usize = 128;

/// What the filter looks for, built from every key this run has seen.
pub(super) struct Patterns {
    /// Every run of `RUN` bytes of a long key's forms, packed into a u64.
    grams: HashSet<u64>,
    /// A quick no for most windows: one bit per hashed run.
    filter: Vec<u64>,
    /// For each length below `RUN`, one bit per hashed start of a run: a
    /// tail that may still grow into one (a false yes only holds it a
    /// little longer).
    starts: Vec<Vec<u64>>,
    /// Every form of a key shorter than `RUN` characters, matched whole
    /// where it stands as a word of its own.
    whole: Vec<Vec<u8>>,
}

/// What a scan found: the runs to mask, and where the part that may still
/// become a run (waiting for more input) begins.
pub(super) struct Found {
    pub(super) spans: Vec<(usize, usize)>,
    pub(super) hold: usize,
}

/// Copies `input[..found.hold]` to `out` with every span masked.
pub(super) fn emit(input: &[u8], found: &Found, out: &mut Vec<u8>) {
    let mut at = 0;
    for &(start, end) in &found.spans {
        out.extend_from_slice(&input[at..start]);
        out.extend_from_slice(MASK);
        at = end;
    }
    out.extend_from_slice(&input[at..found.hold]);
}

/// The last significant bytes of a scan, and where each one's unit starts.
pub(super) struct Ring {
    bytes: [u8; RING],
    starts: [usize; RING],
    seen: usize,
}

impl Ring {
    pub(super) fn new() -> Ring {
        Ring {
            bytes: [0; RING],
            starts: [0; RING],
            seen: 0,
        }
    }

    pub(super) fn push(&mut self, byte: u8, start: usize) {
        self.bytes[self.seen % RING] = byte;
        self.starts[self.seen % RING] = start;
        self.seen += 1;
    }

    /// The `n`th byte from the end (1 is the last), and its unit's start.
    pub(super) fn back(&self, n: usize) -> (u8, usize) {
        let at = (self.seen - n) % RING;
        (self.bytes[at], self.starts[at])
    }

    pub(super) fn ends_with(&self, form: &[u8]) -> bool {
        form.len() <= self.seen.min(RING)
            && form
                .iter()
                .rev()
                .enumerate()
                .all(|(i, &b)| self.back(i + 1).0 == b)
    }

    /// The last `n` bytes packed into a u64 (`n` at most 8).
    pub(super) fn packed(&self, n: usize) -> u64 {
        (1..=n)
            .rev()
            .fold(0, |acc, i| (acc << 8) | u64::from(self.back(i).0))
    }
}

/// A byte that continues a word: a short key inside a longer word is text.
pub(super) fn in_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte >= 0x80
}

pub(super) fn pack(run: &[u8]) -> u64 {
    run.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b))
}

pub(super) fn bit(window: u64) -> usize {
    (window.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

pub(super) fn set(bits: &mut [u64], window: u64) {
    let at = bit(window);
    bits[at >> 6] |= 1 << (at & 63);
}

pub(super) fn has(bits: &[u64], window: u64) -> bool {
    let at = bit(window);
    bits[at >> 6] & (1 << (at & 63)) != 0
}

pub(super) fn add_span(spans: &mut Vec<(usize, usize)>, mut start: usize, mut end: usize) {
    while let Some(&(s, e)) = spans.last() {
        if start > e {
            break;
        }
        start = start.min(s);
        end = end.max(e);
        spans.pop();
    }
    spans.push((start, end));
}

/// Spans from two scans of the same text, in order, merged.
pub(super) fn merge(mut a: Vec<(usize, usize)>, b: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    a.extend(b);
    a.sort_unstable();
    let mut merged = Vec::with_capacity(a.len());
    for (start, end) in a {
        add_span(&mut merged, start, end);
    }
    merged
}

/// One scan in one mode: its spans, and where its open tail begins.
pub(super) struct Pass<'p> {
    patterns: &'p Patterns,
    ring: Ring,
    window: u64,
    spans: Vec<(usize, usize)>,
    /// A short key just read, kept until the next byte says whether it
    /// stands alone.
    pending: Option<(usize, usize)>,
}

impl Pass<'_> {
    pub(super) fn byte(&mut self, b: u8, start: usize, end: usize) {
        if let Some((s, e)) = self.pending.take() {
            if !in_word(b) {
                add_span(&mut self.spans, s, e);
            }
        }
        self.ring.push(b, start);
        self.window = (self.window << 8) | u64::from(b);
        let p = self.patterns;
        if self.ring.seen >= RUN && has(&p.filter, self.window) && p.grams.contains(&self.window) {
            add_span(&mut self.spans, self.ring.back(RUN).1, end);
        }
        for form in &p.whole {
            let n = form.len();
            let alone = n >= self.ring.seen || !in_word(self.ring.back(n + 1).0);
            if alone && self.ring.ends_with(form) {
                self.pending = Some((self.ring.back(n).1, end));
            }
        }
    }

    /// A run of `n` bytes at the end could still become a pattern.
    pub(super) fn may_grow(&self, n: usize) -> bool {
        let p = self.patterns;
        (n < RUN && has(&p.starts[n], self.ring.packed(n)))
            || p.whole.iter().any(|form| {
                form.len() >= n && form.starts_with(&self.tail(n)) && n <= self.ring.seen
            })
    }

    pub(super) fn tail(&self, n: usize) -> Vec<u8> {
        (1..=n).rev().map(|i| self.ring.back(i).0).collect()
    }

    /// Where the longest tail that may still become a pattern begins.
    pub(super) fn open_tail(&self) -> Option<usize> {
        let longest = self.patterns.whole.iter().map(Vec::len).max().unwrap_or(0);
        let most = longest.max(RUN - 1).min(self.ring.seen).min(RING);
        (1..=most)
            .rev()
            .find(|&n| self.may_grow(n))
            .map(|n| self.ring.back(n).1)
    }
}

impl Patterns {
    pub(super) fn new() -> Patterns {
        Patterns {
            grams: HashSet::new(),
            filter: vec![0; 1 << 10],
            starts: vec![vec![0; 1 << 10]; RUN],
            whole: Vec::new(),
        }
    }

    pub(super) fn add(&mut self, form: Vec<u8>, short: bool) {
        if short {
            if form.len() <= RING && !self.whole.contains(&form) {
                self.whole.push(form);
            }
            return;
        }
        for run in form.windows(RUN) {
            let window = pack(run);
            if self.grams.insert(window) {
                set(&mut self.filter, window);
                for n in 1..RUN {
                    set(&mut self.starts[n], pack(&run[..n]));
                }
            }
        }
    }

    /// Reads `input[..end]` in one mode.
    pub(super) fn pass(
        &self,
        input: &[u8],
        end: usize,
        mode: Mode,
        last: bool,
    ) -> (Vec<(usize, usize)>, usize) {
        let mut pass = Pass {
            patterns: self,
            ring: Ring::new(),
            window: 0,
            spans: Vec::new(),
            pending: None,
        };
        let mut at = 0;
        while at < end {
            let (len, unit) = next_unit(&input[at..end], mode);
            let mut buf = [0; 4];
            let bytes: &[u8] = match unit {
                Unit::Hidden => &[],
                Unit::Break => b"\n",
                Unit::Char(c) => c.encode_utf8(&mut buf).as_bytes(),
                Unit::Byte(b) => {
                    buf[0] = b;
                    &buf[..1]
                }
            };
            for &b in bytes {
                pass.byte(b, at, at + len);
            }
            at += len;
        }
        if last {
            if let Some((s, e)) = pass.pending.take() {
                add_span(&mut pass.spans, s, e);
            }
            return (pass.spans, input.len());
        }
        let hold = pass.open_tail().unwrap_or(end).min(end);
        (pass.spans, hold)
    }

    /// The runs of keys in `input`, read as it is and decoded. Unless
    /// `last`, a tail that the next input could turn into a run is held back.
    pub(super) fn scan(&self, input: &[u8], last: bool) -> Found {
        let end_of = |mode| match last {
            true => input.len(),
            false => complete_end(input, mode),
        };
        let (mut spans, mut hold) = self.pass(input, end_of(Mode::Literal), Mode::Literal, last);
        if input.iter().any(|&b| b == b'\\' || b == b'%') {
            let (more, held) = self.pass(input, end_of(Mode::Decoded), Mode::Decoded, last);
            spans = merge(spans, more);
            hold = hold.min(held);
        }
        // A run that reaches into the held part is held whole.
        while let Some(&(start, stop)) = spans.last() {
            if stop <= hold {
                break;
            }
            hold = hold.min(start);
            spans.pop();
        }
        Found { spans, hold }
    }
}
