//! Pure integer functions: every width, sign and edge-case rule of RV64I,
//! M, Zba, Zbb, Zbc, Zbs and Zicond, written once. The interpreter and the
//! translator's helpers both call these; the translator's inline code is
//! tested against them.
//!
//! Sources: unprivileged spec ch. 2 and 4 (RV64I: shifts use the low 6
//! bits, W forms the low 5 and sign-extend), ch. 13 (M: table 13.1 "division
//! by zero and overflow"), the bit-manipulation spec 1.0, Zicond 1.0.

/// Sign-extends the low 32 bits.
#[inline(always)]
pub fn sext32(v: u64) -> u64 {
    v as u32 as i32 as i64 as u64
}

pub fn add(a: u64, b: u64) -> u64 { a.wrapping_add(b) }
pub fn sub(a: u64, b: u64) -> u64 { a.wrapping_sub(b) }
pub fn sll(a: u64, b: u64) -> u64 { a << (b & 63) }
pub fn srl(a: u64, b: u64) -> u64 { a >> (b & 63) }
pub fn sra(a: u64, b: u64) -> u64 { ((a as i64) >> (b & 63)) as u64 }
pub fn slt(a: u64, b: u64) -> u64 { u64::from((a as i64) < (b as i64)) }
pub fn sltu(a: u64, b: u64) -> u64 { u64::from(a < b) }
pub fn xor(a: u64, b: u64) -> u64 { a ^ b }
pub fn or(a: u64, b: u64) -> u64 { a | b }
pub fn and(a: u64, b: u64) -> u64 { a & b }

pub fn addw(a: u64, b: u64) -> u64 { sext32(a.wrapping_add(b)) }
pub fn subw(a: u64, b: u64) -> u64 { sext32(a.wrapping_sub(b)) }
pub fn sllw(a: u64, b: u64) -> u64 { sext32(u64::from((a as u32) << (b & 31))) }
pub fn srlw(a: u64, b: u64) -> u64 { sext32(u64::from((a as u32) >> (b & 31))) }
pub fn sraw(a: u64, b: u64) -> u64 { ((a as i32) >> (b & 31)) as i64 as u64 }

// ---- M ----
pub fn mul(a: u64, b: u64) -> u64 { a.wrapping_mul(b) }
pub fn mulh(a: u64, b: u64) -> u64 { ((i128::from(a as i64) * i128::from(b as i64)) >> 64) as u64 }
pub fn mulhsu(a: u64, b: u64) -> u64 { ((i128::from(a as i64) * i128::from(b)) >> 64) as u64 }
pub fn mulhu(a: u64, b: u64) -> u64 { ((u128::from(a) * u128::from(b)) >> 64) as u64 }
pub fn mulw(a: u64, b: u64) -> u64 { sext32(a.wrapping_mul(b)) }

/// Signed division: x/0 = -1, MIN/-1 = MIN (spec table 13.1).
pub fn div(a: u64, b: u64) -> u64 {
    let (a, b) = (a as i64, b as i64);
    if b == 0 { u64::MAX } else { a.wrapping_div(b) as u64 }
}

/// Unsigned division: x/0 = 2^64 - 1.
pub fn divu(a: u64, b: u64) -> u64 {
    if b == 0 { u64::MAX } else { a / b }
}

/// Signed remainder: x%0 = x, MIN%-1 = 0.
pub fn rem(a: u64, b: u64) -> u64 {
    let (a, b) = (a as i64, b as i64);
    if b == 0 { a as u64 } else { a.wrapping_rem(b) as u64 }
}

/// Unsigned remainder: x%0 = x.
pub fn remu(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { a % b }
}

pub fn divw(a: u64, b: u64) -> u64 {
    let (a, b) = (a as i32, b as i32);
    if b == 0 { u64::MAX } else { a.wrapping_div(b) as i64 as u64 }
}

pub fn divuw(a: u64, b: u64) -> u64 {
    let (a, b) = (a as u32, b as u32);
    if b == 0 { u64::MAX } else { sext32(u64::from(a / b)) }
}

pub fn remw(a: u64, b: u64) -> u64 {
    let (a, b) = (a as i32, b as i32);
    if b == 0 { a as i64 as u64 } else { a.wrapping_rem(b) as i64 as u64 }
}

pub fn remuw(a: u64, b: u64) -> u64 {
    let (a, b) = (a as u32, b as u32);
    if b == 0 { sext32(u64::from(a)) } else { sext32(u64::from(a % b)) }
}

// ---- Zba ----
pub fn add_uw(a: u64, b: u64) -> u64 { b.wrapping_add(u64::from(a as u32)) }
pub fn sh1add(a: u64, b: u64) -> u64 { b.wrapping_add(a << 1) }
pub fn sh2add(a: u64, b: u64) -> u64 { b.wrapping_add(a << 2) }
pub fn sh3add(a: u64, b: u64) -> u64 { b.wrapping_add(a << 3) }
pub fn sh1add_uw(a: u64, b: u64) -> u64 { b.wrapping_add(u64::from(a as u32) << 1) }
pub fn sh2add_uw(a: u64, b: u64) -> u64 { b.wrapping_add(u64::from(a as u32) << 2) }
pub fn sh3add_uw(a: u64, b: u64) -> u64 { b.wrapping_add(u64::from(a as u32) << 3) }
pub fn slli_uw(a: u64, sh: u64) -> u64 { u64::from(a as u32) << (sh & 63) }

// ---- Zbb ----
pub fn andn(a: u64, b: u64) -> u64 { a & !b }
pub fn orn(a: u64, b: u64) -> u64 { a | !b }
pub fn xnor(a: u64, b: u64) -> u64 { !(a ^ b) }
pub fn clz(a: u64) -> u64 { u64::from(a.leading_zeros()) }
pub fn ctz(a: u64) -> u64 { u64::from(a.trailing_zeros()) }
pub fn cpop(a: u64) -> u64 { u64::from(a.count_ones()) }
pub fn clzw(a: u64) -> u64 { u64::from((a as u32).leading_zeros()) }
pub fn ctzw(a: u64) -> u64 { u64::from((a as u32).trailing_zeros()) }
pub fn cpopw(a: u64) -> u64 { u64::from((a as u32).count_ones()) }
pub fn max(a: u64, b: u64) -> u64 { (a as i64).max(b as i64) as u64 }
pub fn maxu(a: u64, b: u64) -> u64 { a.max(b) }
pub fn min(a: u64, b: u64) -> u64 { (a as i64).min(b as i64) as u64 }
pub fn minu(a: u64, b: u64) -> u64 { a.min(b) }
pub fn sext_b(a: u64) -> u64 { a as i8 as i64 as u64 }
pub fn sext_h(a: u64) -> u64 { a as i16 as i64 as u64 }
pub fn zext_h(a: u64) -> u64 { a & 0xffff }
pub fn rol(a: u64, b: u64) -> u64 { a.rotate_left((b & 63) as u32) }
pub fn ror(a: u64, b: u64) -> u64 { a.rotate_right((b & 63) as u32) }
pub fn rolw(a: u64, b: u64) -> u64 { sext32(u64::from((a as u32).rotate_left((b & 31) as u32))) }
pub fn rorw(a: u64, b: u64) -> u64 { sext32(u64::from((a as u32).rotate_right((b & 31) as u32))) }
pub fn rev8(a: u64) -> u64 { a.swap_bytes() }

/// orc.b: each byte becomes 0xff if it was non-zero, else 0.
pub fn orc_b(a: u64) -> u64 {
    (0..8).fold(0, |r, i| if (a >> (8 * i)) & 0xff != 0 { r | 0xff << (8 * i) } else { r })
}

// ---- Zbc ----
pub fn clmul(a: u64, b: u64) -> u64 {
    (0..64).filter(|i| b >> i & 1 != 0).fold(0, |r, i| r ^ (a << i))
}

pub fn clmulh(a: u64, b: u64) -> u64 {
    (1..64).filter(|i| b >> i & 1 != 0).fold(0, |r, i| r ^ (a >> (64 - i)))
}

pub fn clmulr(a: u64, b: u64) -> u64 {
    (0..64).filter(|i| b >> i & 1 != 0).fold(0, |r, i| r ^ (a >> (63 - i)))
}

// ---- Zbs ----
pub fn bclr(a: u64, b: u64) -> u64 { a & !(1 << (b & 63)) }
pub fn bset(a: u64, b: u64) -> u64 { a | 1 << (b & 63) }
pub fn binv(a: u64, b: u64) -> u64 { a ^ 1 << (b & 63) }
pub fn bext(a: u64, b: u64) -> u64 { a >> (b & 63) & 1 }

// ---- Zicond ----
pub fn czero_eqz(a: u64, b: u64) -> u64 { if b == 0 { 0 } else { a } }
pub fn czero_nez(a: u64, b: u64) -> u64 { if b != 0 { 0 } else { a } }

#[cfg(test)]
mod tests;
