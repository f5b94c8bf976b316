//! Reading the guest's page tables for display: the walk of one address
//! (`walk`, and `x` translating a virtual address) and the list of mapped
//! ranges (`info mem`), for Sv39, Sv48 and Sv57 (privileged spec 12.3.1
//! PTE format, 12.3.2 "Virtual Address Translation Process").
//!
//! Invariants: nothing here writes guest memory or hart state (no A/D
//! updates, no TLB fills) and page-table entries are read from RAM only,
//! never from a device. Permissions and A/D are shown, not enforced: the
//! monitor sees what a debugger would, not what an access would.

pub use mimic_mmu::walk::PTE_V;
use mimic_mmu::walk::{levels, PPN_MASK, PTE_A, PTE_D, PTE_R, PTE_RESERVED, PTE_U, PTE_W, PTE_X};
use mimic_mmu::Ram;

/// One PTE read by a walk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub level: u32,
    pub addr: u64,
    pub pte: u64,
}

/// Where a walk ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum End {
    /// satp.MODE is Bare: virtual = physical.
    Bare,
    /// A leaf: `pa` for the address, in a mapping of `size` bytes.
    Mapped { pa: u64, size: u64, pte: u64 },
    /// The walk faults (the reason, for the user).
    Fault(String),
}

/// A walk: the PTEs read and the result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Walk {
    pub steps: Vec<Step>,
    pub end: End,
}

/// The PTE's flag letters as QEMU's `info mem` prints them: `rwxugad`.
pub fn attr(pte: u64) -> String {
    "rwxugad".chars().enumerate().map(|(i, c)| if pte >> (i + 1) & 1 != 0 { c } else { '-' }).collect()
}

/// The root table's physical address.
fn root(satp: u64) -> u64 {
    (satp & ((1 << 44) - 1)) << 12
}

/// Walks `va` under `satp` without side effects.
pub fn walk(ram: &Ram, satp: u64, va: u64) -> Walk {
    let mut steps = Vec::new();
    let Some(lv) = levels(satp >> 60) else {
        let end = if satp >> 60 == 0 { End::Bare } else { End::Fault(format!("unsupported satp mode {}", satp >> 60)) };
        return Walk { steps, end };
    };
    let va_bits = 12 + 9 * lv;
    if sign_extend(va, va_bits) != va {
        return Walk { steps, end: End::Fault(format!("{va:#x} is not canonical for Sv{}", va_bits)) };
    }
    let mut table = root(satp);
    for level in (0..lv).rev() {
        let addr = table + ((va >> (12 + 9 * level)) & 0x1ff) * 8;
        let Some(pte) = ram.read::<u64>(addr) else {
            return Walk { steps, end: End::Fault(format!("level {level}: PTE address {addr:#x} is not in RAM")) };
        };
        steps.push(Step { level, addr, pte });
        if let Some(why) = malformed(pte) {
            return Walk { steps, end: End::Fault(format!("level {level}: {why}")) };
        }
        if pte & (PTE_R | PTE_X) == 0 {
            table = (pte & PPN_MASK) >> 10 << 12;
            continue;
        }
        let size = 1u64 << (12 + 9 * level);
        let ppn = (pte & PPN_MASK) >> 10;
        if ppn & ((1u64 << (9 * level)) - 1) != 0 {
            return Walk { steps, end: End::Fault(format!("level {level}: misaligned superpage")) };
        }
        let pa = (ppn << 12) | (va & (size - 1));
        return Walk { steps, end: End::Mapped { pa, size, pte } };
    }
    Walk { steps, end: End::Fault("no leaf PTE at level 0".into()) }
}

/// Why a PTE ends a walk with a page fault, if it does.
fn malformed(pte: u64) -> Option<&'static str> {
    if pte & PTE_V == 0 {
        return Some("PTE not valid");
    }
    if pte & (PTE_R | PTE_W) == PTE_W {
        return Some("reserved W without R");
    }
    if pte & PTE_RESERVED != 0 {
        return Some("reserved bits 63:54 set");
    }
    if pte & (PTE_R | PTE_X) == 0 && pte & (PTE_A | PTE_D | PTE_U) != 0 {
        return Some("A, D or U set in a non-leaf PTE");
    }
    None
}

fn sign_extend(v: u64, bits: u32) -> u64 {
    ((v as i64) << (64 - bits) >> (64 - bits)) as u64
}

/// A run of virtual pages mapped contiguously with the same flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub va: u64,
    pub pa: u64,
    pub size: u64,
    /// PTE bits 7:1 (R W X U G A D).
    pub flags: u64,
}

/// The mapped ranges of the table under `satp`, merged, in address
/// order; `complete` is false when `limit` ranges were reached first.
pub struct Map {
    pub ranges: Vec<Range>,
    pub complete: bool,
}

/// Lists every leaf mapping reachable from `satp` (None if not paged).
pub fn map(ram: &Ram, satp: u64, limit: usize) -> Option<Map> {
    let lv = levels(satp >> 60)?;
    let mut m = Map { ranges: Vec::new(), complete: true };
    let mut cx = Collect { ram, va_bits: 12 + 9 * lv, limit, reads: MAX_READS, map: &mut m };
    cx.table(root(satp), lv - 1, 0);
    Some(m)
}

/// Most PTEs one `info mem` reads (a guest whose tables point back at
/// themselves must not keep the monitor busy for hours).
const MAX_READS: usize = 1 << 22;

struct Collect<'a> {
    ram: &'a Ram,
    va_bits: u32,
    limit: usize,
    /// PTE reads left.
    reads: usize,
    map: &'a mut Map,
}

impl Collect<'_> {
    fn table(&mut self, base: u64, level: u32, va_prefix: u64) {
        for i in 0..512u64 {
            if !self.map.complete || self.reads == 0 {
                self.map.complete = false;
                return;
            }
            self.reads -= 1;
            let Some(pte) = self.ram.read::<u64>(base + i * 8) else { return };
            let va = sign_extend(va_prefix | i << (12 + 9 * level), self.va_bits);
            if malformed(pte).is_some() {
                continue;
            }
            let next = (pte & PPN_MASK) >> 10 << 12;
            if pte & (PTE_R | PTE_X) == 0 {
                if level > 0 {
                    self.table(next, level - 1, va);
                }
                continue;
            }
            let size = 1u64 << (12 + 9 * level);
            if next & (size - 1) == 0 {
                self.add(Range { va, pa: next, size, flags: pte & 0xfe });
            }
        }
    }

    fn add(&mut self, r: Range) {
        if let Some(last) = self.map.ranges.last_mut() {
            let joins = last.va.wrapping_add(last.size) == r.va && last.pa.wrapping_add(last.size) == r.pa;
            if joins && last.flags == r.flags {
                last.size += r.size;
                return;
            }
        }
        if self.map.ranges.len() == self.limit {
            self.map.complete = false;
            return;
        }
        self.map.ranges.push(r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: u64 = 0x8000_0000;

    fn pte(pa: u64, flags: u64) -> u64 {
        pa >> 12 << 10 | flags
    }

    /// root at BASE, l1 at +0x1000, l0 at +0x2000: a gigapage identity
    /// map of RAM, and two 4 KiB pages at 0x400000.
    fn tables() -> (Ram, u64) {
        let ram = Ram::new(BASE, 1 << 20).unwrap();
        let rwx = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;
        ram.write::<u64>(BASE, pte(BASE + 0x1000, PTE_V));
        ram.write::<u64>(BASE + 16, pte(BASE, rwx));
        ram.write::<u64>(BASE + 0x1000 + 16, pte(BASE + 0x2000, PTE_V));
        ram.write::<u64>(BASE + 0x2000, pte(BASE + 0x5000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D));
        ram.write::<u64>(BASE + 0x2008, pte(BASE + 0x6000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D));
        ram.write::<u64>(BASE + 0x2010, PTE_W | PTE_V);
        (ram, 8 << 60 | BASE >> 12)
    }

    #[test]
    fn walks_to_a_4k_leaf_and_reports_faults() {
        let (ram, satp) = tables();
        let w = walk(&ram, satp, 0x40_0123);
        assert_eq!(w.steps.iter().map(|s| s.addr).collect::<Vec<_>>(), [BASE, BASE + 0x1010, BASE + 0x2000]);
        assert_eq!(w.end, End::Mapped { pa: BASE + 0x5123, size: 4096, pte: ram.read::<u64>(BASE + 0x2000).unwrap() });
        assert!(matches!(walk(&ram, satp, 0x40_2000).end, End::Fault(f) if f.contains("W without R")));
        assert!(matches!(walk(&ram, satp, 0x40_3000).end, End::Fault(f) if f.contains("not valid")));
        assert!(matches!(walk(&ram, satp, 1 << 40).end, End::Fault(f) if f.contains("canonical")));
        assert_eq!(walk(&ram, 0, 5).end, End::Bare);
        // A table pointer outside RAM is reported, not followed.
        ram.write::<u64>(BASE + 8, pte(0x1000_0000, PTE_V));
        assert!(matches!(walk(&ram, satp, 1 << 30).end, End::Fault(f) if f.contains("not in RAM")));
    }

    #[test]
    fn map_merges_contiguous_ranges() {
        let (ram, satp) = tables();
        let m = map(&ram, satp, 100).unwrap();
        let v: Vec<_> = m.ranges.iter().map(|r| (r.va, r.pa, r.size, attr(r.flags))).collect();
        assert_eq!(
            v,
            [(0x40_0000, BASE + 0x5000, 0x2000, "rw---ad".to_string()), (0x8000_0000, BASE, 1 << 30, "rwx--ad".to_string())]
        );
        assert!(m.complete);
        assert!(!map(&ram, satp, 1).unwrap().complete);
    }
}
