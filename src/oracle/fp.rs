//! F and D items: arithmetic with every static rounding mode and the
//! dynamic one (frm), fused multiply-add, square root, sign injection,
//! min/max, comparisons, classification, conversions (to and from every
//! integer width, and between precisions) and moves, on special values
//! (see `values.rs`) and NaN-boxed or deliberately unboxed singles.
//!
//! Widening conversions (fcvt.d.s, fcvt.d.w, fcvt.d.wu) are exact, and
//! binutils 2.40 only writes them with rm = RNE; they are written as
//! `.insn` with a random rm field too, since "implementations must treat
//! the rm field as usual (in particular, with regard to decoding legal
//! vs. reserved encodings)" (unpriv "F" §11.2).

use super::gen::{Ctx, Item, Kind};
use super::values;

/// Rounding modes (unpriv "F" §11.2, table "Rounding mode encoding"),
/// weighted towards the dynamic one.
const RM: [(&str, u8); 7] = [("rne", 0), ("rtz", 1), ("rdn", 2), ("rup", 3), ("rmm", 4), ("dyn", 7), ("dyn", 7)];
const BIN_RM: [&str; 4] = ["fadd", "fsub", "fmul", "fdiv"];
const BIN: [&str; 5] = ["fsgnj", "fsgnjn", "fsgnjx", "fmin", "fmax"];
const FMA: [&str; 4] = ["fmadd", "fmsub", "fnmsub", "fnmadd"];
const CMP: [&str; 3] = ["feq", "flt", "fle"];
const INT: [&str; 4] = ["w", "wu", "l", "lu"];

fn rm(cx: &mut Ctx) -> (&'static str, u8) {
    *cx.r.pick(&RM)
}

fn fmt(cx: &mut Ctx) -> &'static str {
    if cx.r.one_in(2) {
        "s"
    } else {
        "d"
    }
}

/// A bit pattern moved into an f register through an x register.
pub fn constant(cx: &mut Ctx) -> Item {
    let (t, f) = (cx.wx(), cx.fr());
    let v = values::freg(&mut cx.r);
    Item::new(Kind::FpConst, vec![format!("li x{t}, {v:#x}"), format!("fmv.d.x f{f}, x{t}")])
}

/// Arithmetic, sign injection, min/max, comparisons and classification.
pub fn arith(cx: &mut Ctx) -> Item {
    let (d, a, b, c, t) = (cx.fr(), cx.fr(), cx.fr(), cx.fr(), fmt(cx));
    let line = match cx.r.below(8) {
        0..=2 => format!("{}.{t} f{d}, f{a}, f{b}, {}", cx.r.pick(&BIN_RM), rm(cx).0),
        3 => format!("fsqrt.{t} f{d}, f{a}, {}", rm(cx).0),
        4 => format!("{}.{t} f{d}, f{a}, f{b}, f{c}, {}", cx.r.pick(&FMA), rm(cx).0),
        5 => format!("{}.{t} f{d}, f{a}, f{b}", cx.r.pick(&BIN)),
        6 => format!("{}.{t} x{}, f{a}, f{b}", cx.r.pick(&CMP), cx.wx_or_zero()),
        _ => format!("fclass.{t} x{}, f{a}", cx.wx()),
    };
    Item::one(Kind::FpArith, line)
}

/// Conversions: float to integer, integer to float (sometimes from a
/// fresh edge value), and between precisions.
pub fn convert(cx: &mut Ctx) -> Item {
    let (d, a, t) = (cx.fr(), cx.fr(), fmt(cx));
    let (rmn, rmv) = rm(cx);
    match cx.r.below(6) {
        0 | 1 => Item::one(Kind::FpConvert, format!("fcvt.{}.{t} x{}, f{a}, {rmn}", cx.r.pick(&INT), cx.wx_or_zero())),
        2 | 3 => {
            let mut lines = Vec::new();
            let x = if cx.r.one_in(2) {
                let x = cx.wx();
                lines.push(format!("li x{x}, {:#x}", values::int(&mut cx.r)));
                x
            } else {
                cx.sx()
            };
            lines.push(int_to_float(cx, d, x, t, rmn, rmv));
            Item::new(Kind::FpConvert, lines)
        }
        4 => Item::one(Kind::FpConvert, format!("fcvt.s.d f{d}, f{a}, {rmn}")),
        _ => Item::one(Kind::FpConvert, format!(".insn r 0x53, {rmv}, 0x21, f{d}, f{a}, f0  # fcvt.d.s {rmn}")),
    }
}

/// fcvt.{s,d}.{w,wu,l,lu}; the exact ones (fcvt.d.w, fcvt.d.wu) as `.insn`.
fn int_to_float(cx: &mut Ctx, d: u8, x: u8, t: &str, rmn: &str, rmv: u8) -> String {
    let i = *cx.r.pick(&INT);
    match (t, i) {
        ("d", "w") => format!(".insn r 0x53, {rmv}, 0x69, f{d}, x{x}, x0  # fcvt.d.w {rmn}"),
        ("d", "wu") => format!(".insn r 0x53, {rmv}, 0x69, f{d}, x{x}, x1  # fcvt.d.wu {rmn}"),
        _ => format!("fcvt.{t}.{i} f{d}, x{x}, {rmn}"),
    }
}

/// Moves between the register files (fmv.x.w sign-extends; fmv.w.x boxes).
pub fn moves(cx: &mut Ctx) -> Item {
    let (f, x, s) = (cx.fr(), cx.wx(), cx.sx());
    let line = match cx.r.below(4) {
        0 => format!("fmv.x.w x{x}, f{f}"),
        1 => format!("fmv.x.d x{x}, f{f}"),
        2 => format!("fmv.w.x f{f}, x{s}"),
        _ => format!("fmv.d.x f{f}, x{s}"),
    };
    Item::one(Kind::FpMove, line)
}

/// An FP operation with the dynamic rounding mode (traps when frm holds
/// a reserved value).
pub fn dynamic_op(cx: &mut Ctx) -> String {
    let (d, a, b) = (cx.fr(), cx.fr(), cx.fr());
    match cx.r.below(4) {
        0 => format!("fadd.d f{d}, f{a}, f{b}, dyn"),
        1 => format!("fmul.s f{d}, f{a}, f{b}, dyn"),
        2 => format!(".insn r 0x53, 7, 0x21, f{d}, f{a}, f0  # fcvt.d.s dyn"),
        _ => format!("fcvt.w.d x{}, f{a}, dyn", cx.wx()),
    }
}
