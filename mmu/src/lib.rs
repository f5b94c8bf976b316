//! mimic's memory system: guest RAM, the physical bus with device windows,
//! Sv39/Sv48/Sv57 page walks, the per-hart software TLB shaped for the
//! translator's inline probe, PMP, and the small shared fabric every hart
//! and device reaches (interrupt/exit signals and the machine timebase).
//!
//! This crate reports its own [`Fault`] values; `cpu` turns them into
//! architectural exceptions with the right cause and tval. Nothing here
//! panics on guest-controlled input.
//!
//! Memory map (QEMU `virt`, see DESIGN.md §1):
//! ```text
//! 0x0000_1000  boot ROM            0x1000_0000  NS16550A UART
//! 0x0010_0000  sifive,test         0x1000_1000  virtio-mmio x8
//! 0x0010_1000  goldfish RTC        0x8000_0000  RAM (-m bytes)
//! 0x0200_0000  CLINT
//! 0x0c00_0000  PLIC
//! ```

pub mod bus;
pub mod code;
pub mod pmp;
pub mod ram;
pub mod signal;
pub mod timebase;
pub mod tlb;
pub mod walk;

pub use bus::{Bus, BusBuilder, BusError, BusFault, MmioDevice};
pub use code::CodePages;
pub use pmp::Pmp;
pub use ram::{AmoOp, Ram, Word};
pub use signal::{HartSignals, Power, PowerEvent};
pub use timebase::Timebase;
pub use tlb::Tlb;
pub use walk::{Translation, WalkCtx, WalkEvent};

/// Base page size (privileged spec: 4 KiB pages in every Sv mode).
pub const PAGE_SIZE: u64 = 4096;
/// Guest physical address of RAM on the virt board.
pub const RAM_BASE: u64 = 0x8000_0000;

/// Privilege level (privileged spec 1.2, table "RISC-V privilege levels").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Priv {
    U = 0,
    S = 1,
    M = 3,
}

impl Priv {
    /// Decodes a 2-bit privilege field; the reserved value 2 reads as None.
    pub fn from_bits(b: u64) -> Option<Priv> {
        match b & 3 {
            0 => Some(Priv::U),
            1 => Some(Priv::S),
            3 => Some(Priv::M),
            _ => None,
        }
    }

    /// Index of this mode's TLB set (U = 0, S = 1, M = 2).
    pub fn tlb_index(self) -> usize {
        match self {
            Priv::U => 0,
            Priv::S => 1,
            Priv::M => 2,
        }
    }
}

/// The kind of a memory access.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Access {
    Read,
    Write,
    Exec,
}

/// What went wrong with an access; with `Access` it selects the exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// Page fault (translation or permission failure in the page table).
    Page,
    /// Access fault (PMP denial, nothing at the physical address).
    Access,
    /// Address-misaligned (AMO/LR/SC, or `--misaligned trap`).
    Misaligned,
}

/// A failed memory access at a virtual address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fault {
    pub kind: FaultKind,
    pub access: Access,
    /// The faulting virtual address (becomes xtval).
    pub addr: u64,
}

impl Fault {
    pub fn page(access: Access, addr: u64) -> Fault {
        Fault { kind: FaultKind::Page, access, addr }
    }
    pub fn access(access: Access, addr: u64) -> Fault {
        Fault { kind: FaultKind::Access, access, addr }
    }
    pub fn misaligned(access: Access, addr: u64) -> Fault {
        Fault { kind: FaultKind::Misaligned, access, addr }
    }
}
