//! Fuzz test of the page walker (issue #3): a small RAM full of random
//! page-table words (biased towards valid pointers and leaves so walks go
//! deep), random satp values, random PMP set-ups, and random addresses,
//! access kinds, privileges and SUM/MXR/ADUE bits. `mmu::walk::translate`
//! must never panic; every result must equal that of a reference walker
//! written from the privileged spec's 12.3.2 "Virtual Address Translation
//! Process"; every Ok translation must be consistent with its leaf PTE's
//! permissions; and an A/D update must be the only change to memory.

use std::sync::Arc;

use mimic_mmu as mmu;
use mmu::walk::{self, Translation, WalkCtx};
use mmu::{Access, BusBuilder, Fault, FaultKind, Pmp, Priv, Ram, RAM_BASE};
use proptest::prelude::*;

const PAGES: u64 = 16;
const PAGE: u64 = 4096;
const V: u64 = 1;
const R: u64 = 2;
const W: u64 = 4;
const X: u64 = 8;
const U: u64 = 16;
const A: u64 = 64;
const D: u64 = 128;
const PPN_MASK: u64 = 0x003f_ffff_ffff_fc00;

/// splitmix64: the case's contents come from one proptest-chosen seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// A table's physical page number: usually one of the RAM pages.
fn table_ppn(r: &mut Rng) -> u64 {
    if r.chance(92) {
        (RAM_BASE >> 12) + r.below(PAGES)
    } else {
        r.next() & ((1 << 44) - 1)
    }
}

/// A leaf's physical page number: a RAM page, or one aligned for a
/// megapage or larger (so superpage leaves are often well-formed), or any.
fn leaf_ppn(r: &mut Rng) -> u64 {
    match r.below(8) {
        0..=2 => (RAM_BASE >> 12) + r.below(PAGES),
        3..=4 => (r.next() & ((1 << 44) - 1)) >> 27 << 27,
        5..=6 => (r.next() & ((1 << 44) - 1)) >> 9 << 9,
        _ => r.next() & ((1 << 44) - 1),
    }
}

fn bit(r: &mut Rng, percent: u64, b: u64) -> u64 {
    if r.chance(percent) {
        b
    } else {
        0
    }
}

fn pte_word(r: &mut Rng) -> u64 {
    let reserved = if r.chance(4) { r.next() & 0xffc0_0000_0000_0000 } else { 0 };
    match r.below(20) {
        0..=8 => {
            let stray = if r.chance(5) { [A, D, U][r.below(3) as usize] } else { 0 };
            table_ppn(r) << 10 | V | stray | reserved
        }
        9..=16 => {
            let rwx = match r.below(10) {
                0..=5 => R | bit(r, 50, W) | bit(r, 50, X),
                6..=7 => X,
                8 => W | bit(r, 50, X), // reserved
                _ => 0,                 // a pointer at its place
            };
            let flags = rwx | bit(r, 40, U) | bit(r, 80, A) | bit(r, 60, D) | (r.next() & 0x320);
            leaf_ppn(r) << 10 | flags | V | reserved
        }
        17..=18 => r.next(),
        _ => r.next() & !V,
    }
}

fn satp(r: &mut Rng) -> u64 {
    let mode = [0, 8, 8, 8, 9, 9, 9, 10, 10, 10][r.below(10) as usize];
    let root = if r.chance(90) { (RAM_BASE >> 12) + r.below(PAGES) } else { r.next() & ((1 << 44) - 1) };
    mode << 60 | (r.next() & 0xffff) << 44 | root
}

fn va(r: &mut Rng, ctx: &WalkCtx) -> u64 {
    let v = r.next();
    let bits = match ctx.satp >> 60 {
        8 => 39,
        9 => 48,
        10 => 57,
        _ => 64,
    };
    if bits < 64 && r.chance(85) {
        ((v << (64 - bits)) as i64 >> (64 - bits)) as u64
    } else {
        v
    }
}

/// Sometimes one or two PMP entries over parts of RAM (TOR or NAPOT, any
/// permissions), so the walker's own PMP checks are exercised.
fn pmp(r: &mut Rng) -> Pmp {
    let mut p = Pmp::default();
    if r.chance(75) {
        return p;
    }
    let mut cfg = 0u64;
    for i in 0..1 + r.below(2) as usize {
        let page = RAM_BASE + r.below(PAGES) * PAGE;
        let (addr, a) = if r.chance(50) {
            let size = PAGE << r.below(3);
            ((page & !(size - 1)) >> 2 | (size / 8 - 1), 0x18)
        } else {
            ((page + PAGE * r.below(4)) >> 2, 0x08)
        };
        if a == 0x08 && i == 0 {
            p.write_addr(0, page >> 2);
            continue;
        }
        p.write_addr(i, addr);
        cfg |= (a | r.below(8)) << (8 * i);
    }
    if r.chance(70) {
        p.write_addr(7, u64::MAX);
        cfg |= 0x1f << 56; // a background RWX entry
    }
    p.write_cfg(0, cfg);
    p
}

/// The outcome a correct walk must have, computed without writing memory:
/// the translation and, if the walk must set A/D, the PTE address.
fn reference(ram: &Ram, pmp: &Pmp, ctx: &WalkCtx, va: u64, a: Access) -> Result<(Translation, Option<u64>), Fault> {
    let levels = match ctx.satp >> 60 {
        8 => 3,
        9 => 4,
        10 => 5,
        _ => 0,
    };
    if ctx.priv_ == Priv::M || levels == 0 {
        return Ok((Translation { pa: va, page_size: PAGE, pte: 0 }, None));
    }
    let bits = 12 + 9 * levels;
    let pf = Fault { kind: FaultKind::Page, access: a, addr: va };
    let af = Fault { kind: FaultKind::Access, access: a, addr: va };
    if ((va as i64) << (64 - bits) >> (64 - bits)) as u64 != va {
        return Err(pf);
    }
    let mut table = (ctx.satp & ((1 << 44) - 1)) << 12;
    let mut i = levels - 1;
    loop {
        let addr = table + ((va >> (12 + 9 * i)) & 511) * 8;
        if !pmp.check(addr, 8, Priv::S, Access::Read) {
            return Err(af);
        }
        let pte = ram.read::<u64>(addr).ok_or(af)?;
        if pte & V == 0 || (pte & R == 0 && pte & W != 0) || pte >> 54 != 0 {
            return Err(pf);
        }
        if pte & (R | X) == 0 {
            if pte & (A | D | U) != 0 || i == 0 {
                return Err(pf);
            }
            i -= 1;
            table = (pte & PPN_MASK) << 2;
            continue;
        }
        if !permitted(pte, ctx, a) {
            return Err(pf);
        }
        let ppn = (pte & PPN_MASK) >> 10;
        if ppn & ((1 << (9 * i)) - 1) != 0 {
            return Err(pf);
        }
        let need = if a == Access::Write { A | D } else { A };
        let mut update = None;
        let mut new = pte;
        if pte & need != need {
            if !ctx.adue {
                return Err(pf);
            }
            if !pmp.check(addr, 8, Priv::S, Access::Write) {
                return Err(af);
            }
            new |= need;
            update = Some(addr);
        }
        let size = PAGE << (9 * i);
        let pa = (ppn << 12) | (va & (size - 1));
        return Ok((Translation { pa, page_size: size, pte: new }, update));
    }
}

/// 12.3.2 step 5 with SUM and MXR (10.1.1.2).
fn permitted(pte: u64, ctx: &WalkCtx, a: Access) -> bool {
    let user = pte & U != 0;
    let mode_ok = match ctx.priv_ {
        Priv::U => user,
        Priv::S => !user || (ctx.sum && a != Access::Exec),
        Priv::M => true,
    };
    mode_ok
        && match a {
            Access::Read => pte & R != 0 || (ctx.mxr && pte & X != 0),
            Access::Write => pte & W != 0,
            Access::Exec => pte & X != 0,
        }
}

/// Invariants of any Ok translation, checked against its leaf PTE alone.
fn check_consistent(t: &Translation, ctx: &WalkCtx, va: u64, a: Access) {
    let mode = ctx.satp >> 60;
    if ctx.priv_ == Priv::M || walk::levels(mode).is_none() {
        assert_eq!((t.pa, t.pte), (va, 0), "bare translation");
        return;
    }
    let pte = t.pte;
    assert!(pte & V != 0 && pte & (R | X) != 0, "leaf {pte:#x} must be valid with R or X");
    assert!(!(pte & R == 0 && pte & W != 0), "leaf {pte:#x} has W without R");
    assert_eq!(pte >> 54, 0, "leaf {pte:#x} has reserved bits");
    assert!(permitted(pte, ctx, a), "leaf {pte:#x} does not permit {a:?} in {ctx:?}");
    assert!(pte & A != 0, "A must be set after an access");
    if a == Access::Write {
        assert!(pte & D != 0, "D must be set after a store");
    }
    assert!(t.allows(ctx, a), "Translation::allows must agree with the walk");
    let max = 1u64 << (12 + 9 * (walk::levels(mode).unwrap() - 1));
    assert!(t.page_size.is_power_of_two() && (PAGE..=max).contains(&t.page_size));
    assert_eq!(t.page_size.trailing_zeros() % 9, 12 % 9, "page size {:#x}", t.page_size);
    let ppn = (pte & PPN_MASK) >> 10;
    assert_eq!(t.pa & !(t.page_size - 1), ppn << 12, "superpage PPN must be aligned");
    assert_eq!(t.pa & (t.page_size - 1), va & (t.page_size - 1), "offset within the page");
}

fn snapshot(ram: &Ram) -> Vec<u64> {
    (0..PAGES * PAGE / 8).map(|i| ram.read::<u64>(RAM_BASE + i * 8).unwrap()).collect()
}

fn run_case(seed: u64) {
    let mut r = Rng(seed);
    let ram = Arc::new(Ram::new(RAM_BASE, PAGES * PAGE).unwrap());
    let mut shadow: Vec<u64> = (0..PAGES * PAGE / 8).map(|_| pte_word(&mut r)).collect();
    for (i, w) in shadow.iter().enumerate() {
        ram.write::<u64>(RAM_BASE + i as u64 * 8, *w);
    }
    let bus = BusBuilder::new(ram.clone()).build();
    let pmp = pmp(&mut r);
    for _ in 0..4 {
        let satp = satp(&mut r);
        for _ in 0..32 {
            let ctx = WalkCtx {
                satp,
                priv_: [Priv::U, Priv::U, Priv::U, Priv::S, Priv::S, Priv::S, Priv::S, Priv::S, Priv::S, Priv::M]
                    [r.below(10) as usize],
                sum: r.chance(50),
                mxr: r.chance(50),
                adue: r.chance(80),
            };
            let va = va(&mut r, &ctx);
            let a = [Access::Read, Access::Write, Access::Exec][r.below(3) as usize];
            let expect = reference(&ram, &pmp, &ctx, va, a);
            let mut steps = 0;
            let got = walk::translate(&bus, &pmp, &ctx, va, a, &mut |_| steps += 1);
            let what = format!("seed {seed:#x} satp {satp:#x} va {va:#x} {a:?} {ctx:?}");
            match (&expect, &got) {
                (Ok((t, update)), Ok(g)) => {
                    assert_eq!(t, g, "{what}");
                    check_consistent(g, &ctx, va, a);
                    if let Some(addr) = update {
                        assert_eq!(ram.read::<u64>(*addr), Some(g.pte), "{what}: the A/D update");
                        shadow[((addr - RAM_BASE) / 8) as usize] = g.pte;
                    }
                }
                (Err(e), Err(g)) => assert_eq!(e, g, "{what}"),
                _ => panic!("{what}: expected {expect:?}, got {got:?}"),
            }
            assert!(steps <= 6, "{what}: {steps} walk events");
        }
        // The A/D updates checked above are the only writes.
        assert!(snapshot(&ram) == shadow, "seed {seed:#x} satp {satp:#x}: a walk wrote memory it should not have");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_page_tables(seed in any::<u64>()) {
        run_case(seed);
    }
}
