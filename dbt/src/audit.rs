//! Audit mode (`--jit-audit`): every translated block is checked against
//! the interpreter (DESIGN.md §3). The translator runs one block (no
//! linking, no jump cache, stores through the logged slow path); then its
//! RAM writes are undone, the hart state from before the block restored,
//! and the interpreter runs the same instructions; the two end states and
//! write sequences must be identical. A block whose effects cannot be
//! replayed (device accesses, firmware calls, reads of `time` or `mip`)
//! is accepted as run.
//!
//! Invariant: after an audited block the hart holds the interpreter's
//! result, which (when the audit passes) equals the translator's.

use cpu::csr::Csrs;
use cpu::{AuditLog, Hart};
use mmu::{Pmp, Priv};

/// The architectural state an audit compares and restores.
#[derive(Clone)]
pub struct State {
    x: [u64; 32],
    f: [u64; 32],
    pc: u64,
    instret: u64,
    priv_: Priv,
    csr: Csrs,
    pmp: Pmp,
    reservation: Option<cpu::hart::Reservation>,
    wfi: bool,
    exceptions: u64,
    /// Per-privilege retirement accounting (replays must not count twice).
    by_priv: ([u64; 4], u64),
    /// TLB fills and flushes so far: unchanged across the block means its
    /// TLB held exactly what it held before (no walk set A/D bits).
    tlb: (u64, u64),
}

impl State {
    pub fn save(h: &Hart) -> State {
        State {
            x: h.x,
            f: h.f,
            pc: h.pc,
            instret: h.instret,
            priv_: h.priv_,
            csr: h.csr.clone(),
            pmp: h.pmp.clone(),
            reservation: h.reservation,
            wfi: h.wfi,
            exceptions: h.stats.exceptions.iter().sum(),
            by_priv: (h.stats.retired_by_priv, h.stats.priv_mark),
            tlb: (h.tlb.fills, h.tlb.generation),
        }
    }

    pub fn restore(&self, h: &mut Hart) {
        h.x = self.x;
        h.f = self.f;
        h.pc = self.pc;
        h.instret = self.instret;
        h.csr = self.csr.clone();
        h.pmp = self.pmp.clone();
        h.reservation = self.reservation;
        h.wfi = self.wfi;
        h.set_priv(self.priv_);
        (h.stats.retired_by_priv, h.stats.priv_mark) = self.by_priv;
        // A walk during the block may have set A/D bits (undone with the
        // other writes): forget what it cached so the replay walks too.
        if (h.tlb.fills, h.tlb.generation) != self.tlb {
            h.tlb.flush_all();
        }
    }

    /// Instructions that ran from `self` to `after`, counting a trap.
    pub fn steps_to(&self, after: &State) -> u64 {
        (after.instret - self.instret) + (after.exceptions - self.exceptions)
    }

    /// What differs from `other`, one line per item.
    pub fn diff(&self, other: &State) -> Vec<String> {
        let mut d = Vec::new();
        let mut one = |name: &str, a: u64, b: u64| {
            if a != b {
                d.push(format!("{name}: translator {a:#x}, interpreter {b:#x}"));
            }
        };
        if self.pc == other.pc && self.instret == other.instret && self.priv_ == other.priv_ && self.x == other.x && self.f == other.f && self.csr == other.csr && self.reservation == other.reservation {
            return d;
        }
        one("pc", self.pc, other.pc);
        one("instret", self.instret, other.instret);
        one("priv", self.priv_ as u64, other.priv_ as u64);
        for r in 0..32 {
            one(&format!("x{r}"), self.x[r], other.x[r]);
            one(&format!("f{r}"), self.f[r], other.f[r]);
        }
        if self.csr != other.csr {
            let (a, b) = (format!("{:?}", self.csr), format!("{:?}", other.csr));
            d.push(format!("CSRs differ:\n    translator  {a}\n    interpreter {b}"));
        }
        if self.reservation != other.reservation {
            d.push(format!("reservation: translator {:?}, interpreter {:?}", self.reservation, other.reservation));
        }
        d
    }
}

/// Undoes a block's RAM writes (newest first).
pub fn undo(h: &Hart, log: &AuditLog) {
    let ram = h.bus.ram();
    for &(pa, size, old, _) in log.writes.iter().rev() {
        match size {
            1 => ram.write(pa, old as u8),
            2 => ram.write(pa, old as u16),
            4 => ram.write(pa, old as u32),
            _ => ram.write(pa, old),
        };
    }
}

/// Compares two write logs (address, size and value, in order).
pub fn diff_writes(jit: &AuditLog, interp: &AuditLog) -> Option<String> {
    let key = |l: &AuditLog| l.writes.iter().map(|&(pa, s, _, new)| (pa, s, new)).collect::<Vec<_>>();
    let (a, b) = (key(jit), key(interp));
    (a != b).then(|| format!("memory writes differ:\n    translator  {a:x?}\n    interpreter {b:x?}"))
}

/// Host disassembly of generated code, for the report.
pub fn host_listing(code: &[u8], addr: u64) -> String {
    use iced_x86::{Decoder, DecoderOptions, Formatter, GasFormatter};
    let mut dec = Decoder::with_ip(64, code, addr, DecoderOptions::NONE);
    let mut fmt = GasFormatter::new();
    let mut out = String::new();
    for i in &mut dec {
        let mut s = String::new();
        fmt.format(&i, &mut s);
        out.push_str(&format!("  {:#x}: {s}\n", i.ip()));
    }
    out
}
