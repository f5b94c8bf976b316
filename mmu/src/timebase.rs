//! The machine timebase: mtime, shared by the CLINT, every hart's `time`
//! CSR and Sstc's stimecmp (privileged spec 3.2.1 "Machine Timer
//! Registers"; QEMU virt's 10 MHz timebase-frequency).
//!
//! Real mode follows the host's monotonic clock; deterministic mode derives
//! mtime from a retired-instruction count that harts publish, so two runs
//! see identical times. Timers are deadlines: nothing ticks.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// The advertised timebase frequency (device tree `timebase-frequency`).
pub const TIMEBASE_HZ: u64 = 10_000_000;

/// Instructions per mtime tick in deterministic mode (100 MIPS nominal).
pub const DET_INSNS_PER_TICK: u64 = 10;

/// mtime.
#[derive(Debug)]
pub struct Timebase {
    start: Instant,
    deterministic: bool,
    /// Deterministic mode: total retired instructions published by harts.
    icount: AtomicU64,
    /// Added to the raw count (CLINT mtime writes).
    offset: AtomicU64,
}

impl Timebase {
    pub fn new(deterministic: bool) -> Timebase {
        Timebase { start: Instant::now(), deterministic, icount: AtomicU64::new(0), offset: AtomicU64::new(0) }
    }

    pub fn deterministic(&self) -> bool {
        self.deterministic
    }

    fn raw(&self) -> u64 {
        if self.deterministic {
            self.icount.load(Ordering::Acquire) / DET_INSNS_PER_TICK
        } else {
            let ns = self.start.elapsed().as_nanos() as u64;
            ns / (1_000_000_000 / TIMEBASE_HZ)
        }
    }

    /// The current mtime.
    pub fn now(&self) -> u64 {
        self.raw().wrapping_add(self.offset.load(Ordering::Relaxed))
    }

    /// Sets mtime (a CLINT mtime write).
    pub fn set(&self, v: u64) {
        self.offset.store(v.wrapping_sub(self.raw()), Ordering::Relaxed);
    }

    /// Deterministic mode: advances the instruction clock by `n`.
    pub fn advance(&self, n: u64) {
        self.icount.fetch_add(n, Ordering::AcqRel);
    }

    /// Deterministic mode: moves the instruction clock forward until mtime
    /// is at least `t` (an idle machine skips to its next timer deadline).
    pub fn advance_to(&self, t: u64) {
        let ticks = t.wrapping_sub(self.offset.load(Ordering::Relaxed));
        if ticks < u64::MAX / DET_INSNS_PER_TICK {
            self.icount.fetch_max(ticks * DET_INSNS_PER_TICK, Ordering::AcqRel);
        }
    }

    /// The host instant at which mtime reaches `t` (real mode), for WFI.
    pub fn instant_of(&self, t: u64) -> Option<Instant> {
        if self.deterministic {
            return None;
        }
        let now = self.now();
        let ticks = t.saturating_sub(now);
        let ns = ticks.saturating_mul(1_000_000_000 / TIMEBASE_HZ);
        Instant::now().checked_add(Duration::from_nanos(ns))
    }
}
