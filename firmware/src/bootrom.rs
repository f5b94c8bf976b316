//! The boot ROM at 0x1000 (QEMU hw/riscv/boot.c's reset vector): every
//! hart starts here in M-mode, loads a0 = mhartid, a1 = the DTB address,
//! a2 = the fw_dynamic_info block (OpenSBI's firmware/fw_dynamic.S
//! interface: magic "OSBI", version 2, next_addr, next_mode = S, options,
//! boot_hart), and jumps to the firmware at `start`. Read-only and
//! executable; writes are ignored.

use mmu::MmioDevice;

/// Base and size of the ROM window.
pub const ROM_BASE: u64 = 0x1000;
pub const ROM_SIZE: u64 = 0x1000;

const FW_DYNAMIC_MAGIC: u64 = 0x4942_534f;
const NEXT_MODE_S: u64 = 1;

/// The ROM contents.
pub struct BootRom {
    bytes: Vec<u8>,
}

impl BootRom {
    /// A reset vector jumping to `start` (the firmware) with `fdt`, and a
    /// fw_dynamic_info telling the firmware to continue at `next`.
    pub fn new(start: u64, fdt: u64, next: u64) -> BootRom {
        let code: [u32; 6] = [
            0x0000_0297, // auipc t0, 0
            0x0282_8613, // addi  a2, t0, 40   (fw_dynamic_info)
            0xf140_2573, // csrr  a0, mhartid
            0x0202_b583, // ld    a1, 32(t0)   (fdt)
            0x0182_b283, // ld    t0, 24(t0)   (start)
            0x0002_8067, // jr    t0
        ];
        let mut bytes: Vec<u8> = code.iter().flat_map(|w| w.to_le_bytes()).collect();
        for v in [start, fdt, FW_DYNAMIC_MAGIC, 2, next, NEXT_MODE_S, 0, u64::MAX] {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        BootRom { bytes }
    }
}

impl MmioDevice for BootRom {
    fn read(&self, off: u64, size: u8) -> u64 {
        (0..u64::from(size)).fold(0, |v, i| {
            v | u64::from(self.bytes.get((off + i) as usize).copied().unwrap_or(0)) << (8 * i)
        })
    }

    fn write(&self, _off: u64, _size: u8, _value: u64) {}

    fn executable(&self) -> bool {
        true
    }
}
