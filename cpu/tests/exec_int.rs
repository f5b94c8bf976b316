//! Table tests of `cpu::exec` for the integer instructions (DESIGN.md §6
//! "Per-instruction table tests against cpu::exec (asm in a comment)").
//!
//! Each row places one instruction at the start of RAM, sets its source
//! registers, runs one `interp::step`, and checks the destination
//! register, the next pc, that the instruction retired (or, for the rows
//! that must trap, mcause/mtval/mepc and that nothing was written).
//! Register convention in every row: rd = a0 (x10), rs1 = a1 (x11),
//! rs2 = a2 (x12). Expected values come from the specs, not from mimic:
//! unprivileged spec ch. 2 and 4 (RV64I), ch. 13 (M, table 13.1 for
//! division by zero and overflow), ch. 14 (A), the bit-manipulation spec
//! 1.0 (Zba, Zbb, Zbc, Zbs) and Zicond 1.0.

use std::sync::Arc;

use mimic_cpu::isa::{Amo, Fence, B, I, J, N, R, S, Sh, U};
use mimic_cpu::mmu::{BusBuilder, HartSignals, Power, Ram, Timebase};
use mimic_cpu::{interp, Cause, Hart, HartConfig, Insn, Wiring};

const BASE: u64 = 0x8000_0000;
/// Trap vector (mtvec) for the rows that trap; nothing is placed there.
const MTVEC: u64 = BASE + 0x800;
/// An 8-aligned data area for loads, stores and atomics.
const DATA: u64 = BASE + 0x1000;
const A0: u8 = 10;
const A1: u8 = 11;
const A2: u8 = 12;
const MIN: u64 = 1 << 63;
const MAX: u64 = MIN - 1;
const NEG1: u64 = u64::MAX;

/// A hart in M-mode over 64 KiB of RAM at `BASE`, pc = `BASE`.
fn hart() -> Box<Hart> {
    let ram = Arc::new(Ram::new(BASE, 0x1_0000).expect("map RAM"));
    let bus = Arc::new(BusBuilder::new(ram).build());
    let wiring = Wiring { bus, signals: HartSignals::new(), timebase: Arc::new(Timebase::new(false)), power: Power::new() };
    let mut h = Hart::new(0, wiring, HartConfig::default());
    h.pc = BASE;
    h.csr.mtvec = MTVEC;
    h
}

/// Places `insn` at pc and executes it.
fn step(h: &mut Hart, insn: Insn) {
    let word = insn.encode().expect("encodable");
    assert!(h.bus.ram().write::<u32>(h.pc, word));
    interp::step(h);
}

/// Runs `insn` on a fresh hart with registers `regs`; returns the hart.
fn run(insn: Insn, regs: &[(u8, u64)]) -> Box<Hart> {
    let mut h = hart();
    for &(r, v) in regs {
        h.set_x(r, v);
    }
    step(&mut h, insn);
    h
}

/// Asserts the instruction retired without a trap and pc moved to `next`.
fn assert_retired(h: &Hart, next: u64, what: &str) {
    assert_eq!(h.csr.mcause, 0, "{what}: unexpected trap, mtval {:#x}", h.csr.mtval);
    assert_eq!(h.instret, 1, "{what}: did not retire");
    assert_eq!(h.pc, next, "{what}: next pc");
}

/// Asserts that the instruction at `BASE` trapped with `cause`/`tval`
/// and did not retire.
fn assert_trapped(h: &Hart, cause: Cause, tval: u64, what: &str) {
    assert_eq!(h.csr.mcause, cause as u64, "{what}: mcause");
    assert_eq!(h.csr.mtval, tval, "{what}: mtval");
    assert_eq!(h.csr.mepc, BASE, "{what}: mepc");
    assert_eq!(h.pc, MTVEC, "{what}: pc");
    assert_eq!(h.instret, 0, "{what}: a trapping instruction must not retire");
}

const RD: R = R { rd: A0, rs1: A1, rs2: A2 };

fn ri(imm: i32) -> I {
    I { rd: A0, rs1: A1, imm }
}

type RCtor = fn(R) -> Insn;
type ICtor = fn(I) -> Insn;
type ShCtor = fn(Sh) -> Insn;

/// Rows `(op, rs1, rs2, rd)` of `op a0, a1, a2`.
fn check_rr(rows: &[(RCtor, u64, u64, u64)]) {
    for &(op, a, b, want) in rows {
        let insn = op(RD);
        let h = run(insn, &[(A1, a), (A2, b)]);
        let what = format!("{insn:?} a1={a:#x} a2={b:#x}");
        assert_retired(&h, BASE + 4, &what);
        assert_eq!(h.get_x(A0), want, "{what}");
        assert_eq!((h.get_x(A1), h.get_x(A2)), (a, b), "{what}: sources changed");
    }
}

/// Rows `(op, rs1, imm, rd)` of `op a0, a1, imm`.
fn check_imm(rows: &[(ICtor, u64, i32, u64)]) {
    for &(op, a, imm, want) in rows {
        let insn = op(ri(imm));
        let h = run(insn, &[(A1, a)]);
        let what = format!("{insn:?} a1={a:#x}");
        assert_retired(&h, BASE + 4, &what);
        assert_eq!(h.get_x(A0), want, "{what}");
    }
}

/// Rows `(op, rs1, shamt, rd)` of `op a0, a1, shamt`.
fn check_sh(rows: &[(ShCtor, u64, u8, u64)]) {
    for &(op, a, shamt, want) in rows {
        let insn = op(Sh { rd: A0, rs1: A1, shamt });
        let h = run(insn, &[(A1, a)]);
        let what = format!("{insn:?} a1={a:#x}");
        assert_retired(&h, BASE + 4, &what);
        assert_eq!(h.get_x(A0), want, "{what}");
    }
}

/// Rows `(op, rs1, rd)` of the unary `op a0, a1` (rs2 is part of the
/// opcode for these and stays 0 in the operand struct).
fn check_un(rows: &[(RCtor, u64, u64)]) {
    for &(op, a, want) in rows {
        let insn = op(R { rd: A0, rs1: A1, rs2: 0 });
        let h = run(insn, &[(A1, a)]);
        let what = format!("{insn:?} a1={a:#x}");
        assert_retired(&h, BASE + 4, &what);
        assert_eq!(h.get_x(A0), want, "{what}");
    }
}

// ---------------------------------------------------------------- RV64I

#[test]
fn rv64i_register_ops_use_low_shift_bits_and_w_forms_sign_extend() {
    check_rr(&[
        (Insn::Add, 0xffff_ffff, 1, 0x0001_0000_0000), // add a0, a1, a2
        (Insn::Add, NEG1, 1, 0), // add a0, a1, a2
        (Insn::Add, MAX, 1, MIN), // add a0, a1, a2
        (Insn::Sub, 0, 1, NEG1), // sub a0, a1, a2
        (Insn::Sub, MIN, 1, MAX), // sub a0, a1, a2
        (Insn::Sll, 1, 0x3f, MIN), // sll a0, a1, a2
        (Insn::Sll, 1, 0x43, 8), // sll a0, a1, a2
        (Insn::Slt, NEG1, 0, 1), // slt a0, a1, a2
        (Insn::Slt, 0, NEG1, 0), // slt a0, a1, a2
        (Insn::Slt, 5, 5, 0), // slt a0, a1, a2
        (Insn::Sltu, NEG1, 0, 0), // sltu a0, a1, a2
        (Insn::Sltu, 0, NEG1, 1), // sltu a0, a1, a2
        (Insn::Xor, 0xff00, 0xff0, 0xf0f0), // xor a0, a1, a2
        (Insn::Srl, MIN, 0x3f, 1), // srl a0, a1, a2
        (Insn::Srl, MIN, 0x40, MIN), // srl a0, a1, a2
        (Insn::Sra, MIN, 0x3f, NEG1), // sra a0, a1, a2
        (Insn::Sra, MIN, 0x44, 0xf800_0000_0000_0000), // sra a0, a1, a2
        (Insn::Or, 0xff00, 0xff0, 0xfff0), // or a0, a1, a2
        (Insn::And, 0xff00, 0xff0, 0xf00), // and a0, a1, a2
        (Insn::Addw, 0x7fff_ffff, 1, 0xffff_ffff_8000_0000), // addw a0, a1, a2
        (Insn::Addw, 0xffff_ffff_0000_0005, 0x0001_0000_0003, 8), // addw a0, a1, a2
        (Insn::Subw, 0, 0x8000_0000, 0xffff_ffff_8000_0000), // subw a0, a1, a2
        (Insn::Subw, 0x0001_0000_0000, 1, NEG1), // subw a0, a1, a2
        (Insn::Sllw, 1, 0x1f, 0xffff_ffff_8000_0000), // sllw a0, a1, a2
        (Insn::Sllw, 1, 0x21, 2), // sllw a0, a1, a2
        (Insn::Sllw, 0xffff_ffff, 4, 0xffff_ffff_ffff_fff0), // sllw a0, a1, a2
        (Insn::Srlw, 0xffff_ffff_8000_0000, 0x1f, 1), // srlw a0, a1, a2
        (Insn::Srlw, 0x0001_0000_0010, 4, 1), // srlw a0, a1, a2
        (Insn::Srlw, 0x8000_0000, 0, 0xffff_ffff_8000_0000), // srlw a0, a1, a2
        (Insn::Sraw, 0x8000_0000, 0x1f, NEG1), // sraw a0, a1, a2
        (Insn::Sraw, 0x8000_0000, 0x24, 0xffff_ffff_f800_0000), // sraw a0, a1, a2
        (Insn::Sraw, 0x7fff_ffff_0000_0010, 1, 8), // sraw a0, a1, a2
    ]);
}

#[test]
fn rv64i_immediate_ops_sign_extend_the_12_bit_immediate() {
    check_imm(&[
        (Insn::Addi, 0, -2048, 0xffff_ffff_ffff_f800), // addi a0, a1, -2048
        (Insn::Addi, NEG1, 1, 0), // addi a0, a1, 1
        (Insn::Addi, 5, 2047, 0x804), // addi a0, a1, 2047
        (Insn::Slti, 0xffff_ffff_ffff_fffb, -4, 1), // slti a0, a1, -4
        (Insn::Slti, 0, -1, 0), // slti a0, a1, -1
        (Insn::Sltiu, 5, -1, 1), // sltiu a0, a1, -1
        (Insn::Sltiu, NEG1, -1, 0), // sltiu a0, a1, -1
        (Insn::Sltiu, 0, 1, 1), // sltiu a0, a1, 1
        (Insn::Xori, 0xff00, -1, 0xffff_ffff_ffff_00ff), // xori a0, a1, -1
        (Insn::Xori, 0x5555, 2047, 0x52aa), // xori a0, a1, 2047
        (Insn::Ori, 0, -2048, 0xffff_ffff_ffff_f800), // ori a0, a1, -2048
        (Insn::Ori, MIN, 1, 0x8000_0000_0000_0001), // ori a0, a1, 1
        (Insn::Andi, NEG1, 2047, 0x7ff), // andi a0, a1, 2047
        (Insn::Andi, NEG1, -2048, 0xffff_ffff_ffff_f800), // andi a0, a1, -2048
        (Insn::Addiw, 0xffff_ffff_8000_0000, -1, 0x7fff_ffff), // addiw a0, a1, -1
        (Insn::Addiw, 0x7fff_ffff, 1, 0xffff_ffff_8000_0000), // addiw a0, a1, 1
        (Insn::Addiw, 0x0001_2345_6789, 0, 0x2345_6789), // addiw a0, a1, 0
    ]);
}

#[test]
fn rv64i_shift_immediates_64_and_32_bit() {
    check_sh(&[
        (Insn::Slli, 1, 63, MIN), // slli a0, a1, 63
        (Insn::Slli, 0x0123_4567_89ab_cdef, 0, 0x0123_4567_89ab_cdef), // slli a0, a1, 0
        (Insn::Srli, NEG1, 32, 0xffff_ffff), // srli a0, a1, 32
        (Insn::Srli, MIN, 63, 1), // srli a0, a1, 63
        (Insn::Srai, MIN, 40, 0xffff_ffff_ff80_0000), // srai a0, a1, 40
        (Insn::Srai, MAX, 63, 0), // srai a0, a1, 63
        (Insn::Slliw, 1, 31, 0xffff_ffff_8000_0000), // slliw a0, a1, 31
        (Insn::Slliw, 0xffff_ffff, 31, 0xffff_ffff_8000_0000), // slliw a0, a1, 31
        (Insn::Srliw, NEG1, 1, 0x7fff_ffff), // srliw a0, a1, 1
        (Insn::Srliw, 0x8000_0000, 31, 1), // srliw a0, a1, 31
        (Insn::Sraiw, 0x8000_0000, 31, NEG1), // sraiw a0, a1, 31
        (Insn::Sraiw, 0xffff_ffff_7fff_ffff, 0, 0x7fff_ffff), // sraiw a0, a1, 0
    ]);
}

#[test]
fn rv64i_w_shift_immediates_with_shamt_bit5_are_illegal() {
    // slliw/srliw/sraiw a0, a1, 32: imm[5] != 0 is reserved (ch. 4.2.1)
    for op in [Insn::Slliw as ShCtor, Insn::Srliw, Insn::Sraiw] {
        let raw = op(Sh { rd: A0, rs1: A1, shamt: 32 }).encode().unwrap();
        let mut h = hart();
        h.set_x(A0, 0x5a);
        assert!(h.bus.ram().write::<u32>(BASE, raw));
        interp::step(&mut h);
        assert_trapped(&h, Cause::IllegalInsn, u64::from(raw), &format!("{raw:#010x}"));
        assert_eq!(h.get_x(A0), 0x5a);
    }
}

#[test]
fn rv64i_lui_and_auipc_sign_extend_the_upper_immediate() {
    let rows: &[(fn(U) -> Insn, i32, u64)] = &[
        (Insn::Lui, 0x8000_0000_u32 as i32, 0xffff_ffff_8000_0000), // lui a0, 0x80000
        (Insn::Lui, 0x7fff_f000, 0x7fff_f000),                    // lui a0, 0x7ffff
        (Insn::Auipc, 0x1000, BASE + 0x1000),                     // auipc a0, 1
        (Insn::Auipc, 0x8000_0000_u32 as i32, 0),                 // auipc a0, 0x80000 (pc - 2^31)
    ];
    for &(op, imm, want) in rows {
        let insn = op(U { rd: A0, imm });
        let h = run(insn, &[]);
        assert_retired(&h, BASE + 4, &format!("{insn:?}"));
        assert_eq!(h.get_x(A0), want, "{insn:?}");
    }
}

#[test]
fn rv64i_branches_compare_signed_and_unsigned() {
    let rows: &[(fn(B) -> Insn, u64, u64, bool)] = &[
        (Insn::Beq, 3, 3, true),        // beq a1, a2, +0x100
        (Insn::Beq, 3, 4, false),       // beq a1, a2, +0x100
        (Insn::Beq, 0, MIN, false),     // beq a1, a2, +0x100 (all 64 bits compared)
        (Insn::Bne, 3, 4, true),        // bne a1, a2, +0x100
        (Insn::Bne, MIN, MIN, false),   // bne a1, a2, +0x100
        (Insn::Blt, NEG1, 0, true),     // blt a1, a2, +0x100
        (Insn::Blt, 0, NEG1, false),    // blt a1, a2, +0x100
        (Insn::Blt, 5, 5, false),       // blt a1, a2, +0x100
        (Insn::Bge, 5, 5, true),        // bge a1, a2, +0x100
        (Insn::Bge, NEG1, 0, false),    // bge a1, a2, +0x100
        (Insn::Bge, MAX, MIN, true),    // bge a1, a2, +0x100
        (Insn::Bltu, 0, NEG1, true),    // bltu a1, a2, +0x100
        (Insn::Bltu, NEG1, 0, false),   // bltu a1, a2, +0x100
        (Insn::Bgeu, NEG1, 0, true),    // bgeu a1, a2, +0x100
        (Insn::Bgeu, 0, 1, false),      // bgeu a1, a2, +0x100
        (Insn::Bgeu, 5, 5, true),       // bgeu a1, a2, +0x100
    ];
    for &(op, a, b, taken) in rows {
        for imm in [0x100, -0x1000, 4094] {
            let insn = op(B { rs1: A1, rs2: A2, imm });
            let h = run(insn, &[(A1, a), (A2, b)]);
            let next = if taken { BASE.wrapping_add(imm as i64 as u64) } else { BASE + 4 };
            assert_retired(&h, next, &format!("{insn:?} a1={a:#x} a2={b:#x}"));
        }
    }
}

#[test]
fn rv64i_jal_and_jalr_link_pc_plus_4_and_jalr_clears_bit_0() {
    // jal a0, +0x100
    let h = run(Insn::Jal(J { rd: A0, imm: 0x100 }), &[]);
    assert_retired(&h, BASE + 0x100, "jal");
    assert_eq!(h.get_x(A0), BASE + 4);
    // jal zero, -4: no link
    let h = run(Insn::Jal(J { rd: 0, imm: -4 }), &[]);
    assert_retired(&h, BASE - 4, "jal zero");
    assert_eq!(h.get_x(0), 0);
    // jalr a0, 3(a1) with a1 = BASE + 0x201: target (BASE + 0x204) & !1
    let h = run(Insn::Jalr(I { rd: A0, rs1: A1, imm: 3 }), &[(A1, BASE + 0x201)]);
    assert_retired(&h, BASE + 0x204, "jalr");
    assert_eq!(h.get_x(A0), BASE + 4);
    // jalr a0, -1(a0): the target uses the old a0 (rd = rs1)
    let h = run(Insn::Jalr(I { rd: A0, rs1: A0, imm: -1 }), &[(A0, BASE + 0x102)]);
    assert_retired(&h, BASE + 0x100, "jalr rd = rs1");
    assert_eq!(h.get_x(A0), BASE + 4);
}

#[test]
fn rv64i_loads_sign_or_zero_extend_by_width() {
    let rows: &[(ICtor, i32, u64)] = &[
        (Insn::Lb, 0, 0xffff_ffff_ffff_ffef),  // lb a0, 0(a1)
        (Insn::Lb, 6, 0x23),                   // lb a0, 6(a1)
        (Insn::Lbu, 0, 0xef),                  // lbu a0, 0(a1)
        (Insn::Lh, 0, 0xffff_ffff_ffff_cdef),  // lh a0, 0(a1)
        (Insn::Lh, 2, 0xffff_ffff_ffff_89ab),  // lh a0, 2(a1)
        (Insn::Lhu, 2, 0x89ab),                // lhu a0, 2(a1)
        (Insn::Lw, 0, 0xffff_ffff_89ab_cdef),  // lw a0, 0(a1)
        (Insn::Lw, 4, 0xffff_ffff_8123_4567),  // lw a0, 4(a1)
        (Insn::Lwu, 4, 0x8123_4567),           // lwu a0, 4(a1)
        (Insn::Ld, 0, 0x8123_4567_89ab_cdef),  // ld a0, 0(a1)
        (Insn::Ld, 8, 0x0011_2233_4455_6677),  // ld a0, 8(a1)
        (Insn::Ld, 1, 0x7781_2345_6789_abcd),  // ld a0, 1(a1): misaligned, performed (--misaligned hw)
    ];
    for base_off in [0i32, 16] {
        for &(op, off, want) in rows {
            // the same bytes through a1 = DATA and a1 = DATA + 16 with off - 16
            let insn = op(I { rd: A0, rs1: A1, imm: off - base_off });
            let mut h = hart();
            assert!(h.bus.ram().write::<u64>(DATA, 0x8123_4567_89ab_cdef));
            assert!(h.bus.ram().write::<u64>(DATA + 8, 0x0011_2233_4455_6677));
            h.set_x(A1, DATA + base_off as u64);
            step(&mut h, insn);
            assert_retired(&h, BASE + 4, &format!("{insn:?}"));
            assert_eq!(h.get_x(A0), want, "{insn:?}");
        }
    }
}

#[test]
fn rv64i_stores_write_exactly_their_width() {
    let rows: &[(fn(S) -> Insn, i32, u64)] = &[
        (Insn::Sb, 1, 0xffff_ffff_ffff_88ff),  // sb a2, 1(a1)
        (Insn::Sh, 2, 0xffff_ffff_7788_ffff),  // sh a2, 2(a1)
        (Insn::Sw, 4, 0x5566_7788_ffff_ffff),  // sw a2, 4(a1)
        (Insn::Sd, 0, 0x1122_3344_5566_7788),  // sd a2, 0(a1)
    ];
    for &(op, off, want) in rows {
        for base_off in [0i32, 8] {
            let insn = op(S { rs1: A1, rs2: A2, imm: off - base_off });
            let mut h = hart();
            assert!(h.bus.ram().write::<u64>(DATA, NEG1));
            assert!(h.bus.ram().write::<u64>(DATA + 8, NEG1));
            h.set_x(A1, DATA + base_off as u64);
            h.set_x(A2, 0x1122_3344_5566_7788);
            step(&mut h, insn);
            assert_retired(&h, BASE + 4, &format!("{insn:?}"));
            assert_eq!(h.bus.ram().read::<u64>(DATA), Some(want), "{insn:?}");
            assert_eq!(h.bus.ram().read::<u64>(DATA + 8), Some(NEG1), "{insn:?}: neighbour");
        }
    }
}

#[test]
fn rv64i_ecall_and_ebreak_trap_fences_retire() {
    // ecall from M-mode: cause 11, mtval 0
    let h = run(Insn::Ecall(N), &[]);
    assert_trapped(&h, Cause::EcallM, 0, "ecall");
    // ebreak: cause 3, mtval = pc (privileged spec 3.1.16 allows 0 or the pc; mimic writes the pc)
    let h = run(Insn::Ebreak(N), &[]);
    assert_trapped(&h, Cause::Breakpoint, BASE, "ebreak");
    // fence rw, rw and fence.i: no architectural effect here
    let h = run(Insn::Fence(Fence { pred: 3, succ: 3, fm: 0 }), &[(A0, 7)]);
    assert_retired(&h, BASE + 4, "fence");
    assert_eq!(h.get_x(A0), 7);
    let h = run(Insn::FenceI(N), &[]);
    assert_retired(&h, BASE + 4, "fence.i");
}

#[test]
fn writes_to_x0_are_discarded() {
    let rows = [
        Insn::Add(R { rd: 0, rs1: A1, rs2: A2 }),            // add zero, a1, a2
        Insn::Addi(I { rd: 0, rs1: A1, imm: 1 }),            // addi zero, a1, 1
        Insn::Lui(U { rd: 0, imm: 0x1000 }),                 // lui zero, 1
        Insn::Mul(R { rd: 0, rs1: A1, rs2: A2 }),            // mul zero, a1, a2
        Insn::Clz(R { rd: 0, rs1: A1, rs2: 0 }),             // clz zero, a1
        Insn::CzeroNez(R { rd: 0, rs1: A1, rs2: 0 }),        // czero.nez zero, a1, zero
        Insn::Ld(I { rd: 0, rs1: A2, imm: 0 }),              // ld zero, 0(a2)
        Insn::AmoaddD(Amo { rd: 0, rs1: A2, rs2: A1, aq: false, rl: false }), // amoadd.d zero, a1, (a2)
    ];
    for insn in rows {
        let h = run(insn, &[(A1, 5), (A2, DATA)]);
        assert_retired(&h, BASE + 4, &format!("{insn:?}"));
        assert_eq!(h.x[0], 0, "{insn:?}");
    }
    // the AMO still updated memory
    let h = run(rows[7], &[(A1, 5), (A2, DATA)]);
    assert_eq!(h.bus.ram().read::<u64>(DATA), Some(5));
}

// ---------------------------------------------------------------- M

#[test]
fn m_products_low_and_high_halves() {
    check_rr(&[
        (Insn::Mul, 3, 7, 0x15), // mul a0, a1, a2
        (Insn::Mul, NEG1, NEG1, 1), // mul a0, a1, a2
        (Insn::Mul, MIN, NEG1, MIN), // mul a0, a1, a2
        (Insn::Mul, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 0x2236_d88f_e561_8cf0), // mul a0, a1, a2
        (Insn::Mul, 0x0001_0000_0000, 0x0001_0000_0000, 0), // mul a0, a1, a2
        (Insn::Mulh, MIN, MIN, 0x4000_0000_0000_0000), // mulh a0, a1, a2
        (Insn::Mulh, NEG1, 1, NEG1), // mulh a0, a1, a2
        (Insn::Mulh, MAX, MAX, 0x3fff_ffff_ffff_ffff), // mulh a0, a1, a2
        (Insn::Mulh, MIN, MAX, 0xc000_0000_0000_0000), // mulh a0, a1, a2
        (Insn::Mulh, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 0xfffe_b499_23cc_0953), // mulh a0, a1, a2
        (Insn::Mulhsu, NEG1, NEG1, NEG1), // mulhsu a0, a1, a2
        (Insn::Mulhsu, 1, NEG1, 0), // mulhsu a0, a1, a2
        (Insn::Mulhsu, MIN, NEG1, MIN), // mulhsu a0, a1, a2
        (Insn::Mulhsu, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 0x0121_fa00_ad77_d742), // mulhsu a0, a1, a2
        (Insn::Mulhu, NEG1, NEG1, 0xffff_ffff_ffff_fffe), // mulhu a0, a1, a2
        (Insn::Mulhu, MIN, 2, 1), // mulhu a0, a1, a2
        (Insn::Mulhu, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 0x0121_fa00_ad77_d742), // mulhu a0, a1, a2
        (Insn::Mulw, 0x7fff_ffff, 2, 0xffff_ffff_ffff_fffe), // mulw a0, a1, a2
        (Insn::Mulw, 0x8000, 0x0001_0000, 0xffff_ffff_8000_0000), // mulw a0, a1, a2
        (Insn::Mulw, 0x0001_0000_0003, 0x0001_0000_0005, 0xf), // mulw a0, a1, a2
    ]);
}

#[test]
fn m_division_by_zero_and_overflow_follow_table_13_1() {
    check_rr(&[
        (Insn::Div, 0x14, 6, 3), // div a0, a1, a2
        (Insn::Div, 0xffff_ffff_ffff_ffec, 6, 0xffff_ffff_ffff_fffd), // div a0, a1, a2
        (Insn::Div, 0x14, 0xffff_ffff_ffff_fffa, 0xffff_ffff_ffff_fffd), // div a0, a1, a2
        (Insn::Div, 0xffff_ffff_ffff_ffec, 0xffff_ffff_ffff_fffa, 3), // div a0, a1, a2
        (Insn::Div, MIN, NEG1, MIN), // div a0, a1, a2
        (Insn::Div, 0x14, 0, NEG1), // div a0, a1, a2
        (Insn::Div, 0, 0, NEG1), // div a0, a1, a2
        (Insn::Divu, 0x14, 6, 3), // divu a0, a1, a2
        (Insn::Divu, 0xffff_ffff_ffff_ffec, 6, 0x2aaa_aaaa_aaaa_aaa7), // divu a0, a1, a2
        (Insn::Divu, MIN, NEG1, 0), // divu a0, a1, a2
        (Insn::Divu, 0x14, 0, NEG1), // divu a0, a1, a2
        (Insn::Rem, 0x14, 6, 2), // rem a0, a1, a2
        (Insn::Rem, 0xffff_ffff_ffff_ffec, 6, 0xffff_ffff_ffff_fffe), // rem a0, a1, a2
        (Insn::Rem, 0x14, 0xffff_ffff_ffff_fffa, 2), // rem a0, a1, a2
        (Insn::Rem, MIN, NEG1, 0), // rem a0, a1, a2
        (Insn::Rem, 0x14, 0, 0x14), // rem a0, a1, a2
        (Insn::Rem, MIN, 0, MIN), // rem a0, a1, a2
        (Insn::Remu, 0xffff_ffff_ffff_ffec, 6, 2), // remu a0, a1, a2
        (Insn::Remu, 0xffff_ffff_ffff_ffec, 0, 0xffff_ffff_ffff_ffec), // remu a0, a1, a2
        (Insn::Divw, 0xffff_ffff_0000_0014, 6, 3), // divw a0, a1, a2
        (Insn::Divw, 0xffff_ffff_ffff_ffec, 6, 0xffff_ffff_ffff_fffd), // divw a0, a1, a2
        (Insn::Divw, 0x8000_0000, NEG1, 0xffff_ffff_8000_0000), // divw a0, a1, a2
        (Insn::Divw, 0x14, 0, NEG1), // divw a0, a1, a2
        (Insn::Divw, 0x14, 0x0001_0000_0000, NEG1), // divw a0, a1, a2
        (Insn::Divuw, 0xffff_ffff_ffff_ffec, 6, 0x2aaa_aaa7), // divuw a0, a1, a2
        (Insn::Divuw, 0x8000_0000, 1, 0xffff_ffff_8000_0000), // divuw a0, a1, a2
        (Insn::Divuw, 0x14, 0, NEG1), // divuw a0, a1, a2
        (Insn::Remw, 0xffff_ffff_ffff_ffec, 6, 0xffff_ffff_ffff_fffe), // remw a0, a1, a2
        (Insn::Remw, 0x8000_0000, NEG1, 0), // remw a0, a1, a2
        (Insn::Remw, 0x0001_8000_0000, 0, 0xffff_ffff_8000_0000), // remw a0, a1, a2
        (Insn::Remuw, 0xffff_ffff_ffff_ffec, 6, 2), // remuw a0, a1, a2
        (Insn::Remuw, 0x0001_8000_0000, 0, 0xffff_ffff_8000_0000), // remuw a0, a1, a2
        (Insn::Remuw, 0x8000_0005, 0x8000_0000, 5), // remuw a0, a1, a2
    ]);
}

// ---------------------------------------------------------------- A

type AmoCtor = fn(Amo) -> Insn;

fn amo_ops(aq: bool, rl: bool) -> Amo {
    Amo { rd: A0, rs1: A1, rs2: A2, aq, rl }
}

/// Rows `(op, width, memory, rs2, rd = old value, new memory)` of
/// `op a0, a2, (a1)` on the word or doubleword at `DATA`, run with every
/// aq/rl combination. For .w the neighbouring word must stay untouched.
fn check_amo(rows: &[(AmoCtor, u64, u64, u64, u64, u64)]) {
    for &(op, width, mem, src, old, new) in rows {
        for (aq, rl) in [(false, false), (true, false), (false, true), (true, true)] {
            let insn = op(amo_ops(aq, rl));
            let mut h = hart();
            let ram = h.bus.ram_arc();
            assert!(ram.write::<u64>(DATA, 0x1111_1111_0000_0000));
            if width == 4 { assert!(ram.write::<u32>(DATA, mem as u32)) } else { assert!(ram.write::<u64>(DATA, mem)) }
            h.set_x(A1, DATA);
            h.set_x(A2, src);
            step(&mut h, insn);
            let what = format!("{insn:?} mem={mem:#x} a2={src:#x}");
            assert_retired(&h, BASE + 4, &what);
            assert_eq!(h.get_x(A0), old, "{what}: rd");
            if width == 4 {
                assert_eq!(ram.read::<u32>(DATA), Some(new as u32), "{what}: memory");
                assert_eq!(ram.read::<u32>(DATA + 4), Some(0x1111_1111), "{what}: neighbour");
            } else {
                assert_eq!(ram.read::<u64>(DATA), Some(new), "{what}: memory");
            }
        }
    }
}

#[test]
fn a_amo_word_sign_extends_old_value_and_uses_low_32_bits_of_rs2() {
    check_amo(&[
        (Insn::AmoswapW, 4, 0x8000_0000, 0x1234_5678, 0xffff_ffff_8000_0000, 0x1234_5678), // amoswap.w a0, a2, (a1)
        (Insn::AmoaddW, 4, 0x7fff_ffff, 1, 0x7fff_ffff, 0x8000_0000),                     // amoadd.w a0, a2, (a1)
        (Insn::AmoaddW, 4, 0xffff_ffff, 0x1_0000_0001, NEG1, 0),                          // amoadd.w a0, a2, (a1)
        (Insn::AmoxorW, 4, 0xff00_ff00, 0x0ff0_0ff0, 0xffff_ffff_ff00_ff00, 0xf0f0_f0f0),  // amoxor.w a0, a2, (a1)
        (Insn::AmoandW, 4, 0xff00_ff00, 0x0ff0_0ff0, 0xffff_ffff_ff00_ff00, 0x0f00_0f00),  // amoand.w a0, a2, (a1)
        (Insn::AmoorW, 4, 0xff00_ff00, 0x0ff0_0ff0, 0xffff_ffff_ff00_ff00, 0xfff0_fff0),   // amoor.w a0, a2, (a1)
        (Insn::AmominW, 4, 0xffff_ffff, 1, NEG1, 0xffff_ffff),                            // amomin.w a0, a2, (a1)
        (Insn::AmominW, 4, 1, 0x8000_0000, 1, 0x8000_0000),                               // amomin.w: a2 is -2^31 as a word
        (Insn::AmomaxW, 4, 0xffff_ffff, 1, NEG1, 1),                                      // amomax.w a0, a2, (a1)
        (Insn::AmomaxW, 4, 0x8000_0000, 0xffff_ffff_7fff_ffff, 0xffff_ffff_8000_0000, 0x7fff_ffff), // amomax.w a0, a2, (a1)
        (Insn::AmominuW, 4, 0xffff_ffff, 1, NEG1, 1),                                     // amominu.w a0, a2, (a1)
        (Insn::AmominuW, 4, 5, 0x1_0000_0003, 5, 3),                                      // amominu.w: upper half of a2 ignored
        (Insn::AmomaxuW, 4, 0xffff_ffff, 1, NEG1, 0xffff_ffff),                           // amomaxu.w a0, a2, (a1)
        (Insn::AmomaxuW, 4, 5, 0xffff_ffff_0000_0003, 5, 5),                              // amomaxu.w: upper half of a2 ignored
    ]);
}

#[test]
fn a_amo_doubleword_signed_and_unsigned_min_max() {
    check_amo(&[
        (Insn::AmoswapD, 8, MIN, 0x0123_4567_89ab_cdef, MIN, 0x0123_4567_89ab_cdef), // amoswap.d a0, a2, (a1)
        (Insn::AmoaddD, 8, MAX, 1, MAX, MIN),                                         // amoadd.d a0, a2, (a1)
        (Insn::AmoaddD, 8, 0xffff_ffff, 1, 0xffff_ffff, 0x1_0000_0000),               // amoadd.d a0, a2, (a1)
        (Insn::AmoxorD, 8, 0xff00, 0x0ff0, 0xff00, 0xf0f0),                           // amoxor.d a0, a2, (a1)
        (Insn::AmoandD, 8, 0xff00, 0x0ff0, 0xff00, 0x0f00),                           // amoand.d a0, a2, (a1)
        (Insn::AmoorD, 8, 0xff00, 0x0ff0, 0xff00, 0xfff0),                            // amoor.d a0, a2, (a1)
        (Insn::AmominD, 8, NEG1, 1, NEG1, NEG1),                                      // amomin.d a0, a2, (a1)
        (Insn::AmominD, 8, MAX, MIN, MAX, MIN),                                       // amomin.d a0, a2, (a1)
        (Insn::AmomaxD, 8, NEG1, 1, NEG1, 1),                                         // amomax.d a0, a2, (a1)
        (Insn::AmominuD, 8, NEG1, 1, NEG1, 1),                                        // amominu.d a0, a2, (a1)
        (Insn::AmominuD, 8, 0x1_0000_0000, 0xffff_ffff, 0x1_0000_0000, 0xffff_ffff),  // amominu.d a0, a2, (a1)
        (Insn::AmomaxuD, 8, NEG1, 1, NEG1, NEG1),                                     // amomaxu.d a0, a2, (a1)
        (Insn::AmomaxuD, 8, 0xffff_ffff, 0x1_0000_0000, 0xffff_ffff, 0x1_0000_0000),  // amomaxu.d a0, a2, (a1)
    ]);
}

/// Executes `insn` at the current pc of `h` (a sequence of steps).
fn next(h: &mut Hart, insn: Insn) {
    let before = h.instret;
    let pc = h.pc;
    step(h, insn);
    assert_eq!((h.instret, h.pc), (before + 1, pc + 4), "{insn:?} did not retire");
}

fn lr_w(aq: bool, rl: bool) -> Insn {
    Insn::LrW(Amo { rd: A0, rs1: A1, rs2: 0, aq, rl })
}

fn sc_w(rd: u8, rs1: u8) -> Insn {
    Insn::ScW(Amo { rd, rs1, rs2: A2, aq: false, rl: false })
}

#[test]
fn a_lr_sc_succeeds_once_then_fails_without_reservation() {
    let mut h = hart();
    let ram = h.bus.ram_arc();
    assert!(ram.write::<u64>(DATA, 0x8000_0001));
    h.set_x(A1, DATA);
    h.set_x(A2, 0xaaaa_aaaa_1234_5678);
    next(&mut h, lr_w(false, false)); // lr.w a0, (a1): sign-extended
    assert_eq!(h.get_x(A0), 0xffff_ffff_8000_0001);
    next(&mut h, sc_w(13, A1)); // sc.w a3, a2, (a1): success, low word stored
    assert_eq!(h.get_x(13), 0);
    assert_eq!(ram.read::<u64>(DATA), Some(0x1234_5678));
    h.set_x(A2, 0x5555);
    next(&mut h, sc_w(13, A1)); // sc.w a3, a2, (a1): reservation consumed
    assert_ne!(h.get_x(13), 0);
    assert_eq!(ram.read::<u64>(DATA), Some(0x1234_5678));
}

#[test]
fn a_sc_to_another_address_fails_and_clears_the_reservation() {
    let mut h = hart();
    let ram = h.bus.ram_arc();
    h.set_x(A1, DATA);
    h.set_x(14, DATA + 64);
    h.set_x(A2, 7);
    next(&mut h, lr_w(true, false)); // lr.w.aq a0, (a1)
    next(&mut h, sc_w(13, 14)); // sc.w a3, a2, (a4): other reservation set
    assert_ne!(h.get_x(13), 0);
    assert_eq!(ram.read::<u32>(DATA + 64), Some(0));
    next(&mut h, sc_w(13, A1)); // sc.w a3, a2, (a1): reservation gone
    assert_ne!(h.get_x(13), 0);
    assert_eq!(ram.read::<u32>(DATA), Some(0));
}

#[test]
fn a_lr_d_sc_d_with_aq_rl_store_the_doubleword() {
    let mut h = hart();
    let ram = h.bus.ram_arc();
    assert!(ram.write::<u64>(DATA + 8, MIN | 1));
    h.set_x(A1, DATA + 8);
    h.set_x(A2, 0x0123_4567_89ab_cdef);
    next(&mut h, Insn::LrD(Amo { rd: A0, rs1: A1, rs2: 0, aq: true, rl: true })); // lr.d.aqrl a0, (a1)
    assert_eq!(h.get_x(A0), MIN | 1);
    next(&mut h, Insn::ScD(Amo { rd: 13, rs1: A1, rs2: A2, aq: true, rl: true })); // sc.d.aqrl a3, a2, (a1)
    assert_eq!(h.get_x(13), 0);
    assert_eq!(ram.read::<u64>(DATA + 8), Some(0x0123_4567_89ab_cdef));
}

#[test]
fn a_misaligned_amo_and_sc_raise_store_misaligned_lr_load_misaligned() {
    let a = |op: AmoCtor| op(Amo { rd: A0, rs1: A1, rs2: A2, aq: false, rl: false });
    let rows: &[(Insn, u64, Cause)] = &[
        (a(Insn::AmoaddW), DATA + 2, Cause::StoreMisaligned),  // amoadd.w a0, a2, (a1)
        (a(Insn::AmoswapW), DATA + 1, Cause::StoreMisaligned), // amoswap.w a0, a2, (a1)
        (a(Insn::AmoswapD), DATA + 4, Cause::StoreMisaligned), // amoswap.d a0, a2, (a1)
        (a(Insn::AmomaxuD), DATA + 7, Cause::StoreMisaligned), // amomaxu.d a0, a2, (a1)
        (a(Insn::ScW), DATA + 2, Cause::StoreMisaligned),      // sc.w a0, a2, (a1)
        (a(Insn::ScD), DATA + 4, Cause::StoreMisaligned),      // sc.d a0, a2, (a1)
        (lr_w(false, false), DATA + 1, Cause::LoadMisaligned), // lr.w a0, (a1)
        (Insn::LrD(Amo { rd: A0, rs1: A1, rs2: 0, aq: true, rl: false }), DATA + 4, Cause::LoadMisaligned), // lr.d.aq a0, (a1)
    ];
    for &(insn, addr, cause) in rows {
        let mut h = hart();
        let ram = h.bus.ram_arc();
        assert!(ram.write::<u64>(DATA, 0x0123_4567_89ab_cdef));
        assert!(ram.write::<u64>(DATA + 8, 0x0123_4567_89ab_cdef));
        h.set_x(A0, 0x5a5a);
        h.set_x(A1, addr);
        h.set_x(A2, NEG1);
        step(&mut h, insn);
        assert_trapped(&h, cause, addr, &format!("{insn:?}"));
        assert_eq!(h.get_x(A0), 0x5a5a, "{insn:?}: rd written");
        assert_eq!(ram.read::<u64>(DATA), Some(0x0123_4567_89ab_cdef), "{insn:?}: memory");
        assert_eq!(ram.read::<u64>(DATA + 8), Some(0x0123_4567_89ab_cdef), "{insn:?}: memory");
    }
}

// ---------------------------------------------------------------- Zba

#[test]
fn zba_shift_and_add_with_and_without_zero_extension() {
    check_rr(&[
        (Insn::AddUw, 0xffff_ffff_8000_0000, 1, 0x8000_0001), // add.uw a0, a1, a2
        (Insn::AddUw, NEG1, NEG1, 0xffff_fffe), // add.uw a0, a1, a2
        (Insn::Sh1add, 3, 0xa, 0x10), // sh1add a0, a1, a2
        (Insn::Sh1add, MIN, 1, 1), // sh1add a0, a1, a2
        (Insn::Sh2add, 3, 0xa, 0x16), // sh2add a0, a1, a2
        (Insn::Sh2add, 0x4000_0000_0000_0000, 7, 7), // sh2add a0, a1, a2
        (Insn::Sh3add, 3, 0xa, 0x22), // sh3add a0, a1, a2
        (Insn::Sh3add, NEG1, 8, 0), // sh3add a0, a1, a2
        (Insn::Sh1addUw, NEG1, 0, 0x0001_ffff_fffe), // sh1add.uw a0, a1, a2
        (Insn::Sh2addUw, 0xabcd_0000_0003, 4, 0x10), // sh2add.uw a0, a1, a2
        (Insn::Sh3addUw, NEG1, 1, 0x0007_ffff_fff9), // sh3add.uw a0, a1, a2
    ]);
    check_sh(&[
        (Insn::SlliUw, 0xffff_ffff_8000_0001, 0, 0x8000_0001), // slli.uw a0, a1, 0
        (Insn::SlliUw, NEG1, 32, 0xffff_ffff_0000_0000), // slli.uw a0, a1, 32
        (Insn::SlliUw, NEG1, 63, MIN), // slli.uw a0, a1, 63
    ]);
}

// ---------------------------------------------------------------- Zbb

#[test]
fn zbb_logic_min_max_and_rotates() {
    check_rr(&[
        (Insn::Andn, 0xff00_ff00_ff00_ff00, 0x0ff0_0ff0_0ff0_0ff0, 0xf000_f000_f000_f000), // andn a0, a1, a2
        (Insn::Orn, 0xff00_ff00_ff00_ff00, 0x0ff0_0ff0_0ff0_0ff0, 0xff0f_ff0f_ff0f_ff0f), // orn a0, a1, a2
        (Insn::Xnor, 0xff00_ff00_ff00_ff00, 0x0ff0_0ff0_0ff0_0ff0, 0x0f0f_0f0f_0f0f_0f0f), // xnor a0, a1, a2
        (Insn::Min, NEG1, 1, NEG1), // min a0, a1, a2
        (Insn::Min, MIN, MAX, MIN), // min a0, a1, a2
        (Insn::Max, NEG1, 1, 1), // max a0, a1, a2
        (Insn::Max, 0x8000_0000, 0xffff_ffff_8000_0000, 0x8000_0000), // max a0, a1, a2
        (Insn::Minu, NEG1, 1, 1), // minu a0, a1, a2
        (Insn::Maxu, NEG1, 1, NEG1), // maxu a0, a1, a2
        (Insn::Maxu, MIN, MAX, MIN), // maxu a0, a1, a2
        (Insn::Rol, 0x8000_0000_0000_0001, 1, 3), // rol a0, a1, a2
        (Insn::Rol, 0x0123_4567_89ab_cdef, 0x44, 0x1234_5678_9abc_def0), // rol a0, a1, a2
        (Insn::Ror, 1, 1, MIN), // ror a0, a1, a2
        (Insn::Ror, 0x0123_4567_89ab_cdef, 0x44, 0xf012_3456_789a_bcde), // ror a0, a1, a2
        (Insn::Rolw, 0x8000_0001, 1, 3), // rolw a0, a1, a2
        (Insn::Rolw, 0xffff_ffff_0000_0001, 0x1f, 0xffff_ffff_8000_0000), // rolw a0, a1, a2
        (Insn::Rolw, 1, 0x21, 2), // rolw a0, a1, a2
        (Insn::Rorw, 1, 1, 0xffff_ffff_8000_0000), // rorw a0, a1, a2
        (Insn::Rorw, 0xffff_ffff_0000_0002, 1, 1), // rorw a0, a1, a2
        (Insn::Rorw, 0x0123_4567_89ab_cdef, 4, 0xffff_ffff_f89a_bcde), // rorw a0, a1, a2
    ]);
    check_sh(&[
        (Insn::Rori, 1, 63, 2), // rori a0, a1, 63
        (Insn::Rori, 0x0123_4567_89ab_cdef, 32, 0x89ab_cdef_0123_4567), // rori a0, a1, 32
        (Insn::Roriw, 1, 1, 0xffff_ffff_8000_0000), // roriw a0, a1, 1
        (Insn::Roriw, 0xffff_ffff_0000_0001, 0, 1), // roriw a0, a1, 0
        (Insn::Roriw, 0x7fff_ffff_8000_0000, 0, 0xffff_ffff_8000_0000), // roriw a0, a1, 0
    ]);
}

#[test]
fn zbb_counts_extensions_orc_b_rev8_including_zero_input() {
    check_un(&[
        (Insn::Clz, 0, 0x40), // clz a0, a1
        (Insn::Clz, 1, 0x3f), // clz a0, a1
        (Insn::Clz, MIN, 0), // clz a0, a1
        (Insn::Ctz, 0, 0x40), // ctz a0, a1
        (Insn::Ctz, MIN, 0x3f), // ctz a0, a1
        (Insn::Ctz, 0x100, 8), // ctz a0, a1
        (Insn::Cpop, 0, 0), // cpop a0, a1
        (Insn::Cpop, NEG1, 0x40), // cpop a0, a1
        (Insn::Cpop, 0x0123_4567_89ab_cdef, 0x20), // cpop a0, a1
        (Insn::Clzw, 0, 0x20), // clzw a0, a1
        (Insn::Clzw, 0xffff_ffff_0000_0000, 0x20), // clzw a0, a1
        (Insn::Clzw, 1, 0x1f), // clzw a0, a1
        (Insn::Ctzw, 0, 0x20), // ctzw a0, a1
        (Insn::Ctzw, 0x0001_0000_0000, 0x20), // ctzw a0, a1
        (Insn::Ctzw, 0x8000_0000, 0x1f), // ctzw a0, a1
        (Insn::Cpopw, 0xffff_ffff_0000_0000, 0), // cpopw a0, a1
        (Insn::Cpopw, NEG1, 0x20), // cpopw a0, a1
        (Insn::SextB, 0x80, 0xffff_ffff_ffff_ff80), // sext.b a0, a1
        (Insn::SextB, 0x7f, 0x7f), // sext.b a0, a1
        (Insn::SextH, 0x8000, 0xffff_ffff_ffff_8000), // sext.h a0, a1
        (Insn::SextH, 0x0001_7fff, 0x7fff), // sext.h a0, a1
        (Insn::ZextH, NEG1, 0xffff), // zext.h a0, a1
        (Insn::OrcB, 0x0102_0304_0000_0000, 0xffff_ffff_0000_0000), // orc.b a0, a1
        (Insn::OrcB, 0x8000_0000_0001, 0xff00_0000_00ff), // orc.b a0, a1
        (Insn::Rev8, 0x0123_4567_89ab_cdef, 0xefcd_ab89_6745_2301), // rev8 a0, a1
    ]);
}

// ---------------------------------------------------------------- Zbc

#[test]
fn zbc_carry_less_products_low_high_and_reversed() {
    check_rr(&[
        (Insn::Clmul, 3, 3, 5), // clmul a0, a1, a2
        (Insn::Clmul, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 0x40a0_7898_28c8_10f0), // clmul a0, a1, a2
        (Insn::Clmul, NEG1, NEG1, 0x5555_5555_5555_5555), // clmul a0, a1, a2
        (Insn::Clmulh, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 0x00e0_38d8_6888_50b0), // clmulh a0, a1, a2
        (Insn::Clmulh, MIN, MIN, 0x4000_0000_0000_0000), // clmulh a0, a1, a2
        (Insn::Clmulh, NEG1, NEG1, 0x5555_5555_5555_5555), // clmulh a0, a1, a2
        (Insn::Clmulr, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 0x01c0_71b0_d110_a160), // clmulr a0, a1, a2
        (Insn::Clmulr, MIN, MIN, MIN), // clmulr a0, a1, a2
        (Insn::Clmulr, NEG1, NEG1, 0xaaaa_aaaa_aaaa_aaaa), // clmulr a0, a1, a2
        (Insn::Clmulr, 0x0123_4567_89ab_cdef, MIN, 0x0123_4567_89ab_cdef), // clmulr a0, a1, a2
    ]);
}

// ---------------------------------------------------------------- Zbs

#[test]
fn zbs_single_bit_ops_use_low_6_bits_of_the_index() {
    check_rr(&[
        (Insn::Bclr, NEG1, 0x3f, MAX), // bclr a0, a1, a2
        (Insn::Bclr, NEG1, 0x45, 0xffff_ffff_ffff_ffdf), // bclr a0, a1, a2
        (Insn::Bset, 0, 0x3f, MIN), // bset a0, a1, a2
        (Insn::Bset, 0, NEG1, MIN), // bset a0, a1, a2
        (Insn::Binv, NEG1, 0, 0xffff_ffff_ffff_fffe), // binv a0, a1, a2
        (Insn::Binv, MIN, NEG1, 0), // binv a0, a1, a2
        (Insn::Bext, MIN, 0x3f, 1), // bext a0, a1, a2
        (Insn::Bext, 0x0123_4567_89ab_cdef, 4, 0), // bext a0, a1, a2
        (Insn::Bext, 0x20, 0x45, 1), // bext a0, a1, a2
    ]);
    check_sh(&[
        (Insn::Bclri, NEG1, 63, MAX), // bclri a0, a1, 63
        (Insn::Bseti, 0, 63, MIN), // bseti a0, a1, 63
        (Insn::Binvi, 0x0123_4567_89ab_cdef, 40, 0x0123_4467_89ab_cdef), // binvi a0, a1, 40
        (Insn::Bexti, MIN, 63, 1), // bexti a0, a1, 63
        (Insn::Bexti, 0x0123_4567_89ab_cdef, 4, 0), // bexti a0, a1, 4
    ]);
}

// ---------------------------------------------------------------- Zicond

#[test]
fn zicond_tests_all_64_bits_of_the_condition() {
    check_rr(&[
        (Insn::CzeroEqz, 0x0123_4567_89ab_cdef, 0, 0), // czero.eqz a0, a1, a2
        (Insn::CzeroEqz, 0x0123_4567_89ab_cdef, MIN, 0x0123_4567_89ab_cdef), // czero.eqz a0, a1, a2
        (Insn::CzeroEqz, 0x0123_4567_89ab_cdef, 0x0001_0000_0000, 0x0123_4567_89ab_cdef), // czero.eqz a0, a1, a2
        (Insn::CzeroNez, 0x0123_4567_89ab_cdef, 0, 0x0123_4567_89ab_cdef), // czero.nez a0, a1, a2
        (Insn::CzeroNez, 0x0123_4567_89ab_cdef, MIN, 0), // czero.nez a0, a1, a2
        (Insn::CzeroNez, 0x0123_4567_89ab_cdef, 1, 0), // czero.nez a0, a1, a2
    ]);
}
