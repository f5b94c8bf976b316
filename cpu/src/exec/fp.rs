//! F and D semantics (unprivileged spec ch. 20 "F", 21 "D") on Berkeley
//! SoftFloat with its RISC-V specialization: canonical NaN results,
//! tininess after rounding, RISC-V saturation on invalid conversions.
//!
//! Rules held here once: mstatus.FS = Off makes every F/D instruction
//! illegal; rm = 7 selects frm, and rm or frm of 5/6/7 (as used) raises
//! illegal instruction; exception flags accrue into fflags; FP register or
//! fflags writes set FS = Dirty; single values are NaN-boxed in the 64-bit
//! registers and an improperly boxed input reads as the canonical NaN
//! (20.2); FLW/FSW/FMV move bits unchanged.

use softfloat_wrapper::{ExceptionFlags, Float, RoundingMode, F32, F64};

use crate::hart::Hart;
use crate::isa::{Insn, Rm, R, R4};
use crate::trap::Exception;

use super::alu::sext32;
use super::hardfloat::{self, HostF, Op};

/// fflags.NX (inexact), the one flag the host fast path may leave alone.
const NX: u64 = 1;

/// A floating-point format as held in the f registers.
pub trait Fmt: Float + Copy {
    const BITS: u32;
    /// The host type of the same format (the `hardfloat` fast path).
    type Host: HostF;
    fn get(h: &Hart, r: u8) -> Self;
    fn put(h: &mut Hart, r: u8, v: Self);
    fn bits64(self) -> u64;
    fn of_bits64(v: u64) -> Self;
    fn to_i32_(self, rm: RoundingMode) -> i32;
    fn to_u32_(self, rm: RoundingMode) -> u32;
    fn to_i64_(self, rm: RoundingMode) -> i64;
    fn to_u64_(self, rm: RoundingMode) -> u64;
    fn from_i32_(v: i32, rm: RoundingMode) -> Self;
    fn from_u32_(v: u32, rm: RoundingMode) -> Self;
    fn from_i64_(v: i64, rm: RoundingMode) -> Self;
    fn from_u64_(v: u64, rm: RoundingMode) -> Self;
}

macro_rules! fmt_common {
    () => {
        fn to_i32_(self, rm: RoundingMode) -> i32 { self.to_i32(rm, true) }
        fn to_u32_(self, rm: RoundingMode) -> u32 { self.to_u32(rm, true) }
        fn to_i64_(self, rm: RoundingMode) -> i64 { self.to_i64(rm, true) }
        fn to_u64_(self, rm: RoundingMode) -> u64 { self.to_u64(rm, true) }
        fn from_i32_(v: i32, rm: RoundingMode) -> Self { Self::from_i32(v, rm) }
        fn from_u32_(v: u32, rm: RoundingMode) -> Self { Self::from_u32(v, rm) }
        fn from_i64_(v: i64, rm: RoundingMode) -> Self { Self::from_i64(v, rm) }
        fn from_u64_(v: u64, rm: RoundingMode) -> Self { Self::from_u64(v, rm) }
    };
}

/// The canonical single-precision NaN.
pub const CANONICAL_NAN_S: u32 = 0x7fc0_0000;
const BOX: u64 = 0xffff_ffff_0000_0000;

impl Fmt for F32 {
    const BITS: u32 = 32;
    type Host = f32;
    fn get(h: &Hart, r: u8) -> Self {
        let v = h.f[usize::from(r)];
        F32::from_bits(if v & BOX == BOX { v as u32 } else { CANONICAL_NAN_S })
    }
    fn put(h: &mut Hart, r: u8, v: Self) {
        h.f[usize::from(r)] = BOX | u64::from(v.to_bits());
        h.fs_dirty();
    }
    fn bits64(self) -> u64 { u64::from(self.to_bits()) }
    fn of_bits64(v: u64) -> Self { F32::from_bits(v as u32) }
    fmt_common!();
}

impl Fmt for F64 {
    const BITS: u32 = 64;
    type Host = f64;
    fn get(h: &Hart, r: u8) -> Self {
        F64::from_bits(h.f[usize::from(r)])
    }
    fn put(h: &mut Hart, r: u8, v: Self) {
        h.f[usize::from(r)] = v.to_bits();
        h.fs_dirty();
    }
    fn bits64(self) -> u64 { self.to_bits() }
    fn of_bits64(v: u64) -> Self { F64::from_bits(v) }
    fmt_common!();
}

/// Raises illegal instruction unless mstatus.FS is on.
#[inline]
pub fn enabled(h: &Hart, raw: u32) -> Result<(), Exception> {
    if h.csr.fs() == 0 { Err(Exception::illegal(raw)) } else { Ok(()) }
}

/// Resolves an instruction's rm field (20.2 "Floating-Point Control and
/// Status Register": 7 = dynamic, 5/6 reserved).
pub fn rounding(h: &Hart, rm: u8, raw: u32) -> Result<RoundingMode, Exception> {
    let m = if rm == 7 { h.csr.frm as u8 } else { rm };
    Ok(match m {
        0 => RoundingMode::TiesToEven,
        1 => RoundingMode::TowardZero,
        2 => RoundingMode::TowardNegative,
        3 => RoundingMode::TowardPositive,
        4 => RoundingMode::TiesToAway,
        _ => return Err(Exception::illegal(raw)),
    })
}

/// Runs `f` with SoftFloat's (thread-local) flags cleared, then accrues
/// them into fflags.
fn flagged<T>(h: &mut Hart, f: impl FnOnce() -> T) -> T {
    ExceptionFlags::default().set();
    let r = f();
    let mut fl = ExceptionFlags::default();
    fl.get();
    let bits = u64::from(fl.to_bits()) & 0x1f;
    if bits != 0 {
        h.csr.fflags |= bits;
        h.fs_dirty();
    }
    r
}

/// Whether the host fast path may be tried: RNE with NX already raised
/// (see `hardfloat`).
#[inline]
fn hard_ok(h: &Hart, rm: RoundingMode) -> bool {
    matches!(rm, RoundingMode::TiesToEven) && h.csr.fflags & NX != 0
}

/// Writes a fast-path result.
#[inline]
fn put_hard<T: Fmt>(h: &mut Hart, rd: u8, bits: u64) {
    T::put(h, rd, T::of_bits64(bits));
}

/// A two-operand arithmetic instruction (fadd, fsub, fmul, fdiv).
pub fn arith<T: Fmt>(h: &mut Hart, i: Rm, raw: u32, op: Op) -> Result<(), Exception> {
    enabled(h, raw)?;
    let rm = rounding(h, i.rm, raw)?;
    let (a, b) = (T::get(h, i.rs1), T::get(h, i.rs2));
    if hard_ok(h, rm) {
        if let Some(r) = hardfloat::arith::<T::Host>(op, a.bits64(), b.bits64()) {
            put_hard::<T>(h, i.rd, r);
            return Ok(());
        }
    }
    let r = flagged(h, || match op {
        Op::Add => a.add(b, rm),
        Op::Sub => a.sub(b, rm),
        Op::Mul => a.mul(b, rm),
        Op::Div => a.div(b, rm),
    });
    T::put(h, i.rd, r);
    Ok(())
}

/// fsqrt.
pub fn sqrt<T: Fmt>(h: &mut Hart, i: Rm, raw: u32) -> Result<(), Exception> {
    enabled(h, raw)?;
    let rm = rounding(h, i.rm, raw)?;
    let a = T::get(h, i.rs1);
    if hard_ok(h, rm) {
        if let Some(r) = hardfloat::sqrt::<T::Host>(a.bits64()) {
            put_hard::<T>(h, i.rd, r);
            return Ok(());
        }
    }
    let r = flagged(h, || a.sqrt(rm));
    T::put(h, i.rd, r);
    Ok(())
}

/// Which fused multiply-add (20.6): the signs applied to the product and
/// the addend.
#[derive(Clone, Copy)]
pub enum Fma {
    Madd,
    Msub,
    Nmsub,
    Nmadd,
}

pub fn fma<T: Fmt>(h: &mut Hart, i: R4, raw: u32, kind: Fma) -> Result<(), Exception> {
    enabled(h, raw)?;
    let rm = rounding(h, i.rm, raw)?;
    let (a, b, c) = (T::get(h, i.rs1), T::get(h, i.rs2), T::get(h, i.rs3));
    let (a, c) = match kind {
        Fma::Madd => (a, c),
        Fma::Msub => (a, c.neg()),
        Fma::Nmsub => (a.neg(), c),
        Fma::Nmadd => (a.neg(), c.neg()),
    };
    if hard_ok(h, rm) {
        if let Some(r) = hardfloat::fma::<T::Host>(a.bits64(), b.bits64(), c.bits64()) {
            put_hard::<T>(h, i.rd, r);
            return Ok(());
        }
    }
    let r = flagged(h, || a.fused_mul_add(b, c, rm));
    T::put(h, i.rd, r);
    Ok(())
}

/// fsgnj/fsgnjn/fsgnjx (20.6): sign injection, no flags.
pub fn sgnj<T: Fmt>(h: &mut Hart, i: R, raw: u32, kind: u8) -> Result<(), Exception> {
    enabled(h, raw)?;
    let sign = 1u64 << (T::BITS - 1);
    let (a, b) = (T::get(h, i.rs1).bits64(), T::get(h, i.rs2).bits64());
    let s = match kind {
        0 => b & sign,
        1 => !b & sign,
        _ => (a ^ b) & sign,
    };
    T::put(h, i.rd, T::of_bits64((a & !sign) | s));
    Ok(())
}

/// fmin/fmax (20.6, IEEE 754-2019 minimumNumber/maximumNumber): a NaN
/// operand yields the other, two NaNs the canonical NaN, -0 < +0, and a
/// signalling NaN raises NV.
pub fn minmax<T: Fmt>(h: &mut Hart, i: R, raw: u32, max: bool) -> Result<(), Exception> {
    enabled(h, raw)?;
    let (a, b) = (T::get(h, i.rs1), T::get(h, i.rs2));
    if a.is_signaling_nan() || b.is_signaling_nan() {
        h.csr.fflags |= 0x10;
    }
    let r = match (a.is_nan(), b.is_nan()) {
        (true, true) => T::of_bits64(canonical_nan::<T>()),
        (true, false) => b,
        (false, true) => a,
        _ => {
            let a_less = a.lt_quiet(b) || (a.eq(b) && a.is_negative() && !b.is_negative());
            if a_less != max { a } else { b }
        }
    };
    T::put(h, i.rd, r);
    Ok(())
}

fn canonical_nan<T: Fmt>() -> u64 {
    if T::BITS == 32 { u64::from(CANONICAL_NAN_S) } else { 0x7ff8_0000_0000_0000 }
}

/// feq (quiet), flt and fle (signalling) (20.8).
pub fn compare<T: Fmt>(h: &mut Hart, i: R, raw: u32, kind: u8) -> Result<(), Exception> {
    enabled(h, raw)?;
    let (a, b) = (T::get(h, i.rs1), T::get(h, i.rs2));
    let r = flagged(h, || match kind {
        0 => a.eq(b),
        1 => a.lt(b),
        _ => a.le(b),
    });
    h.set_x(i.rd, u64::from(r));
    Ok(())
}

/// fclass (20.9): a one-hot class mask.
pub fn class<T: Fmt>(h: &mut Hart, i: R, raw: u32) -> Result<(), Exception> {
    enabled(h, raw)?;
    let a = T::get(h, i.rs1);
    let neg = a.is_negative();
    let bit = if a.is_negative_infinity() {
        0
    } else if a.is_positive_infinity() {
        7
    } else if a.is_nan() {
        if a.is_signaling_nan() { 8 } else { 9 }
    } else if a.is_zero() {
        if neg { 3 } else { 4 }
    } else if a.is_subnormal() {
        if neg { 2 } else { 5 }
    } else if neg {
        1
    } else {
        6
    };
    h.set_x(i.rd, 1 << bit);
    Ok(())
}

/// Float to integer (20.7): `kind` 0 = w, 1 = wu, 2 = l, 3 = lu. 32-bit
/// results are sign-extended; invalid inputs saturate with NV.
pub fn to_int<T: Fmt>(h: &mut Hart, i: Rm, raw: u32, kind: u8) -> Result<(), Exception> {
    enabled(h, raw)?;
    let rm = rounding(h, i.rm, raw)?;
    let a = T::get(h, i.rs1);
    let v = flagged(h, || match kind {
        0 => a.to_i32_(rm) as i64 as u64,
        1 => sext32(u64::from(a.to_u32_(rm))),
        2 => a.to_i64_(rm) as u64,
        _ => a.to_u64_(rm),
    });
    h.set_x(i.rd, v);
    Ok(())
}

/// Integer to float (20.7): `kind` as for [`to_int`].
pub fn from_int<T: Fmt>(h: &mut Hart, i: Rm, raw: u32, kind: u8) -> Result<(), Exception> {
    enabled(h, raw)?;
    let rm = rounding(h, i.rm, raw)?;
    let x = h.get_x(i.rs1);
    let r = flagged(h, || match kind {
        0 => T::from_i32_(x as i32, rm),
        1 => T::from_u32_(x as u32, rm),
        2 => T::from_i64_(x as i64, rm),
        _ => T::from_u64_(x, rm),
    });
    T::put(h, i.rd, r);
    Ok(())
}

/// fcvt.s.d and fcvt.d.s (21.5).
pub fn cvt_s_d(h: &mut Hart, i: Rm, raw: u32) -> Result<(), Exception> {
    enabled(h, raw)?;
    let rm = rounding(h, i.rm, raw)?;
    let a = F64::get(h, i.rs1);
    let r = flagged(h, || a.to_f32(rm));
    F32::put(h, i.rd, r);
    Ok(())
}

pub fn cvt_d_s(h: &mut Hart, i: Rm, raw: u32) -> Result<(), Exception> {
    enabled(h, raw)?;
    let rm = rounding(h, i.rm, raw)?;
    let a = F32::get(h, i.rs1);
    let r = flagged(h, || a.to_f64(rm));
    F64::put(h, i.rd, r);
    Ok(())
}

/// fmv.x.w / fmv.x.d: raw bits to an integer register (single: the low 32
/// bits, sign-extended, whatever the boxing).
pub fn mv_to_x(h: &mut Hart, i: R, raw: u32, double: bool) -> Result<(), Exception> {
    enabled(h, raw)?;
    let v = h.f[usize::from(i.rs1)];
    h.set_x(i.rd, if double { v } else { sext32(v) });
    Ok(())
}

/// fmv.w.x / fmv.d.x: raw bits from an integer register (single boxed).
pub fn mv_from_x(h: &mut Hart, i: R, raw: u32, double: bool) -> Result<(), Exception> {
    enabled(h, raw)?;
    let v = h.get_x(i.rs1);
    h.f[usize::from(i.rd)] = if double { v } else { BOX | (v & 0xffff_ffff) };
    h.fs_dirty();
    Ok(())
}

/// The F/D instructions that read and write only f registers, fflags and
/// mstatus.FS (no x register, no memory, no pc change): `Some(rm)` with
/// the instruction's rm field (`None` if it has none), `None` for every
/// other instruction. The translator calls these without writing back its
/// cached x registers (dbt `lower`).
pub fn pure_rm(insn: &Insn) -> Option<Option<u8>> {
    Some(match *insn {
        Insn::FmaddS(i) | Insn::FmsubS(i) | Insn::FnmsubS(i) | Insn::FnmaddS(i) => Some(i.rm),
        Insn::FmaddD(i) | Insn::FmsubD(i) | Insn::FnmsubD(i) | Insn::FnmaddD(i) => Some(i.rm),
        Insn::FaddS(i) | Insn::FsubS(i) | Insn::FmulS(i) | Insn::FdivS(i) | Insn::FsqrtS(i) => Some(i.rm),
        Insn::FaddD(i) | Insn::FsubD(i) | Insn::FmulD(i) | Insn::FdivD(i) | Insn::FsqrtD(i) => Some(i.rm),
        Insn::FcvtSD(i) | Insn::FcvtDS(i) => Some(i.rm),
        Insn::FsgnjS(_) | Insn::FsgnjnS(_) | Insn::FsgnjxS(_) | Insn::FminS(_) | Insn::FmaxS(_) => None,
        Insn::FsgnjD(_) | Insn::FsgnjnD(_) | Insn::FsgnjxD(_) | Insn::FminD(_) | Insn::FmaxD(_) => None,
        _ => return None,
    })
}

/// Whether a pure F/D instruction (see [`pure_rm`]) runs now without
/// trapping: mstatus.FS on and its rounding mode valid (20.2).
#[inline]
pub fn pure_ready(h: &Hart, rm: Option<u8>) -> bool {
    let valid = |m: u8| m < 5;
    h.csr.fs() != 0 && rm.is_none_or(|m| if m == 7 { valid(h.csr.frm as u8) } else { valid(m) })
}
