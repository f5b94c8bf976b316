# RV64M: mul, mulh, mulhsu, mulhu, mulw, div, divu, rem, remu and the W
# forms divw, divuw, remw, remuw (unprivileged spec ch. 13 "M" Extension
# for Integer Multiplication and Division). Edge cases: the high halves of
# signed x signed, signed x unsigned and unsigned x unsigned products,
# truncation toward zero, and every row of table 13.1 "Semantics for
# division by zero and division overflow" in both widths; the W forms
# ignore the upper 32 bits of their operands and sign-extend their result.
#include "mimic_test.h"

#define MIN 0x8000000000000000
#define MAX 0x7fffffffffffffff

TEST_BEGIN
        /* ---- mul: the low 64 bits (13.1) ---- */
        TEST_RR(2, mul, 21, 3, 7)
        TEST_RR(3, mul, 1, -1, -1)
        TEST_RR(4, mul, MIN, MIN, -1)
        TEST_RR(5, mul, 0, 0x100000000, 0x100000000)
        TEST_RR(6, mul, 0xfffffffffffffffe, MAX, 2)
        TEST_RR(7, mul, 0x2236d88fe5618cf0, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_CASE(8, a0, 9, li a0, -3; mul a0, a0, a0)

        /* ---- mulh: signed x signed, high 64 bits ---- */
        TEST_RR(10, mulh, 0, 3, 7)
        TEST_RR(11, mulh, 0, -1, -1)
        TEST_RR(12, mulh, -1, -1, 1)
        TEST_RR(13, mulh, 0x4000000000000000, MIN, MIN)
        TEST_RR(14, mulh, 0x3fffffffffffffff, MAX, MAX)
        TEST_RR(15, mulh, 0xc000000000000000, MIN, MAX)
        TEST_RR(16, mulh, 0xfffeb49923cc0953, 0x0123456789abcdef, 0xfedcba9876543210)

        /* ---- mulhsu: rs1 signed x rs2 unsigned ---- */
        TEST_RR(20, mulhsu, -1, -1, -1)
        TEST_RR(21, mulhsu, -1, -1, 1)
        TEST_RR(22, mulhsu, 0, 1, -1)
        TEST_RR(23, mulhsu, MIN, MIN, -1)
        TEST_RR(24, mulhsu, 0x0121fa00ad77d742, 0x0123456789abcdef, 0xfedcba9876543210)

        /* ---- mulhu: unsigned x unsigned ---- */
        TEST_RR(30, mulhu, 0xfffffffffffffffe, -1, -1)
        TEST_RR(31, mulhu, 1, MIN, 2)
        TEST_RR(32, mulhu, 0, 3, 7)
        TEST_RR(33, mulhu, 0x0121fa00ad77d742, 0x0123456789abcdef, 0xfedcba9876543210)

        /* ---- mulw: low 32 bits of the product, sign-extended ---- */
        TEST_RR(40, mulw, -2, 0x7fffffff, 2)
        TEST_RR(41, mulw, 15, 0x100000003, 0x100000005)
        TEST_RR(42, mulw, 0, 0x10000, 0x10000)
        TEST_RR(43, mulw, 0xffffffff80000000, 0x8000, 0x10000)
        TEST_RR(44, mulw, 0x242d2080, 0x12345678, 0x9abcdef0)

        /* ---- div: signed, rounds toward zero ---- */
        TEST_RR(50, div, 3, 20, 6)
        TEST_RR(51, div, -3, -20, 6)
        TEST_RR(52, div, -3, 20, -6)
        TEST_RR(53, div, 3, -20, -6)
        TEST_RR(54, div, MIN, MIN, -1)        /* overflow: quotient = MIN */
        TEST_RR(55, div, -1, 20, 0)           /* by zero: all ones */
        TEST_RR(56, div, -1, 0, 0)
        TEST_RR(57, div, -1, MIN, 0)

        /* ---- divu ---- */
        TEST_RR(60, divu, 3, 20, 6)
        TEST_RR(61, divu, 0x2aaaaaaaaaaaaaa7, -20, 6)
        TEST_RR(62, divu, 0, MIN, -1)
        TEST_RR(63, divu, -1, 20, 0)          /* by zero: 2^64 - 1 */
        TEST_RR(64, divu, -1, 0, 0)

        /* ---- rem: sign of the dividend ---- */
        TEST_RR(70, rem, 2, 20, 6)
        TEST_RR(71, rem, -2, -20, 6)
        TEST_RR(72, rem, 2, 20, -6)
        TEST_RR(73, rem, -2, -20, -6)
        TEST_RR(74, rem, 0, MIN, -1)          /* overflow: remainder 0 */
        TEST_RR(75, rem, 20, 20, 0)           /* by zero: the dividend */
        TEST_RR(76, rem, MIN, MIN, 0)

        /* ---- remu ---- */
        TEST_RR(80, remu, 2, 20, 6)
        TEST_RR(81, remu, 2, -20, 6)
        TEST_RR(82, remu, MIN, MIN, -1)
        TEST_RR(83, remu, -20, -20, 0)        /* by zero: the dividend */

        /* ---- divw: 32-bit signed, upper operand bits ignored ---- */
        TEST_RR(90, divw, 3, 0xffffffff00000014, 6)
        TEST_RR(91, divw, -3, -20, 6)
        TEST_RR(92, divw, -3, 20, 0x00000000fffffffa)
        TEST_RR(93, divw, 0xffffffff80000000, 0x80000000, -1)   /* overflow */
        TEST_RR(94, divw, -1, 20, 0)                            /* by zero */
        TEST_RR(95, divw, -1, 20, 0x100000000)                  /* low word zero */

        /* ---- divuw: result sign-extended from bit 31 ---- */
        TEST_RR(100, divuw, 0x2aaaaaa7, -20, 6)
        TEST_RR(101, divuw, 0xffffffff80000000, 0x80000000, 1)
        TEST_RR(102, divuw, 0, 0x80000000, 0xffffffff)
        TEST_RR(103, divuw, -1, 20, 0)                          /* by zero */
        TEST_RR(104, divuw, -1, 20, 0x100000000)

        /* ---- remw ---- */
        TEST_RR(110, remw, -2, -20, 6)
        TEST_RR(111, remw, 2, 0xffffffff00000014, -6)
        TEST_RR(112, remw, 0, 0x80000000, -1)                   /* overflow */
        TEST_RR(113, remw, 0xffffffff80000000, 0x0000000180000000, 0)  /* by zero: sext32(x) */
        TEST_RR(114, remw, 20, 20, 0)

        /* ---- remuw ---- */
        TEST_RR(120, remuw, 2, -20, 6)
        TEST_RR(121, remuw, 5, 0x80000005, 0x80000000)
        TEST_RR(122, remuw, 0xffffffff80000000, 0x0000000180000000, 0)  /* by zero: sext32(x) */
        TEST_RR(123, remuw, 0xffffffff80000000, 0x80000000, 0x100000000)
TEST_END
