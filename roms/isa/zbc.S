# Zbc (bit-manipulation spec 1.0, ch. 1.6 "Zbc: Carry-less multiplication"):
# clmul (low 64 bits of the carry-less product), clmulh (high 64 bits),
# clmulr (bits 126..63, the "reversed" product). Edge cases: zero and one
# operands, all ones, the top bit of each operand, and products whose
# interesting bits straddle bit 63/64.
#include "mimic_test.h"

TEST_BEGIN
        /* ---- clmul ---- */
        TEST_RR(2, clmul, 0x5, 0x3, 0x3)
        TEST_RR(3, clmul, 0x40a0789828c810f0, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR(4, clmul, 0x5555555555555555, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR(5, clmul, 0x0, 0x8000000000000000, 0x8000000000000000)
        TEST_RR(6, clmul, 0x0, 0x0123456789abcdef, 0x0)
        TEST_RR(7, clmul, 0x0123456789abcdef, 0x0123456789abcdef, 0x1)
        TEST_RR(8, clmul, 0x0123456789abcdef, 0x1, 0x0123456789abcdef)
        TEST_RR(9, clmul, 0x0, 0x8000000000000000, 0x2)
        TEST_RR(10, clmul, 0x1, 0x8000000000000001, 0x8000000000000001)
        TEST_RR(11, clmul, 0x5555555555555555, 0x00000000ffffffff, 0x00000000ffffffff)
        TEST_RR(12, clmul, 0x8000000000000000, 0x0123456789abcdef, 0x8000000000000000)

        /* ---- clmulh ---- */
        TEST_RR(20, clmulh, 0x0, 0x3, 0x3)
        TEST_RR(21, clmulh, 0x00e038d8688850b0, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR(22, clmulh, 0x5555555555555555, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR(23, clmulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000)
        TEST_RR(24, clmulh, 0x0, 0x0123456789abcdef, 0x0)
        TEST_RR(25, clmulh, 0x0, 0x0123456789abcdef, 0x1)
        TEST_RR(26, clmulh, 0x0, 0x1, 0x0123456789abcdef)
        TEST_RR(27, clmulh, 0x1, 0x8000000000000000, 0x2)
        TEST_RR(28, clmulh, 0x4000000000000000, 0x8000000000000001, 0x8000000000000001)
        TEST_RR(29, clmulh, 0x0, 0x00000000ffffffff, 0x00000000ffffffff)
        TEST_RR(30, clmulh, 0x0091a2b3c4d5e6f7, 0x0123456789abcdef, 0x8000000000000000)

        /* ---- clmulr ---- */
        TEST_RR(40, clmulr, 0x0, 0x3, 0x3)
        TEST_RR(41, clmulr, 0x01c071b0d110a160, 0x0123456789abcdef, 0xfedcba9876543210)
        TEST_RR(42, clmulr, 0xaaaaaaaaaaaaaaaa, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR(43, clmulr, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000)
        TEST_RR(44, clmulr, 0x0, 0x0123456789abcdef, 0x0)
        TEST_RR(45, clmulr, 0x0, 0x0123456789abcdef, 0x1)
        TEST_RR(46, clmulr, 0x0, 0x1, 0x0123456789abcdef)
        TEST_RR(47, clmulr, 0x2, 0x8000000000000000, 0x2)
        TEST_RR(48, clmulr, 0x8000000000000000, 0x8000000000000001, 0x8000000000000001)
        TEST_RR(49, clmulr, 0x0, 0x00000000ffffffff, 0x00000000ffffffff)
        TEST_RR(50, clmulr, 0x0123456789abcdef, 0x0123456789abcdef, 0x8000000000000000)
TEST_END
