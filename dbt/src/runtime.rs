//! Entering and leaving generated code, and the helpers it calls.
//!
//! `enter(hart, code)` saves the host's callee-saved registers, pins the
//! hart in rbx and jumps to a block; blocks leave through the shared
//! epilogue with an [`Exit`](crate::emit::Exit) code in eax. Helpers are
//! `extern "sysv64"` functions taking the hart pointer first; they run the
//! same `cpu` code the interpreter runs (DESIGN.md §3).
//!
//! Safety contract of every helper: `h` is the hart the dispatcher passed
//! to `enter`, exclusively borrowed for the whole run of generated code
//! (the dispatcher holds `&mut Hart` and does nothing else meanwhile), so
//! turning it back into `&mut Hart` creates no aliasing. `d` pointers come
//! from the block's own decoded-instruction array, alive while its code is.

use cpu::exec::exec;
use cpu::isa::decode;
use cpu::trap::{take_trap, Trap};
use cpu::{Decoded, Hart};
use dynasmrt::{dynasm, DynasmApi};

use crate::code_memory::CodeMemory;
use crate::emit::Asm;

/// The entry and exit sequences, committed once per code memory.
#[derive(Clone, Copy, Debug)]
pub struct Trampoline {
    pub enter: usize,
    pub epilogue: usize,
}

impl Trampoline {
    /// Emits the trampoline at the start of `mem`.
    pub fn emit(mem: &mut CodeMemory) -> Option<Trampoline> {
        let base = mem.next_rx();
        let mut ops = Asm::new(base);
        dynasm!(ops
            ; push rbx ; push rbp ; push r12 ; push r13 ; push r14 ; push r15
            ; sub rsp, 8
            ; mov rbx, rdi
            ; jmp rsi
        );
        let epi = ops.offset().0;
        dynasm!(ops
            ; add rsp, 8
            ; pop r15 ; pop r14 ; pop r13 ; pop r12 ; pop rbp ; pop rbx
            ; ret
        );
        let code = ops.finalize().ok()?;
        let at = mem.commit(&code)?;
        Some(Trampoline { enter: at, epilogue: at + epi })
    }

    /// Runs generated code at `code` until it exits; returns the exit code.
    pub fn run(&self, h: &mut Hart, code: usize) -> u32 {
        // SAFETY: `enter` is the trampoline emitted above with this exact
        // signature; `code` is a committed block entry of the same code
        // memory; the block only touches `h` through rbx (and helpers per
        // the contract above) and returns through the epilogue, restoring
        // every callee-saved register and the stack pointer.
        let f: extern "sysv64" fn(*mut Hart, usize) -> u32 = unsafe { std::mem::transmute(self.enter) };
        f(h as *mut Hart, code)
    }
}

/// Turns the pointer generated code passes back into the hart.
///
/// # Safety
/// See the module contract.
unsafe fn hart<'a>(h: *mut Hart) -> &'a mut Hart {
    // SAFETY: per the module contract, `h` is valid and uniquely borrowed.
    unsafe { &mut *h }
}

/// Executes one instruction through the interpreter's semantics. Returns
/// 0 to continue with the next instruction of the block, 1 to leave the
/// block (pc is set: next instruction, jump target or trap handler).
/// A retired instruction takes one unit of budget.
pub extern "sysv64" fn helper_exec(h: *mut Hart, d: *const Decoded) -> u32 {
    // SAFETY: module contract.
    let (h, d) = unsafe { (hart(h), &*d) };
    h.sync_instret();
    let pc = h.pc;
    exec_one(h, d, pc)
}

/// Executes an instruction that straddles two pages: fetches it through
/// the MMU now (exact faults and tval, and the current bytes of both
/// pages), re-decoding into the block's slot when they changed, then
/// executes it as `helper_exec` does.
pub extern "sysv64" fn helper_exec_fetch(h: *mut Hart, d: *mut Decoded) -> u32 {
    // SAFETY: module contract; the slot is the block's own (no reference
    // to it is alive while generated code runs).
    let (h, slot) = unsafe { (hart(h), &mut *d) };
    h.sync_instret();
    let pc = h.pc;
    let raw = match h.fetch() {
        Ok(raw) => raw,
        Err(e) => {
            take_trap(h, Trap::Exception(e), pc);
            return 1;
        }
    };
    if slot.raw != raw {
        *slot = decode(raw);
    }
    let d = *slot;
    exec_one(h, &d, pc)
}

fn exec_one(h: &mut Hart, d: &Decoded, pc: u64) -> u32 {
    match exec(h, d) {
        Ok(()) => {
            h.budget -= 1;
            let sequential = h.pc == pc.wrapping_add(u64::from(d.len));
            u32::from(!sequential || h.attention || h.code_written)
        }
        Err(e) => {
            take_trap(h, Trap::Exception(e), pc);
            1
        }
    }
}

/// Result of a slow memory access: (value, status) in rax:rdx; status 0 =
/// done, 1 = a trap was taken, 2 = done but translated code was written.
#[repr(C)]
pub struct MemRet {
    pub value: u64,
    pub status: u64,
}

fn mem_status(h: &mut Hart, r: Result<u64, cpu::Exception>) -> MemRet {
    match r {
        Ok(value) => {
            // Leave after this instruction when it wrote translated code or
            // had side effects the run loop must see (a device raised an
            // interrupt or a power event): the interpreter would look at
            // them before the next instruction too.
            let exit_req = h.signals.exit_req.load(std::sync::atomic::Ordering::Relaxed) != 0;
            let status = if std::mem::take(&mut h.code_written) || h.attention || exit_req { 2 } else { 0 };
            MemRet { value, status }
        }
        Err(e) => {
            let pc = h.pc;
            take_trap(h, Trap::Exception(e), pc);
            MemRet { value: 0, status: 1 }
        }
    }
}

macro_rules! load_helper {
    ($name:ident, $t:ty) => {
        /// Slow-path load (TLB miss, MMIO, misaligned, fault).
        pub extern "sysv64" fn $name(h: *mut Hart, va: u64) -> MemRet {
            // SAFETY: module contract.
            let h = unsafe { hart(h) };
            h.sync_instret();
            let r = h.load::<$t>(va).map(u64::from);
            mem_status(h, r)
        }
    };
}

macro_rules! store_helper {
    ($name:ident, $t:ty) => {
        /// Slow-path store (TLB miss, MMIO, code page, misaligned, fault).
        pub extern "sysv64" fn $name(h: *mut Hart, va: u64, v: u64) -> MemRet {
            // SAFETY: module contract.
            let h = unsafe { hart(h) };
            h.sync_instret();
            let r = h.store::<$t>(va, v as $t).map(|()| 0);
            mem_status(h, r)
        }
    };
}

load_helper!(helper_load8, u8);
load_helper!(helper_load16, u16);
load_helper!(helper_load32, u32);
load_helper!(helper_load64, u64);
store_helper!(helper_store8, u8);
store_helper!(helper_store16, u16);
store_helper!(helper_store32, u32);
store_helper!(helper_store64, u64);

/// The slow load helper for an access of `size` bytes.
pub fn load_helper(size: u8) -> usize {
    match size {
        1 => helper_load8 as *const () as usize,
        2 => helper_load16 as *const () as usize,
        4 => helper_load32 as *const () as usize,
        _ => helper_load64 as *const () as usize,
    }
}

/// The slow store helper for an access of `size` bytes.
pub fn store_helper(size: u8) -> usize {
    match size {
        1 => helper_store8 as *const () as usize,
        2 => helper_store16 as *const () as usize,
        4 => helper_store32 as *const () as usize,
        _ => helper_store64 as *const () as usize,
    }
}
