// F extension (single precision): arithmetic in every rounding mode with
// the flags each raises (inexact, overflow, underflow, divide by zero,
// invalid), fused multiply-add, square root, min/max with NaNs and signed
// zeros, comparisons (quiet and signaling), fclass, sign injection and
// conversions to and from integers, saturating on NaN and out-of-range
// values (unprivileged spec ch. 20 "F" Standard Extension: 20.2 fcsr,
// 20.3 NaN generation, 20.6-20.9).
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64IF")

#define ONE   0x3f800000
#define TWO   0x40000000
#define THREE 0x40400000
#define MONE  0xbf800000
#define INF   0x7f800000
#define MINF  0xff800000
#define QNAN  0x7fc00000
#define SNAN  0x7f800001
#define FMAX  0x7f7fffff
#define TINY  0x00800000
#define EPS24 0x33800000
#define MZERO 0x80000000

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*F.*);def TEST_CASE_1=True;",fsingle)
RVTEST_SIGBASE(x1, signature_x1_1)
TEST_FPRR_OP(fadd.s, f1, f2, f3, rne, ONE, EPS24, x1, x5, x6)
TEST_FPRR_OP(fadd.s, f4, f5, f6, rup, ONE, EPS24, x1, x5, x6)
TEST_FPRR_OP(fadd.s, f7, f8, f9, rmm, ONE, 0x33c00000, x1, x5, x6)
TEST_FPRR_OP(fsub.s, f10, f11, f12, rne, INF, INF, x1, x5, x6)
TEST_FPRR_OP(fsub.s, f13, f14, f15, rdn, ONE, ONE, x1, x5, x6)
TEST_FPRR_OP(fmul.s, f16, f17, f18, rne, FMAX, TWO, x1, x5, x6)
TEST_FPRR_OP(fmul.s, f19, f20, f21, rtz, FMAX, TWO, x1, x5, x6)
TEST_FPRR_OP(fmul.s, f22, f23, f24, rne, TINY, 0x3e800000, x1, x5, x6)
TEST_FPRR_OP(fdiv.s, f25, f26, f27, rne, ONE, 0x0, x1, x5, x6)
TEST_FPRR_OP(fdiv.s, f28, f29, f30, rdn, ONE, THREE, x1, x5, x6)
TEST_FPRR_OP(fdiv.s, f31, f0, f1, rup, ONE, THREE, x1, x5, x6)
TEST_FPRR_OP(fdiv.s, f2, f3, f4, rne, 0x0, 0x0, x1, x5, x6)
TEST_FPR_OP(fsqrt.s, f5, f6, rne, TWO, x1, x5, x6)
TEST_FPR_OP(fsqrt.s, f7, f8, rne, MONE, x1, x5, x6)
TEST_FPR_OP(fsqrt.s, f9, f10, rne, MZERO, x1, x5, x6)
TEST_FPR4_OP(fmadd.s, f11, f12, f13, f14, rne, TWO, THREE, ONE, x1, x5, x6)
TEST_FPR4_OP(fmsub.s, f15, f16, f17, f18, rne, INF, 0x0, ONE, x1, x5, x6)
TEST_FPR4_OP(fnmadd.s, f19, f20, f21, f22, rne, ONE, ONE, MONE, x1, x5, x6)
TEST_FPR4_OP(fnmsub.s, f23, f24, f25, f26, rtz, 0x3f800001, 0x3f800001, ONE, x1, x5, x6)
TEST_FPRR_NR(fmin.s, f27, f28, f29, QNAN, ONE, x1, x5, x6)
TEST_FPRR_NR(fmin.s, f30, f31, f0, SNAN, ONE, x1, x5, x6)
TEST_FPRR_NR(fmax.s, f1, f2, f3, QNAN, QNAN, x1, x5, x6)
TEST_FPRR_NR(fmin.s, f4, f5, f6, 0x0, MZERO, x1, x5, x6)
TEST_FPRR_NR(fmax.s, f7, f8, f9, MZERO, 0x0, x1, x5, x6)
TEST_FPRR_NR(fsgnj.s, f10, f11, f12, ONE, MONE, x1, x5, x6)
TEST_FPRR_NR(fsgnjn.s, f13, f14, f15, ONE, MONE, x1, x5, x6)
TEST_FPRR_NR(fsgnjx.s, f16, f17, f18, MONE, MONE, x1, x5, x6)
TEST_FCMP_OP(feq.s, x7, f19, f20, QNAN, ONE, x1, x5, x6)
TEST_FCMP_OP(feq.s, x8, f21, f22, SNAN, ONE, x1, x5, x6)
TEST_FCMP_OP(flt.s, x9, f23, f24, QNAN, ONE, x1, x5, x6)
TEST_FCMP_OP(fle.s, x10, f25, f26, MZERO, 0x0, x1, x5, x6)
TEST_FCMP_OP(flt.s, x11, f27, f28, MINF, MONE, x1, x5, x6)
TEST_FCLASS_OP(fclass.s, x12, f29, MINF, x1, x5, x6)
TEST_FCLASS_OP(fclass.s, x13, f30, 0x80000001, x1, x5, x6)
TEST_FCLASS_OP(fclass.s, x14, f31, MZERO, x1, x5, x6)
TEST_FCLASS_OP(fclass.s, x15, f0, SNAN, x1, x5, x6)
TEST_FCLASS_OP(fclass.s, x16, f1, QNAN, x1, x5, x6)
TEST_FCLASS_OP(fmv.x.w, x17, f2, 0xbf800000, x1, x5, x6)
TEST_FCVT_X_OP(fcvt.w.s, x18, f3, rtz, 0xbfc00000, x1, x5, x6)
TEST_FCVT_X_OP(fcvt.w.s, x19, f4, rne, 0x3fc00000, x1, x5, x6)
TEST_FCVT_X_OP(fcvt.w.s, x20, f5, rne, QNAN, x1, x5, x6)
TEST_FCVT_X_OP(fcvt.w.s, x21, f6, rne, MINF, x1, x5, x6)
TEST_FCVT_X_OP(fcvt.wu.s, x22, f7, rne, MONE, x1, x5, x6)
TEST_FCVT_X_OP(fcvt.l.s, x23, f8, rdn, 0xdf000001, x1, x5, x6)
TEST_FCVT_X_OP(fcvt.lu.s, x24, f9, rup, 0x3f000000, x1, x5, x6)
TEST_FCVT_F_OP(fcvt.s.w, f10, x25, rne, 0x7fffffff, x1, x5)
TEST_FCVT_F_OP(fcvt.s.wu, f11, x26, rtz, 0xffffffffffffffff, x1, x5)
TEST_FCVT_F_OP(fcvt.s.l, f12, x27, rdn, 0x8000000000000001, x1, x5)
TEST_FCVT_F_OP(fcvt.s.lu, f13, x28, rup, 0x1000001, x1, x5)
        /* frm as the dynamic rounding mode */
        fsrmi x29, 3
        TEST_FPRR_OP(fdiv.s, f14, f15, f16, dyn, ONE, THREE, x1, x5, x6)
        frrm x29
        RVTEST_SIGUPD(x1, x29)
        fsrmi 0
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 105*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
