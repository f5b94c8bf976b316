# Zbs (bit-manipulation spec 1.0, ch. 1.7 "Zbs: Single-bit instructions"):
# bclr, bset, binv, bext and the immediate forms bclri, bseti, binvi,
# bexti. Edge cases: bits 0 and 63, the register forms using only the low
# 6 bits of rs2 (index 69 = bit 5, -1 = bit 63), bext/bexti returning 0/1.
#include "mimic_test.h"

TEST_BEGIN
        /* ---- bclr: clear bit rs2 & 63 ---- */
        TEST_RR(2, bclr, 0xfffffffffffffffe, 0xffffffffffffffff, 0x0)
        TEST_RR(3, bclr, 0x7fffffffffffffff, 0xffffffffffffffff, 0x3f)
        TEST_RR(4, bclr, 0x0, 0x0, 0x3f)
        TEST_RR(5, bclr, 0x0123456689abcdef, 0x0123456789abcdef, 0x20)
        TEST_RR(6, bclr, 0xffffffffffffffdf, 0xffffffffffffffff, 0x45)
        TEST_RR(7, bclr, 0x0123456789abcdef, 0x0123456789abcdef, 0xffffffffffffffff)

        /* ---- bset ---- */
        TEST_RR(10, bset, 0x1, 0x0, 0x0)
        TEST_RR(11, bset, 0x8000000000000000, 0x0, 0x3f)
        TEST_RR(12, bset, 0xffffffffffffffff, 0xffffffffffffffff, 0x3f)
        TEST_RR(13, bset, 0x0123456f89abcdef, 0x0123456789abcdef, 0x23)
        TEST_RR(14, bset, 0x20, 0x0, 0x45)
        TEST_RR(15, bset, 0x8000000000000000, 0x0, 0xffffffffffffffff)

        /* ---- binv ---- */
        TEST_RR(20, binv, 0x1, 0x0, 0x0)
        TEST_RR(21, binv, 0x8000000000000000, 0x0, 0x3f)
        TEST_RR(22, binv, 0x7fffffffffffffff, 0xffffffffffffffff, 0x3f)
        TEST_RR(23, binv, 0x0123456789abcded, 0x0123456789abcdef, 0x1)
        TEST_RR(24, binv, 0x20, 0x0, 0x45)
        TEST_RR(25, binv, 0x0, 0x8000000000000000, 0xffffffffffffffff)

        /* ---- bext: bit rs2 & 63 of rs1, zero-extended ---- */
        TEST_RR(30, bext, 0x1, 0x8000000000000000, 0x3f)
        TEST_RR(31, bext, 0x1, 0x0123456789abcdef, 0x0)
        TEST_RR(32, bext, 0x1, 0x0123456789abcdef, 0x1)
        TEST_RR(33, bext, 0x1, 0x0123456789abcdef, 0x20)
        TEST_RR(34, bext, 0x1, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR(35, bext, 0x1, 0x20, 0x45)
        TEST_RR(36, bext, 0x0, 0x7fffffffffffffff, 0x3f)
        TEST_RR(37, bext, 0x0, 0x0123456789abcdef, 0x23)

        /* ---- bclri, bseti, binvi, bexti: immediates 0..63 ---- */
        TEST_IMM(40, bclri, 0xfffffffffffffffe, 0xffffffffffffffff, 0)
        TEST_IMM(41, bclri, 0x7fffffffffffffff, 0xffffffffffffffff, 63)
        TEST_IMM(42, bclri, 0x0123456689abcdef, 0x0123456789abcdef, 32)
        TEST_IMM(43, bseti, 0x1, 0x0, 0)
        TEST_IMM(44, bseti, 0x8000000000000000, 0x0, 63)
        TEST_IMM(45, bseti, 0x0123456f89abcdef, 0x0123456789abcdef, 35)
        TEST_IMM(46, binvi, 0x8000000000000000, 0x0, 63)
        TEST_IMM(47, binvi, 0xfffffffffffffffe, 0xffffffffffffffff, 0)
        TEST_IMM(48, binvi, 0x0123446789abcdef, 0x0123456789abcdef, 40)
        TEST_IMM(49, bexti, 0x1, 0x8000000000000000, 63)
        TEST_IMM(50, bexti, 0x1, 0x0123456789abcdef, 0)
        TEST_IMM(51, bexti, 0x1, 0x0123456789abcdef, 2)
        TEST_IMM(52, bexti, 0x1, 0xffffffffffffffff, 31)
        TEST_IMM(53, bexti, 0x0, 0x0123456789abcdef, 4)
TEST_END
