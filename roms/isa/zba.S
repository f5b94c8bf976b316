# Zba (bit-manipulation spec 1.0, ch. 1.4 "Zba: Address generation"):
# add.uw, sh1add, sh2add, sh3add, sh1add.uw, sh2add.uw, sh3add.uw, slli.uw
# (and the zext.w alias of add.uw). Edge cases: the .uw forms zero-extend
# the low word of rs1 and ignore its upper half, shifted-out bits are lost,
# sums wrap at 64 bits, slli.uw with shift amounts 0, 32 and 63.
#include "mimic_test.h"

TEST_BEGIN
        /* ---- add.uw: rs2 + zext32(rs1) ---- */
        TEST_RR(2, add.uw, 0x0000000080000001, 0xffffffff80000000, 0x1)
        TEST_RR(3, add.uw, 0x00000000fffffffe, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR(4, add.uw, 0x5, 0x0000000100000000, 0x5)
        TEST_RR(5, add.uw, 0x7fffffff80000000, 0x000000007fffffff, 0x7fffffff00000001)
        TEST_R(6, zext.w, 0x00000000deadbeef, 0x12345678deadbeef)

        /* ---- shNadd: rs2 + (rs1 << N), wrapping ---- */
        TEST_RR(10, sh1add, 0x10, 0x3, 0xa)
        TEST_RR(11, sh1add, 0x1, 0x8000000000000000, 0x1)
        TEST_RR(12, sh1add, 0xfffffffffffffffe, 0xffffffffffffffff, 0x0)
        TEST_RR(13, sh1add, 0x8000000000000000, 0x4000000000000000, 0x0)
        TEST_RR(14, sh2add, 0x16, 0x3, 0xa)
        TEST_RR(15, sh2add, 0x7, 0x4000000000000000, 0x7)
        TEST_RR(16, sh2add, 0x0, 0xffffffffffffffff, 0x4)
        TEST_RR(17, sh2add, 0x8000000000000000, 0x2000000000000000, 0x0)
        TEST_RR(18, sh3add, 0x22, 0x3, 0xa)
        TEST_RR(19, sh3add, 0x0, 0x2000000000000000, 0x0)
        TEST_RR(20, sh3add, 0x0, 0xffffffffffffffff, 0x8)
        TEST_RR(21, sh3add, 0x7fffffffffffffff, 0x1000000000000000, 0xffffffffffffffff)

        /* ---- shNadd.uw: rs2 + (zext32(rs1) << N) ---- */
        TEST_RR(30, sh1add.uw, 0x00000001fffffffe, 0xffffffffffffffff, 0x0)
        TEST_RR(31, sh1add.uw, 0x3, 0x0000000100000001, 0x1)
        TEST_RR(32, sh1add.uw, 0x00000000ffffffff, 0x0000000080000000, 0xffffffffffffffff)
        TEST_RR(33, sh2add.uw, 0x00000003fffffffc, 0x00000000ffffffff, 0x0)
        TEST_RR(34, sh2add.uw, 0x10, 0x0000abcd00000003, 0x4)
        TEST_RR(35, sh2add.uw, 0x0, 0xffffffffffffffff, 0xfffffffc00000004)
        TEST_RR(36, sh3add.uw, 0x0000000400000000, 0x0000000080000000, 0x0)
        TEST_RR(37, sh3add.uw, 0x00000007fffffff9, 0xffffffffffffffff, 0x1)
        TEST_RR(38, sh3add.uw, 0x8000000000000008, 0xffffffff00000001, 0x8000000000000000)

        /* ---- slli.uw: zext32(rs1) << shamt (6-bit shamt) ---- */
        TEST_IMM(50, slli.uw, 0x0000000080000001, 0xffffffff80000001, 0)
        TEST_IMM(51, slli.uw, 0xffffffff00000000, 0xffffffffffffffff, 32)
        TEST_IMM(52, slli.uw, 0x8000000000000000, 0xffffffffffffffff, 63)
        TEST_IMM(53, slli.uw, 0x0000000100000000, 0x0000000080000000, 1)
        TEST_IMM(54, slli.uw, 0x0000000123456780, 0x0000000012345678, 4)
        TEST_IMM(55, slli.uw, 0x0, 0xffffffff00000000, 31)
TEST_END
