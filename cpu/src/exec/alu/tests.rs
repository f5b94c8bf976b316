//! Table tests of the ALU functions: each row is (function, a, b, result)
//! with the edge cases of the spec sections cited in the module note.

use super::*;

const MIN: u64 = 1 << 63;
const NEG1: u64 = u64::MAX;

type F = fn(u64, u64) -> u64;

fn check(rows: &[(&str, F, u64, u64, u64)]) {
    for &(name, f, a, b, want) in rows {
        assert_eq!(f(a, b), want, "{name}({a:#x}, {b:#x})");
    }
}

#[test]
fn rv64i_shifts_and_words() {
    check(&[
        ("sll", sll, 1, 64 + 3, 8),
        ("srl", srl, MIN, 63, 1),
        ("sra", sra, MIN, 63, NEG1),
        ("addw", addw, 0x7fff_ffff, 1, 0xffff_ffff_8000_0000),
        ("subw", subw, 0, 1, NEG1),
        ("sllw", sllw, 1, 31, 0xffff_ffff_8000_0000),
        ("sllw", sllw, 1, 32 + 1, 2),
        ("srlw", srlw, 0xffff_ffff_8000_0000, 31, 1),
        ("sraw", sraw, 0x8000_0000, 31, NEG1),
        ("slt", slt, NEG1, 0, 1),
        ("sltu", sltu, NEG1, 0, 0),
    ]);
}

#[test]
fn m_division_edges() {
    check(&[
        ("div", div, 7, 0, NEG1),
        ("div", div, MIN, NEG1, MIN),
        ("divu", divu, 7, 0, NEG1),
        ("rem", rem, 7, 0, 7),
        ("rem", rem, MIN, NEG1, 0),
        ("remu", remu, 7, 0, 7),
        ("divw", divw, 0x8000_0000, NEG1, 0xffff_ffff_8000_0000),
        ("divw", divw, 5, 0, NEG1),
        ("divuw", divuw, 0xffff_fffe, 1, 0xffff_ffff_ffff_fffe),
        ("divuw", divuw, 5, 0x1_0000_0000, NEG1),
        ("remw", remw, 0x8000_0000, NEG1, 0),
        ("remw", remw, 0xffff_fff9, 0, NEG1 - 6),
        ("remuw", remuw, 0x8000_0001, 0, 0xffff_ffff_8000_0001),
        ("mulh", mulh, NEG1, NEG1, 0),
        ("mulhu", mulhu, NEG1, NEG1, NEG1 - 1),
        ("mulhsu", mulhsu, NEG1, NEG1, NEG1),
        ("mulhsu", mulhsu, 2, NEG1, 1),
        ("mulw", mulw, 0x1_0000_0001, 0x7fff_ffff, 0x7fff_ffff),
    ]);
}

#[test]
fn bitmanip() {
    check(&[
        ("add.uw", add_uw, 0xffff_ffff_ffff_ffff, 1, 0x1_0000_0000),
        ("sh3add.uw", sh3add_uw, 0x1_0000_0001, 0, 8),
        ("slli.uw", slli_uw, 0xffff_ffff_8000_0000, 1, 0x1_0000_0000),
        ("andn", andn, 0xff, 0x0f, 0xf0),
        ("xnor", xnor, 0, 0, NEG1),
        ("max", max, NEG1, 1, 1),
        ("maxu", maxu, NEG1, 1, NEG1),
        ("rolw", rolw, 0x8000_0001, 1, 3),
        ("rorw", rorw, 1, 1, 0xffff_ffff_8000_0000),
        ("ror", ror, 1, 65, MIN),
        ("clmul", clmul, 3, 3, 5),
        ("clmulh", clmulh, MIN, 2, 1),
        ("clmulr", clmulr, MIN, 1, 1),
        ("bclr", bclr, NEG1, 64, NEG1 - 1),
        ("bext", bext, MIN, 63, 1),
        ("binv", binv, 0, 63, MIN),
        ("czero.eqz", czero_eqz, 5, 0, 0),
        ("czero.nez", czero_nez, 5, 0, 5),
    ]);
    assert_eq!(clz(0), 64);
    assert_eq!(clzw(0xffff_ffff_0000_0000), 32);
    assert_eq!(ctzw(0), 32);
    assert_eq!(cpopw(NEG1), 32);
    assert_eq!(orc_b(0x0100_0000_0000_8000), 0xff00_0000_0000_ff00);
    assert_eq!(rev8(0x0102_0304_0506_0708), 0x0807_0605_0403_0201);
    assert_eq!(sext_b(0x80), 0xffff_ffff_ffff_ff80);
    assert_eq!(sext_h(0x7fff), 0x7fff);
    assert_eq!(zext_h(NEG1), 0xffff);
}

#[test]
fn clmul_agrees_with_reference() {
    // clmulr(a, b) is bits 126:63 of the 128-bit carry-less product;
    // clmulh its upper half, clmul its lower half.
    let wide = |a: u64, b: u64| (0..64).filter(|i| b >> i & 1 != 0).fold(0u128, |r, i| r ^ (u128::from(a) << i));
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..1000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let (a, b) = (x, x.rotate_left(23) ^ 0x1234_5678);
        let p = wide(a, b);
        assert_eq!(clmul(a, b), p as u64);
        assert_eq!(clmulh(a, b), (p >> 64) as u64);
        assert_eq!(clmulr(a, b), (p >> 63) as u64);
    }
}
