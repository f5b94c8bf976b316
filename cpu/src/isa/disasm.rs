//! The disassembler: GNU objdump's conventions (binutils riscv-dis.c):
//! ABI register names, operands separated by "," with no space, decimal
//! immediates, hexadecimal upper immediates and shift amounts, absolute
//! hexadecimal branch targets, the rounding mode only when it is not
//! `dyn`, and objdump's default aliases (li, mv, ret, j, beqz, csrr, ...).
//! Compressed instructions print as their expansion, as objdump does.
//!
//! Reads only `Insn` (raw bits only to print words that do not decode):
//! operand kinds come from the table's operand string.

use super::{Decoded, Fields, Insn};
use crate::csr::csr_name;

/// ABI names of the integer registers.
pub const XNAMES: [&str; 32] = [
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2",
    "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
];

/// ABI names of the floating-point registers.
pub const FNAMES: [&str; 32] = [
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6",
    "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
];

/// Rounding-mode operands; the reserved 101 and 110 print as objdump's
/// "unknown" (binutils' `arg_print` for a hole in `riscv_rm`).
const RM: [&str; 8] = ["rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "dyn"];

fn x(r: u8) -> &'static str {
    XNAMES[usize::from(r & 31)]
}

fn f(r: u8) -> &'static str {
    FNAMES[usize::from(r & 31)]
}

fn csr(c: u16) -> String {
    csr_name(c).unwrap_or_else(|| format!("{c:#x}"))
}

/// A FENCE predecessor/successor set; the empty set prints as objdump's
/// (and capstone's) "unknown".
fn fence_set(s: u8) -> String {
    let v: String = "iorw".chars().enumerate().filter(|(i, _)| s >> (3 - i) & 1 != 0).map(|(_, c)| c).collect();
    if v.is_empty() { "unknown".into() } else { v }
}

/// Disassembles `d` located at `pc`.
pub fn disasm(d: &Decoded, pc: u64) -> String {
    if let Some(s) = alias(&d.insn, pc) {
        return s;
    }
    // The all-zero parcel is the defined-illegal `c.unimp` (unprivileged
    // spec, RVC "Illegal Instruction"); objdump prints its `unimp` alias.
    if (d.insn, d.len, d.raw) == (Insn::Illegal, 2, 0) {
        return "unimp".into();
    }
    // c.mv expands to `add rd, x0, rs2`; objdump prints it as mv (its
    // compressed alias), while a 32-bit add with rs1 = x0 stays an add.
    if let (2, Insn::Add(r)) = (d.len, d.insn) {
        if r.rs1 == 0 {
            return format!("mv {},{}", x(r.rd), x(r.rs2));
        }
    }
    disasm_raw(d, pc)
}

/// Disassembles `d` in its own table form, never as an alias: `addi
/// a0,zero,1` rather than `li a0,1`, `csrrs a0,sstatus,zero` rather than
/// `csrr a0,sstatus`. Same operand conventions as [`disasm`]; for test
/// oracles whose alias choices differ from objdump's.
pub fn disasm_raw(d: &Decoded, pc: u64) -> String {
    let Some(op) = d.insn.op() else {
        return if d.len == 2 { format!(".2byte {:#x}", d.raw) } else { format!(".4byte {:#x}", d.raw) };
    };
    let row = op.row();
    let fl = d.insn.fields();
    let mut mn = row.mnemonic.to_string();
    if fl.aq || fl.rl {
        mn.push('.');
        mn.push_str(if fl.aq { "aq" } else { "" });
        mn.push_str(if fl.rl { "rl" } else { "" });
    }
    let mut ops = operands(row.ops, &fl, pc);
    // Exact conversions print no rounding mode when it is RNE (binutils'
    // "D,s" rows for fcvt.d.s/fcvt.d.w/fcvt.d.wu match rm = 0).
    if matches!(d.insn, Insn::FcvtDS(_) | Insn::FcvtDW(_) | Insn::FcvtDWu(_)) && fl.rm == 0 {
        ops.truncate(ops.rfind(',').unwrap_or(ops.len()));
    }
    if ops.is_empty() { mn } else { format!("{mn} {ops}") }
}

/// Renders the operand string `spec` for `fl`.
fn operands(spec: &str, fl: &Fields, pc: u64) -> String {
    let mut out = String::new();
    for c in spec.chars() {
        match c {
            'd' => out.push_str(x(fl.rd)),
            'D' => out.push_str(f(fl.rd)),
            's' => out.push_str(x(fl.rs1)),
            'S' => out.push_str(f(fl.rs1)),
            't' => out.push_str(x(fl.rs2)),
            'T' => out.push_str(f(fl.rs2)),
            'R' => out.push_str(f(fl.rs3)),
            'j' | 'o' | 'q' => out.push_str(&fl.imm.to_string()),
            '>' => out.push_str(&format!("{:#x}", fl.imm)),
            'u' => out.push_str(&format!("{:#x}", (fl.imm as u64 >> 12) & 0xfffff)),
            'a' | 'p' => out.push_str(&format!("{:x}", pc.wrapping_add(fl.imm as u64))),
            'E' => out.push_str(&csr(fl.csr)),
            'Z' => out.push_str(&fl.rs1.to_string()),
            'P' => out.push_str(&fence_set(fl.pred)),
            'Q' => out.push_str(&fence_set(fl.succ)),
            'A' => out.push_str(&format!("({})", x(fl.rs1))),
            'm' => {
                if fl.rm == 7 {
                    out.pop(); // the ',' before an omitted dyn
                } else {
                    out.push_str(RM[usize::from(fl.rm)]);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// objdump's default aliases for the forms it prints specially.
fn alias(i: &Insn, pc: u64) -> Option<String> {
    let tgt = |imm: i32| format!("{:x}", pc.wrapping_add(imm as i64 as u64));
    Some(match *i {
        Insn::Addi(a) if a.rd == 0 && a.rs1 == 0 && a.imm == 0 => "nop".into(),
        Insn::Addi(a) if a.rs1 == 0 => format!("li {},{}", x(a.rd), a.imm),
        Insn::Addi(a) if a.imm == 0 => format!("mv {},{}", x(a.rd), x(a.rs1)),
        Insn::Addiw(a) if a.imm == 0 => format!("sext.w {},{}", x(a.rd), x(a.rs1)),
        Insn::Xori(a) if a.imm == -1 => format!("not {},{}", x(a.rd), x(a.rs1)),
        Insn::Andi(a) if a.imm == 255 => format!("zext.b {},{}", x(a.rd), x(a.rs1)),
        Insn::Sltiu(a) if a.imm == 1 => format!("seqz {},{}", x(a.rd), x(a.rs1)),
        Insn::Sub(r) if r.rs1 == 0 => format!("neg {},{}", x(r.rd), x(r.rs2)),
        Insn::Subw(r) if r.rs1 == 0 => format!("negw {},{}", x(r.rd), x(r.rs2)),
        Insn::Sltu(r) if r.rs1 == 0 => format!("snez {},{}", x(r.rd), x(r.rs2)),
        Insn::Slt(r) if r.rs2 == 0 => format!("sltz {},{}", x(r.rd), x(r.rs1)),
        Insn::Slt(r) if r.rs1 == 0 => format!("sgtz {},{}", x(r.rd), x(r.rs2)),
        Insn::AddUw(r) if r.rs2 == 0 => format!("zext.w {},{}", x(r.rd), x(r.rs1)),
        Insn::Beq(b) if b.rs2 == 0 => format!("beqz {},{}", x(b.rs1), tgt(b.imm)),
        Insn::Bne(b) if b.rs2 == 0 => format!("bnez {},{}", x(b.rs1), tgt(b.imm)),
        Insn::Bge(b) if b.rs1 == 0 => format!("blez {},{}", x(b.rs2), tgt(b.imm)),
        Insn::Bge(b) if b.rs2 == 0 => format!("bgez {},{}", x(b.rs1), tgt(b.imm)),
        Insn::Blt(b) if b.rs2 == 0 => format!("bltz {},{}", x(b.rs1), tgt(b.imm)),
        Insn::Blt(b) if b.rs1 == 0 => format!("bgtz {},{}", x(b.rs2), tgt(b.imm)),
        Insn::Jal(j) if j.rd == 0 => format!("j {}", tgt(j.imm)),
        Insn::Jal(j) if j.rd == 1 => format!("jal {}", tgt(j.imm)),
        Insn::Jalr(j) if j.rd == 0 && j.rs1 == 1 && j.imm == 0 => "ret".into(),
        Insn::Jalr(j) if j.rd == 0 && j.imm == 0 => format!("jr {}", x(j.rs1)),
        Insn::Jalr(j) if j.rd == 1 && j.imm == 0 => format!("jalr {}", x(j.rs1)),
        Insn::Fence(fe) if fe.is_tso() => "fence.tso".into(),
        Insn::Fence(fe) if fe.is_pause() => "pause".into(),
        Insn::Fence(fe) if fe.pred == 15 && fe.succ == 15 && fe.fm == 0 => "fence".into(),
        Insn::SfenceVma(r) if r.rs1 == 0 && r.rs2 == 0 => "sfence.vma".into(),
        Insn::SfenceVma(r) if r.rs2 == 0 => format!("sfence.vma {}", x(r.rs1)),
        Insn::FsgnjS(r) if r.rs1 == r.rs2 => format!("fmv.s {},{}", f(r.rd), f(r.rs1)),
        Insn::FsgnjnS(r) if r.rs1 == r.rs2 => format!("fneg.s {},{}", f(r.rd), f(r.rs1)),
        Insn::FsgnjxS(r) if r.rs1 == r.rs2 => format!("fabs.s {},{}", f(r.rd), f(r.rs1)),
        Insn::FsgnjD(r) if r.rs1 == r.rs2 => format!("fmv.d {},{}", f(r.rd), f(r.rs1)),
        Insn::FsgnjnD(r) if r.rs1 == r.rs2 => format!("fneg.d {},{}", f(r.rd), f(r.rs1)),
        Insn::FsgnjxD(r) if r.rs1 == r.rs2 => format!("fabs.d {},{}", f(r.rd), f(r.rs1)),
        // csrrw zero,cycle,zero: a write to a read-only CSR, the canonical
        // 32-bit illegal instruction (objdump's and the assembler's `unimp`).
        Insn::Csrrw(c) if c.rd == 0 && c.rs1 == 0 && c.csr == 0xc00 => "unimp".into(),
        Insn::Csrrs(c) if c.rs1 == 0 => csr_read_alias(c.rd, c.csr),
        Insn::Csrrw(c) if c.rd == 0 => csr_write_alias("w", c.rs1, c.csr, false),
        Insn::Csrrs(c) if c.rd == 0 => format!("csrs {},{}", csr(c.csr), x(c.rs1)),
        Insn::Csrrc(c) if c.rd == 0 => format!("csrc {},{}", csr(c.csr), x(c.rs1)),
        Insn::Csrrwi(c) if c.rd == 0 => csr_write_alias("w", c.rs1, c.csr, true),
        Insn::Csrrsi(c) if c.rd == 0 => format!("csrsi {},{}", csr(c.csr), c.rs1),
        Insn::Csrrci(c) if c.rd == 0 => format!("csrci {},{}", csr(c.csr), c.rs1),
        Insn::Csrrw(c) if matches!(c.csr, 1..=3) => {
            format!("{} {},{}", fp_csr_name(c.csr, 's'), x(c.rd), x(c.rs1))
        }
        Insn::Csrrwi(c) if matches!(c.csr, 1 | 2) => {
            format!("{}i {},{}", fp_csr_name(c.csr, 's'), x(c.rd), c.rs1)
        }
        _ => return None,
    })
}

fn fp_csr_name(c: u16, dir: char) -> String {
    let n = match c {
        1 => "flags",
        2 => "rm",
        _ => "csr",
    };
    format!("f{dir}{n}")
}

fn csr_read_alias(rd: u8, c: u16) -> String {
    match c {
        0xc00 => format!("rdcycle {}", x(rd)),
        0xc01 => format!("rdtime {}", x(rd)),
        0xc02 => format!("rdinstret {}", x(rd)),
        1..=3 => format!("{} {}", fp_csr_name(c, 'r'), x(rd)),
        _ => format!("csrr {},{}", x(rd), csr(c)),
    }
}

fn csr_write_alias(_w: &str, rs1: u8, c: u16, imm: bool) -> String {
    match (c, imm) {
        (1..=3, false) => format!("{} {}", fp_csr_name(c, 's'), x(rs1)),
        // binutils has fsflagsi and fsrmi but no "fscsri".
        (1..=2, true) => format!("{}i {}", fp_csr_name(c, 's'), rs1),
        (_, false) => format!("csrw {},{}", csr(c), x(rs1)),
        (_, true) => format!("csrwi {},{}", csr(c), rs1),
    }
}
