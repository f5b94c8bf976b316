// D extension (double precision): arithmetic in every rounding mode with
// flags, fused multiply-add, square root, min/max, comparisons, fclass,
// conversions to and from integers and to and from single precision,
// fld/fsd, and NaN boxing: a single-precision operand whose upper 32 bits
// are not all ones reads as the canonical NaN (unprivileged spec ch. 21
// "D" Standard Extension: 21.2 "NaN Boxing of Narrower Values", 21.3-21.6).
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64IFD")

#define ONE   0x3ff0000000000000
#define TWO   0x4000000000000000
#define THREE 0x4008000000000000
#define MONE  0xbff0000000000000
#define INF   0x7ff0000000000000
#define MINF  0xfff0000000000000
#define QNAN  0x7ff8000000000000
#define SNAN  0x7ff0000000000001
#define DMAX  0x7fefffffffffffff
#define TINY  0x0010000000000000
#define EPS53 0x3ca0000000000000
#define MZERO 0x8000000000000000

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*D.*);def TEST_CASE_1=True;",fdouble)
RVTEST_SIGBASE(x1, signature_x1_1)
TEST_FPRR_OP(fadd.d, f1, f2, f3, rne, ONE, EPS53, x1, x5, x6)
TEST_FPRR_OP(fadd.d, f4, f5, f6, rup, ONE, EPS53, x1, x5, x6)
TEST_FPRR_OP(fadd.d, f7, f8, f9, rmm, ONE, 0x3ca8000000000000, x1, x5, x6)
TEST_FPRR_OP(fsub.d, f10, f11, f12, rne, MINF, MINF, x1, x5, x6)
TEST_FPRR_OP(fsub.d, f13, f14, f15, rdn, TWO, TWO, x1, x5, x6)
TEST_FPRR_OP(fmul.d, f16, f17, f18, rne, DMAX, TWO, x1, x5, x6)
TEST_FPRR_OP(fmul.d, f19, f20, f21, rdn, DMAX, TWO, x1, x5, x6)
TEST_FPRR_OP(fmul.d, f22, f23, f24, rne, TINY, 0x3fd0000000000000, x1, x5, x6)
TEST_FPRR_OP(fdiv.d, f25, f26, f27, rne, MONE, 0x0, x1, x5, x6)
TEST_FPRR_OP(fdiv.d, f28, f29, f30, rtz, ONE, THREE, x1, x5, x6)
TEST_FPRR_OP(fdiv.d, f31, f0, f1, rmm, TWO, THREE, x1, x5, x6)
TEST_FPR_OP(fsqrt.d, f2, f3, rne, TWO, x1, x5, x6)
TEST_FPR_OP(fsqrt.d, f4, f5, rne, MINF, x1, x5, x6)
TEST_FPR4_OP(fmadd.d, f6, f7, f8, f9, rne, THREE, THREE, MONE, x1, x5, x6)
TEST_FPR4_OP(fmsub.d, f10, f11, f12, f13, rne, INF, 0x0, QNAN, x1, x5, x6)
TEST_FPR4_OP(fnmadd.d, f14, f15, f16, f17, rup, 0x3ff0000000000001, 0x3ff0000000000001, MONE, x1, x5, x6)
TEST_FPR4_OP(fnmsub.d, f18, f19, f20, f21, rne, TWO, TWO, SNAN, x1, x5, x6)
TEST_FPRR_NR(fmin.d, f22, f23, f24, SNAN, SNAN, x1, x5, x6)
TEST_FPRR_NR(fmax.d, f25, f26, f27, QNAN, MONE, x1, x5, x6)
TEST_FPRR_NR(fmin.d, f28, f29, f30, 0x0, MZERO, x1, x5, x6)
TEST_FPRR_NR(fsgnjx.d, f31, f0, f1, MONE, ONE, x1, x5, x6)
TEST_FCMP_OP(feq.d, x7, f2, f3, SNAN, SNAN, x1, x5, x6)
TEST_FCMP_OP(fle.d, x8, f4, f5, QNAN, ONE, x1, x5, x6)
TEST_FCMP_OP(flt.d, x9, f6, f7, MONE, ONE, x1, x5, x6)
TEST_FCLASS_OP(fclass.d, x10, f8, INF, x1, x5, x6)
TEST_FCLASS_OP(fclass.d, x11, f9, 0x0000000000000001, x1, x5, x6)
TEST_FCLASS_OP(fclass.d, x12, f10, MONE, x1, x5, x6)
TEST_FCVT_X_OP(fcvt.l.d, x13, f11, rtz, 0xc3e0000000000001, x1, x5, x6)
TEST_FCVT_X_OP(fcvt.lu.d, x14, f12, rne, INF, x1, x5, x6)
TEST_FCVT_X_OP(fcvt.w.d, x15, f13, rne, 0x41e0000000000000, x1, x5, x6)
TEST_FCVT_X_OP(fcvt.wu.d, x16, f14, rmm, 0x3fe0000000000000, x1, x5, x6)
TEST_FCVT_F_OP(fcvt.d.l, f15, x17, rne, 0x7fffffffffffffff, x1, x5)
        li x18, 0xffffffff80000000      /* exact: no rounding mode */
        csrwi fflags, 0
        fcvt.d.w f16, x18
        RVTEST_SIGUPD_F(x1, f16, x5)
TEST_FCVT_F_OP(fcvt.d.lu, f17, x19, rtz, 0xffffffffffffffff, x1, x5)
        /* double -> single: rounding and overflow; single -> double */
        FP_SET(f18, 0x3fb999999999999a, x6)
        csrwi fflags, 0
        fcvt.s.d f19, f18, rup
        RVTEST_SIGUPD_F(x1, f19, x5)
        FP_SET(f20, DMAX, x6)
        csrwi fflags, 0
        fcvt.s.d f21, f20, rne
        RVTEST_SIGUPD_F(x1, f21, x5)
        FP_SET(f22, 0xffffffff7f800001, x6)
        csrwi fflags, 0
        fcvt.d.s f23, f22
        RVTEST_SIGUPD_F(x1, f23, x5)
        /* NaN boxing: a properly boxed 1.0f, then an unboxed one */
        TEST_FPRR_OP(fadd.s, f24, f25, f26, rne, 0xffffffff3f800000, 0xffffffff3f800000, x1, x5, x6)
        TEST_FPRR_OP(fadd.s, f27, f28, f29, rne, 0x000000003f800000, 0xffffffff3f800000, x1, x5, x6)
        TEST_FCLASS_OP(fclass.s, x20, f30, 0x7fffffff00000000, x1, x5, x6)
        /* fld/fsd move all 64 bits untouched */
        la x21, rvtest_data
        fld f31, 0(x21)
        fsd f31, 8(x21)
        ld x22, 8(x21)
        RVTEST_SIGUPD(x1, x22)
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
        .dword 0x7ff123456789abcd, 0
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 90*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
