//! SIGINT, SIGTERM and SIGHUP: the first asks the run to stop and report, a
//! second ends the process at once. Caught from the start of the run.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};

/// A signal that asks the run to stop, and the exit code it ends with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    Interrupt,
    Terminate,
    HangUp,
}

impl Signal {
    fn number(self) -> i32 {
        match self {
            Signal::Interrupt => SIGINT,
            Signal::Terminate => SIGTERM,
            Signal::HangUp => SIGHUP,
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
    for signal in [Signal::Interrupt, Signal::Terminate, Signal::HangUp] {
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
