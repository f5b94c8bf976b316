# F/D special cases (unprivileged spec ch. 20 "F" and ch. 21 "D"):
#  - NaN-boxing (21.2 "NaN Boxing of Narrower Values"): a single-precision
#    operation whose input register does not have its upper 32 bits all
#    ones reads the canonical NaN 0x7fc00000 (no NV: it is quiet), including
#    fsgnj*, fmin, compares, fclass and conversions; transfers (flw,
#    fmv.w.x) write boxed values and transfers out (fsw, fmv.x.w) use the
#    low 32 bits whatever the upper ones; D operations see the boxed value
#    as a (quiet) double NaN;
#  - canonical NaN results, never a propagated payload (20.3 "NaN
#    Generation and Propagation");
#  - signalling-NaN inputs raise NV in arithmetic, conversions and feq,
#    but not in sign injection, fclass or moves (20.7, 20.8, 20.9);
#  - fmin/fmax (20.6, IEEE 754-2019 minimumNumber/maximumNumber): -0 < +0,
#    one NaN gives the other operand, two NaNs the canonical NaN, any
#    signalling NaN raises NV;
#  - float-to-integer saturation and NV for NaN, infinities and
#    out-of-range values (20.7 table "Domains of float-to-integer
#    conversions"; 21.5);
#  - the five flags: overflow, underflow (tininess after rounding, 20.4
#    "Subnormal Arithmetic"; only when also inexact, IEEE 754-2019 7.5),
#    inexact, divide by zero (only for finite nonzero dividends), invalid;
#  - fflags accrue (OR) until software clears them (20.2);
#  - the fcsr/frm/fflags CSR views of one register (20.2: fcsr bits 31:8
#    read as zero, writes ignored; frm is fcsr[7:5], fflags fcsr[4:0]).
#include "mimic_test.h"
#include "mimic_fp.h"

/* Operands loaded as raw 64-bit register contents (fld), so a test can
 * hand an improperly boxed value to a single-precision instruction. */
#define RAW_F(n, flags, r, a, b, c, code...)                           \
        TEST_FP(n, flags, r, a, b, c, FP_LD_D, FP_GET_F, code)
#define RAW_X(n, flags, r, a, b, code...)                              \
        TEST_FP(n, flags, r, a, b, 0, FP_LD_D, FP_GET_X, code)

#define ONE_S   BOX_S(0x3f800000)
#define MTWO_S  BOX_S(0xc0000000)
#define CNAN_S  BOX_S(0x7fc00000)
#define ONE_D   0x3ff0000000000000
#define CNAN_D  0x7ff8000000000000

TEST_BEGIN
        /* ---- NaN-boxing (21.2) ---- */
        /* 1.0f with upper bits zero / almost all ones reads as canonical NaN */
        RAW_F(2, 0, CNAN_S, 0x000000003f800000, ONE_S, 0, fadd.s fa3, fa0, fa1)
        RAW_F(3, 0, CNAN_S, ONE_S, 0xfffffffe3f800000, 0, fadd.s fa3, fa0, fa1)
        RAW_F(4, 0, CNAN_S, 0x7fffffff3f800000, 0, 0, fsqrt.s fa3, fa0)
        /* an unboxed sNaN pattern is just the (quiet) canonical NaN: no NV */
        RAW_F(5, 0, CNAN_S, 0x000000007f800001, ONE_S, 0, fmul.s fa3, fa0, fa1)
        RAW_F(6, 0, CNAN_S, ONE_S, ONE_S, 0x000000003f800000, fmadd.s fa3, fa0, fa1, fa2)
        /* sign injection takes the canonical NaN for an unboxed input */
        RAW_F(7, 0, BOX_S(0xffc00000), 0x000000003f800000, MTWO_S, 0, fsgnj.s fa3, fa0, fa1)
        RAW_F(8, 0, BOX_S(0xbf800000), ONE_S, 0x00000000bf800000, 0, fsgnjn.s fa3, fa0, fa1)
        RAW_F(9, 0, BOX_S(0x3f800000), ONE_S, 0x00000000bf800000, 0, fsgnjx.s fa3, fa0, fa1)
        RAW_F(10, 0, BOX_S(0x3f800000), 0x123456783f800000, ONE_S, 0, fmin.s fa3, fa0, fa1)
        RAW_X(11, 0, 0, 0x000000003f800000, 0x000000003f800000, feq.s a4, fa0, fa1)
        RAW_X(12, NV, 0, 0x000000003f800000, ONE_S, fle.s a4, fa0, fa1)
        RAW_X(13, 0, 1 << 9, 0x00000000ff800000, 0, fclass.s a4, fa0)   /* quiet NaN, not -inf */
        RAW_X(14, NV, 0x7fffffff, 0x00000000bf800000, 0, fcvt.w.s a4, fa0)
        RAW_F(15, 0, CNAN_D, 0x000000003f800000, 0, 0, fcvt.d.s fa3, fa0)
        /* transfers out ignore the upper bits */
        RAW_X(16, 0, 0xffffffffbf800000, 0x12345678bf800000, 0, fmv.x.w a4, fa0)
        TEST_CASE(17, a4, 0x000000009abcdef0, \
                la a0, scratch; li t0, 0x123456789abcdef0; fmv.d.x fa0, t0; \
                sd zero, 0(a0); fsw fa0, 0(a0); ld a4, 0(a0))
        /* transfers in box */
        TEST_CASE(18, a4, 0xffffffff9abcdef0, \
                la a0, scratch; fmv.d.x fa1, zero; flw fa1, 0(a0); fmv.x.d a4, fa1)
        TEST_CASE(19, a4, 0xffffffff00000000, \
                li t0, 0x5555555500000000; fmv.w.x fa2, t0; fmv.x.d a4, fa2)
        /* a double operation sees a boxed single as a quiet double NaN */
        RAW_F(20, 0, CNAN_D, ONE_S, ONE_D, 0, fadd.d fa3, fa0, fa1)
        RAW_X(21, 0, 1 << 9, ONE_S, 0, fclass.d a4, fa0)
        CHECK_FLAGS(22, 0)

        /* ---- canonical NaN results (20.3): payloads are not propagated ---- */
        TEST_FRR_S(23, fadd.s, 0, 0x7fc00000, 0x7fc12345, 0x3f800000)
        TEST_FRR_S(24, fmul.s, 0, 0x7fc00000, 0x40000000, 0xffc00001)   /* negative qNaN */
        TEST_FR_S(25, fsqrt.s, 0, 0x7fc00000, 0xffffffff)
        TEST_FR4_S(26, fmadd.s, 0, 0x7fc00000, 0x3f800000, 0x7fd00000, 0x3f800000)
        TEST_FRR_D(27, fdiv.d, 0, CNAN_D, 0x7ff8000000abcdef, ONE_D)
        TEST_FRR_D(28, fsub.d, 0, CNAN_D, ONE_D, 0xfff8000000000000)
        TEST_FR_DS(29, fcvt.d.s, 0, CNAN_D, 0x7fc0ffff)
        TEST_FR_SD(30, fcvt.s.d, 0, 0x7fc00000, 0xfffabcdef0123456)
        /* invalid operations produce the canonical NaN */
        TEST_FRR_S(31, fsub.s, NV, 0x7fc00000, 0xff800000, 0xff800000)  /* -inf - -inf */
        TEST_FRR_D(32, fmul.d, NV, CNAN_D, 0x8000000000000000, 0xfff0000000000000)
        TEST_FR4_D(33, fnmsub.d, NV, CNAN_D, 0x7ff0000000000000, ONE_D, 0x7ff0000000000000) /* -inf + inf */

        /* ---- signalling NaN inputs raise NV ---- */
        TEST_FRR_S(34, fadd.s, NV, 0x7fc00000, 0x7f800001, 0x3f800000)
        TEST_FRR_S(35, fdiv.s, NV, 0x7fc00000, 0x3f800000, 0xffbfffff)
        TEST_FR_S(36, fsqrt.s, NV, 0x7fc00000, 0x7fa00000)
        TEST_FR4_S(37, fmadd.s, NV, 0x7fc00000, 0x3f800000, 0x3f800000, 0x7f800001) /* addend */
        TEST_FRR_D(38, fmul.d, NV, CNAN_D, 0x7ff4000000000000, ONE_D)
        TEST_FR4_D(39, fmsub.d, NV, CNAN_D, 0x7ff0000000000001, 0, 0x7ff8000000000000)
        TEST_FTOX_S(40, fcvt.l.s, NV, 0x7fffffffffffffff, 0xff800001)   /* NaN saturates high, sign ignored */
        TEST_FTOX_D(41, fcvt.wu.d, NV, 0xffffffffffffffff, 0xfff0000000000001)
        TEST_FR_DS(42, fcvt.d.s, NV, CNAN_D, 0xff800001)
        TEST_FR_SD(43, fcvt.s.d, NV, 0x7fc00000, 0x7ff0000000000001)
        TEST_FCMP_S(44, feq.s, NV, 0, 0x3f800000, 0x7f800001)
        TEST_FCMP_D(45, feq.d, NV, 0, 0x7ff0000000000001, 0x7ff0000000000001)
        /* ... but not where the NaN is not operated on */
        TEST_FRR_S(46, fsgnjn.s, 0, 0xff800001, 0x7f800001, 0x3f800000)
        TEST_FRR_D(47, fsgnjx.d, 0, 0xfff0000000000001, 0x7ff0000000000001, 0xbff0000000000000)
        TEST_FTOX_S(48, fclass.s, 0, 1 << 8, 0xff800001)
        TEST_FTOX_S(49, fmv.x.w, 0, 0x7f800001, 0x7f800001)
        TEST_FTOX_D(50, fmv.x.d, 0, 0x7ff0000000000001, 0x7ff0000000000001)

        /* ---- fmin/fmax (20.6) ---- */
        TEST_FRR_S(51, fmin.s, 0, 0x80000000, 0x00000000, 0x80000000)   /* min(+0, -0) = -0 */
        TEST_FRR_S(52, fmin.s, 0, 0x80000000, 0x80000000, 0x00000000)   /* min(-0, +0) = -0 */
        TEST_FRR_S(53, fmax.s, 0, 0x00000000, 0x80000000, 0x00000000)   /* max(-0, +0) = +0 */
        TEST_FRR_S(54, fmax.s, 0, 0x00000000, 0x00000000, 0x80000000)   /* max(+0, -0) = +0 */
        TEST_FRR_D(55, fmin.d, 0, 0x8000000000000000, 0, 0x8000000000000000)
        TEST_FRR_D(56, fmax.d, 0, 0, 0x8000000000000000, 0)
        /* one quiet NaN: the other operand, either side, no flags */
        TEST_FRR_S(57, fmin.s, 0, 0xbf800000, 0xbf800000, 0x7fc00000)
        TEST_FRR_S(58, fmax.s, 0, 0xbf800000, 0xffc12345, 0xbf800000)
        TEST_FRR_D(59, fmax.d, 0, 0xfff0000000000000, 0x7ff8000000000000, 0xfff0000000000000)
        /* one signalling NaN: the other operand, and NV */
        TEST_FRR_S(60, fmin.s, NV, 0x40000000, 0x7f800001, 0x40000000)
        TEST_FRR_S(61, fmax.s, NV, 0x40000000, 0x40000000, 0xff800001)
        TEST_FRR_D(62, fmin.d, NV, ONE_D, ONE_D, 0x7ff0000000000001)
        /* two NaNs: the canonical NaN; NV if either signals */
        TEST_FRR_S(63, fmin.s, 0, 0x7fc00000, 0xffc00000, 0x7fc12345)
        TEST_FRR_S(64, fmax.s, NV, 0x7fc00000, 0x7fc00000, 0x7f800001)
        TEST_FRR_S(65, fmax.s, NV, 0x7fc00000, 0x7f800001, 0xff800001)
        TEST_FRR_D(66, fmin.d, 0, CNAN_D, 0xfff8000000000001, 0x7ff8000000000002)
        TEST_FRR_D(67, fmax.d, NV, CNAN_D, 0x7ff0000000000001, 0x7ff8000000000000)

        /* ---- fcvt saturation and NV (20.7 table, 21.5) ---- */
        TEST_FTOX_S(68, fcvt.w.s, NV, 0x7fffffff, 0x7f800000)           /* +inf */
        TEST_FTOX_S(69, fcvt.w.s, NV, 0xffffffff80000000, 0xff800000)   /* -inf */
        TEST_FTOX_S(70, fcvt.w.s, NV, 0xffffffff80000000, 0xcf000001)   /* < -2^31 */
        TEST_FTOX_S(71, fcvt.w.s, NV, 0x7fffffff, 0x7fc00000)           /* NaN */
        TEST_FTOX_S(72, fcvt.wu.s, NV, 0, 0xbf800000)                   /* -1 */
        TEST_FTOX_S(73, fcvt.wu.s, NV, 0, 0xff800000)                   /* -inf */
        TEST_FTOX_S(74, fcvt.wu.s, NV, 0xffffffffffffffff, 0x7fc00000)  /* NaN: 2^32-1, sign-extended */
        TEST_FTOX_S(75, fcvt.wu.s, NX, 0, 0xbe800000)                   /* -0.25 rounds to -0: NX, not NV */
        TEST_FTOX_S(76, fcvt.lu.s, NV, 0, 0xbf800000)                   /* -1 */
        TEST_FTOX_S(77, fcvt.lu.s, NV, 0xffffffffffffffff, 0x7f800000)  /* +inf */
        TEST_FTOX_S(78, fcvt.l.s, NV, 0x8000000000000000, 0xdf000001)   /* < -2^63 */
        TEST_FTOX_D(79, fcvt.l.d, NV, 0x7fffffffffffffff, 0x43e0000000000000) /* 2^63 */
        TEST_FTOX_D(80, fcvt.l.d, 0, 0x7ffffffffffffc00, 0x43dfffffffffffff)  /* largest double < 2^63 */
        TEST_FTOX_D(81, fcvt.l.d, NV, 0x8000000000000000, 0xc3e0000000000001) /* < -2^63 */
        TEST_FTOX_D(82, fcvt.l.d, NV, 0x8000000000000000, 0xfff0000000000000) /* -inf */
        TEST_FTOX_D(83, fcvt.l.d, NV, 0x7fffffffffffffff, 0xfff8000000000000) /* NaN */
        TEST_FTOX_D(84, fcvt.lu.d, NV, 0, 0xc3e0000000000000)           /* -2^63 */
        TEST_FTOX_D(85, fcvt.lu.d, NV, 0xffffffffffffffff, 0x7ff8000000000000)
        TEST_FTOX_D(86, fcvt.w.d, NV, 0xffffffff80000000, 0xc1e0000000200000) /* -2^31 - 1 */
        TEST_FTOX_D(87, fcvt.w.d, NV, 0x7fffffff, 0x41e0000000000000)   /* 2^31 */
        TEST_FTOX_D(88, fcvt.wu.d, NV, 0, 0xbff0000000000000)           /* -1 */
        TEST_FTOX_D(89, fcvt.wu.d, NV, 0xffffffffffffffff, 0x41f0000000000000) /* 2^32 */
        TEST_FTOX_D(90, fcvt.wu.d, NV, 0xffffffffffffffff, 0x7ff0000000000000) /* +inf */

        /* ---- the five flags ---- */
        /* overflow (always with inexact) */
        TEST_FRR_S(91, fmul.s, OF|NX, 0x7f800000, 0x7f7fffff, 0x7f7fffff)
        TEST_FRR_S(92, fsub.s, OF|NX, 0xff800000, 0xff7fffff, 0x7f7fffff)
        TEST_FRR_D(93, fadd.d, OF|NX, 0x7ff0000000000000, 0x7fefffffffffffff, 0x7fefffffffffffff)
        /* underflow: tiny and inexact */
        TEST_FRR_S(94, fdiv.s, UF|NX, 0x002aaaab, 0x00800000, 0x40400000)   /* 2^-126 / 3 */
        TEST_FRR_S(95, fmul.s, UF|NX, 0x00000000, 0x00000001, 0x3f000000)   /* 2^-149 / 2 -> +0 */
        TEST_FRR_D(96, fdiv.d, UF|NX, 0x0005555555555555, 0x0010000000000000, 0x4008000000000000)
        /* an exact subnormal result is not an underflow */
        TEST_FRR_S(97, fmul.s, 0, 0x00400000, 0x00800000, 0x3f000000)
        TEST_FRR_S(98, fsub.s, 0, 0x80000001, 0x00800000, 0x00800001)
        /* tininess after rounding (20.4): (1 + 2^-23)(2^-126 - 2^-149) =
           2^-126 (1 - 2^-46) rounds to 2^-126, which is not tiny: NX only */
        TEST_FRR_S(99, fmul.s, NX, 0x00800000, 0x3f800001, 0x007fffff)
        TEST_FRR_D(100, fmul.d, NX, 0x0010000000000000, 0x3ff0000000000001, 0x000fffffffffffff)
        /* divide by zero: finite nonzero / 0 only */
        TEST_FRR_S(101, fdiv.s, DZ, 0x7f800000, 0x3f800000, 0x00000000)
        TEST_FRR_S(102, fdiv.s, DZ, 0xff800000, 0x3f800000, 0x80000000)
        TEST_FRR_S(103, fdiv.s, 0, 0x7f800000, 0x7f800000, 0x00000000)  /* inf / 0: exact inf */
        TEST_FRR_D(104, fdiv.d, NV, CNAN_D, 0, 0)                       /* 0 / 0: NV, not DZ */
        TEST_FRR_D(105, fdiv.d, DZ, 0xfff0000000000000, 0x0000000000000001, 0x8000000000000000)
        /* inexact */
        TEST_FRR_S(106, fdiv.s, NX, 0x3eaaaaab, 0x3f800000, 0x40400000)
        TEST_XTOF_S(107, fcvt.s.w, NX, 0x4b800000, 16777217)

        /* ---- fflags accrue until cleared (20.2) ---- */
        TEST_CASE(108, a4, NX|DZ|NV, \
                csrwi fflags, 0; li t0, 0x3f800000; fmv.w.x fa0, t0; fmv.w.x fa2, zero; \
                li t0, 0x40400000; fmv.w.x fa1, t0; \
                fdiv.s fa3, fa0, fa1; fdiv.s fa3, fa0, fa2; fsqrt.s fa3, fa3; \
                fneg.s fa3, fa3; fsqrt.s fa3, fa3; frflags a4)
        /* an operation raising nothing, and reading the flags, keep them */
        TEST_CASE(109, a4, NX|DZ|NV, fadd.s fa3, fa0, fa0; frflags t0; frflags a4)
        /* new flags OR in */
        TEST_CASE(110, a4, NX|DZ|NV|OF, \
                li t0, 0x7f7fffff; fmv.w.x fa3, t0; fmul.s fa3, fa3, fa3; frflags a4)
        /* fsflags swaps in a new value */
        TEST_CASE(111, a4, NX|DZ|NV|OF, li t0, UF; fsflags a4, t0)
        TEST_CASE(112, a4, UF|NX, fdiv.s fa3, fa0, fa1; frflags a4)
        CHECK_FLAGS(113, UF|NX)
        CHECK_FLAGS(114, 0)

        /* ---- fcsr / frm / fflags views (20.2) ---- */
        TEST_CASE(115, a4, 0xff, li t0, 0xff; fscsr t0; frcsr a4)
        TEST_CASE(116, a4, 7, frrm a4)
        TEST_CASE(117, a4, 0x1f, frflags a4)
        /* bits 31:8 of fcsr read as zero, writes to them are ignored */
        TEST_CASE(118, a4, 0x80, li t0, 0xffffff80; csrw fcsr, t0; csrr a4, fcsr)
        TEST_CASE(119, a4, 0x4, csrr a4, frm)
        TEST_CASE(120, a4, 0, csrr a4, fflags)
        /* frm and fflags hold only their own bits */
        TEST_CASE(121, a4, 0x9f, li t0, -1; csrw fflags, t0; csrr a4, fcsr)
        TEST_CASE(122, a4, 0x3f, li t0, 0xf9; csrw frm, t0; csrr a4, fcsr)  /* frm = 1 */
        TEST_CASE(123, a4, 0x1f, csrr a4, fflags)
        /* the set/clear forms on each view */
        TEST_CASE(124, a4, 0x2b, csrci fflags, 0x14; csrr a4, fcsr)
        TEST_CASE(125, a4, 0x6b, csrsi frm, 2; csrr a4, fcsr)
        TEST_CASE(126, a4, 0x60, csrci fcsr, 0x0b; csrr a4, fcsr)
        TEST_CASE(127, a4, 0x60, csrrwi a4, fcsr, 0)
        /* fsrm swaps frm and leaves fflags alone */
        TEST_CASE(128, a4, 0, li t0, NX|OF; csrw fflags, t0; li t0, 2; fsrm a4, t0)
        TEST_CASE(129, a4, 0x45, frcsr a4)
        /* a new flag is visible in all views */
        TEST_CASE(130, a4, 0x4d, fdiv.s fa3, fa0, fa2; frcsr a4)
        TEST_CASE(131, a4, 0x0d, frflags a4)
        fscsr zero
        CHECK_FLAGS(132, 0)
TEST_END

        .data
        .align 3
scratch: .dword 0, 0
