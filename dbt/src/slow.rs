//! Shared slow paths for loads and stores. A TLB miss in generated code
//! jumps to a few bytes of per-access cold code:
//!
//! ```text
//! lea  rdx, [descriptor]      ; this access: pc, sizes, register map
//! call slow_load / slow_store ; shared stub: save host regs, call Rust
//! test eax, eax ; jnz block_exit ; jmp resume
//! ```
//!
//! The shared stub saves every guest-register cache register into
//! `Hart::jit_save`, calls [`helper_slow_load`]/[`helper_slow_store`] (which
//! read the descriptor, write dirty guest registers back, perform the access
//! through `Hart::load`/`store` and put a load's result in the save slot of
//! its destination), then restores the registers and returns a status:
//! 0 = resume, otherwise an `Exit` code + 1 for `block_exit`.
//!
//! Invariant: a descriptor lists exactly the dirty (guest, host) pairs of
//! the allocator at its access, so after any exit memory holds every guest
//! register the block changed.

use cpu::trap::{take_trap, Trap};
use cpu::Hart;
use dynasmrt::{dynasm, DynasmApi};

use crate::code_memory::CodeMemory;
use crate::emit::{Asm, Exit};
use crate::layout::{CACHE_REGS, SAVE};

/// No destination register.
pub const NONE: u8 = 0xff;

/// Set in a descriptor's host register number when the register holds a
/// Narrow value (`regalloc::Form`): only its low word, sign-extended.
pub const NARROW: u8 = 0x10;

/// What the slow path needs to know about one access (emitted as data in
/// the block, 8-byte aligned).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct SlowDesc {
    /// pc of the access, and of the next instruction.
    pub pc: u64,
    pub next: u64,
    /// Budget of the instructions after this one (given back on exits).
    pub back: u32,
    pub size: u8,
    pub signed: u8,
    /// Host register receiving a load's result (`NONE` for stores or x0).
    pub dest: u8,
    /// Guest register of a load's result (0 for stores).
    pub rd: u8,
    pub ndirty: u8,
    /// (guest, host) of each dirty cached register (host | `NARROW` for a
    /// Narrow value).
    pub dirty: [[u8; 2]; 11],
}

impl SlowDesc {
    /// Appends the descriptor's bytes (its `repr(C)` layout) to `v`.
    pub fn write(&self, v: &mut impl Extend<u8>) {
        v.extend(self.pc.to_le_bytes());
        v.extend(self.next.to_le_bytes());
        v.extend(self.back.to_le_bytes());
        v.extend([self.size, self.signed, self.dest, self.rd, self.ndirty]);
        v.extend(self.dirty.iter().flatten().copied());
    }
}

const _: () = assert!(std::mem::size_of::<SlowDesc>() == 8 + 8 + 4 + 5 + 22 + 1);

/// The two shared stubs.
#[derive(Clone, Copy, Debug)]
pub struct SlowStubs {
    pub load: usize,
    pub store: usize,
}

fn save_all(ops: &mut Asm) {
    for r in CACHE_REGS {
        dynasm!(ops ; mov QWORD [rbx + SAVE + 8 * i32::from(r)], Rq(r));
    }
}

fn restore_all(ops: &mut Asm) {
    for r in CACHE_REGS {
        dynasm!(ops ; mov Rq(r), QWORD [rbx + SAVE + 8 * i32::from(r)]);
    }
}

impl SlowStubs {
    /// Emits the stubs into `mem`. On entry rax = va, rdx = descriptor,
    /// rcx = store value; rsp is 8 below a 16-byte boundary (we were called).
    pub fn emit(mem: &mut CodeMemory) -> Option<SlowStubs> {
        let base = mem.next_rx();
        let mut ops = Asm::new(base);
        let stub = |ops: &mut Asm, helper: usize| {
            let at = ops.offset().0;
            save_all(ops);
            dynasm!(ops
                ; mov rdi, rbx
                ; mov rsi, rax
                ; sub rsp, 8
                ; mov rax, QWORD helper as i64
                ; call rax
                ; add rsp, 8
            );
            restore_all(ops);
            dynasm!(ops ; ret);
            at
        };
        let load = stub(&mut ops, helper_slow_load as *const () as usize);
        let store = stub(&mut ops, helper_slow_store as *const () as usize);
        let code = ops.finalize().ok()?;
        let at = mem.commit(&code)?;
        Some(SlowStubs { load: at + load, store: at + store })
    }
}

/// Turns generated code's pointers back into references.
///
/// # Safety
/// `h` is the hart of the running code (see `runtime`'s contract); `d`
/// points at a descriptor emitted in a live block.
unsafe fn args<'a>(h: *mut Hart, d: *const SlowDesc) -> (&'a mut Hart, &'a SlowDesc) {
    // SAFETY: per the contract above.
    unsafe { (&mut *h, &*d) }
}

fn enter(h: &mut Hart, d: &SlowDesc) {
    h.pc = d.pc;
    h.budget += i64::from(d.back);
    h.sync_instret();
    for &[g, r] in &d.dirty[..usize::from(d.ndirty)] {
        let v = h.jit_save[usize::from(r & 15)];
        h.x[usize::from(g & 31)] = if r & NARROW != 0 { v as i32 as i64 as u64 } else { v };
    }
}

/// After a successful access: resume (0), or leave after retiring it
/// (translated code was written, or the run loop must look).
fn done(h: &mut Hart, d: &SlowDesc) -> u32 {
    let exit_req = h.signals.exit_req.load(std::sync::atomic::Ordering::Relaxed) != 0;
    if std::mem::take(&mut h.code_written) || h.attention || exit_req {
        h.budget -= 1;
        h.pc = d.next;
        return Exit::Next as u32 + 1;
    }
    h.budget -= i64::from(d.back);
    0
}

fn trapped(h: &mut Hart, e: cpu::Exception) -> u32 {
    let pc = h.pc;
    take_trap(h, Trap::Exception(e), pc);
    Exit::Trap as u32 + 1
}

fn extend(v: u64, size: u8, signed: bool) -> u64 {
    match (size, signed) {
        (1, true) => v as u8 as i8 as i64 as u64,
        (2, true) => v as u16 as i16 as i64 as u64,
        (4, true) => v as u32 as i32 as i64 as u64,
        _ => v,
    }
}

/// The slow path of a load (TLB miss, MMIO, misaligned, fault).
pub extern "sysv64" fn helper_slow_load(h: *mut Hart, va: u64, d: *const SlowDesc) -> u32 {
    // SAFETY: see `args`.
    let (h, d) = unsafe { args(h, d) };
    enter(h, d);
    let r = match d.size {
        1 => h.load::<u8>(va).map(u64::from),
        2 => h.load::<u16>(va).map(u64::from),
        4 => h.load::<u32>(va).map(u64::from),
        _ => h.load::<u64>(va),
    };
    match r {
        Ok(v) => {
            let v = extend(v, d.size, d.signed != 0);
            if d.dest != NONE {
                h.jit_save[usize::from(d.dest & 15)] = v;
            }
            if d.rd != 0 {
                h.x[usize::from(d.rd & 31)] = v;
            }
            done(h, d)
        }
        Err(e) => trapped(h, e),
    }
}

/// The slow path of a store (TLB miss, MMIO, code page, misaligned, fault).
pub extern "sysv64" fn helper_slow_store(h: *mut Hart, va: u64, d: *const SlowDesc, v: u64) -> u32 {
    // SAFETY: see `args`.
    let (h, d) = unsafe { args(h, d) };
    enter(h, d);
    let r = match d.size {
        1 => h.store::<u8>(va, v as u8),
        2 => h.store::<u16>(va, v as u16),
        4 => h.store::<u32>(va, v as u32),
        _ => h.store::<u64>(va, v),
    };
    match r {
        Ok(()) => done(h, d),
        Err(e) => trapped(h, e),
    }
}
