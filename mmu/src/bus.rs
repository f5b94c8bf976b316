//! The physical address space: RAM plus device windows.
//!
//! A device ([`MmioDevice`]) sees only an offset into its own window and
//! declares the access sizes it accepts. The bus splits an access wider
//! than the device's widest size into little-endian pieces and rejects one
//! narrower than its narrowest, misaligned, or crossing the window's end;
//! rejected accesses and addresses nothing claims are [`BusFault`]s, which
//! the hart turns into access-fault exceptions.
//!
//! Windows may overlay RAM (HTIF's `tohost` word lives inside RAM, as in
//! QEMU and Spike); device windows never overlap each other (refused when
//! the bus is built). A page touched by an overlay is never a RAM fast-path
//! page ([`Bus::ram_page`]).
//!
//! Thread affinity: the bus is immutable once built and shared by every
//! hart (`Arc<Bus>`); devices synchronize internally. The bus holds no lock
//! while calling a device.

use std::sync::Arc;

use crate::ram::{Ram, Word};
use crate::PAGE_SIZE;

/// Accepted access sizes: bit n set means 2^n-byte accesses are accepted.
pub type Sizes = u8;
/// Every size from 1 to 8 bytes.
pub const SIZES_ALL: Sizes = 0b1111;
/// 32-bit accesses only.
pub const SIZES_32: Sizes = 0b0100;
/// 32- and 64-bit accesses.
pub const SIZES_32_64: Sizes = 0b1100;

/// A memory-mapped device register model.
pub trait MmioDevice: Send + Sync {
    /// Reads `size` bytes (1, 2, 4 or 8, one of `sizes()`) at `offset`.
    fn read(&self, offset: u64, size: u8) -> u64;
    /// Writes the low `size` bytes of `value` at `offset`.
    fn write(&self, offset: u64, size: u8, value: u64);
    /// The access sizes this device accepts.
    fn sizes(&self) -> Sizes {
        SIZES_ALL
    }
    /// Whether instructions may be fetched from this window (a ROM).
    fn executable(&self) -> bool {
        false
    }
}

/// Why a physical access failed: the hart raises an access fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BusFault {
    /// Nothing is mapped at this address.
    Unmapped,
    /// A device refused the access size or alignment.
    BadAccess,
}

/// A problem building the bus (a host error, not a guest fault).
#[derive(Debug, thiserror::Error)]
pub enum BusError {
    #[error("device window {name} at {base:#x}+{size:#x} overlaps {other}")]
    Overlap { name: String, base: u64, size: u64, other: String },
    #[error("device window {name} has zero size")]
    Empty { name: String },
}

/// One device window.
pub struct Window {
    pub name: String,
    pub base: u64,
    pub size: u64,
    pub dev: Arc<dyn MmioDevice>,
}

impl Window {
    fn end(&self) -> u64 {
        self.base + self.size
    }
}

/// Collects device windows, then builds an immutable [`Bus`].
pub struct BusBuilder {
    ram: Arc<Ram>,
    windows: Vec<Window>,
}

impl BusBuilder {
    /// Starts a bus over `ram`, which devices doing DMA share.
    pub fn new(ram: Arc<Ram>) -> Self {
        BusBuilder { ram, windows: Vec::new() }
    }

    /// Maps `dev` at `[base, base + size)`.
    pub fn map(&mut self, name: &str, base: u64, size: u64, dev: Arc<dyn MmioDevice>) -> Result<(), BusError> {
        if size == 0 {
            return Err(BusError::Empty { name: name.into() });
        }
        let end = base.saturating_add(size);
        if let Some(w) = self.windows.iter().find(|w| base < w.end() && w.base < end) {
            return Err(BusError::Overlap { name: name.into(), base, size, other: w.name.clone() });
        }
        self.windows.push(Window { name: name.into(), base, size, dev });
        Ok(())
    }

    pub fn build(mut self) -> Bus {
        self.windows.sort_by_key(|w| w.base);
        Bus { ram: self.ram, windows: self.windows }
    }
}

/// The machine's physical address space.
pub struct Bus {
    ram: Arc<Ram>,
    windows: Vec<Window>,
}

impl Bus {
    pub fn ram(&self) -> &Ram {
        &self.ram
    }

    /// The shared RAM handle (for DMA-capable devices).
    pub fn ram_arc(&self) -> Arc<Ram> {
        self.ram.clone()
    }

    pub fn windows(&self) -> &[Window] {
        &self.windows
    }

    /// The device window containing `pa`.
    pub fn window(&self, pa: u64) -> Option<&Window> {
        let i = self.windows.partition_point(|w| w.end() <= pa);
        self.windows.get(i).filter(|w| w.base <= pa)
    }

    /// Whether any device window intersects `[pa, pa + len)`.
    fn overlaid(&self, pa: u64, len: u64) -> bool {
        let i = self.windows.partition_point(|w| w.end() <= pa);
        self.windows.get(i).is_some_and(|w| w.base < pa.saturating_add(len))
    }

    /// Whether the 4 KiB page at `pa` (aligned down) is plain RAM with no
    /// device overlay: only such pages may enter a TLB fast path.
    pub fn ram_page(&self, pa: u64) -> bool {
        let page = pa & !(PAGE_SIZE - 1);
        self.ram.contains(page, PAGE_SIZE) && !self.overlaid(page, PAGE_SIZE)
    }

    /// Reads `size` bytes (1, 2, 4, 8) at `pa`.
    pub fn read(&self, pa: u64, size: u8) -> Result<u64, BusFault> {
        if let Some(w) = self.window(pa) {
            return device_read(w, pa, size);
        }
        let r = match size {
            1 => self.ram.read::<u8>(pa).map(u64::from),
            2 => self.ram.read::<u16>(pa).map(u64::from),
            4 => self.ram.read::<u32>(pa).map(u64::from),
            _ => self.ram.read::<u64>(pa),
        };
        r.ok_or(BusFault::Unmapped)
    }

    /// Writes the low `size` bytes of `v` at `pa`.
    pub fn write(&self, pa: u64, size: u8, v: u64) -> Result<(), BusFault> {
        if let Some(w) = self.window(pa) {
            return device_write(w, pa, size, v);
        }
        let ok = match size {
            1 => self.ram.write(pa, v as u8),
            2 => self.ram.write(pa, v as u16),
            4 => self.ram.write(pa, v as u32),
            _ => self.ram.write(pa, v),
        };
        ok.then_some(()).ok_or(BusFault::Unmapped)
    }

    /// Instruction fetch of `size` (2 or 4) bytes: RAM, or a window whose
    /// device is executable (the boot ROM). Never a side-effecting read.
    pub fn fetch(&self, pa: u64, size: u8) -> Result<u64, BusFault> {
        match self.window(pa) {
            Some(w) if !w.dev.executable() => Err(BusFault::BadAccess),
            _ => self.read(pa, size),
        }
    }

    /// Typed read; RAM only when no overlay covers the word.
    pub fn read_word<T: Word>(&self, pa: u64) -> Result<T, BusFault> {
        self.read(pa, T::SIZE as u8).map(T::from_u64)
    }
}

/// Checks that an access fits the window and is naturally aligned.
fn check(w: &Window, pa: u64, size: u8) -> Result<u64, BusFault> {
    let off = pa - w.base;
    let fits = off.checked_add(u64::from(size)).is_some_and(|e| e <= w.size);
    if !fits || pa % u64::from(size) != 0 || !size.is_power_of_two() || size > 8 {
        return Err(BusFault::BadAccess);
    }
    Ok(off)
}

/// The widest accepted size not above `size` (bit n of `Sizes` stands
/// for 2^n bytes, so a power-of-two size is its own bit); wider accesses
/// are split into pieces of this size.
fn piece(w: &Window, size: u8) -> Result<u8, BusFault> {
    let sizes = w.dev.sizes();
    (0..=size.trailing_zeros()).rev().map(|l| 1u8 << l).find(|&p| sizes & p != 0).ok_or(BusFault::BadAccess)
}

fn device_read(w: &Window, pa: u64, size: u8) -> Result<u64, BusFault> {
    let off = check(w, pa, size)?;
    let p = piece(w, size)?;
    let mut v = 0u64;
    for i in (0..size).step_by(p as usize) {
        v |= (w.dev.read(off + u64::from(i), p) & mask(p)) << (8 * i);
    }
    Ok(v)
}

fn device_write(w: &Window, pa: u64, size: u8, v: u64) -> Result<(), BusFault> {
    let off = check(w, pa, size)?;
    let p = piece(w, size)?;
    for i in (0..size).step_by(p as usize) {
        w.dev.write(off + u64::from(i), p, (v >> (8 * i)) & mask(p));
    }
    Ok(())
}

fn mask(size: u8) -> u64 {
    if size >= 8 { u64::MAX } else { (1u64 << (8 * size)) - 1 }
}
