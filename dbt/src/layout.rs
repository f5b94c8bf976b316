//! Where generated code finds things: offsets into `Hart` and `TlbEntry`
//! computed with `offset_of!`, so they cannot drift from the structs, and
//! the host register convention.
//!
//! ```text
//! rbx            the Hart (callee-saved, pinned for the whole run)
//! rax, rcx, rdx  scratch (rcx: shift counts; rax/rdx: mul/div)
//! rsi rdi r8-r11 rbp r12-r15   guest-register cache of the current block
//! rsp            host stack, 16-byte aligned at every call
//! ```

use std::mem::offset_of;

use cpu::Hart;
use mmu::tlb::{Tlb, TlbEntry, TLB_ENTRIES};

pub const X: i32 = offset_of!(Hart, x) as i32;
pub const PC: i32 = offset_of!(Hart, pc) as i32;
pub const BUDGET: i32 = offset_of!(Hart, budget) as i32;
pub const JUMP_CACHE: i32 = offset_of!(Hart, jit_jump_cache) as i32;
pub const LINK: i32 = offset_of!(Hart, jit_link) as i32;
pub const SAVE: i32 = offset_of!(Hart, jit_save) as i32;
pub const GROUP: i32 = offset_of!(Hart, jit_group) as i32;
pub const CODE_GEN: i32 = offset_of!(Hart, code_gen_base) as i32;
pub const EXIT_WORD: i32 = offset_of!(Hart, exit_word) as i32;

pub const F: i32 = offset_of!(Hart, f) as i32;
pub const MSTATUS: i32 = offset_of!(Hart, csr.mstatus) as i32;
pub const FFLAGS: i32 = offset_of!(Hart, csr.fflags) as i32;
pub const FRM: i32 = offset_of!(Hart, csr.frm) as i32;

/// Offset of FP register `r` in the hart.
pub fn freg(r: u8) -> i32 {
    F + 8 * i32::from(r)
}

/// Offset of guest register `r` in the hart.
pub fn xreg(r: u8) -> i32 {
    X + 8 * i32::from(r)
}

const TLB: usize = offset_of!(Hart, tlb);
/// Offset of the pointer to the TLB's entries (`Tlb::sets`) in the hart.
pub const TLB_SETS: i32 = (TLB + offset_of!(Tlb, sets)) as i32;
const _: () = assert!(std::mem::size_of::<mmu::tlb::Entries>() == 8, "translated code loads the entries' address from the hart");
pub const ENTRY_SIZE: i32 = std::mem::size_of::<TlbEntry>() as i32;
const EPOCHS: usize = offset_of!(Tlb, epoch);

/// Offset of the epoch of TLB set `s` in the hart.
pub fn tlb_epoch(s: usize) -> i32 {
    (TLB + EPOCHS + 8 * s) as i32
}
pub const TAG_R: i32 = offset_of!(TlbEntry, tag_r) as i32;
pub const TAG_W: i32 = offset_of!(TlbEntry, tag_w) as i32;
pub const TAG_X: i32 = offset_of!(TlbEntry, tag_x) as i32;
pub const ADDEND: i32 = offset_of!(TlbEntry, addend) as i32;

/// Offset of TLB set `s` from the address of the TLB's entries (the
/// pointer at `TLB_SETS`).
pub fn tlb_set(s: usize) -> i32 {
    (s * TLB_ENTRIES * ENTRY_SIZE as usize) as i32
}

/// Mask selecting a set index scaled by the entry size from `va >> 7`.
pub const TLB_INDEX_MASK: u32 = ((TLB_ENTRIES as u32) - 1) * ENTRY_SIZE as u32;

const _: () = assert!(std::mem::size_of::<TlbEntry>() == 32, "the probe scales the index by 32 (va >> 7)");

/// Host register numbers (x86-64 encoding).
pub mod reg {
    pub const RAX: u8 = 0;
    pub const RCX: u8 = 1;
    pub const RDX: u8 = 2;
    pub const RBX: u8 = 3;
    pub const RBP: u8 = 5;
    pub const RSI: u8 = 6;
    pub const RDI: u8 = 7;
}

/// Host registers that may hold cached guest registers, in allocation
/// preference order (callee-saved first: they survive helper calls).
pub const CACHE_REGS: [u8; 11] = [5, 12, 13, 14, 15, 6, 7, 8, 9, 10, 11];

/// Whether host register `r` is preserved across calls (SysV).
pub fn callee_saved(r: u8) -> bool {
    matches!(r, 3 | 5 | 12..=15)
}
