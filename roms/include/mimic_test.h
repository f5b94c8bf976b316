/* mimic's bare-metal test harness (our own, in the style of riscv-tests'
 * physical environment): _start in M-mode at 0x80000000, results through
 * HTIF tohost (1 = pass, n << 1 | 1 = test n failed), a default trap
 * handler that fails the current test, and small checking macros.
 *
 * Register conventions: gp (x3) holds the current test number; t6 (x31)
 * is the macros' scratch register; tests keep their own values elsewhere.
 *
 * A program is:
 *     #include "mimic_test.h"
 *     TEST_BEGIN
 *       TEST_RR(2, add, 3, 1, 2)
 *       ...
 *     TEST_END
 * and may define `TEST_TRAP_HANDLER` (a label) before including this file
 * to install its own M-mode trap handler instead of the failing one.
 */
#ifndef MIMIC_TEST_H
#define MIMIC_TEST_H

#define TESTNUM gp

/* ---- program frame ---- */
#define TEST_BEGIN                                                     \
        .section .text.init;                                           \
        .align 6;                                                      \
        .globl _start;                                                 \
_start:                                                                \
        la t0, mimic_trap_entry;                                       \
        csrw mtvec, t0;                                                \
        li TESTNUM, 1; /* a trap before the first check fails test 1 */ \
        li t0, (1 << 13);  /* mstatus.FS = Initial */                  \
        csrs mstatus, t0;                                              \
        csrwi fcsr, 0;                                                 \
        j mimic_test_main;                                             \
        .align 2;                                                      \
mimic_trap_entry:                                                      \
        MIMIC_TRAP_JUMP;                                               \
        .text;                                                         \
mimic_test_main:

#ifdef TEST_TRAP_HANDLER
#define MIMIC_TRAP_JUMP j TEST_TRAP_HANDLER
#else
#define MIMIC_TRAP_JUMP j fail
#endif

#define TEST_END                                                       \
        j pass;                                                        \
fail:                                                                  \
        fence;                                                         \
        slli a0, TESTNUM, 1;                                           \
        ori a0, a0, 1;                                                 \
        j mimic_write_tohost;                                          \
pass:                                                                  \
        fence;                                                         \
        li a0, 1;                                                      \
mimic_write_tohost:                                                    \
        la t0, tohost;                                                 \
        sd a0, 0(t0);                                                  \
1:      j 1b;                                                          \
        .pushsection .tohost, "aw", @progbits;                         \
        .align 6; .globl tohost; .type tohost, @object;                \
        .size tohost, 8; tohost: .dword 0;                             \
        .align 6; .globl fromhost; .type fromhost, @object;            \
        .size fromhost, 8; fromhost: .dword 0;                         \
        .popsection

/* ---- checks ---- */

/* Fails test `n` unless register `reg` equals the 64-bit constant `val`. */
#define CHECK(n, reg, val)                                             \
        li TESTNUM, n;                                                 \
        li t6, val;                                                    \
        bne reg, t6, fail

/* rd = inst(v1, v2) via a0 = inst a1, a2. */
#define TEST_RR(n, inst, result, v1, v2)                               \
        li a1, v1; li a2, v2;                                          \
        inst a0, a1, a2;                                               \
        CHECK(n, a0, result)

/* rd = inst(v1, imm). */
#define TEST_IMM(n, inst, result, v1, imm)                             \
        li a1, v1;                                                     \
        inst a0, a1, imm;                                              \
        CHECK(n, a0, result)

/* rd = inst(v1) for unary operations. */
#define TEST_R(n, inst, result, v1)                                    \
        li a1, v1;                                                     \
        inst a0, a1;                                                   \
        CHECK(n, a0, result)

/* Runs `code`, then checks `reg` == `val` (free-form cases). */
#define TEST_CASE(n, reg, val, code...)                                \
        li TESTNUM, n;                                                 \
        code;                                                          \
        CHECK(n, reg, val)

/* Checks fflags == `flags` and clears them. */
#define CHECK_FLAGS(n, flags)                                          \
        li TESTNUM, n;                                                 \
        csrrw t6, fflags, zero;                                        \
        addi t6, t6, -(flags);                                         \
        bnez t6, fail

#endif
