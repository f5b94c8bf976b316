//! The host FPU as a fast path for F/D arithmetic, used only where its
//! result and flags are provably SoftFloat's (the idea of QEMU's
//! "hardfloat", fpu/softfloat.c; unprivileged spec ch. 20-21 for the
//! semantics, IEEE 754-2019 §7 for the flags).
//!
//! Conditions, all checked by the caller or here, else `None` and the
//! caller runs SoftFloat:
//! - rounding mode RNE (the host's: mimic never changes MXCSR, so SSE
//!   arithmetic rounds to nearest-even with no flush-to-zero);
//! - fflags.NX already set: a finite in-range result can raise only NX
//!   (inexact), which then changes nothing, so no host flag is read;
//! - every input zero or normal (no subnormal, infinity or NaN: no NV,
//!   no NaN propagation, no DZ since a zero divisor is refused);
//! - the result finite with magnitude above the smallest normal (no OF,
//!   and no UF: tininess is detected after rounding on RISC-V, so a
//!   result equal to the smallest normal may be tiny and is refused), or
//!   a zero that is exact: x - x in add/sub, or a zero factor or
//!   dividend. A zero from nonzero factors may be an underflow and is
//!   refused.
//!
//! Invariant: `Some(bits)` only where SoftFloat with RNE returns the same
//! bits and raises no flag but NX (pinned by the tests below against
//! SoftFloat itself on millions of operands).

use std::ops::{Add, Div, Mul, Sub};

/// The arithmetic operations with a fast path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

/// A host floating-point type (f32, f64) seen through raw bits.
pub trait HostF: Copy + PartialOrd + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Div<Output = Self> {
    /// The smallest positive normal number.
    const MIN_NORMAL: Self;
    const ZERO: Self;
    fn of(bits: u64) -> Self;
    fn raw(self) -> u64;
    /// Whether `bits` encode a zero or a normal number.
    fn zero_or_normal(bits: u64) -> bool;
    fn mul_add_(self, b: Self, c: Self) -> Self;
    fn sqrt_(self) -> Self;
    fn abs_(self) -> Self;
    fn is_finite_(self) -> bool;
}

macro_rules! host_f {
    ($t:ty, $u:ty, $exp_bits:expr, $frac_bits:expr) => {
        impl HostF for $t {
            const MIN_NORMAL: Self = <$t>::MIN_POSITIVE;
            const ZERO: Self = 0.0;
            #[inline]
            fn of(bits: u64) -> Self {
                <$t>::from_bits(bits as $u)
            }
            #[inline]
            fn raw(self) -> u64 {
                u64::from(self.to_bits())
            }
            #[inline]
            fn zero_or_normal(bits: u64) -> bool {
                let e = (bits >> $frac_bits) & ((1 << $exp_bits) - 1);
                let frac = bits & ((1u64 << $frac_bits) - 1);
                (e != 0 && e != (1 << $exp_bits) - 1) || (e == 0 && frac == 0)
            }
            #[inline]
            fn mul_add_(self, b: Self, c: Self) -> Self {
                self.mul_add(b, c)
            }
            #[inline]
            fn sqrt_(self) -> Self {
                self.sqrt()
            }
            #[inline]
            fn abs_(self) -> Self {
                self.abs()
            }
            #[inline]
            fn is_finite_(self) -> bool {
                self.is_finite()
            }
        }
    };
}

host_f!(f32, u32, 8, 23);
host_f!(f64, u64, 11, 52);

/// Whether a host result may stand: finite and normal, or a zero the
/// caller knows to be exact.
#[inline]
fn accept<T: HostF>(r: T, zero_exact: bool) -> bool {
    if !r.is_finite_() {
        return false;
    }
    let m = r.abs_();
    m > T::MIN_NORMAL || (m == T::ZERO && zero_exact)
}

/// fadd/fsub/fmul/fdiv of raw operands, or None (see the module note).
#[inline]
pub fn arith<T: HostF>(op: Op, a: u64, b: u64) -> Option<u64> {
    if !T::zero_or_normal(a) || !T::zero_or_normal(b) {
        return None;
    }
    let (x, y) = (T::of(a), T::of(b));
    let (r, zero_exact) = match op {
        Op::Add => (x + y, true),
        Op::Sub => (x - y, true),
        Op::Mul => (x * y, x == T::ZERO || y == T::ZERO),
        Op::Div if y == T::ZERO => return None,
        Op::Div => (x / y, x == T::ZERO),
    };
    accept(r, zero_exact).then(|| r.raw())
}

/// fsqrt of a raw operand, or None. The root of a positive normal number
/// is normal; √±0 = ±0 exactly; negative numbers are refused (NV).
#[inline]
pub fn sqrt<T: HostF>(a: u64) -> Option<u64> {
    let x = T::of(a);
    if !T::zero_or_normal(a) || x < T::ZERO {
        return None;
    }
    Some(x.sqrt_().raw())
}

/// a × b + c fused, operands already negated as the instruction says, or
/// None. A zero result is exact only with a zero factor (then it is c).
#[inline]
pub fn fma<T: HostF>(a: u64, b: u64, c: u64) -> Option<u64> {
    if !T::zero_or_normal(a) || !T::zero_or_normal(b) || !T::zero_or_normal(c) {
        return None;
    }
    let (x, y, z) = (T::of(a), T::of(b), T::of(c));
    let r = x.mul_add_(y, z);
    accept(r, x == T::ZERO || y == T::ZERO).then(|| r.raw())
}

#[cfg(test)]
mod tests {
    //! The fast path against SoftFloat (RNE): wherever it answers, the bits
    //! must be SoftFloat's and SoftFloat's flags at most NX. Operands mix
    //! random bit patterns with values built to hit the edges: near the
    //! smallest normal, near overflow, exact cancellations, zeros of both
    //! signs, products that underflow.

    use super::*;
    use softfloat_wrapper::{ExceptionFlags, Float, RoundingMode, F32, F64};

    const RNE: RoundingMode = RoundingMode::TiesToEven;
    const NX: u8 = 1;

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    /// An operand: random sign/fraction with an exponent drawn from the
    /// interesting places, or a special value, or a copy/negation of `prev`.
    fn operand(r: &mut Rng, exp_bits: u32, frac_bits: u32, prev: u64) -> u64 {
        let sign = (r.next() & 1) << (exp_bits + frac_bits);
        let frac = r.next() & ((1u64 << frac_bits) - 1);
        let max_e = (1u64 << exp_bits) - 1;
        let bias = max_e / 2;
        let e = match r.next() % 10 {
            0 => 0,
            1 => r.next() % 4,
            2 => max_e - 1 - r.next() % 4,
            3 => max_e,
            4 => return sign ^ prev,
            5 => return prev ^ (1 << (exp_bits + frac_bits)),
            6 => return sign,
            7 => bias - 1 + r.next() % 3,
            8 => bias + frac_bits as u64 / 2 - r.next() % u64::from(frac_bits),
            _ => r.next() % (max_e + 1),
        };
        let frac = if r.next() % 4 == 0 { frac & !((1u64 << (frac_bits / 2)) - 1) } else { frac };
        sign | (e << frac_bits) | frac
    }

    fn soft<S: Float>(f: impl FnOnce() -> S) -> (u64, u8)
    where
        S::Payload: Into<u64>,
    {
        ExceptionFlags::default().set();
        let v = f();
        let mut fl = ExceptionFlags::default();
        fl.get();
        (v.to_bits().into(), fl.to_bits())
    }

    fn check(what: &str, fast: Option<u64>, soft: (u64, u8), hits: &mut u64) {
        if let Some(bits) = fast {
            *hits += 1;
            assert_eq!(bits, soft.0, "{what}: result differs from SoftFloat");
            assert_eq!(soft.1 & !NX, 0, "{what}: SoftFloat raised flags {:#x}", soft.1);
        }
    }

    fn sweep<T: HostF, S: Float + Copy>(exp_bits: u32, frac_bits: u32, seed: u64)
    where
        S::Payload: Into<u64> + TryFrom<u64>,
        <S::Payload as TryFrom<u64>>::Error: std::fmt::Debug,
    {
        let of = |b: u64| S::from_bits(S::Payload::try_from(b).unwrap());
        let mut r = Rng(seed);
        let (mut b, mut c) = (0u64, 0u64);
        let mut hits = [0u64; 6];
        for n in 0..400_000 {
            let a = operand(&mut r, exp_bits, frac_bits, b);
            b = operand(&mut r, exp_bits, frac_bits, a);
            c = operand(&mut r, exp_bits, frac_bits, c);
            let (x, y, z) = (of(a), of(b), of(c));
            let ctx = |op: &str| format!("{op} #{n} {a:#x} {b:#x} {c:#x}");
            check(&ctx("add"), arith::<T>(Op::Add, a, b), soft(|| x.add(y, RNE)), &mut hits[0]);
            check(&ctx("sub"), arith::<T>(Op::Sub, a, b), soft(|| x.sub(y, RNE)), &mut hits[1]);
            check(&ctx("mul"), arith::<T>(Op::Mul, a, b), soft(|| x.mul(y, RNE)), &mut hits[2]);
            check(&ctx("div"), arith::<T>(Op::Div, a, b), soft(|| x.div(y, RNE)), &mut hits[3]);
            check(&ctx("sqrt"), sqrt::<T>(a), soft(|| x.sqrt(RNE)), &mut hits[4]);
            check(&ctx("fma"), fma::<T>(a, b, c), soft(|| x.fused_mul_add(y, z, RNE)), &mut hits[5]);
        }
        // The fast path must actually be taken often, or it tests nothing.
        assert!(hits.iter().all(|&h| h > 50_000), "fast path rarely taken: {hits:?}");
    }

    #[test]
    fn double_matches_softfloat() {
        sweep::<f64, F64>(11, 52, 0x9e37_79b9_7f4a_7c15);
    }

    #[test]
    fn single_matches_softfloat() {
        sweep::<f32, F32>(8, 23, 0x2545_f491_4f6c_dd1d);
    }

    #[test]
    fn refuses_edges() {
        let min = f64::MIN_POSITIVE;
        // Result equal to the smallest normal may be tiny before rounding.
        assert_eq!(arith::<f64>(Op::Mul, (min * 2.0).to_bits(), 0.5f64.to_bits()), None);
        // Underflow to zero from nonzero factors.
        assert_eq!(arith::<f64>(Op::Mul, min.to_bits(), min.to_bits()), None);
        // Overflow, division by zero, invalid.
        assert_eq!(arith::<f64>(Op::Mul, f64::MAX.to_bits(), 2.0f64.to_bits()), None);
        assert_eq!(arith::<f64>(Op::Div, 1.0f64.to_bits(), 0.0f64.to_bits()), None);
        assert_eq!(sqrt::<f64>((-4.0f64).to_bits()), None);
        assert_eq!(arith::<f64>(Op::Add, f64::INFINITY.to_bits(), 1.0f64.to_bits()), None);
        // Exact cancellation is fine and gives +0 in RNE.
        assert_eq!(arith::<f64>(Op::Sub, 3.0f64.to_bits(), 3.0f64.to_bits()), Some(0));
        assert_eq!(sqrt::<f64>((-0.0f64).to_bits()), Some((-0.0f64).to_bits()));
        // A zero fma result with nonzero factors may hide an underflow.
        assert_eq!(fma::<f64>(2.0f64.to_bits(), 3.0f64.to_bits(), (-6.0f64).to_bits()), None);
    }
}
