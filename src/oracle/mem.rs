//! Memory items: loads and stores (x and f, all widths, sometimes
//! misaligned), AMOs, LR/SC pairs and lone SCs, all inside the data area
//! through the reserved bases `sp` (its start) and `s0` (its middle).
//!
//! Misaligned regular loads and stores are performed, not trapped, in
//! QEMU 7.2 (its RISC-V target does not request alignment for them), and
//! mimic runs with `--misaligned hw` to match: unpriv §2.6 leaves the
//! choice to the execution environment. They never cross the area.
//!
//! LR/SC is generated only in the forms whose outcome the spec fixes
//! (unpriv "A" §14.2, "Load-Reserved/Store-Conditional Instructions"):
//! - a pair `lr; (0..3 ALU instructions); sc` of the same address and
//!   size with nothing that stores or traps in between: the constrained
//!   form, which succeeds on both implementations (single hart, no
//!   interrupts);
//! - a lone SC, which must fail: the most recent LR in program order was
//!   already followed by an SC ("An SC may succeed only if ... there is no
//!   other SC between the LR and itself in program order"), or no LR ran.
//!
//! Excluded because the outcome is implementation-defined: an SC to
//! another address or size than its LR (the reservation set's size is
//! the implementation's), stores by the same hart between LR and SC, and
//! traps between them (xRET may or may not clear the reservation, priv
//! §3.3.2).

use super::gen::{Ctx, Item, Kind};
use super::int;
use super::program::{DATA_SIZE, S0_OFFSET};

const LOADS: [(&str, i64, bool); 9] =
    [("lb", 1, false), ("lh", 2, false), ("lw", 4, false), ("ld", 8, false), ("lbu", 1, false), ("lhu", 2, false), ("lwu", 4, false), ("flw", 4, true), ("fld", 8, true)];
const STORES: [(&str, i64, bool); 6] = [("sb", 1, false), ("sh", 2, false), ("sw", 4, false), ("sd", 8, false), ("fsw", 4, true), ("fsd", 8, true)];
const AMOS: [&str; 9] = ["amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu"];
const ORDER: [&str; 4] = ["", ".aq", ".rl", ".aqrl"];

/// An offset from base `sp` or `s0` for a `size`-byte access inside the
/// data area: aligned, or one time in `mis` anywhere.
fn offset(cx: &mut Ctx, base: u8, size: i64, mis: u64) -> i64 {
    let lo = if base == 2 { 0 } else { -(S0_OFFSET as i64) };
    let hi = lo + DATA_SIZE as i64 - size;
    let off = cx.r.range(lo, hi);
    if cx.r.one_in(mis) {
        off
    } else {
        off & !(size - 1)
    }
}

/// A load or store through `sp` or `s0`.
pub fn load_store(cx: &mut Ctx) -> Item {
    let base = if cx.r.one_in(3) { 2 } else { 8 };
    let &(op, size, fp) = if cx.r.one_in(2) { cx.r.pick(&LOADS) } else { cx.r.pick(&STORES) };
    let off = offset(cx, base, size, 6);
    let is_load = op.starts_with('l') || op.starts_with("fl");
    let reg = match (fp, is_load) {
        (true, _) => format!("f{}", cx.fr()),
        (false, true) => format!("x{}", cx.wx_or_zero()),
        (false, false) => format!("x{}", cx.sx()),
    };
    Item::one(Kind::LoadStore, format!("{op} {reg}, {off}(x{base})"))
}

/// `addi xa, s0, off` for a `size`-byte atomic: aligned, or misaligned
/// one time in `mis` when `allow_mis`.
fn atomic_address(cx: &mut Ctx, a: u8, size: i64, allow_mis: bool) -> String {
    let mut off = offset(cx, 8, size, u64::MAX);
    if allow_mis && cx.r.one_in(8) {
        off += cx.r.range(1, size - 1);
        off = off.min(DATA_SIZE as i64 - S0_OFFSET as i64 - size);
    }
    format!("addi x{a}, x8, {off}")
}

fn width(cx: &mut Ctx) -> (&'static str, i64) {
    *cx.r.pick(&[(".w", 4), (".d", 8)])
}

/// An AMO on an aligned word or doubleword (misaligned ones trap, when
/// `Features::misaligned_amo` allows them).
pub fn amo(cx: &mut Ctx) -> Item {
    let a = cx.wx();
    let (w, size) = width(cx);
    let addr = atomic_address(cx, a, size, cx.features.misaligned_amo);
    let (op, ord) = (*cx.r.pick(&AMOS), *cx.r.pick(&ORDER));
    let (rd, rs2) = (cx.wx_or_zero(), cx.sx());
    Item::new(Kind::Amo, vec![addr, format!("{op}{w}{ord} x{rd}, x{rs2}, (x{a})")])
}

/// An LR/SC pair, a lone SC or (one time in 8) a misaligned LR.
pub fn lr_sc(cx: &mut Ctx) -> Item {
    let a = cx.wx();
    let (w, size) = width(cx);
    match cx.r.below(8) {
        0 => lone_sc(cx, a, w, size),
        1 => {
            let mut off = offset(cx, 8, size, u64::MAX) + cx.r.range(1, size - 1);
            off = off.min(DATA_SIZE as i64 - S0_OFFSET as i64 - size);
            let rd = cx.wx();
            Item::new(Kind::LrSc, vec![format!("addi x{a}, x8, {off}"), format!("lr{w} x{rd}, (x{a})  # misaligned")])
        }
        _ => pair(cx, a, w, size),
    }
}

fn lone_sc(cx: &mut Ctx, a: u8, w: &str, size: i64) -> Item {
    let addr = atomic_address(cx, a, size, cx.features.misaligned_sc);
    let (rd, rs2) = (cx.wx_or_zero(), cx.sx());
    Item::new(Kind::LrSc, vec![addr, format!("sc{w} x{rd}, x{rs2}, (x{a})  # must fail")])
}

fn pair(cx: &mut Ctx, a: u8, w: &str, size: i64) -> Item {
    let mut lines = vec![atomic_address(cx, a, size, false)];
    let rd = cx.wx_except(a);
    lines.push(format!("lr{w}{} x{rd}, (x{a})", cx.r.pick(&["", ".aq"])));
    for _ in 0..cx.r.below(4) {
        let t = cx.wx_except(a);
        lines.extend(int::alu_into(cx, t).lines);
    }
    let (rd2, rs2) = (cx.wx_or_zero(), cx.sx());
    lines.push(format!("sc{w}{} x{rd2}, x{rs2}, (x{a})", cx.r.pick(&["", ".rl"])));
    Item::new(Kind::LrSc, lines)
}
