// M extension: mul, mulh, mulhsu, mulhu, mulw, div, divu, rem, remu and
// the W forms on the corner cases the spec defines (unprivileged spec
// 13.2 "Division Operations", table 13.1): division by zero (quotient
// all ones, remainder = dividend), signed overflow (-2^(XLEN-1) / -1 =
// itself, remainder 0), and the W forms' sign extension.
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64IM")

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*M.*);def TEST_CASE_1=True;",muldiv)
RVTEST_SIGBASE(x1, signature_x1_1)
TEST_RR_OP(mul, x3, x4, x5, 0xfffffffffffffffe, 0x7fffffffffffffff, 0x2, x1, 0, x6)
TEST_RR_OP(mul, x7, x8, x9, 0x0, 0x8000000000000000, 0x2, x1, 8, x6)
TEST_RR_OP(mulh, x10, x11, x12, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff, x1, 16, x6)
TEST_RR_OP(mulh, x13, x14, x15, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000, x1, 24, x6)
TEST_RR_OP(mulh, x16, x17, x18, 0xffffffffffffffff, 0xffffffffffffffff, 0x1, x1, 32, x6)
TEST_RR_OP(mulhsu, x19, x20, x21, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, x1, 40, x6)
TEST_RR_OP(mulhsu, x22, x23, x24, 0xc000000000000000, 0x8000000000000000, 0x8000000000000000, x1, 48, x6)
TEST_RR_OP(mulhu, x25, x26, x27, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff, x1, 56, x6)
TEST_RR_OP(mulw, x28, x29, x30, 0xffffffff80000000, 0x40000000, 0x2, x1, 64, x6)
TEST_RR_OP(mulw, x3, x4, x5, 0x1, 0xffffffffffffffff, 0x00000000ffffffff, x1, 72, x6)
TEST_RR_OP(div, x7, x8, x9, 0xfffffffffffffffd, 0x7, 0xfffffffffffffffe, x1, 80, x6)
TEST_RR_OP(div, x10, x11, x12, 0xffffffffffffffff, 0x1234, 0x0, x1, 88, x6)
TEST_RR_OP(div, x13, x14, x15, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff, x1, 96, x6)
TEST_RR_OP(divu, x16, x17, x18, 0x7fffffffffffffff, 0xfffffffffffffffe, 0x2, x1, 104, x6)
TEST_RR_OP(divu, x19, x20, x21, 0xffffffffffffffff, 0x5, 0x0, x1, 112, x6)
TEST_RR_OP(rem, x22, x23, x24, 0xffffffffffffffff, 0xfffffffffffffff9, 0x2, x1, 120, x6)
TEST_RR_OP(rem, x25, x26, x27, 0x1234, 0x1234, 0x0, x1, 128, x6)
TEST_RR_OP(rem, x28, x29, x30, 0x0, 0x8000000000000000, 0xffffffffffffffff, x1, 136, x6)
TEST_RR_OP(remu, x3, x4, x5, 0x1, 0xffffffffffffffff, 0x2, x1, 144, x6)
TEST_RR_OP(remu, x7, x8, x9, 0xfffffffffffffff9, 0xfffffffffffffff9, 0x0, x1, 152, x6)
TEST_RR_OP(divw, x10, x11, x12, 0xffffffff80000000, 0x80000000, 0xffffffff, x1, 160, x6)
TEST_RR_OP(divw, x13, x14, x15, 0xffffffffffffffff, 0x1234567800000005, 0x100000000, x1, 168, x6)
TEST_RR_OP(divuw, x16, x17, x18, 0x7fffffff, 0xfffffffe, 0x2, x1, 176, x6)
TEST_RR_OP(remw, x19, x20, x21, 0x0, 0x80000000, 0xffffffff, x1, 184, x6)
TEST_RR_OP(remw, x22, x23, x24, 0xffffffff80000000, 0x80000000, 0x0, x1, 192, x6)
TEST_RR_OP(remuw, x25, x26, x27, 0xffffffff80000001, 0xffffffff80000001, 0x0, x1, 200, x6)
TEST_RR_OP(remuw, x28, x29, x30, 0x1, 0x7, 0x3, x1, 208, x6)
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 27*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
