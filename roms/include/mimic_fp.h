/* Floating-point checking macros for mimic's test programs, on top of
 * mimic_test.h (include that first).
 *
 * Each test gets one 5-doubleword row in .data, labelled fp_row_<n>:
 *     operand a, operand b, operand c, expected result, scratch
 * Operands are raw bit patterns: single-precision values in the low 32
 * bits, integers as 64-bit values. A test loads the row's address into
 * a0, the operands into fa0/fa1/fa2 (flw or fld) or a1/a2 (ld), runs its
 * code, which leaves the result in fa3 (f result) or a4 (x result), then
 * compares all 64 bits of the result with the row and checks fflags
 * (CHECK_FLAGS, which also clears them).
 *
 * Single-precision results are compared as 64-bit register contents, so
 * every check of an F result also checks its NaN-boxing (unprivileged
 * spec 21.2 "NaN Boxing of Narrower Values"); reading all 64 bits uses
 * fmv.x.d (D extension), which every RV64GC hart has.
 *
 * Registers used: a0 (row), a1-a4, fa0-fa3, plus gp/t6 from mimic_test.h.
 * Test numbers must be unique within a file (they name the rows).
 */
#ifndef MIMIC_FP_H
#define MIMIC_FP_H

/* fflags bits (unprivileged spec 20.2, table "Accrued exception flag
 * encoding"). */
#define NX 0x01
#define UF 0x02
#define OF 0x04
#define DZ 0x08
#define NV 0x10

/* A single-precision value as a 64-bit register holds it (NaN-boxed). */
#define BOX_S(v) (0xffffffff00000000 | (v))

#define FP_ROW(n, a, b, c, r)                                          \
        .pushsection .data;                                            \
        .align 3;                                                      \
fp_row_##n: .dword a, b, c, r, 0;                                      \
        .popsection;                                                   \
        li TESTNUM, n;                                                 \
        la a0, fp_row_##n

#define FP_LD_S flw fa0, 0(a0); flw fa1, 8(a0); flw fa2, 16(a0)
#define FP_LD_D fld fa0, 0(a0); fld fa1, 8(a0); fld fa2, 16(a0)
#define FP_LD_X ld a1, 0(a0); ld a2, 8(a0)
#define FP_GET_F fmv.x.d a4, fa3
#define FP_GET_X

/* Runs `code` on the row's operands (loaded by `load`), takes the result
 * with `get`, and checks it against `r` and fflags against `flags`. */
#define TEST_FP(n, flags, r, a, b, c, load, get, code...)              \
        FP_ROW(n, a, b, c, r);                                         \
        load;                                                          \
        code;                                                          \
        get;                                                           \
        ld a3, 24(a0);                                                 \
        bne a4, a3, fail;                                              \
        CHECK_FLAGS(n, flags)

/* ---- single precision ---- */
/* fa3 = inst fa0, fa1 */
#define TEST_FRR_S(n, inst, flags, r, a, b)                            \
        TEST_FP(n, flags, BOX_S(r), a, b, 0, FP_LD_S, FP_GET_F, inst fa3, fa0, fa1)
/* fa3 = inst fa0 */
#define TEST_FR_S(n, inst, flags, r, a)                                \
        TEST_FP(n, flags, BOX_S(r), a, 0, 0, FP_LD_S, FP_GET_F, inst fa3, fa0)
/* fa3 = inst fa0, fa1, fa2 */
#define TEST_FR4_S(n, inst, flags, r, a, b, c)                         \
        TEST_FP(n, flags, BOX_S(r), a, b, c, FP_LD_S, FP_GET_F, inst fa3, fa0, fa1, fa2)
/* a4 = inst fa0, fa1 (feq/flt/fle) */
#define TEST_FCMP_S(n, inst, flags, r, a, b)                           \
        TEST_FP(n, flags, r, a, b, 0, FP_LD_S, FP_GET_X, inst a4, fa0, fa1)
/* a4 = inst fa0 (fclass, fcvt.{w,wu,l,lu}.s, fmv.x.w) */
#define TEST_FTOX_S(n, inst, flags, r, a)                              \
        TEST_FP(n, flags, r, a, 0, 0, FP_LD_S, FP_GET_X, inst a4, fa0)
/* fa3 = inst a1 (fcvt.s.{w,wu,l,lu}, fmv.w.x) */
#define TEST_XTOF_S(n, inst, flags, r, x)                              \
        TEST_FP(n, flags, BOX_S(r), x, 0, 0, FP_LD_X, FP_GET_F, inst fa3, a1)
/* free-form: operands in fa0-fa2 (single), `code` leaves a single in fa3 */
#define TEST_FCODE_S(n, flags, r, a, b, c, code...)                    \
        TEST_FP(n, flags, BOX_S(r), a, b, c, FP_LD_S, FP_GET_F, code)

/* ---- double precision ---- */
#define TEST_FRR_D(n, inst, flags, r, a, b)                            \
        TEST_FP(n, flags, r, a, b, 0, FP_LD_D, FP_GET_F, inst fa3, fa0, fa1)
#define TEST_FR_D(n, inst, flags, r, a)                                \
        TEST_FP(n, flags, r, a, 0, 0, FP_LD_D, FP_GET_F, inst fa3, fa0)
#define TEST_FR4_D(n, inst, flags, r, a, b, c)                         \
        TEST_FP(n, flags, r, a, b, c, FP_LD_D, FP_GET_F, inst fa3, fa0, fa1, fa2)
#define TEST_FCMP_D(n, inst, flags, r, a, b)                           \
        TEST_FP(n, flags, r, a, b, 0, FP_LD_D, FP_GET_X, inst a4, fa0, fa1)
#define TEST_FTOX_D(n, inst, flags, r, a)                              \
        TEST_FP(n, flags, r, a, 0, 0, FP_LD_D, FP_GET_X, inst a4, fa0)
#define TEST_XTOF_D(n, inst, flags, r, x)                              \
        TEST_FP(n, flags, r, x, 0, 0, FP_LD_X, FP_GET_F, inst fa3, a1)
#define TEST_FCODE_D(n, flags, r, a, b, c, code...)                    \
        TEST_FP(n, flags, r, a, b, c, FP_LD_D, FP_GET_F, code)

/* ---- between the formats ---- */
/* fa3 (single) = inst fa0 (double): fcvt.s.d */
#define TEST_FR_SD(n, inst, flags, r, a)                               \
        TEST_FP(n, flags, BOX_S(r), a, 0, 0, FP_LD_D, FP_GET_F, inst fa3, fa0)
/* fa3 (double) = inst fa0 (single): fcvt.d.s */
#define TEST_FR_DS(n, inst, flags, r, a)                               \
        TEST_FP(n, flags, r, a, 0, 0, FP_LD_S, FP_GET_F, inst fa3, fa0)

#endif
