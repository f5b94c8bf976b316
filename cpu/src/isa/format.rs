//! Operand formats of the 32-bit encodings (RISC-V unprivileged spec,
//! chapter 2.2 "Base Instruction Formats" and 2.3 "Immediate Encoding
//! Variants"; the R4 format of chapter 13.6; the A format of chapter 8).
//!
//! Each format is a small `Copy` struct holding already-decoded fields
//! (immediates sign-extended, register numbers as `u8`). `decode` extracts
//! the fields from a 32-bit word; `encode` packs them back into the operand
//! bits only (the opcode/funct bits come from the table row). For every
//! format, `decode(encode(f) | match) == f` for in-range fields: the
//! compressed decoder and the random program generators rely on it.

/// Register number field at `shift`.
fn reg(raw: u32, shift: u32) -> u8 {
    ((raw >> shift) & 0x1f) as u8
}

fn rd(raw: u32) -> u8 {
    reg(raw, 7)
}

fn rs1(raw: u32) -> u8 {
    reg(raw, 15)
}

fn rs2(raw: u32) -> u8 {
    reg(raw, 20)
}

fn pack_rd(r: u8) -> u32 {
    (u32::from(r) & 0x1f) << 7
}

fn pack_rs1(r: u8) -> u32 {
    (u32::from(r) & 0x1f) << 15
}

fn pack_rs2(r: u8) -> u32 {
    (u32::from(r) & 0x1f) << 20
}

/// Register-register: `op rd, rs1, rs2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct R {
    pub rd: u8,
    pub rs1: u8,
    pub rs2: u8,
}

impl R {
    pub fn decode(raw: u32) -> Self {
        R { rd: rd(raw), rs1: rs1(raw), rs2: rs2(raw) }
    }
    pub fn encode(&self) -> u32 {
        pack_rd(self.rd) | pack_rs1(self.rs1) | pack_rs2(self.rs2)
    }
}

/// Immediate: `op rd, rs1, imm` with a sign-extended 12-bit immediate
/// (loads, jalr, ALU-immediate). Shift-immediates use [`Sh`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct I {
    pub rd: u8,
    pub rs1: u8,
    pub imm: i32,
}

impl I {
    pub fn decode(raw: u32) -> Self {
        I { rd: rd(raw), rs1: rs1(raw), imm: (raw as i32) >> 20 }
    }
    pub fn encode(&self) -> u32 {
        pack_rd(self.rd) | pack_rs1(self.rs1) | ((self.imm as u32 & 0xfff) << 20)
    }
}

/// Shift by immediate: `op rd, rs1, shamt`. The table's mask decides how
/// many shamt bits are legal (6 for RV64 shifts, 5 for the W forms); the
/// decoder keeps 6 bits and the mask rejects shamt[5] where reserved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sh {
    pub rd: u8,
    pub rs1: u8,
    pub shamt: u8,
}

impl Sh {
    pub fn decode(raw: u32) -> Self {
        Sh { rd: rd(raw), rs1: rs1(raw), shamt: ((raw >> 20) & 0x3f) as u8 }
    }
    pub fn encode(&self) -> u32 {
        pack_rd(self.rd) | pack_rs1(self.rs1) | ((u32::from(self.shamt) & 0x3f) << 20)
    }
}

/// Store: `op rs2, imm(rs1)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct S {
    pub rs1: u8,
    pub rs2: u8,
    pub imm: i32,
}

impl S {
    pub fn decode(raw: u32) -> Self {
        let imm = (((raw as i32) >> 25) << 5) | ((raw >> 7) & 0x1f) as i32;
        S { rs1: rs1(raw), rs2: rs2(raw), imm }
    }
    pub fn encode(&self) -> u32 {
        let imm = self.imm as u32;
        pack_rs1(self.rs1) | pack_rs2(self.rs2) | ((imm & 0x1f) << 7) | ((imm >> 5 & 0x7f) << 25)
    }
}

/// Conditional branch: `op rs1, rs2, offset` (offset is a multiple of 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct B {
    pub rs1: u8,
    pub rs2: u8,
    pub imm: i32,
}

impl B {
    pub fn decode(raw: u32) -> Self {
        let imm = (((raw as i32) >> 31) << 12)
            | (((raw >> 7) & 1) << 11) as i32
            | (((raw >> 25) & 0x3f) << 5) as i32
            | (((raw >> 8) & 0xf) << 1) as i32;
        B { rs1: rs1(raw), rs2: rs2(raw), imm }
    }
    pub fn encode(&self) -> u32 {
        let i = self.imm as u32;
        pack_rs1(self.rs1)
            | pack_rs2(self.rs2)
            | ((i >> 12 & 1) << 31)
            | ((i >> 5 & 0x3f) << 25)
            | ((i >> 1 & 0xf) << 8)
            | ((i >> 11 & 1) << 7)
    }
}

/// Upper immediate: `lui`/`auipc`; `imm` holds the value already shifted
/// left by 12 and sign-extended (as the instruction uses it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct U {
    pub rd: u8,
    pub imm: i32,
}

impl U {
    pub fn decode(raw: u32) -> Self {
        U { rd: rd(raw), imm: (raw & 0xffff_f000) as i32 }
    }
    pub fn encode(&self) -> u32 {
        pack_rd(self.rd) | (self.imm as u32 & 0xffff_f000)
    }
}

/// Jump: `jal rd, offset` (offset is a multiple of 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct J {
    pub rd: u8,
    pub imm: i32,
}

impl J {
    pub fn decode(raw: u32) -> Self {
        let imm = (((raw as i32) >> 31) << 20)
            | (raw & 0x000f_f000) as i32
            | (((raw >> 20) & 1) << 11) as i32
            | (((raw >> 21) & 0x3ff) << 1) as i32;
        J { rd: rd(raw), imm }
    }
    pub fn encode(&self) -> u32 {
        let i = self.imm as u32;
        pack_rd(self.rd)
            | ((i >> 20 & 1) << 31)
            | ((i >> 1 & 0x3ff) << 21)
            | ((i >> 11 & 1) << 20)
            | (i & 0x000f_f000)
    }
}

/// CSR access: `csrrw rd, csr, rs1`; for the immediate forms `rs1` holds
/// the 5-bit zero-extended immediate (Zicsr chapter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Csr {
    pub rd: u8,
    pub rs1: u8,
    pub csr: u16,
}

impl Csr {
    pub fn decode(raw: u32) -> Self {
        Csr { rd: rd(raw), rs1: rs1(raw), csr: (raw >> 20) as u16 }
    }
    pub fn encode(&self) -> u32 {
        pack_rd(self.rd) | pack_rs1(self.rs1) | ((u32::from(self.csr) & 0xfff) << 20)
    }
}

/// Floating-point with a rounding mode: `op rd, rs1, rs2, rm`; unary
/// operations (fsqrt, fcvt) have rs2 fixed by the table's match bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rm {
    pub rd: u8,
    pub rs1: u8,
    pub rs2: u8,
    pub rm: u8,
}

impl Rm {
    pub fn decode(raw: u32) -> Self {
        Rm { rd: rd(raw), rs1: rs1(raw), rs2: rs2(raw), rm: ((raw >> 12) & 7) as u8 }
    }
    pub fn encode(&self) -> u32 {
        pack_rd(self.rd) | pack_rs1(self.rs1) | pack_rs2(self.rs2) | ((u32::from(self.rm) & 7) << 12)
    }
}

/// Fused multiply-add: `op rd, rs1, rs2, rs3, rm` (R4 format).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct R4 {
    pub rd: u8,
    pub rs1: u8,
    pub rs2: u8,
    pub rs3: u8,
    pub rm: u8,
}

impl R4 {
    pub fn decode(raw: u32) -> Self {
        let r = Rm::decode(raw);
        R4 { rd: r.rd, rs1: r.rs1, rs2: r.rs2, rs3: reg(raw, 27), rm: r.rm }
    }
    pub fn encode(&self) -> u32 {
        Rm { rd: self.rd, rs1: self.rs1, rs2: self.rs2, rm: self.rm }.encode()
            | (u32::from(self.rs3) & 0x1f) << 27
    }
}

/// Atomic memory operation: `op rd, rs2, (rs1)` with the aq/rl bits;
/// LR has rs2 fixed at zero by the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Amo {
    pub rd: u8,
    pub rs1: u8,
    pub rs2: u8,
    pub aq: bool,
    pub rl: bool,
}

impl Amo {
    pub fn decode(raw: u32) -> Self {
        let r = R::decode(raw);
        Amo { rd: r.rd, rs1: r.rs1, rs2: r.rs2, aq: raw >> 26 & 1 != 0, rl: raw >> 25 & 1 != 0 }
    }
    pub fn encode(&self) -> u32 {
        R { rd: self.rd, rs1: self.rs1, rs2: self.rs2 }.encode()
            | u32::from(self.aq) << 26
            | u32::from(self.rl) << 25
    }
}

/// FENCE: predecessor and successor sets (bits I, O, R, W from high to
/// low) and the fence mode. `fence.tso` is fm = 8 with RW,RW; `pause`
/// (Zihintpause) is pred = W, succ = 0. rd and rs1 are reserved and ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fence {
    pub pred: u8,
    pub succ: u8,
    pub fm: u8,
}

impl Fence {
    pub fn decode(raw: u32) -> Self {
        Fence {
            pred: ((raw >> 24) & 0xf) as u8,
            succ: ((raw >> 20) & 0xf) as u8,
            fm: ((raw >> 28) & 0xf) as u8,
        }
    }
    pub fn encode(&self) -> u32 {
        (u32::from(self.fm) & 0xf) << 28 | (u32::from(self.pred) & 0xf) << 24 | (u32::from(self.succ) & 0xf) << 20
    }
    /// `fence.tso` (unprivileged spec, "Memory Ordering Instructions").
    pub fn is_tso(&self) -> bool {
        self.fm == 8 && self.pred == 3 && self.succ == 3
    }
    /// `pause` (Zihintpause): a FENCE with pred = W and succ = 0.
    pub fn is_pause(&self) -> bool {
        self.fm == 0 && self.pred == 1 && self.succ == 0
    }
}

/// One register operand: `rs1` for sfence.vma-like and cbo instructions,
/// with `rs2` for sfence.vma.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rs {
    pub rs1: u8,
    pub rs2: u8,
}

impl Rs {
    pub fn decode(raw: u32) -> Self {
        Rs { rs1: rs1(raw), rs2: rs2(raw) }
    }
    pub fn encode(&self) -> u32 {
        pack_rs1(self.rs1) | pack_rs2(self.rs2)
    }
}

/// No operands (ecall, ebreak, xret, wfi, fence.i).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct N;

impl N {
    pub fn decode(_raw: u32) -> Self {
        N
    }
    pub fn encode(&self) -> u32 {
        0
    }
}
