# RV64F: every single-precision instruction (unprivileged spec ch. 20
# "F" Standard Extension), each checked for its result bits (with the
# NaN-box of F results, 21.2 "NaN Boxing of Narrower Values") and the
# fflags it raises (20.2, table "Accrued exception flag encoding"):
#   20.5 flw/fsw (bits unchanged); 20.6 fadd/fsub/fmul/fdiv/fsqrt,
#   fmadd/fmsub/fnmsub/fnmadd (one rounding; inf*0 + qNaN raises NV),
#   fmin/fmax; 20.7 fcvt.{w,wu,l,lu}.s and fcvt.s.{w,wu,l,lu} (only the
#   low 32 bits of rs1 for .w/.wu sources; 32-bit results sign-extended;
#   table "Domains of float-to-integer conversions"), fsgnj/fsgnjn/fsgnjx
#   (no flags, no NaN canonicalisation), fmv.x.w (sign-extended) and
#   fmv.w.x; 20.8 feq (quiet), flt/fle (signalling); 20.9 fclass (all ten
#   classes).
# Rounding modes are in fp_round.S, NaN/flag corner cases in fp_special.S.
#include "mimic_test.h"
#include "mimic_fp.h"

TEST_BEGIN
        /* ---- fadd.s / fsub.s / fmul.s / fdiv.s (20.6) ---- */
        TEST_FRR_S(2, fadd.s, 0, 0x40600000, 0x40200000, 0x3f800000)    /* 2.5 + 1 = 3.5 */
        TEST_FRR_S(3, fadd.s, NX, 0xc49a4000, 0xc49a6333, 0x3f8ccccd)   /* -1235.1 + 1.1 */
        TEST_FRR_S(4, fadd.s, NX, 0x40490fdb, 0x40490fdb, 0x322bcc77)   /* pi + 1e-8 = pi */
        TEST_FRR_S(5, fadd.s, NV, 0x7fc00000, 0x7f800000, 0xff800000)   /* inf + -inf */
        TEST_FRR_S(6, fadd.s, 0, 0x00000000, 0x3f800000, 0xbf800000)    /* 1 + -1 = +0 */
        TEST_FRR_S(7, fadd.s, 0, 0x80000000, 0x80000000, 0x80000000)    /* -0 + -0 = -0 */
        TEST_FRR_S(8, fsub.s, 0, 0x3fc00000, 0x40200000, 0x3f800000)    /* 2.5 - 1 = 1.5 */
        TEST_FRR_S(9, fsub.s, NX, 0x3f800000, 0x3f800000, 0x322bcc77)   /* 1 - 1e-8 */
        TEST_FRR_S(10, fsub.s, NV, 0x7fc00000, 0x7f800000, 0x7f800000)  /* inf - inf */
        TEST_FRR_S(11, fsub.s, 0, 0x80000000, 0x80000000, 0x00000000)   /* -0 - +0 = -0 */
        TEST_FRR_S(12, fmul.s, 0, 0xc0f00000, 0x40200000, 0xc0400000)   /* 2.5 * -3 = -7.5 */
        TEST_FRR_S(13, fmul.s, NX, 0x3c23d70b, 0x3dcccccd, 0x3dcccccd)  /* 0.1 * 0.1 */
        TEST_FRR_S(14, fmul.s, NV, 0x7fc00000, 0x7f800000, 0x00000000)  /* inf * 0 */
        TEST_FRR_S(15, fmul.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x40000000) /* max * 2 */
        TEST_FRR_S(16, fmul.s, 0, 0x80000000, 0x3f800000, 0x80000000)   /* 1 * -0 = -0 */
        TEST_FRR_S(17, fdiv.s, NX, 0x3eaaaaab, 0x3f800000, 0x40400000)  /* 1 / 3 */
        TEST_FRR_S(18, fdiv.s, 0, 0x40400000, 0x40f00000, 0x40200000)   /* 7.5 / 2.5 = 3 */
        TEST_FRR_S(19, fdiv.s, DZ, 0xff800000, 0xbf800000, 0x00000000)  /* -1 / 0 = -inf */
        TEST_FRR_S(20, fdiv.s, NV, 0x7fc00000, 0x00000000, 0x00000000)  /* 0 / 0 */
        TEST_FRR_S(21, fdiv.s, NV, 0x7fc00000, 0x7f800000, 0xff800000)  /* inf / -inf */
        TEST_FRR_S(22, fdiv.s, 0, 0x00000000, 0x3f800000, 0x7f800000)   /* 1 / inf = +0 */
        /* ---- fsqrt.s ---- */
        TEST_FR_S(23, fsqrt.s, 0, 0x40000000, 0x40800000)               /* sqrt 4 = 2 */
        TEST_FR_S(24, fsqrt.s, NX, 0x3fb504f3, 0x40000000)              /* sqrt 2 */
        TEST_FR_S(25, fsqrt.s, NX, 0x3fe2dfc5, 0x40490fdb)              /* sqrt pi */
        TEST_FR_S(26, fsqrt.s, NV, 0x7fc00000, 0xbf800000)              /* sqrt -1 */
        TEST_FR_S(27, fsqrt.s, 0, 0x80000000, 0x80000000)               /* sqrt -0 = -0 */
        TEST_FR_S(28, fsqrt.s, 0, 0x7f800000, 0x7f800000)               /* sqrt inf */
        /* ---- fused multiply-add (20.6) ---- */
        TEST_FR4_S(29, fmadd.s, 0, 0x40a00000, 0x3f800000, 0x40000000, 0x40400000)   /* 1*2 + 3 = 5 */
        TEST_FR4_S(30, fmadd.s, NX, 0x40766666, 0x3fc00000, 0x40200000, 0x3dcccccd)  /* 1.5*2.5 + 0.1 */
        /* (1 + 2^-12)^2 - 1 = 2^-11 + 2^-24 exactly: one rounding only
           (fmul.s then fadd.s would give 2^-11) */
        TEST_FR4_S(31, fmadd.s, 0, 0x3a000400, 0x3f800800, 0x3f800800, 0xbf800000)
        /* inf * 0 + qNaN raises NV (20.6: "even when the addend is a quiet NaN") */
        TEST_FR4_S(32, fmadd.s, NV, 0x7fc00000, 0x7f800000, 0x00000000, 0x7fc00000)
        TEST_FR4_S(33, fmsub.s, 0, 0xbf800000, 0x3f800000, 0x40000000, 0x40400000)   /* 1*2 - 3 = -1 */
        TEST_FR4_S(34, fmsub.s, NX, 0x4069999a, 0x3fc00000, 0x40200000, 0x3dcccccd)  /* 1.5*2.5 - 0.1 */
        TEST_FR4_S(35, fmsub.s, 0, 0x00000000, 0x3f800000, 0x00000000, 0x00000000)   /* 1*0 - 0 = +0 */
        TEST_FR4_S(36, fnmsub.s, 0, 0x3f800000, 0x3f800000, 0x40000000, 0x40400000)  /* -(1*2) + 3 = 1 */
        TEST_FR4_S(37, fnmsub.s, NX, 0xc069999a, 0x3fc00000, 0x40200000, 0x3dcccccd) /* -(1.5*2.5) + 0.1 */
        TEST_FR4_S(38, fnmsub.s, 0, 0x00000000, 0x3f800000, 0x00000000, 0x00000000)  /* -(1*0) + 0 = +0 */
        TEST_FR4_S(39, fnmadd.s, 0, 0xc0a00000, 0x3f800000, 0x40000000, 0x40400000)  /* -(1*2) - 3 = -5 */
        TEST_FR4_S(40, fnmadd.s, NX, 0xc0766666, 0x3fc00000, 0x40200000, 0x3dcccccd) /* -(1.5*2.5) - 0.1 */
        TEST_FR4_S(41, fnmadd.s, 0, 0x80000000, 0x3f800000, 0x00000000, 0x00000000)  /* -(1*0) - 0 = -0 */
        /* ---- sign injection (20.7): no flags, NaNs kept as they are ---- */
        TEST_FRR_S(42, fsgnj.s, 0, 0xbf800000, 0x3f800000, 0xc0000000)  /* |1| sign(-2) */
        TEST_FRR_S(43, fsgnj.s, 0, 0x3f800000, 0xbf800000, 0x40000000)
        TEST_FRR_S(44, fsgnj.s, 0, 0xff800001, 0x7f800001, 0xbf800000)  /* sNaN: no NV */
        TEST_FRR_S(45, fsgnjn.s, 0, 0x3f800000, 0x3f800000, 0xc0000000)
        TEST_FRR_S(46, fsgnjn.s, 0, 0xbf800000, 0x3f800000, 0x40000000)
        TEST_FRR_S(47, fsgnjn.s, 0, 0x7fc12345, 0x7fc12345, 0xffc00000) /* qNaN payload kept */
        TEST_FRR_S(48, fsgnjx.s, 0, 0x3f800000, 0xbf800000, 0xc0000000) /* - xor - = + */
        TEST_FRR_S(49, fsgnjx.s, 0, 0xbf800000, 0xbf800000, 0x40000000)
        TEST_FRR_S(50, fsgnjx.s, 0, 0xbf800000, 0x3f800000, 0xc0000000)
        /* ---- fmin.s / fmax.s (20.6) ---- */
        TEST_FRR_S(51, fmin.s, 0, 0x3f800000, 0x3f800000, 0x40000000)   /* min(1, 2) */
        TEST_FRR_S(52, fmin.s, 0, 0xc0000000, 0xbf800000, 0xc0000000)   /* min(-1, -2) */
        TEST_FRR_S(53, fmin.s, 0, 0xff800000, 0x40400000, 0xff800000)   /* min(3, -inf) */
        TEST_FRR_S(54, fmin.s, 0, 0x3f800000, 0x7fc00000, 0x3f800000)   /* min(qNaN, 1) = 1 */
        TEST_FRR_S(55, fmax.s, 0, 0x40000000, 0x3f800000, 0x40000000)   /* max(1, 2) */
        TEST_FRR_S(56, fmax.s, 0, 0xbf800000, 0xbf800000, 0xc0000000)   /* max(-1, -2) */
        TEST_FRR_S(57, fmax.s, 0, 0x7f800000, 0x7f800000, 0x40400000)   /* max(inf, 3) */
        TEST_FRR_S(58, fmax.s, NV, 0x3f800000, 0x3f800000, 0x7f800001)  /* max(1, sNaN) = 1, NV */
        /* ---- comparisons (20.8) ---- */
        TEST_FCMP_S(59, feq.s, 0, 1, 0x3f800000, 0x3f800000)
        TEST_FCMP_S(60, feq.s, 0, 0, 0x3f800000, 0x40000000)
        TEST_FCMP_S(61, feq.s, 0, 1, 0x00000000, 0x80000000)            /* +0 == -0 */
        TEST_FCMP_S(62, feq.s, 0, 0, 0x7fc00000, 0x7fc00000)            /* quiet: qNaN no NV */
        TEST_FCMP_S(63, feq.s, NV, 0, 0x7f800001, 0x3f800000)           /* sNaN: NV */
        TEST_FCMP_S(64, flt.s, 0, 1, 0xbf800000, 0x3f800000)
        TEST_FCMP_S(65, flt.s, 0, 0, 0x40000000, 0x3f800000)
        TEST_FCMP_S(66, flt.s, 0, 0, 0x80000000, 0x00000000)            /* -0 < +0 is false */
        TEST_FCMP_S(67, flt.s, NV, 0, 0x7fc00000, 0x3f800000)           /* signalling: qNaN NV */
        TEST_FCMP_S(68, fle.s, 0, 1, 0x3f800000, 0x3f800000)
        TEST_FCMP_S(69, fle.s, 0, 0, 0x40000000, 0x3f800000)
        TEST_FCMP_S(70, fle.s, 0, 1, 0x80000000, 0x00000000)            /* -0 <= +0 */
        TEST_FCMP_S(71, fle.s, NV, 0, 0x3f800000, 0x7fc00000)
        /* ---- fclass.s (20.9): one bit per class ---- */
        TEST_FTOX_S(72, fclass.s, 0, 1 << 0, 0xff800000)                /* -inf */
        TEST_FTOX_S(73, fclass.s, 0, 1 << 1, 0xbf800000)                /* negative normal */
        TEST_FTOX_S(74, fclass.s, 0, 1 << 2, 0x807fffff)                /* negative subnormal */
        TEST_FTOX_S(75, fclass.s, 0, 1 << 3, 0x80000000)                /* -0 */
        TEST_FTOX_S(76, fclass.s, 0, 1 << 4, 0x00000000)                /* +0 */
        TEST_FTOX_S(77, fclass.s, 0, 1 << 5, 0x00000001)                /* positive subnormal */
        TEST_FTOX_S(78, fclass.s, 0, 1 << 6, 0x7f7fffff)                /* positive normal */
        TEST_FTOX_S(79, fclass.s, 0, 1 << 7, 0x7f800000)                /* +inf */
        TEST_FTOX_S(80, fclass.s, 0, 1 << 8, 0x7fbfffff)                /* signalling NaN: no NV */
        TEST_FTOX_S(81, fclass.s, 0, 1 << 9, 0xffc00000)                /* quiet NaN */
        /* ---- float -> integer (20.7; rm = dyn, frm = rne) ---- */
        TEST_FTOX_S(82, fcvt.w.s, 0, -3, 0xc0400000)                    /* -3.0 */
        TEST_FTOX_S(83, fcvt.w.s, NX, 2, 0x40200000)                    /* 2.5 -> 2 (even) */
        TEST_FTOX_S(84, fcvt.w.s, NX, -2, 0xc0200000)                   /* -2.5 -> -2 */
        TEST_FTOX_S(85, fcvt.w.s, NV, 0x7fffffff, 0x501502f9)           /* 1e10 saturates */
        TEST_FTOX_S(86, fcvt.w.s, 0, 0xffffffff80000000, 0xcf000000)    /* -2^31 fits */
        TEST_FTOX_S(87, fcvt.w.s, NV, 0x7fffffff, 0x7fc00000)           /* NaN -> max */
        TEST_FTOX_S(88, fcvt.wu.s, 0, 3, 0x40400000)
        TEST_FTOX_S(89, fcvt.wu.s, 0, 0xffffffffffffff00, 0x4f7fffff)   /* 4294967040: sign-extended */
        TEST_FTOX_S(90, fcvt.wu.s, NV, 0, 0xbf800000)                   /* -1 -> 0 */
        TEST_FTOX_S(91, fcvt.wu.s, NV, 0xffffffffffffffff, 0x4f800000)  /* 2^32 saturates */
        TEST_FTOX_S(92, fcvt.l.s, 0, 0x8000000000000000, 0xdf000000)    /* -2^63 fits */
        TEST_FTOX_S(93, fcvt.l.s, NV, 0x7fffffffffffffff, 0x5f000000)   /* 2^63 saturates */
        TEST_FTOX_S(94, fcvt.l.s, NX, 2, 0x3fc00000)                    /* 1.5 -> 2 */
        TEST_FTOX_S(95, fcvt.l.s, 0, 10000000000, 0x501502f9)           /* 1e10 */
        TEST_FTOX_S(96, fcvt.lu.s, 0, 0x8000000000000000, 0x5f000000)   /* 2^63 fits */
        TEST_FTOX_S(97, fcvt.lu.s, NV, 0xffffffffffffffff, 0x5f800000)  /* 2^64 saturates */
        TEST_FTOX_S(98, fcvt.lu.s, 0, 0, 0x80000000)                    /* -0 -> 0, no flags */
        TEST_FTOX_S(99, fcvt.lu.s, NV, 0, 0xc0200000)                   /* -2.5 -> 0 */
        /* ---- integer -> float (20.7) ---- */
        TEST_XTOF_S(100, fcvt.s.w, 0, 0xc0000000, -2)
        TEST_XTOF_S(101, fcvt.s.w, NX, 0xcceb79a3, -123456789)
        TEST_XTOF_S(102, fcvt.s.w, NX, 0x4f000000, 0x123456787fffffff)  /* low 32 bits only */
        TEST_XTOF_S(103, fcvt.s.w, 0, 0xcf000000, 0x0000000080000000)   /* bit 31 is the sign */
        TEST_XTOF_S(104, fcvt.s.wu, NX, 0x4f800000, 0xffffffffffffffff) /* 2^32-1 -> 2^32 */
        TEST_XTOF_S(105, fcvt.s.wu, 0, 0x4f000000, 0xffffffff80000000)  /* low 32 bits: 2^31 */
        TEST_XTOF_S(106, fcvt.s.wu, 0, 0x00000000, 0x1234567800000000)  /* low 32 bits: 0 */
        TEST_XTOF_S(107, fcvt.s.l, 0, 0xbf800000, -1)
        TEST_XTOF_S(108, fcvt.s.l, NX, 0x5f000000, 0x7fffffffffffffff)
        TEST_XTOF_S(109, fcvt.s.l, 0, 0xdf000000, 0x8000000000000000)
        TEST_XTOF_S(110, fcvt.s.lu, NX, 0x5f800000, 0xffffffffffffffff)
        TEST_XTOF_S(111, fcvt.s.lu, 0, 0x3f800000, 1)
        TEST_XTOF_S(112, fcvt.s.lu, 0, 0x4ceb79a2, 123456784)
        /* ---- moves (20.7): bits unchanged, no flags ---- */
        TEST_FTOX_S(113, fmv.x.w, 0, 0xffffffffbf800000, 0xbf800000)    /* sign-extended */
        TEST_FTOX_S(114, fmv.x.w, 0, 0x7f800001, 0x7f800001)            /* sNaN bits, no NV */
        TEST_XTOF_S(115, fmv.w.x, 0, 0x3f800000, 0x123456783f800000)    /* low 32 bits, boxed */
        TEST_XTOF_S(116, fmv.w.x, 0, 0xff800001, 0x00000000ff800001)
        /* ---- flw / fsw (20.5): bits unchanged, boxed on load ---- */
        /* fsw writes exactly 4 bytes */
        TEST_CASE(117, a4, 0x55555555ff800001, \
                la a0, scratch; li t0, 0x5555555555555555; sd t0, 0(a0); \
                li t0, 0xff800001; fmv.w.x fa0, t0; fsw fa0, 0(a0); ld a4, 0(a0))
        TEST_CASE(118, a4, 0xffffffffff800001, \
                la a0, scratch; fmv.d.x fa1, zero; flw fa1, 0(a0); fmv.x.d a4, fa1)
        /* offsets, positive and negative */
        TEST_CASE(119, a4, 0xffffffff40490fdb, \
                la a0, scratch + 16; li t0, 0x40490fdb; sw t0, -4(a0); \
                flw fa2, -4(a0); fsw fa2, 8(a0); flw fa3, 8(a0); fmv.x.d a4, fa3)
        TEST_CASE(120, a4, 0x40490fdb, la a0, scratch; lwu a4, 24(a0))
        CHECK_FLAGS(121, 0)
TEST_END

        .data
        .align 3
scratch: .dword 0, 0, 0, 0, 0, 0
