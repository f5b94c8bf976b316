//! The control and status registers: their state ([`Csrs`]) and the one
//! access path every consumer uses (`read_raw`/`write_raw` for the state,
//! `access` for instructions, adding the privilege checks of privileged
//! spec 2.1 "CSR Address Mapping Conventions" and the per-CSR rules).
//!
//! WARL behaviour follows Spike/QEMU where the spec leaves a choice: misa is
//! read-only, an unsupported satp mode leaves satp unchanged, an mtvec mode
//! of 2 or 3 drops bit 1, MPP = 2 keeps the previous MPP, menvcfg.CBIE = 2
//! reads as 0. Invariant: every write that can change translation flushes
//! the TLB sets it affects; every write that can make an interrupt
//! deliverable sets `Hart::attention`.

pub mod bits;
mod counter;
mod names;
pub mod trigger;

use mmu::Priv;

pub use counter::Counter;
pub use names::{csr_address, csr_name};

use self::bits::*;
use crate::hart::Hart;
use crate::trap::Exception;
use trigger::Triggers;

/// CSR state of one hart (registers that are views, like sstatus, or
/// computed, like time, have no field).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Csrs {
    pub mstatus: u64,
    pub medeleg: u64,
    pub mideleg: u64,
    pub mie: u64,
    /// Software-writable mip bits (SSIP, STIP without Sstc, SEIP).
    pub mip: u64,
    pub mtvec: u64,
    pub stvec: u64,
    pub mepc: u64,
    pub sepc: u64,
    pub mcause: u64,
    pub scause: u64,
    pub mtval: u64,
    pub stval: u64,
    pub mscratch: u64,
    pub sscratch: u64,
    pub menvcfg: u64,
    pub senvcfg: u64,
    pub mcounteren: u64,
    pub scounteren: u64,
    pub mcountinhibit: u64,
    pub satp: u64,
    pub stimecmp: u64,
    pub fflags: u64,
    pub frm: u64,
    pub cycle: Counter,
    pub instret: Counter,
    pub triggers: Triggers,
}

impl Csrs {
    /// Reset values (privileged spec 3.4 "Reset"): M-mode, MIE = 0,
    /// MPRV = 0, misa fixed; ADUE = 1 so pre-Svadu software gets hardware
    /// A/D updating (issue #3); stimecmp all ones.
    pub fn reset() -> Csrs {
        Csrs { mstatus: MSTATUS_XLEN64, menvcfg: MENVCFG_ADUE, stimecmp: u64::MAX, ..Csrs::default() }
    }

    /// mstatus.FS.
    pub fn fs(&self) -> u64 {
        (self.mstatus & MSTATUS_FS) >> MSTATUS_FS_SHIFT
    }

    /// mstatus with its computed SD bit.
    pub fn mstatus_read(&self) -> u64 {
        let sd = if self.fs() == 3 { MSTATUS_SD } else { 0 };
        self.mstatus | sd
    }
}

/// Reads a CSR's value with no access check; `None` if it does not exist.
/// Used by instructions (after `check`), the GDB stub and the monitor.
pub fn read_raw(h: &Hart, addr: u16) -> Option<u64> {
    let c = &h.csr;
    Some(match addr {
        FFLAGS => c.fflags,
        FRM => c.frm,
        FCSR => c.frm << 5 | c.fflags,
        CYCLE | MCYCLE => c.cycle.read(h.instret),
        TIME => h.time(),
        INSTRET | MINSTRET => c.instret.read(h.instret),
        0xc03..=0xc1f | 0xb03..=0xb1f | 0x323..=0x33f => 0,
        SSTATUS => c.mstatus_read() & SSTATUS_MASK,
        SIE => c.mie & c.mideleg,
        STVEC => c.stvec,
        SCOUNTEREN => c.scounteren,
        SENVCFG => c.senvcfg,
        SSCRATCH => c.sscratch,
        SEPC => c.sepc,
        SCAUSE => c.scause,
        STVAL => c.stval,
        SIP => h.mip() & c.mideleg,
        STIMECMP => c.stimecmp,
        SATP => c.satp,
        MVENDORID | MARCHID | MIMPID | MCONFIGPTR => 0,
        MHARTID => h.id,
        MSTATUS => c.mstatus_read(),
        MISA => MISA_VALUE,
        MEDELEG => c.medeleg,
        MIDELEG => c.mideleg,
        MIE => c.mie,
        MTVEC => c.mtvec,
        MCOUNTEREN => c.mcounteren,
        MENVCFG => c.menvcfg,
        MCOUNTINHIBIT => c.mcountinhibit,
        MSCRATCH => c.mscratch,
        MEPC => c.mepc,
        MCAUSE => c.mcause,
        MTVAL => c.mtval,
        MIP => h.mip(),
        0x3a0..=0x3af if addr % 2 == 0 => h.pmp.read_cfg(usize::from(addr - PMPCFG0)),
        0x3b0..=0x3ef => h.pmp.read_addr(usize::from(addr - PMPADDR0)),
        TSELECT..=TINFO => c.triggers.read(addr)?,
        _ => return None,
    })
}

/// Writes a CSR with no access check, applying its WARL rules and side
/// effects; `false` if it does not exist or is read-only.
pub fn write_raw(h: &mut Hart, addr: u16, v: u64) -> bool {
    match addr {
        FFLAGS => h.csr.fflags = v & 0x1f,
        FRM => h.csr.frm = v & 7,
        FCSR => (h.csr.fflags, h.csr.frm) = (v & 0x1f, v >> 5 & 7),
        MCYCLE => h.csr.cycle.write(h.instret + 1, v),
        MINSTRET => h.csr.instret.write(h.instret + 1, v),
        0xb03..=0xb1f | 0x323..=0x33f => {}
        SSTATUS => write_mstatus(h, (h.csr.mstatus & !SSTATUS_WMASK) | (v & SSTATUS_WMASK)),
        SIE => set_masked(h, |c| &mut c.mie, h.csr.mideleg, v),
        STVEC => h.csr.stvec = tvec(v),
        SCOUNTEREN => h.csr.scounteren = v & 0xffff_ffff,
        SENVCFG => h.csr.senvcfg = envcfg(v, h.csr.senvcfg, SENVCFG_WMASK),
        SSCRATCH => h.csr.sscratch = v,
        SEPC => h.csr.sepc = v & !1,
        SCAUSE => h.csr.scause = v,
        STVAL => h.csr.stval = v,
        SIP => set_masked(h, |c| &mut c.mip, h.csr.mideleg & IRQ_SSI, v),
        STIMECMP => (h.csr.stimecmp, h.attention) = (v, true),
        SATP => write_satp(h, v),
        MSTATUS => write_mstatus(h, v),
        MISA => {}
        MEDELEG => h.csr.medeleg = v & MEDELEG_MASK,
        MIDELEG => set_masked(h, |c| &mut c.mideleg, IRQ_S, v),
        MIE => set_masked(h, |c| &mut c.mie, IRQ_ALL, v),
        MTVEC => h.csr.mtvec = tvec(v),
        MCOUNTEREN => h.csr.mcounteren = v & 0xffff_ffff,
        MENVCFG => write_menvcfg(h, v),
        MCOUNTINHIBIT => write_inhibit(h, v),
        MSCRATCH => h.csr.mscratch = v,
        MEPC => h.csr.mepc = v & !1,
        MCAUSE => h.csr.mcause = v,
        MTVAL => h.csr.mtval = v,
        MIP => set_masked(h, |c| &mut c.mip, mip_wmask(h), v),
        0x3a0..=0x3af if addr % 2 == 0 => {
            h.pmp.write_cfg(usize::from(addr - PMPCFG0), v);
            h.tlb.flush_all();
        }
        0x3b0..=0x3ef => {
            h.pmp.write_addr(usize::from(addr - PMPADDR0), v);
            h.tlb.flush_all();
        }
        TSELECT..=TDATA3 => {
            h.csr.triggers.write(addr, v);
            h.tlb.flush_all();
            // The run loop picks its checked/unchecked step per batch;
            // make it look again so an armed execute trigger is seen.
            h.attention = true;
        }
        _ => return false,
    }
    true
}

/// Writes the `mask` bits of a register, then asks the hart to re-check
/// interrupts.
fn set_masked(h: &mut Hart, reg: fn(&mut Csrs) -> &mut u64, mask: u64, v: u64) {
    let r = reg(&mut h.csr);
    *r = (*r & !mask) | (v & mask);
    h.attention = true;
}

fn mip_wmask(h: &Hart) -> u64 {
    let stip = if h.csr.menvcfg & MENVCFG_STCE != 0 { 0 } else { IRQ_STI };
    IRQ_SSI | IRQ_SEI | stip
}

/// mtvec/stvec: MODE 0 or 1 (bit 1 is dropped, as in Spike).
fn tvec(v: u64) -> u64 {
    v & !2
}

/// senvcfg/menvcfg with CBIE = 2 (reserved) read as 0.
fn envcfg(v: u64, _old: u64, mask: u64) -> u64 {
    let mut n = v & mask;
    if n & ENVCFG_CBIE == 2 << 4 {
        n &= !ENVCFG_CBIE;
    }
    n
}

fn write_menvcfg(h: &mut Hart, v: u64) {
    let old = h.csr.menvcfg;
    h.csr.menvcfg = envcfg(v, old, MENVCFG_WMASK);
    if (old ^ h.csr.menvcfg) & MENVCFG_ADUE != 0 {
        h.tlb.flush_translated();
    }
    h.attention = true;
}

fn write_mstatus(h: &mut Hart, v: u64) {
    let old = h.csr.mstatus;
    let mut new = (old & !MSTATUS_WMASK) | (v & MSTATUS_WMASK);
    if Priv::from_bits(new >> MSTATUS_MPP_SHIFT).is_none() {
        new = (new & !MSTATUS_MPP) | (old & MSTATUS_MPP);
    }
    h.csr.mstatus = new;
    let changed = old ^ new;
    // SUM needs no flush: S-mode data accesses with SUM set use their own
    // TLB set (see `update_dpriv`).
    if changed & MSTATUS_MXR != 0 {
        h.tlb.flush_translated();
    }
    let dset = h.dset;
    h.update_dpriv();
    // The run loop looks again (and translated code leaves its block) only
    // when an interrupt may now be taken (SIE or MIE set with one pending
    // and enabled in mie: 3.1.6.1, 3.1.9), or when something code was
    // translated for changed: the data TLB set (SUM, MPRV, MPP), whether
    // FS is Off, or MXR (the TLB was flushed). Linux's spinlocks clear and
    // set SIE constantly; an interrupt that becomes pending later reaches
    // the hart as it always does (exit request or timer deadline).
    let enabled = new & !old & (MSTATUS_SIE | MSTATUS_MIE) != 0 && h.mip() & h.csr.mie != 0;
    let fs_toggled = (old & MSTATUS_FS == 0) != (new & MSTATUS_FS == 0);
    if enabled || fs_toggled || h.dset != dset || changed & MSTATUS_MXR != 0 {
        h.attention = true;
    }
}

fn write_satp(h: &mut Hart, v: u64) {
    let mode = v >> 60;
    if mmu::walk::levels(mode).is_none() && mode != mmu::walk::SATP_BARE {
        return;
    }
    // ASID is 16 bits, PPN 44 bits (12.1.11).
    let new = v & (0xf << 60 | 0xffff << 44 | ((1 << 44) - 1));
    if new != h.csr.satp {
        h.stats.satp_writes += 1;
        h.csr.satp = new;
        h.tlb.flush_translated();
        h.attention = true;
    }
}

fn write_inhibit(h: &mut Hart, v: u64) {
    let v = v & 0b101;
    let raw = h.instret;
    h.csr.cycle.inhibit(raw, v & 1 != 0);
    h.csr.instret.inhibit(raw, v & 4 != 0);
    h.csr.mcountinhibit = v;
}

/// Whether the current mode may access `addr` (and write it if `write`):
/// privilege from the address bits, read-only space, FS for the FP CSRs,
/// counter enables, TVM, and Sstc's stimecmp enable.
pub fn allowed(h: &Hart, addr: u16, write: bool) -> bool {
    let p = h.priv_ as u16;
    if p < (addr >> 8) & 3 || (write && addr >> 10 == 3) {
        return false;
    }
    let c = &h.csr;
    match addr {
        FFLAGS | FRM | FCSR => c.fs() != 0,
        0xc00..=0xc1f => counter_enabled(h, u64::from(addr - 0xc00)),
        SATP => !(h.priv_ == Priv::S && c.mstatus & MSTATUS_TVM != 0),
        STIMECMP => h.priv_ == Priv::M || (c.mcounteren & 2 != 0 && c.menvcfg & MENVCFG_STCE != 0),
        _ => true,
    }
}

fn counter_enabled(h: &Hart, bit: u64) -> bool {
    let m = h.csr.mcounteren >> bit & 1 != 0;
    let s = h.csr.scounteren >> bit & 1 != 0;
    match h.priv_ {
        Priv::M => true,
        Priv::S => m,
        Priv::U => m && s,
    }
}

/// The kind of a Zicsr instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsrOp {
    Write,
    Set,
    Clear,
}

/// Executes a Zicsr instruction's CSR access (Zicsr chapter 7.1): reads
/// unless it is CSRRW with rd = x0, writes unless it is CSRRS/CSRRC with a
/// zero source register/immediate. Returns the old value.
pub fn access(h: &mut Hart, addr: u16, op: CsrOp, src: u64, rd: u8, src_is_zero: bool, raw: u32) -> Result<u64, Exception> {
    let write = op == CsrOp::Write || !src_is_zero;
    let read = op != CsrOp::Write || rd != 0;
    let illegal = Exception::illegal(raw);
    if !allowed(h, addr, write) {
        return Err(illegal);
    }
    if matches!(addr, TIME | MIP | SIP) {
        h.audit_unreplayable(); // time-dependent: a re-run may read another value
    }
    let old = read_raw(h, addr).ok_or(illegal)?;
    if write {
        // CSRRS/CSRRC on mip modify the software-writable SEIP bit only,
        // not the external line OR'ed into reads (3.1.9 mip/mie).
        let base = if addr == MIP { (old & !IRQ_SEI) | (h.csr.mip & IRQ_SEI) } else { old };
        let new = match op {
            CsrOp::Write => src,
            CsrOp::Set => base | src,
            CsrOp::Clear => base & !src,
        };
        if !write_raw(h, addr, new) {
            return Err(illegal);
        }
        if matches!(addr, FFLAGS | FRM | FCSR) {
            h.csr.mstatus |= MSTATUS_FS;
        }
    }
    Ok(if read { old } else { 0 })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use mmu::{BusBuilder, HartSignals, Power, Ram, Timebase};

    use super::*;
    use crate::hart::{HartConfig, Wiring};

    fn hart() -> Box<Hart> {
        let ram = Arc::new(Ram::new(0x8000_0000, 0x1000).expect("map RAM"));
        let bus = Arc::new(BusBuilder::new(ram).build());
        let wiring = Wiring { bus, signals: HartSignals::new(), timebase: Arc::new(Timebase::new(true)), power: Power::new() };
        Hart::new(0, wiring, HartConfig::default())
    }

    /// `csrs mip, SSIP` while the interrupt controller asserts SEIP must
    /// not latch SEIP into the software bit (privileged spec 3.1.9: the
    /// read-modify-write uses only the software-writable SEIP).
    #[test]
    fn mip_rmw_does_not_latch_external_seip() {
        let mut h = hart();
        h.signals.set_irq(IRQ_SEI, true);
        let old = access(&mut h, MIP, CsrOp::Set, IRQ_SSI, 10, false, 0).unwrap();
        assert_eq!(old & IRQ_SEI, IRQ_SEI, "reads see the external line");
        h.signals.set_irq(IRQ_SEI, false);
        assert_eq!(read_raw(&h, MIP).unwrap() & (IRQ_SEI | IRQ_SSI), IRQ_SSI);
        // The software bit itself stays writable.
        access(&mut h, MIP, CsrOp::Set, IRQ_SEI, 0, false, 0).unwrap();
        assert_eq!(read_raw(&h, MIP).unwrap() & IRQ_SEI, IRQ_SEI);
        access(&mut h, MIP, CsrOp::Clear, IRQ_SEI, 0, false, 0).unwrap();
        assert_eq!(read_raw(&h, MIP).unwrap() & IRQ_SEI, 0);
    }

    /// An mstatus write asks the run loop to look again (translated code
    /// leaves its block) only when an interrupt may now be taken or the
    /// data TLB set, FS on/off or MXR changed (`write_mstatus`).
    #[test]
    fn mstatus_writes_ask_for_attention_only_when_needed() {
        let mut h = hart();
        h.priv_ = Priv::S;
        h.update_dpriv();
        let mut write = |h: &mut Hart, op: CsrOp, v: u64| {
            h.attention = false;
            access(h, SSTATUS, op, v, 0, false, 0).unwrap();
            std::mem::take(&mut h.attention)
        };
        assert!(!write(&mut h, CsrOp::Set, MSTATUS_SIE), "nothing pending: SIE set needs no look");
        assert!(!write(&mut h, CsrOp::Clear, MSTATUS_SIE), "clearing SIE never does");
        assert!(write(&mut h, CsrOp::Set, MSTATUS_SUM), "SUM picks another data TLB set");
        assert!(write(&mut h, CsrOp::Clear, MSTATUS_SUM));
        assert!(write(&mut h, CsrOp::Set, MSTATUS_FS), "FS Off -> Dirty");
        assert!(!write(&mut h, CsrOp::Clear, 1 << MSTATUS_FS_SHIFT), "Dirty -> Initial: still on");
        assert!(write(&mut h, CsrOp::Set, MSTATUS_MXR));
        assert!(!write(&mut h, CsrOp::Set, MSTATUS_SPIE), "SPIE only matters at sret");
        h.csr.mie = IRQ_SSI;
        h.csr.mip = IRQ_SSI;
        assert!(write(&mut h, CsrOp::Set, MSTATUS_SIE), "a pending, enabled interrupt may be taken now");
        assert!(!write(&mut h, CsrOp::Set, MSTATUS_SIE), "SIE already set: nothing new");
    }
}
