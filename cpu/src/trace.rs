//! Trace hooks. A hart with `trace = None` pays one branch per trap and per
//! page walk and nothing per instruction (the interpreter picks a separate
//! loop when tracing). The `--trace` implementations live in the `mimic`
//! package; this trait is what the hart calls.

use mmu::walk::{Translation, WalkEvent};
use mmu::{Fault, Priv};

use crate::isa::Decoded;
use crate::trap::{Exception, Trap};

/// One executed (or faulting) instruction.
pub struct InsnEvent<'a> {
    pub pc: u64,
    pub priv_: Priv,
    pub decoded: &'a Decoded,
    pub result: &'a Result<(), Exception>,
}

/// Receives trace events from a hart. Every method defaults to nothing.
pub trait Tracer: Send {
    fn insn(&mut self, _e: InsnEvent<'_>) {}
    fn trap(&mut self, _t: &Trap, _epc: u64, _from: Priv, _to: Priv, _handler: u64) {}
    fn walk_begin(&mut self, _satp: u64, _va: u64) {}
    fn walk_step(&mut self, _e: &WalkEvent) {}
    fn walk_end(&mut self, _r: &Result<Translation, Fault>) {}
    /// A block was translated: its guest instructions from `vpc` and the
    /// host code committed at `host_addr`.
    fn block(&mut self, _vpc: u64, _insns: &[Decoded], _host: &[u8], _host_addr: u64) {}
    /// Whether `block` wants to be called (so the translator can skip work).
    fn wants_blocks(&self) -> bool {
        false
    }
}
