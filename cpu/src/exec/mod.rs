//! `exec`: the semantics of every instruction, THE reference every other
//! engine must match (DESIGN.md §3). One arm per `Insn` variant, no
//! wildcard; each arm names the pure function or helper holding the rule.
//!
//! Contract: on `Ok`, the instruction has retired and `pc` points to the
//! next instruction (the caller counts it); on `Err`, no architectural
//! state has changed except what the spec allows a faulting instruction
//! to leave (nothing, for every instruction here), and `pc` is untouched.

pub mod alu;
pub mod fp;
pub mod hardfloat;
pub mod system;

use mmu::AmoOp;
use softfloat_wrapper::{F32, F64};

use self::alu::*;
use self::fp::Fma;
use self::hardfloat::Op;
use self::system::Cbo;
use crate::csr::CsrOp;
use crate::hart::Hart;
use crate::isa::{Amo, Decoded, Insn, B, I, R, S, Sh};
use crate::trap::Exception;

type Bin = fn(u64, u64) -> u64;
type Un = fn(u64) -> u64;

#[inline(always)]
fn r(h: &mut Hart, i: R, f: Bin) {
    h.set_x(i.rd, f(h.get_x(i.rs1), h.get_x(i.rs2)));
}

#[inline(always)]
fn imm(h: &mut Hart, i: I, f: Bin) {
    h.set_x(i.rd, f(h.get_x(i.rs1), i.imm as i64 as u64));
}

#[inline(always)]
fn sh(h: &mut Hart, i: Sh, f: Bin) {
    h.set_x(i.rd, f(h.get_x(i.rs1), u64::from(i.shamt)));
}

#[inline(always)]
fn un(h: &mut Hart, i: R, f: Un) {
    h.set_x(i.rd, f(h.get_x(i.rs1)));
}

#[inline(always)]
fn ea(h: &Hart, base: u8, off: i32) -> u64 {
    h.get_x(base).wrapping_add(off as i64 as u64)
}

#[inline(always)]
fn branch(h: &mut Hart, b: B, pc: u64, taken: bool) -> bool {
    if taken {
        h.pc = pc.wrapping_add(b.imm as i64 as u64);
    }
    taken
}

fn amo(h: &mut Hart, a: Amo, size: u64, op: AmoOp) -> Result<(), Exception> {
    let old = h.amo(h.get_x(a.rs1), size, op, h.get_x(a.rs2))?;
    h.set_x(a.rd, if size == 4 { sext32(old) } else { old });
    Ok(())
}

fn lr(h: &mut Hart, a: Amo, size: u64) -> Result<(), Exception> {
    let v = h.load_reserved(h.get_x(a.rs1), size)?;
    h.set_x(a.rd, if size == 4 { sext32(v) } else { v });
    Ok(())
}

fn sc(h: &mut Hart, a: Amo, size: u64) -> Result<(), Exception> {
    let ok = h.store_conditional(h.get_x(a.rs1), size, h.get_x(a.rs2))?;
    h.set_x(a.rd, u64::from(!ok));
    Ok(())
}

fn fload(h: &mut Hart, i: I, raw: u32, double: bool) -> Result<(), Exception> {
    fp::enabled(h, raw)?;
    let va = ea(h, i.rs1, i.imm);
    h.f[usize::from(i.rd)] = if double { h.load::<u64>(va)? } else { 0xffff_ffff_0000_0000 | u64::from(h.load::<u32>(va)?) };
    h.fs_dirty();
    Ok(())
}

fn fstore(h: &mut Hart, s: S, raw: u32, double: bool) -> Result<(), Exception> {
    fp::enabled(h, raw)?;
    let (va, v) = (ea(h, s.rs1, s.imm), h.f[usize::from(s.rs2)]);
    if double { h.store::<u64>(va, v) } else { h.store::<u32>(va, v as u32) }
}

/// Executes one decoded instruction at `h.pc`.
#[inline]
pub fn exec(h: &mut Hart, d: &Decoded) -> Result<(), Exception> {
    let pc = h.pc;
    let next = pc.wrapping_add(u64::from(d.len));
    let raw = d.raw;
    match d.insn {
        // ---- control transfer ----
        Insn::Lui(u) => h.set_x(u.rd, u.imm as i64 as u64),
        Insn::Auipc(u) => h.set_x(u.rd, pc.wrapping_add(u.imm as i64 as u64)),
        Insn::Jal(j) => {
            h.set_x(j.rd, next);
            h.pc = pc.wrapping_add(j.imm as i64 as u64);
            return Ok(());
        }
        Insn::Jalr(i) => {
            let target = ea(h, i.rs1, i.imm) & !1;
            h.set_x(i.rd, next);
            h.pc = target;
            return Ok(());
        }
        Insn::Beq(b) => if branch(h, b, pc, h.get_x(b.rs1) == h.get_x(b.rs2)) { return Ok(()) },
        Insn::Bne(b) => if branch(h, b, pc, h.get_x(b.rs1) != h.get_x(b.rs2)) { return Ok(()) },
        Insn::Blt(b) => if branch(h, b, pc, (h.get_x(b.rs1) as i64) < h.get_x(b.rs2) as i64) { return Ok(()) },
        Insn::Bge(b) => if branch(h, b, pc, (h.get_x(b.rs1) as i64) >= h.get_x(b.rs2) as i64) { return Ok(()) },
        Insn::Bltu(b) => if branch(h, b, pc, h.get_x(b.rs1) < h.get_x(b.rs2)) { return Ok(()) },
        Insn::Bgeu(b) => if branch(h, b, pc, h.get_x(b.rs1) >= h.get_x(b.rs2)) { return Ok(()) },
        // ---- loads and stores ----
        Insn::Lb(i) => { let v = h.load::<u8>(ea(h, i.rs1, i.imm))?; h.set_x(i.rd, v as i8 as i64 as u64) }
        Insn::Lh(i) => { let v = h.load::<u16>(ea(h, i.rs1, i.imm))?; h.set_x(i.rd, v as i16 as i64 as u64) }
        Insn::Lw(i) => { let v = h.load::<u32>(ea(h, i.rs1, i.imm))?; h.set_x(i.rd, v as i32 as i64 as u64) }
        Insn::Ld(i) => { let v = h.load::<u64>(ea(h, i.rs1, i.imm))?; h.set_x(i.rd, v) }
        Insn::Lbu(i) => { let v = h.load::<u8>(ea(h, i.rs1, i.imm))?; h.set_x(i.rd, v.into()) }
        Insn::Lhu(i) => { let v = h.load::<u16>(ea(h, i.rs1, i.imm))?; h.set_x(i.rd, v.into()) }
        Insn::Lwu(i) => { let v = h.load::<u32>(ea(h, i.rs1, i.imm))?; h.set_x(i.rd, v.into()) }
        Insn::Sb(s) => h.store::<u8>(ea(h, s.rs1, s.imm), h.get_x(s.rs2) as u8)?,
        Insn::Sh(s) => h.store::<u16>(ea(h, s.rs1, s.imm), h.get_x(s.rs2) as u16)?,
        Insn::Sw(s) => h.store::<u32>(ea(h, s.rs1, s.imm), h.get_x(s.rs2) as u32)?,
        Insn::Sd(s) => h.store::<u64>(ea(h, s.rs1, s.imm), h.get_x(s.rs2))?,
        // ---- integer ----
        Insn::Addi(i) => imm(h, i, add),
        Insn::Slti(i) => imm(h, i, slt),
        Insn::Sltiu(i) => imm(h, i, sltu),
        Insn::Xori(i) => imm(h, i, xor),
        Insn::Ori(i) => imm(h, i, or),
        Insn::Andi(i) => imm(h, i, and),
        Insn::Slli(i) => sh(h, i, sll),
        Insn::Srli(i) => sh(h, i, srl),
        Insn::Srai(i) => sh(h, i, sra),
        Insn::Add(i) => r(h, i, add),
        Insn::Sub(i) => r(h, i, sub),
        Insn::Sll(i) => r(h, i, sll),
        Insn::Slt(i) => r(h, i, slt),
        Insn::Sltu(i) => r(h, i, sltu),
        Insn::Xor(i) => r(h, i, xor),
        Insn::Srl(i) => r(h, i, srl),
        Insn::Sra(i) => r(h, i, sra),
        Insn::Or(i) => r(h, i, or),
        Insn::And(i) => r(h, i, and),
        Insn::Addiw(i) => imm(h, i, addw),
        Insn::Slliw(i) => sh(h, i, sllw),
        Insn::Srliw(i) => sh(h, i, srlw),
        Insn::Sraiw(i) => sh(h, i, sraw),
        Insn::Addw(i) => r(h, i, addw),
        Insn::Subw(i) => r(h, i, subw),
        Insn::Sllw(i) => r(h, i, sllw),
        Insn::Srlw(i) => r(h, i, srlw),
        Insn::Sraw(i) => r(h, i, sraw),
        Insn::Fence(f) if f.is_pause() => pause(h),
        Insn::Fence(f) => fence(f),
        Insn::FenceI(_) => {}
        Insn::Ecall(_) => return Err(system::ecall(h)),
        Insn::Ebreak(_) => return Err(Exception::new(crate::trap::Cause::Breakpoint, pc)),
        // ---- M ----
        Insn::Mul(i) => r(h, i, mul),
        Insn::Mulh(i) => r(h, i, mulh),
        Insn::Mulhsu(i) => r(h, i, mulhsu),
        Insn::Mulhu(i) => r(h, i, mulhu),
        Insn::Div(i) => r(h, i, div),
        Insn::Divu(i) => r(h, i, divu),
        Insn::Rem(i) => r(h, i, rem),
        Insn::Remu(i) => r(h, i, remu),
        Insn::Mulw(i) => r(h, i, mulw),
        Insn::Divw(i) => r(h, i, divw),
        Insn::Divuw(i) => r(h, i, divuw),
        Insn::Remw(i) => r(h, i, remw),
        Insn::Remuw(i) => r(h, i, remuw),
        // ---- A ----
        Insn::LrW(a) => lr(h, a, 4)?,
        Insn::ScW(a) => sc(h, a, 4)?,
        Insn::AmoswapW(a) => amo(h, a, 4, AmoOp::Swap)?,
        Insn::AmoaddW(a) => amo(h, a, 4, AmoOp::Add)?,
        Insn::AmoxorW(a) => amo(h, a, 4, AmoOp::Xor)?,
        Insn::AmoandW(a) => amo(h, a, 4, AmoOp::And)?,
        Insn::AmoorW(a) => amo(h, a, 4, AmoOp::Or)?,
        Insn::AmominW(a) => amo(h, a, 4, AmoOp::Min)?,
        Insn::AmomaxW(a) => amo(h, a, 4, AmoOp::Max)?,
        Insn::AmominuW(a) => amo(h, a, 4, AmoOp::Minu)?,
        Insn::AmomaxuW(a) => amo(h, a, 4, AmoOp::Maxu)?,
        Insn::LrD(a) => lr(h, a, 8)?,
        Insn::ScD(a) => sc(h, a, 8)?,
        Insn::AmoswapD(a) => amo(h, a, 8, AmoOp::Swap)?,
        Insn::AmoaddD(a) => amo(h, a, 8, AmoOp::Add)?,
        Insn::AmoxorD(a) => amo(h, a, 8, AmoOp::Xor)?,
        Insn::AmoandD(a) => amo(h, a, 8, AmoOp::And)?,
        Insn::AmoorD(a) => amo(h, a, 8, AmoOp::Or)?,
        Insn::AmominD(a) => amo(h, a, 8, AmoOp::Min)?,
        Insn::AmomaxD(a) => amo(h, a, 8, AmoOp::Max)?,
        Insn::AmominuD(a) => amo(h, a, 8, AmoOp::Minu)?,
        Insn::AmomaxuD(a) => amo(h, a, 8, AmoOp::Maxu)?,
        // ---- Zicsr and privileged ----
        Insn::Csrrw(c) => system::csr_insn(h, c, CsrOp::Write, false, raw)?,
        Insn::Csrrs(c) => system::csr_insn(h, c, CsrOp::Set, false, raw)?,
        Insn::Csrrc(c) => system::csr_insn(h, c, CsrOp::Clear, false, raw)?,
        Insn::Csrrwi(c) => system::csr_insn(h, c, CsrOp::Write, true, raw)?,
        Insn::Csrrsi(c) => system::csr_insn(h, c, CsrOp::Set, true, raw)?,
        Insn::Csrrci(c) => system::csr_insn(h, c, CsrOp::Clear, true, raw)?,
        Insn::Sret(_) => return system::sret(h, raw),
        Insn::Mret(_) => return system::mret(h, raw),
        Insn::Wfi(_) => system::wfi(h, raw)?,
        Insn::SfenceVma(rs) => system::sfence_vma(h, rs, raw)?,
        // ---- F ----
        Insn::Flw(i) => fload(h, i, raw, false)?,
        Insn::Fsw(s) => fstore(h, s, raw, false)?,
        Insn::FmaddS(i) => fp::fma::<F32>(h, i, raw, Fma::Madd)?,
        Insn::FmsubS(i) => fp::fma::<F32>(h, i, raw, Fma::Msub)?,
        Insn::FnmsubS(i) => fp::fma::<F32>(h, i, raw, Fma::Nmsub)?,
        Insn::FnmaddS(i) => fp::fma::<F32>(h, i, raw, Fma::Nmadd)?,
        Insn::FaddS(i) => fp::arith::<F32>(h, i, raw, Op::Add)?,
        Insn::FsubS(i) => fp::arith::<F32>(h, i, raw, Op::Sub)?,
        Insn::FmulS(i) => fp::arith::<F32>(h, i, raw, Op::Mul)?,
        Insn::FdivS(i) => fp::arith::<F32>(h, i, raw, Op::Div)?,
        Insn::FsqrtS(i) => fp::sqrt::<F32>(h, i, raw)?,
        Insn::FsgnjS(i) => fp::sgnj::<F32>(h, i, raw, 0)?,
        Insn::FsgnjnS(i) => fp::sgnj::<F32>(h, i, raw, 1)?,
        Insn::FsgnjxS(i) => fp::sgnj::<F32>(h, i, raw, 2)?,
        Insn::FminS(i) => fp::minmax::<F32>(h, i, raw, false)?,
        Insn::FmaxS(i) => fp::minmax::<F32>(h, i, raw, true)?,
        Insn::FcvtWS(i) => fp::to_int::<F32>(h, i, raw, 0)?,
        Insn::FcvtWuS(i) => fp::to_int::<F32>(h, i, raw, 1)?,
        Insn::FcvtLS(i) => fp::to_int::<F32>(h, i, raw, 2)?,
        Insn::FcvtLuS(i) => fp::to_int::<F32>(h, i, raw, 3)?,
        Insn::FmvXW(i) => fp::mv_to_x(h, i, raw, false)?,
        Insn::FclassS(i) => fp::class::<F32>(h, i, raw)?,
        Insn::FeqS(i) => fp::compare::<F32>(h, i, raw, 0)?,
        Insn::FltS(i) => fp::compare::<F32>(h, i, raw, 1)?,
        Insn::FleS(i) => fp::compare::<F32>(h, i, raw, 2)?,
        Insn::FcvtSW(i) => fp::from_int::<F32>(h, i, raw, 0)?,
        Insn::FcvtSWu(i) => fp::from_int::<F32>(h, i, raw, 1)?,
        Insn::FcvtSL(i) => fp::from_int::<F32>(h, i, raw, 2)?,
        Insn::FcvtSLu(i) => fp::from_int::<F32>(h, i, raw, 3)?,
        Insn::FmvWX(i) => fp::mv_from_x(h, i, raw, false)?,
        // ---- D ----
        Insn::Fld(i) => fload(h, i, raw, true)?,
        Insn::Fsd(s) => fstore(h, s, raw, true)?,
        Insn::FmaddD(i) => fp::fma::<F64>(h, i, raw, Fma::Madd)?,
        Insn::FmsubD(i) => fp::fma::<F64>(h, i, raw, Fma::Msub)?,
        Insn::FnmsubD(i) => fp::fma::<F64>(h, i, raw, Fma::Nmsub)?,
        Insn::FnmaddD(i) => fp::fma::<F64>(h, i, raw, Fma::Nmadd)?,
        Insn::FaddD(i) => fp::arith::<F64>(h, i, raw, Op::Add)?,
        Insn::FsubD(i) => fp::arith::<F64>(h, i, raw, Op::Sub)?,
        Insn::FmulD(i) => fp::arith::<F64>(h, i, raw, Op::Mul)?,
        Insn::FdivD(i) => fp::arith::<F64>(h, i, raw, Op::Div)?,
        Insn::FsqrtD(i) => fp::sqrt::<F64>(h, i, raw)?,
        Insn::FsgnjD(i) => fp::sgnj::<F64>(h, i, raw, 0)?,
        Insn::FsgnjnD(i) => fp::sgnj::<F64>(h, i, raw, 1)?,
        Insn::FsgnjxD(i) => fp::sgnj::<F64>(h, i, raw, 2)?,
        Insn::FminD(i) => fp::minmax::<F64>(h, i, raw, false)?,
        Insn::FmaxD(i) => fp::minmax::<F64>(h, i, raw, true)?,
        Insn::FcvtSD(i) => fp::cvt_s_d(h, i, raw)?,
        Insn::FcvtDS(i) => fp::cvt_d_s(h, i, raw)?,
        Insn::FeqD(i) => fp::compare::<F64>(h, i, raw, 0)?,
        Insn::FltD(i) => fp::compare::<F64>(h, i, raw, 1)?,
        Insn::FleD(i) => fp::compare::<F64>(h, i, raw, 2)?,
        Insn::FclassD(i) => fp::class::<F64>(h, i, raw)?,
        Insn::FcvtWD(i) => fp::to_int::<F64>(h, i, raw, 0)?,
        Insn::FcvtWuD(i) => fp::to_int::<F64>(h, i, raw, 1)?,
        Insn::FcvtLD(i) => fp::to_int::<F64>(h, i, raw, 2)?,
        Insn::FcvtLuD(i) => fp::to_int::<F64>(h, i, raw, 3)?,
        Insn::FcvtDW(i) => fp::from_int::<F64>(h, i, raw, 0)?,
        Insn::FcvtDWu(i) => fp::from_int::<F64>(h, i, raw, 1)?,
        Insn::FcvtDL(i) => fp::from_int::<F64>(h, i, raw, 2)?,
        Insn::FcvtDLu(i) => fp::from_int::<F64>(h, i, raw, 3)?,
        Insn::FmvXD(i) => fp::mv_to_x(h, i, raw, true)?,
        Insn::FmvDX(i) => fp::mv_from_x(h, i, raw, true)?,
        // ---- Zba ----
        Insn::AddUw(i) => r(h, i, add_uw),
        Insn::Sh1add(i) => r(h, i, sh1add),
        Insn::Sh2add(i) => r(h, i, sh2add),
        Insn::Sh3add(i) => r(h, i, sh3add),
        Insn::Sh1addUw(i) => r(h, i, sh1add_uw),
        Insn::Sh2addUw(i) => r(h, i, sh2add_uw),
        Insn::Sh3addUw(i) => r(h, i, sh3add_uw),
        Insn::SlliUw(i) => sh(h, i, slli_uw),
        // ---- Zbb ----
        Insn::Andn(i) => r(h, i, andn),
        Insn::Orn(i) => r(h, i, orn),
        Insn::Xnor(i) => r(h, i, xnor),
        Insn::Clz(i) => un(h, i, clz),
        Insn::Ctz(i) => un(h, i, ctz),
        Insn::Cpop(i) => un(h, i, cpop),
        Insn::Clzw(i) => un(h, i, clzw),
        Insn::Ctzw(i) => un(h, i, ctzw),
        Insn::Cpopw(i) => un(h, i, cpopw),
        Insn::Max(i) => r(h, i, max),
        Insn::Maxu(i) => r(h, i, maxu),
        Insn::Min(i) => r(h, i, min),
        Insn::Minu(i) => r(h, i, minu),
        Insn::SextB(i) => un(h, i, sext_b),
        Insn::SextH(i) => un(h, i, sext_h),
        Insn::ZextH(i) => un(h, i, zext_h),
        Insn::Rol(i) => r(h, i, rol),
        Insn::Ror(i) => r(h, i, ror),
        Insn::Rolw(i) => r(h, i, rolw),
        Insn::Rorw(i) => r(h, i, rorw),
        Insn::Rori(i) => sh(h, i, ror),
        Insn::Roriw(i) => sh(h, i, rorw),
        Insn::OrcB(i) => un(h, i, orc_b),
        Insn::Rev8(i) => un(h, i, rev8),
        // ---- Zbc ----
        Insn::Clmul(i) => r(h, i, clmul),
        Insn::Clmulh(i) => r(h, i, clmulh),
        Insn::Clmulr(i) => r(h, i, clmulr),
        // ---- Zbs ----
        Insn::Bclr(i) => r(h, i, bclr),
        Insn::Bclri(i) => sh(h, i, bclr),
        Insn::Bext(i) => r(h, i, bext),
        Insn::Bexti(i) => sh(h, i, bext),
        Insn::Binv(i) => r(h, i, binv),
        Insn::Binvi(i) => sh(h, i, binv),
        Insn::Bset(i) => r(h, i, bset),
        Insn::Bseti(i) => sh(h, i, bset),
        // ---- Zicond ----
        Insn::CzeroEqz(i) => r(h, i, czero_eqz),
        Insn::CzeroNez(i) => r(h, i, czero_nez),
        // ---- CMO ----
        Insn::CboInval(rs) => system::cbo(h, rs, Cbo::Inval, raw)?,
        Insn::CboClean(rs) => system::cbo(h, rs, Cbo::Clean, raw)?,
        Insn::CboFlush(rs) => system::cbo(h, rs, Cbo::Flush, raw)?,
        Insn::CboZero(rs) => system::cbo(h, rs, Cbo::Zero, raw)?,
        Insn::Illegal => return Err(Exception::illegal(raw)),
    }
    h.pc = next;
    Ok(())
}

/// FENCE (unprivileged spec ch. 2.7, RVWMO ch. 17): RAM accesses are host
/// atomics on an x86 (TSO) host, which orders everything but a store
/// followed by a load; only a fence ordering writes before reads needs a
/// host fence (the translator emits `mfence` for the same case).
fn fence(f: crate::isa::Fence) {
    if f.pred & 1 != 0 && f.succ & 2 != 0 {
        std::sync::atomic::fence(std::sync::atomic::Ordering::SeqCst);
    }
}

/// PAUSE (Zihintpause, unprivileged spec ch. 10): a hint that the hart is
/// spinning. When harts take turns on one thread, it ends this hart's turn
/// (deterministically: at this instruction) so the one it waits for runs.
fn pause(h: &mut Hart) {
    if h.pause_yields {
        h.signals.exit_req.store(1, std::sync::atomic::Ordering::Relaxed);
        h.attention = true;
    }
}
