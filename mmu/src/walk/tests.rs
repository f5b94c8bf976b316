//! Page-walk unit tests: each level of each mode, reserved encodings,
//! U/SUM/MXR rules, A/D with and without ADUE, access faults.

use super::*;
use crate::bus::BusBuilder;
use crate::ram::Ram;
use crate::{FaultKind, RAM_BASE};

const ROOT: u64 = RAM_BASE + 0x10_0000;

fn bus() -> Bus {
    BusBuilder::new(std::sync::Arc::new(Ram::new(RAM_BASE, 64 << 20).unwrap())).build()
}

fn pte(pa: u64, flags: u64) -> u64 {
    (pa >> 12) << 10 | flags
}

const LEAF_RWX: u64 = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;

fn ctx(mode: u64, p: Priv) -> WalkCtx {
    WalkCtx { satp: mode << 60 | ROOT >> 12, priv_: p, sum: false, mxr: false, adue: true }
}

fn go(b: &Bus, c: &WalkCtx, va: u64, a: Access) -> Result<Translation, Fault> {
    translate(b, &Pmp::default(), c, va, a, &mut |_| {})
}

/// Builds a chain of tables from ROOT down to `leaf_level` for `va`, with
/// tables at ROOT + 0x1000 * k, and installs `leaf` there.
fn map(b: &Bus, levels: u32, va: u64, leaf_level: u32, leaf: u64) {
    let mut table = ROOT;
    for level in (leaf_level + 1..levels).rev() {
        let next = ROOT + 0x1000 * u64::from(levels - level);
        let vpn = (va >> (12 + 9 * level)) & 0x1ff;
        assert!(b.ram().write::<u64>(table + vpn * 8, pte(next, PTE_V)));
        table = next;
    }
    let vpn = (va >> (12 + 9 * leaf_level)) & 0x1ff;
    assert!(b.ram().write::<u64>(table + vpn * 8, leaf));
}

#[test]
fn every_level_of_every_mode() {
    for (mode, levels) in [(SATP_SV39, 3), (SATP_SV48, 4), (SATP_SV57, 5)] {
        for leaf_level in 0..levels {
            let b = bus();
            let size = PAGE_SIZE << (9 * leaf_level);
            let va = 0x0000_0040_0000_0000u64 & ((1 << (12 + 9 * levels - 1)) - 1) | 0x123;
            let va = va | size; // some offset inside a page of this size
            let target = 0u64; // superpages must be aligned: map to PA 0 + offset
            map(&b, levels, va, leaf_level, pte(target, LEAF_RWX));
            let t = go(&b, &ctx(mode, Priv::S), va, Access::Read).unwrap();
            assert_eq!(t.page_size, size, "mode {mode} level {leaf_level}");
            assert_eq!(t.pa, va & (size - 1), "mode {mode} level {leaf_level}");
        }
    }
}

#[test]
fn misaligned_superpage_faults() {
    let b = bus();
    map(&b, 3, 0x4000_0000, 1, pte(RAM_BASE + 0x1000, LEAF_RWX));
    let e = go(&b, &ctx(SATP_SV39, Priv::S), 0x4000_0000, Access::Read).unwrap_err();
    assert_eq!(e, Fault::page(Access::Read, 0x4000_0000));
}

#[test]
fn non_canonical_faults() {
    let b = bus();
    let e = go(&b, &ctx(SATP_SV39, Priv::S), 0x0000_0080_0000_0000, Access::Exec).unwrap_err();
    assert_eq!(e.kind, FaultKind::Page);
    assert_eq!(e.access, Access::Exec);
}

#[test]
fn reserved_encodings_fault() {
    for bad in [PTE_V | PTE_W | PTE_A | PTE_D, LEAF_RWX | 1 << 63, LEAF_RWX | 1 << 61, LEAF_RWX | 1 << 54, PTE_R | PTE_A] {
        let b = bus();
        map(&b, 3, 0x1000, 0, pte(RAM_BASE, bad));
        let e = go(&b, &ctx(SATP_SV39, Priv::S), 0x1000, Access::Read).unwrap_err();
        assert_eq!(e.kind, FaultKind::Page, "pte flags {bad:#x}");
    }
}

#[test]
fn user_bit_sum_and_mxr() {
    let b = bus();
    map(&b, 3, 0x1000, 0, pte(RAM_BASE, PTE_V | PTE_X | PTE_U | PTE_A));
    let mut c = ctx(SATP_SV39, Priv::S);
    assert!(go(&b, &c, 0x1000, Access::Read).is_err(), "S may not touch U pages without SUM");
    c.sum = true;
    assert!(go(&b, &c, 0x1000, Access::Read).is_err(), "execute-only needs MXR");
    c.mxr = true;
    assert!(go(&b, &c, 0x1000, Access::Read).is_ok());
    assert!(go(&b, &c, 0x1000, Access::Exec).is_err(), "S never executes U pages");
    let u = ctx(SATP_SV39, Priv::U);
    assert!(go(&b, &u, 0x1000, Access::Exec).is_ok());
}

#[test]
fn accessed_dirty_update_and_adue_off() {
    let b = bus();
    map(&b, 3, 0x1000, 0, pte(RAM_BASE, PTE_V | PTE_R | PTE_W));
    let mut c = ctx(SATP_SV39, Priv::S);
    c.adue = false;
    assert_eq!(go(&b, &c, 0x1000, Access::Read).unwrap_err().kind, FaultKind::Page);
    c.adue = true;
    let t = go(&b, &c, 0x1000, Access::Read).unwrap();
    assert_eq!(t.pte & (PTE_A | PTE_D), PTE_A);
    let t = go(&b, &c, 0x1000, Access::Write).unwrap();
    assert_eq!(t.pte & (PTE_A | PTE_D), PTE_A | PTE_D);
    let table_entry = b.ram().read::<u64>(ROOT + 0x2000 + 8).unwrap();
    assert_eq!(table_entry, t.pte, "the update reached memory");
}

#[test]
fn pte_outside_ram_is_access_fault() {
    let b = bus();
    let c = WalkCtx { satp: SATP_SV39 << 60 | 0x1000, ..ctx(SATP_SV39, Priv::S) };
    let e = go(&b, &c, 0x1000, Access::Write).unwrap_err();
    assert_eq!(e, Fault::access(Access::Write, 0x1000));
}

#[test]
fn machine_mode_and_bare_are_identity() {
    let b = bus();
    let t = go(&b, &ctx(SATP_SV39, Priv::M), 0x1234, Access::Read).unwrap();
    assert_eq!(t.pa, 0x1234);
    let t = go(&b, &ctx(SATP_BARE, Priv::U), 0x5678, Access::Read).unwrap();
    assert_eq!(t.pa, 0x5678);
}

#[test]
fn non_leaf_with_a_d_or_u_faults() {
    for bad in [PTE_A, PTE_D, PTE_U] {
        let b = bus();
        map(&b, 3, 0x1000, 0, pte(RAM_BASE, LEAF_RWX));
        let root_entry = b.ram().read::<u64>(ROOT).unwrap();
        assert!(b.ram().write::<u64>(ROOT, root_entry | bad));
        let e = go(&b, &ctx(SATP_SV39, Priv::S), 0x1000, Access::Read).unwrap_err();
        assert_eq!(e, Fault::page(Access::Read, 0x1000), "non-leaf flags {bad:#x}");
    }
}
