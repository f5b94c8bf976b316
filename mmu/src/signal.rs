//! The cross-thread entry points of a hart and of the machine.
//!
//! [`HartSignals`] is the only part of a hart other threads (devices,
//! timers, other harts, the console) may touch: they raise or lower the
//! device-driven interrupt-pending bits, set the exit-request word, and wake
//! the hart from WFI. [`Power`] records a machine-wide stop (poweroff,
//! reboot, HTIF exit) and kicks every hart.
//!
//! Cross-hart requests (remote SFENCE.VMA / FENCE.I, dropping write tags
//! of a page that became code) are posted with [`HartSignals::post`] and
//! served by the hart itself at its next instruction boundary; the poster
//! waits until [`HartSignals::done`]. A parked hart (asleep in WFI, or
//! stopped) counts as done at once: it serves what is pending after it
//! unparks and before it executes anything (see `cpu::smp`).
//!
//! Lock order: `sleep`, `start` and `requests` are leaf locks (nothing is
//! called while holding them). Atomics use SeqCst for set/kick/post/park so
//! a woken hart sees the bits that caused the wake, and a poster that sees
//! a hart parked knows the hart will see its request on unparking.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

/// Per-hart signals shared with other threads.
#[derive(Debug, Default)]
pub struct HartSignals {
    /// Device-driven mip bits (MSIP, MEIP, SEIP), in mip bit positions.
    irq: AtomicU64,
    /// Software-writable mip bits set by another hart (SBI IPI's SSIP):
    /// the hart moves them into its own mip, where the guest clears them.
    latched: AtomicU64,
    /// This hart's CLINT mtimecmp (MTIP = mtime >= mtimecmp).
    pub mtimecmp: AtomicU64,
    /// Non-zero: leave the current batch / generated code at the next
    /// instruction boundary and look at the world.
    pub exit_req: AtomicU32,
    /// SBI HSM state (see [`hsm`]); 0 = started.
    pub hsm: AtomicU8,
    /// A pending HSM hart_start: (start address, opaque).
    start: Mutex<Option<(u64, u64)>>,
    requests: Mutex<Requests>,
    /// Requests posted / served so far (sequence numbers).
    posted: AtomicU64,
    served: AtomicU64,
    /// The hart is not executing and will serve requests before it does.
    parked: AtomicBool,
    sleep: Mutex<bool>,
    wake: Condvar,
}

/// SBI HSM hart states (SBI spec 9, "Hart states").
pub mod hsm {
    pub const STARTED: u8 = 0;
    pub const STOPPED: u8 = 1;
    pub const START_PENDING: u8 = 2;
    pub const STOP_PENDING: u8 = 3;
    pub const SUSPENDED: u8 = 4;
}

/// What other harts asked a hart to do at its next boundary.
#[derive(Debug, Default)]
pub struct Requests {
    /// Flush every translated TLB entry (remote SFENCE.VMA).
    pub flush_tlb: bool,
    /// Flush the translations of these virtual pages (remote SFENCE.VMA
    /// of an address range).
    pub flush_pages: Vec<u64>,
    /// Drop write tags for these host pages (they became code).
    pub unwrite: Vec<usize>,
    /// Too many pages queued: drop every write tag.
    pub unwrite_all: bool,
}

/// Pages queued one by one before a request degrades to `unwrite_all`.
const MAX_UNWRITE: usize = 64;

impl Requests {
    /// Queues flushing the translations of `[start, start + size)`; a
    /// range of more than `MAX_UNWRITE` pages flushes everything.
    pub fn flush_range(&mut self, start: u64, size: u64) {
        let first = start & !(crate::PAGE_SIZE - 1);
        let pages = (start.saturating_add(size).saturating_sub(first)).div_ceil(crate::PAGE_SIZE);
        if self.flush_tlb || pages as usize + self.flush_pages.len() > MAX_UNWRITE {
            self.flush_tlb = true;
            self.flush_pages.clear();
            return;
        }
        self.flush_pages.extend((0..pages).map(|i| first + i * crate::PAGE_SIZE));
    }

    /// Queues dropping the write tags of `host_page`.
    pub fn unwrite(&mut self, host_page: usize) {
        if self.unwrite.len() < MAX_UNWRITE {
            self.unwrite.push(host_page);
        } else {
            self.unwrite_all = true;
        }
    }
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

    /// Sets software-writable mip bits (e.g. SSIP for an SBI IPI) and
    /// wakes the hart, which moves them into its mip.
    pub fn latch(&self, mask: u64) {
        self.latched.fetch_or(mask, Ordering::SeqCst);
        self.kick();
    }

    /// Takes the bits latched since the last call.
    #[inline]
    pub fn take_latched(&self) -> u64 {
        if self.latched.load(Ordering::Relaxed) == 0 {
            return 0;
        }
        self.latched.swap(0, Ordering::AcqRel)
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

    /// Posts a request (`add` fills it in) and kicks the hart; returns the
    /// sequence number to wait for with [`HartSignals::done`].
    pub fn post(&self, add: impl FnOnce(&mut Requests)) -> u64 {
        let seq = {
            let mut r = self.requests.lock().unwrap_or_else(|e| e.into_inner());
            add(&mut r);
            self.posted.fetch_add(1, Ordering::SeqCst) + 1
        };
        self.kick();
        seq
    }

    /// Whether request `seq` has been served (or the hart is parked and
    /// will serve it before executing).
    pub fn done(&self, seq: u64) -> bool {
        self.served.load(Ordering::SeqCst) >= seq || self.parked.load(Ordering::SeqCst)
    }

    /// Takes the pending requests and the sequence number they cover (call
    /// [`HartSignals::served`] with it once they are carried out).
    #[inline]
    pub fn take_requests(&self) -> Option<(Requests, u64)> {
        if self.posted.load(Ordering::SeqCst) == self.served.load(Ordering::Relaxed) {
            return None;
        }
        let mut r = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        let seq = self.posted.load(Ordering::SeqCst);
        Some((std::mem::take(&mut *r), seq))
    }

    /// Records that the requests up to `seq` are carried out.
    pub fn served(&self, seq: u64) {
        self.served.store(seq, Ordering::SeqCst);
    }

    /// Marks the hart parked (not executing) or running again. A hart
    /// serves its requests after parking and after unparking.
    pub fn set_parked(&self, parked: bool) {
        self.parked.store(parked, Ordering::SeqCst);
    }

    /// Queues an HSM hart_start and kicks the hart (the caller has moved
    /// `hsm` from STOPPED to START_PENDING).
    pub fn request_start(&self, pc: u64, opaque: u64) {
        *self.start.lock().unwrap_or_else(|e| e.into_inner()) = Some((pc, opaque));
        self.kick();
    }

    /// Takes a queued hart_start.
    pub fn take_start(&self) -> Option<(u64, u64)> {
        self.start.lock().unwrap_or_else(|e| e.into_inner()).take()
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
