// Shifts: sll, srl, sra and their immediate and W forms, with shift
// amounts 0, 1, 31, 32, 63 and amounts whose high bits must be ignored
// (unprivileged spec 2.4.1, 2.4.2; 5.2 for the W forms: only rs2[4:0]
// counts and the 32-bit result is sign-extended).
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64I")

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*);def TEST_CASE_1=True;",shift)
RVTEST_SIGBASE(x2, signature_x2_1)
TEST_RR_OP(sll, x3, x4, x5, 0x8000000000000000, 0x1, 63, x2, 0, x6)
TEST_RR_OP(sll, x7, x8, x9, 0x2, 0x1, 65, x2, 8, x6)
TEST_RR_OP(srl, x10, x11, x12, 0x1, 0x8000000000000000, 63, x2, 16, x6)
TEST_RR_OP(srl, x13, x14, x15, 0x00000000ffffffff, 0xffffffffffffffff, 32, x2, 24, x6)
TEST_RR_OP(sra, x16, x17, x18, 0xffffffffffffffff, 0x8000000000000000, 63, x2, 32, x6)
TEST_RR_OP(sra, x19, x20, x21, 0xfffffffff8000000, 0x8000000000000000, 0xffffffffffffffe4, x2, 40, x6)
TEST_IMM_OP(slli, x22, x23, 0xf000000000000000, 0xf, 60, x2, 48, x6)
TEST_IMM_OP(srli, x24, x25, 0x0fffffffffffffff, 0xffffffffffffffff, 4, x2, 56, x6)
TEST_IMM_OP(srai, x26, x27, 0xff80000000000000, 0x8000000000000000, 8, x2, 64, x6)
TEST_IMM_OP(srai, x28, x29, 0x8000000000000000, 0x8000000000000000, 0, x2, 72, x6)
TEST_RR_OP(sllw, x3, x4, x5, 0xffffffff80000000, 0x1, 31, x2, 80, x6)
TEST_RR_OP(sllw, x7, x8, x9, 0x1, 0x1, 32, x2, 88, x6)
TEST_RR_OP(srlw, x10, x11, x12, 0x1, 0xffffffff80000000, 31, x2, 96, x6)
TEST_RR_OP(srlw, x13, x14, x15, 0xffffffff80000000, 0x1234567880000000, 0x20, x2, 104, x6)
TEST_RR_OP(sraw, x16, x17, x18, 0xffffffffffffffff, 0x80000000, 31, x2, 112, x6)
TEST_RR_OP(sraw, x19, x20, x21, 0x3fffffff, 0xffffffff7ffffffe, 1, x2, 120, x6)
TEST_IMM_OP(slliw, x22, x23, 0xffffffff80000000, 0x1, 31, x2, 128, x6)
TEST_IMM_OP(srliw, x24, x25, 0x1, 0x80000000, 31, x2, 136, x6)
TEST_IMM_OP(sraiw, x26, x27, 0xfffffffffff80000, 0x80000000, 12, x2, 144, x6)
TEST_IMM_OP(sraiw, x28, x29, 0x12345678, 0xabcdef0012345678, 0, x2, 152, x6)
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x2_1:
        .fill 20*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
