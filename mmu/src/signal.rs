//! The cross-thread entry points of a hart and of the machine.
//!
//! [`HartSignals`] is the only part of a hart other threads (devices,
//! timers, other harts, the console) may touch: they raise or lower the
//! device-driven interrupt-pending bits, set the exit-request word, and wake
//! the hart from WFI. [`Power`] records a machine-wide stop (poweroff,
//! reboot, HTIF exit) and kicks every hart.
//!
//! Lock order: `HartSignals::sleep` is a leaf lock (nothing is called while
//! holding it). Atomics use SeqCst for set/kick so a woken hart sees the
//! bits that caused the wake.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

/// Per-hart signals shared with other threads.
#[derive(Debug, Default)]
pub struct HartSignals {
    /// Device-driven mip bits (MSIP, MEIP, SEIP), in mip bit positions.
    irq: AtomicU64,
    /// This hart's CLINT mtimecmp (MTIP = mtime >= mtimecmp).
    pub mtimecmp: AtomicU64,
    /// Non-zero: leave the current batch / generated code at the next
    /// instruction boundary and look at the world.
    pub exit_req: AtomicU32,
    /// Non-zero: another hart asked for an SFENCE.VMA + FENCE.I here.
    fence_req: AtomicU32,
    sleep: Mutex<bool>,
    wake: Condvar,
}

impl HartSignals {
    pub fn new() -> Arc<HartSignals> {
        Arc::new(HartSignals { mtimecmp: AtomicU64::new(u64::MAX), ..HartSignals::default() })
    }

    /// Device-driven pending bits.
    #[inline]
    pub fn irq(&self) -> u64 {
        self.irq.load(Ordering::Acquire)
    }

    /// Raises (`level = true`) or lowers a device-driven mip bit and makes
    /// the hart look at it.
    pub fn set_irq(&self, mask: u64, level: bool) {
        let old = if level {
            self.irq.fetch_or(mask, Ordering::SeqCst)
        } else {
            self.irq.fetch_and(!mask, Ordering::SeqCst)
        };
        if (old & mask != 0) != level {
            self.kick();
        }
    }

    /// Asks the hart to leave its batch and wakes it from WFI.
    pub fn kick(&self) {
        self.exit_req.store(1, Ordering::SeqCst);
        let mut woken = self.sleep.lock().unwrap_or_else(|e| e.into_inner());
        *woken = true;
        self.wake.notify_all();
    }

    /// Sleeps until kicked or until `deadline` (if any). Returns at once if
    /// a kick arrived since the last sleep.
    pub fn sleep_until(&self, deadline: Option<Instant>) {
        let mut woken = self.sleep.lock().unwrap_or_else(|e| e.into_inner());
        while !*woken {
            match deadline {
                None => woken = self.wake.wait(woken).unwrap_or_else(|e| e.into_inner()),
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        break;
                    }
                    woken = self.wake.wait_timeout(woken, d - now).unwrap_or_else(|e| e.into_inner()).0;
                }
            }
        }
        *woken = false;
    }

    /// Queues a remote fence (SBI RFENCE) and kicks the hart.
    pub fn request_fence(&self) {
        self.fence_req.store(1, Ordering::SeqCst);
        self.kick();
    }

    /// Takes a queued remote-fence request.
    pub fn take_fence_req(&self) -> bool {
        self.fence_req.swap(0, Ordering::AcqRel) != 0
    }

    /// Clears the exit request (the hart does this when it acts on it).
    #[inline]
    pub fn take_exit_req(&self) -> bool {
        self.exit_req.swap(0, Ordering::AcqRel) != 0
    }
}

/// A machine-wide stop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PowerEvent {
    /// Clean poweroff (sifive,test PASS, SBI SRST shutdown).
    Poweroff,
    /// Poweroff reporting failure with an exit code (sifive,test FAIL).
    Fail(u32),
    /// Reboot request.
    Reset,
    /// HTIF `tohost` exit: the value written (1 = pass).
    Htif(u64),
    /// The user asked to quit (Ctrl-A x).
    Quit,
}

/// Machine power state shared by devices and harts.
#[derive(Debug, Default)]
pub struct Power {
    stopped: AtomicBool,
    event: Mutex<Option<PowerEvent>>,
    harts: Mutex<Vec<Arc<HartSignals>>>,
}

impl Power {
    pub fn new() -> Arc<Power> {
        Arc::new(Power::default())
    }

    /// Registers a hart to be kicked on a stop.
    pub fn add_hart(&self, h: Arc<HartSignals>) {
        self.harts.lock().unwrap_or_else(|e| e.into_inner()).push(h);
    }

    /// Requests a stop; the first request wins.
    pub fn request(&self, ev: PowerEvent) {
        {
            let mut e = self.event.lock().unwrap_or_else(|e| e.into_inner());
            if e.is_none() {
                *e = Some(ev);
            }
        }
        self.stopped.store(true, Ordering::SeqCst);
        for h in self.harts.lock().unwrap_or_else(|e| e.into_inner()).iter() {
            h.kick();
        }
    }

    /// Whether a stop was requested.
    #[inline]
    pub fn stopped(&self) -> bool {
        self.stopped.load(Ordering::Acquire)
    }

    /// The stop event, if any.
    pub fn event(&self) -> Option<PowerEvent> {
        self.event.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Clears a stop (after a reset has been carried out).
    pub fn clear(&self) {
        *self.event.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.stopped.store(false, Ordering::SeqCst);
    }
}
