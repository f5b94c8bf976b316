//! mimic's built-in SBI (RISC-V Supervisor Binary Interface spec v2.0):
//! the emulator plays the M-mode firmware, so a kernel started in S-mode
//! makes SBI calls (ECALL from S, eid in a7, fid in a6, arguments a0..a5;
//! returns error in a0 and value in a1) that are served here directly.
//!
//! Extensions: BASE, TIME, IPI (sPI), RFENCE, HSM, SRST, DBCN, and the
//! legacy set_timer/console/ipi/fence/shutdown calls (eids 0x00-0x08). An
//! unknown extension or function returns SBI_ERR_NOT_SUPPORTED.
//!
//! Harts are reached only through their shared signals: IPIs raise SSIP,
//! remote fences are posted to the targets and the caller waits until each
//! has flushed (`cpu::smp::broadcast`), HSM start/stop/suspend move the
//! target's `hsm` state, which its run loop acts on (`cpu::smp::runnable`).

use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use cpu::csr::bits::{IRQ_SSI, MENVCFG_STCE, MSTATUS_SIE};
use cpu::firmware::Firmware;
use cpu::Hart;
use mmu::signal::hsm;
use mmu::{HartSignals, Power, PowerEvent, Priv, Ram};

const EXT_BASE: u64 = 0x10;
const EXT_TIME: u64 = 0x5449_4d45;
const EXT_IPI: u64 = 0x73_5049;
const EXT_RFENCE: u64 = 0x5246_4e43;
const EXT_HSM: u64 = 0x48_534d;
const EXT_SRST: u64 = 0x5352_5354;
const EXT_DBCN: u64 = 0x4442_434e;

const SUCCESS: i64 = 0;
const ERR_NOT_SUPPORTED: i64 = -2;
const ERR_INVALID_PARAM: i64 = -3;
const ERR_INVALID_ADDRESS: i64 = -5;
const ERR_ALREADY_AVAILABLE: i64 = -6;

/// SBI spec version 2.0.
const SPEC_VERSION: u64 = 2 << 24;
/// Implementation id: not one of the assigned ids ("MIMI").
pub const IMPL_ID: u64 = 0x4d49_4d49;

/// The built-in SBI shared by all harts.
pub struct Sbi {
    harts: Vec<Arc<HartSignals>>,
    power: Arc<Power>,
    ram: Arc<Ram>,
    console: Mutex<Box<dyn Write + Send>>,
}

type Ret = (i64, u64);

impl Sbi {
    pub fn new(harts: Vec<Arc<HartSignals>>, power: Arc<Power>, ram: Arc<Ram>, console: Box<dyn Write + Send>) -> Arc<Sbi> {
        Arc::new(Sbi { harts, power, ram, console: Mutex::new(console) })
    }

    fn out(&self, bytes: &[u8]) {
        let mut c = self.console.lock().unwrap_or_else(|e| e.into_inner());
        let _ = c.write_all(bytes);
        let _ = c.flush();
    }

    /// The harts selected by (hart_mask, hart_mask_base); base = -1 means
    /// all harts (SBI spec 3.1).
    fn targets(&self, mask: u64, base: u64) -> Result<Vec<usize>, i64> {
        let n = self.harts.len();
        if base == u64::MAX {
            return Ok((0..n).collect());
        }
        let v: Vec<usize> = (0..64).filter(|b| mask >> b & 1 != 0).map(|b| base as usize + b).collect();
        if v.iter().any(|&h| h >= n) || base as usize >= n && mask != 0 {
            return Err(ERR_INVALID_PARAM);
        }
        Ok(v)
    }

    fn dispatch(&self, h: &mut Hart, eid: u64, fid: u64, a: [u64; 6]) -> Ret {
        match eid {
            EXT_BASE => self.base(fid, a[0]),
            EXT_TIME if fid == 0 => set_timer(h, a[0]),
            EXT_IPI if fid == 0 => self.send_ipi(a[0], a[1]),
            EXT_RFENCE => self.rfence(h, fid, a),
            EXT_HSM => self.hsm_call(h, fid, a),
            EXT_SRST if fid == 0 => self.reset(a[0], a[1]),
            EXT_DBCN => self.dbcn(fid, a),
            _ => (ERR_NOT_SUPPORTED, 0),
        }
    }

    fn base(&self, fid: u64, arg: u64) -> Ret {
        match fid {
            0 => (SUCCESS, SPEC_VERSION),
            1 => (SUCCESS, IMPL_ID),
            2 => (SUCCESS, u64::from(env!("CARGO_PKG_VERSION_MINOR").parse::<u32>().unwrap_or(0))),
            3 => {
                let known = [EXT_BASE, EXT_TIME, EXT_IPI, EXT_RFENCE, EXT_HSM, EXT_SRST, EXT_DBCN];
                (SUCCESS, u64::from(known.contains(&arg) || arg <= 0x08))
            }
            4..=6 => (SUCCESS, 0),
            _ => (ERR_NOT_SUPPORTED, 0),
        }
    }

    fn send_ipi(&self, mask: u64, base: u64) -> Ret {
        match self.targets(mask, base) {
            Ok(t) => {
                t.into_iter().for_each(|i| self.harts[i].latch(IRQ_SSI));
                (SUCCESS, 0)
            }
            Err(e) => (e, 0),
        }
    }

    /// Remote FENCE.I and SFENCE.VMA (SBI spec ch. 8): returns once every
    /// target hart has flushed (the caller at once, others at their next
    /// instruction boundary). The TLB holds no ASIDs, so an ASID-specific
    /// flush drops the range for every address space (a superset, which
    /// the spec allows). No H extension: the HFENCE calls (3-6) are not
    /// supported.
    fn rfence(&self, h: &mut Hart, fid: u64, a: [u64; 6]) -> Ret {
        if fid > 2 {
            return (ERR_NOT_SUPPORTED, 0);
        }
        let targets = match self.targets(a[0], a[1]) {
            Ok(t) => t,
            Err(e) => return (e, 0),
        };
        let (start, size) = (a[2], a[3]);
        // 8.1: both zero, or a size of all ones, means the whole space.
        let all = (start == 0 && size == 0) || size == u64::MAX;
        let add = |r: &mut mmu::signal::Requests| match (fid, all) {
            (0, _) => {}
            (_, true) => r.flush_tlb = true,
            (_, false) => r.flush_range(start, size),
        };
        if targets.contains(&(h.id as usize)) {
            let mut mine = mmu::signal::Requests::default();
            add(&mut mine);
            cpu::smp::apply(h, mine);
        }
        cpu::smp::broadcast(h, targets.into_iter(), add);
        (SUCCESS, 0)
    }

    /// HSM (SBI spec ch. 9): hart_start, hart_stop, hart_get_status,
    /// hart_suspend.
    fn hsm_call(&self, h: &mut Hart, fid: u64, a: [u64; 6]) -> Ret {
        match fid {
            0 => self.hart_start(a[0], a[1], a[2]),
            1 => {
                h.signals.hsm.store(hsm::STOPPED, Ordering::SeqCst);
                h.signals.exit_req.store(1, Ordering::SeqCst);
                h.attention = true;
                (SUCCESS, 0)
            }
            2 => match self.harts.get(a[0] as usize) {
                Some(t) => (SUCCESS, u64::from(t.hsm.load(Ordering::SeqCst))),
                None => (ERR_INVALID_PARAM, 0),
            },
            3 => suspend(h, a[0] as u32, a[1], a[2]),
            _ => (ERR_NOT_SUPPORTED, 0),
        }
    }

    fn hart_start(&self, id: u64, pc: u64, opaque: u64) -> Ret {
        let Some(t) = self.harts.get(id as usize) else { return (ERR_INVALID_PARAM, 0) };
        if !self.ram.contains(pc, 4) {
            return (ERR_INVALID_ADDRESS, 0);
        }
        if t.hsm.compare_exchange(hsm::STOPPED, hsm::START_PENDING, Ordering::SeqCst, Ordering::SeqCst).is_err() {
            return (ERR_ALREADY_AVAILABLE, 0);
        }
        t.request_start(pc, opaque);
        (SUCCESS, 0)
    }

    fn reset(&self, ty: u64, reason: u64) -> Ret {
        match (ty, reason) {
            (0, 1) => self.power.request(PowerEvent::Fail(1)),
            (0, _) => self.power.request(PowerEvent::Poweroff),
            (1 | 2, _) => self.power.request(PowerEvent::Reset),
            _ => return (ERR_INVALID_PARAM, 0),
        }
        (SUCCESS, 0)
    }

    /// Debug console (SBI spec ch. 12): write from physical memory, read
    /// (nothing to read here: input goes to the UART), write one byte.
    fn dbcn(&self, fid: u64, a: [u64; 6]) -> Ret {
        match fid {
            0 => {
                let mut buf = vec![0u8; a[0].min(1 << 16) as usize];
                if !self.ram.read_bytes(a[1], &mut buf) {
                    return (ERR_INVALID_PARAM, 0);
                }
                self.out(&buf);
                (SUCCESS, buf.len() as u64)
            }
            1 => (SUCCESS, 0),
            2 => {
                self.out(&[a[0] as u8]);
                (SUCCESS, 0)
            }
            _ => (ERR_NOT_SUPPORTED, 0),
        }
    }

    /// Legacy extensions (SBI spec ch. 5, v0.1): a0 is the only result.
    fn legacy(&self, h: &mut Hart, eid: u64, a0: u64) -> Option<u64> {
        Some(match eid {
            0x00 => set_timer(h, a0).0 as u64,
            0x01 => {
                self.out(&[a0 as u8]);
                0
            }
            0x02 => u64::MAX, // console_getchar: nothing available
            0x03 => {
                h.signals.set_irq(IRQ_SSI, false);
                h.csr.mip &= !IRQ_SSI;
                0
            }
            0x04 | 0x05 | 0x06 | 0x07 => {
                let mask = self.ram.read::<u64>(a0).unwrap_or(u64::MAX);
                if eid == 0x04 {
                    self.send_ipi(mask, 0);
                } else {
                    let fid = u64::from(eid != 0x05);
                    self.rfence(h, fid, [mask, 0, 0, 0, 0, 0]);
                }
                0
            }
            0x08 => {
                self.power.request(PowerEvent::Poweroff);
                0
            }
            _ => return None,
        })
    }
}

/// HSM hart_suspend (SBI spec 9.4): both kinds wait as WFI does; a
/// non-retentive suspend resumes at `resume` in S-mode with a0 = hartid,
/// a1 = opaque, satp = 0 and sstatus.SIE = 0.
fn suspend(h: &mut Hart, kind: u32, resume: u64, opaque: u64) -> Ret {
    match kind {
        0 => h.x[10] = SUCCESS as u64,
        0x8000_0000 => {
            h.pc = resume.wrapping_sub(4); // the ecall return adds 4
            h.x[10] = h.id;
            h.x[11] = opaque;
            h.csr.satp = 0;
            h.csr.mstatus &= !MSTATUS_SIE;
            h.tlb.flush_all();
        }
        _ => return (ERR_INVALID_PARAM, 0),
    }
    h.signals.hsm.store(hsm::SUSPENDED, Ordering::SeqCst);
    h.wfi = true;
    h.attention = true;
    (h.x[10] as i64, h.x[11])
}

/// TIME.set_timer: mimic gives S-mode Sstc (menvcfg.STCE = 1), so the
/// timer is stimecmp; writing it also clears a pending STIP.
fn set_timer(h: &mut Hart, t: u64) -> Ret {
    h.csr.menvcfg |= MENVCFG_STCE;
    h.csr.stimecmp = t;
    h.attention = true;
    (SUCCESS, 0)
}

impl Firmware for Sbi {
    fn ecall(&self, h: &mut Hart) -> bool {
        if h.priv_ != Priv::S {
            return false;
        }
        let (eid, fid) = (h.x[17], h.x[16]);
        let a = [h.x[10], h.x[11], h.x[12], h.x[13], h.x[14], h.x[15]];
        if eid <= 0x08 {
            let r = self.legacy(h, eid, a[0]).unwrap_or(ERR_NOT_SUPPORTED as u64);
            h.x[10] = r;
        } else {
            let (err, val) = self.dispatch(h, eid, fid, a);
            h.x[10] = err as u64;
            h.x[11] = val;
        }
        h.pc = h.pc.wrapping_add(4);
        true
    }
}
