//! The 32-bit instruction table: one row per instruction, `(variant,
//! mnemonic, format, mask, match, operands)`, from which the macro
//! generates the `Insn` enum, the fieldless `Op` index, the decode rows,
//! and the encoder. Nothing else in the crate hard-codes encodings.
//!
//! Invariants (pinned by tests in `isa::tests`):
//! - no two rows overlap: no 32-bit word is matched by two rows;
//! - `row.bits & !row.mask == 0`;
//! - decoding a row's `encode()` gives back the same `Insn`.
//!
//! Operand strings (binutils-like, read by the disassembler):
//! `d`/`D` rd (x/f), `s`/`S` rs1, `t`/`T` rs2, `R` rs3 (f), `j` I-immediate,
//! `o(s)` load/jalr offset, `q(s)` store offset, `>` shift amount, `u` upper
//! immediate, `a` jump target, `p` branch target, `E` CSR, `Z` CSR uimm5,
//! `m` rounding mode, `P`/`Q` fence pred/succ, `A` `(rs1)` of an AMO.
//!
//! Sources: RISC-V unprivileged spec chapter 37 "RV32/64G Instruction Set
//! Listings", the bit-manipulation spec 1.0 (Zba/Zbb/Zbc/Zbs), Zicond 1.0,
//! CMO 1.0 (Zicbom/Zicboz), privileged spec chapter "Instructions".

use super::format::{Amo, Csr, Fence, Rm, Rs, B, I, J, N, R, R4, S, Sh, U};

/// One row of the decode table.
#[derive(Debug)]
pub struct Row {
    pub mnemonic: &'static str,
    pub mask: u32,
    pub bits: u32,
    pub ops: &'static str,
    pub build: fn(u32) -> Insn,
}

macro_rules! isa_table {
    ($( $var:ident : $mn:literal, $fmt:ident, $mask:literal, $bits:literal, $ops:literal; )*) => {
        /// A decoded instruction. Compressed instructions decode to the same
        /// variants as their 32-bit expansions.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Insn {
            $( $var($fmt), )*
            /// A reserved or unknown encoding: raises illegal instruction.
            Illegal,
        }

        /// The fieldless name of an instruction: `TABLE[op as usize]` is its row.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        pub enum Op { $( $var, )* }

        /// All rows, in `Op` order.
        pub static TABLE: &[Row] = &[
            $( Row { mnemonic: $mn, mask: $mask, bits: $bits, ops: $ops,
                     build: |w| Insn::$var($fmt::decode(w)) }, )*
        ];

        impl Insn {
            /// The instruction's name, or `None` for `Illegal`.
            pub fn op(&self) -> Option<Op> {
                match self { $( Insn::$var(_) => Some(Op::$var), )* Insn::Illegal => None }
            }

            /// The canonical 32-bit encoding of this instruction.
            pub fn encode(&self) -> Option<u32> {
                match self { $( Insn::$var(f) => Some($bits | f.encode()), )* Insn::Illegal => None }
            }

            /// A uniform view of the operand fields, for generic consumers
            /// (disassembler, tracer).
            pub fn fields(&self) -> super::Fields {
                match self { $( Insn::$var(f) => super::Fields::from(*f), )* Insn::Illegal => super::Fields::default() }
            }
        }
    };
}

isa_table! {
    // ---- RV64I (unprivileged spec ch. 2 and 4) ----
    Lui:       "lui",       U,   0x0000007f, 0x00000037, "d,u";
    Auipc:     "auipc",     U,   0x0000007f, 0x00000017, "d,u";
    Jal:       "jal",       J,   0x0000007f, 0x0000006f, "d,a";
    Jalr:      "jalr",      I,   0x0000707f, 0x00000067, "d,o(s)";
    Beq:       "beq",       B,   0x0000707f, 0x00000063, "s,t,p";
    Bne:       "bne",       B,   0x0000707f, 0x00001063, "s,t,p";
    Blt:       "blt",       B,   0x0000707f, 0x00004063, "s,t,p";
    Bge:       "bge",       B,   0x0000707f, 0x00005063, "s,t,p";
    Bltu:      "bltu",      B,   0x0000707f, 0x00006063, "s,t,p";
    Bgeu:      "bgeu",      B,   0x0000707f, 0x00007063, "s,t,p";
    Lb:        "lb",        I,   0x0000707f, 0x00000003, "d,o(s)";
    Lh:        "lh",        I,   0x0000707f, 0x00001003, "d,o(s)";
    Lw:        "lw",        I,   0x0000707f, 0x00002003, "d,o(s)";
    Ld:        "ld",        I,   0x0000707f, 0x00003003, "d,o(s)";
    Lbu:       "lbu",       I,   0x0000707f, 0x00004003, "d,o(s)";
    Lhu:       "lhu",       I,   0x0000707f, 0x00005003, "d,o(s)";
    Lwu:       "lwu",       I,   0x0000707f, 0x00006003, "d,o(s)";
    Sb:        "sb",        S,   0x0000707f, 0x00000023, "t,q(s)";
    Sh:        "sh",        S,   0x0000707f, 0x00001023, "t,q(s)";
    Sw:        "sw",        S,   0x0000707f, 0x00002023, "t,q(s)";
    Sd:        "sd",        S,   0x0000707f, 0x00003023, "t,q(s)";
    Addi:      "addi",      I,   0x0000707f, 0x00000013, "d,s,j";
    Slti:      "slti",      I,   0x0000707f, 0x00002013, "d,s,j";
    Sltiu:     "sltiu",     I,   0x0000707f, 0x00003013, "d,s,j";
    Xori:      "xori",      I,   0x0000707f, 0x00004013, "d,s,j";
    Ori:       "ori",       I,   0x0000707f, 0x00006013, "d,s,j";
    Andi:      "andi",      I,   0x0000707f, 0x00007013, "d,s,j";
    Slli:      "slli",      Sh,  0xfc00707f, 0x00001013, "d,s,>";
    Srli:      "srli",      Sh,  0xfc00707f, 0x00005013, "d,s,>";
    Srai:      "srai",      Sh,  0xfc00707f, 0x40005013, "d,s,>";
    Add:       "add",       R,   0xfe00707f, 0x00000033, "d,s,t";
    Sub:       "sub",       R,   0xfe00707f, 0x40000033, "d,s,t";
    Sll:       "sll",       R,   0xfe00707f, 0x00001033, "d,s,t";
    Slt:       "slt",       R,   0xfe00707f, 0x00002033, "d,s,t";
    Sltu:      "sltu",      R,   0xfe00707f, 0x00003033, "d,s,t";
    Xor:       "xor",       R,   0xfe00707f, 0x00004033, "d,s,t";
    Srl:       "srl",       R,   0xfe00707f, 0x00005033, "d,s,t";
    Sra:       "sra",       R,   0xfe00707f, 0x40005033, "d,s,t";
    Or:        "or",        R,   0xfe00707f, 0x00006033, "d,s,t";
    And:       "and",       R,   0xfe00707f, 0x00007033, "d,s,t";
    Addiw:     "addiw",     I,   0x0000707f, 0x0000001b, "d,s,j";
    Slliw:     "slliw",     Sh,  0xfe00707f, 0x0000101b, "d,s,>";
    Srliw:     "srliw",     Sh,  0xfe00707f, 0x0000501b, "d,s,>";
    Sraiw:     "sraiw",     Sh,  0xfe00707f, 0x4000501b, "d,s,>";
    Addw:      "addw",      R,   0xfe00707f, 0x0000003b, "d,s,t";
    Subw:      "subw",      R,   0xfe00707f, 0x4000003b, "d,s,t";
    Sllw:      "sllw",      R,   0xfe00707f, 0x0000103b, "d,s,t";
    Srlw:      "srlw",      R,   0xfe00707f, 0x0000503b, "d,s,t";
    Sraw:      "sraw",      R,   0xfe00707f, 0x4000503b, "d,s,t";
    Fence:     "fence",     Fence, 0x0000707f, 0x0000000f, "P,Q";
    FenceI:    "fence.i",   N,   0x0000707f, 0x0000100f, "";
    Ecall:     "ecall",     N,   0xffffffff, 0x00000073, "";
    Ebreak:    "ebreak",    N,   0xffffffff, 0x00100073, "";
    // ---- M (ch. 13) ----
    Mul:       "mul",       R,   0xfe00707f, 0x02000033, "d,s,t";
    Mulh:      "mulh",      R,   0xfe00707f, 0x02001033, "d,s,t";
    Mulhsu:    "mulhsu",    R,   0xfe00707f, 0x02002033, "d,s,t";
    Mulhu:     "mulhu",     R,   0xfe00707f, 0x02003033, "d,s,t";
    Div:       "div",       R,   0xfe00707f, 0x02004033, "d,s,t";
    Divu:      "divu",      R,   0xfe00707f, 0x02005033, "d,s,t";
    Rem:       "rem",       R,   0xfe00707f, 0x02006033, "d,s,t";
    Remu:      "remu",      R,   0xfe00707f, 0x02007033, "d,s,t";
    Mulw:      "mulw",      R,   0xfe00707f, 0x0200003b, "d,s,t";
    Divw:      "divw",      R,   0xfe00707f, 0x0200403b, "d,s,t";
    Divuw:     "divuw",     R,   0xfe00707f, 0x0200503b, "d,s,t";
    Remw:      "remw",      R,   0xfe00707f, 0x0200603b, "d,s,t";
    Remuw:     "remuw",     R,   0xfe00707f, 0x0200703b, "d,s,t";
    // ---- A (ch. 14) ----
    LrW:       "lr.w",      Amo, 0xf9f0707f, 0x1000202f, "d,A";
    ScW:       "sc.w",      Amo, 0xf800707f, 0x1800202f, "d,t,A";
    AmoswapW:  "amoswap.w", Amo, 0xf800707f, 0x0800202f, "d,t,A";
    AmoaddW:   "amoadd.w",  Amo, 0xf800707f, 0x0000202f, "d,t,A";
    AmoxorW:   "amoxor.w",  Amo, 0xf800707f, 0x2000202f, "d,t,A";
    AmoandW:   "amoand.w",  Amo, 0xf800707f, 0x6000202f, "d,t,A";
    AmoorW:    "amoor.w",   Amo, 0xf800707f, 0x4000202f, "d,t,A";
    AmominW:   "amomin.w",  Amo, 0xf800707f, 0x8000202f, "d,t,A";
    AmomaxW:   "amomax.w",  Amo, 0xf800707f, 0xa000202f, "d,t,A";
    AmominuW:  "amominu.w", Amo, 0xf800707f, 0xc000202f, "d,t,A";
    AmomaxuW:  "amomaxu.w", Amo, 0xf800707f, 0xe000202f, "d,t,A";
    LrD:       "lr.d",      Amo, 0xf9f0707f, 0x1000302f, "d,A";
    ScD:       "sc.d",      Amo, 0xf800707f, 0x1800302f, "d,t,A";
    AmoswapD:  "amoswap.d", Amo, 0xf800707f, 0x0800302f, "d,t,A";
    AmoaddD:   "amoadd.d",  Amo, 0xf800707f, 0x0000302f, "d,t,A";
    AmoxorD:   "amoxor.d",  Amo, 0xf800707f, 0x2000302f, "d,t,A";
    AmoandD:   "amoand.d",  Amo, 0xf800707f, 0x6000302f, "d,t,A";
    AmoorD:    "amoor.d",   Amo, 0xf800707f, 0x4000302f, "d,t,A";
    AmominD:   "amomin.d",  Amo, 0xf800707f, 0x8000302f, "d,t,A";
    AmomaxD:   "amomax.d",  Amo, 0xf800707f, 0xa000302f, "d,t,A";
    AmominuD:  "amominu.d", Amo, 0xf800707f, 0xc000302f, "d,t,A";
    AmomaxuD:  "amomaxu.d", Amo, 0xf800707f, 0xe000302f, "d,t,A";
    // ---- Zicsr (ch. 7) ----
    Csrrw:     "csrrw",     Csr, 0x0000707f, 0x00001073, "d,E,s";
    Csrrs:     "csrrs",     Csr, 0x0000707f, 0x00002073, "d,E,s";
    Csrrc:     "csrrc",     Csr, 0x0000707f, 0x00003073, "d,E,s";
    Csrrwi:    "csrrwi",    Csr, 0x0000707f, 0x00005073, "d,E,Z";
    Csrrsi:    "csrrsi",    Csr, 0x0000707f, 0x00006073, "d,E,Z";
    Csrrci:    "csrrci",    Csr, 0x0000707f, 0x00007073, "d,E,Z";
    // ---- Privileged (privileged spec ch. 3.3, 10.2) ----
    Sret:      "sret",      N,   0xffffffff, 0x10200073, "";
    Mret:      "mret",      N,   0xffffffff, 0x30200073, "";
    Wfi:       "wfi",       N,   0xffffffff, 0x10500073, "";
    SfenceVma: "sfence.vma", Rs, 0xfe007fff, 0x12000073, "s,t";
    // ---- F (ch. 20) ----
    Flw:       "flw",       I,   0x0000707f, 0x00002007, "D,o(s)";
    Fsw:       "fsw",       S,   0x0000707f, 0x00002027, "T,q(s)";
    FmaddS:    "fmadd.s",   R4,  0x0600007f, 0x00000043, "D,S,T,R,m";
    FmsubS:    "fmsub.s",   R4,  0x0600007f, 0x00000047, "D,S,T,R,m";
    FnmsubS:   "fnmsub.s",  R4,  0x0600007f, 0x0000004b, "D,S,T,R,m";
    FnmaddS:   "fnmadd.s",  R4,  0x0600007f, 0x0000004f, "D,S,T,R,m";
    FaddS:     "fadd.s",    Rm,  0xfe00007f, 0x00000053, "D,S,T,m";
    FsubS:     "fsub.s",    Rm,  0xfe00007f, 0x08000053, "D,S,T,m";
    FmulS:     "fmul.s",    Rm,  0xfe00007f, 0x10000053, "D,S,T,m";
    FdivS:     "fdiv.s",    Rm,  0xfe00007f, 0x18000053, "D,S,T,m";
    FsqrtS:    "fsqrt.s",   Rm,  0xfff0007f, 0x58000053, "D,S,m";
    FsgnjS:    "fsgnj.s",   R,   0xfe00707f, 0x20000053, "D,S,T";
    FsgnjnS:   "fsgnjn.s",  R,   0xfe00707f, 0x20001053, "D,S,T";
    FsgnjxS:   "fsgnjx.s",  R,   0xfe00707f, 0x20002053, "D,S,T";
    FminS:     "fmin.s",    R,   0xfe00707f, 0x28000053, "D,S,T";
    FmaxS:     "fmax.s",    R,   0xfe00707f, 0x28001053, "D,S,T";
    FcvtWS:    "fcvt.w.s",  Rm,  0xfff0007f, 0xc0000053, "d,S,m";
    FcvtWuS:   "fcvt.wu.s", Rm,  0xfff0007f, 0xc0100053, "d,S,m";
    FcvtLS:    "fcvt.l.s",  Rm,  0xfff0007f, 0xc0200053, "d,S,m";
    FcvtLuS:   "fcvt.lu.s", Rm,  0xfff0007f, 0xc0300053, "d,S,m";
    FmvXW:     "fmv.x.w",   R,   0xfff0707f, 0xe0000053, "d,S";
    FclassS:   "fclass.s",  R,   0xfff0707f, 0xe0001053, "d,S";
    FeqS:      "feq.s",     R,   0xfe00707f, 0xa0002053, "d,S,T";
    FltS:      "flt.s",     R,   0xfe00707f, 0xa0001053, "d,S,T";
    FleS:      "fle.s",     R,   0xfe00707f, 0xa0000053, "d,S,T";
    FcvtSW:    "fcvt.s.w",  Rm,  0xfff0007f, 0xd0000053, "D,s,m";
    FcvtSWu:   "fcvt.s.wu", Rm,  0xfff0007f, 0xd0100053, "D,s,m";
    FcvtSL:    "fcvt.s.l",  Rm,  0xfff0007f, 0xd0200053, "D,s,m";
    FcvtSLu:   "fcvt.s.lu", Rm,  0xfff0007f, 0xd0300053, "D,s,m";
    FmvWX:     "fmv.w.x",   R,   0xfff0707f, 0xf0000053, "D,s";
    // ---- D (ch. 21) ----
    Fld:       "fld",       I,   0x0000707f, 0x00003007, "D,o(s)";
    Fsd:       "fsd",       S,   0x0000707f, 0x00003027, "T,q(s)";
    FmaddD:    "fmadd.d",   R4,  0x0600007f, 0x02000043, "D,S,T,R,m";
    FmsubD:    "fmsub.d",   R4,  0x0600007f, 0x02000047, "D,S,T,R,m";
    FnmsubD:   "fnmsub.d",  R4,  0x0600007f, 0x0200004b, "D,S,T,R,m";
    FnmaddD:   "fnmadd.d",  R4,  0x0600007f, 0x0200004f, "D,S,T,R,m";
    FaddD:     "fadd.d",    Rm,  0xfe00007f, 0x02000053, "D,S,T,m";
    FsubD:     "fsub.d",    Rm,  0xfe00007f, 0x0a000053, "D,S,T,m";
    FmulD:     "fmul.d",    Rm,  0xfe00007f, 0x12000053, "D,S,T,m";
    FdivD:     "fdiv.d",    Rm,  0xfe00007f, 0x1a000053, "D,S,T,m";
    FsqrtD:    "fsqrt.d",   Rm,  0xfff0007f, 0x5a000053, "D,S,m";
    FsgnjD:    "fsgnj.d",   R,   0xfe00707f, 0x22000053, "D,S,T";
    FsgnjnD:   "fsgnjn.d",  R,   0xfe00707f, 0x22001053, "D,S,T";
    FsgnjxD:   "fsgnjx.d",  R,   0xfe00707f, 0x22002053, "D,S,T";
    FminD:     "fmin.d",    R,   0xfe00707f, 0x2a000053, "D,S,T";
    FmaxD:     "fmax.d",    R,   0xfe00707f, 0x2a001053, "D,S,T";
    FcvtSD:    "fcvt.s.d",  Rm,  0xfff0007f, 0x40100053, "D,S,m";
    FcvtDS:    "fcvt.d.s",  Rm,  0xfff0007f, 0x42000053, "D,S,m";
    FeqD:      "feq.d",     R,   0xfe00707f, 0xa2002053, "d,S,T";
    FltD:      "flt.d",     R,   0xfe00707f, 0xa2001053, "d,S,T";
    FleD:      "fle.d",     R,   0xfe00707f, 0xa2000053, "d,S,T";
    FclassD:   "fclass.d",  R,   0xfff0707f, 0xe2001053, "d,S";
    FcvtWD:    "fcvt.w.d",  Rm,  0xfff0007f, 0xc2000053, "d,S,m";
    FcvtWuD:   "fcvt.wu.d", Rm,  0xfff0007f, 0xc2100053, "d,S,m";
    FcvtLD:    "fcvt.l.d",  Rm,  0xfff0007f, 0xc2200053, "d,S,m";
    FcvtLuD:   "fcvt.lu.d", Rm,  0xfff0007f, 0xc2300053, "d,S,m";
    FcvtDW:    "fcvt.d.w",  Rm,  0xfff0007f, 0xd2000053, "D,s,m";
    FcvtDWu:   "fcvt.d.wu", Rm,  0xfff0007f, 0xd2100053, "D,s,m";
    FcvtDL:    "fcvt.d.l",  Rm,  0xfff0007f, 0xd2200053, "D,s,m";
    FcvtDLu:   "fcvt.d.lu", Rm,  0xfff0007f, 0xd2300053, "D,s,m";
    FmvXD:     "fmv.x.d",   R,   0xfff0707f, 0xe2000053, "d,S";
    FmvDX:     "fmv.d.x",   R,   0xfff0707f, 0xf2000053, "D,s";
    // ---- Zba (bit-manipulation spec 1.0, ch. 1.4) ----
    AddUw:     "add.uw",    R,   0xfe00707f, 0x0800003b, "d,s,t";
    Sh1add:    "sh1add",    R,   0xfe00707f, 0x20002033, "d,s,t";
    Sh2add:    "sh2add",    R,   0xfe00707f, 0x20004033, "d,s,t";
    Sh3add:    "sh3add",    R,   0xfe00707f, 0x20006033, "d,s,t";
    Sh1addUw:  "sh1add.uw", R,   0xfe00707f, 0x2000203b, "d,s,t";
    Sh2addUw:  "sh2add.uw", R,   0xfe00707f, 0x2000403b, "d,s,t";
    Sh3addUw:  "sh3add.uw", R,   0xfe00707f, 0x2000603b, "d,s,t";
    SlliUw:    "slli.uw",   Sh,  0xfc00707f, 0x0800101b, "d,s,>";
    // ---- Zbb ----
    Andn:      "andn",      R,   0xfe00707f, 0x40007033, "d,s,t";
    Orn:       "orn",       R,   0xfe00707f, 0x40006033, "d,s,t";
    Xnor:      "xnor",      R,   0xfe00707f, 0x40004033, "d,s,t";
    Clz:       "clz",       R,   0xfff0707f, 0x60001013, "d,s";
    Ctz:       "ctz",       R,   0xfff0707f, 0x60101013, "d,s";
    Cpop:      "cpop",      R,   0xfff0707f, 0x60201013, "d,s";
    Clzw:      "clzw",      R,   0xfff0707f, 0x6000101b, "d,s";
    Ctzw:      "ctzw",      R,   0xfff0707f, 0x6010101b, "d,s";
    Cpopw:     "cpopw",     R,   0xfff0707f, 0x6020101b, "d,s";
    Max:       "max",       R,   0xfe00707f, 0x0a006033, "d,s,t";
    Maxu:      "maxu",      R,   0xfe00707f, 0x0a007033, "d,s,t";
    Min:       "min",       R,   0xfe00707f, 0x0a004033, "d,s,t";
    Minu:      "minu",      R,   0xfe00707f, 0x0a005033, "d,s,t";
    SextB:     "sext.b",    R,   0xfff0707f, 0x60401013, "d,s";
    SextH:     "sext.h",    R,   0xfff0707f, 0x60501013, "d,s";
    ZextH:     "zext.h",    R,   0xfff0707f, 0x0800403b, "d,s";
    Rol:       "rol",       R,   0xfe00707f, 0x60001033, "d,s,t";
    Ror:       "ror",       R,   0xfe00707f, 0x60005033, "d,s,t";
    Rolw:      "rolw",      R,   0xfe00707f, 0x6000103b, "d,s,t";
    Rorw:      "rorw",      R,   0xfe00707f, 0x6000503b, "d,s,t";
    Rori:      "rori",      Sh,  0xfc00707f, 0x60005013, "d,s,>";
    Roriw:     "roriw",     Sh,  0xfe00707f, 0x6000501b, "d,s,>";
    OrcB:      "orc.b",     R,   0xfff0707f, 0x28705013, "d,s";
    Rev8:      "rev8",      R,   0xfff0707f, 0x6b805013, "d,s";
    // ---- Zbc ----
    Clmul:     "clmul",     R,   0xfe00707f, 0x0a001033, "d,s,t";
    Clmulh:    "clmulh",    R,   0xfe00707f, 0x0a003033, "d,s,t";
    Clmulr:    "clmulr",    R,   0xfe00707f, 0x0a002033, "d,s,t";
    // ---- Zbs ----
    Bclr:      "bclr",      R,   0xfe00707f, 0x48001033, "d,s,t";
    Bclri:     "bclri",     Sh,  0xfc00707f, 0x48001013, "d,s,>";
    Bext:      "bext",      R,   0xfe00707f, 0x48005033, "d,s,t";
    Bexti:     "bexti",     Sh,  0xfc00707f, 0x48005013, "d,s,>";
    Binv:      "binv",      R,   0xfe00707f, 0x68001033, "d,s,t";
    Binvi:     "binvi",     Sh,  0xfc00707f, 0x68001013, "d,s,>";
    Bset:      "bset",      R,   0xfe00707f, 0x28001033, "d,s,t";
    Bseti:     "bseti",     Sh,  0xfc00707f, 0x28001013, "d,s,>";
    // ---- Zicond 1.0 ----
    CzeroEqz:  "czero.eqz", R,   0xfe00707f, 0x0e005033, "d,s,t";
    CzeroNez:  "czero.nez", R,   0xfe00707f, 0x0e007033, "d,s,t";
    // ---- Zicbom / Zicboz (CMO 1.0) ----
    CboInval:  "cbo.inval", Rs,  0xfff07fff, 0x0000200f, "A";
    CboClean:  "cbo.clean", Rs,  0xfff07fff, 0x0010200f, "A";
    CboFlush:  "cbo.flush", Rs,  0xfff07fff, 0x0020200f, "A";
    CboZero:   "cbo.zero",  Rs,  0xfff07fff, 0x0040200f, "A";
}

impl Op {
    /// This instruction's table row.
    pub fn row(self) -> &'static Row {
        &TABLE[self as usize]
    }
}
