//! Loads and stores with the inline soft-TLB probe (DESIGN.md §4):
//!
//! ```text
//! lea  rax, [base + imm]          ; va
//! mov  rcx, rax ; shr rcx, 7 ; and ecx, INDEX_MASK     ; set index * 32
//! mov  rdx, rax ; and rdx, PAGE_MASK | (size - 1)      ; alignment folded in
//! cmp  rdx, [rbx + rcx + set + tag]   ; jne cold
//! mov  rcx, [rbx + rcx + set + addend]
//! mov  dst, [rax + rcx]               ; host address = va + addend
//! ```
//!
//! The cold path writes back dirty guest registers, stores the pc, gives
//! back the budget of the instructions not yet executed, and calls the
//! slow helper (`Hart::load`/`store`: walk, refill, MMIO, misaligned,
//! faults). On a trap it leaves the block; a store that hit translated
//! code leaves after retiring; otherwise it reloads the cached registers
//! that live in caller-saved host registers and resumes.

use cpu::isa::{I, S};
use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};

use crate::emit::{Emitter, Exit, Val};
use crate::layout::reg::{RAX, RDX};
use crate::layout::{tlb_set, ADDEND, TAG_R, TAG_W, TLB_INDEX_MASK};
use crate::lower::{Flow, Lower};
use crate::runtime::{load_helper, store_helper};

/// The tag mask of a `size`-byte access: page number plus the low bits
/// that must be zero for an aligned access.
fn tag_mask(size: u8) -> i32 {
    (!0xfffu64 | u64::from(size - 1)) as i64 as i32
}

/// rax = effective address of `base + imm`.
fn address(e: &mut Emitter, base: u8, imm: i32, pinned: &[u8]) -> Val {
    let b = e.read(base, pinned);
    match b {
        Val::Reg(r) => dynasm!(e.ops ; lea rax, [Rq(r) + imm]),
        Val::Zero => crate::emit::load_imm(&mut e.ops, RAX, i64::from(imm)),
    }
    b
}

/// The probe: on a hit rcx holds the addend; on a miss jumps to `cold`.
fn probe(e: &mut Emitter, set: i32, tag: i32, size: u8, cold: dynasmrt::DynamicLabel) {
    let mask = tag_mask(size);
    dynasm!(e.ops
        ; mov rcx, rax
        ; shr rcx, 7
        ; and ecx, TLB_INDEX_MASK as i32
        ; mov rdx, rax
        ; and rdx, mask
        ; cmp rdx, QWORD [rbx + rcx + set + tag]
        ; jne =>cold
        ; mov rcx, QWORD [rbx + rcx + set + ADDEND]
    );
}

/// Emits `dst = load(rax + rcx)` with the width and extension wanted.
fn host_load(e: &mut Emitter, dst: u8, size: u8, signed: bool) {
    let o = &mut e.ops;
    match (size, signed) {
        (1, true) => dynasm!(o ; movsx Rq(dst), BYTE [rax + rcx]),
        (1, false) => dynasm!(o ; movzx Rd(dst), BYTE [rax + rcx]),
        (2, true) => dynasm!(o ; movsx Rq(dst), WORD [rax + rcx]),
        (2, false) => dynasm!(o ; movzx Rd(dst), WORD [rax + rcx]),
        (4, true) => dynasm!(o ; movsxd Rq(dst), DWORD [rax + rcx]),
        (4, false) => dynasm!(o ; mov Rd(dst), DWORD [rax + rcx]),
        _ => dynasm!(o ; mov Rq(dst), QWORD [rax + rcx]),
    }
}

/// Extends the helper's zero-extended result in rax into `dst`.
fn extend_result(e: &mut Emitter, dst: u8, size: u8, signed: bool) {
    let o = &mut e.ops;
    match (size, signed) {
        (1, true) => dynasm!(o ; movsx Rq(dst), al),
        (2, true) => dynasm!(o ; movsx Rq(dst), ax),
        (4, true) => dynasm!(o ; movsxd Rq(dst), eax),
        _ => dynasm!(o ; mov Rq(dst), rax),
    }
}

/// A load of `size` bytes into rd.
pub fn load(l: &mut Lower<'_>, i: I, size: u8, signed: bool) -> Flow {
    let rd = i.rd;
    let base = address(l.e, i.rs1, i.imm, &[]);
    let pinned: Vec<u8> = if let Val::Reg(r) = base { vec![r] } else { vec![] };
    // x0 loads still access memory (and may fault): the value goes to rdx.
    let dst = if i.rd == 0 { RDX } else { l.e.write(i.rd, &pinned) };
    let snap = l.e.snapshot();
    let (cold, resume) = (l.e.label(), l.e.label());
    probe(l.e, tlb_set(l.b.dset), TAG_R, size, cold);
    host_load(l.e, dst, size, signed);
    l.e.bind(resume);
    l.e.written(i.rd);
    let (pc, next, back) = (l.pc, l.next, crate::lower::give_back(l));
    let helper = load_helper(size);
    l.e.cold(move |e| {
        e.bind(cold);
        snap.write_back(&mut e.ops);
        e.set_pc(pc);
        e.budget_add(back);
        dynasm!(e.ops ; mov rsi, rax);
        e.call(helper);
        let (trap, leave) = (e.label(), e.label());
        dynasm!(e.ops ; cmp edx, 1 ; je =>trap ; ja =>leave);
        e.budget_add(-back);
        snap.reload(&mut e.ops, Some(dst));
        extend_result(e, dst, size, signed);
        dynasm!(e.ops ; jmp =>resume);
        e.bind(trap);
        e.exit(Exit::Trap);
        // Retired, but the run loop must look before the next instruction:
        // the result goes straight to the guest register in memory.
        e.bind(leave);
        extend_result(e, RAX, size, signed);
        if rd != 0 {
            crate::emit::store_guest(&mut e.ops, rd, RAX);
        }
        e.budget_add(-1);
        e.set_pc(next);
        e.exit(Exit::Next);
    });
    Flow::Continue
}

/// `mov [rax + rcx], src` of `size` bytes.
fn host_store(e: &mut Emitter, src: Val, size: u8) {
    let o = &mut e.ops;
    match (src, size) {
        (Val::Reg(s), 1) => dynasm!(o ; mov BYTE [rax + rcx], Rb(s)),
        (Val::Reg(s), 2) => dynasm!(o ; mov WORD [rax + rcx], Rw(s)),
        (Val::Reg(s), 4) => dynasm!(o ; mov DWORD [rax + rcx], Rd(s)),
        (Val::Reg(s), _) => dynasm!(o ; mov QWORD [rax + rcx], Rq(s)),
        (Val::Zero, 1) => dynasm!(o ; mov BYTE [rax + rcx], 0),
        (Val::Zero, 2) => dynasm!(o ; mov WORD [rax + rcx], 0),
        (Val::Zero, 4) => dynasm!(o ; mov DWORD [rax + rcx], 0),
        (Val::Zero, _) => dynasm!(o ; mov QWORD [rax + rcx], 0),
    }
}

/// A store of the low `size` bytes of rs2.
pub fn store(l: &mut Lower<'_>, s: S, size: u8) -> Flow {
    let base = address(l.e, s.rs1, s.imm, &[]);
    let pinned: Vec<u8> = if let Val::Reg(r) = base { vec![r] } else { vec![] };
    let src = l.e.read(s.rs2, &pinned);
    let snap = l.e.snapshot();
    let (cold, resume) = (l.e.label(), l.e.label());
    probe(l.e, tlb_set(l.b.dset), TAG_W, size, cold);
    host_store(l.e, src, size);
    l.e.bind(resume);
    let (pc, next, back) = (l.pc, l.next, crate::lower::give_back(l));
    let helper = store_helper(size);
    l.e.cold(move |e| {
        e.bind(cold);
        snap.write_back(&mut e.ops);
        e.set_pc(pc);
        e.budget_add(back);
        // The value first: it may live in rsi, the address argument's
        // register (rax and rdx are scratch, never cache registers).
        match src {
            Val::Reg(r) => dynasm!(e.ops ; mov rdx, Rq(r)),
            Val::Zero => dynasm!(e.ops ; xor edx, edx),
        }
        dynasm!(e.ops ; mov rsi, rax);
        e.call(helper);
        let (trap, code) = (e.label(), e.label());
        dynasm!(e.ops ; cmp edx, 1 ; je =>trap ; ja =>code);
        e.budget_add(-back);
        snap.reload(&mut e.ops, None);
        dynasm!(e.ops ; jmp =>resume);
        e.bind(trap);
        e.exit(Exit::Trap);
        // Retired, but it wrote translated code or needs the run loop's
        // attention: leave so the next instruction is fetched afresh.
        e.bind(code);
        e.budget_add(-1);
        e.set_pc(next);
        e.exit(Exit::Next);
    });
    Flow::Continue
}
