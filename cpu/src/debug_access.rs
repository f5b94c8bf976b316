//! A debugger's view of a hart's memory: virtual addresses translated as
//! the hart's current data accesses would be (its effective privilege and
//! satp), RAM only, with no guest-visible effect.
//!
//! Invariants: nothing here fills or flushes the TLB, raises an exception,
//! touches a device register, or sets a PTE's A/D bits (a page the guest
//! never accessed reads as unmapped); SUM and MXR are treated as set so
//! the debugger can read user pages and execute-only code. Writes go
//! through `note_write`, so translated code covering them is invalidated.

use mmu::walk::{self, WalkCtx};
use mmu::{Access, PAGE_SIZE};

use crate::hart::Hart;

impl Hart {
    /// The physical address of virtual `va` for the debugger, or None if
    /// unmapped.
    pub fn debug_translate(&self, va: u64) -> Option<u64> {
        let ctx = WalkCtx { sum: true, mxr: true, adue: false, ..self.walk_ctx(self.dpriv) };
        walk::translate(&self.bus, &self.pmp, &ctx, va, Access::Read, &mut |_| {}).ok().map(|t| t.pa)
    }

    /// Splits `[addr, addr + len)` into physical RAM pieces (stopping at
    /// the first unmapped byte): (physical address, offset, length).
    fn debug_pieces(&self, addr: u64, len: usize, phys: bool) -> Vec<(u64, usize, usize)> {
        let mut v = Vec::new();
        let mut done = 0usize;
        while done < len {
            let va = addr.wrapping_add(done as u64);
            let n = ((PAGE_SIZE - (va & (PAGE_SIZE - 1))) as usize).min(len - done);
            let pa = if phys { Some(va) } else { self.debug_translate(va) };
            match pa.filter(|&pa| self.bus.ram().contains(pa, n as u64)) {
                Some(pa) => v.push((pa, done, n)),
                None => break,
            }
            done += n;
        }
        v
    }

    /// Reads up to `len` bytes at `addr` (virtual unless `phys`); the
    /// result is shorter when it reaches unmapped memory or a device.
    pub fn debug_read(&self, addr: u64, len: usize, phys: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(len);
        for (pa, _, n) in self.debug_pieces(addr, len, phys) {
            let mut buf = vec![0u8; n];
            if !self.bus.ram().read_bytes(pa, &mut buf) {
                break;
            }
            out.extend_from_slice(&buf);
        }
        out
    }

    /// Writes `data` at `addr` (virtual unless `phys`); false (and nothing
    /// written) unless every byte is in mapped RAM.
    pub fn debug_write(&mut self, addr: u64, data: &[u8], phys: bool) -> bool {
        let pieces = self.debug_pieces(addr, data.len(), phys);
        if pieces.iter().map(|p| p.2).sum::<usize>() != data.len() {
            return false;
        }
        for (pa, off, n) in pieces {
            if !self.bus.ram().write_bytes(pa, &data[off..off + n]) {
                return false;
            }
            self.note_write(pa, n as u64);
        }
        true
    }
}
