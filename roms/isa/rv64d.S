# RV64D: every double-precision instruction (unprivileged spec ch. 21
# "D" Standard Extension, which reuses the F rules of ch. 20), each
# checked for its result bits and the fflags it raises:
#   21.3 fld/fsd; 21.4 fadd/fsub/fmul/fdiv/fsqrt.d, fmadd/fmsub/fnmsub/
#   fnmadd.d (one rounding; inf*0 + qNaN raises NV), fmin/fmax.d;
#   21.5 fcvt.{w,wu,l,lu}.d and fcvt.d.{w,wu,l,lu} (32-bit results
#   sign-extended, .w/.wu sources use rs1[31:0], saturation as in 20.7),
#   fcvt.s.d (rounds; overflow/underflow; NaN -> canonical NaN) and
#   fcvt.d.s (exact), fsgnj/fsgnjn/fsgnjx.d, fmv.x.d and fmv.d.x;
#   21.6 feq/flt/fle.d; 21.7 fclass.d (all ten classes); the compressed
#   c.fld/c.fsd/c.fldsp/c.fsdsp ("C" extension chapter).
# Rounding modes are in fp_round.S, NaN/flag corner cases in fp_special.S.
#include "mimic_test.h"
#include "mimic_fp.h"

#define ONE   0x3ff0000000000000
#define TWO   0x4000000000000000
#define THREE 0x4008000000000000
#define MONE  0xbff0000000000000
#define MTWO  0xc000000000000000
#define TENTH 0x3fb999999999999a
#define ONEP5 0x3ff8000000000000
#define TWOP5 0x4004000000000000
#define PI    0x400921fb54442d18
#define PINF  0x7ff0000000000000
#define NINF  0xfff0000000000000
#define QNAN  0x7ff8000000000000
#define SNAN  0x7ff0000000000001
#define NZERO 0x8000000000000000
#define DMAX  0x7fefffffffffffff

TEST_BEGIN
        /* ---- fadd.d / fsub.d / fmul.d / fdiv.d (21.4) ---- */
        TEST_FRR_D(2, fadd.d, 0, 0x400c000000000000, TWOP5, ONE)        /* 2.5 + 1 = 3.5 */
        TEST_FRR_D(3, fadd.d, NX, 0xc093480000000000, 0xc0934c6666666666, 0x3ff199999999999a) /* -1235.1 + 1.1 */
        TEST_FRR_D(4, fadd.d, NX, PI, PI, 0x3c670ef54646d497)           /* pi + 1e-17 = pi */
        TEST_FRR_D(5, fadd.d, NV, QNAN, PINF, NINF)                     /* inf + -inf */
        TEST_FRR_D(6, fadd.d, 0, 0, ONE, MONE)                          /* 1 + -1 = +0 */
        TEST_FRR_D(7, fadd.d, 0, NZERO, NZERO, NZERO)                   /* -0 + -0 = -0 */
        TEST_FRR_D(8, fsub.d, 0, ONEP5, TWOP5, ONE)                     /* 2.5 - 1 */
        TEST_FRR_D(9, fsub.d, NX, ONE, ONE, 0x3c670ef54646d497)         /* 1 - 1e-17 */
        TEST_FRR_D(10, fsub.d, NV, QNAN, PINF, PINF)                    /* inf - inf */
        TEST_FRR_D(11, fsub.d, 0, NZERO, NZERO, 0)                      /* -0 - +0 = -0 */
        TEST_FRR_D(12, fmul.d, 0, 0xc01e000000000000, TWOP5, 0xc008000000000000) /* 2.5 * -3 */
        TEST_FRR_D(13, fmul.d, NX, 0x3f847ae147ae147c, TENTH, TENTH)    /* 0.1 * 0.1 */
        TEST_FRR_D(14, fmul.d, NV, QNAN, NINF, 0)                       /* -inf * 0 */
        TEST_FRR_D(15, fmul.d, OF|NX, PINF, DMAX, TWO)                  /* max * 2 */
        TEST_FRR_D(16, fmul.d, NX, ONE, TENTH, 0x4024000000000000)      /* 0.1 * 10 rounds to 1 */
        TEST_FRR_D(17, fdiv.d, NX, 0x3fd5555555555555, ONE, THREE)      /* 1 / 3 */
        TEST_FRR_D(18, fdiv.d, 0, THREE, 0x401e000000000000, TWOP5)     /* 7.5 / 2.5 */
        TEST_FRR_D(19, fdiv.d, DZ, PINF, ONE, 0)                        /* 1 / 0 */
        TEST_FRR_D(20, fdiv.d, DZ, NINF, ONE, NZERO)                    /* 1 / -0 */
        TEST_FRR_D(21, fdiv.d, NV, QNAN, NZERO, 0)                      /* -0 / 0 */
        TEST_FRR_D(22, fdiv.d, NV, QNAN, PINF, PINF)                    /* inf / inf */
        /* ---- fsqrt.d ---- */
        TEST_FR_D(23, fsqrt.d, 0, 0x4008000000000000, 0x4022000000000000) /* sqrt 9 = 3 */
        TEST_FR_D(24, fsqrt.d, NX, 0x3ff6a09e667f3bcd, TWO)             /* sqrt 2 */
        TEST_FR_D(25, fsqrt.d, NX, 0x3ffc5bf891b4ef6a, PI)              /* sqrt pi */
        TEST_FR_D(26, fsqrt.d, NV, QNAN, MONE)                          /* sqrt -1 */
        TEST_FR_D(27, fsqrt.d, 0, NZERO, NZERO)                         /* sqrt -0 = -0 */
        TEST_FR_D(28, fsqrt.d, NV, QNAN, NINF)                          /* sqrt -inf */
        /* ---- fused multiply-add ---- */
        TEST_FR4_D(29, fmadd.d, 0, 0x4014000000000000, ONE, TWO, THREE) /* 1*2 + 3 = 5 */
        TEST_FR4_D(30, fmadd.d, NX, 0x400ecccccccccccd, ONEP5, TWOP5, TENTH)
        /* (1 + 2^-27)^2 - 1 = 2^-26 + 2^-54 exactly: one rounding only */
        TEST_FR4_D(31, fmadd.d, 0, 0x3e50000001000000, 0x3ff0000002000000, 0x3ff0000002000000, MONE)
        TEST_FR4_D(32, fmadd.d, NV, QNAN, 0, PINF, QNAN)                /* 0 * inf + qNaN: NV */
        TEST_FR4_D(33, fmsub.d, 0, MONE, ONE, TWO, THREE)               /* 1*2 - 3 */
        TEST_FR4_D(34, fmsub.d, NX, 0x400d333333333333, ONEP5, TWOP5, TENTH)
        TEST_FR4_D(35, fmsub.d, 0, 0, ONE, 0, 0)                        /* 1*0 - 0 = +0 */
        TEST_FR4_D(36, fnmsub.d, 0, ONE, ONE, TWO, THREE)               /* -(1*2) + 3 */
        TEST_FR4_D(37, fnmsub.d, NX, 0xc00d333333333333, ONEP5, TWOP5, TENTH)
        TEST_FR4_D(38, fnmsub.d, 0, 0, ONE, 0, 0)                       /* -(1*0) + 0 = +0 */
        TEST_FR4_D(39, fnmadd.d, 0, 0xc014000000000000, ONE, TWO, THREE) /* -(1*2) - 3 */
        TEST_FR4_D(40, fnmadd.d, NX, 0xc00ecccccccccccd, ONEP5, TWOP5, TENTH)
        TEST_FR4_D(41, fnmadd.d, 0, NZERO, ONE, 0, 0)                   /* -(1*0) - 0 = -0 */
        /* ---- sign injection ---- */
        TEST_FRR_D(42, fsgnj.d, 0, MONE, ONE, MTWO)
        TEST_FRR_D(43, fsgnj.d, 0, ONE, MONE, TWO)
        TEST_FRR_D(44, fsgnj.d, 0, 0xfff0000000000001, SNAN, MONE)      /* sNaN: no NV */
        TEST_FRR_D(45, fsgnjn.d, 0, ONE, ONE, MTWO)
        TEST_FRR_D(46, fsgnjn.d, 0, MONE, ONE, TWO)
        TEST_FRR_D(47, fsgnjx.d, 0, ONE, MONE, MTWO)
        TEST_FRR_D(48, fsgnjx.d, 0, MONE, MONE, TWO)
        TEST_FRR_D(49, fsgnjx.d, 0, 0x7ff8000000012345, 0xfff8000000012345, MTWO) /* payload kept */
        /* ---- fmin.d / fmax.d ---- */
        TEST_FRR_D(50, fmin.d, 0, ONE, ONE, TWO)
        TEST_FRR_D(51, fmin.d, 0, MTWO, MONE, MTWO)
        TEST_FRR_D(52, fmin.d, 0, ONE, QNAN, ONE)                       /* min(qNaN, 1) = 1 */
        TEST_FRR_D(53, fmin.d, NV, MONE, MONE, SNAN)                    /* min(-1, sNaN) = -1, NV */
        TEST_FRR_D(54, fmax.d, 0, TWO, ONE, TWO)
        TEST_FRR_D(55, fmax.d, 0, MONE, MONE, MTWO)
        TEST_FRR_D(56, fmax.d, 0, PINF, PINF, THREE)
        TEST_FRR_D(57, fmax.d, 0, THREE, QNAN, THREE)
        /* ---- comparisons (21.6) ---- */
        TEST_FCMP_D(58, feq.d, 0, 1, ONE, ONE)
        TEST_FCMP_D(59, feq.d, 0, 0, ONE, TWO)
        TEST_FCMP_D(60, feq.d, 0, 1, NZERO, 0)
        TEST_FCMP_D(61, feq.d, 0, 0, QNAN, ONE)                         /* quiet */
        TEST_FCMP_D(62, feq.d, NV, 0, ONE, SNAN)
        TEST_FCMP_D(63, flt.d, 0, 1, MONE, ONE)
        TEST_FCMP_D(64, flt.d, 0, 0, ONE, ONE)
        TEST_FCMP_D(65, flt.d, 0, 0, NZERO, 0)
        TEST_FCMP_D(66, flt.d, NV, 0, QNAN, ONE)                        /* signalling */
        TEST_FCMP_D(67, fle.d, 0, 1, ONE, ONE)
        TEST_FCMP_D(68, fle.d, 0, 0, TWO, ONE)
        TEST_FCMP_D(69, fle.d, 0, 1, NZERO, 0)
        TEST_FCMP_D(70, fle.d, NV, 0, ONE, QNAN)
        /* ---- fclass.d (21.7) ---- */
        TEST_FTOX_D(71, fclass.d, 0, 1 << 0, NINF)
        TEST_FTOX_D(72, fclass.d, 0, 1 << 1, MONE)
        TEST_FTOX_D(73, fclass.d, 0, 1 << 2, 0x800fffffffffffff)        /* negative subnormal */
        TEST_FTOX_D(74, fclass.d, 0, 1 << 3, NZERO)
        TEST_FTOX_D(75, fclass.d, 0, 1 << 4, 0)
        TEST_FTOX_D(76, fclass.d, 0, 1 << 5, 1)                         /* positive subnormal */
        TEST_FTOX_D(77, fclass.d, 0, 1 << 6, DMAX)
        TEST_FTOX_D(78, fclass.d, 0, 1 << 7, PINF)
        TEST_FTOX_D(79, fclass.d, 0, 1 << 8, 0x7ff7ffffffffffff)        /* signalling NaN */
        TEST_FTOX_D(80, fclass.d, 0, 1 << 9, 0xfff8000000000000)        /* quiet NaN */
        /* ---- double -> integer (21.5; rm = dyn, frm = rne) ---- */
        TEST_FTOX_D(81, fcvt.w.d, 0, -3, 0xc008000000000000)
        TEST_FTOX_D(82, fcvt.w.d, NX, 2, TWOP5)                         /* 2.5 -> 2 */
        TEST_FTOX_D(83, fcvt.w.d, 0, 0x7fffffff, 0x41dfffffffc00000)    /* 2^31-1 fits */
        TEST_FTOX_D(84, fcvt.w.d, NV, 0x7fffffff, 0x41dfffffffe00000)   /* 2^31-0.5 -> 2^31: NV */
        TEST_FTOX_D(85, fcvt.w.d, 0, 0xffffffff80000000, 0xc1e0000000000000) /* -2^31 */
        TEST_FTOX_D(86, fcvt.w.d, NV, 0xffffffff80000000, NINF)
        TEST_FTOX_D(87, fcvt.wu.d, 0, 0xffffffffffffffff, 0x41efffffffe00000) /* 2^32-1: sign-extended */
        TEST_FTOX_D(88, fcvt.wu.d, 0, 0xffffffff80000000, 0x41e0000000000000) /* 2^31 */
        TEST_FTOX_D(89, fcvt.wu.d, NV, 0, 0xc008000000000000)           /* -3 -> 0 */
        TEST_FTOX_D(90, fcvt.wu.d, NV, 0xffffffffffffffff, QNAN)
        TEST_FTOX_D(91, fcvt.l.d, 0, 0x8000000000000000, 0xc3e0000000000000) /* -2^63 */
        TEST_FTOX_D(92, fcvt.l.d, NV, 0x7fffffffffffffff, 0x43e0000000000000) /* 2^63 */
        TEST_FTOX_D(93, fcvt.l.d, 0, 10000000000, 0x4202a05f20000000)   /* 1e10 */
        TEST_FTOX_D(94, fcvt.l.d, NX, -2, 0xc004000000000000)           /* -2.5 -> -2 */
        TEST_FTOX_D(95, fcvt.lu.d, 0, 0x8000000000000000, 0x43e0000000000000) /* 2^63 */
        TEST_FTOX_D(96, fcvt.lu.d, NV, 0xffffffffffffffff, 0x43f0000000000000) /* 2^64 */
        TEST_FTOX_D(97, fcvt.lu.d, NX, 0, 0xbfe0000000000000)           /* -0.5 -> -0 = 0: NX only */
        TEST_FTOX_D(98, fcvt.lu.d, NV, 0xffffffffffffffff, PINF)
        /* ---- integer -> double (21.5) ---- */
        TEST_XTOF_D(99, fcvt.d.w, 0, MTWO, -2)
        TEST_XTOF_D(100, fcvt.d.w, 0, 0xc19d6f3454000000, -123456789)
        TEST_XTOF_D(101, fcvt.d.w, 0, 0x41dfffffffc00000, 0xabcdef017fffffff) /* low 32 bits */
        TEST_XTOF_D(102, fcvt.d.w, 0, 0xc1e0000000000000, 0x80000000)   /* bit 31 is the sign */
        TEST_XTOF_D(103, fcvt.d.wu, 0, 0x41efffffffe00000, -1)          /* 2^32-1 */
        TEST_XTOF_D(104, fcvt.d.wu, 0, 0x41e0000000000000, 0xffffffff80000000) /* 2^31 */
        TEST_XTOF_D(105, fcvt.d.l, 0, MONE, -1)
        TEST_XTOF_D(106, fcvt.d.l, NX, 0x43e0000000000000, 0x7fffffffffffffff)
        TEST_XTOF_D(107, fcvt.d.l, NX, 0x437b69b4ba630f35, 123456789012345678)
        TEST_XTOF_D(108, fcvt.d.l, 0, 0xc3e0000000000000, 0x8000000000000000)
        TEST_XTOF_D(109, fcvt.d.lu, NX, 0x43f0000000000000, 0xffffffffffffffff)
        TEST_XTOF_D(110, fcvt.d.lu, 0, 0x43e0000000000000, 0x8000000000000000)
        TEST_XTOF_D(111, fcvt.d.lu, 0, 0, 0)
        /* ---- fcvt.s.d / fcvt.d.s (21.5) ---- */
        TEST_FR_SD(112, fcvt.s.d, 0, 0x3fc00000, ONEP5)
        TEST_FR_SD(113, fcvt.s.d, NX, 0x3dcccccd, TENTH)
        TEST_FR_SD(114, fcvt.s.d, NX, 0x40490fdb, PI)
        TEST_FR_SD(115, fcvt.s.d, OF|NX, 0x7f800000, 0x7e37e43c8800759c) /* 1e300 */
        TEST_FR_SD(116, fcvt.s.d, UF|NX, 0x00000000, 0x01a56e1fc2f8f359) /* 1e-300 */
        TEST_FR_SD(117, fcvt.s.d, 0, 0x00000001, 0x36a0000000000000)    /* 2^-149 exactly */
        TEST_FR_SD(118, fcvt.s.d, 0, 0xff800000, NINF)
        TEST_FR_SD(119, fcvt.s.d, 0, 0x80000000, NZERO)
        TEST_FR_SD(120, fcvt.s.d, 0, 0x7fc00000, 0xfff8000012345678)    /* NaN -> canonical */
        TEST_FR_SD(121, fcvt.s.d, NV, 0x7fc00000, SNAN)
        TEST_FR_DS(122, fcvt.d.s, 0, 0x3fb99999a0000000, 0x3dcccccd)    /* 0.1f, exact */
        TEST_FR_DS(123, fcvt.d.s, 0, 0x36a0000000000000, 0x00000001)    /* subnormal -> normal */
        TEST_FR_DS(124, fcvt.d.s, 0, 0x47efffffe0000000, 0x7f7fffff)
        TEST_FR_DS(125, fcvt.d.s, 0, NINF, 0xff800000)
        TEST_FR_DS(126, fcvt.d.s, 0, NZERO, 0x80000000)
        TEST_FR_DS(127, fcvt.d.s, 0, QNAN, 0xffc12345)                  /* NaN -> canonical */
        TEST_FR_DS(128, fcvt.d.s, NV, QNAN, 0x7f800001)
        /* ---- fmv.x.d / fmv.d.x (21.5): bits unchanged, no flags ---- */
        TEST_FTOX_D(129, fmv.x.d, 0, 0x7ff0000000000001, SNAN)
        TEST_FTOX_D(130, fmv.x.d, 0, 0xffffffff7fc00000, 0xffffffff7fc00000)
        TEST_XTOF_D(131, fmv.d.x, 0, 0x0123456789abcdef, 0x0123456789abcdef)
        TEST_XTOF_D(132, fmv.d.x, 0, 0xfff0000000000001, 0xfff0000000000001)
        /* ---- fld / fsd (21.3) ---- */
        TEST_CASE(133, a4, 0x7ff0000000000001, \
                la a0, scratch; li t0, 0x7ff0000000000001; sd t0, 8(a0); \
                fld fa0, 8(a0); fsd fa0, 16(a0); ld a4, 16(a0))
        TEST_CASE(134, a4, 0xffffffff12345678, \
                la a0, scratch + 32; li t0, 0xffffffff12345678; sd t0, -8(a0); \
                fld fa1, -8(a0); fmv.x.d a4, fa1)
        TEST_CASE(135, a4, 0xffffffff12345678, \
                la a0, scratch; fsd fa1, 40(a0); ld a4, 40(a0))
        /* the compressed forms c.fld/c.fsd/c.fldsp/c.fsdsp (C extension) */
        TEST_CASE(136, a4, 0x400921fb54442d18, \
                la a0, scratch; li t0, 0x400921fb54442d18; fmv.d.x fa2, t0; \
                c.fsd fa2, 8(a0); c.fld fa3, 8(a0); fmv.x.d a4, fa3)
        TEST_CASE(137, a4, 0x400921fb54442d18, \
                la sp, scratch; c.fsdsp fa3, 32(sp); c.fldsp fa4, 32(sp); \
                fmv.x.d a4, fa4; li sp, 0)
        /* misaligned fld/fsd (performed, like the integer loads in rv64i.S) */
        TEST_CASE(138, a4, 0x0123456789abcdef, \
                la a0, scratch; li t0, 0x0123456789abcdef; fmv.d.x fa0, t0; \
                fsd fa0, 3(a0); fld fa1, 3(a0); fmv.x.d a4, fa1)
        CHECK_FLAGS(139, 0)
TEST_END

        .data
        .align 3
scratch: .dword 0, 0, 0, 0, 0, 0
