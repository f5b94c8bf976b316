//! mimic's platform devices, each a register model that sees only offsets
//! into its own window ([`mmu::MmioDevice`]) and raises interrupts through
//! an [`IrqLine`] handed to it, so no model knows the bus or threads.
//!
//! Thread affinity: devices are shared by every hart thread and by their
//! own host-side threads (console input, disk I/O); each synchronizes
//! internally with one Mutex that is a leaf lock (never held while calling
//! out, except into an `IrqLine`, whose implementations take no device
//! lock).

#![forbid(unsafe_code)]

pub mod clint;
pub mod plic;
pub mod rtc;
pub mod sifive_test;
pub mod uart;
pub mod virtio;

use std::sync::Arc;

/// An interrupt wire into an interrupt controller (a PLIC source or a
/// hart's mip bit). Level-triggered: `set(true)` while asserted.
pub trait IrqLine: Send + Sync {
    fn set(&self, level: bool);
}

/// A line connected to nothing.
pub struct NoIrq;

impl IrqLine for NoIrq {
    fn set(&self, _level: bool) {}
}

/// A shared handle to a line.
pub type Irq = Arc<dyn IrqLine>;
