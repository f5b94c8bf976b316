//! The per-hart software TLB, shaped for the translator's inline probe
//! (DESIGN.md §4 "Soft TLB inline"; TinyEMU's and QEMU's addend TLB).
//!
//! One direct-mapped set per kind of access context, so neither a privilege
//! change nor a toggle of sstatus.SUM needs a flush. Data accesses use U,
//! S (SUM = 0), M, or S with SUM = 1 (Linux toggles SUM around every user
//! copy), chosen by the effective privilege (MPRV/MPP applied) and SUM
//! ([`data_set`]); instruction fetches use their own U, S and M sets
//! ([`fetch_set`]), so code and data pages never evict each other.
//! Each entry holds separate read/write/execute tags and one host addend:
//! a hit is `(va & (PAGE_MASK | (size - 1))) ^ epoch[set] == tag`, then the
//! host address is `va + addend`. The size bits in the mask fold the
//! alignment check into the compare, so misaligned accesses always take
//! the slow path. The set's epoch lives in bits 3..=11, which a masked
//! address never has set: flushing a set just moves it to a new epoch
//! (Linux issues thousands of full SFENCE.VMAs while booting), and only
//! when the epochs run out is the set's memory cleared.
//!
//! Invariants:
//! - within one entry every tag that is not `INVALID` equals the same page
//!   address XOR the epoch it was filled in, and `addend` is valid for it;
//! - an entry filled in an older epoch never matches: its tag differs from
//!   any current `masked ^ epoch` in bits 3..=11, and epoch 511 (the
//!   pattern of `INVALID`) is never used;
//! - a tag is set only if the permission was checked by a walk (including
//!   PMP over the whole page) in this set's mode under the current satp,
//!   SUM and MXR; the write tag additionally only if the PTE's D bit is set;
//! - only plain-RAM pages enter (never MMIO or overlaid pages);
//! - `large[m]` lists every superpage entries of set m may come from (or
//!   has overflowed), so SFENCE.VMA by address can drop exactly the
//!   entries of the superpage holding the address.

use crate::{Priv, PAGE_SIZE};

/// Set indices: data sets, then fetch sets.
pub const SET_U: usize = 0;
pub const SET_S: usize = 1;
pub const SET_M: usize = 2;
pub const SET_S_SUM: usize = 3;
pub const SET_XU: usize = 4;
pub const SET_XS: usize = 5;
pub const SET_XM: usize = 6;
/// Number of sets.
pub const SETS: usize = 7;
/// The sets holding translated (not bare M-mode) entries.
const TRANSLATED: [usize; 5] = [SET_U, SET_S, SET_S_SUM, SET_XU, SET_XS];

/// The set for instruction fetches in mode `p`.
pub fn fetch_set(p: Priv) -> usize {
    SET_XU + p.tlb_index()
}

/// The set for data accesses with effective privilege `p` and SUM `sum`.
pub fn data_set(p: Priv, sum: bool) -> usize {
    if p == Priv::S && sum { SET_S_SUM } else { p.tlb_index() }
}

/// log2 of the number of entries per set.
pub const TLB_BITS: u32 = 13;
/// Entries per set.
pub const TLB_ENTRIES: usize = 1 << TLB_BITS;
/// A tag value no masked address can equal, in any epoch.
pub const INVALID: u64 = u64::MAX;
/// One epoch step (epochs live in bits 3..=11).
const EPOCH_STEP: u64 = 1 << 3;
/// The first epoch value never used (bits 3..=11 all ones, as in INVALID).
const EPOCH_END: u64 = 0x1ff << 3;
/// Page-number mask of a virtual address.
pub const PAGE_MASK: u64 = !(PAGE_SIZE - 1);

/// One TLB entry (32 bytes; the translator relies on this layout).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TlbEntry {
    pub tag_r: u64,
    pub tag_w: u64,
    pub tag_x: u64,
    /// Host address minus guest virtual address for this page.
    pub addend: u64,
}

const EMPTY: TlbEntry = TlbEntry { tag_r: INVALID, tag_w: INVALID, tag_x: INVALID, addend: 0 };

/// Largest superpage whose pieces a flush drops one by one (2 MiB: 512
/// probes); larger ones flush the set.
const MAX_PRECISE: u64 = 2 << 20;
/// Superpages remembered exactly per set before falling back to "any".
const LARGE_SLOTS: usize = 16;

/// The superpages a set's entries may come from.
#[derive(Clone, Copy, Debug)]
struct Large {
    regions: [(u64, u64); LARGE_SLOTS],
    len: usize,
    /// More than LARGE_SLOTS were filled: any address may be covered.
    overflow: bool,
}

/// Whether an address lies in a remembered superpage.
enum Covered {
    No,
    By(u64, u64),
    Unknown,
}

impl Large {
    const EMPTY: Large = Large { regions: [(0, 0); LARGE_SLOTS], len: 0, overflow: false };

    fn note(&mut self, base: u64, size: u64) {
        if self.regions[..self.len].contains(&(base, size)) {
            return;
        }
        if self.len == LARGE_SLOTS {
            self.overflow = true;
            return;
        }
        self.regions[self.len] = (base, size);
        self.len += 1;
    }

    /// The superpage covering `va`, removed from the list (its entries
    /// are about to be dropped).
    fn take(&mut self, va: u64) -> Covered {
        if self.overflow {
            return Covered::Unknown;
        }
        match self.regions[..self.len].iter().position(|&(b, s)| va >= b && va - b < s) {
            Some(i) => {
                let r = self.regions[i];
                self.len -= 1;
                self.regions[i] = self.regions[self.len];
                Covered::By(r.0, r.1)
            }
            None => Covered::No,
        }
    }
}

/// What a fill may enable.
#[derive(Clone, Copy, Debug, Default)]
pub struct Grant {
    pub read: bool,
    pub write: bool,
    pub exec: bool,
}

/// The entries of every set, set after set (set `s`, index `i` is entry
/// `s * TLB_ENTRIES + i`). On the heap, so its size does not weigh on the
/// stack that builds a hart; a thin pointer, which translated code loads
/// from the hart (`Tlb` is `repr(C)`).
pub type Entries = Box<[TlbEntry; SETS * TLB_ENTRIES]>;

/// The TLB of one hart. Thread affinity: owned by its hart's thread.
#[repr(C)]
pub struct Tlb {
    pub sets: Entries,
    /// Per set: the current epoch (XORed into tags).
    pub epoch: [u64; SETS],
    /// Per set: (base, mask) of a region covering all superpage entries;
    /// mask 0 and base `INVALID` when there are none.
    large: [Large; SETS],
    /// Number of fills (misses that found a cacheable page), and per set.
    pub fills: u64,
    pub fills_by_set: [u64; SETS],
    /// Bumped by every flush of translated entries: caches keyed on
    /// virtual addresses (the translator's jump cache) compare it.
    pub generation: u64,
    /// Flushes of whole sets and of single addresses (for `--stats`).
    pub set_flushes: u64,
    pub va_flushes: u64,
    /// Since the last `take_flushes`: pages flushed by address, or None
    /// after a flush of whole sets (or too many pages to list).
    flushed: Option<Vec<u64>>,
    /// A filter of the host pages write tags were filled for since the
    /// data sets were last all flushed (bit = host page number mod
    /// `WFILTER_BITS`; false positives only): `unwrite_host_page` skips its
    /// scan for pages never filled writable.
    wfilter: Box<[u64]>,
}

/// Bits in the write filter (pages 256 MiB apart share a bit).
const WFILTER_BITS: usize = 1 << 16;

fn wbit(host_page: usize) -> (usize, u64) {
    let b = (host_page >> 12) & (WFILTER_BITS - 1);
    (b / 64, 1 << (b % 64))
}

/// At most this many flushed pages are listed before a flush is reported
/// as a whole flush.
const FLUSH_LOG: usize = 16;

impl Default for Tlb {
    fn default() -> Self {
        let sets: Entries = vec![EMPTY; SETS * TLB_ENTRIES].into_boxed_slice().try_into().expect("SETS * TLB_ENTRIES entries");
        Tlb { sets, epoch: [0; SETS], large: [Large::EMPTY; SETS], fills: 0, fills_by_set: [0; SETS], generation: 0, set_flushes: 0, va_flushes: 0, flushed: Some(Vec::new()), wfilter: vec![0; WFILTER_BITS / 64].into_boxed_slice() }
    }
}

/// Index of `va` in a set.
#[inline(always)]
pub fn index(va: u64) -> usize {
    (va >> 12) as usize & (TLB_ENTRIES - 1)
}

/// Where set `s` lies in `Tlb::sets`.
#[inline(always)]
fn set_range(s: usize) -> std::ops::Range<usize> {
    s * TLB_ENTRIES..(s + 1) * TLB_ENTRIES
}

/// The masked address compared against a tag for a `size`-byte access.
#[inline(always)]
pub fn tag_of(va: u64, size: u64) -> u64 {
    va & (PAGE_MASK | (size - 1))
}

impl Tlb {
    /// The entries of set `s`.
    #[inline(always)]
    pub fn set(&self, s: usize) -> &[TlbEntry] {
        &self.sets[set_range(s)]
    }

    /// The entry `va` maps to in set `s`.
    #[inline(always)]
    pub fn entry(&self, s: usize, va: u64) -> &TlbEntry {
        &self.set(s)[index(va)]
    }

    /// Host address for a `size`-byte read at `va` in set `s`, on a hit.
    #[inline(always)]
    pub fn read(&self, s: usize, va: u64, size: u64) -> Option<usize> {
        let e = self.entry(s, va);
        (e.tag_r == tag_of(va, size) ^ self.epoch[s]).then(|| va.wrapping_add(e.addend) as usize)
    }

    /// Host address for a `size`-byte write at `va` in set `s`, on a hit.
    #[inline(always)]
    pub fn write(&self, s: usize, va: u64, size: u64) -> Option<usize> {
        let e = self.entry(s, va);
        (e.tag_w == tag_of(va, size) ^ self.epoch[s]).then(|| va.wrapping_add(e.addend) as usize)
    }

    /// Host address for a `size`-byte fetch at `va` in set `s`, on a hit.
    #[inline(always)]
    pub fn exec(&self, s: usize, va: u64, size: u64) -> Option<usize> {
        let e = self.entry(s, va);
        (e.tag_x == tag_of(va, size) ^ self.epoch[s]).then(|| va.wrapping_add(e.addend) as usize)
    }

    /// Records a translation of the page at `va` (host page `host_page`)
    /// from a mapping of `page_size` bytes, in set `s`.
    pub fn fill(&mut self, s: usize, va: u64, host_page: usize, g: Grant, page_size: u64) {
        self.fills += 1;
        self.fills_by_set[s] += 1;
        let page = (va & PAGE_MASK) ^ self.epoch[s];
        let e = &mut self.sets[set_range(s)][index(va)];
        let same = [e.tag_r, e.tag_w, e.tag_x].contains(&page);
        if !same {
            *e = EMPTY;
        }
        e.addend = (host_page as u64).wrapping_sub(va & PAGE_MASK);
        let set = |t: &mut u64, ok: bool| {
            if ok {
                *t = page
            }
        };
        set(&mut e.tag_r, g.read);
        set(&mut e.tag_w, g.write);
        if g.write {
            let (w, b) = wbit(host_page);
            self.wfilter[w] |= b;
        }
        set(&mut e.tag_x, g.exec);
        if page_size > PAGE_SIZE {
            self.note_large(s, va, page_size);
        }
    }

    fn note_large(&mut self, s: usize, va: u64, size: u64) {
        self.large[s].note(va & !(size - 1), size);
    }

    /// Forgets everything.
    pub fn flush_all(&mut self) {
        for s in 0..SETS {
            self.flush_set(s);
        }
        self.wfilter.fill(0);
    }

    /// Forgets the translated sets (U and S): satp writes, SFENCE.VMA.
    pub fn flush_translated(&mut self) {
        for s in TRANSLATED {
            self.flush_set(s);
        }
    }

    /// Forgets every data entry (and so every write tag): another hart
    /// turned more pages into code than it could name one by one.
    pub fn flush_data(&mut self) {
        for s in [SET_U, SET_S, SET_M, SET_S_SUM] {
            self.flush_set(s);
        }
        self.wfilter.fill(0);
    }

    fn flush_set(&mut self, s: usize) {
        self.epoch[s] += EPOCH_STEP;
        if self.epoch[s] == EPOCH_END {
            self.sets[set_range(s)].fill(EMPTY);
            self.epoch[s] = 0;
        }
        self.large[s] = Large::EMPTY;
        self.generation += 1;
        self.set_flushes += 1;
        self.flushed = None;
    }

    /// What was flushed since the last call: `Some(pages)` flushed by
    /// address only, or `None` for "anything may have changed".
    pub fn take_flushes(&mut self) -> Option<Vec<u64>> {
        std::mem::replace(&mut self.flushed, Some(Vec::new()))
    }

    /// SFENCE.VMA with an address: forgets every translated entry that may
    /// map `va` (a whole set if `va` falls in its superpage region).
    pub fn flush_va(&mut self, va: u64) {
        self.va_flushes += 1;
        for s in TRANSLATED {
            match self.large[s].take(va) {
                Covered::No => self.drop_page(s, va),
                Covered::By(base, size) if size <= MAX_PRECISE => {
                    for p in (base..base + size).step_by(PAGE_SIZE as usize) {
                        self.drop_page(s, p);
                    }
                }
                Covered::By(..) | Covered::Unknown => self.flush_set(s),
            }
        }
        self.generation += 1;
        if let Some(v) = self.flushed.as_mut() {
            if v.len() < FLUSH_LOG {
                v.push(va & PAGE_MASK);
            } else {
                self.flushed = None;
            }
        }
    }

    /// Drops set `s`'s entry for the page of `va`, if it holds that page.
    fn drop_page(&mut self, s: usize, va: u64) {
        let page = (va & PAGE_MASK) ^ self.epoch[s];
        let e = &mut self.sets[set_range(s)][index(va)];
        if [e.tag_r, e.tag_w, e.tag_x].contains(&page) {
            *e = EMPTY;
        }
    }

    /// Drops the write permission of any entry whose host page is
    /// `host_page` (a page that now holds translated code).
    pub fn unwrite_host_page(&mut self, host_page: usize) {
        let (w, b) = wbit(host_page);
        if self.wfilter[w] & b == 0 {
            return;
        }
        for (set, epoch) in self.sets.chunks_mut(TLB_ENTRIES).zip(self.epoch).take(SET_S_SUM + 1) {
            for e in set.iter_mut() {
                if e.tag_w != INVALID && (e.tag_w ^ epoch).wrapping_add(e.addend) == host_page as u64 {
                    e.tag_w = INVALID;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rw() -> Grant {
        Grant { read: true, write: true, exec: false }
    }

    /// A page that became code loses its write tags in every data set,
    /// reads keep hitting, and other pages (also those sharing its filter
    /// bit) keep their write tags.
    #[test]
    fn unwrite_drops_exactly_the_page() {
        let mut t = Tlb::default();
        let alias = 0x7000_0000 + (WFILTER_BITS << 12);
        t.fill(SET_S, 0x1000, 0x7000_0000, rw(), PAGE_SIZE);
        t.fill(SET_U, 0x2000, 0x7000_0000, rw(), PAGE_SIZE);
        t.fill(SET_S, 0x3000, 0x7000_1000, rw(), PAGE_SIZE);
        t.fill(SET_S, 0x4000, alias, rw(), PAGE_SIZE);
        t.unwrite_host_page(0x7000_0000);
        assert_eq!(t.write(SET_S, 0x1000, 8), None);
        assert_eq!(t.write(SET_U, 0x2000, 8), None);
        assert_eq!(t.read(SET_S, 0x1000, 8), Some(0x7000_0000));
        assert_eq!(t.write(SET_S, 0x3000, 8), Some(0x7000_1000));
        assert_eq!(t.write(SET_S, 0x4000, 8), Some(alias));
        // Never filled writable: nothing to scan, nothing dropped.
        t.unwrite_host_page(0x7000_5000);
        assert_eq!(t.write(SET_S, 0x3000, 8), Some(0x7000_1000));
    }

    #[test]
    fn hit_miss_alignment_and_permissions() {
        let mut t = Tlb::default();
        t.fill(SET_S, 0x1234_5000, 0x7000_0000, rw(), PAGE_SIZE);
        assert_eq!(t.read(SET_S, 0x1234_5008, 8), Some(0x7000_0008));
        assert_eq!(t.read(SET_S, 0x1234_5009, 8), None, "misaligned must miss");
        assert_eq!(t.read(SET_S, 0x1234_5009, 1), Some(0x7000_0009));
        assert_eq!(t.exec(SET_S, 0x1234_5000, 4), None);
        assert_eq!(t.read(SET_U, 0x1234_5000, 4), None, "sets are per mode");
        t.fill(SET_S, 0x1234_5000, 0x7000_0000, Grant { exec: true, ..Grant::default() }, PAGE_SIZE);
        assert_eq!(t.write(SET_S, 0x1234_5000, 4), Some(0x7000_0000), "same page keeps tags");
        let conflict = 0x1234_5000 + ((TLB_ENTRIES as u64) << 12);
        t.fill(SET_S, conflict, 0x7100_0000, Grant { exec: true, ..Grant::default() }, PAGE_SIZE);
        assert_eq!(t.write(SET_S, 0x1234_5000, 4), None, "conflicting page evicts");
    }

    #[test]
    fn flush_moves_to_a_new_epoch_and_old_entries_never_hit() {
        let mut t = Tlb::default();
        for round in 0..2000u64 {
            let va = 0x4000_0000 + (round % 7) * PAGE_SIZE;
            t.fill(SET_S, va, 0x7000_0000, rw(), PAGE_SIZE);
            assert!(t.read(SET_S, va, 8).is_some());
            t.flush_translated();
            assert_eq!(t.read(SET_S, va, 8), None, "round {round}: flushed entry still hits");
            assert_eq!(t.read(SET_S, va | 7, 8), None, "misaligned never hits");
        }
    }

    #[test]
    fn non_canonical_never_hits() {
        let mut t = Tlb::default();
        t.fill(SET_S, 0x4000, 0x7000_0000, rw(), PAGE_SIZE);
        assert_eq!(t.read(SET_S, 0x8000_0000_0000_4000, 8), None);
    }

    #[test]
    fn flush_va_handles_superpages() {
        let mut t = Tlb::default();
        t.fill(SET_S, 0x4020_1000, 0x7000_1000, rw(), 2 << 20);
        t.fill(SET_S, 0x9000_0000, 0x7200_0000, rw(), PAGE_SIZE);
        t.flush_va(0x4020_0000);
        assert_eq!(t.read(SET_S, 0x4020_1000, 8), None, "every piece of the superpage is dropped");
        assert!(t.read(SET_S, 0x9000_0000, 8).is_some(), "entries outside the superpage stay");
        t.fill(SET_S, 0x9000_0000, 0x7200_0000, rw(), PAGE_SIZE);
        t.fill(SET_S, 0x9000_1000, 0x7200_1000, rw(), PAGE_SIZE);
        t.flush_va(0x9000_0000);
        assert_eq!(t.read(SET_S, 0x9000_0000, 8), None);
        assert!(t.read(SET_S, 0x9000_1000, 8).is_some(), "4K flush is precise");
    }
}
