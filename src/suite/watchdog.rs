//! The per-test time limit. A watchdog thread waits for the test to end;
//! if the limit passes first it requests a machine stop through the
//! machine's [`Power`] (as the Ctrl-A x quit key does), which sets every
//! hart's exit-request word and wakes it from WFI, so the run returns
//! within one batch. Nothing process-wide is touched.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use mimic_mmu::{Power, PowerEvent};

pub struct Watchdog {
    done: Option<mpsc::Sender<()>>,
    fired: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    /// Starts the clock for a machine whose power is `power`.
    pub fn start(power: Arc<Power>, limit: Duration) -> Watchdog {
        let (tx, rx) = mpsc::channel::<()>();
        let fired = Arc::new(AtomicBool::new(false));
        let f = fired.clone();
        let thread = std::thread::Builder::new()
            .name("mimic-watchdog".into())
            .spawn(move || {
                if rx.recv_timeout(limit) == Err(RecvTimeoutError::Timeout) {
                    f.store(true, Ordering::SeqCst);
                    power.request(PowerEvent::Quit);
                }
            })
            .ok();
        Watchdog { done: Some(tx), fired, thread }
    }

    /// Stops the clock; true when the limit had already stopped the run.
    pub fn stop(mut self) -> bool {
        drop(self.done.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        self.fired.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_only_after_the_limit() {
        let p = Power::new();
        let w = Watchdog::start(p.clone(), Duration::from_secs(30));
        assert!(!w.stop());
        assert!(!p.stopped());
        let w = Watchdog::start(p.clone(), Duration::from_millis(10));
        std::thread::sleep(Duration::from_millis(100));
        assert!(w.stop());
        assert_eq!(p.event(), Some(PowerEvent::Quit));
    }
}
