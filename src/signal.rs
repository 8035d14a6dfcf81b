//! SIGINT, SIGTERM and SIGHUP: the first asks the run to stop and report, a
//! second ends the process at once, except inside a section that must not be
//! cut (the renames of a commit and their undoing), which it lets end first.
//! Caught from the start of the run.

use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// A signal that asks the run to stop, and the exit code it ends with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(unix), allow(dead_code))]
pub enum Signal {
    Interrupt,
    Terminate,
    HangUp,
}

impl Signal {
    /// The POSIX numbers (SIGINT and SIGTERM are the same on Windows).
    fn number(self) -> i32 {
        match self {
            Signal::Interrupt => 2,
            Signal::Terminate => 15,
            Signal::HangUp => 1,
        }
    }

    /// 128 + the signal's number, as shells report a run a signal ended.
    pub fn exit_code(self) -> u8 {
        (128 + self.number()) as u8
    }

    pub fn name(self) -> &'static str {
        match self {
            Signal::Interrupt => "SIGINT",
            Signal::Terminate => "SIGTERM",
            Signal::HangUp => "SIGHUP",
        }
    }

    fn from_number(number: usize) -> Option<Signal> {
        [Signal::Interrupt, Signal::Terminate, Signal::HangUp]
            .into_iter()
            .find(|s| s.number() as usize == number)
    }
}

static CAUGHT: AtomicBool = AtomicBool::new(false);
static WHICH: AtomicUsize = AtomicUsize::new(0);
/// How many sections that a signal must not cut are running.
static UNCUT: AtomicUsize = AtomicUsize::new(0);

/// Installs the handlers.
pub fn catch() {
    #[cfg(unix)]
    let caught = [Signal::Interrupt, Signal::Terminate, Signal::HangUp];
    // Windows has no SIGHUP.
    #[cfg(not(unix))]
    let caught = [Signal::Interrupt, Signal::Terminate];
    for signal in caught {
        let number = signal.number();
        let code = i32::from(signal.exit_code());
        let action = move || {
            if !CAUGHT.load(Ordering::SeqCst) {
                WHICH.store(number as usize, Ordering::SeqCst);
                CAUGHT.store(true, Ordering::SeqCst);
            } else if UNCUT.load(Ordering::SeqCst) == 0 {
                signal_hook::low_level::exit(code);
            }
            // Else a section that must not be cut is running: it ends, and
            // the run, told by the first signal, reports what it did.
        };
        // SAFETY: the action only reads and writes atomics and calls
        // `_exit`, all of which a signal handler may do.
        let _ = unsafe { signal_hook::low_level::register(number, action) };
    }
}

/// Runs `work`, which must be short and bounded (a few renames, a small
/// write), so that no signal cuts it: one that comes meanwhile is only
/// noted (`caught`), and a second one does not end the process; the run
/// ends its own way, as the first signal asked.
pub fn uncut<T>(work: impl FnOnce() -> T) -> T {
    struct Section;
    impl Drop for Section {
        fn drop(&mut self) {
            UNCUT.fetch_sub(1, Ordering::SeqCst);
        }
    }
    UNCUT.fetch_add(1, Ordering::SeqCst);
    let _section = Section;
    work()
}

/// The first signal caught, if any.
pub fn caught() -> Option<Signal> {
    if !CAUGHT.load(Ordering::SeqCst) {
        return None;
    }
    Signal::from_number(WHICH.load(Ordering::SeqCst)).or(Some(Signal::Interrupt))
}

/// How often a wait on another thread looks for a signal.
const LOOK: Duration = Duration::from_millis(20);

/// The next value `receive` brings (`None` once its sender is gone), or the
/// signal caught before or while waiting for it, which goes first.
fn next<T>(receive: &Receiver<T>) -> Result<Option<T>, Signal> {
    loop {
        let received = receive.recv_timeout(LOOK);
        if let Some(signal) = caught() {
            return Err(signal);
        }
        match received {
            Ok(value) => return Ok(Some(value)),
            Err(RecvTimeoutError::Disconnected) => return Ok(None),
            Err(RecvTimeoutError::Timeout) => {}
        }
    }
}

/// Runs `work`, which may block on a terminal, on a thread of its own, so
/// that a signal ends the wait for it; the thread ends with the process.
pub fn unless_caught<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Signal> {
    let (send, receive) = mpsc::channel();
    let worker = std::thread::spawn(move || send.send(work()));
    match next(&receive)? {
        Some(value) => Ok(value),
        // Only a panic ends the thread without a value; it goes on from here.
        None => std::panic::resume_unwind(worker.join().err().unwrap_or_else(|| Box::new(()))),
    }
}

/// Standard input, read on a thread of its own (named `peaka-stdin`), so
/// that a signal ends a run that waits on a terminal or on a pipe whose
/// writer has not closed it. After a read was cut short, `interrupted`
/// names the signal.
#[derive(Default)]
pub struct Stdin {
    chunks: Option<Receiver<io::Result<Vec<u8>>>>,
    pending: Vec<u8>,
    at: usize,
    interrupted: Option<Signal>,
}

impl Stdin {
    pub fn interrupted(&self) -> Option<Signal> {
        self.interrupted
    }

    fn start() -> Receiver<io::Result<Vec<u8>>> {
        // One chunk ahead at most: what is not asked for stays unread.
        let (send, receive) = mpsc::sync_channel(0);
        let reader = move || {
            let mut stdin = io::stdin().lock();
            loop {
                let mut chunk = vec![0; 8192];
                let read = match stdin.read(&mut chunk) {
                    Ok(0) => return,
                    Ok(n) => {
                        chunk.truncate(n);
                        Ok(chunk)
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => Err(e),
                };
                let failed = read.is_err();
                if send.send(read).is_err() || failed {
                    return;
                }
            }
        };
        let named = std::thread::Builder::new().name("peaka-stdin".into());
        if let Err(e) = named.spawn(reader) {
            let (send, receive) = mpsc::sync_channel(1);
            let _ = send.send(Err(e));
            return receive;
        }
        receive
    }
}

impl Read for Stdin {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.pending.len() {
            let chunks = self.chunks.get_or_insert_with(Stdin::start);
            match next(chunks) {
                Ok(Some(chunk)) => {
                    self.pending = chunk?;
                    self.at = 0;
                }
                Ok(None) => return Ok(0),
                Err(signal) => {
                    self.interrupted = Some(signal);
                    // Not ErrorKind::Interrupted, which readers retry.
                    return Err(io::Error::other(format!(
                        "interrupted by {}",
                        signal.name()
                    )));
                }
            }
        }
        let n = buf.len().min(self.pending.len() - self.at);
        buf[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_numbers_are_the_platform_s() {
        use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
        assert_eq!(Signal::Interrupt.number(), SIGINT);
        assert_eq!(Signal::Terminate.number(), SIGTERM);
        assert_eq!(Signal::HangUp.number(), SIGHUP);
    }

    // No test here catches a signal: the flag is the whole process's.
    #[test]
    fn work_on_its_own_thread_gives_its_value() {
        let main = std::thread::current().id();
        let other = unless_caught(move || std::thread::current().id() != main);
        assert_eq!(other, Ok(true));
    }

    #[test]
    fn a_panic_of_the_work_goes_on_to_the_caller() {
        let ended = std::panic::catch_unwind(|| unless_caught(|| -> u8 { panic!("in the work") }));
        let panic = ended.expect_err("the panic reached the caller");
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"in the work"));
    }
}
