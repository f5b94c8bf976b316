//! HTIF, the riscv-tests host interface (riscv-fesvr's htif; QEMU
//! hw/char/riscv_htif.c): a device overlaid on the ELF's `tohost` and
//! `fromhost` words. A write to tohost is a command (device = bits 63:56,
//! command = bits 55:48, payload = bits 47:0):
//! - device 0, payload odd: exit; payload >> 1 is 0 for pass, else the
//!   number of the failing test;
//! - device 0, payload even: a pointer to a syscall block (magic_mem):
//!   `write` (64) prints, `exit` (93) exits; fromhost is set to 1;
//! - device 1, command 1: print the low byte (fromhost acknowledges).
//!
//! As in QEMU, a 32-bit write to the low word only latches it; the command
//! runs on the write of the high word (or on one 64-bit write).

use std::io::Write;
use std::sync::{Arc, Mutex};

use mmu::bus::SIZES_32_64;
use mmu::{MmioDevice, Power, PowerEvent, Ram};

const SYS_WRITE: u64 = 64;
const SYS_EXIT: u64 = 93;

struct State {
    tohost: u64,
    fromhost: u64,
    out: Box<dyn Write + Send>,
}

/// The tohost/fromhost pair. Map `tohost` at the ELF's `tohost` symbol
/// (8 bytes) and the same device's `fromhost` view at `fromhost`.
pub struct Htif {
    st: Mutex<State>,
    power: Arc<Power>,
    ram: Arc<Ram>,
}

/// One of the two HTIF words, as a bus window.
pub struct HtifWord {
    htif: Arc<Htif>,
    is_tohost: bool,
}

impl Htif {
    /// `ram` is read for syscall blocks.
    pub fn new(out: Box<dyn Write + Send>, power: Arc<Power>, ram: Arc<Ram>) -> Arc<Htif> {
        Arc::new(Htif { st: Mutex::new(State { tohost: 0, fromhost: 0, out }), power, ram })
    }

    pub fn word(self: &Arc<Self>, is_tohost: bool) -> HtifWord {
        HtifWord { htif: self.clone(), is_tohost }
    }

    fn command(&self, st: &mut State, v: u64) {
        let (dev, cmd, payload) = (v >> 56, v >> 48 & 0xff, v & 0xffff_ffff_ffff);
        match (dev, cmd) {
            (0, _) if payload & 1 == 1 => self.power.request(PowerEvent::Htif(payload)),
            (0, _) if payload != 0 => {
                self.syscall(st, payload);
                st.fromhost = 1;
            }
            (1, 1) => {
                let _ = st.out.write_all(&[payload as u8]);
                let _ = st.out.flush();
                st.fromhost = (1 << 56) | (1 << 48);
            }
            _ => {}
        }
        st.tohost = 0;
    }

    fn syscall(&self, st: &mut State, block: u64) {
        let mut raw = [0u8; 32];
        if !self.ram.read_bytes(block, &mut raw) {
            return;
        }
        let w = |i: usize| u64::from_le_bytes(raw[8 * i..8 * i + 8].try_into().unwrap_or_default());
        match w(0) {
            SYS_WRITE => {
                let len = w(3).min(1 << 20) as usize;
                let mut buf = vec![0u8; len];
                if self.ram.read_bytes(w(2), &mut buf) {
                    let _ = st.out.write_all(&buf);
                    let _ = st.out.flush();
                }
            }
            SYS_EXIT => self.power.request(PowerEvent::Htif(w(1) << 1 | 1)),
            _ => {}
        }
    }
}

impl MmioDevice for HtifWord {
    fn read(&self, offset: u64, size: u8) -> u64 {
        let st = self.htif.st.lock().unwrap_or_else(|e| e.into_inner());
        let v = if self.is_tohost { st.tohost } else { st.fromhost };
        match (size, offset) {
            (4, 4) => v >> 32,
            (4, _) => v & 0xffff_ffff,
            _ => v,
        }
    }

    fn write(&self, offset: u64, size: u8, value: u64) {
        let mut st = self.htif.st.lock().unwrap_or_else(|e| e.into_inner());
        if !self.is_tohost {
            st.fromhost = match (size, offset) {
                (4, 4) => (st.fromhost & 0xffff_ffff) | value << 32,
                (4, _) => (st.fromhost & !0xffff_ffff) | (value & 0xffff_ffff),
                _ => value,
            };
            return;
        }
        match (size, offset) {
            (4, 0) => st.tohost = (st.tohost & !0xffff_ffff) | (value & 0xffff_ffff),
            (4, _) => {
                let v = (st.tohost & 0xffff_ffff) | value << 32;
                self.htif.command(&mut st, v);
            }
            _ => self.htif.command(&mut st, value),
        }
    }

    fn sizes(&self) -> mmu::bus::Sizes {
        SIZES_32_64
    }
}
