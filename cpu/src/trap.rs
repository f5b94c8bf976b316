//! Guest traps: exception causes, interrupts, and the one trap entry
//! (`take_trap`) that the interpreter, the translator's helpers and the
//! SBI all use (privileged spec 3.1.6 mstatus, 3.1.8 medeleg/mideleg,
//! 3.1.9 mip/mie, 3.1.15 mcause, 3.3 "Machine-Mode Privileged Instructions").
//!
//! Invariants: after `take_trap` the hart is in M or S mode with xEPC,
//! xCAUSE, xTVAL and the xPIE/xPP/xIE stack set as the spec says; the data
//! privilege (MPRV) is recomputed; nothing else changes.

use mmu::{Access, Fault, FaultKind, Priv};

use crate::csr::bits::*;
use crate::hart::Hart;

/// Synchronous exception codes (privileged spec table "mcause values").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Cause {
    InsnMisaligned = 0,
    InsnAccessFault = 1,
    IllegalInsn = 2,
    Breakpoint = 3,
    LoadMisaligned = 4,
    LoadAccessFault = 5,
    StoreMisaligned = 6,
    StoreAccessFault = 7,
    EcallU = 8,
    EcallS = 9,
    EcallM = 11,
    InsnPageFault = 12,
    LoadPageFault = 13,
    StorePageFault = 15,
}

/// A synchronous exception with its trap value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exception {
    pub cause: Cause,
    pub tval: u64,
}

impl Exception {
    pub fn new(cause: Cause, tval: u64) -> Exception {
        Exception { cause, tval }
    }

    /// Illegal instruction with the instruction bits as tval.
    pub fn illegal(raw: u32) -> Exception {
        Exception::new(Cause::IllegalInsn, u64::from(raw))
    }
}

impl From<Fault> for Exception {
    fn from(f: Fault) -> Exception {
        let cause = match (f.kind, f.access) {
            (FaultKind::Page, Access::Read) => Cause::LoadPageFault,
            (FaultKind::Page, Access::Write) => Cause::StorePageFault,
            (FaultKind::Page, Access::Exec) => Cause::InsnPageFault,
            (FaultKind::Access, Access::Read) => Cause::LoadAccessFault,
            (FaultKind::Access, Access::Write) => Cause::StoreAccessFault,
            (FaultKind::Access, Access::Exec) => Cause::InsnAccessFault,
            (FaultKind::Misaligned, Access::Read) => Cause::LoadMisaligned,
            (FaultKind::Misaligned, Access::Write) => Cause::StoreMisaligned,
            (FaultKind::Misaligned, Access::Exec) => Cause::InsnMisaligned,
        };
        Exception::new(cause, f.addr)
    }
}

/// Interrupt codes (mip bit numbers).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Interrupt {
    SupervisorSoftware = 1,
    MachineSoftware = 3,
    SupervisorTimer = 5,
    MachineTimer = 7,
    SupervisorExternal = 9,
    MachineExternal = 11,
}

/// Priority order for simultaneous interrupts (privileged spec 3.1.9:
/// MEI, MSI, MTI, SEI, SSI, STI).
pub const PRIORITY: [Interrupt; 6] = [
    Interrupt::MachineExternal,
    Interrupt::MachineSoftware,
    Interrupt::MachineTimer,
    Interrupt::SupervisorExternal,
    Interrupt::SupervisorSoftware,
    Interrupt::SupervisorTimer,
];

/// A trap: an exception or an interrupt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trap {
    Exception(Exception),
    Interrupt(Interrupt),
}

impl Trap {
    /// The xcause value.
    pub fn cause_bits(&self) -> u64 {
        match self {
            Trap::Exception(e) => e.cause as u64,
            Trap::Interrupt(i) => (1 << 63) | *i as u64,
        }
    }

    fn code(&self) -> u64 {
        self.cause_bits() & !(1 << 63)
    }

    fn tval(&self) -> u64 {
        match self {
            Trap::Exception(e) => e.tval,
            Trap::Interrupt(_) => 0,
        }
    }
}

/// Enters the trap handler for `trap` raised at `epc` (the pc of the
/// instruction, or of the next instruction to run for an interrupt).
pub fn take_trap(h: &mut Hart, trap: Trap, epc: u64) {
    if let Trap::Exception(Exception { cause: Cause::Breakpoint, .. }) = trap {
        // A debugger watchpoint abandoned the instruction: no trap, the
        // hart stops before it (see `debug`).
        if h.debug.as_ref().is_some_and(|d| d.take_abort(h.id as usize)) {
            h.pc = epc;
            return;
        }
    }
    if let Trap::Exception(Exception { cause: Cause::EcallS, .. }) = trap {
        // An emulated M-mode firmware serves S-mode ECALLs it is given
        // (they reach M because medeleg never delegates cause 9).
        if let Some(fw) = h.firmware.clone() {
            h.audit_unreplayable();
            if h.csr.medeleg >> 9 & 1 == 0 && serve_sbi(h, &*fw, epc) {
                return;
            }
        }
    }
    h.stats.count_trap(&trap);
    let interrupt = matches!(trap, Trap::Interrupt(_));
    let deleg = if interrupt { h.csr.mideleg } else { h.csr.medeleg };
    let to_s = h.priv_ <= Priv::S && deleg >> trap.code() & 1 != 0;
    let from = h.priv_;
    if to_s {
        enter_s(h, &trap, epc)
    } else {
        enter_m(h, &trap, epc)
    }
    if let Some(t) = h.trace.as_mut() {
        t.trap(&trap, epc, from, h.priv_, h.pc);
    }
}

/// Offers an S-mode ECALL to the emulated firmware; counts and traces
/// the calls it serves.
fn serve_sbi(h: &mut Hart, fw: &dyn crate::firmware::Firmware, epc: u64) -> bool {
    let args: [u64; 8] = std::array::from_fn(|i| h.x[10 + i]);
    if !fw.ecall(h) {
        return false;
    }
    h.stats.count_sbi(args[7]);
    if let Some(t) = h.trace.as_mut() {
        let (a0, a1) = (h.x[10], h.x[11]);
        t.sbi(epc, &args, a0, a1);
    }
    true
}

fn vector(tvec: u64, trap: &Trap) -> u64 {
    let base = tvec & !3;
    match trap {
        Trap::Interrupt(_) if tvec & 3 == 1 => base + 4 * trap.code(),
        _ => base,
    }
}

fn enter_s(h: &mut Hart, trap: &Trap, epc: u64) {
    let c = &mut h.csr;
    c.scause = trap.cause_bits();
    c.sepc = epc;
    c.stval = trap.tval();
    let sie = c.mstatus & MSTATUS_SIE != 0;
    let mut s = c.mstatus & !(MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SIE);
    if sie {
        s |= MSTATUS_SPIE;
    }
    if h.priv_ == Priv::S {
        s |= MSTATUS_SPP;
    }
    c.mstatus = s;
    h.pc = vector(c.stvec, trap);
    h.set_priv(Priv::S);
}

fn enter_m(h: &mut Hart, trap: &Trap, epc: u64) {
    let c = &mut h.csr;
    c.mcause = trap.cause_bits();
    c.mepc = epc;
    c.mtval = trap.tval();
    let mie = c.mstatus & MSTATUS_MIE != 0;
    let mut s = c.mstatus & !(MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MIE);
    if mie {
        s |= MSTATUS_MPIE;
    }
    s |= (h.priv_ as u64) << MSTATUS_MPP_SHIFT;
    c.mstatus = s;
    h.pc = vector(c.mtvec, trap);
    h.set_priv(Priv::M);
}

/// The highest-priority interrupt that is pending, enabled and allowed in
/// the current mode, if any (privileged spec 3.1.9).
pub fn pending_interrupt(h: &Hart, mip: u64) -> Option<Interrupt> {
    let pending = mip & h.csr.mie;
    if pending == 0 {
        return None;
    }
    let st = h.csr.mstatus;
    let m_on = h.priv_ < Priv::M || st & MSTATUS_MIE != 0;
    let s_on = h.priv_ < Priv::S || (h.priv_ == Priv::S && st & MSTATUS_SIE != 0);
    let m = if m_on { pending & !h.csr.mideleg } else { 0 };
    let s = if s_on { pending & h.csr.mideleg } else { 0 };
    // Interrupts for M-mode are taken before any for S-mode (3.1.9:
    // "multiple simultaneous interrupts destined for different privilege
    // modes are handled in decreasing order of destined privilege mode").
    let take = if m != 0 { m } else { s };
    PRIORITY.into_iter().find(|&i| take >> (i as u8) & 1 != 0)
}
