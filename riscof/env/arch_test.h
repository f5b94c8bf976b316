/* mimic's own arch_test.h: the riscv-arch-test macro conventions, small
 * enough to read in one sitting, for the arch-test-style programs under
 * riscof/suite/ (riscv-arch-test itself is not vendored here).
 *
 * A test is:
 *     #include "model_test.h"      // the model's RVMODEL_* (per plugin)
 *     #include "arch_test.h"       // this file
 *     RVTEST_ISA("RV64I")
 *     RVTEST_CODE_BEGIN
 *     #ifdef TEST_CASE_1
 *     RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*);def TEST_CASE_1=True;",add)
 *     RVTEST_SIGBASE(x1, signature_x1_1)
 *     TEST_RR_OP(add, x3, x4, x5, 0x3, 0x1, 0x2, x1, 0, x6)
 *     #endif
 *     RVTEST_CODE_END
 *     RVMODEL_HALT
 *     RVTEST_DATA_BEGIN ... RVTEST_DATA_END
 *     RVTEST_SIG_BEGIN
 *     signature_x1_1: .fill N*(XLEN/32),4,0xdeadbeef
 *     RVTEST_SIG_END
 *
 * RISCOF reads RVTEST_ISA and RVTEST_CASE from the source text to select
 * tests and -D their macros; to the assembler they are empty.
 *
 * Signature contents must not depend on where the model's code or data
 * land (each model's RVMODEL_* differ in size): results are values, and
 * the trap handler records mepc relative to rvtest_code_begin and load /
 * store fault addresses relative to rvtest_data_begin.
 *
 * Traps: every test runs with an M-mode handler that appends (mcause,
 * mepc - rvtest_code_begin, mtval') to the trap signature area (the last
 * part of the signature, TRAP_SLOTS records; further traps are not
 * recorded) and resumes after the trapping instruction (2 or 4 bytes).
 * It preserves every register. mtval' is mtval, except: an address
 * inside the test's data or signature is recorded as its offset from
 * rvtest_data_begin; for breakpoints 0, since the privileged spec (3.1.16 "mtval") lets an implementation
 * write either zero or the EBREAK's address (mimic writes the address,
 * QEMU zero).
 */
#ifndef MIMIC_ARCH_TEST_H
#define MIMIC_ARCH_TEST_H

#if XLEN == 64
#define SREG sd
#define LREG ld
#define REGWIDTH 8
#else
#define SREG sw
#define LREG lw
#define REGWIDTH 4
#endif

#if FLEN == 64
#define FSREG fsd
#define FLREG fld
#define FREGWIDTH 8
#else
#define FSREG fsw
#define FLREG flw
#define FREGWIDTH 4
#endif

#define TRAP_SLOTS 8

#define RVTEST_ISA(_STR)
#define RVTEST_CASE(_PNAME, _DSTR, ...)

/* ---- program frame ---- */

#define RVTEST_CODE_BEGIN                                               \
        .section .text.init;                                            \
        .align 4;                                                       \
        .globl rvtest_entry_point;                                      \
rvtest_entry_point:                                                     \
        RVMODEL_BOOT;                                                   \
        la t0, rvtest_trap_handler;                                     \
        csrw mtvec, t0;                                                 \
        la t0, rvtest_trap_state;                                       \
        la t1, mtrap_sigptr;                                            \
        SREG t1, TRAP_NEXT(t0);                                         \
        li t0, (1 << 13); /* mstatus.FS = Initial */                    \
        csrs mstatus, t0;                                               \
        csrwi fcsr, 0;                                                  \
        RVTEST_ZERO_REGS;                                               \
        j rvtest_code_begin;                                            \
        RVTEST_TRAP_HANDLER;                                            \
        .align 2;                                                       \
        .globl rvtest_code_begin;                                       \
rvtest_code_begin:

#define RVTEST_CODE_END                                                 \
        .align 2;                                                       \
        .globl rvtest_code_end;                                         \
rvtest_code_end:

/* Every register but x0 starts at 0, whatever the model's boot left. */
#define RVTEST_ZERO_REGS                                                \
        li x1, 0; li x2, 0; li x3, 0; li x4, 0; li x5, 0; li x6, 0;     \
        li x7, 0; li x8, 0; li x9, 0; li x10, 0; li x11, 0; li x12, 0;  \
        li x13, 0; li x14, 0; li x15, 0; li x16, 0; li x17, 0;          \
        li x18, 0; li x19, 0; li x20, 0; li x21, 0; li x22, 0;          \
        li x23, 0; li x24, 0; li x25, 0; li x26, 0; li x27, 0;          \
        li x28, 0; li x29, 0; li x30, 0; li x31, 0

/* The handler (see the note at the top). State words at
 * rvtest_trap_state: saved t0..t4, then the next record's address. */
#define TRAP_NEXT (5 * REGWIDTH)
#define RVTEST_TRAP_HANDLER                                             \
        .align 4;                                                       \
rvtest_trap_handler:                                                    \
        csrw mscratch, t0;                                              \
        la t0, rvtest_trap_state;                                       \
        SREG t1, 1 * REGWIDTH(t0);                                      \
        SREG t2, 2 * REGWIDTH(t0);                                      \
        SREG t3, 3 * REGWIDTH(t0);                                      \
        SREG t4, 4 * REGWIDTH(t0);                                      \
        LREG t1, TRAP_NEXT(t0);                                         \
        la t2, mtrap_sigptr_end;                                        \
        bgeu t1, t2, 1f;                                                \
        csrr t2, mcause;                                                \
        SREG t2, 0(t1);                                                 \
        csrr t2, mepc;                                                  \
        la t3, rvtest_code_begin;                                       \
        sub t2, t2, t3;                                                 \
        SREG t2, REGWIDTH(t1);                                          \
        RVTEST_TRAP_MTVAL;                                              \
        SREG t2, 2 * REGWIDTH(t1);                                      \
        addi t1, t1, 3 * REGWIDTH;                                      \
        SREG t1, TRAP_NEXT(t0);                                         \
1:      csrr t1, mepc;                                                  \
        lhu t2, 0(t1);                                                  \
        andi t2, t2, 3;                                                 \
        xori t2, t2, 3;          /* 0: a 4-byte instruction */          \
        seqz t2, t2;                                                    \
        slli t2, t2, 1;                                                 \
        addi t2, t2, 2;                                                 \
        add t1, t1, t2;                                                 \
        csrw mepc, t1;                                                  \
        LREG t1, 1 * REGWIDTH(t0);                                      \
        LREG t2, 2 * REGWIDTH(t0);                                      \
        LREG t3, 3 * REGWIDTH(t0);                                      \
        LREG t4, 4 * REGWIDTH(t0);                                      \
        csrr t0, mscratch;                                              \
        mret

/* t2 = mtval as recorded: 0 for a breakpoint; an address inside the
 * test's data and signature as its offset from rvtest_data_begin (the
 * data lands at different addresses in different models); anything else
 * as it is. Uses t3, t4. */
#define RVTEST_TRAP_MTVAL                                               \
        csrr t2, mtval;                                                 \
        csrr t3, mcause;                                                \
        addi t3, t3, -3;                                                \
        bnez t3, 2f;                                                    \
        li t2, 0;                                                       \
2:      la t3, rvtest_data_begin;                                       \
        sub t3, t2, t3;                                                 \
        la t4, rvtest_sig_end;                                          \
        bltu t2, t4, 3f;                                                \
        j 4f;                                                           \
3:      la t4, rvtest_data_begin;                                       \
        bltu t2, t4, 4f;                                                \
        mv t2, t3;                                                      \
4:

#define RVTEST_DATA_BEGIN                                               \
        .data;                                                          \
        .align 4;                                                       \
        .globl rvtest_data_begin;                                       \
rvtest_data_begin:                                                      \
rvtest_trap_state:                                                      \
        .fill 6 * (XLEN / 32), 4, 0;                                    \
        .align 4;                                                       \
rvtest_data:

#define RVTEST_DATA_END                                                 \
        .align 4;                                                       \
        .globl rvtest_data_end;                                         \
rvtest_data_end:

/* The signature: the model's bounds, our canaries, the test's areas,
 * then the trap records. */
#define RVTEST_SIG_BEGIN                                                \
        RVMODEL_DATA_BEGIN;                                             \
        .globl rvtest_sig_begin;                                        \
rvtest_sig_begin:                                                       \
sig_begin_canary:                                                       \
        CANARY;

#define RVTEST_SIG_END                                                  \
        .align 3;                                                       \
tsig_begin_canary:                                                      \
        CANARY;                                                         \
mtrap_sigptr:                                                           \
        .fill 3 * TRAP_SLOTS * (XLEN / 32), 4, 0xdeadbeef;              \
mtrap_sigptr_end:                                                       \
tsig_end_canary:                                                        \
        CANARY;                                                         \
sig_end_canary:                                                         \
        CANARY;                                                         \
        .globl rvtest_sig_end;                                          \
rvtest_sig_end:                                                         \
        RVMODEL_DATA_END

#define CANARY .dword 0x6f5ca309e7d4b281

/* ---- signature updates ---- */

/* Points `_BR` at `_LABEL`; later updates store at increasing offsets. */
#define RVTEST_SIGBASE(_BR, _LABEL)                                     \
        la _BR, _LABEL;                                                 \
        .set offset, 0

/* Stores `_R` at the next signature slot of `_BR`. */
#define RVTEST_SIGUPD(_BR, _R)                                          \
        SREG _R, offset(_BR);                                           \
        .set offset, offset + REGWIDTH

/* Stores FP register `_F` (FLEN bits) in one slot and the accrued
 * flags (read and cleared through `_FLAGREG`) in the next. */
#define RVTEST_SIGUPD_F(_BR, _F, _FLAGREG)                              \
        FSREG _F, offset(_BR);                                          \
        csrrw _FLAGREG, fflags, zero;                                   \
        SREG _FLAGREG, offset + REGWIDTH(_BR);                          \
        .set offset, offset + 2 * REGWIDTH

/* Stores integer register `_R` and the accrued flags, as above. */
#define RVTEST_SIGUPD_FX(_BR, _R, _FLAGREG)                             \
        csrrw _FLAGREG, fflags, zero;                                   \
        SREG _R, offset(_BR);                                           \
        SREG _FLAGREG, offset + REGWIDTH(_BR);                          \
        .set offset, offset + 2 * REGWIDTH

/* ---- test macros (argument order as in riscv-arch-test's
 * test_macros.h; `correctval` documents the expected result, the
 * comparison itself is the reference model's signature) ---- */

/* rd = inst(rs1 = val1, rs2 = val2) */
#define TEST_RR_OP(inst, destreg, reg1, reg2, correctval, val1, val2, swreg, offset, testreg) \
        li reg1, MASK_XLEN(val1);                                       \
        li reg2, MASK_XLEN(val2);                                       \
        inst destreg, reg1, reg2;                                       \
        RVTEST_SIGUPD(swreg, destreg)

/* rd = inst(rs1 = val, imm) */
#define TEST_IMM_OP(inst, destreg, reg, correctval, val, imm, swreg, offset, testreg) \
        li reg, MASK_XLEN(val);                                         \
        inst destreg, reg, SEXT_IMM(imm);                               \
        RVTEST_SIGUPD(swreg, destreg)

/* rd = inst(rs1 = val) */
#define TEST_R_OP(inst, destreg, reg, correctval, val, swreg, offset, testreg) \
        li reg, MASK_XLEN(val);                                         \
        inst destreg, reg;                                              \
        RVTEST_SIGUPD(swreg, destreg)

/* FP operands are given as raw bits (NaN-boxed by the move when FLEN
 * is wider than the operation). Every FP case clears fflags first and
 * records the result and the flags it raised. */
#define FP_SET(freg, val, tmp) li tmp, val; FMV_X2F freg, tmp

/* fd = inst(fs1) with rounding mode rm (fsqrt) */
#define TEST_FPR_OP(inst, fd, fs1, rm, val1, swreg, flagreg, tmp)      \
        FP_SET(fs1, val1, tmp);                                         \
        csrwi fflags, 0;                                                \
        inst fd, fs1, rm;                                               \
        RVTEST_SIGUPD_F(swreg, fd, flagreg)

/* fd = inst(fs1, fs2) with rounding mode rm (fadd, fmul, ...) */
#define TEST_FPRR_OP(inst, fd, fs1, fs2, rm, val1, val2, swreg, flagreg, tmp) \
        FP_SET(fs1, val1, tmp); FP_SET(fs2, val2, tmp);                 \
        csrwi fflags, 0;                                                \
        inst fd, fs1, fs2, rm;                                          \
        RVTEST_SIGUPD_F(swreg, fd, flagreg)

/* fd = inst(fs1, fs2) without a rounding mode (fmin, fsgnj, ...) */
#define TEST_FPRR_NR(inst, fd, fs1, fs2, val1, val2, swreg, flagreg, tmp) \
        FP_SET(fs1, val1, tmp); FP_SET(fs2, val2, tmp);                 \
        csrwi fflags, 0;                                                \
        inst fd, fs1, fs2;                                              \
        RVTEST_SIGUPD_F(swreg, fd, flagreg)

/* fd = inst(fs1, fs2, fs3) with rounding mode rm (fmadd, ...) */
#define TEST_FPR4_OP(inst, fd, fs1, fs2, fs3, rm, val1, val2, val3, swreg, flagreg, tmp) \
        FP_SET(fs1, val1, tmp); FP_SET(fs2, val2, tmp); FP_SET(fs3, val3, tmp); \
        csrwi fflags, 0;                                                \
        inst fd, fs1, fs2, fs3, rm;                                     \
        RVTEST_SIGUPD_F(swreg, fd, flagreg)

/* rd = inst(fs1, fs2): comparisons */
#define TEST_FCMP_OP(inst, rd, fs1, fs2, val1, val2, swreg, flagreg, tmp) \
        FP_SET(fs1, val1, tmp); FP_SET(fs2, val2, tmp);                 \
        csrwi fflags, 0;                                                \
        inst rd, fs1, fs2;                                              \
        RVTEST_SIGUPD_FX(swreg, rd, flagreg)

/* rd = inst(fs1): fclass, and raw moves to integer registers */
#define TEST_FCLASS_OP(inst, rd, fs1, val1, swreg, flagreg, tmp)       \
        FP_SET(fs1, val1, tmp);                                         \
        csrwi fflags, 0;                                                \
        inst rd, fs1;                                                   \
        RVTEST_SIGUPD_FX(swreg, rd, flagreg)

/* rd = inst(fs1) with rounding mode rm: conversions to integers */
#define TEST_FCVT_X_OP(inst, rd, fs1, rm, val1, swreg, flagreg, tmp)   \
        FP_SET(fs1, val1, tmp);                                         \
        csrwi fflags, 0;                                                \
        inst rd, fs1, rm;                                               \
        RVTEST_SIGUPD_FX(swreg, rd, flagreg)

/* fd = inst(rs1 = val1) with rounding mode rm: conversions from integers
 * (and between FP widths when rs1 is an FP register set by the caller) */
#define TEST_FCVT_F_OP(inst, fd, rs1, rm, val1, swreg, flagreg)        \
        li rs1, val1;                                                   \
        csrwi fflags, 0;                                                \
        inst fd, rs1, rm;                                               \
        RVTEST_SIGUPD_F(swreg, fd, flagreg)

#if FLEN == 64
#define FMV_X2F fmv.d.x
#else
#define FMV_X2F fmv.w.x
#endif

#if XLEN == 64
#define MASK_XLEN(x) (x)
#else
#define MASK_XLEN(x) ((x) & 0xffffffff)
#endif
#define SEXT_IMM(x) ((x) | (-(((x) >> 11) & 1) << 11))

#endif
