//! Operand values biased towards the edges where implementations differ:
//! integer limits, and the IEEE 754 special values the F and D chapters
//! of the unprivileged ISA name (±0, ±inf, quiet and signaling NaNs,
//! subnormals, the largest and smallest normals, ties for every rounding
//! mode, and values around the limits of the float-to-integer conversions,
//! unpriv "F" §11.7, table "FCVT.W.S ... behaviour for invalid inputs").
//!
//! Single-precision values are NaN-boxed (upper 32 bits all ones, unpriv
//! "D" §12.2) except when `boxed_f32` deliberately breaks the box.

use super::rng::Rng;

/// Integers at the edges of every width the ISA computes in.
pub const INT_EDGES: [u64; 24] = [
    0,
    1,
    2,
    u64::MAX,
    u64::MAX - 1,
    i64::MAX as u64,
    i64::MIN as u64,
    i64::MIN as u64 + 1,
    0x7fff_ffff,
    0x8000_0000,
    0xffff_ffff,
    0x1_0000_0000,
    0xffff_ffff_8000_0000,
    0xffff_ffff_7fff_ffff,
    0x7fff,
    0x8000,
    0xffff,
    0x7f,
    0x80,
    0xff,
    1 << 53,
    (1 << 53) + 1,
    (1 << 24) + 1,
    0x8000_0000_0000_0001,
];

/// Double-precision bit patterns of the special values.
pub const F64_SPECIAL: [u64; 38] = [
    0x0000_0000_0000_0000, // +0
    0x8000_0000_0000_0000, // -0
    0x7ff0_0000_0000_0000, // +inf
    0xfff0_0000_0000_0000, // -inf
    0x7ff8_0000_0000_0000, // canonical qNaN
    0xfff8_0000_0000_0123, // negative qNaN with payload
    0x7ff0_0000_0000_0001, // sNaN
    0x7ff4_0000_0000_0000, // sNaN
    0x0000_0000_0000_0001, // smallest subnormal
    0x800f_ffff_ffff_ffff, // largest negative subnormal
    0x0010_0000_0000_0000, // smallest normal
    0x7fef_ffff_ffff_ffff, // largest normal
    0xffef_ffff_ffff_ffff, // most negative normal
    0x3ff0_0000_0000_0000, // 1.0
    0xbff0_0000_0000_0000, // -1.0
    0x3fe0_0000_0000_0000, // 0.5
    0xbfe0_0000_0000_0000, // -0.5
    0x3ff8_0000_0000_0000, // 1.5
    0x4004_0000_0000_0000, // 2.5
    0xc004_0000_0000_0000, // -2.5
    0x3ff0_0000_0000_0001, // 1 + ulp
    0x41df_ffff_ffc0_0000, // 2^31 - 1
    0x41df_ffff_ffe0_0000, // 2^31 - 0.5
    0x41e0_0000_0000_0000, // 2^31
    0xc1e0_0000_0000_0000, // -2^31
    0xc1e0_0000_0010_0000, // -2^31 - 0.5
    0xc1e0_0000_0020_0000, // -2^31 - 1
    0x41ef_ffff_ffe0_0000, // 2^32 - 1
    0x41ef_ffff_fff0_0000, // 2^32 - 0.5
    0x41f0_0000_0000_0000, // 2^32
    0x43df_ffff_ffff_ffff, // largest below 2^63
    0x43e0_0000_0000_0000, // 2^63
    0xc3e0_0000_0000_0000, // -2^63
    0xc3e0_0000_0000_0001, // below -2^63
    0x43ef_ffff_ffff_ffff, // largest below 2^64
    0x43f0_0000_0000_0000, // 2^64
    0x4340_0000_0000_0001, // 2^53 + 2 (odd last bit)
    0x3ca0_0000_0000_0000, // 2^-53
];

/// Single-precision bit patterns of the special values.
pub const F32_SPECIAL: [u32; 34] = [
    0x0000_0000, // +0
    0x8000_0000, // -0
    0x7f80_0000, // +inf
    0xff80_0000, // -inf
    0x7fc0_0000, // canonical qNaN
    0xffc0_0123, // negative qNaN with payload
    0x7f80_0001, // sNaN
    0x7fa0_0000, // sNaN
    0x0000_0001, // smallest subnormal
    0x807f_ffff, // largest negative subnormal
    0x0080_0000, // smallest normal
    0x7f7f_ffff, // largest normal
    0xff7f_ffff, // most negative normal
    0x3f80_0000, // 1.0
    0xbf80_0000, // -1.0
    0x3f00_0000, // 0.5
    0xbf00_0000, // -0.5
    0x3fc0_0000, // 1.5
    0x4020_0000, // 2.5
    0xc020_0000, // -2.5
    0x3f80_0001, // 1 + ulp
    0x4eff_ffff, // largest below 2^31
    0x4f00_0000, // 2^31
    0xcf00_0000, // -2^31
    0xcf00_0001, // below -2^31
    0x4f7f_ffff, // largest below 2^32
    0x4f80_0000, // 2^32
    0x5eff_ffff, // largest below 2^63
    0x5f00_0000, // 2^63
    0xdf00_0000, // -2^63
    0xdf00_0001, // below -2^63
    0x5f7f_ffff, // largest below 2^64
    0x5f80_0000, // 2^64
    0x4b80_0001, // 2^24 + 2
];

/// An integer operand: an edge value, a small number or random bits.
pub fn int(r: &mut Rng) -> u64 {
    match r.below(8) {
        0..=2 => *r.pick(&INT_EDGES),
        3 => r.below(64),
        4 => (r.range(-2048, 2047)) as u64,
        5 => r.next_u64() as i32 as u64,
        _ => r.next_u64(),
    }
}

/// A double-precision operand: special, "ordinary" (a small exponent
/// range, so arithmetic rounds rather than overflows), or random bits.
pub fn f64_bits(r: &mut Rng) -> u64 {
    match r.below(6) {
        0..=2 => *r.pick(&F64_SPECIAL),
        3 => (r.next_u64() & 0x800f_ffff_ffff_ffff) | (r.range(0x3f0, 0x40f) as u64) << 52,
        4 => r.next_u64() & 0x800f_ffff_ffff_ffff, // subnormal
        _ => r.next_u64(),
    }
}

/// A single-precision operand (32 bits), chosen like `f64_bits`.
pub fn f32_bits(r: &mut Rng) -> u32 {
    match r.below(6) {
        0..=2 => *r.pick(&F32_SPECIAL),
        3 => (r.next_u64() as u32 & 0x807f_ffff) | (r.range(0x70, 0x8f) as u32) << 23,
        4 => r.next_u64() as u32 & 0x807f_ffff,
        _ => r.next_u64() as u32,
    }
}

/// A single in an f register: NaN-boxed, or (1 in 8) with a broken box so
/// single-precision reads must see the canonical NaN (unpriv §12.2).
pub fn boxed_f32(r: &mut Rng) -> u64 {
    let v = u64::from(f32_bits(r));
    match r.below(8) {
        0 => v | (r.next_u64() & 0xffff_fffe) << 32,
        _ => v | 0xffff_ffff_0000_0000,
    }
}

/// Any f register content: a boxed single or a double.
pub fn freg(r: &mut Rng) -> u64 {
    if r.one_in(2) {
        boxed_f32(r)
    } else {
        f64_bits(r)
    }
}
