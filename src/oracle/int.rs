//! Integer items: RV64I register and immediate forms, M, Zba/Zbb/Zbc/Zbs,
//! Zicond and constants. Every operand combination of these is defined
//! by the spec (division by zero and overflow included, unpriv §13.2),
//! so any random registers and immediates are fair.

use super::gen::{Ctx, Item, Kind};
use super::values;

const RR: [&str; 15] = ["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and", "addw", "subw", "sllw", "srlw", "sraw"];
const RI: [&str; 7] = ["addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"];
/// Shifts by an immediate, with the largest shift amount.
const SHIFTS: [(&str, i64); 6] = [("slli", 63), ("srli", 63), ("srai", 63), ("slliw", 31), ("srliw", 31), ("sraiw", 31)];
const MUL: [&str; 13] = ["mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu", "mulw", "divw", "divuw", "remw", "remuw"];
const B_RR: [&str; 23] = [
    "add.uw", "sh1add", "sh2add", "sh3add", "sh1add.uw", "sh2add.uw", "sh3add.uw", // Zba
    "andn", "orn", "xnor", "max", "maxu", "min", "minu", "rol", "rolw", "ror", "rorw", // Zbb
    "clmul", "clmulh", "clmulr", // Zbc
    "bclr", "bext", // Zbs
];
const B_RR2: [&str; 2] = ["binv", "bset"];
const B_UNARY: [&str; 11] = ["clz", "clzw", "ctz", "ctzw", "cpop", "cpopw", "sext.b", "sext.h", "zext.h", "rev8", "orc.b"];
const B_SHIFTS: [(&str, i64); 7] = [("rori", 63), ("roriw", 31), ("bclri", 63), ("bexti", 63), ("binvi", 63), ("bseti", 63), ("slli.uw", 63)];

/// A 12-bit immediate biased towards its edges.
fn imm12(cx: &mut Ctx) -> i64 {
    match cx.r.below(6) {
        0 => *cx.r.pick(&[0, 1, -1, 2047, -2048, 0x7ff, -2]),
        1 => cx.r.range(-16, 16),
        _ => cx.r.range(-2048, 2047),
    }
}

fn shamt(cx: &mut Ctx, max: i64) -> i64 {
    if cx.r.one_in(4) {
        *cx.r.pick(&[0, 1, max - 1, max])
    } else {
        cx.r.range(0, max)
    }
}

/// A register-register operation `op`.
pub fn rr(cx: &mut Ctx, kind: Kind, op: &str, rd: u8) -> Item {
    let (a, b) = (cx.sx(), cx.sx());
    Item::one(kind, format!("{op} x{rd}, x{a}, x{b}"))
}

/// RV64I computational instructions (rd = x0 is a HINT, unpriv §2.9).
pub fn alu(cx: &mut Ctx) -> Item {
    let rd = cx.wx_or_zero();
    alu_into(cx, rd)
}

/// An RV64I computational instruction writing `rd` (never traps).
pub fn alu_into(cx: &mut Ctx, rd: u8) -> Item {
    let a = cx.sx();
    match cx.r.below(5) {
        0 | 1 => {
            let op = *cx.r.pick(&RR);
            rr(cx, Kind::Int, op, rd)
        }
        2 => {
            let (op, imm) = (*cx.r.pick(&RI), imm12(cx));
            Item::one(Kind::Int, format!("{op} x{rd}, x{a}, {imm}"))
        }
        3 => {
            let &(op, max) = cx.r.pick(&SHIFTS);
            let s = shamt(cx, max);
            Item::one(Kind::Int, format!("{op} x{rd}, x{a}, {s}"))
        }
        _ => {
            let op = *cx.r.pick(&["lui", "auipc"]);
            let imm = cx.r.below(1 << 20);
            Item::one(Kind::Int, format!("{op} x{rd}, {imm:#x}"))
        }
    }
}

/// M: multiply and divide (all edge cases are defined, unpriv §13.2).
pub fn mul(cx: &mut Ctx) -> Item {
    let rd = cx.wx();
    let op = *cx.r.pick(&MUL);
    rr(cx, Kind::Mul, op, rd)
}

/// Zba, Zbb, Zbc, Zbs.
pub fn bitmanip(cx: &mut Ctx) -> Item {
    let (rd, a) = (cx.wx(), cx.sx());
    match cx.r.below(5) {
        0 | 1 => {
            let op = *cx.r.pick(&B_RR);
            rr(cx, Kind::Bitmanip, op, rd)
        }
        2 => {
            let op = *cx.r.pick(&B_RR2);
            rr(cx, Kind::Bitmanip, op, rd)
        }
        3 => unary(cx, rd, a),
        _ => {
            let &(op, max) = cx.r.pick(&B_SHIFTS);
            let s = shamt(cx, max);
            Item::one(Kind::Bitmanip, format!("{op} x{rd}, x{a}, {s}"))
        }
    }
}

/// A Zbb unary operation. CTZW's source is first sign-extended from its
/// low word unless `Features::ctzw_upper` (QEMU 7.2 counts into the
/// upper word when the low one is zero; tests/oracle/ctzw_upper_bits.S).
fn unary(cx: &mut Ctx, rd: u8, a: u8) -> Item {
    let op = *cx.r.pick(&B_UNARY);
    if op != "ctzw" || cx.features.ctzw_upper {
        return Item::one(Kind::Bitmanip, format!("{op} x{rd}, x{a}"));
    }
    Item::new(Kind::Bitmanip, vec![format!("addiw x{rd}, x{a}, 0"), format!("ctzw x{rd}, x{rd}")])
}

/// Zicond 1.0 (czero.eqz: funct3 5, czero.nez: funct3 7; funct7 7),
/// written with `.insn` because binutils 2.40 predates Zicond.
pub fn zicond(cx: &mut Ctx) -> Item {
    let (rd, a, b) = (cx.wx(), cx.sx(), cx.sx());
    let (f3, name) = *cx.r.pick(&[(5, "czero.eqz"), (7, "czero.nez")]);
    Item::one(Kind::Zicond, format!(".insn r 0x33, {f3}, 7, x{rd}, x{a}, x{b}  # {name}"))
}

/// A constant (edge values for later operations).
pub fn constant(cx: &mut Ctx) -> Item {
    let rd = cx.wx();
    let v = values::int(&mut cx.r);
    Item::one(Kind::Const, format!("li x{rd}, {v:#x}"))
}
