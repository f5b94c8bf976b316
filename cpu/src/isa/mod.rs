//! Instruction decoding: raw bits to [`Insn`], once, for every consumer
//! (interpreter, translator, disassembler, tracer). Nothing outside this
//! module looks at raw instruction bits.
//!
//! - 32-bit words are matched against [`table::TABLE`] (mask/match rows,
//!   bucketed by major opcode for speed).
//! - 16-bit words (RVC, unprivileged spec chapter 26) are expanded by
//!   [`compressed`] into the same `Insn` variants with `len = 2`.
//!
//! Invariant: `decode` is a pure function of the raw bits and never panics.

pub mod compressed;
pub mod disasm;
pub mod format;
pub mod table;
#[cfg(test)]
mod tests;

use std::sync::OnceLock;

pub use format::{Amo, Csr, Fence, Rm, Rs, B, I, J, N, R, R4, S, Sh, U};
pub use table::{Insn, Op, Row, TABLE};

/// An instruction together with its length and raw bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub insn: Insn,
    /// 2 for compressed encodings, 4 otherwise.
    pub len: u8,
    /// The raw bits (16-bit encodings zero-extended); kept for mtval on
    /// illegal instruction and for traces.
    pub raw: u32,
}

/// A uniform view of the operand fields of any format; absent fields are 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    pub rd: u8,
    pub rs1: u8,
    pub rs2: u8,
    pub rs3: u8,
    pub imm: i64,
    pub rm: u8,
    pub csr: u16,
    pub pred: u8,
    pub succ: u8,
    pub fm: u8,
    pub aq: bool,
    pub rl: bool,
}

macro_rules! fields_from {
    ($t:ty, |$f:ident| $body:expr) => {
        impl From<$t> for Fields {
            fn from($f: $t) -> Fields {
                $body
            }
        }
    };
}

fields_from!(R, |f| Fields { rd: f.rd, rs1: f.rs1, rs2: f.rs2, ..Fields::default() });
fields_from!(I, |f| Fields { rd: f.rd, rs1: f.rs1, imm: f.imm.into(), ..Fields::default() });
fields_from!(Sh, |f| Fields { rd: f.rd, rs1: f.rs1, imm: f.shamt.into(), ..Fields::default() });
fields_from!(S, |f| Fields { rs1: f.rs1, rs2: f.rs2, imm: f.imm.into(), ..Fields::default() });
fields_from!(B, |f| Fields { rs1: f.rs1, rs2: f.rs2, imm: f.imm.into(), ..Fields::default() });
fields_from!(U, |f| Fields { rd: f.rd, imm: f.imm.into(), ..Fields::default() });
fields_from!(J, |f| Fields { rd: f.rd, imm: f.imm.into(), ..Fields::default() });
fields_from!(Csr, |f| Fields { rd: f.rd, rs1: f.rs1, csr: f.csr, ..Fields::default() });
fields_from!(Rm, |f| Fields { rd: f.rd, rs1: f.rs1, rs2: f.rs2, rm: f.rm, ..Fields::default() });
fields_from!(R4, |f| Fields { rd: f.rd, rs1: f.rs1, rs2: f.rs2, rs3: f.rs3, rm: f.rm, ..Fields::default() });
fields_from!(Amo, |f| Fields { rd: f.rd, rs1: f.rs1, rs2: f.rs2, aq: f.aq, rl: f.rl, ..Fields::default() });
fields_from!(Fence, |f| Fields { pred: f.pred, succ: f.succ, fm: f.fm, ..Fields::default() });
fields_from!(Rs, |f| Fields { rs1: f.rs1, rs2: f.rs2, ..Fields::default() });
fields_from!(N, |_f| Fields::default());

/// Length in bytes of the instruction whose first 16 bits are `lo`
/// (unprivileged spec 1.5 "Base Instruction-Length Encoding"; only the 16-
/// and 32-bit lengths exist in RV64GC, longer encodings are illegal 32-bit).
pub fn insn_len(lo: u16) -> u8 {
    if lo & 3 == 3 {
        4
    } else {
        2
    }
}

/// Decodes one instruction from its raw bits. For a 16-bit encoding only
/// the low half of `raw` is used.
pub fn decode(raw: u32) -> Decoded {
    if raw & 3 == 3 {
        Decoded { insn: decode32(raw), len: 4, raw }
    } else {
        let half = raw as u16;
        Decoded { insn: compressed::decode16(half), len: 2, raw: u32::from(half) }
    }
}

/// Decodes a 32-bit encoding (low two bits `11`).
pub fn decode32(raw: u32) -> Insn {
    let bucket = &buckets()[((raw >> 2) & 0x1f) as usize];
    for &i in bucket {
        let row = &TABLE[i as usize];
        if raw & row.mask == row.bits {
            return (row.build)(raw);
        }
    }
    Insn::Illegal
}

/// Per row: bit 0 reads rs1, bit 1 reads rs2, bit 2 writes rd (integer
/// registers), from the operand strings (see `Insn::x_regs`).
fn x_uses() -> &'static [u8] {
    static U: OnceLock<Vec<u8>> = OnceLock::new();
    U.get_or_init(|| {
        TABLE
            .iter()
            .map(|row| {
                row.ops.chars().fold(0u8, |u, c| match c {
                    's' | 'A' => u | 1,
                    't' => u | 2,
                    'd' => u | 4,
                    _ => u,
                })
            })
            .collect()
    })
}

/// Row indices grouped by major opcode bits [6:2] (all 32-bit rows have
/// bits [1:0] = 11).
fn buckets() -> &'static [Vec<u16>; 32] {
    static B: OnceLock<[Vec<u16>; 32]> = OnceLock::new();
    B.get_or_init(|| {
        let mut b: [Vec<u16>; 32] = Default::default();
        for (i, row) in TABLE.iter().enumerate() {
            b[((row.bits >> 2) & 0x1f) as usize].push(i as u16);
        }
        b
    })
}

impl Insn {
    /// The mnemonic of the table row ("illegal" for reserved encodings).
    pub fn mnemonic(&self) -> &'static str {
        self.op().map_or("illegal", |op| op.row().mnemonic)
    }

    /// The integer registers the instruction reads and writes, as masks
    /// (bit r is x_r; x0 never appears), read off its operand string:
    /// `s`/`A` read rs1, `t` reads rs2, `d` writes rd (uppercase letters
    /// are f registers). Implicit operands (CSRs, memory) are not listed.
    pub fn x_regs(&self) -> (u32, u32) {
        let Some(op) = self.op() else { return (0, 0) };
        let f = self.fields();
        let u = x_uses()[op as usize];
        let (mut r, mut w) = (0u32, 0u32);
        if u & 1 != 0 {
            r |= 1 << f.rs1;
        }
        if u & 2 != 0 {
            r |= 1 << f.rs2;
        }
        if u & 4 != 0 {
            w |= 1 << f.rd;
        }
        (r & !1, w & !1)
    }
}
