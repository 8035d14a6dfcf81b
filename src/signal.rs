//! SIGINT, SIGTERM and SIGHUP: the first asks the run to stop and report, a
//! second ends the process at once. Caught from the start of the run.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

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

/// Installs the handlers. The shutdown goes first, so that it sees only
/// signals that came before this one.
pub fn catch() {
    #[cfg(unix)]
    let caught = [Signal::Interrupt, Signal::Terminate, Signal::HangUp];
    // Windows has no SIGHUP.
    #[cfg(not(unix))]
    let caught = [Signal::Interrupt, Signal::Terminate];
    for signal in caught {
        let number = signal.number();
        let _ = signal_hook::flag::register_conditional_shutdown(
            number,
            i32::from(signal.exit_code()),
            &CAUGHT,
        );
        let _ = signal_hook::flag::register_usize(number, &WHICH, number as usize);
        let _ = signal_hook::flag::register(number, &CAUGHT);
    }
}

/// The first signal caught, if any.
pub fn caught() -> Option<Signal> {
    if !CAUGHT.load(Ordering::SeqCst) {
        return None;
    }
    Signal::from_number(WHICH.load(Ordering::SeqCst)).or(Some(Signal::Interrupt))
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
}
