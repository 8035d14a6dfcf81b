//! Time, injected: the wait loop and retry backoff ask a `Clock` for the time
//! and to sleep, so tests drive long waits without real sleeping.

use std::time::{Duration, Instant};

use crate::signal::{self, Signal};

pub trait Clock {
    /// Time since the clock started.
    fn now(&self) -> Duration;
    /// Sleeps, returning early once the run is interrupted.
    fn sleep(&self, duration: Duration);
    /// The signal that asked the run to stop, if one did.
    fn interrupted(&self) -> Option<Signal>;
}

pub struct SystemClock {
    start: Instant,
}

impl SystemClock {
    pub fn new() -> SystemClock {
        SystemClock {
            start: Instant::now(),
        }
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.start.elapsed()
    }

    fn sleep(&self, duration: Duration) {
        // Short slices, so that a signal is noticed within 50 ms.
        let end = Instant::now() + duration;
        while self.interrupted().is_none() {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            std::thread::sleep(left.min(Duration::from_millis(50)));
        }
    }

    fn interrupted(&self) -> Option<Signal> {
        signal::caught()
    }
}

#[cfg(test)]
pub mod fake {
    use super::*;
    use std::cell::{Cell, RefCell};

    /// A clock whose sleeps only move its hands, and which records them.
    #[derive(Default)]
    pub struct FakeClock {
        pub now: Cell<Duration>,
        pub sleeps: RefCell<Vec<Duration>>,
        /// Becomes interrupted once `now` reaches this.
        pub interrupt_at: Option<Duration>,
    }

    impl Clock for FakeClock {
        fn now(&self) -> Duration {
            self.now.get()
        }
        fn sleep(&self, duration: Duration) {
            self.sleeps.borrow_mut().push(duration);
            self.now.set(self.now.get() + duration);
        }
        fn interrupted(&self) -> Option<Signal> {
            self.interrupt_at
                .filter(|t| self.now.get() >= *t)
                .map(|_| Signal::Interrupt)
        }
    }
}
