//! System instructions: Zicsr, ECALL/EBREAK, MRET/SRET (privileged spec
//! 3.3.2 "Trap-Return Instructions"), WFI (3.3.3), SFENCE.VMA (12.2.1),
//! FENCE/FENCE.I, and the CMO instructions (CMO spec 1.0 ch. 2-3, enables
//! from menvcfg/senvcfg CBIE/CBCFE/CBZE).

use mmu::{Access, Priv, PAGE_SIZE};

use crate::csr::bits::*;
use crate::csr::{self, CsrOp};
use crate::hart::Hart;
use crate::isa::{Csr, Rs};
use crate::trap::{Cause, Exception};

/// A Zicsr instruction; `imm` for the immediate forms (rs1 is the uimm).
pub fn csr_insn(h: &mut Hart, c: Csr, op: CsrOp, imm: bool, raw: u32) -> Result<(), Exception> {
    let src = if imm { u64::from(c.rs1) } else { h.get_x(c.rs1) };
    let old = csr::access(h, c.csr, op, src, c.rd, c.rs1 == 0, raw)?;
    h.set_x(c.rd, old);
    Ok(())
}

pub fn ecall(h: &Hart) -> Exception {
    let cause = match h.priv_ {
        Priv::U => Cause::EcallU,
        Priv::S => Cause::EcallS,
        Priv::M => Cause::EcallM,
    };
    Exception::new(cause, 0)
}

/// MRET: back to MPP with MIE = MPIE, MPIE = 1, MPP = U; MPRV cleared when
/// leaving M; the reservation is dropped.
pub fn mret(h: &mut Hart, raw: u32) -> Result<(), Exception> {
    if h.priv_ != Priv::M {
        return Err(Exception::illegal(raw));
    }
    let st = h.csr.mstatus;
    let to = Priv::from_bits(st >> MSTATUS_MPP_SHIFT).unwrap_or(Priv::U);
    let mut n = st & !(MSTATUS_MIE | MSTATUS_MPP) | MSTATUS_MPIE;
    if st & MSTATUS_MPIE != 0 {
        n |= MSTATUS_MIE;
    }
    if to != Priv::M {
        n &= !MSTATUS_MPRV;
    }
    h.csr.mstatus = n;
    h.pc = h.csr.mepc;
    h.reservation = None;
    h.set_priv_retiring(to);
    Ok(())
}

/// SRET: illegal in U, and in S when mstatus.TSR is set.
pub fn sret(h: &mut Hart, raw: u32) -> Result<(), Exception> {
    let tsr = h.csr.mstatus & MSTATUS_TSR != 0;
    if h.priv_ == Priv::U || (h.priv_ == Priv::S && tsr) {
        return Err(Exception::illegal(raw));
    }
    let st = h.csr.mstatus;
    let to = if st & MSTATUS_SPP != 0 { Priv::S } else { Priv::U };
    let mut n = st & !(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV) | MSTATUS_SPIE;
    if st & MSTATUS_SPIE != 0 {
        n |= MSTATUS_SIE;
    }
    h.csr.mstatus = n;
    h.pc = h.csr.sepc;
    h.reservation = None;
    h.set_priv_retiring(to);
    Ok(())
}

/// WFI: illegal in U, and in S with mstatus.TW (mimic's time limit is 0).
pub fn wfi(h: &mut Hart, raw: u32) -> Result<(), Exception> {
    let tw = h.csr.mstatus & MSTATUS_TW != 0;
    if h.priv_ == Priv::U || (h.priv_ == Priv::S && tw) {
        return Err(Exception::illegal(raw));
    }
    h.wfi = true;
    h.attention = true;
    Ok(())
}

/// SFENCE.VMA: illegal in U, and in S with mstatus.TVM. Flushes the
/// translations of one address or all (an ASID-only fence flushes all:
/// more than required, never less).
pub fn sfence_vma(h: &mut Hart, r: Rs, raw: u32) -> Result<(), Exception> {
    let tvm = h.csr.mstatus & MSTATUS_TVM != 0;
    if h.priv_ == Priv::U || (h.priv_ == Priv::S && tvm) {
        return Err(Exception::illegal(raw));
    }
    h.stats.sfences[usize::from(r.rs1 != 0) | usize::from(r.rs2 != 0) << 1] += 1;
    if r.rs1 == 0 {
        h.tlb.flush_translated();
    } else {
        h.tlb.flush_va(h.get_x(r.rs1));
    }
    Ok(())
}

/// Which CMO enable field an instruction needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Cbo {
    Inval,
    Clean,
    Flush,
    Zero,
}

fn cbo_enabled(h: &Hart, kind: Cbo) -> bool {
    let field = |v: u64| match kind {
        Cbo::Inval => v & ENVCFG_CBIE != 0,
        Cbo::Clean | Cbo::Flush => v & ENVCFG_CBCFE != 0,
        Cbo::Zero => v & ENVCFG_CBZE != 0,
    };
    match h.priv_ {
        Priv::M => true,
        Priv::S => field(h.csr.menvcfg),
        Priv::U => field(h.csr.menvcfg) && field(h.csr.senvcfg),
    }
}

/// A cache-block operation. mimic has no caches, so clean/flush/inval only
/// check that a load or store to the block would be permitted (faults are
/// reported as store faults, CMO spec 2.5.1); cbo.zero writes 64 zeroes.
pub fn cbo(h: &mut Hart, r: Rs, kind: Cbo, raw: u32) -> Result<(), Exception> {
    if !cbo_enabled(h, kind) {
        return Err(Exception::illegal(raw));
    }
    let va = h.get_x(r.rs1);
    let block = va & !(CACHE_BLOCK - 1);
    if kind == Cbo::Zero {
        if zero_block_fast(h, block) {
            return Ok(());
        }
        let pa = h.translate(block, Access::Write, CACHE_BLOCK).map_err(|e| Exception { tval: va, ..e })?;
        return zero_block(h, pa, va);
    }
    let as_store = |e: Exception| {
        let cause = match e.cause {
            Cause::LoadPageFault => Cause::StorePageFault,
            Cause::LoadAccessFault => Cause::StoreAccessFault,
            c => c,
        };
        Exception::new(cause, va)
    };
    let pa = match h.translate(block, Access::Read, CACHE_BLOCK) {
        Ok(pa) => pa,
        Err(_) => h.translate(block, Access::Write, CACHE_BLOCK).map_err(as_store)?,
    };
    // A block with nothing behind it (a vacant physical range) is one no
    // load or store may access: store access fault (CMO spec "Page-Fault,
    // Guest-Page-Fault, and Access-Fault Exceptions").
    if !h.bus.ram().contains(pa, CACHE_BLOCK) && h.bus.window(pa).is_none() {
        return Err(Exception::new(Cause::StoreAccessFault, va));
    }
    Ok(())
}

/// cbo.zero through the data TLB's write tag (Linux clears pages with
/// cbo.zero): a hit means plain RAM, writable in this mode, not a code
/// page, no trigger, watchpoint or audit log (`Hart::fill` grants write
/// tags only then), so the 64 bytes are stored with nothing else to do.
fn zero_block_fast(h: &mut Hart, block: u64) -> bool {
    let Some(host) = h.tlb.write(h.dset, block, 8) else { return false };
    let off = host.wrapping_sub(h.ram_host);
    let ram = h.bus.ram();
    (0..CACHE_BLOCK as usize).step_by(8).all(|i| ram.write_off::<u64>(off + i, 0))
}

fn zero_block(h: &mut Hart, pa: u64, va: u64) -> Result<(), Exception> {
    debug_assert!(CACHE_BLOCK <= PAGE_SIZE);
    for i in (0..CACHE_BLOCK).step_by(8) {
        h.audit_write(pa + i, 8, 0);
        h.bus.write(pa + i, 8, 0).map_err(|_| Exception::new(Cause::StoreAccessFault, va))?;
    }
    h.note_write(pa, CACHE_BLOCK);
    Ok(())
}
