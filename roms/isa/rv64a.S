# RV64A: lr.w/sc.w, lr.d/sc.d and every AMO in both widths
# (unprivileged spec ch. 14 "A" Extension for Atomic Instructions:
# 14.2 "Load-Reserved/Store-Conditional Instructions", 14.4 "Atomic Memory
# Operations"). Covers: SC success and failure (no reservation, after
# another SC, to another reservation set, after MRET, which mimic uses to
# drop the reservation as privileged spec 3.3.2 allows), .w results
# sign-extended and .w operands truncated to 32 bits, signed versus unsigned
# min/max, rd = rs2 and rd = x0, the aq/rl/aqrl variants, and misaligned
# addresses: LR raises load address misaligned (cause 4), SC and AMOs raise
# store/AMO address misaligned (cause 6), with mtval = the address, rd and
# memory unchanged (14.2, 14.4; privileged spec 3.1.15 "mcause").
#define TEST_TRAP_HANDLER trap_handler
#include "mimic_test.h"

/* Trap bookkeeping (kept away from the macros' registers):
 * s8 = expected mcause (0: no trap expected), s10 = expected mtval,
 * s9 = number of traps taken; t5 is the handler's scratch. */

/* `insn a0, a2, (a1)` on the word at `data` holding `mem`, with a2 = src:
 * checks the old value in a0 (sign-extended), the new word, and that the
 * neighbouring word is untouched. */
#define TEST_AMO_W(n, insn, mem, src, old, new)                        \
        li TESTNUM, n; la a1, data;                                    \
        li t0, mem; sw t0, 0(a1); li t0, 0x11111111; sw t0, 4(a1);     \
        li a2, src;                                                    \
        insn a0, a2, (a1);                                             \
        CHECK(n, a0, old);                                             \
        lwu a3, 0(a1); CHECK(n, a3, new);                              \
        lwu a3, 4(a1); CHECK(n, a3, 0x11111111)

/* The same on the doubleword at `data`. */
#define TEST_AMO_D(n, insn, mem, src, old, new)                        \
        li TESTNUM, n; la a1, data;                                    \
        li t0, mem; sd t0, 0(a1);                                      \
        li a2, src;                                                    \
        insn a0, a2, (a1);                                             \
        CHECK(n, a0, old);                                             \
        ld a3, 0(a1); CHECK(n, a3, new)

/* Runs `code` (which uses a1 = the faulting address) expecting exactly one
 * trap with `cause` and mtval = a1; a0 (the destination) and the two
 * doublewords at `data` must be unchanged. */
#define TEST_TRAP(n, cause, off, code...)                              \
        li TESTNUM, n; la a1, data;                                    \
        li t0, 0x0123456789abcdef; sd t0, 0(a1); sd t0, 8(a1);         \
        addi a1, a1, off;                                              \
        li s8, cause; mv s10, a1; li s9, 0; li a0, 0x5a5a;             \
        code;                                                          \
        li s8, 0;                                                      \
        CHECK(n, s9, 1);                                               \
        CHECK(n, a0, 0x5a5a);                                          \
        la a1, data; ld a3, 0(a1); CHECK(n, a3, 0x0123456789abcdef);   \
        ld a3, 8(a1); CHECK(n, a3, 0x0123456789abcdef)

TEST_BEGIN
        li s8, 0

        /* ---- LR/SC word (14.2) ---- */
        /* lr.w sign-extends the loaded word */
        TEST_CASE(2, a0, 0xffffffff80000001, la a1, data; li t0, 0x80000001; sw t0, 0(a1); lr.w a0, (a1))
        /* sc.w right after lr.w succeeds (rd = 0) and stores the low word only */
        TEST_CASE(3, a3, 0, li a2, 0xaaaaaaaa12345678; sc.w a3, a2, (a1))
        TEST_CASE(4, a0, 0x12345678, lwu a0, 0(a1))
        TEST_CASE(5, a0, 0, lwu a0, 4(a1))
        /* a second sc.w has no reservation left: fails (rd != 0), no store */
        TEST_CASE(6, a3, 1, li a2, 0x5555; sc.w a3, a2, (a1); snez a3, a3)
        TEST_CASE(7, a0, 0x12345678, lwu a0, 0(a1))

        /* ---- LR/SC doubleword ---- */
        TEST_CASE(10, a0, 0x8000000000000001, la a4, data + 8; li t0, 0x8000000000000001; sd t0, 0(a4); lr.d a0, (a4))
        TEST_CASE(11, a3, 0, li a2, 0x0123456789abcdef; sc.d a3, a2, (a4))
        TEST_CASE(12, a0, 0x0123456789abcdef, ld a0, 0(a4))
        /* failure after another SC: the first consumed the reservation */
        TEST_CASE(13, a3, 0, lr.d a0, (a4); li a2, 0x1111; sc.d a3, a2, (a4))
        TEST_CASE(14, a3, 1, li a5, 0x2222; sc.d a3, a5, (a4); snez a3, a3)
        TEST_CASE(15, a0, 0x1111, ld a0, 0(a4))
        /* an SC to another reservation set fails and still clears the
           reservation, so the SC to the reserved address fails too */
        TEST_CASE(16, a3, 1, la a5, data + 64; sd zero, 0(a5); lr.d a0, (a4); li a2, 0x3333; sc.d a3, a2, (a5); snez a3, a3)
        TEST_CASE(17, a0, 0, ld a0, 0(a5))
        TEST_CASE(18, a3, 1, sc.d a3, a2, (a4); snez a3, a3)
        TEST_CASE(19, a0, 0x1111, ld a0, 0(a4))
        /* an SC with no LR before it (none since the last SC) fails */
        TEST_CASE(20, a3, 1, la a1, data; sw zero, 0(a1); li a2, 7; sc.w a3, a2, (a1); snez a3, a3)
        TEST_CASE(21, a0, 0, lwu a0, 0(a1))

        /* ---- the reservation does not survive MRET (privileged 3.3.2) ---- */
        TEST_CASE(22, a3, 1,
                la a1, data; sw zero, 0(a1); lr.w a0, (a1);
                li t0, 0x1800; csrs mstatus, t0;      /* MPP = M: stay in M */
                la t0, 1f; csrw mepc, t0; mret;
                j fail;
        1:      li a2, 9; sc.w a3, a2, (a1); snez a3, a3)
        TEST_CASE(23, a0, 0, lwu a0, 0(a1))

        /* ---- AMO word (14.4): old value sign-extended, 32-bit operand ---- */
        TEST_AMO_W(30, amoswap.w, 0x80000000, 0x12345678, 0xffffffff80000000, 0x12345678)
        TEST_AMO_W(31, amoswap.w, 0x7fffffff, 0xffffffff00000000, 0x7fffffff, 0)
        TEST_AMO_W(32, amoadd.w, 0x7fffffff, 1, 0x7fffffff, 0x80000000)
        TEST_AMO_W(33, amoadd.w, 0xffffffff, 0x0000000100000001, -1, 0)
        TEST_AMO_W(34, amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xf0f0f0f0)
        TEST_AMO_W(35, amoand.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0x0f000f00)
        TEST_AMO_W(36, amoor.w, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00, 0xfff0fff0)
        TEST_AMO_W(37, amomin.w, 0xffffffff, 1, -1, 0xffffffff)
        /* rs2 = 0x80000000 is positive as 64 bits but -2^31 as a word */
        TEST_AMO_W(38, amomin.w, 1, 0x0000000080000000, 1, 0x80000000)
        TEST_AMO_W(39, amomax.w, 0xffffffff, 1, -1, 1)
        TEST_AMO_W(40, amomax.w, 0x80000000, 0xffffffff7fffffff, 0xffffffff80000000, 0x7fffffff)
        TEST_AMO_W(41, amominu.w, 0xffffffff, 1, -1, 1)
        TEST_AMO_W(42, amominu.w, 5, 0x0000000100000003, 5, 3)
        TEST_AMO_W(43, amomaxu.w, 0xffffffff, 1, -1, 0xffffffff)
        TEST_AMO_W(44, amomaxu.w, 5, 0xffffffff00000003, 5, 5)
        TEST_AMO_W(45, amomaxu.w, 0x7fffffff, 0x80000000, 0x7fffffff, 0x80000000)

        /* ---- AMO doubleword ---- */
        TEST_AMO_D(50, amoswap.d, 0x8000000000000000, 0x0123456789abcdef, 0x8000000000000000, 0x0123456789abcdef)
        TEST_AMO_D(51, amoadd.d, 0x7fffffffffffffff, 1, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_AMO_D(52, amoadd.d, 0xffffffff, 1, 0xffffffff, 0x100000000)
        TEST_AMO_D(53, amoxor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xf0f0f0f0f0f0f0f0)
        TEST_AMO_D(54, amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0x0f000f000f000f00)
        TEST_AMO_D(55, amoor.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xff00ff00ff00ff00, 0xfff0fff0fff0fff0)
        TEST_AMO_D(56, amomin.d, -1, 1, -1, -1)
        TEST_AMO_D(57, amomin.d, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_AMO_D(58, amomax.d, -1, 1, -1, 1)
        TEST_AMO_D(59, amomax.d, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_AMO_D(60, amominu.d, -1, 1, -1, 1)
        TEST_AMO_D(61, amominu.d, 0x100000000, 0xffffffff, 0x100000000, 0xffffffff)
        TEST_AMO_D(62, amomaxu.d, -1, 1, -1, -1)
        TEST_AMO_D(63, amomaxu.d, 0xffffffff, 0x100000000, 0xffffffff, 0x100000000)

        /* ---- operand aliasing: rd = rs2 reads the old value after using
           the register's value; rd = x0 still performs the operation ---- */
        TEST_CASE(70, a2, 0xffffffffdeadbeef, la a1, data; li t0, 0xdeadbeef; sw t0, 0(a1); li a2, 0x1234; amoswap.w a2, a2, (a1))
        TEST_CASE(71, a3, 0x1234, lwu a3, 0(a1))
        TEST_CASE(72, a3, 0x30, li t0, 0x10; sd t0, 0(a1); li a2, 0x20; amoadd.d x0, a2, (a1); ld a3, 0(a1))
        TEST_CASE(73, x0, 0, amoswap.d x0, a2, (a1))

        /* ---- aq/rl variants: same results (14.1 "Specifying Ordering of
           Atomic Instructions") ---- */
        TEST_AMO_W(80, amoswap.w.aq, 1, 2, 1, 2)
        TEST_AMO_W(81, amoadd.w.rl, 1, 2, 1, 3)
        TEST_AMO_W(82, amoxor.w.aqrl, 3, 5, 3, 6)
        TEST_AMO_W(83, amoand.w.aq, 3, 5, 3, 1)
        TEST_AMO_W(84, amoor.w.rl, 3, 5, 3, 7)
        TEST_AMO_W(85, amomin.w.aqrl, 0xfffffffe, 5, 0xfffffffffffffffe, 0xfffffffe)
        TEST_AMO_W(86, amomax.w.aq, 0xfffffffe, 5, 0xfffffffffffffffe, 5)
        TEST_AMO_W(87, amominu.w.rl, 0xfffffffe, 5, 0xfffffffffffffffe, 5)
        TEST_AMO_W(88, amomaxu.w.aqrl, 0xfffffffe, 5, 0xfffffffffffffffe, 0xfffffffe)
        TEST_AMO_D(90, amoswap.d.rl, 1, 2, 1, 2)
        TEST_AMO_D(91, amoadd.d.aqrl, 1, 2, 1, 3)
        TEST_AMO_D(92, amoxor.d.aq, 3, 5, 3, 6)
        TEST_AMO_D(93, amoand.d.rl, 3, 5, 3, 1)
        TEST_AMO_D(94, amoor.d.aqrl, 3, 5, 3, 7)
        TEST_AMO_D(95, amomin.d.aq, -2, 5, -2, -2)
        TEST_AMO_D(96, amomax.d.rl, -2, 5, -2, 5)
        TEST_AMO_D(97, amominu.d.aqrl, -2, 5, -2, 5)
        TEST_AMO_D(98, amomaxu.d.aq, -2, 5, -2, -2)
        TEST_CASE(100, a3, 0, la a1, data; lr.w.aq a0, (a1); sc.w.rl a3, a2, (a1))
        TEST_CASE(101, a3, 0, lr.w.aqrl a0, (a1); sc.w.aqrl a3, a2, (a1))
        TEST_CASE(102, a3, 0, lr.d.aq a0, (a1); sc.d.rl a3, a2, (a1))
        TEST_CASE(103, a3, 0, lr.d.aqrl a0, (a1); sc.d.aqrl a3, a2, (a1))
        TEST_CASE(104, a3, 0, lr.d.rl a0, (a1); sc.d.aq a3, a2, (a1))

        /* ---- misaligned: AMO and SC cause 6, LR cause 4, mtval = address ---- */
        TEST_TRAP(110, 6, 2, amoadd.w a0, a2, (a1))
        TEST_TRAP(111, 6, 1, amoswap.w a0, a2, (a1))
        TEST_TRAP(112, 6, 4, amoswap.d a0, a2, (a1))
        TEST_TRAP(113, 6, 1, amomaxu.d.aqrl a0, a2, (a1))
        TEST_TRAP(114, 6, 6, amominu.w a0, a2, (a1))
        TEST_TRAP(115, 4, 1, lr.w a0, (a1))
        TEST_TRAP(116, 4, 4, lr.d a0, (a1))
        TEST_TRAP(117, 4, 2, lr.d.aq a0, (a1))
        /* SC checks alignment whether or not a reservation exists */
        TEST_TRAP(118, 6, 2, li a2, 0x77; sc.w a0, a2, (a1))
        TEST_TRAP(119, 6, 4, li a2, 0x77; sc.d a0, a2, (a1))
        TEST_TRAP(120, 6, 4, li a2, 0x77; addi t0, a1, -4; lr.d a3, (t0); sc.d a0, a2, (a1))
TEST_END

/* Expected traps only: check mcause and mtval, count, skip the 4-byte
 * instruction. Anything else fails the current test. */
trap_handler:
        beqz s8, fail
        csrr t5, mcause
        bne t5, s8, fail
        csrr t5, mtval
        bne t5, s10, fail
        addi s9, s9, 1
        csrr t5, mepc
        addi t5, t5, 4
        csrw mepc, t5
        mret

        .data
        .align 6
data:   .zero 128
