# Zbb (bit-manipulation spec 1.0, ch. 1.5 "Zbb: Basic bit-manipulation"):
# andn, orn, xnor; clz, ctz, cpop and the W forms clzw, ctzw, cpopw
# (including zero input); min, max, minu, maxu; sext.b, sext.h, zext.h;
# rol, ror, rolw, rorw, rori, roriw; orc.b; rev8. Edge cases: rotate
# amounts use the low 6 bits (5 for the W forms), W forms ignore the upper
# word and sign-extend the result, signed versus unsigned ordering at the
# sign boundary.
#include "mimic_test.h"

TEST_BEGIN
        /* ---- andn, orn, xnor: logic with an inverted operand ---- */
        TEST_RR(2, andn, 0xf000f000f000f000, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
        TEST_RR(3, andn, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR(4, andn, 0x0, 0x0, 0x0)
        TEST_RR(5, orn, 0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
        TEST_RR(6, orn, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR(7, orn, 0xffffffffffffffff, 0x0, 0x0)
        TEST_RR(8, xnor, 0x0f0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
        TEST_RR(9, xnor, 0x0, 0xffffffffffffffff, 0x0)
        TEST_RR(10, xnor, 0xffffffffffffffff, 0x0, 0x0)

        /* ---- clz, ctz, cpop: 64-bit counts, zero input gives 64 / 64 / 0 ---- */
        TEST_R(20, clz, 0x40, 0x0)
        TEST_R(21, clz, 0x3f, 0x1)
        TEST_R(22, clz, 0x0, 0x8000000000000000)
        TEST_R(23, clz, 0x0, 0xffffffffffffffff)
        TEST_R(24, clz, 0x20, 0x00000000ffffffff)
        TEST_R(25, clz, 0x10, 0x0000800000000000)
        TEST_R(26, ctz, 0x40, 0x0)
        TEST_R(27, ctz, 0x0, 0x1)
        TEST_R(28, ctz, 0x3f, 0x8000000000000000)
        TEST_R(29, ctz, 0x0, 0xffffffffffffffff)
        TEST_R(30, ctz, 0x8, 0x100)
        TEST_R(31, ctz, 0x20, 0xffffffff00000000)
        TEST_R(32, cpop, 0x0, 0x0)
        TEST_R(33, cpop, 0x40, 0xffffffffffffffff)
        TEST_R(34, cpop, 0x2, 0x8000000000000001)
        TEST_R(35, cpop, 0x20, 0x5555555555555555)
        TEST_R(36, cpop, 0x20, 0x0123456789abcdef)

        /* ---- clzw, ctzw, cpopw: count the low word only; zero word gives 32 / 32 / 0 ---- */
        TEST_R(40, clzw, 0x20, 0x0)
        TEST_R(41, clzw, 0x20, 0xffffffff00000000)
        TEST_R(42, clzw, 0x1f, 0x1)
        TEST_R(43, clzw, 0x0, 0x0000000080000000)
        TEST_R(44, clzw, 0x10, 0xffff)
        TEST_R(45, ctzw, 0x20, 0x0)
        TEST_R(46, ctzw, 0x20, 0x0000000100000000)
        TEST_R(47, ctzw, 0x1f, 0x0000000080000000)
        TEST_R(48, ctzw, 0x0, 0xffffffffffffffff)
        TEST_R(49, ctzw, 0x10, 0xffffffff00010000)
        TEST_R(50, cpopw, 0x0, 0x0)
        TEST_R(51, cpopw, 0x0, 0xffffffff00000000)
        TEST_R(52, cpopw, 0x20, 0xffffffffffffffff)
        TEST_R(53, cpopw, 0x2, 0x0000000080000001)
        TEST_R(54, cpopw, 0x14, 0x0123456789abcdef)

        /* ---- min, max (signed), minu, maxu (unsigned) ---- */
        TEST_RR(60, min, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR(61, min, 0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_RR(62, min, 0x7, 0x7, 0x7)
        TEST_RR(63, min, 0xffffffff80000000, 0x0000000080000000, 0xffffffff80000000)
        TEST_RR(64, max, 0x1, 0xffffffffffffffff, 0x1)
        TEST_RR(65, max, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_RR(66, max, 0x7, 0x7, 0x7)
        TEST_RR(67, max, 0x0000000080000000, 0x0000000080000000, 0xffffffff80000000)
        TEST_RR(68, minu, 0x1, 0xffffffffffffffff, 0x1)
        TEST_RR(69, minu, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_RR(70, minu, 0x7, 0x7, 0x7)
        TEST_RR(71, minu, 0x0000000080000000, 0x0000000080000000, 0xffffffff80000000)
        TEST_RR(72, maxu, 0xffffffffffffffff, 0xffffffffffffffff, 0x1)
        TEST_RR(73, maxu, 0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_RR(74, maxu, 0x7, 0x7, 0x7)
        TEST_RR(75, maxu, 0xffffffff80000000, 0x0000000080000000, 0xffffffff80000000)

        /* ---- sext.b, sext.h, zext.h ---- */
        TEST_R(80, sext.b, 0xffffffffffffff80, 0x80)
        TEST_R(81, sext.b, 0x7f, 0x7f)
        TEST_R(82, sext.b, 0xffffffffffffffff, 0x00000012345678ff)
        TEST_R(83, sext.b, 0x0, 0xffffffffffffff00)
        TEST_R(84, sext.h, 0xffffffffffff8000, 0x8000)
        TEST_R(85, sext.h, 0x7fff, 0x0000000000017fff)
        TEST_R(86, sext.h, 0x7fff, 0xffffffffffff7fff)
        TEST_R(87, zext.h, 0xffff, 0xffffffffffffffff)
        TEST_R(88, zext.h, 0x5678, 0x0000000012345678)
        TEST_R(89, zext.h, 0x8000, 0x8000)

        /* ---- rol, ror: 64-bit rotates, amount = low 6 bits of rs2 ---- */
        TEST_RR(100, rol, 0x3, 0x8000000000000001, 0x1)
        TEST_RR(101, rol, 0x123456789abcdef0, 0x0123456789abcdef, 0x44)
        TEST_RR(102, rol, 0x0123456789abcdef, 0x0123456789abcdef, 0x0)
        TEST_RR(103, rol, 0x8000000000000000, 0x1, 0x3f)
        TEST_RR(104, ror, 0x8000000000000000, 0x1, 0x1)
        TEST_RR(105, ror, 0xf0123456789abcde, 0x0123456789abcdef, 0x44)
        TEST_RR(106, ror, 0x0123456789abcdef, 0x0123456789abcdef, 0x0)
        TEST_RR(107, ror, 0x1, 0x8000000000000000, 0x3f)

        /* ---- rolw, rorw: rotate the low word, amount = low 5 bits, result sign-extended ---- */
        TEST_RR(110, rolw, 0x3, 0x0000000080000001, 0x1)
        TEST_RR(111, rolw, 0xffffffff80000000, 0x0000000040000000, 0x1)
        TEST_RR(112, rolw, 0xffffffff80000000, 0xffffffff00000001, 0x1f)
        TEST_RR(113, rolw, 0x2, 0x1, 0x21)
        TEST_RR(114, rolw, 0xffffffff80000000, 0x7fffffff80000000, 0x0)
        TEST_RR(115, rorw, 0xffffffff80000000, 0x1, 0x1)
        TEST_RR(116, rorw, 0x1, 0xffffffff00000002, 0x1)
        TEST_RR(117, rorw, 0x1, 0x0000000080000000, 0x3f)
        TEST_RR(118, rorw, 0x0000000012345678, 0x0000000012345678, 0x20)
        TEST_RR(119, rorw, 0xfffffffff89abcde, 0x0123456789abcdef, 0x4)

        /* ---- rori (6-bit amount), roriw (5-bit amount, sign-extended) ---- */
        TEST_IMM(130, rori, 0x2, 0x1, 63)
        TEST_IMM(131, rori, 0x8000000000000000, 0x1, 1)
        TEST_IMM(132, rori, 0x0123456789abcdef, 0x0123456789abcdef, 0)
        TEST_IMM(133, rori, 0x89abcdef01234567, 0x0123456789abcdef, 32)
        TEST_IMM(134, roriw, 0xffffffff80000000, 0x1, 1)
        TEST_IMM(135, roriw, 0x1, 0x0000000080000000, 31)
        TEST_IMM(136, roriw, 0x1, 0xffffffff00000001, 0)
        TEST_IMM(137, roriw, 0xffffffff80000000, 0x7fffffff80000000, 0)
        TEST_IMM(138, roriw, 0xffffffffcdef89ab, 0x0123456789abcdef, 16)

        /* ---- orc.b: each non-zero byte becomes 0xff ---- */
        TEST_R(150, orc.b, 0xffffffff00000000, 0x0102030400000000)
        TEST_R(151, orc.b, 0x0, 0x0)
        TEST_R(152, orc.b, 0x0000ff00000000ff, 0x0000800000000001)
        TEST_R(153, orc.b, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_R(154, orc.b, 0x00ff00ff00ff00ff, 0x00ff00ff00ff00ff)

        /* ---- rev8: byte reversal ---- */
        TEST_R(160, rev8, 0xefcdab8967452301, 0x0123456789abcdef)
        TEST_R(161, rev8, 0x8000000000000000, 0x80)
        TEST_R(162, rev8, 0x0, 0x0)
        TEST_R(163, rev8, 0xffffffffffffffff, 0xffffffffffffffff)
TEST_END
