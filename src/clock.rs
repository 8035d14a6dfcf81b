//! Time, injected: the wait loop and retry backoff ask a `Clock` for the time
//! and to sleep, so tests drive long waits without real sleeping.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub trait Clock {
    /// Time since the clock started.
    fn now(&self) -> Duration;
    /// Sleeps, returning early once the run is interrupted.
    fn sleep(&self, duration: Duration);
    /// Whether Ctrl-C was pressed.
    fn interrupted(&self) -> bool;
}

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Called from the Ctrl-C handler; returns whether this is the second press.
pub fn interrupt() -> bool {
    INTERRUPTED.swap(true, Ordering::SeqCst)
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
        // Short slices, so that Ctrl-C is noticed within 50 ms.
        let end = Instant::now() + duration;
        while !self.interrupted() {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            std::thread::sleep(left.min(Duration::from_millis(50)));
        }
    }

    fn interrupted(&self) -> bool {
        INTERRUPTED.load(Ordering::SeqCst)
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
        fn interrupted(&self) -> bool {
            self.interrupt_at.is_some_and(|t| self.now.get() >= t)
        }
    }
}
