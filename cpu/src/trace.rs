//! Trace hooks. A hart with `trace = None` pays one branch per trap and per
//! page walk and nothing per instruction (the interpreter picks a separate
//! loop when tracing). The `--trace` implementations live in the `mimic`
//! package; this trait is what the hart calls.
//!
//! Invariants: hooks observe, they never change the hart; `insn` is called
//! after the instruction executed (or raised its exception) with the
//! source register values it read, so a consumer can rebuild the memory
//! address and stored value; device accesses are reported from the
//! hart's slow path only (the RAM fast path never checks for a tracer).

use mmu::walk::{Translation, WalkEvent};
use mmu::{Fault, Priv};

use crate::hart::Hart;
use crate::isa::Decoded;
use crate::trap::{Exception, Trap};

/// One executed (or faulting) instruction.
pub struct InsnEvent<'a> {
    pub pc: u64,
    pub priv_: Priv,
    pub decoded: &'a Decoded,
    pub result: &'a Result<(), Exception>,
    /// The hart after the instruction (registers written, CSRs).
    pub hart: &'a Hart,
    /// x[rs1] and x[rs2] before the instruction ran.
    pub rs1: u64,
    pub rs2: u64,
}

/// One device register access.
pub struct DevEvent<'a> {
    pub pc: u64,
    pub priv_: Priv,
    /// The device window's name and the offset into it.
    pub device: &'a str,
    pub offset: u64,
    pub size: u64,
    pub write: bool,
    pub value: u64,
}

/// Receives trace events from a hart. Every method defaults to nothing.
pub trait Tracer: Send {
    fn insn(&mut self, _e: InsnEvent<'_>) {}
    fn trap(&mut self, _t: &Trap, _epc: u64, _from: Priv, _to: Priv, _handler: u64) {}
    /// An SBI call (a0..a7 as `args`) served by the built-in firmware
    /// at `pc`, and its result (a0 = error, a1 = value).
    fn sbi(&mut self, _pc: u64, _args: &[u64; 8], _error: u64, _value: u64) {}
    fn dev(&mut self, _e: DevEvent<'_>) {}
    /// A page walk for an access at `va` in mode `p` (the data privilege
    /// for loads and stores), by the instruction at `pc` (the pc as last
    /// synchronized: exact in the interpreter).
    fn walk_begin(&mut self, _satp: u64, _va: u64, _pc: u64, _p: Priv) {}
    fn walk_step(&mut self, _e: &WalkEvent) {}
    fn walk_end(&mut self, _r: &Result<Translation, Fault>) {}
    /// A block was translated: its guest instructions from `vpc` and the
    /// host code committed at `host_addr`.
    fn block(&mut self, _vpc: u64, _insns: &[Decoded], _host: &[u8], _host_addr: u64) {}
    /// Whether `insn` wants to be called: the engine then runs the hart
    /// through the interpreter, instruction by instruction.
    fn wants_insns(&self) -> bool {
        false
    }
    /// Whether `block` wants to be called (so the translator can skip work).
    fn wants_blocks(&self) -> bool {
        false
    }
}

impl Hart {
    /// Reports a device access at `pa` (if it is one) to the tracer.
    /// Called from the slow path only, when `trace` is set.
    pub(crate) fn trace_dev(&mut self, pa: u64, size: u64, write: bool, value: u64) {
        let Some(w) = self.bus.window(pa) else { return };
        let e = DevEvent { pc: self.pc, priv_: self.priv_, device: &w.name, offset: pa - w.base, size, write, value };
        if let Some(t) = self.trace.as_mut() {
            t.dev(e);
        }
    }
}
