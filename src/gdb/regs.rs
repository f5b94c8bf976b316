//! Reading and writing one hart register by GDB number (see `arch`),
//! through the CPU's own state and its one CSR access path
//! (`csr::read_raw`/`write_raw`, which apply WARL rules and side effects).
//!
//! Runs on the hart's thread while the machine is paused.

use mimic_cpu::{csr, Hart};
use mimic_mmu::Priv;

use super::arch::{size_of, CSR0, F0, PC, PRIV};

/// Register `n`'s value, None if it is not described or does not exist.
pub fn read(h: &Hart, n: usize) -> Option<u64> {
    size_of(n)?;
    Some(match n {
        0..=31 => h.x[n],
        PC => h.pc,
        F0..=64 => h.f[n - F0],
        PRIV => h.priv_ as u64,
        _ => csr::read_raw(h, (n - CSR0) as u16)?,
    })
}

/// Writes register `n`; false if it is not described or not writable.
pub fn write(h: &mut Hart, n: usize, v: u64) -> bool {
    if size_of(n).is_none() {
        return false;
    }
    match n {
        0..=31 => h.set_x(n as u8, v),
        PC => h.pc = v,
        F0..=64 => {
            h.f[n - F0] = v;
            h.fs_dirty();
        }
        PRIV => match Priv::from_bits(v).filter(|_| v <= 3) {
            Some(p) => h.set_priv(p),
            None => return false,
        },
        _ => return csr_write(h, (n - CSR0) as u16, v),
    }
    true
}

/// A CSR write from the debugger; translations may change with it.
fn csr_write(h: &mut Hart, addr: u16, v: u64) -> bool {
    let ok = csr::write_raw(h, addr, v);
    if ok {
        h.tlb.flush_all();
    }
    ok
}

/// Decodes a little-endian register value of `bytes.len()` bytes.
pub fn from_le(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || bytes.len() > 8 {
        return None;
    }
    let mut b = [0u8; 8];
    b[..bytes.len()].copy_from_slice(bytes);
    Some(u64::from_le_bytes(b))
}
