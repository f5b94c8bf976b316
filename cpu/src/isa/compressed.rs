//! The RVC decoder (unprivileged spec chapter 26 "C" Standard Extension,
//! RV64 encodings; table 26.4-26.6 "RVC opcode map"). Each row maps a
//! 16-bit encoding to the `Insn` of its 32-bit expansion. Reserved code
//! points decode as [`Insn::Illegal`]; HINT code points (e.g. `c.li x0, 1`)
//! decode as their expansion, which has no architectural effect.
//!
//! Invariant: for every 16-bit word `h`, `decode16(h)` is `Illegal` or
//! equals `decode32(decode16(h).encode())` (tested exhaustively).

use super::format::{B, I, J, R, S, Sh, U};
use super::Insn;

/// One row of the compressed table: a quadrant/funct3 pattern and the
/// function that builds the expansion (returning `Illegal` for reserved
/// operand values).
pub struct CRow {
    pub name: &'static str,
    pub mask: u16,
    pub bits: u16,
    pub build: fn(u16) -> Insn,
}

/// Bit `n` of `h`, as u32.
fn bit(h: u16, n: u32) -> u32 {
    u32::from(h >> n & 1)
}

/// Bits `hi..=lo` of `h`, as u32.
fn bits(h: u16, hi: u32, lo: u32) -> u32 {
    u32::from(h >> lo) & ((1 << (hi - lo + 1)) - 1)
}

/// Full register number at bits 11:7.
fn rd_full(h: u16) -> u8 {
    bits(h, 11, 7) as u8
}

/// Full register number at bits 6:2.
fn rs2_full(h: u16) -> u8 {
    bits(h, 6, 2) as u8
}

/// Compact register (x8..x15 / f8..f15) at bits 4:2.
fn r_lo(h: u16) -> u8 {
    bits(h, 4, 2) as u8 + 8
}

/// Compact register at bits 9:7.
fn r_hi(h: u16) -> u8 {
    bits(h, 9, 7) as u8 + 8
}

/// Sign-extends the low `n` bits of `v`.
fn sext(v: u32, n: u32) -> i32 {
    ((v << (32 - n)) as i32) >> (32 - n)
}

/// 6-bit signed immediate imm[5] = bit 12, imm[4:0] = bits 6:2 (CI format).
fn ci_imm(h: u16) -> i32 {
    sext(bit(h, 12) << 5 | bits(h, 6, 2), 6)
}

/// 6-bit shift amount of c.slli/c.srli/c.srai.
fn ci_shamt(h: u16) -> u8 {
    (bit(h, 12) << 5 | bits(h, 6, 2)) as u8
}

/// Offset of c.lw/c.sw: uimm[5:3] = 12:10, uimm[2] = 6, uimm[6] = 5.
fn cl_w(h: u16) -> i32 {
    (bits(h, 12, 10) << 3 | bit(h, 6) << 2 | bit(h, 5) << 6) as i32
}

/// Offset of c.ld/c.sd/c.fld/c.fsd: uimm[5:3] = 12:10, uimm[7:6] = 6:5.
fn cl_d(h: u16) -> i32 {
    (bits(h, 12, 10) << 3 | bits(h, 6, 5) << 6) as i32
}

/// Offset of c.lwsp: uimm[5] = 12, uimm[4:2] = 6:4, uimm[7:6] = 3:2.
fn ci_lwsp(h: u16) -> i32 {
    (bit(h, 12) << 5 | bits(h, 6, 4) << 2 | bits(h, 3, 2) << 6) as i32
}

/// Offset of c.ldsp/c.fldsp: uimm[5] = 12, uimm[4:3] = 6:5, uimm[8:6] = 4:2.
fn ci_ldsp(h: u16) -> i32 {
    (bit(h, 12) << 5 | bits(h, 6, 5) << 3 | bits(h, 4, 2) << 6) as i32
}

/// Offset of c.swsp: uimm[5:2] = 12:9, uimm[7:6] = 8:7.
fn css_w(h: u16) -> i32 {
    (bits(h, 12, 9) << 2 | bits(h, 8, 7) << 6) as i32
}

/// Offset of c.sdsp/c.fsdsp: uimm[5:3] = 12:10, uimm[8:6] = 9:7.
fn css_d(h: u16) -> i32 {
    (bits(h, 12, 10) << 3 | bits(h, 9, 7) << 6) as i32
}

/// Jump offset of c.j: [11|4|9:8|10|6|7|3:1|5] = bits 12:2.
fn cj_imm(h: u16) -> i32 {
    let v = bit(h, 12) << 11
        | bit(h, 11) << 4
        | bits(h, 10, 9) << 8
        | bit(h, 8) << 10
        | bit(h, 7) << 6
        | bit(h, 6) << 7
        | bits(h, 5, 3) << 1
        | bit(h, 2) << 5;
    sext(v, 12)
}

/// Branch offset of c.beqz/c.bnez: [8|4:3] = 12:10, [7:6|2:1|5] = 6:2.
fn cb_imm(h: u16) -> i32 {
    let v = bit(h, 12) << 8 | bits(h, 11, 10) << 3 | bits(h, 6, 5) << 6 | bits(h, 4, 3) << 1 | bit(h, 2) << 5;
    sext(v, 9)
}

fn addi4spn(h: u16) -> Insn {
    let imm = bits(h, 12, 11) << 4 | bits(h, 10, 7) << 6 | bit(h, 6) << 2 | bit(h, 5) << 3;
    if imm == 0 {
        return Insn::Illegal;
    }
    Insn::Addi(I { rd: r_lo(h), rs1: 2, imm: imm as i32 })
}

fn addi16sp_or_lui(h: u16) -> Insn {
    let rd = rd_full(h);
    if rd == 2 {
        let v = bit(h, 12) << 9 | bit(h, 6) << 4 | bit(h, 5) << 6 | bits(h, 4, 3) << 7 | bit(h, 2) << 5;
        return match v {
            0 => Insn::Illegal,
            _ => Insn::Addi(I { rd: 2, rs1: 2, imm: sext(v, 10) }),
        };
    }
    match ci_imm(h) {
        0 => Insn::Illegal,
        imm => Insn::Lui(U { rd, imm: imm << 12 }),
    }
}

fn misc_alu_imm(h: u16) -> Insn {
    let rd = r_hi(h);
    match bits(h, 11, 10) {
        0 => Insn::Srli(Sh { rd, rs1: rd, shamt: ci_shamt(h) }),
        1 => Insn::Srai(Sh { rd, rs1: rd, shamt: ci_shamt(h) }),
        _ => Insn::Andi(I { rd, rs1: rd, imm: ci_imm(h) }),
    }
}

fn misc_alu_reg(h: u16) -> Insn {
    let r = R { rd: r_hi(h), rs1: r_hi(h), rs2: r_lo(h) };
    match (bit(h, 12), bits(h, 6, 5)) {
        (0, 0) => Insn::Sub(r),
        (0, 1) => Insn::Xor(r),
        (0, 2) => Insn::Or(r),
        (0, 3) => Insn::And(r),
        (1, 0) => Insn::Subw(r),
        (1, 1) => Insn::Addw(r),
        _ => Insn::Illegal,
    }
}

fn jr_mv(h: u16) -> Insn {
    let (rd, rs2) = (rd_full(h), rs2_full(h));
    match (rd, rs2) {
        (0, 0) => Insn::Illegal,
        (_, 0) => Insn::Jalr(I { rd: 0, rs1: rd, imm: 0 }),
        _ => Insn::Add(R { rd, rs1: 0, rs2 }),
    }
}

fn ebreak_jalr_add(h: u16) -> Insn {
    let (rd, rs2) = (rd_full(h), rs2_full(h));
    match (rd, rs2) {
        (0, 0) => Insn::Ebreak(super::N),
        (_, 0) => Insn::Jalr(I { rd: 1, rs1: rd, imm: 0 }),
        _ => Insn::Add(R { rd, rs1: rd, rs2 }),
    }
}

/// Loads from sp with rd = x0 reserved (c.lwsp, c.ldsp).
fn load_sp(h: u16, f: fn(I) -> Insn, imm: i32) -> Insn {
    match rd_full(h) {
        0 => Insn::Illegal,
        rd => f(I { rd, rs1: 2, imm }),
    }
}

/// The compressed table (RV64C), in quadrant order.
pub static CTABLE: &[CRow] = &[
    // Quadrant 0
    CRow { name: "c.addi4spn", mask: 0xe003, bits: 0x0000, build: addi4spn },
    CRow { name: "c.fld", mask: 0xe003, bits: 0x2000, build: |h| Insn::Fld(I { rd: r_lo(h), rs1: r_hi(h), imm: cl_d(h) }) },
    CRow { name: "c.lw", mask: 0xe003, bits: 0x4000, build: |h| Insn::Lw(I { rd: r_lo(h), rs1: r_hi(h), imm: cl_w(h) }) },
    CRow { name: "c.ld", mask: 0xe003, bits: 0x6000, build: |h| Insn::Ld(I { rd: r_lo(h), rs1: r_hi(h), imm: cl_d(h) }) },
    CRow { name: "c.fsd", mask: 0xe003, bits: 0xa000, build: |h| Insn::Fsd(S { rs1: r_hi(h), rs2: r_lo(h), imm: cl_d(h) }) },
    CRow { name: "c.sw", mask: 0xe003, bits: 0xc000, build: |h| Insn::Sw(S { rs1: r_hi(h), rs2: r_lo(h), imm: cl_w(h) }) },
    CRow { name: "c.sd", mask: 0xe003, bits: 0xe000, build: |h| Insn::Sd(S { rs1: r_hi(h), rs2: r_lo(h), imm: cl_d(h) }) },
    // Quadrant 1
    CRow { name: "c.addi", mask: 0xe003, bits: 0x0001, build: |h| Insn::Addi(I { rd: rd_full(h), rs1: rd_full(h), imm: ci_imm(h) }) },
    CRow {
        name: "c.addiw",
        mask: 0xe003,
        bits: 0x2001,
        build: |h| match rd_full(h) {
            0 => Insn::Illegal,
            rd => Insn::Addiw(I { rd, rs1: rd, imm: ci_imm(h) }),
        },
    },
    CRow { name: "c.li", mask: 0xe003, bits: 0x4001, build: |h| Insn::Addi(I { rd: rd_full(h), rs1: 0, imm: ci_imm(h) }) },
    CRow { name: "c.lui/c.addi16sp", mask: 0xe003, bits: 0x6001, build: addi16sp_or_lui },
    CRow { name: "c.srli/c.srai/c.andi", mask: 0xec03, bits: 0x8001, build: misc_alu_imm },
    CRow { name: "c.srli/c.srai/c.andi", mask: 0xec03, bits: 0x8401, build: misc_alu_imm },
    CRow { name: "c.srli/c.srai/c.andi", mask: 0xec03, bits: 0x8801, build: misc_alu_imm },
    CRow { name: "c.sub/c.xor/c.or/c.and/c.subw/c.addw", mask: 0xec03, bits: 0x8c01, build: misc_alu_reg },
    CRow { name: "c.j", mask: 0xe003, bits: 0xa001, build: |h| Insn::Jal(J { rd: 0, imm: cj_imm(h) }) },
    CRow { name: "c.beqz", mask: 0xe003, bits: 0xc001, build: |h| Insn::Beq(B { rs1: r_hi(h), rs2: 0, imm: cb_imm(h) }) },
    CRow { name: "c.bnez", mask: 0xe003, bits: 0xe001, build: |h| Insn::Bne(B { rs1: r_hi(h), rs2: 0, imm: cb_imm(h) }) },
    // Quadrant 2
    CRow { name: "c.slli", mask: 0xe003, bits: 0x0002, build: |h| Insn::Slli(Sh { rd: rd_full(h), rs1: rd_full(h), shamt: ci_shamt(h) }) },
    CRow { name: "c.fldsp", mask: 0xe003, bits: 0x2002, build: |h| Insn::Fld(I { rd: rd_full(h), rs1: 2, imm: ci_ldsp(h) }) },
    CRow { name: "c.lwsp", mask: 0xe003, bits: 0x4002, build: |h| load_sp(h, Insn::Lw, ci_lwsp(h)) },
    CRow { name: "c.ldsp", mask: 0xe003, bits: 0x6002, build: |h| load_sp(h, Insn::Ld, ci_ldsp(h)) },
    CRow { name: "c.jr/c.mv", mask: 0xf003, bits: 0x8002, build: jr_mv },
    CRow { name: "c.ebreak/c.jalr/c.add", mask: 0xf003, bits: 0x9002, build: ebreak_jalr_add },
    CRow { name: "c.fsdsp", mask: 0xe003, bits: 0xa002, build: |h| Insn::Fsd(S { rs1: 2, rs2: rs2_full(h), imm: css_d(h) }) },
    CRow { name: "c.swsp", mask: 0xe003, bits: 0xc002, build: |h| Insn::Sw(S { rs1: 2, rs2: rs2_full(h), imm: css_w(h) }) },
    CRow { name: "c.sdsp", mask: 0xe003, bits: 0xe002, build: |h| Insn::Sd(S { rs1: 2, rs2: rs2_full(h), imm: css_d(h) }) },
];

/// Decodes a 16-bit encoding. Words with low bits `11` are not
/// compressed instructions and decode as `Illegal` here.
pub fn decode16(h: u16) -> Insn {
    CTABLE
        .iter()
        .find(|r| h & r.mask == r.bits)
        .map_or(Insn::Illegal, |r| (r.build)(h))
}

/// The compressed row matching `h`, if any (for traces and tests).
pub fn row16(h: u16) -> Option<&'static CRow> {
    CTABLE.iter().find(|r| h & r.mask == r.bits)
}
