// Zba (address generation) and Zbb (basic bit manipulation), RV64 forms
// included (RISC-V Bit-Manipulation ISA-extensions 1.0.0, ch. 1.2-1.3 and
// the instruction pages of ch. 1.5): sh[123]add(.uw), add.uw, slli.uw,
// andn/orn/xnor, clz/ctz/cpop and their W forms on 0 and all ones,
// min/max signed and unsigned, sext.b/h, zext.h, rol/ror(w), rori(w),
// orc.b, rev8.
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64IZba_Zbb")

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*Zba.*Zbb.*);def TEST_CASE_1=True;",zbazbb)
RVTEST_SIGBASE(x1, signature_x1_1)
TEST_RR_OP(sh1add, x3, x4, x5, 0x3, 0x1, 0x1, x1, 0, x6)
TEST_RR_OP(sh2add, x7, x8, x9, 0x0, 0x4000000000000000, 0x0, x1, 8, x6)
TEST_RR_OP(sh3add, x10, x11, x12, 0xfffffffffffffff9, 0xffffffffffffffff, 0x1, x1, 16, x6)
TEST_RR_OP(add.uw, x13, x14, x15, 0x100000000, 0xffffffffffffffff, 0x1, x1, 24, x6)
TEST_RR_OP(sh1add.uw, x16, x17, x18, 0x1fffffffe, 0x12345678ffffffff, 0x0, x1, 32, x6)
TEST_RR_OP(sh2add.uw, x19, x20, x21, 0x200000003, 0x80000000, 0x3, x1, 40, x6)
TEST_RR_OP(sh3add.uw, x22, x23, x24, 0x7fffffff8, 0xffffffff, 0x0, x1, 48, x6)
TEST_IMM_OP(slli.uw, x25, x26, 0xffffffff00000000, 0xabcdef01ffffffff, 32, x1, 56, x6)
TEST_RR_OP(andn, x27, x28, x29, 0xf0f0f0f0f0f0f0f0, 0xffffffffffffffff, 0x0f0f0f0f0f0f0f0f, x1, 64, x6)
TEST_RR_OP(orn, x3, x4, x5, 0xfffffffffffffff0, 0x0, 0xf, x1, 72, x6)
TEST_RR_OP(xnor, x7, x8, x9, 0xffffffffffffffff, 0x1234, 0x1234, x1, 80, x6)
TEST_R_OP(clz, x10, x11, 64, 0x0, x1, 88, x6)
TEST_R_OP(clz, x12, x13, 0, 0x8000000000000000, x1, 96, x6)
TEST_R_OP(clzw, x14, x15, 32, 0xffffffff00000000, x1, 104, x6)
TEST_R_OP(ctz, x16, x17, 63, 0x8000000000000000, x1, 112, x6)
TEST_R_OP(ctzw, x18, x19, 32, 0xffffffff00000000, x1, 120, x6)
TEST_R_OP(cpop, x20, x21, 64, 0xffffffffffffffff, x1, 128, x6)
TEST_R_OP(cpopw, x22, x23, 16, 0xffffffff0000ffff, x1, 136, x6)
TEST_RR_OP(max, x24, x25, x26, 0x1, 0x8000000000000000, 0x1, x1, 144, x6)
TEST_RR_OP(maxu, x27, x28, x29, 0x8000000000000000, 0x8000000000000000, 0x1, x1, 152, x6)
TEST_RR_OP(min, x3, x4, x5, 0x8000000000000000, 0x8000000000000000, 0x1, x1, 160, x6)
TEST_RR_OP(minu, x7, x8, x9, 0x1, 0x8000000000000000, 0x1, x1, 168, x6)
TEST_R_OP(sext.b, x10, x11, 0xffffffffffffff80, 0x1234567890abcd80, x1, 176, x6)
TEST_R_OP(sext.h, x12, x13, 0x7fff, 0xffffffffffff7fff, x1, 184, x6)
TEST_R_OP(zext.h, x14, x15, 0xffff, 0xffffffffffffffff, x1, 192, x6)
TEST_RR_OP(rol, x16, x17, x18, 0x1, 0x8000000000000000, 0x41, x1, 200, x6)
TEST_RR_OP(ror, x19, x20, x21, 0x8000000000000000, 0x1, 0x1, x1, 208, x6)
TEST_RR_OP(rolw, x22, x23, x24, 0x1, 0x80000000, 0x1, x1, 216, x6)
TEST_RR_OP(rorw, x25, x26, x27, 0xffffffff80000000, 0x1, 0x21, x1, 224, x6)
TEST_IMM_OP(rori, x28, x29, 0x2345678901234567, 0x3456789012345672, 4, x1, 232, x6)
TEST_IMM_OP(roriw, x3, x4, 0xffffffff80000000, 0x1, 1, x1, 240, x6)
TEST_R_OP(orc.b, x5, x7, 0xff00ff0000ffff00, 0x0100800000110100, x1, 248, x6)
TEST_R_OP(rev8, x8, x9, 0x0807060504030201, 0x0102030405060708, x1, 256, x6)
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 33*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
