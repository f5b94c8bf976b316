# Zicond 1.0 (integer conditional operations, ch. 2 "Instructions"):
# czero.eqz rd = (rs2 == 0) ? 0 : rs1, czero.nez rd = (rs2 != 0) ? 0 : rs1.
# The condition is all 64 bits of rs2: a lone bit 63 or bit 32 counts as
# non-zero. Also rd aliasing rs1 or rs2. gcc 12 lacks Zicond, so the two
# instructions are encoded with .insn (OP opcode 0x33, funct7 7, funct3 5
# for czero.eqz and 7 for czero.nez).
#include "mimic_test.h"

        .macro czero.eqz rd, rs1, rs2
        .insn r 0x33, 5, 7, \rd, \rs1, \rs2
        .endm
        .macro czero.nez rd, rs1, rs2
        .insn r 0x33, 7, 7, \rd, \rs1, \rs2
        .endm

TEST_BEGIN
        /* ---- czero.eqz ---- */
        TEST_RR(2, czero.eqz, 0x0, 0x0123456789abcdef, 0x0)
        TEST_RR(3, czero.eqz, 0x0123456789abcdef, 0x0123456789abcdef, 0x1)
        TEST_RR(4, czero.eqz, 0x0123456789abcdef, 0x0123456789abcdef, 0x8000000000000000)
        TEST_RR(5, czero.eqz, 0x0123456789abcdef, 0x0123456789abcdef, 0x0000000100000000)
        TEST_RR(6, czero.eqz, 0x0123456789abcdef, 0x0123456789abcdef, 0xffffffffffffffff)
        TEST_RR(7, czero.eqz, 0x0, 0xffffffffffffffff, 0x0)
        TEST_RR(8, czero.eqz, 0x0, 0x0, 0x5)
        TEST_RR(9, czero.eqz, 0x8000000000000000, 0x8000000000000000, 0x0000000080000000)

        /* ---- czero.nez ---- */
        TEST_RR(20, czero.nez, 0x0123456789abcdef, 0x0123456789abcdef, 0x0)
        TEST_RR(21, czero.nez, 0x0, 0x0123456789abcdef, 0x1)
        TEST_RR(22, czero.nez, 0x0, 0x0123456789abcdef, 0x8000000000000000)
        TEST_RR(23, czero.nez, 0x0, 0x0123456789abcdef, 0x0000000100000000)
        TEST_RR(24, czero.nez, 0x0, 0x0123456789abcdef, 0xffffffffffffffff)
        TEST_RR(25, czero.nez, 0xffffffffffffffff, 0xffffffffffffffff, 0x0)
        TEST_RR(26, czero.nez, 0x0, 0x0, 0x5)
        TEST_RR(27, czero.nez, 0x0, 0x8000000000000000, 0x0000000080000000)

        /* ---- aliasing: rd = rs1, rd = rs2 (the condition is read first) ---- */
        TEST_CASE(40, a0, 0x1234, li a0, 0x1234; li a2, 1; czero.eqz a0, a0, a2)
        TEST_CASE(41, a0, 0, li a0, 0x1234; li a2, 1; czero.nez a0, a0, a2)
        TEST_CASE(42, a2, 0x55, li a1, 0x55; li a2, 3; czero.eqz a2, a1, a2)
        TEST_CASE(43, a2, 0, li a1, 0x55; li a2, 0; czero.eqz a2, a1, a2)
        TEST_CASE(44, a2, 0x55, li a1, 0x55; li a2, 0; czero.nez a2, a1, a2)
        /* rd = x0 is discarded */
        TEST_CASE(45, x0, 0, li a1, 7; li a2, 1; czero.eqz x0, a1, a2)
        /* the usual select idiom: rd = c ? x : y */
        TEST_CASE(46, a0, 0x11, li a1, 0x11; li a2, 0x22; li a3, 1; czero.eqz a4, a1, a3; czero.nez a5, a2, a3; or a0, a4, a5)
        TEST_CASE(47, a0, 0x22, li a1, 0x11; li a2, 0x22; li a3, 0; czero.eqz a4, a1, a3; czero.nez a5, a2, a3; or a0, a4, a5)
TEST_END
