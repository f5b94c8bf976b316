//! Guest RAM: one anonymous, lazily backed mapping (memmap2) that starts
//! at the machine's RAM base. Untouched pages cost nothing, so `-m 8G`
//! starts at once.
//!
//! This is one of the two places (with `dbt`) where mimic uses `unsafe`:
//! guest memory is shared by every hart thread and by device DMA, so it is
//! accessed through raw pointers, never through Rust references.
//!
//! Invariants:
//! - every access is bounds-checked against the mapping before any pointer
//!   is formed: an out-of-range offset returns `None`, never touches memory;
//! - aligned accesses are single relaxed atomic operations (one host load or
//!   store on x86-64, as guest hardware would do; concurrent guest accesses
//!   are therefore not data races in Rust's sense);
//! - misaligned accesses are split into bytes (each relaxed atomic); RVWMO
//!   does not require them to be atomic (unprivileged spec 17.1, "misaligned
//!   accesses ... may be decomposed").

use std::sync::atomic::{AtomicU16, AtomicU32, AtomicU64, AtomicU8, Ordering};

use memmap2::{MmapMut, MmapOptions};

/// A little-endian machine word the guest can load or store.
pub trait Word: Copy + Eq + Into<u64> + std::fmt::Debug + Send + Sync + 'static {
    const SIZE: usize;
    fn from_u64(v: u64) -> Self;
    /// # Safety
    /// `p` must be valid for reads of `SIZE` bytes and aligned to `SIZE`.
    unsafe fn load_atomic(p: *const u8) -> Self;
    /// # Safety
    /// `p` must be valid for writes of `SIZE` bytes and aligned to `SIZE`.
    unsafe fn store_atomic(p: *mut u8, v: Self);
}

macro_rules! word {
    ($t:ty, $a:ty) => {
        impl Word for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            fn from_u64(v: u64) -> Self {
                v as $t
            }
            unsafe fn load_atomic(p: *const u8) -> Self {
                // SAFETY: the caller guarantees validity and alignment; the
                // atomic type has the same size and alignment as `$t`.
                unsafe { <$a>::from_ptr(p as *mut $t).load(Ordering::Relaxed) }
            }
            unsafe fn store_atomic(p: *mut u8, v: Self) {
                // SAFETY: as for `load_atomic`.
                unsafe { <$a>::from_ptr(p as *mut $t).store(v, Ordering::Relaxed) }
            }
        }
    };
}

word!(u8, AtomicU8);
word!(u16, AtomicU16);
word!(u32, AtomicU32);
word!(u64, AtomicU64);

/// An atomic read-modify-write operation on guest memory (A extension).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmoOp {
    Swap,
    Add,
    Xor,
    And,
    Or,
    Min,
    Max,
    Minu,
    Maxu,
}

impl AmoOp {
    /// The new memory value for old value `a` and register operand `b`,
    /// both as `bits`-bit quantities held in u64 (sign matters for min/max).
    pub fn apply(self, a: u64, b: u64, bits: u32) -> u64 {
        let sx = |v: u64| ((v << (64 - bits)) as i64) >> (64 - bits);
        match self {
            AmoOp::Swap => b,
            AmoOp::Add => a.wrapping_add(b),
            AmoOp::Xor => a ^ b,
            AmoOp::And => a & b,
            AmoOp::Or => a | b,
            AmoOp::Min => if sx(a) <= sx(b) { a } else { b },
            AmoOp::Max => if sx(a) >= sx(b) { a } else { b },
            AmoOp::Minu => if trunc(a, bits) <= trunc(b, bits) { a } else { b },
            AmoOp::Maxu => if trunc(a, bits) >= trunc(b, bits) { a } else { b },
        }
    }
}

fn trunc(v: u64, bits: u32) -> u64 {
    if bits == 64 { v } else { v & ((1 << bits) - 1) }
}

/// Guest RAM. Shared by all harts and devices (`Sync`).
pub struct Ram {
    base: u64,
    size: u64,
    ptr: *mut u8,
    code: crate::code::CodePages,
    _map: MmapMut,
}

// SAFETY: the mapping lives as long as `Ram`; every access goes through the
// bounds-checked methods below using atomic or byte-wise atomic operations,
// so sharing between threads cannot cause Rust-level data races.
unsafe impl Send for Ram {}
// SAFETY: see `Send`.
unsafe impl Sync for Ram {}

impl Ram {
    /// Maps `size` bytes of zeroed, lazily backed memory at guest physical
    /// address `base`.
    pub fn new(base: u64, size: u64) -> std::io::Result<Ram> {
        let len = usize::try_from(size).map_err(|_| std::io::Error::other("RAM size too large"))?;
        let mut map = MmapOptions::new().len(len).no_reserve_swap().map_anon()?;
        // No transparent-huge-page hint: with it (and the usual host policy
        // defrag=madvise) the first touch of any 4 KiB of a 2 MiB region
        // compacts and zeroes the whole region, and a booting guest touches
        // its RAM scattered: a Linux boot took 2.91 s on average with the
        // hint and 2.46 s without (8 runs each, alternating).
        let ptr = map.as_mut_ptr();
        Ok(Ram { base, size, ptr, code: crate::code::CodePages::new(base, size), _map: map })
    }

    pub fn base(&self) -> u64 {
        self.base
    }

    /// Which pages hold translated code (the code-invalidation path).
    pub fn code(&self) -> &crate::code::CodePages {
        &self.code
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// Whether `[pa, pa + len)` lies entirely in RAM.
    pub fn contains(&self, pa: u64, len: u64) -> bool {
        pa >= self.base && pa.checked_add(len).is_some_and(|end| end <= self.base + self.size)
    }

    /// Host address of RAM offset 0; `host = base_host + (pa - base)`. For
    /// the translator's inline TLB probe only.
    pub fn host_base(&self) -> usize {
        self.ptr as usize
    }

    /// Offset of `pa` into RAM if `[pa, pa+len)` is inside it.
    pub fn offset(&self, pa: u64, len: u64) -> Option<usize> {
        self.contains(pa, len).then(|| (pa - self.base) as usize)
    }

    /// Reads a word at RAM offset `off`.
    #[inline]
    pub fn read_off<T: Word>(&self, off: usize) -> Option<T> {
        if off.checked_add(T::SIZE)? > self.size as usize {
            return None;
        }
        if off % T::SIZE == 0 {
            // SAFETY: bounds checked above, aligned (mapping is page-aligned).
            return Some(unsafe { T::load_atomic(self.ptr.add(off)) });
        }
        let mut v = 0u64;
        for i in 0..T::SIZE {
            // SAFETY: off + i < off + SIZE <= size, checked above.
            let b: u8 = unsafe { u8::load_atomic(self.ptr.add(off + i)) };
            v |= u64::from(b) << (8 * i);
        }
        Some(T::from_u64(v))
    }

    /// Writes a word at RAM offset `off`; `false` if out of range.
    #[inline]
    pub fn write_off<T: Word>(&self, off: usize, v: T) -> bool {
        match off.checked_add(T::SIZE) {
            Some(end) if end <= self.size as usize => {}
            _ => return false,
        }
        if off % T::SIZE == 0 {
            // SAFETY: bounds checked above, aligned.
            unsafe { T::store_atomic(self.ptr.add(off), v) };
            return true;
        }
        let v: u64 = v.into();
        for i in 0..T::SIZE {
            // SAFETY: off + i < size, checked above.
            unsafe { u8::store_atomic(self.ptr.add(off + i), (v >> (8 * i)) as u8) };
        }
        true
    }

    /// Reads a word at guest physical address `pa`.
    pub fn read<T: Word>(&self, pa: u64) -> Option<T> {
        self.read_off(self.offset(pa, T::SIZE as u64)?)
    }

    /// Writes a word at guest physical address `pa`; `false` if not RAM.
    pub fn write<T: Word>(&self, pa: u64, v: T) -> bool {
        self.offset(pa, T::SIZE as u64).is_some_and(|off| self.write_off(off, v))
    }

    /// Copies guest memory into `buf`; `false` (nothing copied) if the range
    /// is not entirely RAM.
    pub fn read_bytes(&self, pa: u64, buf: &mut [u8]) -> bool {
        let Some(off) = self.offset(pa, buf.len() as u64) else { return false };
        for (i, b) in buf.iter_mut().enumerate() {
            // SAFETY: off + i < off + len <= size (checked by `offset`).
            *b = unsafe { u8::load_atomic(self.ptr.add(off + i)) };
        }
        true
    }

    /// Copies `buf` into guest memory; `false` (nothing written) if the
    /// range is not entirely RAM.
    pub fn write_bytes(&self, pa: u64, buf: &[u8]) -> bool {
        let Some(off) = self.offset(pa, buf.len() as u64) else { return false };
        for (i, &b) in buf.iter().enumerate() {
            // SAFETY: off + i < off + len <= size (checked by `offset`).
            unsafe { u8::store_atomic(self.ptr.add(off + i), b) };
        }
        true
    }

    /// A vm-memory view of guest RAM for device DMA (virtio-queue). The view
    /// does not own the mapping: the caller must keep `self` alive as long
    /// as the view (devices hold an `Arc<Ram>` next to it).
    pub fn guest_memory(&self) -> std::io::Result<vm_memory::GuestMemoryMmap> {
        use vm_memory::{GuestAddress, GuestMemoryMmap, GuestRegionMmap, MmapRegion};
        let flags = libc::MAP_ANONYMOUS | libc::MAP_PRIVATE | libc::MAP_NORESERVE;
        // SAFETY: `ptr`/`size` are exactly our live, page-aligned anonymous
        // mapping with these protections; a raw MmapRegion does not unmap it
        // on drop, and callers keep the Ram alive alongside the view.
        let region = unsafe { MmapRegion::build_raw(self.ptr, self.size as usize, libc::PROT_READ | libc::PROT_WRITE, flags) }
            .map_err(std::io::Error::other)?;
        let region = GuestRegionMmap::new(region, GuestAddress(self.base)).ok_or_else(|| std::io::Error::other("RAM region overflows"))?;
        GuestMemoryMmap::from_regions(vec![region]).map_err(std::io::Error::other)
    }

    /// Atomic read-modify-write of an aligned 32- or 64-bit word; returns
    /// the old value (zero-extended), or `None` if not RAM or misaligned.
    pub fn amo(&self, pa: u64, size: usize, op: AmoOp, operand: u64) -> Option<u64> {
        let off = self.offset(pa, size as u64)?;
        if off % size != 0 {
            return None;
        }
        // SAFETY: in bounds and aligned (checked above).
        let p = unsafe { self.ptr.add(off) };
        Some(match size {
            4 => {
                // SAFETY: p is valid and 4-aligned.
                let a = unsafe { AtomicU32::from_ptr(p as *mut u32) };
                let f = |old: u32| Some(op.apply(old.into(), operand, 32) as u32);
                u64::from(a.fetch_update(Ordering::SeqCst, Ordering::SeqCst, f).unwrap_or(0))
            }
            8 => {
                // SAFETY: p is valid and 8-aligned.
                let a = unsafe { AtomicU64::from_ptr(p as *mut u64) };
                let f = |old: u64| Some(op.apply(old, operand, 64));
                a.fetch_update(Ordering::SeqCst, Ordering::SeqCst, f).unwrap_or(0)
            }
            _ => return None,
        })
    }

    /// Atomic compare-and-swap of an aligned 32- or 64-bit word (SC, the
    /// page walker's A/D update). `Some(true)` if it swapped.
    pub fn cmpxchg(&self, pa: u64, size: usize, old: u64, new: u64) -> Option<bool> {
        let off = self.offset(pa, size as u64)?;
        if off % size != 0 {
            return None;
        }
        // SAFETY: in bounds and aligned (checked above).
        let p = unsafe { self.ptr.add(off) };
        let (s, f) = (Ordering::SeqCst, Ordering::SeqCst);
        Some(match size {
            // SAFETY: p is valid and 4-aligned.
            4 => unsafe { AtomicU32::from_ptr(p as *mut u32) }.compare_exchange(old as u32, new as u32, s, f).is_ok(),
            // SAFETY: p is valid and 8-aligned.
            8 => unsafe { AtomicU64::from_ptr(p as *mut u64) }.compare_exchange(old, new, s, f).is_ok(),
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_write_aligned_and_misaligned() {
        let ram = Ram::new(0x8000_0000, 0x2000).unwrap();
        assert!(ram.write::<u64>(0x8000_0000, 0x1122_3344_5566_7788));
        assert_eq!(ram.read::<u32>(0x8000_0004), Some(0x1122_3344));
        assert!(ram.write::<u32>(0x8000_0ffe, 0xaabb_ccdd));
        assert_eq!(ram.read::<u32>(0x8000_0ffe), Some(0xaabb_ccdd));
        assert_eq!(ram.read::<u16>(0x8000_1000), Some(0xaabb));
    }

    #[test]
    fn out_of_range_is_refused() {
        let ram = Ram::new(0x8000_0000, 0x1000).unwrap();
        assert_eq!(ram.read::<u64>(0x8000_0ffc), None);
        assert_eq!(ram.read::<u8>(0x7fff_ffff), None);
        assert!(!ram.write::<u8>(0x8000_1000, 1));
        assert_eq!(ram.read::<u64>(u64::MAX - 3), None);
        assert!(!ram.write_bytes(0x8000_0ff0, &[0; 32]));
    }

    #[test]
    fn amo_and_cmpxchg() {
        let ram = Ram::new(0x8000_0000, 0x1000).unwrap();
        ram.write::<u32>(0x8000_0010, 0xffff_fffe);
        assert_eq!(ram.amo(0x8000_0010, 4, AmoOp::Max, 1), Some(0xffff_fffe));
        assert_eq!(ram.read::<u32>(0x8000_0010), Some(1));
        assert_eq!(ram.amo(0x8000_0012, 4, AmoOp::Add, 1), None);
        assert_eq!(ram.cmpxchg(0x8000_0010, 4, 1, 7), Some(true));
        assert_eq!(ram.cmpxchg(0x8000_0010, 4, 1, 9), Some(false));
        assert_eq!(ram.read::<u32>(0x8000_0010), Some(7));
    }

    #[test]
    fn large_ram_is_lazy() {
        let ram = Ram::new(0x8000_0000, 8 << 30).unwrap();
        assert!(ram.write::<u64>(0x8000_0000 + (8 << 30) - 8, 5));
        assert_eq!(ram.read::<u64>(0x8000_0000 + (8 << 30) - 8), Some(5));
    }
}
