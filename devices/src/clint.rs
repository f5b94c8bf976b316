//! CLINT / ACLINT (SiFive CLINT layout as on QEMU virt: MSWI msip words at
//! 0x0 + 4*hart, MTIMER mtimecmp at 0x4000 + 8*hart, mtime at 0xbff8;
//! ACLINT spec 1.0 ch. 2-3).
//!
//! mtime comes from the shared [`Timebase`] (10 MHz, host clock or
//! instruction count); timers are deadlines: a mtimecmp write stores the
//! deadline in the hart's signals and kicks the hart, which compares
//! mtime against it at its check points and sleeps until it in WFI. No
//! thread ticks. 64-bit registers accept 32-bit halves.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use mmu::bus::{Sizes, SIZES_32_64};
use mmu::{HartSignals, MmioDevice, Timebase};

const MSIP_BIT: u64 = 1 << 3;
const MTIMECMP: u64 = 0x4000;
const MTIME: u64 = 0xbff8;

/// Window size on the virt board.
pub const CLINT_SIZE: u64 = 0x10000;

pub struct Clint {
    harts: Vec<Arc<HartSignals>>,
    timebase: Arc<Timebase>,
}

impl Clint {
    pub fn new(harts: Vec<Arc<HartSignals>>, timebase: Arc<Timebase>) -> Clint {
        Clint { harts, timebase }
    }

    fn read64(&self, reg: u64) -> Option<u64> {
        match reg {
            MTIME => Some(self.timebase.now()),
            r if (MTIMECMP..MTIMECMP + 8 * self.harts.len() as u64).contains(&r) => {
                Some(self.harts[((r - MTIMECMP) / 8) as usize].mtimecmp.load(Ordering::Relaxed))
            }
            _ => None,
        }
    }

    fn write64(&self, reg: u64, v: u64) {
        if reg == MTIME {
            self.timebase.set(v);
            self.harts.iter().for_each(|h| h.kick());
        } else if (MTIMECMP..MTIMECMP + 8 * self.harts.len() as u64).contains(&reg) {
            let h = &self.harts[((reg - MTIMECMP) / 8) as usize];
            h.mtimecmp.store(v, Ordering::SeqCst);
            h.kick();
        }
    }
}

impl MmioDevice for Clint {
    fn read(&self, offset: u64, size: u8) -> u64 {
        if offset < 4 * self.harts.len() as u64 {
            let h = &self.harts[(offset / 4) as usize];
            return u64::from(h.irq() & MSIP_BIT != 0);
        }
        let reg = offset & !7;
        let v = self.read64(reg).unwrap_or(0);
        match (size, offset & 4) {
            (4, 0) => v & 0xffff_ffff,
            (4, _) => v >> 32,
            _ => v,
        }
    }

    fn write(&self, offset: u64, size: u8, value: u64) {
        if offset < 4 * self.harts.len() as u64 {
            let h = &self.harts[(offset / 4) as usize];
            h.set_irq(MSIP_BIT, value & 1 != 0);
            return;
        }
        let reg = offset & !7;
        let Some(old) = self.read64(reg) else { return };
        let v = match (size, offset & 4) {
            (4, 0) => (old & !0xffff_ffff) | (value & 0xffff_ffff),
            (4, _) => (old & 0xffff_ffff) | value << 32,
            _ => value,
        };
        self.write64(reg, v);
    }

    fn sizes(&self) -> Sizes {
        SIZES_32_64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn msip_mtimecmp_halves() {
        let h = HartSignals::new();
        let c = Clint::new(vec![h.clone()], Arc::new(Timebase::new(true)));
        c.write(0, 4, 1);
        assert_eq!(h.irq() & MSIP_BIT, MSIP_BIT);
        assert_eq!(c.read(0, 4), 1);
        c.write(MTIMECMP, 4, 0x1234);
        c.write(MTIMECMP + 4, 4, 0x5);
        assert_eq!(h.mtimecmp.load(Ordering::SeqCst), 0x5_0000_1234);
        assert_eq!(c.read(MTIMECMP + 4, 4), 5);
        c.write(MTIME, 8, 1000);
        assert!(c.read(MTIME, 8) >= 1000);
    }
}
