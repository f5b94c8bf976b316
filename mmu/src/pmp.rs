//! Physical memory protection (privileged spec 3.7 "Physical Memory
//! Protection"): 64 entries (pmpcfg0, 2, ..., 14 and pmpaddr0..63 on RV64),
//! OFF/TOR/NA4/NAPOT, lowest-numbered match wins, the L bit locks an entry
//! and applies it to M-mode.
//!
//! Granularity G = 0 (4 bytes), as Spike and QEMU. An entry matching only
//! part of an access denies it. When no entry matches: M-mode is allowed;
//! S/U are denied if any entry is active (not OFF) and allowed otherwise, as
//! QEMU's virt board does, so firmware-less teaching kernels run.
//!
//! Invariants: `ranges` always mirrors `cfg`/`addr` (recomputed on every
//! write); a write to a locked entry (or to the pmpaddr below a locked TOR
//! entry) changes nothing.

use crate::{Access, Priv, PAGE_SIZE};

/// Number of PMP entries.
pub const ENTRIES: usize = 64;

const R: u8 = 1;
const W: u8 = 2;
const X: u8 = 4;
const A_MASK: u8 = 0x18;
const A_TOR: u8 = 0x08;
const A_NA4: u8 = 0x10;
const A_NAPOT: u8 = 0x18;
const L: u8 = 0x80;

/// Permissions a PMP decision grants (bit 0 R, 1 W, 2 X).
pub type Perms = u8;
/// All permissions.
pub const RWX: Perms = R | W | X;

/// The PMP state of one hart.
#[derive(Clone, Debug)]
pub struct Pmp {
    cfg: [u8; ENTRIES],
    addr: [u64; ENTRIES],
    /// `[lo, hi)` physical range per entry; empty when OFF.
    ranges: [(u64, u64); ENTRIES],
    active: usize,
}

impl Default for Pmp {
    fn default() -> Self {
        Pmp { cfg: [0; ENTRIES], addr: [0; ENTRIES], ranges: [(0, 0); ENTRIES], active: 0 }
    }
}

impl Pmp {
    /// Reads pmpcfg register `n` (0, 2, ..., 14): 8 configuration bytes.
    pub fn read_cfg(&self, n: usize) -> u64 {
        let base = n / 2 * 8;
        (0..8).fold(0, |v, i| v | u64::from(self.cfg[base + i]) << (8 * i))
    }

    /// Writes pmpcfg register `n`; locked bytes keep their value, reserved
    /// bits read as zero, and R=0/W=1 is legalized to R=0/W=0.
    pub fn write_cfg(&mut self, n: usize, v: u64) {
        let base = n / 2 * 8;
        for i in 0..8 {
            if self.cfg[base + i] & L == 0 {
                let mut b = (v >> (8 * i)) as u8 & (L | A_MASK | RWX);
                if b & (R | W) == W {
                    b &= !W;
                }
                self.cfg[base + i] = b;
            }
        }
        self.recompute();
    }

    /// Reads pmpaddr `i` (bits 55:2 of the address; G = 0 so no bits are
    /// forced).
    pub fn read_addr(&self, i: usize) -> u64 {
        self.addr[i]
    }

    /// Writes pmpaddr `i` unless it is locked.
    pub fn write_addr(&mut self, i: usize, v: u64) {
        let locked = self.cfg[i] & L != 0;
        let next_tor_locked = i + 1 < ENTRIES && self.cfg[i + 1] & (L | A_MASK) == L | A_TOR;
        if !locked && !next_tor_locked {
            self.addr[i] = v & ((1 << 54) - 1);
            self.recompute();
        }
    }

    fn recompute(&mut self) {
        for i in 0..ENTRIES {
            self.ranges[i] = self.range(i);
        }
        self.active = (0..ENTRIES).rev().find(|&i| self.cfg[i] & A_MASK != 0).map_or(0, |i| i + 1);
    }

    fn range(&self, i: usize) -> (u64, u64) {
        let a = self.addr[i];
        match self.cfg[i] & A_MASK {
            A_TOR => {
                let lo = if i == 0 { 0 } else { self.addr[i - 1] << 2 };
                (lo, a << 2)
            }
            A_NA4 => (a << 2, (a << 2) + 4),
            A_NAPOT => {
                let ones = a.trailing_ones();
                let size_log = ones + 3;
                if size_log >= 56 + 2 {
                    return (0, u64::MAX);
                }
                let lo = (a & !((1u64 << ones) - 1)) << 2;
                (lo, lo.saturating_add(1u64 << size_log))
            }
            _ => (0, 0),
        }
    }

    /// Whether any entry is active (not OFF).
    pub fn any_active(&self) -> bool {
        self.active > 0
    }

    /// Whether any entry is locked (and so also constrains M-mode).
    pub fn any_locked(&self) -> bool {
        self.cfg[..self.active].iter().any(|c| c & L != 0)
    }

    /// The permissions for `[pa, pa + len)` in mode `p`, or 0 if a matching
    /// entry covers only part of the range.
    fn perms(&self, pa: u64, len: u64, p: Priv) -> Perms {
        let end = pa.saturating_add(len);
        for i in 0..self.active {
            let (lo, hi) = self.ranges[i];
            if lo >= hi || end <= lo || pa >= hi {
                continue;
            }
            if pa < lo || end > hi {
                return 0;
            }
            let c = self.cfg[i];
            return if p == Priv::M && c & L == 0 { RWX } else { c & RWX };
        }
        if p == Priv::M || !self.any_active() { RWX } else { 0 }
    }

    /// Checks one access of `len` bytes at physical `pa` in mode `p`.
    pub fn check(&self, pa: u64, len: u64, p: Priv, access: Access) -> bool {
        if self.active == 0 {
            return true;
        }
        let need = match access {
            Access::Read => R,
            Access::Write => W,
            Access::Exec => X,
        };
        self.perms(pa, len, p) & need != 0
    }

    /// The permissions that hold uniformly for the whole 4 KiB page at
    /// `page` in mode `p`: the TLB may cache a page only with these.
    pub fn page_perms(&self, page: u64, p: Priv) -> Perms {
        if self.active == 0 {
            return RWX;
        }
        self.perms(page, PAGE_SIZE, p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn napot(base: u64, size: u64) -> u64 {
        (base >> 2) | ((size >> 3) - 1)
    }

    #[test]
    fn no_entries_allows_everything() {
        let p = Pmp::default();
        assert!(p.check(0x8000_0000, 8, Priv::U, Access::Write));
    }

    #[test]
    fn napot_and_tor_lowest_wins() {
        let mut p = Pmp::default();
        p.write_addr(0, napot(0x8000_0000, 0x1000));
        p.write_addr(1, 0x9000_0000 >> 2);
        p.write_cfg(0, u64::from(A_NAPOT | R) | u64::from(A_TOR | R | W | X) << 8);
        assert!(p.check(0x8000_0010, 4, Priv::S, Access::Read));
        assert!(!p.check(0x8000_0010, 4, Priv::S, Access::Write));
        assert!(p.check(0x8000_1000, 4, Priv::S, Access::Write));
        assert!(!p.check(0x9000_0000, 4, Priv::S, Access::Read));
        // straddling the NAPOT end: partial match denies
        assert!(!p.check(0x8000_0ffc, 8, Priv::S, Access::Read));
        // M-mode ignores unlocked entries
        assert!(p.check(0x8000_0010, 4, Priv::M, Access::Write));
        assert_eq!(p.page_perms(0x8000_0000, Priv::S), R);
    }

    #[test]
    fn lock_applies_to_m_and_freezes() {
        let mut p = Pmp::default();
        p.write_addr(0, napot(0x8000_0000, 0x1000));
        p.write_cfg(0, u64::from(L | A_NAPOT | R));
        assert!(!p.check(0x8000_0000, 4, Priv::M, Access::Write));
        p.write_cfg(0, 0);
        p.write_addr(0, 0);
        assert_eq!(p.read_cfg(0) & 0xff, u64::from(L | A_NAPOT | R));
        assert_eq!(p.read_addr(0), napot(0x8000_0000, 0x1000));
    }

    #[test]
    fn reserved_rw_combination_is_legalized() {
        let mut p = Pmp::default();
        p.write_cfg(0, u64::from(A_NA4 | W));
        assert_eq!(p.read_cfg(0) & 0xff, u64::from(A_NA4));
    }
}
