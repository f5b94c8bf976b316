// Zbc (carry-less multiplication) and Zbs (single-bit instructions)
// (RISC-V Bit-Manipulation ISA-extensions 1.0.0, ch. 1.4-1.5): clmul,
// clmulh, clmulr on all-ones and single bits; bset, bclr, binv, bext and
// their immediate forms at bits 0 and 63, with rs2 bits above 5 ignored.
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64IZbc_Zbs")

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*Zbc.*Zbs.*);def TEST_CASE_1=True;",zbczbs)
RVTEST_SIGBASE(x1, signature_x1_1)
TEST_RR_OP(clmul, x3, x4, x5, 0x5555555555555555, 0xffffffffffffffff, 0xffffffffffffffff, x1, 0, x6)
TEST_RR_OP(clmulh, x7, x8, x9, 0x5555555555555555, 0xffffffffffffffff, 0xffffffffffffffff, x1, 8, x6)
TEST_RR_OP(clmulr, x10, x11, x12, 0xaaaaaaaaaaaaaaaa, 0xffffffffffffffff, 0xffffffffffffffff, x1, 16, x6)
TEST_RR_OP(clmul, x13, x14, x15, 0x0, 0x8000000000000000, 0x2, x1, 24, x6)
TEST_RR_OP(clmulh, x16, x17, x18, 0x1, 0x8000000000000000, 0x2, x1, 32, x6)
TEST_RR_OP(clmulr, x19, x20, x21, 0x1, 0x8000000000000000, 0x1, x1, 40, x6)
TEST_RR_OP(bset, x22, x23, x24, 0x8000000000000000, 0x0, 0x3f, x1, 48, x6)
TEST_RR_OP(bset, x25, x26, x27, 0x1, 0x0, 0x40, x1, 56, x6)
TEST_RR_OP(bclr, x28, x29, x30, 0x7fffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, x1, 64, x6)
TEST_RR_OP(binv, x3, x4, x5, 0x0, 0x1, 0x0, x1, 72, x6)
TEST_RR_OP(bext, x7, x8, x9, 0x1, 0x8000000000000000, 0x3f, x1, 80, x6)
TEST_RR_OP(bext, x10, x11, x12, 0x0, 0x8000000000000000, 0x7e, x1, 88, x6)
TEST_IMM_OP(bseti, x13, x14, 0x8000000000000000, 0x0, 63, x1, 96, x6)
TEST_IMM_OP(bclri, x15, x16, 0xfffffffffffffffe, 0xffffffffffffffff, 0, x1, 104, x6)
TEST_IMM_OP(binvi, x17, x18, 0x0, 0x0000000100000000, 32, x1, 112, x6)
TEST_IMM_OP(bexti, x19, x20, 0x1, 0x0000000100000000, 32, x1, 120, x6)
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 16*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
