//! Spike-compatible instruction lines for `--trace insn` and `--trace
//! disasm`, so a mimic trace diffs against `spike --log-commits` (and
//! `spike -l`) output of the same program.
//!
//! Format (riscv-isa-sim `commit_log_print_insn`): `core%4d: PRIV PC
//! (BITS)` then every register written, in Spike's order (its log is a
//! map keyed by `reg << 4 | kind`): ` x5  0x...` / ` f1  0x...` (64-bit
//! values) / ` c768_mstatus 0x...`, then ` mem ADDR` per load and ` mem
//! ADDR VALUE` per store (VALUE as wide as the access). Traps print
//! Spike's `take_trap` lines, `core   0: exception trap_NAME, epc 0x...`
//! and, when the trap has a value, `core   0:           tval 0x...`
//! (Spike prints these under `-l`: `--trace insn` compares with `spike -l
//! --log-commits` minus its disassembly lines, or with plain
//! `--log-commits` after `grep -v ': exception\|  tval'`).
//!
//! What mimic derives from the instruction rather than observes: register
//! writes are the instruction's destination (rd/fd) and, for Zicsr
//! instructions that write, the CSR's value read back afterwards; implicit
//! updates (fflags accrued by FP arithmetic, mstatus.FS becoming dirty)
//! are not listed. An AMO whose rd is x0 shows its load but not the value
//! it stored (the old value is gone). Invariant: formatting never panics
//! on any instruction word.

use std::fmt::Write as _;

use mimic_cpu::isa::disasm::disasm;
use mimic_cpu::mmu::AmoOp;
use mimic_cpu::trace::InsnEvent;
use mimic_cpu::Trap;

/// The `core   N: ` prefix.
fn core(hart: u64) -> String {
    format!("core{hart:>4}: ")
}

fn bits(raw: u32, len: u8) -> String {
    if len == 2 {
        format!("0x{:04x}", raw & 0xffff)
    } else {
        format!("0x{raw:08x}")
    }
}

/// Spike's `-l` line: `core   0: 0x0000000080000000 (0x00000297) auipc   t0, 0x0`.
/// The layout is Spike's (mnemonic padded to 8 columns, operands
/// separated by ", "); the text is mimic's disassembler (its pseudo-
/// instructions and immediates may differ from Spike's).
pub fn disasm_line(hart: u64, e: &InsnEvent<'_>) -> String {
    format!("{}0x{:016x} ({}) {}", core(hart), e.pc, bits(e.decoded.raw, e.decoded.len), spike_layout(&disasm(e.decoded, e.pc)))
}

fn spike_layout(text: &str) -> String {
    match text.split_once(' ') {
        Some((m, ops)) => format!("{m:<7} {}", ops.trim().replace(',', ", ")),
        None => text.to_string(),
    }
}

/// Spike's `--log-commits` line for a retired instruction.
pub fn commit_line(hart: u64, e: &InsnEvent<'_>) -> String {
    let mut s = format!("{}{} 0x{:016x} ({})", core(hart), e.priv_ as u8, e.pc, bits(e.decoded.raw, e.decoded.len));
    for (_, w) in reg_writes(e) {
        s.push_str(&w);
    }
    mem_accesses(e, &mut s);
    s
}

/// Register writes keyed as Spike's log sorts them (`reg << 4 | kind`).
fn reg_writes(e: &InsnEvent<'_>) -> Vec<(u64, String)> {
    let Some(op) = e.decoded.insn.op() else { return vec![] };
    let ops = op.row().ops;
    let f = e.decoded.insn.fields();
    let h = e.hart;
    let mut w = Vec::new();
    if ops.starts_with('d') && f.rd != 0 {
        w.push((u64::from(f.rd) << 4, format!(" x{:<2} 0x{:016x}", f.rd, h.x[f.rd as usize & 31])));
    } else if ops.starts_with('D') {
        w.push((u64::from(f.rd) << 4 | 1, format!(" f{:<2} 0x{:016x}", f.rd, h.f[f.rd as usize & 31])));
    }
    if ops.contains('E') && csr_written(op.row().mnemonic, f.rs1) {
        if let Some(v) = mimic_cpu::csr::read_raw(h, f.csr) {
            let name = mimic_cpu::csr::csr_name(f.csr).unwrap_or_else(|| format!("csr{:#x}", f.csr));
            w.push((u64::from(f.csr) << 4 | 4, format!(" c{}_{name} 0x{v:016x}", f.csr)));
        }
    }
    w.sort_by_key(|(k, _)| *k);
    w
}

/// Whether a Zicsr instruction writes its CSR (csrrs/csrrc with rs1 or
/// uimm = 0 only read).
fn csr_written(mnemonic: &str, rs1: u8) -> bool {
    matches!(mnemonic, "csrrw" | "csrrwi") || rs1 != 0
}

/// The access width of a load/store/AMO mnemonic.
fn width(m: &str) -> u64 {
    match m {
        "lb" | "lbu" | "sb" => 1,
        "lh" | "lhu" | "sh" => 2,
        "ld" | "sd" | "fld" | "fsd" => 8,
        m if m.ends_with(".d") => 8,
        _ => 4,
    }
}

fn amo_op(m: &str) -> Option<AmoOp> {
    let base = m.split('.').next()?;
    Some(match base {
        "amoswap" => AmoOp::Swap,
        "amoadd" => AmoOp::Add,
        "amoxor" => AmoOp::Xor,
        "amoand" => AmoOp::And,
        "amoor" => AmoOp::Or,
        "amomin" => AmoOp::Min,
        "amomax" => AmoOp::Max,
        "amominu" => AmoOp::Minu,
        "amomaxu" => AmoOp::Maxu,
        _ => return None,
    })
}

fn sized(v: u64, size: u64) -> String {
    let digits = (size * 2) as usize;
    let v = if size == 8 { v } else { v & ((1u64 << (size * 8)) - 1) };
    format!("0x{v:0digits$x}")
}

/// ` mem ADDR` for loads and ` mem ADDR VALUE` for stores.
fn mem_accesses(e: &InsnEvent<'_>, s: &mut String) {
    let Some(op) = e.decoded.insn.op() else { return };
    let (m, ops) = (op.row().mnemonic, op.row().ops);
    let f = e.decoded.insn.fields();
    let size = width(m);
    let addr = e.rs1.wrapping_add(f.imm as u64);
    if ops.ends_with("o(s)") && m != "jalr" {
        let _ = write!(s, " mem 0x{addr:016x}");
    } else if ops.ends_with("q(s)") {
        let v = if ops.starts_with('T') { e.hart.f[f.rs2 as usize & 31] } else { e.rs2 };
        let _ = write!(s, " mem 0x{addr:016x} {}", sized(v, size));
    } else if ops.ends_with('A') {
        atomic(e, m, f.rd, size, s);
    }
}

/// LR: a load; SC: a store when it succeeded; AMO: a load and a store.
fn atomic(e: &InsnEvent<'_>, m: &str, rd: u8, size: u64, s: &mut String) {
    let addr = e.rs1;
    let old = e.hart.x[rd as usize & 31];
    if m.starts_with("lr") {
        let _ = write!(s, " mem 0x{addr:016x}");
    } else if m.starts_with("sc") {
        if rd == 0 || old == 0 {
            let _ = write!(s, " mem 0x{addr:016x} {}", sized(e.rs2, size));
        }
    } else if let Some(op) = amo_op(m) {
        let _ = write!(s, " mem 0x{addr:016x}");
        if rd != 0 {
            let new = op.apply(old, e.rs2, (size * 8) as u32);
            let _ = write!(s, " mem 0x{addr:016x} {}", sized(new, size));
        }
    }
}

/// Spike's name of an exception cause (`trap_illegal_instruction`, ...).
fn trap_name(t: &Trap) -> String {
    let Trap::Exception(e) = t else {
        return format!("interrupt #{}", t.cause_bits() & 0xff);
    };
    let n = match e.cause as u8 {
        0 => "instruction_address_misaligned",
        1 => "instruction_access_fault",
        2 => "illegal_instruction",
        3 => "breakpoint",
        4 => "load_address_misaligned",
        5 => "load_access_fault",
        6 => "store_address_misaligned",
        7 => "store_access_fault",
        8 => "user_ecall",
        9 => "supervisor_ecall",
        11 => "machine_ecall",
        12 => "instruction_page_fault",
        13 => "load_page_fault",
        15 => "store_page_fault",
        _ => "unknown",
    };
    format!("trap_{n}")
}

/// Spike's lines for a trap taken at `epc` (processor.cc `take_trap`):
/// the tval line for every exception but ECALLs, none for interrupts.
pub fn trap_lines(hart: u64, t: &Trap, epc: u64) -> Vec<String> {
    // Spike says "exception" for interrupts too (their name tells).
    let mut v = vec![format!("{}exception {}, epc 0x{epc:016x}", core(hart), trap_name(t))];
    if let Trap::Exception(e) = t {
        if !(8..=11).contains(&(e.cause as u8)) {
            v.push(format!("{}          tval 0x{:016x}", core(hart), e.tval));
        }
    }
    v
}
