//! Code-page tracking: which 4 KiB RAM pages hold code that some engine
//! has translated, and a generation number per page that changes whenever
//! such a page is written. This is the one code-invalidation path
//! (DESIGN.md §4 "Self-modifying code"): guest stores from any engine and
//! device DMA call [`CodePages::invalidate_range`]; translated blocks
//! record the generation of their page and are stale once it changes.
//!
//! Invariants: `gen[i]` only grows; a page is "code" from `mark` until the
//! next write to it; while a page is code, no TLB may hold a write
//! fast-path tag for it (the marking hart drops its own; others are asked
//! to), so every store to it reaches `invalidate_range`.
//!
//! `writers[i]` has bit h set whenever hart h may hold a write tag for
//! page i: a hart sets its bit before it checks `is_code` to fill a write
//! tag ([`CodePages::may_write`]), and `mark` reads the bits after setting
//! the code flag (both SeqCst), so either the filler sees the page as code
//! or the marker sees the filler's bit and asks it to drop its tags. A hart
//! clears its bit only after dropping its tags for the page.
//!
//! Thread affinity: shared by all harts and devices; all state is atomic.

use std::sync::atomic::{AtomicU32, AtomicU64, AtomicU8, Ordering};

use crate::PAGE_SIZE;

/// Per-page code state of guest RAM.
#[derive(Debug)]
pub struct CodePages {
    base: u64,
    gen: Box<[AtomicU32]>,
    code: Box<[AtomicU8]>,
    writers: Box<[AtomicU64]>,
}

impl CodePages {
    pub fn new(base: u64, size: u64) -> CodePages {
        let pages = size.div_ceil(PAGE_SIZE) as usize;
        CodePages {
            base,
            gen: (0..pages).map(|_| AtomicU32::new(0)).collect(),
            code: (0..pages).map(|_| AtomicU8::new(0)).collect(),
            writers: (0..pages).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// Index of the page holding `pa`, if it is RAM.
    #[inline]
    pub fn index(&self, pa: u64) -> Option<usize> {
        let i = (pa.checked_sub(self.base)? / PAGE_SIZE) as usize;
        (i < self.gen.len()).then_some(i)
    }

    /// Marks the page of `pa` as holding translated code; returns whether
    /// it was not code before (the caller must then drop write tags).
    pub fn mark(&self, pa: u64) -> bool {
        self.index(pa).is_some_and(|i| self.code[i].swap(1, Ordering::SeqCst) == 0)
    }

    /// The harts that may hold write tags for the page of `pa` (read after
    /// `mark`: they must drop them).
    pub fn writers(&self, pa: u64) -> u64 {
        self.index(pa).map_or(0, |i| self.writers[i].load(Ordering::SeqCst))
    }

    /// Hart `hart` wants a write tag for the page of `pa`: records it as a
    /// possible writer, then says whether it may (the page is not code).
    pub fn may_write(&self, pa: u64, hart: u64) -> bool {
        let Some(i) = self.index(pa) else { return false };
        let bit = 1u64 << (hart & 63);
        if self.writers[i].load(Ordering::Relaxed) & bit == 0 {
            self.writers[i].fetch_or(bit, Ordering::SeqCst);
        }
        self.code[i].load(Ordering::SeqCst) == 0
    }

    /// Hart `hart` dropped its write tags for the page of `pa`.
    pub fn dropped_writes(&self, pa: u64, hart: u64) {
        if let Some(i) = self.index(pa) {
            self.writers[i].fetch_and(!(1u64 << (hart & 63)), Ordering::SeqCst);
        }
    }

    /// Whether the page of `pa` holds translated code.
    #[inline]
    pub fn is_code(&self, pa: u64) -> bool {
        self.index(pa).is_some_and(|i| self.code[i].load(Ordering::Acquire) != 0)
    }

    /// The generation of page `i`.
    #[inline]
    pub fn gen(&self, i: usize) -> u32 {
        self.gen[i].load(Ordering::Acquire)
    }

    /// Host address of the generation counters (u32 per page, indexed by
    /// page number from the RAM base), for the translator's entry check.
    pub fn gen_base(&self) -> usize {
        self.gen.as_ptr() as usize
    }

    /// Records a write of `[pa, pa + len)`: every code page it touches gets
    /// a new generation and stops being code. Returns whether any did.
    pub fn invalidate_range(&self, pa: u64, len: u64) -> bool {
        if len == 0 {
            return false;
        }
        let (Some(first), Some(last)) = (self.index(pa), self.index(pa.saturating_add(len - 1)).or(Some(self.gen.len() - 1))) else {
            return false;
        };
        let mut hit = false;
        for i in first..=last.min(self.gen.len() - 1) {
            if self.code[i].swap(0, Ordering::AcqRel) != 0 {
                self.gen[i].fetch_add(1, Ordering::AcqRel);
                hit = true;
            }
        }
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_write_bumps_generation_once() {
        let c = CodePages::new(0x8000_0000, 16 * PAGE_SIZE);
        assert!(c.mark(0x8000_1010));
        assert!(!c.mark(0x8000_1ff0), "same page");
        assert!(!c.invalidate_range(0x8000_2000, 8), "not code");
        assert_eq!(c.gen(1), 0);
        assert!(c.invalidate_range(0x8000_0ffc, 8), "straddles into the code page");
        assert_eq!(c.gen(1), 1);
        assert!(!c.is_code(0x8000_1000));
        assert!(!c.invalidate_range(0x8000_1000, 4), "no longer code");
        assert!(!c.invalidate_range(0x1000, 4), "not RAM");
        assert!(!c.invalidate_range(0x8000_f000, 0x10000), "runs past RAM: clamped");
    }

    #[test]
    fn writers_are_recorded_until_they_drop_their_tags() {
        let c = CodePages::new(0x8000_0000, 16 * PAGE_SIZE);
        assert!(c.may_write(0x8000_3008, 2), "not code yet");
        assert!(c.may_write(0x8000_3008, 5));
        assert!(c.mark(0x8000_3000));
        assert_eq!(c.writers(0x8000_3000), 1 << 2 | 1 << 5);
        assert!(!c.may_write(0x8000_3000, 1), "code: no write tag");
        c.dropped_writes(0x8000_3000, 2);
        assert_eq!(c.writers(0x8000_3000), 1 << 5 | 1 << 1);
        assert!(!c.may_write(0x1000, 0), "not RAM");
    }
}
