//! The generator's per-item context and the choice of item kinds.
//!
//! A program body is a sequence of items; each item is a few lines of
//! assembly that is always safe to run in any state the previous items
//! leave (no backward jumps, memory operands only inside the data area,
//! no writes to the reserved registers `sp` = x2 and `s0` = x8, which
//! hold the data area's addresses).
//!
//! Invariant: an item draws only from its own `Rng` stream (see
//! `rng.rs`), and branch targets are item indices, resolved to labels
//! here (a target past the end of the body becomes the body's end).

use super::rng::Rng;
use super::{fp, int, mem, misc, Features};

/// x registers random instructions may write (not x0, sp, s0).
pub const WRITABLE: [u8; 29] = [1, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];

/// The label of the body's end (loop control follows it).
pub const END: &str = ".Lbody_end";

/// What an item exercises (for statistics and reports).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Int,
    Mul,
    Bitmanip,
    Zicond,
    Const,
    LoadStore,
    Amo,
    LrSc,
    Compressed,
    FpConst,
    FpArith,
    FpConvert,
    FpMove,
    Csr,
    Branch,
    Trap,
    Fence,
    /// A fixed body (reproducers and probes), not generated.
    Fixed,
}

/// One generated item: its kind and its assembly lines.
#[derive(Clone, Debug)]
pub struct Item {
    pub kind: Kind,
    pub lines: Vec<String>,
}

impl Item {
    pub fn new(kind: Kind, lines: Vec<String>) -> Item {
        Item { kind, lines }
    }

    pub fn one(kind: Kind, line: String) -> Item {
        Item { kind, lines: vec![line] }
    }

    /// Compressed lines need RVC enabled around them (the rest of the
    /// program is assembled with `.option norvc`, so the assembler never
    /// compresses what we did not ask it to).
    pub fn rvc(kind: Kind, lines: Vec<String>) -> Item {
        let mut v = vec![".option rvc".to_string()];
        v.extend(lines);
        v.push(".option norvc".into());
        Item { kind, lines: v }
    }
}

/// The state one item is generated in.
pub struct Ctx<'a> {
    pub r: Rng,
    pub features: &'a Features,
    /// This item's index and the number of items in the body.
    pub index: usize,
    pub n: usize,
}

impl Ctx<'_> {
    /// A writable x register.
    pub fn wx(&mut self) -> u8 {
        *self.r.pick(&WRITABLE)
    }

    /// A writable x register, or x0 one time in 32 (a HINT for the base
    /// ISA's computational instructions, unpriv §2.9).
    pub fn wx_or_zero(&mut self) -> u8 {
        if self.r.one_in(32) {
            0
        } else {
            self.wx()
        }
    }

    /// Any x register as a source.
    pub fn sx(&mut self) -> u8 {
        self.r.below(32) as u8
    }

    /// Any f register.
    pub fn fr(&mut self) -> u8 {
        self.r.below(32) as u8
    }

    /// A writable x register other than `not`.
    pub fn wx_except(&mut self, not: u8) -> u8 {
        loop {
            let x = self.wx();
            if x != not {
                return x;
            }
        }
    }

    /// The label `ahead` items forward (at most the body's end).
    pub fn label(&self, ahead: usize) -> String {
        let j = self.index + ahead;
        if j >= self.n {
            END.to_string()
        } else {
            label(j)
        }
    }
}

/// The label in front of item `j`.
pub fn label(j: usize) -> String {
    format!(".Li{j}")
}

/// How often each kind of item is generated, in `Kind` order.
const WEIGHTS: [(Kind, u32); 17] = [
    (Kind::Int, 16),
    (Kind::Mul, 6),
    (Kind::Bitmanip, 10),
    (Kind::Zicond, 2),
    (Kind::Const, 4),
    (Kind::LoadStore, 10),
    (Kind::Amo, 4),
    (Kind::LrSc, 2),
    (Kind::Compressed, 10),
    (Kind::FpConst, 6),
    (Kind::FpArith, 14),
    (Kind::FpConvert, 8),
    (Kind::FpMove, 5),
    (Kind::Csr, 3),
    (Kind::Branch, 5),
    (Kind::Trap, 2),
    (Kind::Fence, 1),
];

/// Item `index` of `n` in the program of `seed`.
pub fn item(seed: u64, features: &Features, index: usize, n: usize) -> Item {
    let mut cx = Ctx { r: Rng::stream(seed, index as u64 + 1), features, index, n };
    loop {
        let weights: Vec<u32> = WEIGHTS.iter().map(|&(k, w)| if enabled(k, features) { w } else { 0 }).collect();
        let kind = WEIGHTS[cx.r.weighted(&weights)].0;
        if let Some(it) = by_kind(kind, &mut cx) {
            return it;
        }
    }
}

fn enabled(k: Kind, f: &Features) -> bool {
    k != Kind::Zicond || f.zicond
}

/// One item of `kind` (None when the kind had nothing to offer here).
fn by_kind(kind: Kind, cx: &mut Ctx) -> Option<Item> {
    Some(match kind {
        Kind::Int => int::alu(cx),
        Kind::Mul => int::mul(cx),
        Kind::Bitmanip => int::bitmanip(cx),
        Kind::Zicond => int::zicond(cx),
        Kind::Const => int::constant(cx),
        Kind::LoadStore => mem::load_store(cx),
        Kind::Amo => mem::amo(cx),
        Kind::LrSc => mem::lr_sc(cx),
        Kind::Compressed => misc::compressed(cx),
        Kind::FpConst => fp::constant(cx),
        Kind::FpArith => fp::arith(cx),
        Kind::FpConvert => fp::convert(cx),
        Kind::FpMove => fp::moves(cx),
        Kind::Csr => misc::csr(cx),
        Kind::Branch => misc::branch(cx)?,
        Kind::Trap => misc::trap(cx),
        Kind::Fence => misc::fence(cx),
        Kind::Fixed => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The operand a line writes as an x register, if any.
    fn written_x(line: &str) -> Option<&str> {
        let line = line.split('#').next().unwrap_or("").trim();
        let (op, rest) = line.split_once(' ').unwrap_or((line, ""));
        let ops: Vec<&str> = rest.split(',').map(str::trim).collect();
        let reads_only = ["sb", "sh", "sw", "sd", "fsw", "fsd", "c.sw", "c.sd", "c.swsp", "c.sdsp", "c.fsd", "c.fsdsp", "c.beqz", "c.bnez", "c.jr", "c.j"];
        if op.starts_with('.') && op != ".insn" || op.starts_with('b') && !op.starts_with("bclr") && !op.starts_with("bext") && !op.starts_with("binv") && !op.starts_with("bset") {
            return None;
        }
        if reads_only.contains(&op) || op.starts_with("fence") || ["ecall", "ebreak", "c.ebreak", "unimp", "pause"].contains(&op) {
            return None;
        }
        if op == "c.jalr" {
            return Some("x1");
        }
        let rd = if op == ".insn" { ops.get(3) } else { ops.first() };
        rd.copied().filter(|r| r.starts_with('x'))
    }

    #[test]
    fn items_never_write_sp_or_s0() {
        let f = Features::all();
        for seed in 0..200 {
            for i in 0..200 {
                for l in item(seed, &f, i, 200).lines {
                    let w = written_x(&l);
                    assert!(w != Some("x2") && w != Some("x8"), "seed {seed} item {i}: `{l}` writes a reserved register");
                }
            }
        }
    }

    #[test]
    fn shorter_programs_are_prefixes() {
        let f = Features::all();
        for i in 0..40 {
            let (a, b) = (item(9, &f, i, 40), item(9, &f, i, 400));
            assert_eq!(a.kind, b.kind);
            if a.kind != Kind::Branch {
                assert_eq!(a.lines, b.lines);
            }
        }
    }

    #[test]
    fn features_switch_patterns_off() {
        let none = Features { zicond: false, misaligned_amo: false, misaligned_sc: false, zero_mask_csr: false, ctzw_upper: false };
        for seed in 0..100 {
            for i in 0..300 {
                let it = item(seed, &none, i, 300);
                assert_ne!(it.kind, Kind::Zicond);
                let text = it.lines.join("\n");
                assert!(!text.contains("ctzw") || text.contains("addiw"), "{text}");
            }
        }
    }
}
