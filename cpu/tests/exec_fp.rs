//! Table tests of `cpu::exec` for the F and D instructions (DESIGN.md §6
//! "Per-instruction table tests against cpu::exec (asm in a comment)").
//!
//! Each row places one instruction at the start of RAM, sets its source
//! registers, runs one `interp::step`, and checks the destination (all 64
//! bits of an f register, so NaN-boxing is checked too), fflags, that the
//! instruction retired, and that mstatus.FS went from Initial to Dirty
//! exactly when FP state changed. Register convention: f operands in
//! fa0/fa1/fa2, f result in fa3; x operand in a1, x result in a0.
//! Expected values come from the specs (unprivileged ch. 20 "F", ch. 21
//! "D", IEEE 754-2019) and were cross-checked against QEMU with the same
//! cases in roms/isa/rv64f.S, rv64d.S, fp_round.S and fp_special.S.

use std::sync::Arc;

use mimic_cpu::csr::bits::{MSTATUS_FS, MSTATUS_FS_SHIFT};
use mimic_cpu::isa::{Rm, I, R, R4, S};
use mimic_cpu::mmu::{BusBuilder, HartSignals, Power, Ram, Timebase};
use mimic_cpu::{interp, Cause, Hart, HartConfig, Insn, Wiring};

const BASE: u64 = 0x8000_0000;
const MTVEC: u64 = BASE + 0x800;
const DATA: u64 = BASE + 0x1000;
const A0: u8 = 10;
const A1: u8 = 11;
const FA0: u8 = 10;
const FA1: u8 = 11;
const FA2: u8 = 12;
const FA3: u8 = 13;
/// What fa3 and a0 hold before each row, to see that nothing else wrote them.
const MARK: u64 = 0x5a5a_5a5a_5a5a_5a5a;

// fflags bits (20.2, "Accrued exception flag encoding").
const NX: u64 = 0x01;
const UF: u64 = 0x02;
const OF: u64 = 0x04;
const DZ: u64 = 0x08;
const NV: u64 = 0x10;

// rm field values (20.2, "Rounding mode encoding").
const RNE: u8 = 0;
const RTZ: u8 = 1;
const RDN: u8 = 2;
const RUP: u8 = 3;
const RMM: u8 = 4;
const DYN: u8 = 7;

/// A single-precision value as a 64-bit f register holds it (21.2).
const fn s(bits: u32) -> u64 {
    0xffff_ffff_0000_0000 | bits as u64
}

const S_ONE: u64 = s(0x3f80_0000);
const S_TWO: u64 = s(0x4000_0000);
const S_THREE: u64 = s(0x4040_0000);
const S_MONE: u64 = s(0xbf80_0000);
const S_TENTH: u64 = s(0x3dcc_cccd);
const S_INF: u64 = s(0x7f80_0000);
const S_QNAN: u64 = s(0x7fc0_0000);
const S_SNAN: u64 = s(0x7f80_0001);
const D_ONE: u64 = 0x3ff0_0000_0000_0000;
const D_TWO: u64 = 0x4000_0000_0000_0000;
const D_THREE: u64 = 0x4008_0000_0000_0000;
const D_MONE: u64 = 0xbff0_0000_0000_0000;
const D_TENTH: u64 = 0x3fb9_9999_9999_999a;
const D_INF: u64 = 0x7ff0_0000_0000_0000;
const D_QNAN: u64 = 0x7ff8_0000_0000_0000;
const D_SNAN: u64 = 0x7ff0_0000_0000_0001;

/// A hart in M-mode with mstatus.FS = Initial over 64 KiB of RAM at
/// `BASE`; pc = `BASE`, fa3 = a0 = `MARK`.
fn hart() -> Box<Hart> {
    let ram = Arc::new(Ram::new(BASE, 0x1_0000).expect("map RAM"));
    let bus = Arc::new(BusBuilder::new(ram).build());
    let wiring = Wiring { bus, signals: HartSignals::new(), timebase: Arc::new(Timebase::new(false)), power: Power::new() };
    let mut h = Hart::new(0, wiring, HartConfig::default());
    h.pc = BASE;
    h.csr.mtvec = MTVEC;
    set_fs(&mut h, 1);
    h.f[usize::from(FA3)] = MARK;
    h.set_x(A0, MARK);
    h
}

fn set_fs(h: &mut Hart, fs: u64) {
    h.csr.mstatus = (h.csr.mstatus & !MSTATUS_FS) | fs << MSTATUS_FS_SHIFT;
}

/// Places `insn` at pc and executes it.
fn step(h: &mut Hart, insn: Insn) {
    let word = insn.encode().expect("encodable");
    assert!(h.bus.ram().write::<u32>(h.pc, word));
    interp::step(h);
}

/// Places a raw instruction word at pc and executes it.
fn step_raw(h: &mut Hart, word: u32) {
    assert!(h.bus.ram().write::<u32>(h.pc, word));
    interp::step(h);
}

// Operand shapes.
/// `op fa3, fa0, fa1, rm`
const fn frr(rm: u8) -> Rm {
    Rm { rd: FA3, rs1: FA0, rs2: FA1, rm }
}
/// `op fa3, fa0, rm` (fsqrt, fcvt.s.d, fcvt.d.s)
const fn fr(rm: u8) -> Rm {
    Rm { rd: FA3, rs1: FA0, rs2: 0, rm }
}
/// `op fa3, fa0, fa1, fa2, rm`
const fn r4(rm: u8) -> R4 {
    R4 { rd: FA3, rs1: FA0, rs2: FA1, rs3: FA2, rm }
}
/// `op fa3, fa0, fa1` (sign injection, min/max)
const FRR: R = R { rd: FA3, rs1: FA0, rs2: FA1 };
/// `op a0, fa0, fa1` (compares), `op a0, fa0` (fclass, fmv.x.*)
const XFF: R = R { rd: A0, rs1: FA0, rs2: FA1 };
const XF: R = R { rd: A0, rs1: FA0, rs2: 0 };
/// `op fa3, a1` (fmv.*.x)
const FX: R = R { rd: FA3, rs1: A1, rs2: 0 };
/// `op a0, fa0, rm` (float -> integer)
const fn xf(rm: u8) -> Rm {
    Rm { rd: A0, rs1: FA0, rs2: 0, rm }
}
/// `op fa3, a1, rm` (integer -> float)
const fn fx(rm: u8) -> Rm {
    Rm { rd: FA3, rs1: A1, rs2: 0, rm }
}

/// Where a row's result lands.
#[derive(Clone, Copy, Debug)]
enum Out {
    /// fa3, all 64 bits.
    F(u64),
    /// a0.
    X(u64),
}

/// One row: the instruction, fa0..fa2, a1, the result, fflags after.
struct Row {
    insn: Insn,
    f: [u64; 3],
    x: u64,
    out: Out,
    flags: u64,
}

const fn row(insn: Insn, f: [u64; 3], x: u64, out: Out, flags: u64) -> Row {
    Row { insn, f, x, out, flags }
}

/// Runs a row on a fresh hart; returns the hart.
fn run(r: &Row) -> Box<Hart> {
    let mut h = hart();
    h.f[usize::from(FA0)..=usize::from(FA2)].copy_from_slice(&r.f);
    h.set_x(A1, r.x);
    step(&mut h, r.insn);
    h
}

fn check(rows: &[Row]) {
    for r in rows {
        let h = run(r);
        let what = format!("{:?} f={:x?} x={:#x}", r.insn, r.f, r.x);
        assert_eq!(h.csr.mcause, 0, "{what}: unexpected trap, mtval {:#x}", h.csr.mtval);
        assert_eq!((h.instret, h.pc), (1, BASE + 4), "{what}: did not retire");
        let (f3, a0) = (h.f[usize::from(FA3)], h.get_x(A0));
        match r.out {
            Out::F(want) => {
                assert_eq!(f3, want, "{what}: fa3 = {f3:#x}, want {want:#x}");
                assert_eq!(a0, MARK, "{what}: a0 written");
            }
            Out::X(want) => {
                assert_eq!(a0, want, "{what}: a0 = {a0:#x}, want {want:#x}");
                assert_eq!(f3, MARK, "{what}: fa3 written");
            }
        }
        assert_eq!(h.csr.fflags, r.flags, "{what}: fflags");
        // FS: Dirty after any f-register write or new flag (privileged
        // spec 3.1.6.6: FS covers f0-f31 and fcsr), else still Initial.
        let dirty = matches!(r.out, Out::F(_)) || r.flags != 0;
        assert_eq!(h.csr.fs(), if dirty { 3 } else { 1 }, "{what}: mstatus.FS");
    }
}

/// Every computational, conversion, move and compare instruction of F
/// (ch. 20), at least one row each, with its flags.
#[test]
fn f_every_instruction_result_and_flags() {
    use Insn::*;
    use Out::{F, X};
    check(&[
        // fadd.s fa3, fa0, fa1: 2.5 + 1 = 3.5; inf + -inf = NaN (NV)
        row(FaddS(frr(RNE)), [s(0x4020_0000), S_ONE, 0], 0, F(s(0x4060_0000)), 0),
        row(FaddS(frr(RNE)), [S_INF, s(0xff80_0000), 0], 0, F(S_QNAN), NV),
        // fsub.s fa3, fa0, fa1: -0 - +0 = -0
        row(FsubS(frr(RNE)), [s(0x8000_0000), s(0), 0], 0, F(s(0x8000_0000)), 0),
        // fmul.s fa3, fa0, fa1: 0.1 * 0.1 (NX); max * 2 = inf (OF NX)
        row(FmulS(frr(RNE)), [S_TENTH, S_TENTH, 0], 0, F(s(0x3c23_d70b)), NX),
        row(FmulS(frr(RNE)), [s(0x7f7f_ffff), S_TWO, 0], 0, F(S_INF), OF | NX),
        // fdiv.s fa3, fa0, fa1: 1 / 3 (NX); -1 / 0 = -inf (DZ)
        row(FdivS(frr(RNE)), [S_ONE, S_THREE, 0], 0, F(s(0x3eaa_aaab)), NX),
        row(FdivS(frr(RNE)), [S_MONE, s(0), 0], 0, F(s(0xff80_0000)), DZ),
        // fsqrt.s fa3, fa0: sqrt 2 (NX); sqrt -1 (NV)
        row(FsqrtS(fr(RNE)), [S_TWO, 0, 0], 0, F(s(0x3fb5_04f3)), NX),
        row(FsqrtS(fr(RNE)), [S_MONE, 0, 0], 0, F(S_QNAN), NV),
        // fmadd.s fa3, fa0, fa1, fa2: (1 + 2^-12)^2 - 1, one rounding
        row(FmaddS(r4(RNE)), [s(0x3f80_0800), s(0x3f80_0800), S_MONE], 0, F(s(0x3a00_0400)), 0),
        // fmadd.s: inf * 0 + qNaN raises NV (20.6)
        row(FmaddS(r4(RNE)), [S_INF, s(0), S_QNAN], 0, F(S_QNAN), NV),
        // fmsub.s fa3, fa0, fa1, fa2: 1 * 2 - 3 = -1
        row(FmsubS(r4(RNE)), [S_ONE, S_TWO, S_THREE], 0, F(S_MONE), 0),
        // fnmsub.s fa3, fa0, fa1, fa2: -(1 * 2) + 3 = 1
        row(FnmsubS(r4(RNE)), [S_ONE, S_TWO, S_THREE], 0, F(S_ONE), 0),
        // fnmadd.s fa3, fa0, fa1, fa2: -(1 * 2) - 3 = -5; -(1 * 0) - 0 = -0
        row(FnmaddS(r4(RNE)), [S_ONE, S_TWO, S_THREE], 0, F(s(0xc0a0_0000)), 0),
        row(FnmaddS(r4(RNE)), [S_ONE, s(0), s(0)], 0, F(s(0x8000_0000)), 0),
        // fsgnj.s fa3, fa0, fa1: sNaN magnitude kept, no NV
        row(FsgnjS(FRR), [S_SNAN, S_MONE, 0], 0, F(s(0xff80_0001)), 0),
        // fsgnjn.s fa3, fa0, fa1
        row(FsgnjnS(FRR), [S_ONE, S_TWO, 0], 0, F(S_MONE), 0),
        // fsgnjx.s fa3, fa0, fa1
        row(FsgnjxS(FRR), [S_MONE, s(0xc000_0000), 0], 0, F(S_ONE), 0),
        // fmin.s fa3, fa0, fa1: min(+0, -0) = -0; min(sNaN, 1) = 1 (NV)
        row(FminS(FRR), [s(0), s(0x8000_0000), 0], 0, F(s(0x8000_0000)), 0),
        row(FminS(FRR), [S_SNAN, S_ONE, 0], 0, F(S_ONE), NV),
        // fmax.s fa3, fa0, fa1: max(-0, +0) = +0; max(qNaN, qNaN) = canonical NaN
        row(FmaxS(FRR), [s(0x8000_0000), s(0), 0], 0, F(s(0)), 0),
        row(FmaxS(FRR), [s(0xffc1_2345), s(0x7fc0_0001), 0], 0, F(S_QNAN), 0),
        // fcvt.w.s a0, fa0: 2.5 -> 2 (NX); NaN -> 2^31-1 (NV); -inf -> -2^31 (NV)
        row(FcvtWS(xf(RNE)), [s(0x4020_0000), 0, 0], 0, X(2), NX),
        row(FcvtWS(xf(RNE)), [S_QNAN, 0, 0], 0, X(0x7fff_ffff), NV),
        row(FcvtWS(xf(RNE)), [s(0xff80_0000), 0, 0], 0, X(0xffff_ffff_8000_0000), NV),
        // fcvt.wu.s a0, fa0: 2^32 - 256 sign-extended; -1 -> 0 (NV)
        row(FcvtWuS(xf(RNE)), [s(0x4f7f_ffff), 0, 0], 0, X(0xffff_ffff_ffff_ff00), 0),
        row(FcvtWuS(xf(RNE)), [S_MONE, 0, 0], 0, X(0), NV),
        // fcvt.l.s a0, fa0: -2^63 exact; 2^63 saturates (NV)
        row(FcvtLS(xf(RNE)), [s(0xdf00_0000), 0, 0], 0, X(1 << 63), 0),
        row(FcvtLS(xf(RNE)), [s(0x5f00_0000), 0, 0], 0, X(i64::MAX as u64), NV),
        // fcvt.lu.s a0, fa0: 2^64 saturates (NV); -0.5 -> -0 = 0 (NX only)
        row(FcvtLuS(xf(RNE)), [s(0x5f80_0000), 0, 0], 0, X(u64::MAX), NV),
        row(FcvtLuS(xf(RNE)), [s(0xbf00_0000), 0, 0], 0, X(0), NX),
        // fmv.x.w a0, fa0: sign-extended bits, sNaN kept
        row(FmvXW(XF), [S_MONE, 0, 0], 0, X(0xffff_ffff_bf80_0000), 0),
        row(FmvXW(XF), [S_SNAN, 0, 0], 0, X(0x7f80_0001), 0),
        // fclass.s a0, fa0
        row(FclassS(XF), [s(0x807f_ffff), 0, 0], 0, X(1 << 2), 0),
        row(FclassS(XF), [S_SNAN, 0, 0], 0, X(1 << 8), 0),
        // feq.s a0, fa0, fa1: quiet (qNaN: no NV), sNaN: NV
        row(FeqS(XFF), [s(0), s(0x8000_0000), 0], 0, X(1), 0),
        row(FeqS(XFF), [S_QNAN, S_QNAN, 0], 0, X(0), 0),
        row(FeqS(XFF), [S_SNAN, S_ONE, 0], 0, X(0), NV),
        // flt.s a0, fa0, fa1: signalling (qNaN: NV)
        row(FltS(XFF), [S_MONE, S_ONE, 0], 0, X(1), 0),
        row(FltS(XFF), [S_QNAN, S_ONE, 0], 0, X(0), NV),
        // fle.s a0, fa0, fa1
        row(FleS(XFF), [s(0x8000_0000), s(0), 0], 0, X(1), 0),
        row(FleS(XFF), [S_ONE, S_QNAN, 0], 0, X(0), NV),
        // fcvt.s.w fa3, a1: only a1[31:0]: 0x7fffffff -> 2^31 (NX)
        row(FcvtSW(fx(RNE)), [0; 3], 0x1234_5678_7fff_ffff, F(s(0x4f00_0000)), NX),
        // fcvt.s.wu fa3, a1: a1[31:0] = 2^31
        row(FcvtSWu(fx(RNE)), [0; 3], 0xffff_ffff_8000_0000, F(s(0x4f00_0000)), 0),
        // fcvt.s.l fa3, a1
        row(FcvtSL(fx(RNE)), [0; 3], u64::MAX, F(S_MONE), 0),
        // fcvt.s.lu fa3, a1: 2^64 - 1 -> 2^64 (NX)
        row(FcvtSLu(fx(RNE)), [0; 3], u64::MAX, F(s(0x5f80_0000)), NX),
        // fmv.w.x fa3, a1: low 32 bits, boxed
        row(FmvWX(FX), [0; 3], 0x1234_5678_7f80_0001, F(S_SNAN), 0),
    ]);
}

/// Every computational, conversion, move and compare instruction of D
/// (ch. 21).
#[test]
fn d_every_instruction_result_and_flags() {
    use Insn::*;
    use Out::{F, X};
    check(&[
        // fadd.d fa3, fa0, fa1: 1 + -1 = +0; inf + -inf (NV)
        row(FaddD(frr(RNE)), [D_ONE, D_MONE, 0], 0, F(0), 0),
        row(FaddD(frr(RNE)), [D_INF, 0xfff0_0000_0000_0000, 0], 0, F(D_QNAN), NV),
        // fadd.d with rdn: 1 + -1 = -0 (IEEE 754-2019 6.3)
        row(FaddD(frr(RDN)), [D_ONE, D_MONE, 0], 0, F(1 << 63), 0),
        // fsub.d fa3, fa0, fa1
        row(FsubD(frr(RNE)), [0x4004_0000_0000_0000, D_ONE, 0], 0, F(0x3ff8_0000_0000_0000), 0),
        // fmul.d fa3, fa0, fa1: 0.1 * 0.1 (NX); max * 2 (OF NX)
        row(FmulD(frr(RNE)), [D_TENTH, D_TENTH, 0], 0, F(0x3f84_7ae1_47ae_147c), NX),
        row(FmulD(frr(RNE)), [0x7fef_ffff_ffff_ffff, D_TWO, 0], 0, F(D_INF), OF | NX),
        // fdiv.d fa3, fa0, fa1: 1 / 3; 0 / 0 (NV, not DZ); 2^-1022 / 3 (UF NX)
        row(FdivD(frr(RNE)), [D_ONE, D_THREE, 0], 0, F(0x3fd5_5555_5555_5555), NX),
        row(FdivD(frr(RNE)), [0, 0, 0], 0, F(D_QNAN), NV),
        row(FdivD(frr(RNE)), [0x0010_0000_0000_0000, D_THREE, 0], 0, F(0x0005_5555_5555_5555), UF | NX),
        // fsqrt.d fa3, fa0: sqrt 9 = 3; sqrt -0 = -0
        row(FsqrtD(fr(RNE)), [0x4022_0000_0000_0000, 0, 0], 0, F(D_THREE), 0),
        row(FsqrtD(fr(RNE)), [1 << 63, 0, 0], 0, F(1 << 63), 0),
        // fmadd.d fa3, fa0, fa1, fa2: (1 + 2^-27)^2 - 1 = 2^-26 + 2^-54, one rounding
        row(FmaddD(r4(RNE)), [0x3ff0_0000_0200_0000, 0x3ff0_0000_0200_0000, D_MONE], 0, F(0x3e50_0000_0100_0000), 0),
        // fmsub.d fa3, fa0, fa1, fa2: 1.5 * 2.5 - 0.1 (NX)
        row(FmsubD(r4(RNE)), [0x3ff8_0000_0000_0000, 0x4004_0000_0000_0000, D_TENTH], 0, F(0x400d_3333_3333_3333), NX),
        // fnmsub.d fa3, fa0, fa1, fa2: -(inf * 1) + inf (NV)
        row(FnmsubD(r4(RNE)), [D_INF, D_ONE, D_INF], 0, F(D_QNAN), NV),
        // fnmadd.d fa3, fa0, fa1, fa2: -(1 * 2) - 3 = -5
        row(FnmaddD(r4(RNE)), [D_ONE, D_TWO, D_THREE], 0, F(0xc014_0000_0000_0000), 0),
        // fsgnj.d / fsgnjn.d / fsgnjx.d fa3, fa0, fa1
        row(FsgnjD(FRR), [D_SNAN, D_MONE, 0], 0, F(0xfff0_0000_0000_0001), 0),
        row(FsgnjnD(FRR), [D_ONE, D_ONE, 0], 0, F(D_MONE), 0),
        row(FsgnjxD(FRR), [D_MONE, D_MONE, 0], 0, F(D_ONE), 0),
        // fmin.d / fmax.d fa3, fa0, fa1
        row(FminD(FRR), [D_QNAN, D_ONE, 0], 0, F(D_ONE), 0),
        row(FmaxD(FRR), [D_SNAN, D_QNAN, 0], 0, F(D_QNAN), NV),
        // fcvt.s.d fa3, fa0: 0.1 (NX); 1e300 (OF NX); NaN payload -> canonical
        row(FcvtSD(fr(RNE)), [D_TENTH, 0, 0], 0, F(s(0x3dcc_cccd)), NX),
        row(FcvtSD(fr(RNE)), [0x7e37_e43c_8800_759c, 0, 0], 0, F(S_INF), OF | NX),
        row(FcvtSD(fr(RNE)), [0xfff8_0000_1234_5678, 0, 0], 0, F(S_QNAN), 0),
        // fcvt.d.s fa3, fa0: exact; sNaN -> canonical (NV)
        row(FcvtDS(fr(RNE)), [S_TENTH, 0, 0], 0, F(0x3fb9_9999_a000_0000), 0),
        row(FcvtDS(fr(RNE)), [S_SNAN, 0, 0], 0, F(D_QNAN), NV),
        // feq.d / flt.d / fle.d a0, fa0, fa1
        row(FeqD(XFF), [D_ONE, D_SNAN, 0], 0, X(0), NV),
        row(FltD(XFF), [D_MONE, D_ONE, 0], 0, X(1), 0),
        row(FleD(XFF), [1 << 63, 0, 0], 0, X(1), 0),
        // fclass.d a0, fa0
        row(FclassD(XF), [0xfff0_0000_0000_0000, 0, 0], 0, X(1 << 0), 0),
        row(FclassD(XF), [1, 0, 0], 0, X(1 << 5), 0),
        row(FclassD(XF), [0xfff8_0000_0000_0000, 0, 0], 0, X(1 << 9), 0),
        // fcvt.w.d a0, fa0: 2^31 - 0.5 rounds (rne) to 2^31: out of range (NV)
        row(FcvtWD(xf(RNE)), [0x41df_ffff_ffe0_0000, 0, 0], 0, X(0x7fff_ffff), NV),
        row(FcvtWD(xf(RTZ)), [0x41df_ffff_ffe0_0000, 0, 0], 0, X(0x7fff_ffff), NX),
        // fcvt.wu.d a0, fa0: 2^32 - 1 sign-extended
        row(FcvtWuD(xf(RNE)), [0x41ef_ffff_ffe0_0000, 0, 0], 0, X(u64::MAX), 0),
        // fcvt.l.d a0, fa0: 2^63 (NV); -inf (NV)
        row(FcvtLD(xf(RNE)), [0x43e0_0000_0000_0000, 0, 0], 0, X(i64::MAX as u64), NV),
        row(FcvtLD(xf(RNE)), [0xfff0_0000_0000_0000, 0, 0], 0, X(1 << 63), NV),
        // fcvt.lu.d a0, fa0: NaN -> 2^64 - 1 (NV)
        row(FcvtLuD(xf(RNE)), [D_QNAN, 0, 0], 0, X(u64::MAX), NV),
        // fcvt.d.w fa3, a1 / fcvt.d.wu / fcvt.d.l / fcvt.d.lu
        row(FcvtDW(fx(RNE)), [0; 3], 0x0000_0000_8000_0000, F(0xc1e0_0000_0000_0000), 0),
        row(FcvtDWu(fx(RNE)), [0; 3], u64::MAX, F(0x41ef_ffff_ffe0_0000), 0),
        row(FcvtDL(fx(RNE)), [0; 3], (1 << 53) + 1, F(0x4340_0000_0000_0000), NX),
        row(FcvtDLu(fx(RNE)), [0; 3], u64::MAX, F(0x43f0_0000_0000_0000), NX),
        // fmv.x.d a0, fa0 / fmv.d.x fa3, a1: bits unchanged
        row(FmvXD(XF), [D_SNAN, 0, 0], 0, X(D_SNAN), 0),
        row(FmvDX(FX), [0; 3], 0x0123_4567_89ab_cdef, F(0x0123_4567_89ab_cdef), 0),
    ]);
}

/// flw/fsw/fld/fsd (20.5, 21.3): bits unchanged, flw boxes, fsw stores
/// the low 32 bits whatever the upper ones.
#[test]
fn loads_and_stores_move_bits_unchanged() {
    let mut h = hart();
    h.set_x(A1, DATA - 8);
    assert!(h.bus.ram().write::<u64>(DATA, 0x1234_5678_7f80_0001));
    // flw fa3, 8(a1)
    step(&mut h, Insn::Flw(I { rd: FA3, rs1: A1, imm: 8 }));
    assert_eq!(h.f[usize::from(FA3)], S_SNAN, "flw boxes, keeps the sNaN");
    assert_eq!((h.csr.fflags, h.csr.fs()), (0, 3), "flw: no flags, FS dirty");
    // fld fa3, 8(a1)
    h.pc = BASE;
    step(&mut h, Insn::Fld(I { rd: FA3, rs1: A1, imm: 8 }));
    assert_eq!(h.f[usize::from(FA3)], 0x1234_5678_7f80_0001, "fld");
    // fsw fa0, 16(a1) with fa0 not boxed: the low 32 bits
    h.pc = BASE;
    h.f[usize::from(FA0)] = 0x0000_0000_3f80_0000;
    assert!(h.bus.ram().write::<u64>(DATA + 8, u64::MAX));
    step(&mut h, Insn::Fsw(S { rs1: A1, rs2: FA0, imm: 16 }));
    assert_eq!(h.bus.ram().read::<u64>(DATA + 8), Some(0xffff_ffff_3f80_0000), "fsw writes 4 bytes");
    // fsd fa0, -8(a1)
    h.pc = BASE;
    h.f[usize::from(FA0)] = D_SNAN;
    step(&mut h, Insn::Fsd(S { rs1: A1, rs2: FA0, imm: -8 }));
    assert_eq!(h.bus.ram().read::<u64>(DATA - 16), Some(D_SNAN), "fsd");
    assert_eq!((h.instret, h.csr.fflags), (4, 0));
}

/// The five static modes and the dynamic mode on 1 + 2^-24 (a single-
/// precision halfway case with an even neighbour below) and on its
/// negation (20.2, "Rounding mode encoding").
#[test]
fn rounding_modes_static_and_dynamic() {
    let cases: [(u64, u64, [u32; 5]); 2] = [
        (S_ONE, s(0x3380_0000), [0x3f80_0000, 0x3f80_0000, 0x3f80_0000, 0x3f80_0001, 0x3f80_0001]),
        (S_MONE, s(0xb380_0000), [0xbf80_0000, 0xbf80_0000, 0xbf80_0001, 0xbf80_0000, 0xbf80_0001]),
    ];
    for (a, b, want) in cases {
        for (mode, &w) in [RNE, RTZ, RDN, RUP, RMM].iter().zip(want.iter()) {
            // fadd.s fa3, fa0, fa1, <mode>; then rm = dyn with frm = <mode>
            // (and a different static mode in frm must not matter)
            for (rm, frm) in [(*mode, 4 - *mode), (DYN, *mode)] {
                let mut h = hart();
                h.csr.frm = u64::from(frm);
                h.f[usize::from(FA0)] = a;
                h.f[usize::from(FA1)] = b;
                step(&mut h, Insn::FaddS(frr(rm)));
                let what = format!("fadd.s rm={rm} frm={frm} on {a:#x} + {b:#x}");
                assert_eq!(h.f[usize::from(FA3)], s(w), "{what}");
                assert_eq!(h.csr.fflags, NX, "{what}");
            }
        }
    }
    // fcvt.w.s a0, fa0, <mode> on -2.5
    for (mode, want) in [(RNE, -2i64), (RTZ, -2), (RDN, -3), (RUP, -2), (RMM, -3)] {
        let h = run(&row(Insn::FcvtWS(xf(mode)), [s(0xc020_0000), 0, 0], 0, Out::X(0), 0));
        assert_eq!((h.get_x(A0) as i64, h.csr.fflags), (want, NX), "fcvt.w.s rm={mode}");
    }
}

/// Reserved rounding modes raise illegal instruction with mtval = the
/// instruction bits and change nothing: rm = 5 or 6, and rm = dyn when
/// frm is 5, 6 or 7 (20.2; F 2.2 as ratified requires the trap).
#[test]
fn reserved_rounding_modes_are_illegal() {
    let cases: [(Insn, u64); 8] = [
        (Insn::FaddS(frr(5)), 0),
        (Insn::FaddS(frr(6)), 0),
        (Insn::FmaddD(r4(5)), 0),
        (Insn::FcvtWS(xf(6)), 0),
        (Insn::FcvtDW(fx(5)), 0),
        (Insn::FmulD(frr(DYN)), 5),
        (Insn::FsqrtS(fr(DYN)), 6),
        (Insn::FcvtSD(fr(DYN)), 7),
    ];
    for (insn, frm) in cases {
        let mut h = hart();
        h.csr.frm = frm;
        h.f[usize::from(FA0)] = S_SNAN;
        step(&mut h, insn);
        let what = format!("{insn:?} frm={frm}");
        assert_eq!(h.csr.mcause, Cause::IllegalInsn as u64, "{what}: mcause");
        assert_eq!(h.csr.mtval, u64::from(insn.encode().unwrap()), "{what}: mtval");
        assert_eq!((h.csr.mepc, h.pc, h.instret), (BASE, MTVEC, 0), "{what}: trap entry");
        assert_eq!((h.f[usize::from(FA3)], h.get_x(A0)), (MARK, MARK), "{what}: rd written");
        assert_eq!((h.csr.fflags, h.csr.fs()), (0, 1), "{what}: FP state changed");
    }
    // With frm = 7, a static mode and an instruction without rounding run.
    for insn in [Insn::FaddS(frr(RNE)), Insn::FsgnjS(FRR), Insn::FeqS(XFF), Insn::FclassS(XF)] {
        let mut h = hart();
        h.csr.frm = 7;
        step(&mut h, insn);
        assert_eq!((h.csr.mcause, h.instret), (0, 1), "{insn:?} with frm = 7");
    }
}

/// Every F/D instruction, and every fcsr/frm/fflags access, is illegal
/// while mstatus.FS = Off (privileged spec 3.1.6.6), with nothing written.
#[test]
fn fs_off_makes_every_fp_instruction_illegal() {
    use Insn::*;
    let i = I { rd: FA3, rs1: A1, imm: 0 };
    let st = S { rs1: A1, rs2: FA0, imm: 0 };
    let all = [
        Flw(i), Fsw(st), Fld(i), Fsd(st),
        FmaddS(r4(RNE)), FmsubS(r4(RNE)), FnmsubS(r4(RNE)), FnmaddS(r4(RNE)),
        FaddS(frr(RNE)), FsubS(frr(RNE)), FmulS(frr(RNE)), FdivS(frr(RNE)), FsqrtS(fr(RNE)),
        FsgnjS(FRR), FsgnjnS(FRR), FsgnjxS(FRR), FminS(FRR), FmaxS(FRR),
        FcvtWS(xf(RNE)), FcvtWuS(xf(RNE)), FcvtLS(xf(RNE)), FcvtLuS(xf(RNE)),
        FmvXW(XF), FclassS(XF), FeqS(XFF), FltS(XFF), FleS(XFF),
        FcvtSW(fx(RNE)), FcvtSWu(fx(RNE)), FcvtSL(fx(RNE)), FcvtSLu(fx(RNE)), FmvWX(FX),
        FmaddD(r4(RNE)), FmsubD(r4(RNE)), FnmsubD(r4(RNE)), FnmaddD(r4(RNE)),
        FaddD(frr(RNE)), FsubD(frr(RNE)), FmulD(frr(RNE)), FdivD(frr(RNE)), FsqrtD(fr(RNE)),
        FsgnjD(FRR), FsgnjnD(FRR), FsgnjxD(FRR), FminD(FRR), FmaxD(FRR),
        FcvtSD(fr(RNE)), FcvtDS(fr(RNE)), FeqD(XFF), FltD(XFF), FleD(XFF), FclassD(XF),
        FcvtWD(xf(RNE)), FcvtWuD(xf(RNE)), FcvtLD(xf(RNE)), FcvtLuD(xf(RNE)),
        FcvtDW(fx(RNE)), FcvtDWu(fx(RNE)), FcvtDL(fx(RNE)), FcvtDLu(fx(RNE)),
        FmvXD(XF), FmvDX(FX),
    ];
    let mut words: Vec<u32> = all.iter().map(|i| i.encode().unwrap()).collect();
    // frcsr a0 / fsflags a1 / csrrwi a0, frm, 1 / c.fld fa3, 0(a1) (0x2194)
    words.extend([0x0030_2573, 0x0015_9073, 0x0020_d573, 0x2194]);
    for w in words {
        let mut h = hart();
        set_fs(&mut h, 0);
        h.set_x(A1, DATA);
        step_raw(&mut h, w);
        let what = format!("{w:#010x} ({:?})", mimic_cpu::decode(w).insn);
        assert_eq!(h.csr.mcause, Cause::IllegalInsn as u64, "{what}: mcause");
        let bits = if w & 3 == 3 { w } else { w & 0xffff };
        assert_eq!(h.csr.mtval, u64::from(bits), "{what}: mtval");
        assert_eq!((h.pc, h.instret), (MTVEC, 0), "{what}: trap entry");
        assert_eq!((h.f[usize::from(FA3)], h.get_x(A0)), (MARK, MARK), "{what}: rd written");
        assert_eq!(h.csr.fs(), 0, "{what}: FS changed");
    }
}

/// A single-precision operation reads an improperly NaN-boxed register as
/// the canonical NaN (21.2); transfers ignore the upper bits.
#[test]
fn nan_boxing_of_single_inputs() {
    use Insn::*;
    use Out::{F, X};
    let unboxed_one = 0x0000_0000_3f80_0000;
    check(&[
        // fadd.s fa3, fa0, fa1: NaN, but quiet: no NV
        row(FaddS(frr(RNE)), [unboxed_one, S_ONE, 0], 0, F(S_QNAN), 0),
        row(FaddS(frr(RNE)), [S_ONE, 0xffff_fffe_3f80_0000, 0], 0, F(S_QNAN), 0),
        // fsgnj.s fa3, fa0, fa1: canonical NaN magnitude, fa1's sign
        row(FsgnjS(FRR), [unboxed_one, s(0xc000_0000), 0], 0, F(s(0xffc0_0000)), 0),
        // fsgnjn.s fa3, fa0, fa1: an unboxed fa1 has sign 0 (canonical NaN)
        row(FsgnjnS(FRR), [S_ONE, 0x0000_0000_bf80_0000, 0], 0, F(S_MONE), 0),
        // fmin.s fa3, fa0, fa1: the NaN loses
        row(FminS(FRR), [unboxed_one, S_TWO, 0], 0, F(S_TWO), 0),
        // fclass.s a0, fa0: quiet NaN
        row(FclassS(XF), [0x0000_0000_ff80_0000, 0, 0], 0, X(1 << 9), 0),
        // fcvt.d.s fa3, fa0: canonical double NaN, no NV
        row(FcvtDS(fr(RNE)), [0x0000_0000_7f80_0001, 0, 0], 0, F(D_QNAN), 0),
        // fmv.x.w a0, fa0: a transfer, the low 32 bits
        row(FmvXW(XF), [0x1234_5678_bf80_0000, 0, 0], 0, X(0xffff_ffff_bf80_0000), 0),
        // fadd.d fa3, fa0, fa1: a boxed single is a quiet double NaN
        row(FaddD(frr(RNE)), [S_ONE, D_ONE, 0], 0, F(D_QNAN), 0),
    ]);
}

/// fflags accrue (OR) across instructions until written (20.2).
#[test]
fn flags_accrue() {
    let mut h = hart();
    h.f[usize::from(FA0)] = S_ONE;
    h.f[usize::from(FA1)] = S_THREE;
    h.f[usize::from(FA2)] = s(0);
    // fdiv.s fa3, fa0, fa1 (NX); fdiv.s fa3, fa0, fa2 (DZ); fadd.s (none)
    for (rs2, want) in [(FA1, NX), (FA2, NX | DZ), (FA0, NX | DZ)] {
        let insn = if rs2 == FA0 { Insn::FaddS(frr(RNE)) } else { Insn::FdivS(Rm { rs2, ..frr(RNE) }) };
        h.pc = BASE;
        step(&mut h, insn);
        assert_eq!(h.csr.fflags, want, "{insn:?}");
    }
    // feq.s a0, fa3, fa3 with fa3 = sNaN: NV joins
    h.pc = BASE;
    h.f[usize::from(FA3)] = S_SNAN;
    step(&mut h, Insn::FeqS(R { rd: A0, rs1: FA3, rs2: FA3 }));
    assert_eq!(h.csr.fflags, NX | DZ | NV);
}
