// add, sub, addw, subw, addi, addiw on the edge values: zero, one, -1,
// the most positive and negative values, and word wrap-around
// (unprivileged spec 2.4.2 "Integer Register-Register Operations", 5.2
// "Integer Computational Instructions" for the W forms).
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64I")

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*);def TEST_CASE_1=True;",add)
RVTEST_SIGBASE(x1, signature_x1_1)
TEST_RR_OP(add, x3, x4, x5, 0x0, 0x0, 0x0, x1, 0, x6)
TEST_RR_OP(add, x7, x8, x9, 0x8000000000000000, 0x7fffffffffffffff, 0x1, x1, 8, x6)
TEST_RR_OP(add, x10, x11, x12, 0x7ffffffffffffffe, 0xffffffffffffffff, 0x7fffffffffffffff, x1, 16, x6)
TEST_RR_OP(add, x13, x13, x14, 0x0, 0x8000000000000000, 0x8000000000000000, x1, 24, x6)
TEST_RR_OP(add, x31, x30, x0, 0x123456789abcdef0, 0x123456789abcdef0, 0x0, x1, 32, x6)
TEST_RR_OP(sub, x3, x4, x5, 0xffffffffffffffff, 0x0, 0x1, x1, 40, x6)
TEST_RR_OP(sub, x7, x8, x9, 0x7fffffffffffffff, 0x8000000000000000, 0x1, x1, 48, x6)
TEST_RR_OP(sub, x10, x11, x11, 0x0, 0x5555555555555555, 0x5555555555555555, x1, 56, x6)
TEST_RR_OP(addw, x3, x4, x5, 0xffffffff80000000, 0x7fffffff, 0x1, x1, 64, x6)
TEST_RR_OP(addw, x7, x8, x9, 0x0, 0xffffffff00000000, 0x100000000, x1, 72, x6)
TEST_RR_OP(addw, x10, x11, x12, 0x12345678, 0xabcdef0012345678, 0x0, x1, 80, x6)
TEST_RR_OP(subw, x3, x4, x5, 0x7fffffff, 0x80000000, 0x1, x1, 88, x6)
TEST_RR_OP(subw, x7, x8, x9, 0xffffffffffffffff, 0x0, 0x1, x1, 96, x6)
TEST_IMM_OP(addi, x3, x4, 0x7ff, 0x0, 0x7ff, x1, 104, x6)
TEST_IMM_OP(addi, x7, x8, 0x7fffffffffffffff, 0x8000000000000000, 0xfff, x1, 112, x6)
TEST_IMM_OP(addi, x10, x11, 0xfffffffffffff800, 0x0, 0x800, x1, 120, x6)
TEST_IMM_OP(addiw, x3, x4, 0xffffffff80000000, 0x7fffffff, 0x1, x1, 128, x6)
TEST_IMM_OP(addiw, x7, x8, 0x7fffffff, 0xffffffff80000000, 0xfff, x1, 136, x6)
TEST_IMM_OP(slti, x10, x11, 0x1, 0xffffffffffffffff, 0x0, x1, 144, x6)
TEST_IMM_OP(sltiu, x12, x13, 0x1, 0x0, 0xfff, x1, 152, x6)
TEST_RR_OP(slt, x14, x15, x16, 0x1, 0x8000000000000000, 0x7fffffffffffffff, x1, 160, x6)
TEST_RR_OP(sltu, x17, x18, x19, 0x0, 0x8000000000000000, 0x7fffffffffffffff, x1, 168, x6)
TEST_IMM_OP(xori, x20, x21, 0xedcba9876543210f, 0x123456789abcdef0, 0xfff, x1, 176, x6)
TEST_IMM_OP(andi, x22, x23, 0x0f0, 0x123456789abcdef0, 0x0ff, x1, 184, x6)
TEST_IMM_OP(ori, x24, x25, 0xffffffffffffffff, 0x12345678ffff0000, 0xfff, x1, 192, x6)
TEST_RR_OP(and, x26, x27, x28, 0x00ffffff00000000, 0x00ffffff00ff0000, 0xffffffff0000ffff, x1, 200, x6)
TEST_RR_OP(or, x29, x30, x31, 0xf0f0f0f0ffffffff, 0xf0f0f0f000000000, 0x00000000ffffffff, x1, 208, x6)
TEST_RR_OP(xor, x2, x3, x4, 0xffffffffffffffff, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555, x1, 216, x6)
        lui x5, 0xfffff
        RVTEST_SIGUPD(x1, x5)
        lui x5, 0x7ffff
        RVTEST_SIGUPD(x1, x5)
        /* auipc: position-independent through the difference */
1:      auipc x5, 0x1
        la x6, 1b
        sub x5, x5, x6
        RVTEST_SIGUPD(x1, x5)
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 32*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
