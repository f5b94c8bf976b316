//! What an attached debugger (the GDB stub) asks of the harts: breakpoints
//! at virtual pcs, watchpoints on virtual data ranges, and the first stop
//! they cause. One [`Debug`] per machine, shared by every hart through
//! `Hart::debug` (None when no stub is configured: then every check below
//! is one not-taken branch in a slow path or at a batch boundary).
//!
//! How the engines honour it:
//! - the interpreter checks breakpoints before each instruction in
//!   `interp::step_checked` (used whenever `armed()`); the translator ends
//!   blocks before breakpoint pcs, never translates a block starting at
//!   one (so that pc is interpreted), and flushes its code cache when
//!   `generation()` changes;
//! - watched pages never get fast TLB tags (`Hart::fill`), so every access
//!   to them takes the slow path, which calls [`Debug::watch_hit`] after
//!   the access: the stop comes after the instruction, as GDB expects.
//!
//! A hit records the stop (first one wins until the debugger takes it),
//! asks the machine to pause (`Control::request_pause`) and sets the
//! hart's `attention`, so both engines leave after the current instruction.
//!
//! Invariants: breakpoints and watchpoints change only while every hart
//! is paused (the stub changes them between stops), and each change bumps
//! `generation`. Lock order: each lock here is a leaf.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use crate::control::Control;

/// Which accesses a watchpoint catches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchKind {
    Write,
    Read,
    Access,
}

impl WatchKind {
    fn catches(self, write: bool) -> bool {
        match self {
            WatchKind::Write => write,
            WatchKind::Read => !write,
            WatchKind::Access => true,
        }
    }
}

/// One watched virtual range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Watch {
    pub addr: u64,
    pub len: u64,
    pub kind: WatchKind,
}

impl Watch {
    fn overlaps(&self, va: u64, len: u64) -> bool {
        va < self.addr.wrapping_add(self.len) && self.addr < va.wrapping_add(len)
    }
}

/// Why a hart stopped on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopKind {
    Breakpoint,
    Watch { kind: WatchKind, addr: u64 },
}

/// A stop: which hart and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stop {
    pub hart: usize,
    pub kind: StopKind,
}

/// The machine's debugger requests (see the module note).
pub struct Debug {
    breaks: RwLock<BTreeSet<u64>>,
    watches: RwLock<Vec<Watch>>,
    /// Cached `!breaks.is_empty() || !watches.is_empty()`.
    armed: AtomicBool,
    has_breaks: AtomicBool,
    generation: AtomicU64,
    /// Set while the debugger single-steps a hart over its breakpoint.
    stepping: AtomicBool,
    stop: Mutex<Option<Stop>>,
    /// Bit per hart: its current instruction was aborted by a watchpoint
    /// (`take_trap` consumes it instead of trapping).
    aborting: AtomicU64,
    control: Arc<Control>,
}

impl Debug {
    pub fn new(control: Arc<Control>) -> Arc<Debug> {
        Arc::new(Debug {
            breaks: RwLock::default(),
            watches: RwLock::default(),
            armed: AtomicBool::new(false),
            has_breaks: AtomicBool::new(false),
            generation: AtomicU64::new(0),
            stepping: AtomicBool::new(false),
            stop: Mutex::new(None),
            aborting: AtomicU64::new(0),
            control,
        })
    }

    /// Whether any breakpoint or watchpoint is set.
    #[inline]
    pub fn armed(&self) -> bool {
        self.armed.load(Ordering::Acquire)
    }

    /// Bumped by every change of breakpoints or watchpoints.
    #[inline]
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    fn changed(&self) {
        let b = !self.breaks.read().unwrap_or_else(|e| e.into_inner()).is_empty();
        let w = !self.watches.read().unwrap_or_else(|e| e.into_inner()).is_empty();
        self.has_breaks.store(b, Ordering::Release);
        self.armed.store(b || w, Ordering::Release);
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Adds a breakpoint at virtual pc `pc`.
    pub fn add_break(&self, pc: u64) {
        self.breaks.write().unwrap_or_else(|e| e.into_inner()).insert(pc);
        self.changed();
    }

    /// Removes the breakpoint at `pc`; false if there was none.
    pub fn remove_break(&self, pc: u64) -> bool {
        let had = self.breaks.write().unwrap_or_else(|e| e.into_inner()).remove(&pc);
        self.changed();
        had
    }

    pub fn add_watch(&self, w: Watch) {
        self.watches.write().unwrap_or_else(|e| e.into_inner()).push(w);
        self.changed();
    }

    /// Removes one watchpoint on exactly `[addr, addr + len)` of `kind`.
    pub fn remove_watch(&self, addr: u64, len: u64, kind: WatchKind) -> bool {
        let mut ws = self.watches.write().unwrap_or_else(|e| e.into_inner());
        let at = ws.iter().position(|w| w.addr == addr && w.len == len && w.kind == kind);
        let had = at.map(|i| ws.remove(i)).is_some();
        drop(ws);
        self.changed();
        had
    }

    /// Forgets every breakpoint and watchpoint (the debugger detached).
    pub fn clear(&self) {
        self.breaks.write().unwrap_or_else(|e| e.into_inner()).clear();
        self.watches.write().unwrap_or_else(|e| e.into_inner()).clear();
        self.changed();
    }

    /// Whether execution must stop before the instruction at `pc` (never
    /// while the debugger itself steps a hart).
    #[inline]
    pub fn breaks_at(&self, pc: u64) -> bool {
        self.has_breaks.load(Ordering::Acquire)
            && !self.stepping.load(Ordering::Acquire)
            && self.breaks.read().unwrap_or_else(|e| e.into_inner()).contains(&pc)
    }

    /// The first breakpoint in `[from, to)`: the translator ends a block
    /// before it.
    pub fn first_break(&self, from: u64, to: u64) -> Option<u64> {
        if !self.has_breaks.load(Ordering::Acquire) || from >= to {
            return None;
        }
        self.breaks.read().unwrap_or_else(|e| e.into_inner()).range(from..to).next().copied()
    }

    /// Whether a watchpoint overlaps the virtual page holding `va`.
    pub fn watches_page(&self, va: u64) -> bool {
        let page = va & !0xfff;
        self.watches.read().unwrap_or_else(|e| e.into_inner()).iter().any(|w| w.overlaps(page, 0x1000))
    }

    /// The watchpoint an access of `len` bytes at `va` triggers, if any.
    pub fn watch_hit(&self, va: u64, len: u64, write: bool) -> Option<Watch> {
        self.watches.read().unwrap_or_else(|e| e.into_inner()).iter().find(|w| w.kind.catches(write) && w.overlaps(va, len)).copied()
    }

    /// Records a stop of hart `hart` (the first one until taken) and asks
    /// every hart to pause.
    pub fn hit(&self, hart: usize, kind: StopKind) {
        self.stop.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(Stop { hart, kind });
        self.control.request_pause();
    }

    /// A watchpoint stops hart `hart` before its access: the instruction
    /// is abandoned (see `take_abort`) and the stop recorded.
    pub fn abort(&self, hart: usize, kind: StopKind) {
        self.aborting.fetch_or(1 << (hart & 63), Ordering::AcqRel);
        self.hit(hart, kind);
    }

    /// Whether hart `hart`'s pending exception is a watchpoint abort
    /// (clears it).
    pub fn take_abort(&self, hart: usize) -> bool {
        let bit = 1 << (hart & 63);
        self.aborting.fetch_and(!bit, Ordering::AcqRel) & bit != 0
    }

    /// Takes the recorded stop.
    pub fn take_stop(&self) -> Option<Stop> {
        self.stop.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    /// Runs `f` with breakpoints ignored (single-stepping over one).
    pub fn stepping<R>(&self, f: impl FnOnce() -> R) -> R {
        self.stepping.store(true, Ordering::Release);
        let r = f();
        self.stepping.store(false, Ordering::Release);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debug() -> Arc<Debug> {
        Debug::new(Control::new(vec![]))
    }

    #[test]
    fn breaks_and_generation() {
        let d = debug();
        assert!(!d.armed());
        let g = d.generation();
        d.add_break(0x8000_0010);
        assert!(d.armed() && d.generation() != g);
        assert!(d.breaks_at(0x8000_0010) && !d.breaks_at(0x8000_0012));
        assert_eq!(d.first_break(0x8000_0002, 0x8000_0040), Some(0x8000_0010));
        assert_eq!(d.first_break(0x8000_0012, 0x8000_0040), None);
        assert!(d.stepping(|| !d.breaks_at(0x8000_0010)));
        assert!(d.remove_break(0x8000_0010) && !d.armed());
    }

    #[test]
    fn watch_kinds_and_pages() {
        let d = debug();
        d.add_watch(Watch { addr: 0x1ffc, len: 8, kind: WatchKind::Write });
        assert!(d.watches_page(0x1000) && d.watches_page(0x2fff) && !d.watches_page(0x3000));
        assert!(d.watch_hit(0x2000, 4, true).is_some());
        assert!(d.watch_hit(0x2000, 4, false).is_none());
        assert!(d.watch_hit(0x2004, 4, true).is_none());
        assert!(d.remove_watch(0x1ffc, 8, WatchKind::Write) && !d.armed());
    }
}
