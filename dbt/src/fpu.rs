//! Inline F/D arithmetic: fadd/fsub/fmul/fdiv/fsqrt and, with FMA3, the
//! fused multiply-adds (.s and .d) computed with
//! SSE in the block, under the conditions of `cpu::exec::hardfloat`
//! (where host and SoftFloat provably agree), checked at run time:
//!
//! ```text
//! test byte [fflags], 1 ; jz cold        ; NX already raised
//! cmp  [frm], 0 ; jne cold               ; only for rm = dyn (static rm = RNE)
//! rax = f[rs1], rdx = f[rs2]             ; singles: NaN-boxed, else cold
//! both zero or normal, divisor nonzero   ; else cold
//! xmm0 = rax op rdx                      ; addsd / subss / ...
//! result normal, or an exact zero        ; (x ± y only) else cold
//! f[rd] = result (boxed) ; mstatus.FS = Dirty
//! ```
//!
//! The cold path is the helper path of any pure F/D instruction
//! (`helper_fp`, then `helper_exec` if it would trap), so every case the
//! fast path refuses runs the interpreter's semantics. Only static rm 0
//! (RNE) or 7 (dyn) are inlined; other modes always use the helper.
//!
//! Invariant: the inline code writes f[rd] and mstatus.FS only, and only
//! when `hardfloat::arith` would return `Some` for the same operands
//! (it is stricter for products and quotients: a zero result goes cold).

use cpu::csr::bits::MSTATUS_FS;
use cpu::exec::fp::Fma;
use cpu::exec::hardfloat::Op;
use cpu::isa::{Rm, R4};
use dynasmrt::{dynasm, DynamicLabel, DynasmApi, DynasmLabelApi};

use crate::emit::Emitter;
use crate::layout::{freg, FFLAGS, FRM, MSTATUS};
use crate::lower::{Flow, Lower};

/// One format's constants.
#[derive(Clone, Copy)]
struct Fmt {
    double: bool,
}

impl Fmt {
    /// Bits of exponent field minus one: the largest biased exponent of a
    /// normal number minus one (for `e - 1 <= MAX`).
    fn max_e_minus_1(self) -> i32 {
        if self.double { 2045 } else { 253 }
    }
    fn frac_bits(self) -> i8 {
        if self.double { 52 } else { 23 }
    }
}

/// Whether an instruction with rounding-mode field `rm` can be inlined:
/// RNE (static 0) or dynamic.
pub fn inlinable(rm: u8) -> bool {
    rm == 0 || rm == 7
}

/// Emits the check that the operand in `r` (rax or rdx) is zero or
/// normal (and, for singles, NaN-boxed); jumps to `cold` if not. `zero_ok`
/// false also refuses a zero (a divisor). Clobbers rcx.
fn check_operand(e: &mut Emitter, r: u8, f: Fmt, zero_ok: bool, cold: DynamicLabel) {
    let ok = e.label();
    let max = f.max_e_minus_1();
    let shift = f.frac_bits() + 1;
    if f.double {
        dynasm!(e.ops
            ; lea rcx, [Rq(r) + Rq(r)]      // drop the sign
        );
    } else {
        dynasm!(e.ops
            ; mov rcx, Rq(r)
            ; shr rcx, 32
            ; cmp ecx, -1
            ; jne =>cold                    // not NaN-boxed
            ; lea ecx, [Rd(r) + Rd(r)]
        );
    }
    if zero_ok {
        dynasm!(e.ops ; test rcx, rcx ; jz =>ok);
    }
    dynasm!(e.ops
        ; shr rcx, shift
        ; sub ecx, 1
        ; cmp ecx, max
        ; ja =>cold
        ; =>ok
    );
}

/// Emits the result check on the bits in rax: finite with magnitude above
/// the smallest normal, or (if `zero_ok`) a zero. Clobbers rcx, rdx.
fn check_result(e: &mut Emitter, f: Fmt, zero_ok: bool, cold: DynamicLabel) {
    let ok = e.label();
    if f.double {
        // rcx = |r| << 1 must lie in (MIN_NORMAL << 1, INF << 1).
        dynasm!(e.ops
            ; lea rcx, [rax + rax]
        );
        if zero_ok {
            dynasm!(e.ops ; test rcx, rcx ; jz =>ok);
        }
        dynasm!(e.ops
            ; mov rdx, QWORD 0x0020_0000_0000_0001
            ; sub rcx, rdx
            ; mov rdx, QWORD (0xffe0_0000_0000_0000u64 - 0x0020_0000_0000_0001 - 1) as i64
            ; cmp rcx, rdx
            ; ja =>cold
            ; =>ok
        );
    } else {
        dynasm!(e.ops
            ; lea ecx, [eax + eax]
        );
        if zero_ok {
            dynasm!(e.ops ; test ecx, ecx ; jz =>ok);
        }
        dynasm!(e.ops
            ; sub ecx, 0x0100_0001
            ; cmp ecx, (0xff00_0000u32 - 0x0100_0001 - 1) as i32
            ; ja =>cold
            ; =>ok
        );
    }
}

/// xmm0 = rax op rdx, result bits back in rax.
fn compute(e: &mut Emitter, op: Op, f: Fmt) {
    if f.double {
        dynasm!(e.ops ; movq xmm0, rax ; movq xmm1, rdx);
        match op {
            Op::Add => dynasm!(e.ops ; addsd xmm0, xmm1),
            Op::Sub => dynasm!(e.ops ; subsd xmm0, xmm1),
            Op::Mul => dynasm!(e.ops ; mulsd xmm0, xmm1),
            Op::Div => dynasm!(e.ops ; divsd xmm0, xmm1),
        }
        dynasm!(e.ops ; movq rax, xmm0);
    } else {
        dynasm!(e.ops ; movd xmm0, eax ; movd xmm1, edx);
        match op {
            Op::Add => dynasm!(e.ops ; addss xmm0, xmm1),
            Op::Sub => dynasm!(e.ops ; subss xmm0, xmm1),
            Op::Mul => dynasm!(e.ops ; mulss xmm0, xmm1),
            Op::Div => dynasm!(e.ops ; divss xmm0, xmm1),
        }
        dynasm!(e.ops ; movd eax, xmm0);
    }
}

/// The run-time preconditions: NX set, and frm = RNE for rm = dyn.
fn preconditions(e: &mut Emitter, rm: u8, cold: DynamicLabel) {
    let (fflags, frm) = (FFLAGS, FRM);
    dynasm!(e.ops
        ; test BYTE [rbx + fflags], 1
        ; jz =>cold
    );
    if rm == 7 {
        dynasm!(e.ops ; cmp QWORD [rbx + frm], 0 ; jne =>cold);
    }
}

/// An inlinable fadd/fsub/fmul/fdiv (see the module note); the caller
/// has checked [`inlinable`] and that the block runs with FS on.
pub fn arith(l: &mut Lower<'_>, i: Rm, op: Op, double: bool) -> Flow {
    let f = Fmt { double };
    let (cold, resume) = (l.e.label(), l.e.label());
    let slow = crate::lower::fp_cold(l, cold, resume, i.rm);
    preconditions(l.e, i.rm, cold);
    let (a, b) = (freg(i.rs1), freg(i.rs2));
    dynasm!(l.e.ops ; mov rax, QWORD [rbx + a] ; mov rdx, QWORD [rbx + b]);
    check_operand(l.e, 0, f, true, cold);
    check_operand(l.e, 2, f, op != Op::Div, cold);
    compute(l.e, op, f);
    check_result(l.e, f, matches!(op, Op::Add | Op::Sub), cold);
    finish(l, i.rd, f, resume, slow)
}

/// An inlinable fsqrt: a zero or positive normal operand (the root of a
/// normal number is normal, of a zero the same zero); negative operands
/// (NV, or -0) go cold.
pub fn sqrt(l: &mut Lower<'_>, i: Rm, double: bool) -> Flow {
    let f = Fmt { double };
    let (cold, resume) = (l.e.label(), l.e.label());
    let slow = crate::lower::fp_cold(l, cold, resume, i.rm);
    preconditions(l.e, i.rm, cold);
    let a = freg(i.rs1);
    dynasm!(l.e.ops ; mov rax, QWORD [rbx + a]);
    check_operand(l.e, 0, f, true, cold);
    if double {
        dynasm!(l.e.ops ; test rax, rax ; js =>cold ; movq xmm0, rax ; sqrtsd xmm0, xmm0 ; movq rax, xmm0);
    } else {
        dynasm!(l.e.ops ; test eax, eax ; js =>cold ; movd xmm0, eax ; sqrtss xmm0, xmm0 ; movd eax, xmm0);
    }
    check_result(l.e, f, true, cold);
    finish(l, i.rd, f, resume, slow)
}

/// An inlinable fmadd/fmsub/fnmsub/fnmadd on a host with FMA3: the
/// operands negated as the instruction says (sign flips are exact), one
/// fused multiply-add, and the same result check with no zero allowed
/// (a zero may hide an underflow of the product).
pub fn fma(l: &mut Lower<'_>, i: R4, kind: Fma, double: bool) -> Flow {
    let f = Fmt { double };
    let (cold, resume) = (l.e.label(), l.e.label());
    let slow = crate::lower::fp_cold(l, cold, resume, i.rm);
    preconditions(l.e, i.rm, cold);
    let (a, b, c) = (freg(i.rs1), freg(i.rs2), freg(i.rs3));
    let sign: i8 = if double { 63 } else { 31 };
    let (neg_a, neg_c) = match kind {
        Fma::Madd => (false, false),
        Fma::Msub => (false, true),
        Fma::Nmsub => (true, false),
        Fma::Nmadd => (true, true),
    };
    dynasm!(l.e.ops ; mov rax, QWORD [rbx + a] ; mov rdx, QWORD [rbx + b]);
    check_operand(l.e, 0, f, true, cold);
    check_operand(l.e, 2, f, true, cold);
    if neg_a {
        dynasm!(l.e.ops ; btc rax, BYTE sign);
    }
    dynasm!(l.e.ops ; movq xmm0, rax ; movq xmm1, rdx ; mov rax, QWORD [rbx + c]);
    check_operand(l.e, 0, f, true, cold);
    if neg_c {
        dynasm!(l.e.ops ; btc rax, BYTE sign);
    }
    dynasm!(l.e.ops ; movq xmm2, rax);
    if double {
        dynasm!(l.e.ops ; vfmadd231sd xmm2, xmm0, xmm1 ; movq rax, xmm2);
    } else {
        dynasm!(l.e.ops ; vfmadd231ss xmm2, xmm0, xmm1 ; movd eax, xmm2);
    }
    check_result(l.e, f, false, cold);
    finish(l, i.rd, f, resume, slow)
}

/// Stores the result in rax to f[rd] (singles boxed), marks FS dirty and
/// registers the cold path.
fn finish(l: &mut Lower<'_>, rd: u8, f: Fmt, resume: DynamicLabel, slow: impl FnOnce(&mut Emitter) + 'static) -> Flow {
    let (d, st, dirty) = (freg(rd), MSTATUS, MSTATUS_FS as i32);
    if f.double {
        dynasm!(l.e.ops ; mov QWORD [rbx + d], rax);
    } else {
        dynasm!(l.e.ops
            ; mov eax, eax
            ; mov rdx, QWORD 0xffff_ffff_0000_0000u64 as i64
            ; or rax, rdx
            ; mov QWORD [rbx + d], rax
        );
    }
    dynasm!(l.e.ops ; or QWORD [rbx + st], dirty);
    l.e.bind(resume);
    l.e.cold(slow);
    Flow::Continue
}
