//! The sifive,test finisher at 0x10_0000 (QEMU hw/misc/sifive_test.c):
//! a 32-bit write of 0x5555 powers off, 0x3333 | code << 16 powers off
//! reporting failure with `code`, 0x7777 resets. Reads return 0; other
//! values are ignored.

use std::sync::Arc;

use mmu::bus::SIZES_32;
use mmu::{MmioDevice, Power, PowerEvent};

pub struct SifiveTest {
    power: Arc<Power>,
}

impl SifiveTest {
    pub fn new(power: Arc<Power>) -> SifiveTest {
        SifiveTest { power }
    }
}

impl MmioDevice for SifiveTest {
    fn read(&self, _offset: u64, _size: u8) -> u64 {
        0
    }

    fn write(&self, offset: u64, _size: u8, value: u64) {
        if offset != 0 {
            return;
        }
        match value & 0xffff {
            0x5555 => self.power.request(PowerEvent::Poweroff),
            0x3333 => self.power.request(PowerEvent::Fail((value >> 16) as u32 & 0xffff)),
            0x7777 => self.power.request(PowerEvent::Reset),
            _ => {}
        }
    }

    fn sizes(&self) -> mmu::bus::Sizes {
        SIZES_32
    }
}
