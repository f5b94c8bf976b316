//! The SiFive PLIC (RISC-V PLIC spec 1.0.0; QEMU hw/intc/sifive_plic.c as
//! configured by the virt board): 96 sources (1..=96, riscv,ndev = 96),
//! 7 priority levels,
//! two contexts per hart (2h = M-mode → MEIP, 2h+1 = S-mode → SEIP).
//!
//! ```text
//! 0x000000 + 4*s        source priority (s = 1..96)
//! 0x001000 + 4*w        pending bits (read-only)
//! 0x002000 + 0x80*c     enable bits of context c
//! 0x200000 + 0x1000*c   threshold;  +4: claim (read) / complete (write)
//! ```
//!
//! Sources are level-triggered through their gateway: an asserted line
//! becomes pending unless it is already pending or claimed; completing a
//! source whose line is still high makes it pending again. After every
//! change each context's output (highest enabled pending priority above the
//! threshold) drives its hart's MEIP/SEIP bit.
//!
//! Lock order: a device may call `PlicSource::set` while holding its own
//! lock; the PLIC lock is taken after it and only hart signals (leaf) are
//! touched under it.

use std::sync::{Arc, Mutex};

use mmu::bus::{Sizes, SIZES_32};
use mmu::{HartSignals, MmioDevice};

use crate::IrqLine;

/// Number of interrupt sources + 1 (source 0 does not exist).
pub const SOURCES: usize = 97;
/// The `riscv,ndev` value of the device tree.
pub const NDEV: u32 = (SOURCES - 1) as u32;
/// Window size on the virt board.
pub const PLIC_SIZE: u64 = 0x60_0000;
const WORDS: usize = SOURCES.div_ceil(32);
const MEIP: u64 = 1 << 11;
const SEIP: u64 = 1 << 9;

struct State {
    priority: [u32; SOURCES],
    level: [bool; SOURCES],
    pending: [bool; SOURCES],
    claimed: [bool; SOURCES],
    enable: Vec<[u32; WORDS]>,
    threshold: Vec<u32>,
}

/// The PLIC.
pub struct Plic {
    st: Mutex<State>,
    harts: Vec<Arc<HartSignals>>,
}

impl Plic {
    pub fn new(harts: Vec<Arc<HartSignals>>) -> Arc<Plic> {
        let ctx = 2 * harts.len();
        let st = State {
            priority: [0; SOURCES],
            level: [false; SOURCES],
            pending: [false; SOURCES],
            claimed: [false; SOURCES],
            enable: vec![[0; WORDS]; ctx],
            threshold: vec![0; ctx],
        };
        Arc::new(Plic { st: Mutex::new(st), harts })
    }

    /// The interrupt line of source `id` (1..=95).
    pub fn source(self: &Arc<Self>, id: usize) -> Arc<dyn IrqLine> {
        assert!((1..SOURCES).contains(&id), "PLIC source {id} out of range");
        Arc::new(PlicSource { plic: self.clone(), id })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.st.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set_level(&self, id: usize, level: bool) {
        let mut st = self.lock();
        st.level[id] = level;
        if level && !st.claimed[id] {
            st.pending[id] = true;
        }
        self.update(&st);
    }

    /// The best claimable source of context `c` (highest priority, lowest
    /// id on ties), regardless of threshold.
    fn best(st: &State, c: usize) -> Option<(usize, u32)> {
        (1..SOURCES)
            .filter(|&s| st.pending[s] && st.priority[s] > 0 && st.enable[c][s / 32] >> (s % 32) & 1 != 0)
            .map(|s| (s, st.priority[s]))
            .fold(None, |b, (s, p)| match b {
                Some((_, bp)) if bp >= p => b,
                _ => Some((s, p)),
            })
    }

    fn update(&self, st: &State) {
        for (h, sig) in self.harts.iter().enumerate() {
            for (c, bit) in [(2 * h, MEIP), (2 * h + 1, SEIP)] {
                let on = Self::best(st, c).is_some_and(|(_, p)| p > st.threshold[c]);
                sig.set_irq(bit, on);
            }
        }
    }

    fn claim(&self, st: &mut State, c: usize) -> u32 {
        let Some((s, _)) = Self::best(st, c) else { return 0 };
        st.pending[s] = false;
        st.claimed[s] = true;
        s as u32
    }

    fn complete(&self, st: &mut State, c: usize, s: usize) {
        if s == 0 || s >= SOURCES || st.enable[c][s / 32] >> (s % 32) & 1 == 0 {
            return;
        }
        st.claimed[s] = false;
        if st.level[s] {
            st.pending[s] = true;
        }
    }

    fn contexts(&self) -> usize {
        2 * self.harts.len()
    }
}

struct PlicSource {
    plic: Arc<Plic>,
    id: usize,
}

impl IrqLine for PlicSource {
    fn set(&self, level: bool) {
        self.plic.set_level(self.id, level);
    }
}

impl MmioDevice for Plic {
    fn read(&self, off: u64, _size: u8) -> u64 {
        let mut st = self.lock();
        let off = off as usize;
        let v = match off {
            0..=0xfff => st.priority.get(off / 4).copied().unwrap_or(0),
            0x1000..=0x1fff => {
                let w = (off - 0x1000) / 4;
                (0..32).filter(|b| st.pending.get(w * 32 + b).copied().unwrap_or(false)).fold(0, |v, b| v | 1 << b)
            }
            0x2000..=0x1f_ffff => {
                let (c, w) = ((off - 0x2000) / 0x80, (off - 0x2000) % 0x80 / 4);
                st.enable.get(c).and_then(|e| e.get(w)).copied().unwrap_or(0)
            }
            _ => {
                let (c, reg) = ((off - 0x20_0000) / 0x1000, (off - 0x20_0000) % 0x1000);
                match (c < self.contexts(), reg) {
                    (true, 0) => st.threshold[c],
                    (true, 4) => {
                        let s = self.claim(&mut st, c);
                        self.update(&st);
                        s
                    }
                    _ => 0,
                }
            }
        };
        u64::from(v)
    }

    fn write(&self, off: u64, _size: u8, value: u64) {
        let mut st = self.lock();
        let (off, v) = (off as usize, value as u32);
        match off {
            0..=0xfff => {
                if let Some(p) = st.priority.get_mut(off / 4).filter(|_| off >= 4) {
                    *p = v & 7;
                }
            }
            0x1000..=0x1fff => {}
            0x2000..=0x1f_ffff => {
                let (c, w) = ((off - 0x2000) / 0x80, (off - 0x2000) % 0x80 / 4);
                if let Some(e) = st.enable.get_mut(c).and_then(|e| e.get_mut(w)) {
                    *e = if w == 0 { v & !1 } else { v };
                }
            }
            _ => {
                let (c, reg) = ((off - 0x20_0000) / 0x1000, (off - 0x20_0000) % 0x1000);
                match (c < self.contexts(), reg) {
                    (true, 0) => st.threshold[c] = v & 7,
                    (true, 4) => self.complete(&mut st, c, v as usize),
                    _ => {}
                }
            }
        }
        self.update(&st);
    }

    fn sizes(&self) -> Sizes {
        SIZES_32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTX_S0: u64 = 0x20_1000;

    #[test]
    fn level_claim_complete_threshold() {
        let h = HartSignals::new();
        let p = Plic::new(vec![h.clone()]);
        let uart = p.source(10);
        p.write(4 * 10, 4, 3); // priority 3
        p.write(0x2080, 4, 1 << 10); // enable for context 1 (S)
        uart.set(true);
        assert_eq!(h.irq() & SEIP, SEIP);
        assert_eq!(h.irq() & MEIP, 0, "not enabled for M");
        p.write(CTX_S0, 4, 3); // threshold 3: priority must exceed it
        assert_eq!(h.irq() & SEIP, 0);
        p.write(CTX_S0, 4, 0);
        assert_eq!(p.read(0x1000, 4), 1 << 10, "pending bit");
        assert_eq!(p.read(CTX_S0 + 4, 4), 10, "claim");
        assert_eq!(h.irq() & SEIP, 0, "claimed source is not pending");
        assert_eq!(p.read(CTX_S0 + 4, 4), 0, "nothing else to claim");
        p.write(CTX_S0 + 4, 4, 10); // complete while the line is still high
        assert_eq!(h.irq() & SEIP, SEIP, "level source re-pends");
        assert_eq!(p.read(CTX_S0 + 4, 4), 10);
        uart.set(false);
        p.write(CTX_S0 + 4, 4, 10);
        assert_eq!(h.irq() & SEIP, 0);
    }

    #[test]
    fn priority_order_and_garbage() {
        let h = HartSignals::new();
        let p = Plic::new(vec![h.clone()]);
        let (a, b) = (p.source(1), p.source(2));
        p.write(4, 4, 1);
        p.write(8, 4, 5);
        p.write(0x2000, 4, 0b110);
        a.set(true);
        b.set(true);
        assert_eq!(h.irq() & MEIP, MEIP);
        assert_eq!(p.read(0x20_0004, 4), 2, "higher priority first");
        assert_eq!(p.read(0x20_0004, 4), 1);
        // garbage: out-of-range contexts, source 0, huge ids
        p.write(0x20_0000 + 0x1000 * 50, 4, 7);
        p.write(0x20_0004, 4, 0xffff_ffff);
        p.write(0, 4, 7);
        assert_eq!(p.read(0, 4), 0, "source 0 has no priority");
        assert_eq!(p.read(0x2000 + 0x80 * 99, 4), 0);
    }
}
