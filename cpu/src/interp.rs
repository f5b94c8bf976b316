//! The interpreter: fetch, decode (through a cache keyed by the raw bits,
//! so self-modifying code needs no invalidation here), `exec`, count,
//! trap. Also the portable engine on hosts that are not x86-64.
//!
//! Invariants: interrupts are taken only between instructions, at the
//! points `run` checks them (batch start and after any instruction that set
//! `attention`); an instruction that traps does not retire (`instret`
//! unchanged); every instruction boundary is reachable as a stop point by
//! `budget`, so callers can bound a batch exactly.

use std::sync::atomic::Ordering;

use crate::csr::trigger;
use crate::exec::exec;
use crate::hart::Hart;
use crate::isa::{decode, Decoded};
use crate::trace::InsnEvent;
use crate::trap::{pending_interrupt, take_trap, Cause, Exception, Trap};

const DCACHE_BITS: u32 = 12;

/// A direct-mapped cache of decoded instructions keyed by raw bits.
pub struct DecodeCache {
    slots: Box<[Decoded]>,
}

impl Default for DecodeCache {
    fn default() -> Self {
        Self::new()
    }
}

impl DecodeCache {
    pub fn new() -> DecodeCache {
        // raw = 0 decodes to Illegal: a valid entry for the key it holds.
        DecodeCache { slots: vec![decode(0); 1 << DCACHE_BITS].into_boxed_slice() }
    }

    #[inline(always)]
    pub fn get(&mut self, raw: u32) -> Decoded {
        let i = (raw.wrapping_mul(0x9e37_79b1) >> (32 - DCACHE_BITS)) as usize;
        let s = &mut self.slots[i];
        if s.raw != raw {
            *s = decode(raw);
        }
        *s
    }
}

/// Why `run` returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The budget is used up.
    Budget,
    /// Something needs the caller's attention: WFI, an exit request from
    /// another thread, or a power event.
    Attention,
}

/// Takes a pending, enabled interrupt if there is one; returns whether it
/// did. Called at instruction boundaries only.
pub fn check_interrupts(h: &mut Hart) -> bool {
    h.absorb_latched();
    let mip = h.mip();
    if h.wfi && mip & h.csr.mie != 0 {
        h.wfi = false;
    }
    match pending_interrupt(h, mip) {
        Some(i) => {
            h.wfi = false;
            let pc = h.pc;
            take_trap(h, Trap::Interrupt(i), pc);
            true
        }
        None => false,
    }
}

/// Executes one instruction (or takes the exception it raises).
#[inline(always)]
pub fn step(h: &mut Hart) {
    let pc = h.pc;
    let d = match h.fetch() {
        Ok(raw) => h.dcache.get(raw),
        Err(e) => return take_trap(h, Trap::Exception(e), pc),
    };
    match exec(h, &d) {
        Ok(()) => h.instret += 1,
        Err(e) => take_trap(h, Trap::Exception(e), pc),
    }
}

/// Whether steps need `step_checked`: an instruction trace, an armed
/// execute trigger or debugger breakpoints.
#[inline]
pub fn needs_checks(h: &Hart) -> bool {
    h.trace.as_ref().is_some_and(|t| t.wants_insns()) || h.csr.triggers.armed & trigger::EXECUTE != 0 || h.debug.as_ref().is_some_and(|d| d.armed())
}

/// One step, checked only when something needs it (for engines that
/// interpret single instructions between other work).
#[inline]
pub fn step_auto(h: &mut Hart) {
    if needs_checks(h) { step_checked(h) } else { step(h) }
}

/// Steps with the checks that cost time when nobody needs them: execute
/// triggers, tracing.
pub fn step_checked(h: &mut Hart) {
    let pc = h.pc;
    if h.debug.as_ref().is_some_and(|d| d.breaks_at(pc)) {
        return debug_break(h);
    }
    let mie = h.csr.mstatus & crate::csr::bits::MSTATUS_MIE != 0;
    if h.csr.triggers.armed & trigger::EXECUTE != 0 && h.csr.triggers.fires(trigger::EXECUTE, pc, h.priv_, mie) {
        return take_trap(h, Trap::Exception(Exception::new(Cause::Breakpoint, pc)), pc);
    }
    let p = h.priv_;
    let raw = match h.fetch() {
        Ok(raw) => raw,
        Err(e) => return take_trap(h, Trap::Exception(e), pc),
    };
    let d = h.dcache.get(raw);
    // Source values before execution, for the commit log only.
    let (rs1, rs2) = match h.trace {
        Some(_) => {
            let f = d.insn.fields();
            (h.x[f.rs1 as usize & 31], h.x[f.rs2 as usize & 31])
        }
        None => (0, 0),
    };
    let result = exec(h, &d);
    if let Some(mut t) = h.trace.take() {
        t.insn(InsnEvent { pc, priv_: p, decoded: &d, result: &result, hart: h, rs1, rs2 });
        h.trace = Some(t);
    }
    match result {
        Ok(()) => h.instret += 1,
        Err(e) => take_trap(h, Trap::Exception(e), pc),
    }
}

/// A debugger breakpoint at the pc: record the stop, execute nothing,
/// and make the run loop look (it then stops at the machine's checkpoint).
#[cold]
fn debug_break(h: &mut Hart) {
    if let Some(d) = h.debug.clone() {
        d.hit(h.id as usize, crate::debug::StopKind::Breakpoint);
    }
    h.attention = true;
}

/// Runs at most `budget` instructions (steps, counting trapping ones).
/// Stops early when the hart needs attention (WFI, exit request, power).
/// Returns why it stopped and how many steps it took.
pub fn run(h: &mut Hart, budget: u64) -> (Exit, u64) {
    h.attention = false;
    check_interrupts(h);
    if h.wfi {
        return (Exit::Attention, 0);
    }
    let mut checked = needs_checks(h);
    let mut n = 0;
    while n < budget {
        if checked { step_checked(h) } else { step(h) }
        n += 1;
        if h.attention {
            h.attention = false;
            if h.signals.exit_req.load(Ordering::Relaxed) != 0 || h.wfi {
                return (Exit::Attention, n);
            }
            check_interrupts(h);
            // A trigger armed (tdata1 write) mid-batch must be checked
            // from the next instruction on (Sdtrig 5.3 "Priority":
            // execute triggers fire before the instruction).
            checked = needs_checks(h);
        }
        if h.signals.exit_req.load(Ordering::Relaxed) != 0 {
            return (Exit::Attention, n);
        }
    }
    (Exit::Budget, n)
}
