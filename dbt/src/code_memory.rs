//! Code memory: one region of host memory mapped twice from a memfd, a
//! read-write view the emitter writes and patches through, and a
//! read-execute view generated code runs from. No page is ever writable
//! and executable in the same mapping (W^X), and patching a chained jump
//! is a single aligned 4-byte store through the RW view, with no
//! `mprotect` calls (the approach of wasmtime's and JSC's dual mappings).
//!
//! This is one of the two places (with `mmu::ram`) where mimic uses
//! `unsafe`; every block says why it is sound.
//!
//! Invariants: `used <= size`; bytes below `used` were written through
//! the RW view before their RX address was handed out; RX addresses are
//! only handed out for committed bytes.

use std::io;
use std::ptr::NonNull;

/// Bytes of code memory faulted in at a time (see `populate`).
const POPULATE_CHUNK: usize = 1 << 20;

/// A dual-mapped code region.
pub struct CodeMemory {
    rw: NonNull<u8>,
    rx: NonNull<u8>,
    size: usize,
    used: usize,
}

// SAFETY: the mappings are owned by this value; writes go through &mut self.
unsafe impl Send for CodeMemory {}

fn last_os_error(what: &str) -> io::Error {
    let e = io::Error::last_os_error();
    io::Error::new(e.kind(), format!("code memory: {what}: {e}"))
}

impl CodeMemory {
    /// Maps `size` bytes (rounded up to pages) of code memory.
    pub fn new(size: usize) -> io::Result<CodeMemory> {
        let size = size.div_ceil(4096) * 4096;
        // SAFETY: memfd_create with a valid NUL-terminated name; the fd is
        // checked and closed below once both views are mapped.
        let fd = unsafe { libc::memfd_create(c"mimic-code".as_ptr(), libc::MFD_CLOEXEC) };
        if fd < 0 {
            return Err(last_os_error("memfd_create"));
        }
        let r = Self::map(fd, size);
        // SAFETY: fd is a valid descriptor we own; mappings keep the file alive.
        unsafe { libc::close(fd) };
        r
    }

    fn map(fd: i32, size: usize) -> io::Result<CodeMemory> {
        // SAFETY: fd is valid; ftruncate only sizes the anonymous file.
        if unsafe { libc::ftruncate(fd, size as libc::off_t) } != 0 {
            return Err(last_os_error("ftruncate"));
        }
        let view = |prot| {
            // SAFETY: a fresh shared mapping of our own file; the result is
            // checked against MAP_FAILED before use.
            let p = unsafe { libc::mmap(std::ptr::null_mut(), size, prot, libc::MAP_SHARED, fd, 0) };
            if p == libc::MAP_FAILED {
                Err(last_os_error("mmap"))
            } else {
                Ok(NonNull::new(p as *mut u8).expect("mmap never returns null on success"))
            }
        };
        let rw = view(libc::PROT_READ | libc::PROT_WRITE)?;
        let rx = match view(libc::PROT_READ | libc::PROT_EXEC) {
            Ok(p) => p,
            Err(e) => {
                // SAFETY: unmapping the RW view we just created.
                unsafe { libc::munmap(rw.as_ptr().cast(), size) };
                return Err(e);
            }
        };
        let mem = CodeMemory { rw, rx, size, used: 0 };
        mem.populate(0);
        Ok(mem)
    }

    /// Bytes still free.
    pub fn free(&self) -> usize {
        self.size - self.used
    }

    /// The RX address where the next committed bytes will live.
    pub fn next_rx(&self) -> usize {
        self.rx.as_ptr() as usize + self.used
    }

    /// Copies `code` (assembled for address `next_rx()`) into the region
    /// and returns its RX address, or None if it does not fit.
    pub fn commit(&mut self, code: &[u8]) -> Option<usize> {
        if code.len() > self.free() {
            return None;
        }
        let at = self.next_rx();
        // SAFETY: the destination range [used, used + len) lies inside the
        // RW view (checked above) and does not overlap `code`.
        unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), self.rw.as_ptr().add(self.used), code.len()) };
        let before = self.used;
        self.used = (self.used + code.len()).div_ceil(16) * 16;
        self.used = self.used.min(self.size);
        if before / POPULATE_CHUNK != self.used / POPULATE_CHUNK {
            self.populate(self.used / POPULATE_CHUNK * POPULATE_CHUNK);
        }
        Some(at)
    }

    /// Faults in the chunk at offset `off` in both views ahead of use: one
    /// system call instead of a page fault per 4 KiB page in each view.
    /// Only a hint (needs Linux 5.14); failure changes nothing.
    fn populate(&self, off: usize) {
        let len = POPULATE_CHUNK.min(self.size - off);
        if len == 0 {
            return;
        }
        // SAFETY: [off, off + len) lies inside both mappings we own;
        // MADV_POPULATE_* only pre-faults pages and never changes contents.
        unsafe {
            libc::madvise(self.rw.as_ptr().add(off).cast(), len, libc::MADV_POPULATE_WRITE);
            libc::madvise(self.rx.as_ptr().add(off).cast(), len, libc::MADV_POPULATE_READ);
        }
    }

    /// Whether `rx` is a committed address of this region.
    pub fn contains(&self, rx: usize, len: usize) -> bool {
        let base = self.rx.as_ptr() as usize;
        rx >= base && rx + len <= base + self.used
    }

    /// Writes the rel32 displacement of a jump whose 4 displacement bytes
    /// live at RX address `at`, so that it lands on `target`. The store is
    /// one aligned-or-not 4-byte write; callers only patch displacements
    /// that do not straddle a cache line (the emitter aligns them).
    pub fn patch_rel32(&mut self, at: usize, target: usize) -> bool {
        if !self.contains(at, 4) {
            return false;
        }
        let rel = (target as i64 - (at as i64 + 4)) as i32;
        let off = at - self.rx.as_ptr() as usize;
        // SAFETY: [off, off + 4) is inside the committed part of the RW view
        // (checked by `contains`); a relaxed atomic store makes the update
        // indivisible for any thread executing the jump.
        unsafe {
            let p = self.rw.as_ptr().add(off) as *mut i32;
            std::sync::atomic::AtomicI32::from_ptr(p).store(rel, std::sync::atomic::Ordering::Release);
        }
        true
    }

    /// Writes `jmp rel32` to `target` over the 5 bytes at `at` (the
    /// checked entry of a stale block). Code memory is per hart and the
    /// hart is in the dispatcher, so nothing executes these bytes now.
    pub fn patch_jmp(&mut self, at: usize, target: usize) -> bool {
        if !self.contains(at, 5) {
            return false;
        }
        let rel = (target as i64 - (at as i64 + 5)) as i32;
        let off = at - self.rx.as_ptr() as usize;
        let mut bytes = [0xe9u8; 5];
        bytes[1..].copy_from_slice(&rel.to_le_bytes());
        // SAFETY: [off, off + 5) is inside the committed part of the RW
        // view (checked by `contains`); see the note above on who runs it.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.rw.as_ptr().add(off) as *mut u8, 5) };
        true
    }

    /// Forgets everything committed after `mark` (a `used()` value): the
    /// code cache was flushed; old RX addresses past `mark` must no longer
    /// be reachable from any block or table.
    pub fn reset_to(&mut self, mark: usize) {
        self.used = mark.min(self.used);
    }

    /// Bytes committed so far (a mark for `reset_to`).
    pub fn used(&self) -> usize {
        self.used
    }

    /// The committed bytes (for disassembly in traces), read through RW.
    pub fn bytes(&self, rx: usize, len: usize) -> Option<&[u8]> {
        if !self.contains(rx, len) {
            return None;
        }
        let off = rx - self.rx.as_ptr() as usize;
        // SAFETY: inside the committed RW view; the slice borrows self.
        Some(unsafe { std::slice::from_raw_parts(self.rw.as_ptr().add(off), len) })
    }
}

impl Drop for CodeMemory {
    fn drop(&mut self) {
        // SAFETY: both views were mapped by `new` with exactly `size` bytes.
        unsafe {
            libc::munmap(self.rw.as_ptr().cast(), self.size);
            libc::munmap(self.rx.as_ptr().cast(), self.size);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_execute_patch() {
        let mut m = CodeMemory::new(8192).unwrap();
        // mov eax, 7; ret
        let f = m.commit(&[0xb8, 7, 0, 0, 0, 0xc3]).unwrap();
        // SAFETY (test): f points at committed, executable code of this shape.
        let call: extern "sysv64" fn() -> u32 = unsafe { std::mem::transmute(f) };
        assert_eq!(call(), 7);
        // jmp rel32 to f, then patch it to a second function.
        let g = m.commit(&[0xb8, 9, 0, 0, 0, 0xc3]).unwrap();
        let j = m.commit(&[0xe9, 0, 0, 0, 0]).unwrap();
        assert!(m.patch_rel32(j + 1, f));
        // SAFETY (test): j is a jump to a function returning u32.
        let call_j: extern "sysv64" fn() -> u32 = unsafe { std::mem::transmute(j) };
        assert_eq!(call_j(), 7);
        assert!(m.patch_rel32(j + 1, g));
        assert_eq!(call_j(), 9);
        assert!(!m.patch_rel32(j + 100, g), "outside committed code");
    }
}
