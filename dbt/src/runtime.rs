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

/// Executes a pure F/D instruction (`cpu::exec::fp::pure_rm`: only f
/// registers, fflags and mstatus.FS change) if it cannot trap now;
/// returns 0 when done, 1 when it was not executed (FS off or a reserved
/// rounding mode: the caller then takes the generic `helper_exec` path,
/// which raises the exception). Leaves pc and instret alone: the caller
/// keeps its cached x registers and its budget accounting.
/// `rm` is the instruction's rm field, or 8 if it has none (found at
/// translation time with `cpu::exec::fp::pure_rm`).
pub extern "sysv64" fn helper_fp(h: *mut Hart, d: *const Decoded, rm: u32) -> u32 {
    // SAFETY: module contract.
    let (h, d) = unsafe { (hart(h), &*d) };
    let rm = (rm < 8).then_some(rm as u8);
    if !cpu::exec::fp::pure_ready(h, rm) {
        return 1;
    }
    let pc = h.pc;
    let r = exec(h, d);
    h.pc = pc;
    // Unreachable after `pure_ready` (a failing check changes nothing, so
    // the generic path would redo it and trap).
    u32::from(r.is_err())
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

/// A block's entry found its page no longer in the exec TLB (a flush):
/// re-translates `vpc` (refilling the TLB) and returns 0 if it still maps
/// to `ppc`, so the block can run; 1 sends execution to the dispatcher
/// (a new mapping, or a fault the interpreter will take).
pub extern "sysv64" fn helper_revalidate(h: *mut Hart, vpc: u64, ppc: u64) -> u32 {
    // SAFETY: module contract.
    let h = unsafe { hart(h) };
    match h.fetch_pa(vpc) {
        Ok(pa) if pa == ppc && h.bus.ram_page(pa) => 0,
        _ => 1,
    }
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

