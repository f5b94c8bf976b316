//! Lowering: every `Insn` has exactly one class, chosen in one `match`
//! with no wildcard arm (DESIGN.md §3): inline x86-64, or a call of
//! `helper_exec`, which runs the interpreter's `exec` for that one
//! instruction. An instruction is inline only together with its
//! JIT-versus-interpreter test (tests/jit_diff.rs covers every inline
//! class on random operands).

use cpu::isa::{Amo, Csr, Fence, Rm, Rs, B, I, J, N, R, R4, S, Sh, U};
use cpu::{Decoded, Insn};
use cpu::exec::fp::Fma;
use cpu::exec::hardfloat::Op;
use dynasmrt::{dynasm, DynamicLabel, DynasmApi, DynasmLabelApi};

use crate::emit::{fits_i32, load_imm, Emitter, Exit, Val};
use crate::regalloc::Form;
use crate::layout::reg::{RAX, RCX, RDX};
use crate::layout::{self, xreg, BUDGET, LINK};
use crate::{fpu, mem};

/// What the host CPU offers beyond baseline x86-64.
#[derive(Clone, Copy, Debug, Default)]
pub struct HostCaps {
    pub lzcnt: bool,
    pub bmi1: bool,
    pub popcnt: bool,
    /// FMA3 (inline fused multiply-add, `fpu::fma`).
    pub fma: bool,
    /// BMI2 (rorx for folded rotates, `rotate`).
    pub bmi2: bool,
}

impl HostCaps {
    pub fn detect() -> HostCaps {
        HostCaps {
            lzcnt: std::arch::is_x86_feature_detected!("lzcnt"),
            bmi1: std::arch::is_x86_feature_detected!("bmi1"),
            popcnt: std::arch::is_x86_feature_detected!("popcnt"),
            fma: std::arch::is_x86_feature_detected!("fma"),
            bmi2: std::arch::is_x86_feature_detected!("bmi2"),
        }
    }
}

/// Facts about the block being translated.
#[derive(Clone, Copy)]
pub struct BlockCtx {
    pub vpc: u64,
    /// Number of instructions in the block.
    pub n: usize,
    /// The TLB set of data accesses.
    pub dset: usize,
    /// mstatus.FS is on (F/D loads and stores are inlined).
    pub fs_on: bool,
    /// Jump-cache tag bits of the block's mode.
    pub mode_tag: i64,
    /// The block runs in U-mode (whose mappings change with every
    /// process: no links across pages).
    pub user: bool,
    pub caps: HostCaps,
}

/// Lowering state for one instruction.
pub struct Lower<'a> {
    pub e: &'a mut Emitter,
    pub b: &'a BlockCtx,
    /// Index of the instruction in the block.
    pub k: usize,
    pub pc: u64,
    pub next: u64,
    /// Address of this instruction's `Decoded` (for helpers).
    pub decoded: usize,
}

/// Whether translation continues after an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The instruction ended the block (its exits are emitted).
    End,
}

/// Whether an instruction ends its block when it is a helper: anything
/// that always changes the pc, privilege or translation state. (CSR
/// accesses do not: a write that changes interrupt enables, the data
/// privilege (MPRV/MPP) or anything else the run loop must see sets the
/// hart's `attention`, and `helper_exec` then leaves the block.)
fn ends_block(i: &Insn) -> bool {
    matches!(
        i,
        Insn::Ecall(_) | Insn::Ebreak(_) | Insn::Mret(_) | Insn::Sret(_) | Insn::Wfi(_) | Insn::SfenceVma(_) | Insn::FenceI(_) | Insn::Illegal
    )
}

/// Whether translation must stop after this instruction: jumps, backward
/// branches (a loop's back edge ends its block, so the loop's taken path
/// links straight back), or a helper that ends the block. A forward
/// conditional branch does not: its taken path is a side exit and the
/// block goes on with the fall-through, guest registers still cached.
pub fn is_terminator(i: &Insn) -> bool {
    ends_block(i)
        || match i {
            Insn::Jal(_) | Insn::Jalr(_) => true,
            Insn::Beq(b) | Insn::Bne(b) | Insn::Blt(b) | Insn::Bge(b) | Insn::Bltu(b) | Insn::Bgeu(b) => b.imm <= 0,
            _ => false,
        }
}

/// Lowers an instruction together with the next one `n` when the pair
/// is an idiom with a shorter host form; returns false otherwise. Neither
/// instruction of a fused pair can trap, so no guest pc lies between
/// them; the block's instruction count still includes both.
///
/// - `slli rd, rs, 32 ; srli rd, rd, 32` (zext.w without Zba, as in
///   every u32-to-u64 conversion of an RV64GC kernel): a 32-bit mov.
pub fn fuse(l: &mut Lower<'_>, d: &Decoded, n: &Decoded) -> bool {
    match (d.insn, n.insn) {
        (Insn::Slli(a), Insn::Srli(b)) if a.shamt == 32 && b.shamt == 32 && b.rs1 == a.rd && b.rd == a.rd && a.rd != 0 => {
            let s = l.e.read32(a.rs1, &[]);
            let dst = l.e.write(a.rd, &pins(&[s]));
            match s {
                Val::Reg(r) => dynasm!(l.e.ops ; mov Rd(dst), Rd(r)),
                Val::Zero => dynasm!(l.e.ops ; xor Rd(dst), Rd(dst)),
            }
            l.e.written(a.rd);
            true
        }
        _ => false,
    }
}

/// rd = rotr32(a, k), sign-extended (a Narrow result), or rotr64(a, k)
/// when `wide`: the `or` of a folded shift pair (see `rotate`).
pub fn rotate(l: &mut Lower<'_>, rd: u8, a: u8, k: u8, wide: bool) {
    let s = if wide { l.e.read(a, &[]) } else { l.e.read32(a, &[]) };
    let d = l.e.write(rd, &pins(&[s]));
    let n = k as i8;
    let o = &mut l.e.ops;
    match (s, wide) {
        (Val::Reg(s), false) if l.b.caps.bmi2 => dynasm!(o ; rorx Rd(d), Rd(s), n),
        (Val::Reg(s), false) => dynasm!(o ; mov Rd(d), Rd(s) ; ror Rd(d), n),
        (Val::Reg(s), true) if l.b.caps.bmi2 => dynasm!(o ; rorx Rq(d), Rq(s), n),
        (Val::Reg(s), true) => dynasm!(o ; mov Rq(d), Rq(s) ; ror Rq(d), n),
        (Val::Zero, _) => dynasm!(o ; xor Rd(d), Rd(d)),
    }
    l.e.written_as(rd, if wide { Form::Full } else { Form::Narrow });
}

/// Lowers one instruction.
pub fn lower(l: &mut Lower<'_>, d: &Decoded) -> Flow {
    use Alu::*;
    match d.insn {
        Insn::Lui(u) => lui(l, u),
        Insn::Auipc(u) => auipc(l, u),
        Insn::Jal(j) => jal(l, j),
        Insn::Jalr(i) => jalr(l, i),
        Insn::Beq(b) => branch(l, b, Cond::Eq),
        Insn::Bne(b) => branch(l, b, Cond::Ne),
        Insn::Blt(b) => branch(l, b, Cond::Lt),
        Insn::Bge(b) => branch(l, b, Cond::Ge),
        Insn::Bltu(b) => branch(l, b, Cond::Ltu),
        Insn::Bgeu(b) => branch(l, b, Cond::Geu),
        Insn::Lb(i) => mem::load(l, i, 1, true),
        Insn::Lh(i) => mem::load(l, i, 2, true),
        Insn::Lw(i) => mem::load(l, i, 4, true),
        Insn::Ld(i) => mem::load(l, i, 8, false),
        Insn::Lbu(i) => mem::load(l, i, 1, false),
        Insn::Lhu(i) => mem::load(l, i, 2, false),
        Insn::Lwu(i) => mem::load(l, i, 4, false),
        Insn::Sb(s) => mem::store(l, s, 1),
        Insn::Sh(s) => mem::store(l, s, 2),
        Insn::Sw(s) => mem::store(l, s, 4),
        Insn::Sd(s) => mem::store(l, s, 8),
        Insn::Addi(i) => addi(l, i, false),
        Insn::Slti(i) => set_imm(l, i, false),
        Insn::Sltiu(i) => set_imm(l, i, true),
        Insn::Xori(i) => imm_op(l, i, Xor),
        Insn::Ori(i) => imm_op(l, i, Or),
        Insn::Andi(i) => imm_op(l, i, And),
        Insn::Slli(s) => shift_imm(l, s, Shl, false),
        Insn::Srli(s) => shift_imm(l, s, Shr, false),
        Insn::Srai(s) => shift_imm(l, s, Sar, false),
        Insn::Add(r) => rr(l, r, Add, false),
        Insn::Sub(r) => rr(l, r, Sub, false),
        Insn::Sll(r) => shift_rr(l, r, Shl, false),
        Insn::Slt(r) => set_rr(l, r, false),
        Insn::Sltu(r) => set_rr(l, r, true),
        Insn::Xor(r) => rr(l, r, Xor, false),
        Insn::Srl(r) => shift_rr(l, r, Shr, false),
        Insn::Sra(r) => shift_rr(l, r, Sar, false),
        Insn::Or(r) => rr(l, r, Or, false),
        Insn::And(r) => rr(l, r, And, false),
        Insn::Addiw(i) => addi(l, i, true),
        Insn::Slliw(s) => shift_imm(l, s, Shl, true),
        Insn::Srliw(s) => shift_imm(l, s, Shr, true),
        Insn::Sraiw(s) => shift_imm(l, s, Sar, true),
        Insn::Addw(r) => rr(l, r, Add, true),
        Insn::Subw(r) => rr(l, r, Sub, true),
        Insn::Sllw(r) => shift_rr(l, r, Shl, true),
        Insn::Srlw(r) => shift_rr(l, r, Shr, true),
        Insn::Sraw(r) => shift_rr(l, r, Sar, true),
        Insn::Fence(f) if f.is_pause() => helper(l, d),
        Insn::Fence(f) => fence(l, f),
        Insn::Mul(r) => rr(l, r, Imul, false),
        Insn::Mulw(r) => rr(l, r, Imul, true),
        Insn::Mulh(r) => mul_high(l, r, true),
        Insn::Mulhu(r) => mul_high(l, r, false),
        Insn::AddUw(r) => shadd(l, r, 0, true),
        Insn::Sh1add(r) => shadd(l, r, 1, false),
        Insn::Sh2add(r) => shadd(l, r, 2, false),
        Insn::Sh3add(r) => shadd(l, r, 3, false),
        Insn::Sh1addUw(r) => shadd(l, r, 1, true),
        Insn::Sh2addUw(r) => shadd(l, r, 2, true),
        Insn::Sh3addUw(r) => shadd(l, r, 3, true),
        Insn::SlliUw(s) => slli_uw(l, s),
        Insn::Andn(r) => logic_not(l, r, And),
        Insn::Orn(r) => logic_not(l, r, Or),
        Insn::Xnor(r) => logic_not(l, r, Xor),
        Insn::Max(r) => minmax(l, r, Cond::Lt),
        Insn::Maxu(r) => minmax(l, r, Cond::Ltu),
        Insn::Min(r) => minmax(l, r, Cond::Ge),
        Insn::Minu(r) => minmax(l, r, Cond::Geu),
        Insn::SextB(r) => extend(l, r, Ext::SextB),
        Insn::SextH(r) => extend(l, r, Ext::SextH),
        Insn::ZextH(r) => extend(l, r, Ext::ZextH),
        Insn::Rev8(r) => extend(l, r, Ext::Bswap),
        Insn::Rol(r) => shift_rr(l, r, Rol, false),
        Insn::Ror(r) => shift_rr(l, r, Ror, false),
        Insn::Rolw(r) => shift_rr(l, r, Rol, true),
        Insn::Rorw(r) => shift_rr(l, r, Ror, true),
        Insn::Rori(s) => shift_imm(l, s, Ror, false),
        Insn::Roriw(s) => shift_imm(l, s, Ror, true),
        Insn::Clz(r) if l.b.caps.lzcnt => count(l, r, Count::Lz, false),
        Insn::Ctz(r) if l.b.caps.bmi1 => count(l, r, Count::Tz, false),
        Insn::Cpop(r) if l.b.caps.popcnt => count(l, r, Count::Pop, false),
        Insn::Clzw(r) if l.b.caps.lzcnt => count(l, r, Count::Lz, true),
        Insn::Ctzw(r) if l.b.caps.bmi1 => count(l, r, Count::Tz, true),
        Insn::Cpopw(r) if l.b.caps.popcnt => count(l, r, Count::Pop, true),
        Insn::Bset(r) => bit_rr(l, r, Bit::Set),
        Insn::Bclr(r) => bit_rr(l, r, Bit::Clr),
        Insn::Binv(r) => bit_rr(l, r, Bit::Inv),
        Insn::Bext(r) => bit_rr(l, r, Bit::Ext),
        Insn::Bseti(s) => bit_imm(l, s, Bit::Set),
        Insn::Bclri(s) => bit_imm(l, s, Bit::Clr),
        Insn::Binvi(s) => bit_imm(l, s, Bit::Inv),
        Insn::Bexti(s) => bit_imm(l, s, Bit::Ext),
        Insn::CzeroEqz(r) => czero(l, r, true),
        Insn::CzeroNez(r) => czero(l, r, false),
        // ---- through the interpreter's semantics ----
        Insn::Clz(_) | Insn::Ctz(_) | Insn::Cpop(_) | Insn::Clzw(_) | Insn::Ctzw(_) | Insn::Cpopw(_) => helper(l, d),
        Insn::OrcB(R { .. }) | Insn::Clmul(_) | Insn::Clmulh(_) | Insn::Clmulr(_) | Insn::Mulhsu(_) => helper(l, d),
        Insn::Div(_) | Insn::Divu(_) | Insn::Rem(_) | Insn::Remu(_) => helper(l, d),
        Insn::Divw(_) | Insn::Divuw(_) | Insn::Remw(_) | Insn::Remuw(_) => helper(l, d),
        Insn::FenceI(N) | Insn::Ecall(N) | Insn::Ebreak(N) | Insn::Sret(N) | Insn::Mret(N) | Insn::Wfi(N) => helper(l, d),
        Insn::SfenceVma(Rs { .. }) => helper(l, d),
        Insn::CboInval(_) | Insn::CboClean(_) | Insn::CboFlush(_) | Insn::CboZero(_) => helper(l, d),
        Insn::Csrrs(c) if c.csr == cpu::csr::bits::FFLAGS && c.rs1 == 0 && l.b.fs_on => read_fflags(l, c),
        Insn::Csrrw(c) if c.csr == cpu::csr::bits::FFLAGS && l.b.fs_on => write_fflags(l, c),
        Insn::Csrrw(Csr { .. }) | Insn::Csrrs(_) | Insn::Csrrc(_) | Insn::Csrrwi(_) | Insn::Csrrsi(_) | Insn::Csrrci(_) => helper(l, d),
        Insn::LrW(Amo { .. }) | Insn::ScW(_) | Insn::LrD(_) | Insn::ScD(_) => helper(l, d),
        Insn::AmoswapW(_) | Insn::AmoaddW(_) | Insn::AmoxorW(_) | Insn::AmoandW(_) | Insn::AmoorW(_) => helper(l, d),
        Insn::AmominW(_) | Insn::AmomaxW(_) | Insn::AmominuW(_) | Insn::AmomaxuW(_) => helper(l, d),
        Insn::AmoswapD(_) | Insn::AmoaddD(_) | Insn::AmoxorD(_) | Insn::AmoandD(_) | Insn::AmoorD(_) => helper(l, d),
        Insn::AmominD(_) | Insn::AmomaxD(_) | Insn::AmominuD(_) | Insn::AmomaxuD(_) => helper(l, d),
        Insn::Flw(I { .. }) | Insn::Fsw(S { .. }) | Insn::Fld(_) | Insn::Fsd(_) if !l.b.fs_on => helper(l, d),
        Insn::Flw(i) => crate::mem::fload(l, i, 4),
        Insn::Fld(i) => crate::mem::fload(l, i, 8),
        Insn::Fsw(s) => crate::mem::fstore(l, s, 4),
        Insn::Fsd(s) => crate::mem::fstore(l, s, 8),
        Insn::FmaddS(i) if inline_fma(l, i.rm) => fpu::fma(l, i, Fma::Madd, false),
        Insn::FmsubS(i) if inline_fma(l, i.rm) => fpu::fma(l, i, Fma::Msub, false),
        Insn::FnmsubS(i) if inline_fma(l, i.rm) => fpu::fma(l, i, Fma::Nmsub, false),
        Insn::FnmaddS(i) if inline_fma(l, i.rm) => fpu::fma(l, i, Fma::Nmadd, false),
        Insn::FmaddD(i) if inline_fma(l, i.rm) => fpu::fma(l, i, Fma::Madd, true),
        Insn::FmsubD(i) if inline_fma(l, i.rm) => fpu::fma(l, i, Fma::Msub, true),
        Insn::FnmsubD(i) if inline_fma(l, i.rm) => fpu::fma(l, i, Fma::Nmsub, true),
        Insn::FnmaddD(i) if inline_fma(l, i.rm) => fpu::fma(l, i, Fma::Nmadd, true),
        Insn::FmaddS(R4 { .. }) | Insn::FmsubS(_) | Insn::FnmsubS(_) | Insn::FnmaddS(_) => fp_pure(l, d),
        Insn::FmaddD(_) | Insn::FmsubD(_) | Insn::FnmsubD(_) | Insn::FnmaddD(_) => fp_pure(l, d),
        Insn::FaddS(i) if l.b.fs_on && fpu::inlinable(i.rm) => fpu::arith(l, i, Op::Add, false),
        Insn::FsubS(i) if l.b.fs_on && fpu::inlinable(i.rm) => fpu::arith(l, i, Op::Sub, false),
        Insn::FmulS(i) if l.b.fs_on && fpu::inlinable(i.rm) => fpu::arith(l, i, Op::Mul, false),
        Insn::FdivS(i) if l.b.fs_on && fpu::inlinable(i.rm) => fpu::arith(l, i, Op::Div, false),
        Insn::FsqrtS(i) if l.b.fs_on && fpu::inlinable(i.rm) => fpu::sqrt(l, i, false),
        Insn::FaddS(Rm { .. }) | Insn::FsubS(_) | Insn::FmulS(_) | Insn::FdivS(_) | Insn::FsqrtS(_) => fp_pure(l, d),
        Insn::FaddD(i) if l.b.fs_on && fpu::inlinable(i.rm) => fpu::arith(l, i, Op::Add, true),
        Insn::FsubD(i) if l.b.fs_on && fpu::inlinable(i.rm) => fpu::arith(l, i, Op::Sub, true),
        Insn::FmulD(i) if l.b.fs_on && fpu::inlinable(i.rm) => fpu::arith(l, i, Op::Mul, true),
        Insn::FdivD(i) if l.b.fs_on && fpu::inlinable(i.rm) => fpu::arith(l, i, Op::Div, true),
        Insn::FsqrtD(i) if l.b.fs_on && fpu::inlinable(i.rm) => fpu::sqrt(l, i, true),
        Insn::FaddD(_) | Insn::FsubD(_) | Insn::FmulD(_) | Insn::FdivD(_) | Insn::FsqrtD(_) => fp_pure(l, d),
        Insn::FsgnjS(_) | Insn::FsgnjnS(_) | Insn::FsgnjxS(_) | Insn::FminS(_) | Insn::FmaxS(_) => fp_pure(l, d),
        Insn::FsgnjD(_) | Insn::FsgnjnD(_) | Insn::FsgnjxD(_) | Insn::FminD(_) | Insn::FmaxD(_) => fp_pure(l, d),
        Insn::FcvtWS(_) | Insn::FcvtWuS(_) | Insn::FcvtLS(_) | Insn::FcvtLuS(_) => helper(l, d),
        Insn::FcvtSW(_) | Insn::FcvtSWu(_) | Insn::FcvtSL(_) | Insn::FcvtSLu(_) => helper(l, d),
        Insn::FcvtWD(_) | Insn::FcvtWuD(_) | Insn::FcvtLD(_) | Insn::FcvtLuD(_) => helper(l, d),
        Insn::FcvtDW(_) | Insn::FcvtDWu(_) | Insn::FcvtDL(_) | Insn::FcvtDLu(_) => helper(l, d),
        Insn::FcvtSD(_) | Insn::FcvtDS(_) => fp_pure(l, d),
        Insn::FmvXW(_) | Insn::FmvWX(_) | Insn::FmvXD(_) | Insn::FmvDX(_) => helper(l, d),
        Insn::FclassS(_) | Insn::FclassD(_) => helper(l, d),
        Insn::FeqD(r) if l.b.fs_on => fcompare(l, r, FCmp::Eq),
        Insn::FltD(r) if l.b.fs_on => fcompare(l, r, FCmp::Lt),
        Insn::FleD(r) if l.b.fs_on => fcompare(l, r, FCmp::Le),
        Insn::FeqS(_) | Insn::FltS(_) | Insn::FleS(_) | Insn::FeqD(_) | Insn::FltD(_) | Insn::FleD(_) => helper(l, d),
        Insn::Illegal => helper(l, d),
    }
}

// ---------------------------------------------------------------- helpers

/// Calls `helper_exec` for this instruction. The block's state is
/// written back first; afterwards every cached register is forgotten
/// (the helper may have changed any of them).
/// A pure F/D instruction (only f registers, fflags and mstatus.FS
/// change): dirty x registers are written back and the caller-saved ones
/// reloaded around a call of `helper_fp`, with no pc store or budget
/// traffic. If it could trap now, the cold path runs it through
/// `helper_exec` like any other helper (which takes the trap).
fn fp_pure(l: &mut Lower<'_>, d: &Decoded) -> Flow {
    // Not a pure F/D instruction: the generic path (cannot happen: the
    // lowering match sends only pure ones here).
    let Some(rm) = cpu::exec::fp::pure_rm(&d.insn) else { return helper(l, d) };
    l.e.flush();
    let snap = l.e.snapshot();
    let dec = l.decoded as i64;
    let rm = rm.map_or(8, i32::from);
    dynasm!(l.e.ops ; mov rsi, QWORD dec ; mov edx, rm);
    l.e.call(crate::runtime::helper_fp as *const () as usize);
    snap.reload(&mut l.e.ops, None);
    let generic = l.e.label();
    dynasm!(l.e.ops ; test eax, eax ; jnz =>generic);
    let (pc, give_back) = (l.pc, (l.b.n - l.k) as i64);
    l.e.cold(move |e| {
        e.bind(generic);
        exec_and_leave(e, pc, dec, give_back);
    });
    Flow::Continue
}

/// Runs the instruction at `pc` (decoded at `dec`) through `helper_exec`,
/// which takes any trap, and leaves the block; the budget of it and the
/// instructions after it (`give_back`) is returned first.
fn exec_and_leave(e: &mut Emitter, pc: u64, dec: i64, give_back: i64) {
    e.set_pc(pc);
    e.budget_add(give_back);
    dynasm!(e.ops ; mov rsi, QWORD dec);
    e.call(crate::runtime::helper_exec as *const () as usize);
    e.exit(Exit::Next);
}

/// Whether a fused multiply-add is inlined: FS on, RNE or dyn, host FMA3.
fn inline_fma(l: &Lower<'_>, rm: u8) -> bool {
    l.b.fs_on && l.b.caps.fma && fpu::inlinable(rm)
}

/// The cold path of an inline F/D instruction (`fpu`): its helper path
/// from the allocator state at this point (`helper_fp`; if the
/// instruction would trap, `helper_exec`, which takes the trap), then
/// back to `resume` or out of the block.
pub fn fp_cold(l: &Lower<'_>, cold: DynamicLabel, resume: DynamicLabel, rm: u8) -> impl FnOnce(&mut Emitter) + 'static {
    let snap = l.e.snapshot();
    let (pc, dec, give_back) = (l.pc, l.decoded as i64, (l.b.n - l.k) as i64);
    move |e: &mut Emitter| {
        e.bind(cold);
        snap.write_back(&mut e.ops);
        dynasm!(e.ops ; mov rsi, QWORD dec ; mov edx, i32::from(rm));
        e.call(crate::runtime::helper_fp as *const () as usize);
        snap.reload(&mut e.ops, None);
        let generic = e.label();
        dynasm!(e.ops ; test eax, eax ; jnz =>generic ; jmp =>resume);
        e.bind(generic);
        exec_and_leave(e, pc, dec, give_back);
    }
}

fn helper(l: &mut Lower<'_>, d: &Decoded) -> Flow {
    let end = ends_block(&d.insn);
    l.e.flush();
    l.e.ra.forget_all();
    l.e.set_pc(l.pc);
    let give_back = (l.b.n - l.k) as i64;
    l.e.budget_add(give_back);
    let dec = l.decoded as i64;
    dynasm!(l.e.ops ; mov rsi, QWORD dec);
    l.e.call(crate::runtime::helper_exec as *const () as usize);
    if end {
        l.e.exit(Exit::Next);
        return Flow::End;
    }
    let out = l.e.label();
    dynasm!(l.e.ops ; test eax, eax ; jnz =>out);
    l.e.budget_add(-(give_back - 1));
    l.e.cold(move |e| {
        e.bind(out);
        e.exit(Exit::Next);
    });
    Flow::Continue
}

// ---------------------------------------------------------- fflags, compares

/// frflags (csrrs rd, fflags, x0) in a block with mstatus.FS on: a read
/// with no side effect (unprivileged spec 20.2, "Floating-Point Control
/// and Status Register"; FS on makes it legal).
fn read_fflags(l: &mut Lower<'_>, c: Csr) -> Flow {
    if c.rd != 0 {
        let d = l.e.write(c.rd, &[]);
        dynasm!(l.e.ops ; mov Rq(d), QWORD [rbx + layout::FFLAGS]);
        l.e.written(c.rd);
    }
    Flow::Continue
}

/// fsflags (csrrw rd, fflags, rs1) with FS on: rd = old flags, flags =
/// rs1[4:0], and FS becomes Dirty as for any fflags write (3.1.6.6).
fn write_fflags(l: &mut Lower<'_>, c: Csr) -> Flow {
    let src = l.e.read(c.rs1, &[]);
    match src {
        Val::Reg(r) => dynasm!(l.e.ops ; mov edx, Rd(r) ; and edx, 0x1f),
        Val::Zero => dynasm!(l.e.ops ; xor edx, edx),
    }
    dynasm!(l.e.ops
        ; mov rax, QWORD [rbx + layout::FFLAGS]
        ; mov QWORD [rbx + layout::FFLAGS], rdx
        ; or QWORD [rbx + layout::MSTATUS], cpu::csr::bits::MSTATUS_FS as i32
    );
    if c.rd != 0 {
        let d = l.e.write(c.rd, &pins(&[src]));
        dynasm!(l.e.ops ; mov Rq(d), rax);
        l.e.written(c.rd);
    }
    Flow::Continue
}

/// Which double compare.
#[derive(Clone, Copy)]
enum FCmp {
    Eq,
    Lt,
    Le,
}

/// feq.d / flt.d / fle.d with FS on:
/// ordered operands compare on the host with no flag to raise; a NaN
/// operand (feq's quiet NaNs, flt's and fle's NV) goes to `helper_exec`,
/// which writes rd and fflags, and the block goes on (20.8 "Double-
/// Precision Floating-Point Compare Instructions").
fn fcompare(l: &mut Lower<'_>, r: R, c: FCmp) -> Flow {
    let d = if r.rd == 0 { RAX } else { l.e.write(r.rd, &[]) };
    let (cold, resume) = (l.e.label(), l.e.label());
    let snap = l.e.snapshot();
    let (a, b) = (layout::freg(r.rs1), layout::freg(r.rs2));
    // ucomisd a, b: unordered PF=ZF=CF=1; a < b CF=1; a == b ZF=1.
    dynasm!(l.e.ops
        ; movq xmm0, QWORD [rbx + a]
        ; ucomisd xmm0, QWORD [rbx + b]
        ; jp =>cold
    );
    let o = &mut l.e.ops;
    match c {
        FCmp::Eq => dynasm!(o ; sete al),
        FCmp::Lt => dynasm!(o ; setb al),
        FCmp::Le => dynasm!(o ; setbe al),
    }
    dynasm!(l.e.ops ; movzx Rd(d), al ; =>resume);
    l.e.written(r.rd);
    let x = crate::mem::ExecSlow { snap, pc: l.pc, dec: l.decoded as i64, give_back: (l.b.n - l.k) as i64, rd: Some((r.rd, d)) };
    l.e.cold(move |e| crate::mem::exec_slow(e, cold, resume, x, 0));
    Flow::Continue
}

// ---------------------------------------------------------------- ALU

/// Two-operand x86 operations used by the lowering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alu {
    Add,
    Sub,
    And,
    Or,
    Xor,
    Imul,
    Shl,
    Shr,
    Sar,
    Rol,
    Ror,
}

impl Alu {
    fn commutative(self) -> bool {
        matches!(self, Alu::Add | Alu::And | Alu::Or | Alu::Xor | Alu::Imul)
    }
}

/// `op dst, src` on 64 or 32 bits (`w`); shifts take src from cl.
fn op_rr(l: &mut Lower<'_>, op: Alu, dst: u8, src: u8, w: bool) {
    let o = &mut l.e.ops;
    match (op, w) {
        (Alu::Add, false) => dynasm!(o ; add Rq(dst), Rq(src)),
        (Alu::Add, true) => dynasm!(o ; add Rd(dst), Rd(src)),
        (Alu::Sub, false) => dynasm!(o ; sub Rq(dst), Rq(src)),
        (Alu::Sub, true) => dynasm!(o ; sub Rd(dst), Rd(src)),
        (Alu::And, _) => dynasm!(o ; and Rq(dst), Rq(src)),
        (Alu::Or, _) => dynasm!(o ; or Rq(dst), Rq(src)),
        (Alu::Xor, _) => dynasm!(o ; xor Rq(dst), Rq(src)),
        (Alu::Imul, false) => dynasm!(o ; imul Rq(dst), Rq(src)),
        (Alu::Imul, true) => dynasm!(o ; imul Rd(dst), Rd(src)),
        (Alu::Shl, false) => dynasm!(o ; shl Rq(dst), cl),
        (Alu::Shl, true) => dynasm!(o ; shl Rd(dst), cl),
        (Alu::Shr, false) => dynasm!(o ; shr Rq(dst), cl),
        (Alu::Shr, true) => dynasm!(o ; shr Rd(dst), cl),
        (Alu::Sar, false) => dynasm!(o ; sar Rq(dst), cl),
        (Alu::Sar, true) => dynasm!(o ; sar Rd(dst), cl),
        (Alu::Rol, false) => dynasm!(o ; rol Rq(dst), cl),
        (Alu::Rol, true) => dynasm!(o ; rol Rd(dst), cl),
        (Alu::Ror, false) => dynasm!(o ; ror Rq(dst), cl),
        (Alu::Ror, true) => dynasm!(o ; ror Rd(dst), cl),
    }
}

/// `op dst, imm` (shifts and rotates by an immediate count).
fn op_ri(l: &mut Lower<'_>, op: Alu, dst: u8, imm: i32, w: bool) {
    let o = &mut l.e.ops;
    let c = imm as i8;
    match (op, w) {
        (Alu::Add, _) => dynasm!(o ; add Rq(dst), imm),
        (Alu::Sub, _) => dynasm!(o ; sub Rq(dst), imm),
        (Alu::And, _) => dynasm!(o ; and Rq(dst), imm),
        (Alu::Or, _) => dynasm!(o ; or Rq(dst), imm),
        (Alu::Xor, _) => dynasm!(o ; xor Rq(dst), imm),
        (Alu::Imul, _) => dynasm!(o ; imul Rq(dst), Rq(dst), imm),
        (Alu::Shl, false) => dynasm!(o ; shl Rq(dst), c),
        (Alu::Shl, true) => dynasm!(o ; shl Rd(dst), c),
        (Alu::Shr, false) => dynasm!(o ; shr Rq(dst), c),
        (Alu::Shr, true) => dynasm!(o ; shr Rd(dst), c),
        (Alu::Sar, false) => dynasm!(o ; sar Rq(dst), c),
        (Alu::Sar, true) => dynasm!(o ; sar Rd(dst), c),
        (Alu::Rol, false) => dynasm!(o ; rol Rq(dst), c),
        (Alu::Rol, true) => dynasm!(o ; rol Rd(dst), c),
        (Alu::Ror, false) => dynasm!(o ; ror Rq(dst), c),
        (Alu::Ror, true) => dynasm!(o ; ror Rd(dst), c),
    }
}

/// `mov dst, v` (64-bit; zero for x0).
fn mov_val(l: &mut Lower<'_>, dst: u8, v: Val) {
    match v {
        Val::Reg(s) if s == dst => {}
        Val::Reg(s) => dynasm!(l.e.ops ; mov Rq(dst), Rq(s)),
        Val::Zero => dynasm!(l.e.ops ; xor Rd(dst), Rd(dst)),
    }
}

/// The host registers of up to four operands, not to be evicted while an
/// instruction allocates its others (no heap: translation calls this for
/// nearly every instruction).
pub struct Pins {
    regs: [u8; 4],
    n: usize,
}

impl std::ops::Deref for Pins {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.regs[..self.n]
    }
}

pub fn pins(vals: &[Val]) -> Pins {
    let mut p = Pins { regs: [0; 4], n: 0 };
    for v in vals {
        if let (Val::Reg(r), true) = (v, p.n < 4) {
            p.regs[p.n] = *r;
            p.n += 1;
        }
    }
    p
}

/// rd = rs1 op rs2 (register-register ALU, optionally a W form).
fn rr(l: &mut Lower<'_>, r: R, op: Alu, w: bool) -> Flow {
    if r.rd == 0 {
        return Flow::Continue;
    }
    if matches!(op, Alu::Add | Alu::Or | Alu::Xor) && (r.rs1 == 0 || r.rs2 == 0) {
        // x op 0 = x: a move (c.mv is add rd, x0, rs2), or sext.w for addw.
        return copy(l, r.rd, if r.rs1 == 0 { r.rs2 } else { r.rs1 }, w);
    }
    // W forms read low words and leave one; and/or/xor of sign-extended
    // words are the sign extension of the words' and/or/xor.
    let bitwise = matches!(op, Alu::And | Alu::Or | Alu::Xor);
    let out = match (w, bitwise) {
        (true, _) => Some(Form::Narrow),
        (false, true) => Form::bitwise(l.e.form(r.rs1), l.e.form(r.rs2)),
        (false, false) => None,
    };
    if r.rs2 != r.rs1 && l.e.from_memory(r.rs2) {
        return rr_mem(l, r, op, w, out);
    }
    let (a, b) = match out {
        Some(_) => {
            let a = l.e.read32(r.rs1, &[]);
            (a, l.e.read32(r.rs2, &pins(&[a])))
        }
        None => {
            let a = l.e.read(r.rs1, &[]);
            (a, l.e.read(r.rs2, &pins(&[a])))
        }
    };
    let d = l.e.write(r.rd, &pins(&[a, b]));
    let b_reg = match b {
        Val::Reg(x) => x,
        Val::Zero => {
            dynasm!(l.e.ops ; xor edx, edx);
            RDX
        }
    };
    if Val::Reg(d) == a {
        op_rr(l, op, d, b_reg, w);
    } else if Val::Reg(d) == b && op.commutative() {
        let a_reg = match a {
            Val::Reg(x) => x,
            Val::Zero => {
                dynasm!(l.e.ops ; xor eax, eax);
                RAX
            }
        };
        op_rr(l, op, d, a_reg, w);
    } else if Val::Reg(d) == b && op == Alu::Sub {
        // d = a - d: negate, then add a.
        match w {
            false => dynasm!(l.e.ops ; neg Rq(d)),
            true => dynasm!(l.e.ops ; neg Rd(d)),
        }
        if let Val::Reg(x) = a {
            op_rr(l, Alu::Add, d, x, w);
        }
    } else if Val::Reg(d) == b {
        dynasm!(l.e.ops ; mov rdx, Rq(b_reg));
        mov_val(l, d, a);
        op_rr(l, op, d, RDX, w);
    } else if let (Val::Reg(x), Alu::Add) = (a, op) {
        // Three operands: lea (its 32-bit form wraps as addw does).
        match w {
            false => dynasm!(l.e.ops ; lea Rq(d), [Rq(x) + Rq(b_reg)]),
            true => dynasm!(l.e.ops ; lea Rd(d), [Rq(x) + Rq(b_reg)]),
        }
    } else {
        mov_val(l, d, a);
        op_rr(l, op, d, b_reg, w);
    }
    l.e.written_as(r.rd, out.unwrap_or(Form::Full));
    Flow::Continue
}

/// rd = rs1 op rs2 with rs2 taken from memory (`Emitter::from_memory`):
/// no host register for it, and no load instruction of its own. rs2 may
/// be rd: its slot still holds the old value until the block writes back.
fn rr_mem(l: &mut Lower<'_>, r: R, op: Alu, w: bool, out: Option<Form>) -> Flow {
    let a = if out.is_some() { l.e.read32(r.rs1, &[]) } else { l.e.read(r.rs1, &[]) };
    let d = l.e.write(r.rd, &pins(&[a]));
    mov_val(l, d, a);
    let (m, o) = (xreg(r.rs2), &mut l.e.ops);
    match (op, w) {
        (Alu::Add, false) => dynasm!(o ; add Rq(d), QWORD [rbx + m]),
        (Alu::Add, true) => dynasm!(o ; add Rd(d), DWORD [rbx + m]),
        (Alu::Sub, false) => dynasm!(o ; sub Rq(d), QWORD [rbx + m]),
        (Alu::Sub, true) => dynasm!(o ; sub Rd(d), DWORD [rbx + m]),
        (Alu::Imul, false) => dynasm!(o ; imul Rq(d), QWORD [rbx + m]),
        (Alu::Imul, true) => dynasm!(o ; imul Rd(d), DWORD [rbx + m]),
        (Alu::And, _) => dynasm!(o ; and Rq(d), QWORD [rbx + m]),
        (Alu::Or, _) => dynasm!(o ; or Rq(d), QWORD [rbx + m]),
        (Alu::Xor, _) => dynasm!(o ; xor Rq(d), QWORD [rbx + m]),
        // (Shifts come through shift_rr; this form is right for them too.)
        (Alu::Shl | Alu::Shr | Alu::Sar | Alu::Rol | Alu::Ror, _) => {
            dynasm!(o ; mov ecx, DWORD [rbx + m]);
            op_rr(l, op, d, RCX, w);
        }
    }
    l.e.written_as(r.rd, out.unwrap_or(Form::Full));
    Flow::Continue
}

/// Shifts and rotates by a register: the count goes through cl, which
/// x86 masks to 6 (or 5, for 32-bit forms) bits exactly as RISC-V does.
fn shift_rr(l: &mut Lower<'_>, r: R, op: Alu, w: bool) -> Flow {
    if r.rd == 0 {
        return Flow::Continue;
    }
    // W forms shift the low word (and leave a Narrow result); the count
    // is in the low bits.
    let a = if w { l.e.read32(r.rs1, &[]) } else { l.e.read(r.rs1, &[]) };
    let b = l.e.read32(r.rs2, &pins(&[a]));
    match b {
        Val::Reg(x) => dynasm!(l.e.ops ; mov ecx, Rd(x)),
        Val::Zero => dynasm!(l.e.ops ; xor ecx, ecx),
    }
    let d = l.e.write(r.rd, &pins(&[a]));
    mov_val(l, d, a);
    op_rr(l, op, d, RCX, w);
    l.e.written_as(r.rd, if w { Form::Narrow } else { Form::Full });
    Flow::Continue
}

fn lui(l: &mut Lower<'_>, u: U) -> Flow {
    if u.rd != 0 {
        let d = l.e.write(u.rd, &[]);
        load_imm(&mut l.e.ops, d, i64::from(u.imm));
        l.e.written_as(u.rd, Form::Sext);
    }
    Flow::Continue
}

fn auipc(l: &mut Lower<'_>, u: U) -> Flow {
    if u.rd != 0 {
        let d = l.e.write(u.rd, &[]);
        load_imm(&mut l.e.ops, d, l.pc.wrapping_add(i64::from(u.imm) as u64) as i64);
        l.e.written(u.rd);
    }
    Flow::Continue
}

/// rd = rs (64-bit, in the same form), or sign-extended from bit 31 when
/// `w` (sext.w: a plain copy of a value already in that form).
fn copy(l: &mut Lower<'_>, rd: u8, rs: u8, w: bool) -> Flow {
    if l.e.from_memory(rs) {
        let d = l.e.write(rd, &[]);
        match w {
            true => dynasm!(l.e.ops ; movsxd Rq(d), DWORD [rbx + xreg(rs)]),
            false => dynasm!(l.e.ops ; mov Rq(d), QWORD [rbx + xreg(rs)]),
        }
        l.e.written_as(rd, if w { Form::Sext } else { Form::Full });
        return Flow::Continue;
    }
    let a = l.e.read32(rs, &[]);
    let form = l.e.form(rs);
    let d = l.e.write(rd, &pins(&[a]));
    match a {
        Val::Reg(s) if w && form != Form::Sext => dynasm!(l.e.ops ; movsxd Rq(d), Rd(s)),
        _ => mov_val(l, d, a),
    }
    l.e.written_as(rd, if w { Form::Sext } else { form });
    Flow::Continue
}

/// addi / addiw: `lea` when source and destination differ.
fn addi(l: &mut Lower<'_>, i: I, w: bool) -> Flow {
    if i.rd == 0 {
        return Flow::Continue;
    }
    if i.imm == 0 {
        return copy(l, i.rd, i.rs1, w);
    }
    let a = if w { l.e.read32(i.rs1, &[]) } else { l.e.read(i.rs1, &[]) };
    let d = l.e.write(i.rd, &pins(&[a]));
    let form = match a {
        Val::Zero => Form::Sext,
        Val::Reg(_) if w => Form::Narrow,
        Val::Reg(_) => Form::Full,
    };
    match a {
        Val::Zero => load_imm(&mut l.e.ops, d, i64::from(i.imm)),
        Val::Reg(s) if w => dynasm!(l.e.ops ; lea Rd(d), [Rq(s) + i.imm]),
        Val::Reg(s) if s == d => {
            if i.imm != 0 {
                dynasm!(l.e.ops ; add Rq(d), i.imm);
            }
        }
        Val::Reg(s) => dynasm!(l.e.ops ; lea Rq(d), [Rq(s) + i.imm]),
    }
    l.e.written_as(i.rd, form);
    Flow::Continue
}

/// andi / ori / xori.
fn imm_op(l: &mut Lower<'_>, i: I, op: Alu) -> Flow {
    if i.rd == 0 {
        return Flow::Continue;
    }
    if i.rs1 != i.rd && l.e.from_memory(i.rs1) {
        let d = l.e.write(i.rd, &[]);
        dynasm!(l.e.ops ; mov Rq(d), QWORD [rbx + xreg(i.rs1)]);
        op_ri(l, op, d, i.imm, false);
        l.e.written(i.rd);
        return Flow::Continue;
    }
    // The immediate is a sign-extended word: a Sext or Narrow operand
    // gives a result in the same form.
    let form = l.e.form(i.rs1);
    let a = if form == Form::Full { l.e.read(i.rs1, &[]) } else { l.e.read32(i.rs1, &[]) };
    let d = l.e.write(i.rd, &pins(&[a]));
    mov_val(l, d, a);
    op_ri(l, op, d, i.imm, false);
    l.e.written_as(i.rd, form);
    Flow::Continue
}

/// Shifts and rotates by an immediate (W forms use 32-bit operations).
fn shift_imm(l: &mut Lower<'_>, s: Sh, op: Alu, w: bool) -> Flow {
    if s.rd == 0 {
        return Flow::Continue;
    }
    let c = i32::from(s.shamt);
    if w && c == 0 {
        return copy(l, s.rd, s.rs1, true);
    }
    if s.rs1 != s.rd && l.e.from_memory(s.rs1) {
        return shift_imm_mem(l, s, op, w);
    }
    let a = if w { l.e.read32(s.rs1, &[]) } else { l.e.read(s.rs1, &[]) };
    let d = l.e.write(s.rd, &pins(&[a]));
    let form = match (a, op, w) {
        // srliw by 1..=31 leaves bit 31 clear: the 32-bit shift's zero
        // extension is the sign extension.
        (Val::Reg(r), Alu::Shr, true) => {
            dynasm!(l.e.ops ; mov Rd(d), Rd(r));
            op_ri(l, op, d, c, true);
            Form::Sext
        }
        // sraiw: the 64-bit arithmetic shift of the sign-extended word.
        (Val::Reg(r), Alu::Sar, true) => {
            dynasm!(l.e.ops ; movsxd Rq(d), Rd(r));
            op_ri(l, op, d, c, false);
            Form::Sext
        }
        _ => {
            mov_val(l, d, a);
            if c != 0 {
                op_ri(l, op, d, c, w);
            }
            match (op, w) {
                (_, true) => Form::Narrow,
                // At most 31 significant bits, or the sign-extended upper word.
                (Alu::Shr, false) if c >= 33 => Form::Sext,
                (Alu::Sar, false) if c >= 32 => Form::Sext,
                _ => Form::Full,
            }
        }
    };
    l.e.written_as(s.rd, form);
    Flow::Continue
}

/// `shift_imm` loading its source straight from memory into rd
/// (`Emitter::from_memory`); the forms are those of `shift_imm`.
fn shift_imm_mem(l: &mut Lower<'_>, s: Sh, op: Alu, w: bool) -> Flow {
    let (d, m, c) = (l.e.write(s.rd, &[]), xreg(s.rs1), i32::from(s.shamt));
    let form = match (op, w) {
        (Alu::Sar, true) => {
            dynasm!(l.e.ops ; movsxd Rq(d), DWORD [rbx + m]);
            op_ri(l, op, d, c, false);
            Form::Sext
        }
        (_, true) => {
            dynasm!(l.e.ops ; mov Rd(d), DWORD [rbx + m]);
            op_ri(l, op, d, c, true);
            if op == Alu::Shr { Form::Sext } else { Form::Narrow }
        }
        (_, false) => {
            dynasm!(l.e.ops ; mov Rq(d), QWORD [rbx + m]);
            if c != 0 {
                op_ri(l, op, d, c, false);
            }
            match op {
                Alu::Shr if c >= 33 => Form::Sext,
                Alu::Sar if c >= 32 => Form::Sext,
                _ => Form::Full,
            }
        }
    };
    l.e.written_as(s.rd, form);
    Flow::Continue
}

/// Conditions of compares and branches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cond {
    Eq,
    Ne,
    Lt,
    Ge,
    Ltu,
    Geu,
}

/// `cmp a, b` for two guest values.
fn compare(l: &mut Lower<'_>, a: Val, b: Val) {
    match (a, b) {
        (Val::Reg(x), Val::Reg(y)) => dynasm!(l.e.ops ; cmp Rq(x), Rq(y)),
        (Val::Reg(x), Val::Zero) => dynasm!(l.e.ops ; cmp Rq(x), 0),
        (Val::Zero, Val::Reg(y)) => dynasm!(l.e.ops ; xor eax, eax ; cmp rax, Rq(y)),
        (Val::Zero, Val::Zero) => dynasm!(l.e.ops ; xor eax, eax ; cmp rax, 0),
    }
}

/// A guest register as a compare operand: its value, or its slot in
/// memory (`Emitter::from_memory`; the slot stays current until the
/// register is next cached, so a write-back in between leaves it alone).
#[derive(Clone, Copy)]
enum Operand {
    Val(Val),
    Mem(u8),
}

/// `cmp a, b` where b may be in memory.
fn compare_operand(l: &mut Lower<'_>, a: Val, b: Operand) {
    match (a, b) {
        (Val::Reg(x), Operand::Mem(g)) => dynasm!(l.e.ops ; cmp Rq(x), QWORD [rbx + xreg(g)]),
        (Val::Zero, Operand::Mem(g)) => dynasm!(l.e.ops ; xor eax, eax ; cmp rax, QWORD [rbx + xreg(g)]),
        (_, Operand::Val(v)) => compare(l, a, v),
    }
}

/// `setcc al` for a condition.
fn setcc(l: &mut Lower<'_>, c: Cond) {
    let o = &mut l.e.ops;
    match c {
        Cond::Eq => dynasm!(o ; sete al),
        Cond::Ne => dynasm!(o ; setne al),
        Cond::Lt => dynasm!(o ; setl al),
        Cond::Ge => dynasm!(o ; setge al),
        Cond::Ltu => dynasm!(o ; setb al),
        Cond::Geu => dynasm!(o ; setae al),
    }
}

/// slt / sltu.
fn set_rr(l: &mut Lower<'_>, r: R, unsigned: bool) -> Flow {
    if r.rd == 0 {
        return Flow::Continue;
    }
    let a = l.e.read(r.rs1, &[]);
    let b = l.e.read(r.rs2, &pins(&[a]));
    let d = l.e.write(r.rd, &pins(&[a, b]));
    compare(l, a, b);
    setcc(l, if unsigned { Cond::Ltu } else { Cond::Lt });
    dynasm!(l.e.ops ; movzx Rd(d), al);
    l.e.written_as(r.rd, Form::Sext);
    Flow::Continue
}

/// slti / sltiu (the immediate is sign-extended in both, spec 2.4.1).
fn set_imm(l: &mut Lower<'_>, i: I, unsigned: bool) -> Flow {
    if i.rd == 0 {
        return Flow::Continue;
    }
    let a = l.e.read(i.rs1, &[]);
    let d = l.e.write(i.rd, &pins(&[a]));
    match a {
        Val::Reg(x) => dynasm!(l.e.ops ; cmp Rq(x), i.imm),
        Val::Zero => dynasm!(l.e.ops ; xor eax, eax ; cmp rax, i.imm),
    }
    setcc(l, if unsigned { Cond::Ltu } else { Cond::Lt });
    dynasm!(l.e.ops ; movzx Rd(d), al);
    l.e.written_as(i.rd, Form::Sext);
    Flow::Continue
}

/// mulh / mulhu: the high half of the 128-bit product, from rdx.
fn mul_high(l: &mut Lower<'_>, r: R, signed: bool) -> Flow {
    if r.rd == 0 {
        return Flow::Continue;
    }
    let a = l.e.read(r.rs1, &[]);
    let b = l.e.read(r.rs2, &pins(&[a]));
    let d = l.e.write(r.rd, &pins(&[a, b]));
    match b {
        Val::Zero => dynasm!(l.e.ops ; xor Rd(d), Rd(d)),
        Val::Reg(y) => {
            match a {
                Val::Reg(x) => dynasm!(l.e.ops ; mov rax, Rq(x)),
                Val::Zero => dynasm!(l.e.ops ; xor eax, eax),
            }
            if signed {
                dynasm!(l.e.ops ; imul Rq(y));
            } else {
                dynasm!(l.e.ops ; mul Rq(y));
            }
            dynasm!(l.e.ops ; mov Rq(d), rdx);
        }
    }
    l.e.written(r.rd);
    Flow::Continue
}

/// sh1add/sh2add/sh3add and the .uw forms (rs1 zero-extended), and
/// add.uw (shift 0): rd = rs2 + (rs1 << sh).
fn shadd(l: &mut Lower<'_>, r: R, sh: u8, uw: bool) -> Flow {
    if r.rd == 0 {
        return Flow::Continue;
    }
    let a = if uw { l.e.read32(r.rs1, &[]) } else { l.e.read(r.rs1, &[]) };
    let b = l.e.read(r.rs2, &pins(&[a]));
    let d = l.e.write(r.rd, &pins(&[a, b]));
    match a {
        Val::Reg(x) if uw => dynasm!(l.e.ops ; mov eax, Rd(x)),
        Val::Reg(x) => dynasm!(l.e.ops ; mov rax, Rq(x)),
        Val::Zero => dynasm!(l.e.ops ; xor eax, eax),
    }
    let base = match b {
        Val::Reg(y) => y,
        Val::Zero => {
            dynasm!(l.e.ops ; xor edx, edx);
            RDX
        }
    };
    match sh {
        0 => dynasm!(l.e.ops ; lea Rq(d), [Rq(base) + rax]),
        1 => dynasm!(l.e.ops ; lea Rq(d), [Rq(base) + rax * 2]),
        2 => dynasm!(l.e.ops ; lea Rq(d), [Rq(base) + rax * 4]),
        _ => dynasm!(l.e.ops ; lea Rq(d), [Rq(base) + rax * 8]),
    }
    l.e.written(r.rd);
    Flow::Continue
}

/// slli.uw: zero-extend the low word, then shift.
fn slli_uw(l: &mut Lower<'_>, s: Sh) -> Flow {
    if s.rd == 0 {
        return Flow::Continue;
    }
    let a = l.e.read32(s.rs1, &[]);
    let d = l.e.write(s.rd, &pins(&[a]));
    match a {
        Val::Reg(x) => dynasm!(l.e.ops ; mov Rd(d), Rd(x)),
        Val::Zero => dynasm!(l.e.ops ; xor Rd(d), Rd(d)),
    }
    if s.shamt != 0 {
        dynasm!(l.e.ops ; shl Rq(d), s.shamt as i8);
    }
    l.e.written(s.rd);
    Flow::Continue
}

/// andn / orn (rs1 op ~rs2) and xnor (~(rs1 ^ rs2)), computed in rax.
fn logic_not(l: &mut Lower<'_>, r: R, op: Alu) -> Flow {
    if r.rd == 0 {
        return Flow::Continue;
    }
    let a = l.e.read(r.rs1, &[]);
    let b = l.e.read(r.rs2, &pins(&[a]));
    let d = l.e.write(r.rd, &pins(&[a, b]));
    if op == Alu::Xor {
        mov_val(l, RAX, a);
        if let Val::Reg(y) = b {
            dynasm!(l.e.ops ; xor rax, Rq(y));
        }
        dynasm!(l.e.ops ; not rax);
    } else {
        mov_val(l, RAX, b);
        dynasm!(l.e.ops ; not rax);
        match (a, op) {
            (Val::Reg(x), Alu::And) => dynasm!(l.e.ops ; and rax, Rq(x)),
            (Val::Reg(x), _) => dynasm!(l.e.ops ; or rax, Rq(x)),
            (Val::Zero, Alu::And) => dynasm!(l.e.ops ; xor eax, eax),
            (Val::Zero, _) => {}
        }
    }
    dynasm!(l.e.ops ; mov Rq(d), rax);
    l.e.written(r.rd);
    Flow::Continue
}

/// max/maxu/min/minu: rax = rs1; if rs1 `keep_b` rs2 then rax = rs2.
fn minmax(l: &mut Lower<'_>, r: R, take_b_when: Cond) -> Flow {
    if r.rd == 0 {
        return Flow::Continue;
    }
    let a = l.e.read(r.rs1, &[]);
    let b = l.e.read(r.rs2, &pins(&[a]));
    let d = l.e.write(r.rd, &pins(&[a, b]));
    mov_val(l, RAX, a);
    mov_val(l, RDX, b);
    dynasm!(l.e.ops ; cmp rax, rdx);
    let o = &mut l.e.ops;
    match take_b_when {
        Cond::Lt => dynasm!(o ; cmovl rax, rdx),
        Cond::Ltu => dynasm!(o ; cmovb rax, rdx),
        Cond::Ge => dynasm!(o ; cmovge rax, rdx),
        _ => dynasm!(o ; cmovae rax, rdx),
    }
    dynasm!(l.e.ops ; mov Rq(d), rax);
    l.e.written(r.rd);
    Flow::Continue
}

#[derive(Clone, Copy)]
enum Ext {
    SextB,
    SextH,
    ZextH,
    Bswap,
}

/// sext.b, sext.h, zext.h, rev8.
fn extend(l: &mut Lower<'_>, r: R, e: Ext) -> Flow {
    if r.rd == 0 {
        return Flow::Continue;
    }
    let a = l.e.read(r.rs1, &[]);
    let d = l.e.write(r.rd, &pins(&[a]));
    mov_val(l, RAX, a);
    let o = &mut l.e.ops;
    match e {
        Ext::SextB => dynasm!(o ; movsx Rq(d), al),
        Ext::SextH => dynasm!(o ; movsx Rq(d), ax),
        Ext::ZextH => dynasm!(o ; movzx Rd(d), ax),
        Ext::Bswap => dynasm!(o ; bswap rax ; mov Rq(d), rax),
    }
    l.e.written(r.rd);
    Flow::Continue
}

#[derive(Clone, Copy)]
enum Count {
    Lz,
    Tz,
    Pop,
}

/// clz/ctz/cpop and W forms via lzcnt/tzcnt/popcnt (zero input gives the
/// operand width, as RISC-V requires).
fn count(l: &mut Lower<'_>, r: R, c: Count, w: bool) -> Flow {
    if r.rd == 0 {
        return Flow::Continue;
    }
    let a = l.e.read(r.rs1, &[]);
    let d = l.e.write(r.rd, &pins(&[a]));
    mov_val(l, RAX, a);
    let o = &mut l.e.ops;
    match (c, w) {
        (Count::Lz, false) => dynasm!(o ; lzcnt Rq(d), rax),
        (Count::Lz, true) => dynasm!(o ; lzcnt Rd(d), eax),
        (Count::Tz, false) => dynasm!(o ; tzcnt Rq(d), rax),
        (Count::Tz, true) => dynasm!(o ; tzcnt Rd(d), eax),
        (Count::Pop, false) => dynasm!(o ; popcnt Rq(d), rax),
        (Count::Pop, true) => dynasm!(o ; popcnt Rd(d), eax),
    }
    l.e.written(r.rd);
    Flow::Continue
}

#[derive(Clone, Copy)]
enum Bit {
    Set,
    Clr,
    Inv,
    Ext,
}

/// bset/bclr/binv/bext by register (x86 bt* mask the index to 6 bits).
fn bit_rr(l: &mut Lower<'_>, r: R, op: Bit) -> Flow {
    if r.rd == 0 {
        return Flow::Continue;
    }
    let a = l.e.read(r.rs1, &[]);
    let b = l.e.read(r.rs2, &pins(&[a]));
    let d = l.e.write(r.rd, &pins(&[a, b]));
    mov_val(l, RAX, a);
    mov_val(l, RCX, b);
    // rdx = 1 << (rs2 & 63); shl masks the count like RISC-V does.
    let o = &mut l.e.ops;
    match op {
        Bit::Set => dynasm!(o ; mov edx, 1 ; shl rdx, cl ; or rax, rdx ; mov Rq(d), rax),
        Bit::Clr => dynasm!(o ; mov edx, 1 ; shl rdx, cl ; not rdx ; and rax, rdx ; mov Rq(d), rax),
        Bit::Inv => dynasm!(o ; mov edx, 1 ; shl rdx, cl ; xor rax, rdx ; mov Rq(d), rax),
        Bit::Ext => dynasm!(o ; bt rax, rcx ; setc al ; movzx Rd(d), al),
    }
    l.e.written(r.rd);
    Flow::Continue
}

/// bseti/bclri/binvi/bexti.
fn bit_imm(l: &mut Lower<'_>, s: Sh, op: Bit) -> Flow {
    if s.rd == 0 {
        return Flow::Continue;
    }
    let a = l.e.read(s.rs1, &[]);
    let d = l.e.write(s.rd, &pins(&[a]));
    mov_val(l, RAX, a);
    let bit = 1u64 << s.shamt;
    let n = s.shamt as i8;
    if let Bit::Ext = op {
        dynasm!(l.e.ops ; shr rax, n ; and eax, 1 ; mov Rq(d), rax);
    } else {
        let m = if let Bit::Clr = op { !bit } else { bit };
        load_imm(&mut l.e.ops, RDX, m as i64);
        let o = &mut l.e.ops;
        match op {
            Bit::Set => dynasm!(o ; or rax, rdx),
            Bit::Clr => dynasm!(o ; and rax, rdx),
            _ => dynasm!(o ; xor rax, rdx),
        }
        dynasm!(l.e.ops ; mov Rq(d), rax);
    }
    l.e.written(s.rd);
    Flow::Continue
}

/// czero.eqz / czero.nez.
fn czero(l: &mut Lower<'_>, r: R, eqz: bool) -> Flow {
    if r.rd == 0 {
        return Flow::Continue;
    }
    let a = l.e.read(r.rs1, &[]);
    let b = l.e.read(r.rs2, &pins(&[a]));
    let d = l.e.write(r.rd, &pins(&[a, b]));
    mov_val(l, RAX, a);
    dynasm!(l.e.ops ; xor edx, edx);
    match b {
        Val::Reg(y) => dynasm!(l.e.ops ; test Rq(y), Rq(y)),
        Val::Zero => dynasm!(l.e.ops ; test edx, edx),
    }
    if eqz {
        dynasm!(l.e.ops ; cmovz rax, rdx);
    } else {
        dynasm!(l.e.ops ; cmovnz rax, rdx);
    }
    dynasm!(l.e.ops ; mov Rq(d), rax);
    l.e.written(r.rd);
    Flow::Continue
}

/// FENCE: x86's TSO already orders everything except a store followed by
/// a load, so only a fence ordering W before R needs `mfence` (unprivileged
/// spec ch. 17 RVWMO; the mapping of Table A.6 "Linux mappings").
fn fence(l: &mut Lower<'_>, f: Fence) -> Flow {
    if f.pred & 1 != 0 && f.succ & 2 != 0 {
        dynasm!(l.e.ops ; mfence);
    }
    Flow::Continue
}

// ---------------------------------------------------------------- control flow

/// Leaves the block towards a known `target`: a patchable direct jump
/// when the target is in the block's page (linked on first use), the
/// jump cache otherwise. All guest registers must already be written back.
pub fn exit_to(l: &mut Lower<'_>, target: u64) {
    if target >> 12 == l.b.vpc >> 12 {
        chain_site(l, target, false);
    } else if !l.b.user {
        // Kernel and firmware mappings are stable: link straight to the
        // target's checked entry, which validates its own page.
        chain_site(l, target, true);
    } else {
        load_imm(&mut l.e.ops, RAX, target as i64);
        jump_cache(l);
    }
}

/// A `jmp rel32` aimed first at a stub that asks the dispatcher to link
/// it; the dispatcher then patches it to the target block's chained entry
/// (same page) or, for a jump to another page (`cross`), its checked
/// entry. The displacement is 4-byte aligned so the patch is one atomic
/// store; the address after it, stored in `jit_link`, carries `cross` in
/// bit 0.
fn chain_site(l: &mut Lower<'_>, target: u64, cross: bool) {
    while (l.e.offset() + 1) % 4 != 0 {
        dynasm!(l.e.ops ; nop);
    }
    let stub = l.e.label();
    let after = l.e.label();
    dynasm!(l.e.ops ; jmp =>stub ; =>after);
    l.e.cold(move |e| {
        e.bind(stub);
        e.set_pc(target);
        dynasm!(e.ops ; lea rax, [=>after]);
        if cross {
            dynasm!(e.ops ; or al, 1);
        }
        dynasm!(e.ops ; mov QWORD [rbx + LINK], rax);
        e.exit(Exit::Chain);
    });
}

/// Indirect jump to the pc in rax through the per-hart jump cache
/// (virtual pc + mode tag → checked entry); a miss returns to the
/// dispatcher with pc set.
pub fn jump_cache(l: &mut Lower<'_>) {
    let tag = l.b.mode_tag;
    let miss = l.e.label();
    // rcx = jc_index(rax) * 16 + jump cache base (see cache::jc_index):
    // the index field of the pc, shifted from bit 1 to bit 4.
    dynasm!(l.e.ops
        ; mov ecx, eax
        ; and ecx, crate::cache::JC_CODE_MASK
        ; shl ecx, 3
        ; add rcx, QWORD [rbx + layout::JUMP_CACHE]
    );
    if tag != 0 {
        load_imm(&mut l.e.ops, RDX, tag);
        dynasm!(l.e.ops ; xor rdx, rax);
    } else {
        dynasm!(l.e.ops ; mov rdx, rax);
    }
    // A hit needs no pc in memory: the target block knows its own.
    dynasm!(l.e.ops
        ; cmp rdx, QWORD [rcx]
        ; jne =>miss
        ; jmp QWORD [rcx + 8]
    );
    l.e.cold(move |e| {
        e.bind(miss);
        dynasm!(e.ops ; mov QWORD [rbx + layout::PC], rax);
        e.exit(Exit::Lookup);
    });
}

fn jal(l: &mut Lower<'_>, j: J) -> Flow {
    let target = l.pc.wrapping_add(i64::from(j.imm) as u64);
    if j.rd != 0 {
        let d = l.e.write(j.rd, &[]);
        load_imm(&mut l.e.ops, d, l.next as i64);
        l.e.written(j.rd);
    }
    l.e.flush();
    exit_to(l, target);
    Flow::End
}

fn jalr(l: &mut Lower<'_>, i: I) -> Flow {
    let a = l.e.read(i.rs1, &[]);
    match a {
        Val::Reg(x) if i.imm == 0 => dynasm!(l.e.ops ; mov rax, Rq(x)),
        Val::Reg(x) => dynasm!(l.e.ops ; lea rax, [Rq(x) + i.imm]),
        Val::Zero => load_imm(&mut l.e.ops, RAX, i64::from(i.imm)),
    }
    dynasm!(l.e.ops ; and rax, -2);
    if i.rd != 0 {
        let d = l.e.write(i.rd, &pins(&[a]));
        load_imm(&mut l.e.ops, d, l.next as i64);
        l.e.written(i.rd);
    }
    l.e.flush();
    jump_cache(l);
    Flow::End
}

fn branch(l: &mut Lower<'_>, b: B, c: Cond) -> Flow {
    let target = l.pc.wrapping_add(i64::from(b.imm) as u64);
    let x = l.e.read(b.rs1, &[]);
    // A second operand not needed after the branch is compared in memory.
    let y = match x {
        Val::Reg(_) if b.rs2 != b.rs1 && l.e.from_memory(b.rs2) => Operand::Mem(b.rs2),
        _ => Operand::Val(l.e.read(b.rs2, &pins(&[x]))),
    };
    if l.k + 1 < l.b.n {
        return side_exit(l, x, y, c, target);
    }
    l.e.flush();
    compare_operand(l, x, y);
    let taken = l.e.label();
    jcc(l, c, taken);
    let next = l.next;
    exit_to(l, next);
    l.e.bind(taken);
    exit_to(l, target);
    Flow::End
}

/// A conditional branch inside a block (`is_terminator`): taken, cold
/// code writes back the registers dirty here, gives back the budget of
/// the instructions after the branch and leaves towards `target`; not
/// taken, the block goes on with its registers cached.
fn side_exit(l: &mut Lower<'_>, x: Val, y: Operand, c: Cond, target: u64) -> Flow {
    compare_operand(l, x, y);
    let taken = l.e.label();
    jcc(l, c, taken);
    let snap = l.e.snapshot();
    let (b, k, pc) = (*l.b, l.k, l.pc);
    let back = (b.n - k - 1) as i64;
    l.e.cold(move |e| {
        e.bind(taken);
        snap.write_back(&mut e.ops);
        e.budget_add(back);
        let mut l = Lower { e, b: &b, k, pc, next: target, decoded: 0 };
        exit_to(&mut l, target);
    });
    Flow::Continue
}

/// `jcc taken` for a condition.
fn jcc(l: &mut Lower<'_>, c: Cond, taken: DynamicLabel) {
    let o = &mut l.e.ops;
    match c {
        Cond::Eq => dynasm!(o ; je =>taken),
        Cond::Ne => dynasm!(o ; jne =>taken),
        Cond::Lt => dynasm!(o ; jl =>taken),
        Cond::Ge => dynasm!(o ; jge =>taken),
        Cond::Ltu => dynasm!(o ; jb =>taken),
        Cond::Geu => dynasm!(o ; jae =>taken),
    }
}

/// Gives back the budget of instructions k..n (not executed).
pub fn give_back(l: &Lower<'_>) -> i64 {
    (l.b.n - l.k) as i64
}

/// Offset helper for budget fields.
pub fn budget_offset() -> i32 {
    BUDGET
}

/// True when `v` fits a sign-extended imm32 (re-exported for `mem`).
pub fn imm32(v: i64) -> bool {
    fits_i32(v)
}
