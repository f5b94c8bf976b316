//! Page-table walks for Sv39, Sv48 and Sv57 (privileged spec 12.3.2
//! "Virtual Address Translation Process", generalized in 12.4-12.6), with
//! Svadu hardware A/D updating (menvcfg.ADUE) and PMP checks on every PTE
//! access (implicit accesses are checked as S-mode, spec 3.7.1).
//!
//! Invariants: a walk never panics and never writes memory except the
//! atomic A/D update of the leaf PTE it is translating through; a PTE that
//! is not in RAM is an access fault, any malformed PTE a page fault.

use crate::bus::Bus;
use crate::pmp::Pmp;
use crate::{Access, Fault, Priv, PAGE_SIZE};

/// PTE bits (privileged spec 12.3.1, "Addressing and Memory Protection").
pub const PTE_V: u64 = 1 << 0;
pub const PTE_R: u64 = 1 << 1;
pub const PTE_W: u64 = 1 << 2;
pub const PTE_X: u64 = 1 << 3;
pub const PTE_U: u64 = 1 << 4;
pub const PTE_A: u64 = 1 << 6;
pub const PTE_D: u64 = 1 << 7;
/// Bits 63:54: N (Svnapot), PBMT (Svpbmt) and the reserved bits 60:54;
/// none of these extensions is implemented, so any set bit is reserved.
pub const PTE_RESERVED: u64 = 0xffc0_0000_0000_0000;
/// The PPN field of a PTE (bits 53:10).
pub const PPN_MASK: u64 = 0x003f_ffff_ffff_fc00;

/// satp.MODE values (privileged spec 12.1.11, table "Encoding of satp MODE").
pub const SATP_BARE: u64 = 0;
pub const SATP_SV39: u64 = 8;
pub const SATP_SV48: u64 = 9;
pub const SATP_SV57: u64 = 10;

/// What the walk needs to know about the hart.
#[derive(Clone, Copy, Debug)]
pub struct WalkCtx {
    pub satp: u64,
    /// The effective privilege of the access (MPRV already applied).
    pub priv_: Priv,
    pub sum: bool,
    pub mxr: bool,
    /// menvcfg.ADUE: update A/D in hardware instead of faulting.
    pub adue: bool,
}

/// A successful translation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Translation {
    pub pa: u64,
    /// Size of the mapping (4 KiB, 2 MiB, 1 GiB, 512 GiB or 256 TiB).
    pub page_size: u64,
    /// The leaf PTE after any A/D update (0 for bare translation).
    pub pte: u64,
}

impl Translation {
    /// Whether a later access of kind `a` to this page may reuse the
    /// translation without another walk (permission and A/D state).
    pub fn allows(&self, ctx: &WalkCtx, a: Access) -> bool {
        if self.pte == 0 {
            return true;
        }
        leaf_permits(self.pte, ctx, a) && (a != Access::Write || self.pte & PTE_D != 0)
    }
}

/// One step of a walk, for the `mmu` trace.
#[derive(Clone, Copy, Debug)]
pub enum WalkEvent {
    /// A PTE read at `level` from physical `addr`.
    Pte { level: u32, addr: u64, pte: u64 },
    /// The walker set A/D bits: the PTE at `addr` became `pte`.
    Update { addr: u64, pte: u64 },
}

/// Number of page-table levels for a satp mode, None if unsupported.
pub fn levels(mode: u64) -> Option<u32> {
    match mode {
        SATP_SV39 => Some(3),
        SATP_SV48 => Some(4),
        SATP_SV57 => Some(5),
        _ => None,
    }
}

/// Translates `va` for an access of kind `a`. `obs` sees each step.
pub fn translate(
    bus: &Bus,
    pmp: &Pmp,
    ctx: &WalkCtx,
    va: u64,
    a: Access,
    obs: &mut dyn FnMut(WalkEvent),
) -> Result<Translation, Fault> {
    // An A/D update that loses a race with another hart's PTE store restarts
    // the walk (spec 12.3.2 step 7: "if the comparison fails, return to
    // step 2"); the bound only stops a guest that rewrites its PTE forever.
    for _ in 0..16 {
        match walk(bus, pmp, ctx, va, a, obs) {
            Err(Step::Retry) => continue,
            Err(Step::Fault(f)) => return Err(f),
            Ok(t) => return Ok(t),
        }
    }
    Err(Fault::page(a, va))
}

/// Why one walk attempt stopped.
enum Step {
    Fault(Fault),
    Retry,
}

impl From<Fault> for Step {
    fn from(f: Fault) -> Step {
        Step::Fault(f)
    }
}

fn walk(
    bus: &Bus,
    pmp: &Pmp,
    ctx: &WalkCtx,
    va: u64,
    a: Access,
    obs: &mut dyn FnMut(WalkEvent),
) -> Result<Translation, Step> {
    let mode = ctx.satp >> 60;
    let Some(lv) = levels(mode).filter(|_| ctx.priv_ != Priv::M) else {
        return Ok(Translation { pa: va, page_size: PAGE_SIZE, pte: 0 });
    };
    let va_bits = 12 + 9 * lv;
    if ((va as i64) << (64 - va_bits) >> (64 - va_bits)) as u64 != va {
        return Err(Fault::page(a, va).into());
    }
    let mut table = (ctx.satp & ((1 << 44) - 1)) * PAGE_SIZE;
    for level in (0..lv).rev() {
        let vpn = (va >> (12 + 9 * level)) & 0x1ff;
        let addr = table + vpn * 8;
        let pte = read_pte(bus, pmp, addr, a, va)?;
        obs(WalkEvent::Pte { level, addr, pte });
        if pte & PTE_V == 0 || pte & (PTE_R | PTE_W) == PTE_W || pte & PTE_RESERVED != 0 {
            return Err(Fault::page(a, va).into());
        }
        if pte & (PTE_R | PTE_X) == 0 {
            // D, A and U of a non-leaf PTE are reserved (12.3.1), so set
            // ones fault like any reserved bit (12.3.2 step 3).
            if pte & (PTE_A | PTE_D | PTE_U) != 0 {
                return Err(Fault::page(a, va).into());
            }
            table = (pte & PPN_MASK) >> 10 << 12;
            continue;
        }
        return leaf(bus, pmp, ctx, Leaf { va, a, level, addr, pte }, obs);
    }
    Err(Fault::page(a, va).into())
}

fn read_pte(bus: &Bus, pmp: &Pmp, addr: u64, a: Access, va: u64) -> Result<u64, Fault> {
    if !pmp.check(addr, 8, Priv::S, Access::Read) {
        return Err(Fault::access(a, va));
    }
    bus.ram().read::<u64>(addr).ok_or(Fault::access(a, va))
}

/// Permission checks of a leaf PTE (privileged spec 12.3.2 step 6, with
/// SUM and MXR from 12.1.1.2 "Memory Privilege in sstatus").
fn leaf_permits(pte: u64, ctx: &WalkCtx, a: Access) -> bool {
    let u = pte & PTE_U != 0;
    let mode_ok = match ctx.priv_ {
        Priv::U => u,
        Priv::S => !u || (ctx.sum && a != Access::Exec),
        Priv::M => true,
    };
    let perm_ok = match a {
        Access::Read => pte & PTE_R != 0 || (ctx.mxr && pte & PTE_X != 0),
        Access::Write => pte & PTE_W != 0,
        Access::Exec => pte & PTE_X != 0,
    };
    mode_ok && perm_ok
}

/// The leaf PTE a walk reached.
struct Leaf {
    va: u64,
    a: Access,
    level: u32,
    addr: u64,
    pte: u64,
}

fn leaf(bus: &Bus, pmp: &Pmp, ctx: &WalkCtx, l: Leaf, obs: &mut dyn FnMut(WalkEvent)) -> Result<Translation, Step> {
    let (va, a) = (l.va, l.a);
    if !leaf_permits(l.pte, ctx, a) {
        return Err(Fault::page(a, va).into());
    }
    let ppn = (l.pte & PPN_MASK) >> 10;
    if ppn & ((1u64 << (9 * l.level)) - 1) != 0 {
        return Err(Fault::page(a, va).into());
    }
    let need = PTE_A | if a == Access::Write { PTE_D } else { 0 };
    let mut pte = l.pte;
    if pte & need != need {
        if !ctx.adue {
            return Err(Fault::page(a, va).into());
        }
        if !pmp.check(l.addr, 8, Priv::S, Access::Write) {
            return Err(Fault::access(a, va).into());
        }
        pte |= need;
        match bus.ram().cmpxchg(l.addr, 8, l.pte, pte) {
            Some(true) => obs(WalkEvent::Update { addr: l.addr, pte }),
            Some(false) => return Err(Step::Retry),
            None => return Err(Fault::access(a, va).into()),
        }
    }
    let page_size = PAGE_SIZE << (9 * l.level);
    let pa = (ppn << 12) | (va & (page_size - 1));
    Ok(Translation { pa, page_size, pte })
}

#[cfg(test)]
mod tests;
