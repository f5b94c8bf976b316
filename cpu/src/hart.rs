//! The hart: architectural state in a `#[repr(C)]` layout whose hot fields
//! (x, f, pc, the instruction counter, the TLB) sit at small fixed offsets
//! from one pointer, as the translator needs (DESIGN.md §4 "Hart layout").
//!
//! Thread affinity: a `Hart` is owned by exactly one host thread. Other
//! threads reach it only through `signals` (interrupt bits, exit request,
//! wake-up) and through the shared bus, timebase and power state.
//!
//! Invariants: `x[0] == 0` always (writes go through `set_x`); `dpriv` is
//! the effective data-access privilege (MPRV/MPP applied) for the current
//! mstatus and privilege, and `dset` its TLB set (SUM included); `ram_host` is the host address of RAM offset 0.

use std::sync::Arc;

use mmu::tlb::Tlb;
use mmu::{Bus, HartSignals, Pmp, Power, Priv, Timebase};

use crate::csr::bits::*;
use crate::csr::Csrs;
use crate::firmware::Firmware;
use crate::interp::DecodeCache;
use crate::stats::Stats;
use crate::trace::Tracer;

/// How regular misaligned loads and stores behave (`--misaligned`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Misaligned {
    /// Performed by the hardware (riscv-tests' ma_data expects this).
    #[default]
    Hw,
    /// Raise address-misaligned exceptions (riscv-arch-test's misalign).
    Trap,
}

/// Per-hart configuration fixed at machine build time.
#[derive(Clone, Copy, Debug, Default)]
pub struct HartConfig {
    pub misaligned: Misaligned,
}

/// An LR reservation: physical address, size, and the value LR read (SC
/// succeeds only if memory still holds it: the host compare-and-swap
/// emulation; its ABA window, a store of the same value by another hart,
/// is accepted as in QEMU's multi-threaded TCG).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reservation {
    pub pa: u64,
    pub size: u8,
    pub value: u64,
}

/// What a hart is connected to.
pub struct Wiring {
    pub bus: Arc<Bus>,
    pub signals: Arc<HartSignals>,
    pub timebase: Arc<Timebase>,
    pub power: Arc<Power>,
}

/// What translator audit mode records while a block runs: every RAM write
/// (physical address, size, old value, new value), and whether anything
/// happened that a re-run could not reproduce (device accesses, firmware
/// calls, reads of time-dependent CSRs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditLog {
    pub writes: Vec<(u64, u8, u64, u64)>,
    pub unreplayable: bool,
}

/// A cached superpage translation: valid while the TLB's generation is
/// unchanged (every flush bumps it), for the TLB set it was walked for.
#[derive(Clone, Copy, Debug, Default)]
pub struct Superpage {
    pub generation: u64,
    pub set: usize,
    pub va_base: u64,
    pub size: u64,
    pub translation: mmu::Translation,
}

/// One RISC-V hart.
#[repr(C)]
pub struct Hart {
    /// Integer registers (offset 0).
    pub x: [u64; 32],
    /// Floating-point registers, NaN-boxed (offset 256).
    pub f: [u64; 32],
    /// Program counter (offset 512).
    pub pc: u64,
    /// Raw retired-instruction count (never inhibited; offset 520). While
    /// translated code runs it is derived from `budget` (see `sync_instret`).
    pub instret: u64,
    /// Instructions translated code may still retire before it must
    /// return to the dispatcher (blocks subtract their length on entry).
    pub budget: i64,
    /// `instret` and `budget` when the dispatcher last entered code.
    pub jit_base_instret: u64,
    pub jit_start_budget: i64,
    /// Host address of the translator's per-hart jump cache (opaque here).
    pub jit_jump_cache: usize,
    /// Set by generated code asking to link a direct jump (opaque here).
    pub jit_link: usize,
    /// Host address of the code-page generation counters (opaque here).
    pub code_gen_base: usize,
    /// Host address of `signals.exit_req` (checked by translated code at
    /// block entries; kept alive by `signals`).
    pub exit_word: usize,
    /// Set when a store hit a page holding translated code: translated
    /// code must stop after the current instruction.
    pub code_written: bool,
    /// Host registers saved by the translator's slow-path stubs, indexed
    /// by x86 register number (opaque here).
    pub jit_save: [u64; 16],
    /// Translated code's same-base access groups (`dbt::group`): 0 or
    /// the host address a group's leader checked.
    pub jit_group: [u64; 4],
    /// Recent superpage translations (see `mem.rs`).
    pub superpages: [Superpage; 8],
    /// Translator audit mode: the log of the block being audited. While it
    /// is Some, stores never use the TLB fast path (so all are logged).
    pub audit: Option<AuditLog>,
    /// Current privilege level.
    pub priv_: Priv,
    /// Effective privilege of data accesses (MPRV applied).
    pub dpriv: Priv,
    /// The TLB set of data accesses (`mmu::tlb::data_set` of dpriv, SUM).
    pub dset: usize,
    /// Set by anything that may change interrupt deliverability or needs
    /// the run loop to look again (CSR writes, xRET, WFI).
    pub attention: bool,
    /// Waiting in WFI.
    pub wfi: bool,
    /// PAUSE ends the current batch (set while harts take turns).
    pub pause_yields: bool,
    /// Host address of RAM offset 0.
    pub ram_host: usize,
    pub tlb: Tlb,
    pub csr: Csrs,
    pub pmp: Pmp,
    pub id: u64,
    pub reservation: Option<Reservation>,
    pub config: HartConfig,
    pub bus: Arc<Bus>,
    pub signals: Arc<HartSignals>,
    /// Every hart's signals, indexed by hart id (this one's included): the
    /// cross-hart entry points SBI IPI/RFENCE and code marking use.
    pub peers: Arc<[Arc<HartSignals>]>,
    pub timebase: Arc<Timebase>,
    pub power: Arc<Power>,
    pub dcache: DecodeCache,
    pub stats: Stats,
    pub trace: Option<Box<dyn Tracer>>,
    /// The emulated M-mode firmware (built-in SBI), if any.
    pub firmware: Option<Arc<dyn Firmware>>,
    /// The attached debugger's breakpoints and watchpoints (`debug`).
    pub debug: Option<Arc<crate::debug::Debug>>,
}

impl Hart {
    /// A hart in its reset state (M-mode, pc = 0). `signals` must be the
    /// ones the machine's devices were wired to.
    pub fn new(id: u64, wiring: Wiring, config: HartConfig) -> Box<Hart> {
        let Wiring { bus, signals, timebase, power } = wiring;
        power.add_hart(signals.clone());
        Box::new(Hart {
            x: [0; 32],
            f: [0; 32],
            pc: 0,
            instret: 0,
            budget: 0,
            jit_base_instret: 0,
            jit_start_budget: 0,
            jit_jump_cache: 0,
            jit_link: 0,
            code_gen_base: bus.ram().code().gen_base(),
            exit_word: &signals.exit_req as *const _ as usize,
            code_written: false,
            jit_save: [0; 16],
            jit_group: [0; 4],
            superpages: [Superpage::default(); 8],
            audit: None,
            priv_: Priv::M,
            dpriv: Priv::M,
            dset: mmu::tlb::SET_M,
            attention: true,
            wfi: false,
            pause_yields: false,
            ram_host: bus.ram().host_base(),
            tlb: Tlb::default(),
            csr: Csrs::reset(),
            pmp: Pmp::default(),
            id,
            reservation: None,
            config,
            bus,
            peers: Arc::from(vec![signals.clone()]),
            signals,
            timebase,
            power,
            dcache: DecodeCache::new(),
            stats: Stats::default(),
            trace: None,
            firmware: None,
            debug: None,
        })
    }

    /// Resets architectural state (a machine reset), keeping wiring.
    pub fn reset(&mut self, pc: u64) {
        self.x = [0; 32];
        self.f = [0; 32];
        self.pc = pc;
        self.csr = Csrs::reset();
        self.pmp = Pmp::default();
        self.tlb.flush_all();
        self.reservation = None;
        self.wfi = false;
        self.set_priv(Priv::M);
    }

    /// Reads integer register `r`.
    #[inline(always)]
    pub fn get_x(&self, r: u8) -> u64 {
        self.x[usize::from(r & 31)]
    }

    /// Writes integer register `r` (writes to x0 are dropped).
    #[inline(always)]
    pub fn set_x(&mut self, r: u8, v: u64) {
        if r != 0 {
            self.x[usize::from(r & 31)] = v;
        }
    }

    /// Changes privilege and recomputes the data privilege.
    pub fn set_priv(&mut self, p: Priv) {
        self.switch_priv(p, self.instret);
    }

    /// `set_priv` for xRET, which retires in the mode it leaves (the
    /// engines count it after it returns): per-mode retirement counts it
    /// there.
    pub fn set_priv_retiring(&mut self, p: Priv) {
        self.switch_priv(p, self.instret.wrapping_add(1));
    }

    fn switch_priv(&mut self, p: Priv, retired: u64) {
        self.stats.priv_change(self.priv_, retired);
        self.priv_ = p;
        self.update_dpriv();
        self.attention = true;
    }

    /// Recomputes `dpriv` from priv, MPRV and MPP (privileged spec 3.1.6.3).
    pub fn update_dpriv(&mut self) {
        let st = self.csr.mstatus;
        self.dpriv = if self.priv_ == Priv::M && st & MSTATUS_MPRV != 0 {
            Priv::from_bits(st >> MSTATUS_MPP_SHIFT).unwrap_or(Priv::M)
        } else {
            self.priv_
        };
        self.dset = mmu::tlb::data_set(self.dpriv, st & MSTATUS_SUM != 0);
    }

    /// mtime as this hart sees it.
    pub fn time(&self) -> u64 {
        self.timebase.now()
    }

    /// Moves software-writable pending bits other harts latched (SBI IPIs)
    /// into mip, where the guest can clear them.
    #[inline]
    pub fn absorb_latched(&mut self) {
        let l = self.signals.take_latched();
        if l != 0 {
            self.csr.mip |= l;
            self.attention = true;
        }
    }

    /// The full mip value: software bits, device lines, and the timer
    /// comparisons (MTIP from CLINT's mtimecmp, STIP from Sstc's stimecmp
    /// when menvcfg.STCE is set).
    pub fn mip(&self) -> u64 {
        let mut v = self.csr.mip | self.signals.irq();
        let now = self.time();
        if now >= self.signals.mtimecmp.load(std::sync::atomic::Ordering::Relaxed) {
            v |= IRQ_MTI;
        }
        if self.csr.menvcfg & MENVCFG_STCE != 0 {
            v &= !IRQ_STI;
            if now >= self.csr.stimecmp {
                v |= IRQ_STI;
            }
        }
        v
    }

    /// The earliest mtime at which a timer interrupt becomes pending.
    pub fn next_timer_deadline(&self) -> u64 {
        let m = self.signals.mtimecmp.load(std::sync::atomic::Ordering::Relaxed);
        let s = if self.csr.menvcfg & MENVCFG_STCE != 0 { self.csr.stimecmp } else { u64::MAX };
        m.min(s)
    }

    /// Recomputes `instret` from the budget while translated code runs.
    #[inline]
    pub fn sync_instret(&mut self) {
        self.instret = self.jit_base_instret.wrapping_add((self.jit_start_budget - self.budget) as u64);
    }

    /// Records a guest write of `[pa, pa + len)`: if it hit translated
    /// code, translated execution must stop after this instruction.
    #[inline]
    pub fn note_write(&mut self, pa: u64, len: u64) {
        if self.bus.ram().code().invalidate_range(pa, len) {
            self.code_written = true;
            self.attention = true;
        }
    }

    /// Audit mode: records a RAM write of `size` bytes at `pa` (before it
    /// happens) or notes a device access.
    pub fn audit_write(&mut self, pa: u64, size: u64, new: u64) {
        let Some(log) = self.audit.as_mut() else { return };
        let ram = self.bus.ram();
        let old = match size {
            1 => ram.read::<u8>(pa).map(u64::from),
            2 => ram.read::<u16>(pa).map(u64::from),
            4 => ram.read::<u32>(pa).map(u64::from),
            _ => ram.read::<u64>(pa),
        };
        match old.filter(|_| self.bus.window(pa).is_none()) {
            Some(old) => log.writes.push((pa, size as u8, old, new)),
            None => log.unreplayable = true,
        }
    }

    /// Audit mode: notes something a re-run could not reproduce.
    pub fn audit_unreplayable(&mut self) {
        if let Some(log) = self.audit.as_mut() {
            log.unreplayable = true;
        }
    }

    /// Marks the FP state dirty (mstatus.FS = 3).
    #[inline]
    pub fn fs_dirty(&mut self) {
        self.csr.mstatus |= MSTATUS_FS;
    }
}
