//! Rotates written without Zbb: RV64GC compilers (and the kernel's
//! SHA-256, BLAKE2s, ChaCha and Keccak, the benchmarks' hashes) spell
//! `rotr32(a, k)` and `rotr64(a, k)` as
//!
//! ```text
//! srliw s, a, k ; slliw t, a, 32 - k ; or d, s, t      (d is s or t)
//! srli  s, a, k ; slli  t, a, 64 - k ; or d, s, t
//! ```
//!
//! in any order of the two shifts, often with other instructions between.
//! The 64-bit `or` is the rotate; the 32-bit one equals the sign extension
//! of the 32-bit rotate (bit 31 of the rotate is bit 31 of the left shift,
//! which slliw sign-extends). The translator emits one host rotate at the
//! `or` and nothing for the shifts.
//!
//! That is exact only where nothing can observe the shifts' results: from
//! the first shift to the `or` every instruction is pure (inline ALU: no
//! trap, no exit, no helper; interrupts are only taken between blocks), none
//! reads s or t and none writes a, s or t; and the temporary the `or` does
//! not overwrite is written again, by pure instructions only and before
//! anything reads it or the block could exit. Instruction counts (budget,
//! instret) still include the shifts.

use cpu::isa::{R, Sh};
use cpu::{Decoded, Insn};

/// What the lowering does with one instruction of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    /// Lowered as usual.
    Keep,
    /// A shift folded into a later rotate: emits nothing.
    Skip,
    /// The `or` of a folded pair: `rd = rotr32(a, k)` sign-extended
    /// (`wide`: `rotr64(a, k)`).
    Rotate { rd: u8, a: u8, k: u8, wide: bool },
}

/// Instructions lowered inline that can neither trap nor leave the block.
fn pure(i: &Insn) -> bool {
    matches!(
        i,
        Insn::Lui(_)
            | Insn::Auipc(_)
            | Insn::Addi(_)
            | Insn::Slti(_)
            | Insn::Sltiu(_)
            | Insn::Xori(_)
            | Insn::Ori(_)
            | Insn::Andi(_)
            | Insn::Slli(_)
            | Insn::Srli(_)
            | Insn::Srai(_)
            | Insn::Add(_)
            | Insn::Sub(_)
            | Insn::Sll(_)
            | Insn::Slt(_)
            | Insn::Sltu(_)
            | Insn::Xor(_)
            | Insn::Srl(_)
            | Insn::Sra(_)
            | Insn::Or(_)
            | Insn::And(_)
            | Insn::Addiw(_)
            | Insn::Slliw(_)
            | Insn::Srliw(_)
            | Insn::Sraiw(_)
            | Insn::Addw(_)
            | Insn::Subw(_)
            | Insn::Sllw(_)
            | Insn::Srlw(_)
            | Insn::Sraw(_)
            | Insn::Mul(_)
            | Insn::Mulw(_)
    )
}

fn reads(d: &Decoded, g: u8) -> bool {
    d.insn.x_regs().0 & 1 << g != 0
}

fn writes(d: &Decoded, g: u8) -> bool {
    d.insn.x_regs().1 & 1 << g != 0
}

/// A logical shift by an immediate: (left, wide, fields).
fn shift(i: &Insn) -> Option<(bool, bool, Sh)> {
    match *i {
        Insn::Slliw(s) => Some((true, false, s)),
        Insn::Srliw(s) => Some((false, false, s)),
        Insn::Slli(s) => Some((true, true, s)),
        Insn::Srli(s) => Some((false, true, s)),
        _ => None,
    }
}

/// The folds of a block (one per instruction).
pub fn plan(insns: &[Decoded]) -> Vec<Fold> {
    let mut p = vec![Fold::Keep; insns.len()];
    for m in 0..insns.len() {
        if let Insn::Or(r) = insns[m].insn {
            if let Some((px, py, a, k, wide)) = pair(insns, m, r).filter(|&(px, py, ..)| p[px] == Fold::Keep && p[py] == Fold::Keep) {
                p[px] = Fold::Skip;
                p[py] = Fold::Skip;
                p[m] = Fold::Rotate { rd: r.rd, a, k, wide };
            }
        }
    }
    p
}

/// For `or d, x, y` at `m`: the two shifts defining x and y and (a, k,
/// wide), if they fold (see the module note).
fn pair(insns: &[Decoded], m: usize, r: R) -> Option<(usize, usize, u8, u8, bool)> {
    let (x, y, d) = (r.rs1, r.rs2, r.rd);
    if x == y || x == 0 || y == 0 || (d != x && d != y) {
        return None;
    }
    let def = |g: u8| (0..m).rev().find(|&q| writes(&insns[q], g));
    let (px, py) = (def(x)?, def(y)?);
    let (sx, sy) = (shift(&insns[px].insn)?, shift(&insns[py].insn)?);
    let (left, right) = match (sx.0, sy.0) {
        (true, false) => (sx.2, sy.2),
        (false, true) => (sy.2, sx.2),
        _ => return None,
    };
    let wide = sx.1;
    let bits = if wide { 64 } else { 32 };
    let (a, k) = (left.rs1, right.shamt);
    if sy.1 != wide || a != right.rs1 || a == 0 || a == x || a == y || k == 0 || u32::from(k) >= bits || u32::from(left.shamt) != bits - u32::from(k) {
        return None;
    }
    let lo = px.min(py);
    let between_ok = (lo..m).filter(|&q| q != px && q != py).all(|q| {
        let i = &insns[q];
        pure(&i.insn) && !reads(i, x) && !reads(i, y) && !writes(i, a) && !writes(i, x) && !writes(i, y)
    });
    let other = if d == x { y } else { x };
    (between_ok && dead_after(insns, m, other)).then_some((px, py, a, k, wide))
}

/// Whether `g` is written after `m` by a pure instruction before anything
/// reads it or could leave the block.
fn dead_after(insns: &[Decoded], m: usize, g: u8) -> bool {
    for i in &insns[m + 1..] {
        if reads(i, g) || !pure(&i.insn) {
            return false;
        }
        if writes(i, g) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use cpu::isa::decode;

    /// Assembled by riscv64-linux-gnu-as: the round of the kernel's
    /// SHA-256 and variants that must not fold.
    fn block(words: &[u32]) -> Vec<Decoded> {
        words.iter().map(|&w| decode(w)).collect()
    }

    const SLLIW_T6_A4_30: u32 = 0x01e71f9b;
    const SRLIW_S7_A4_2: u32 = 0x00275b9b;
    const OR_S7_S7_T6: u32 = 0x01fbebb3;
    const SLLIW_T6_A4_19: u32 = 0x01371f9b;
    const LW_T5_8_T0: u32 = 0x0082af03;
    const ADD_A0_T6_A1: u32 = 0x00bf8533;
    const SLLI_T6_A4_40: u32 = 0x02871f93;
    const SRLI_S7_A4_24: u32 = 0x01875b93;

    #[test]
    fn adjacent_rotate_folds_when_the_other_temporary_dies() {
        let b = block(&[SLLIW_T6_A4_30, SRLIW_S7_A4_2, OR_S7_S7_T6, SLLIW_T6_A4_19]);
        assert_eq!(plan(&b), [Fold::Skip, Fold::Skip, Fold::Rotate { rd: 23, a: 14, k: 2, wide: false }, Fold::Keep]);
        // The 64-bit form, and no mix of widths.
        let b = block(&[SLLI_T6_A4_40, SRLI_S7_A4_24, OR_S7_S7_T6, SLLIW_T6_A4_19]);
        assert_eq!(plan(&b), [Fold::Skip, Fold::Skip, Fold::Rotate { rd: 23, a: 14, k: 24, wide: true }, Fold::Keep]);
        let b = block(&[SLLI_T6_A4_40, SRLIW_S7_A4_2, OR_S7_S7_T6, SLLIW_T6_A4_19]);
        assert!(plan(&b).iter().all(|f| *f == Fold::Keep));
    }

    #[test]
    fn no_fold_when_the_temporary_is_observable() {
        // t6 read after the or.
        let b = block(&[SLLIW_T6_A4_30, SRLIW_S7_A4_2, OR_S7_S7_T6, ADD_A0_T6_A1, SLLIW_T6_A4_19]);
        assert!(plan(&b).iter().all(|f| *f == Fold::Keep));
        // A load (may trap) before t6 is overwritten.
        let b = block(&[SLLIW_T6_A4_30, SRLIW_S7_A4_2, OR_S7_S7_T6, LW_T5_8_T0, SLLIW_T6_A4_19]);
        assert!(plan(&b).iter().all(|f| *f == Fold::Keep));
        // A load between the shifts and the or.
        let b = block(&[SLLIW_T6_A4_30, LW_T5_8_T0, SRLIW_S7_A4_2, OR_S7_S7_T6, SLLIW_T6_A4_19]);
        assert!(plan(&b).iter().all(|f| *f == Fold::Keep));
        // The block ends with t6 live.
        let b = block(&[SLLIW_T6_A4_30, SRLIW_S7_A4_2, OR_S7_S7_T6]);
        assert!(plan(&b).iter().all(|f| *f == Fold::Keep));
    }
}
