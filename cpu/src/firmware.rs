//! The hook through which an emulated M-mode firmware (mimic's built-in
//! SBI) serves environment calls. `take_trap`, the one trap entry, offers
//! every ECALL from S-mode that is not delegated to the handler before
//! entering M-mode; a handler that serves the call advances the pc past
//! the ECALL and sets a0/a1 as the SBI specifies, exactly as a trap to
//! firmware followed by an MRET would, without leaving S-mode.

use crate::hart::Hart;

/// An M-mode firmware implemented by the emulator.
pub trait Firmware: Send + Sync {
    /// Serves the ECALL the hart just executed (pc still points at it).
    /// Returns false to let the trap proceed to M-mode normally.
    fn ecall(&self, h: &mut Hart) -> bool;
}
