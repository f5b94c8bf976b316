# Rounding modes (unprivileged spec 20.2 "Floating-Point Control and
# Status Register", table "Rounding mode encoding"): each of the five
# static modes rne/rtz/rdn/rup/rmm on halfway and non-halfway cases of
# fadd.s/fadd.d and of the conversions float->int (20.7, 21.5), int->float
# and fcvt.s.d, including overflow (to inf or to the largest finite value
# by mode; 20.4: tininess after rounding for the subnormal cases); the
# dynamic mode (rm = dyn = 7) through every valid frm value; a static rm
# overriding frm.
# Reserved rounding modes: rm = 5 or 6 in the instruction, and rm = dyn
# while frm holds 5, 6 or 7, raise illegal instruction with mcause = 2
# and mtval = the instruction bits (privileged spec 3.1.16 "Machine Trap
# Value Register"), leaving rd and fflags unchanged. F/D 2.2 as ratified
# required this trap; the current manual (20.2) calls the behaviour
# reserved but notes that raising illegal instruction "is still valid",
# and QEMU and Spike do so. 20.2 also says instructions with an rm field
# that cannot round (fcvt.d.w) must treat rm as usual, so they trap too.
# Instructions with a static rm or without rounding still run when frm
# is invalid. Other reserved OP-FP encodings (funct3, rs2 or fmt values
# not in the instruction listings) raise illegal instruction too.
#define TEST_TRAP_HANDLER trap_handler
#include "mimic_test.h"
#include "mimic_fp.h"

/* fa3 = fa0 + fa1 with static rounding mode `rm` */
#define ADD_S(n, rm, flags, r, a, b)                                   \
        TEST_FCODE_S(n, flags, r, a, b, 0, fadd.s fa3, fa0, fa1, rm)
#define ADD_D(n, rm, flags, r, a, b)                                   \
        TEST_FCODE_D(n, flags, r, a, b, 0, fadd.d fa3, fa0, fa1, rm)
/* a4 = inst fa0, rm (float -> integer) */
#define TOX_S(n, inst, rm, flags, r, a)                                \
        TEST_FP(n, flags, r, a, 0, 0, FP_LD_S, FP_GET_X, inst a4, fa0, rm)
#define TOX_D(n, inst, rm, flags, r, a)                                \
        TEST_FP(n, flags, r, a, 0, 0, FP_LD_D, FP_GET_X, inst a4, fa0, rm)
/* fa3 = inst a1, rm (integer -> float) */
#define XTO_S(n, inst, rm, flags, r, x)                                \
        TEST_FP(n, flags, BOX_S(r), x, 0, 0, FP_LD_X, FP_GET_F, inst fa3, a1, rm)
#define XTO_D(n, inst, rm, flags, r, x)                                \
        TEST_FP(n, flags, r, x, 0, 0, FP_LD_X, FP_GET_F, inst fa3, a1, rm)
/* fa3 = fcvt.s.d fa0, rm */
#define S_D(n, rm, flags, r, a)                                        \
        TEST_FP(n, flags, BOX_S(r), a, 0, 0, FP_LD_D, FP_GET_F, fcvt.s.d fa3, fa0, rm)
/* the dynamic mode: frm = `mode`, then `code` with rm = dyn */
#define DYN_ADD_S(n, mode, flags, r, a, b)                             \
        TEST_FCODE_S(n, flags, r, a, b, 0,                             \
                csrwi frm, mode; fadd.s fa3, fa0, fa1, dyn; csrwi frm, 0)

/* Runs `code` (one instruction) expecting an illegal-instruction trap
 * with mtval = `bits`; checks that fa3 and a4 kept their old value and
 * that no flag was raised. */
#define MARK 0x5a5a5a5a5a5a5a5a
#define TEST_ILLEGAL(n, bits, code...)                                 \
        li TESTNUM, n;                                                 \
        la t0, trap_record;                                            \
        sd zero, 0(t0);                                                \
        li t1, 1;                                                      \
        sd t1, 24(t0);                                                 \
        li a4, MARK;                                                   \
        fmv.d.x fa3, a4;                                               \
1:      code;                                                          \
        la t0, trap_record;                                            \
        ld t1, 0(t0);                                                  \
        li t6, 2;                                                      \
        bne t1, t6, fail;                                              \
        ld t1, 8(t0);                                                  \
        li t6, bits;                                                   \
        bne t1, t6, fail;                                              \
        ld t1, 16(t0);                                                 \
        la t6, 1b;                                                     \
        bne t1, t6, fail;                                              \
        li t6, MARK;                                                   \
        bne a4, t6, fail;                                              \
        fmv.x.d t1, fa3;                                               \
        bne t1, t6, fail;                                              \
        CHECK_FLAGS(n, 0)

TEST_BEGIN
        /* 1 + 2^-24: halfway, even below */
        ADD_S(2, rne, NX, 0x3f800000, 0x3f800000, 0x33800000)
        ADD_S(3, rtz, NX, 0x3f800000, 0x3f800000, 0x33800000)
        ADD_S(4, rdn, NX, 0x3f800000, 0x3f800000, 0x33800000)
        ADD_S(5, rup, NX, 0x3f800001, 0x3f800000, 0x33800000)
        ADD_S(6, rmm, NX, 0x3f800001, 0x3f800000, 0x33800000)
        /* (1 + 2^-23) + 2^-24: halfway, odd below */
        ADD_S(7, rne, NX, 0x3f800002, 0x3f800001, 0x33800000)
        ADD_S(8, rtz, NX, 0x3f800001, 0x3f800001, 0x33800000)
        ADD_S(9, rdn, NX, 0x3f800001, 0x3f800001, 0x33800000)
        ADD_S(10, rup, NX, 0x3f800002, 0x3f800001, 0x33800000)
        ADD_S(11, rmm, NX, 0x3f800002, 0x3f800001, 0x33800000)
        /* -1 - 2^-24: halfway, negative */
        ADD_S(12, rne, NX, 0xbf800000, 0xbf800000, 0xb3800000)
        ADD_S(13, rtz, NX, 0xbf800000, 0xbf800000, 0xb3800000)
        ADD_S(14, rdn, NX, 0xbf800001, 0xbf800000, 0xb3800000)
        ADD_S(15, rup, NX, 0xbf800000, 0xbf800000, 0xb3800000)
        ADD_S(16, rmm, NX, 0xbf800001, 0xbf800000, 0xb3800000)
        /* 1 + 3*2^-25 (0.75 ulp): not halfway */
        ADD_S(17, rne, NX, 0x3f800001, 0x3f800000, 0x33c00000)
        ADD_S(18, rtz, NX, 0x3f800000, 0x3f800000, 0x33c00000)
        ADD_S(19, rdn, NX, 0x3f800000, 0x3f800000, 0x33c00000)
        ADD_S(20, rup, NX, 0x3f800001, 0x3f800000, 0x33c00000)
        ADD_S(21, rmm, NX, 0x3f800001, 0x3f800000, 0x33c00000)
        /* -1 - 2^-25 (0.25 ulp): not halfway, negative */
        ADD_S(22, rne, NX, 0xbf800000, 0xbf800000, 0xb3000000)
        ADD_S(23, rtz, NX, 0xbf800000, 0xbf800000, 0xb3000000)
        ADD_S(24, rdn, NX, 0xbf800001, 0xbf800000, 0xb3000000)
        ADD_S(25, rup, NX, 0xbf800000, 0xbf800000, 0xb3000000)
        ADD_S(26, rmm, NX, 0xbf800000, 0xbf800000, 0xb3000000)
        /* max + max: overflow gives inf or max by mode */
        ADD_S(27, rne, OF|NX, 0x7f800000, 0x7f7fffff, 0x7f7fffff)
        ADD_S(28, rtz, OF|NX, 0x7f7fffff, 0x7f7fffff, 0x7f7fffff)
        ADD_S(29, rdn, OF|NX, 0x7f7fffff, 0x7f7fffff, 0x7f7fffff)
        ADD_S(30, rup, OF|NX, 0x7f800000, 0x7f7fffff, 0x7f7fffff)
        ADD_S(31, rmm, OF|NX, 0x7f800000, 0x7f7fffff, 0x7f7fffff)
        /* -max + -max */
        ADD_S(32, rne, OF|NX, 0xff800000, 0xff7fffff, 0xff7fffff)
        ADD_S(33, rtz, OF|NX, 0xff7fffff, 0xff7fffff, 0xff7fffff)
        ADD_S(34, rdn, OF|NX, 0xff800000, 0xff7fffff, 0xff7fffff)
        ADD_S(35, rup, OF|NX, 0xff7fffff, 0xff7fffff, 0xff7fffff)
        ADD_S(36, rmm, OF|NX, 0xff800000, 0xff7fffff, 0xff7fffff)
        /* 1 + 2^-53: halfway, even below */
        ADD_D(37, rne, NX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000)
        ADD_D(38, rtz, NX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000)
        ADD_D(39, rdn, NX, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000)
        ADD_D(40, rup, NX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca0000000000000)
        ADD_D(41, rmm, NX, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca0000000000000)
        /* (1 + 2^-52) + 2^-53: halfway, odd below */
        ADD_D(42, rne, NX, 0x3ff0000000000002, 0x3ff0000000000001, 0x3ca0000000000000)
        ADD_D(43, rtz, NX, 0x3ff0000000000001, 0x3ff0000000000001, 0x3ca0000000000000)
        ADD_D(44, rdn, NX, 0x3ff0000000000001, 0x3ff0000000000001, 0x3ca0000000000000)
        ADD_D(45, rup, NX, 0x3ff0000000000002, 0x3ff0000000000001, 0x3ca0000000000000)
        ADD_D(46, rmm, NX, 0x3ff0000000000002, 0x3ff0000000000001, 0x3ca0000000000000)
        /* -1 - 3*2^-54 (0.75 ulp): not halfway, negative */
        ADD_D(47, rne, NX, 0xbff0000000000001, 0xbff0000000000000, 0xbca8000000000000)
        ADD_D(48, rtz, NX, 0xbff0000000000000, 0xbff0000000000000, 0xbca8000000000000)
        ADD_D(49, rdn, NX, 0xbff0000000000001, 0xbff0000000000000, 0xbca8000000000000)
        ADD_D(50, rup, NX, 0xbff0000000000000, 0xbff0000000000000, 0xbca8000000000000)
        ADD_D(51, rmm, NX, 0xbff0000000000001, 0xbff0000000000000, 0xbca8000000000000)
        /* 1 + -1: an exact zero is +0, except -0 when rounding down (IEEE 754-2019 6.3) */
        ADD_D(52, rne, 0, 0, 0x3ff0000000000000, 0xbff0000000000000)
        ADD_D(53, rtz, 0, 0, 0x3ff0000000000000, 0xbff0000000000000)
        ADD_D(54, rdn, 0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000)
        ADD_D(55, rup, 0, 0, 0x3ff0000000000000, 0xbff0000000000000)
        ADD_D(56, rmm, 0, 0, 0x3ff0000000000000, 0xbff0000000000000)
        /* fcvt.w.s 2.5: halfway */
        TOX_S(57, fcvt.w.s, rne, NX, 2, 0x40200000)
        TOX_S(58, fcvt.w.s, rtz, NX, 2, 0x40200000)
        TOX_S(59, fcvt.w.s, rdn, NX, 2, 0x40200000)
        TOX_S(60, fcvt.w.s, rup, NX, 3, 0x40200000)
        TOX_S(61, fcvt.w.s, rmm, NX, 3, 0x40200000)
        /* fcvt.w.s -2.5: halfway, negative */
        TOX_S(62, fcvt.w.s, rne, NX, -2, 0xc0200000)
        TOX_S(63, fcvt.w.s, rtz, NX, -2, 0xc0200000)
        TOX_S(64, fcvt.w.s, rdn, NX, -3, 0xc0200000)
        TOX_S(65, fcvt.w.s, rup, NX, -2, 0xc0200000)
        TOX_S(66, fcvt.w.s, rmm, NX, -3, 0xc0200000)
        /* fcvt.w.s 3.5: halfway, odd below */
        TOX_S(67, fcvt.w.s, rne, NX, 4, 0x40600000)
        TOX_S(68, fcvt.w.s, rtz, NX, 3, 0x40600000)
        TOX_S(69, fcvt.w.s, rdn, NX, 3, 0x40600000)
        TOX_S(70, fcvt.w.s, rup, NX, 4, 0x40600000)
        TOX_S(71, fcvt.w.s, rmm, NX, 4, 0x40600000)
        /* fcvt.w.s -2.75: not halfway */
        TOX_S(72, fcvt.w.s, rne, NX, -3, 0xc0300000)
        TOX_S(73, fcvt.w.s, rtz, NX, -2, 0xc0300000)
        TOX_S(74, fcvt.w.s, rdn, NX, -3, 0xc0300000)
        TOX_S(75, fcvt.w.s, rup, NX, -2, 0xc0300000)
        TOX_S(76, fcvt.w.s, rmm, NX, -3, 0xc0300000)
        /* fcvt.wu.s -0.5: rounds to -0 (NX) or to -1 (NV) by mode */
        TOX_S(77, fcvt.wu.s, rne, NX, 0, 0xbf000000)
        TOX_S(78, fcvt.wu.s, rtz, NX, 0, 0xbf000000)
        TOX_S(79, fcvt.wu.s, rdn, NV, 0, 0xbf000000)
        TOX_S(80, fcvt.wu.s, rup, NX, 0, 0xbf000000)
        TOX_S(81, fcvt.wu.s, rmm, NV, 0, 0xbf000000)
        /* fcvt.l.s 1.25: not halfway */
        TOX_S(82, fcvt.l.s, rne, NX, 1, 0x3fa00000)
        TOX_S(83, fcvt.l.s, rtz, NX, 1, 0x3fa00000)
        TOX_S(84, fcvt.l.s, rdn, NX, 1, 0x3fa00000)
        TOX_S(85, fcvt.l.s, rup, NX, 2, 0x3fa00000)
        TOX_S(86, fcvt.l.s, rmm, NX, 1, 0x3fa00000)
        /* fcvt.lu.s 2.5: halfway */
        TOX_S(87, fcvt.lu.s, rne, NX, 2, 0x40200000)
        TOX_S(88, fcvt.lu.s, rtz, NX, 2, 0x40200000)
        TOX_S(89, fcvt.lu.s, rdn, NX, 2, 0x40200000)
        TOX_S(90, fcvt.lu.s, rup, NX, 3, 0x40200000)
        TOX_S(91, fcvt.lu.s, rmm, NX, 3, 0x40200000)
        /* fcvt.l.d 2.25: not halfway */
        TOX_D(92, fcvt.l.d, rne, NX, 2, 0x4002000000000000)
        TOX_D(93, fcvt.l.d, rtz, NX, 2, 0x4002000000000000)
        TOX_D(94, fcvt.l.d, rdn, NX, 2, 0x4002000000000000)
        TOX_D(95, fcvt.l.d, rup, NX, 3, 0x4002000000000000)
        TOX_D(96, fcvt.l.d, rmm, NX, 2, 0x4002000000000000)
        /* fcvt.l.d -2.5: halfway */
        TOX_D(97, fcvt.l.d, rne, NX, -2, 0xc004000000000000)
        TOX_D(98, fcvt.l.d, rtz, NX, -2, 0xc004000000000000)
        TOX_D(99, fcvt.l.d, rdn, NX, -3, 0xc004000000000000)
        TOX_D(100, fcvt.l.d, rup, NX, -2, 0xc004000000000000)
        TOX_D(101, fcvt.l.d, rmm, NX, -3, 0xc004000000000000)
        /* fcvt.lu.d 0.5: halfway */
        TOX_D(102, fcvt.lu.d, rne, NX, 0, 0x3fe0000000000000)
        TOX_D(103, fcvt.lu.d, rtz, NX, 0, 0x3fe0000000000000)
        TOX_D(104, fcvt.lu.d, rdn, NX, 0, 0x3fe0000000000000)
        TOX_D(105, fcvt.lu.d, rup, NX, 1, 0x3fe0000000000000)
        TOX_D(106, fcvt.lu.d, rmm, NX, 1, 0x3fe0000000000000)
        /* fcvt.w.d 2^31 - 0.5: out of range only when rounded up */
        TOX_D(107, fcvt.w.d, rne, NV, 0x7fffffff, 0x41dfffffffe00000)
        TOX_D(108, fcvt.w.d, rtz, NX, 0x7fffffff, 0x41dfffffffe00000)
        TOX_D(109, fcvt.w.d, rdn, NX, 0x7fffffff, 0x41dfffffffe00000)
        TOX_D(110, fcvt.w.d, rup, NV, 0x7fffffff, 0x41dfffffffe00000)
        TOX_D(111, fcvt.w.d, rmm, NV, 0x7fffffff, 0x41dfffffffe00000)
        /* fcvt.wu.d 2^32 - 0.5: halfway at the top */
        TOX_D(112, fcvt.wu.d, rne, NV, 0xffffffffffffffff, 0x41effffffff00000)
        TOX_D(113, fcvt.wu.d, rtz, NX, 0xffffffffffffffff, 0x41effffffff00000)
        TOX_D(114, fcvt.wu.d, rdn, NX, 0xffffffffffffffff, 0x41effffffff00000)
        TOX_D(115, fcvt.wu.d, rup, NV, 0xffffffffffffffff, 0x41effffffff00000)
        TOX_D(116, fcvt.wu.d, rmm, NV, 0xffffffffffffffff, 0x41effffffff00000)
        /* fcvt.s.w 2^24 + 1: halfway */
        XTO_S(117, fcvt.s.w, rne, NX, 0x4b800000, 0x1000001)
        XTO_S(118, fcvt.s.w, rtz, NX, 0x4b800000, 0x1000001)
        XTO_S(119, fcvt.s.w, rdn, NX, 0x4b800000, 0x1000001)
        XTO_S(120, fcvt.s.w, rup, NX, 0x4b800001, 0x1000001)
        XTO_S(121, fcvt.s.w, rmm, NX, 0x4b800001, 0x1000001)
        /* fcvt.s.w -(2^24 + 3): halfway, odd below */
        XTO_S(122, fcvt.s.w, rne, NX, 0xcb800002, -16777219)
        XTO_S(123, fcvt.s.w, rtz, NX, 0xcb800001, -16777219)
        XTO_S(124, fcvt.s.w, rdn, NX, 0xcb800002, -16777219)
        XTO_S(125, fcvt.s.w, rup, NX, 0xcb800001, -16777219)
        XTO_S(126, fcvt.s.w, rmm, NX, 0xcb800002, -16777219)
        /* fcvt.s.wu 2^32 - 1 */
        XTO_S(127, fcvt.s.wu, rne, NX, 0x4f800000, 0xffffffff)
        XTO_S(128, fcvt.s.wu, rtz, NX, 0x4f7fffff, 0xffffffff)
        XTO_S(129, fcvt.s.wu, rdn, NX, 0x4f7fffff, 0xffffffff)
        XTO_S(130, fcvt.s.wu, rup, NX, 0x4f800000, 0xffffffff)
        XTO_S(131, fcvt.s.wu, rmm, NX, 0x4f800000, 0xffffffff)
        /* fcvt.s.l 2^25 + 1: a quarter ulp */
        XTO_S(132, fcvt.s.l, rne, NX, 0x4c000000, 0x2000001)
        XTO_S(133, fcvt.s.l, rtz, NX, 0x4c000000, 0x2000001)
        XTO_S(134, fcvt.s.l, rdn, NX, 0x4c000000, 0x2000001)
        XTO_S(135, fcvt.s.l, rup, NX, 0x4c000001, 0x2000001)
        XTO_S(136, fcvt.s.l, rmm, NX, 0x4c000000, 0x2000001)
        /* fcvt.s.lu 2^64 - 1 */
        XTO_S(137, fcvt.s.lu, rne, NX, 0x5f800000, 0xffffffffffffffff)
        XTO_S(138, fcvt.s.lu, rtz, NX, 0x5f7fffff, 0xffffffffffffffff)
        XTO_S(139, fcvt.s.lu, rdn, NX, 0x5f7fffff, 0xffffffffffffffff)
        XTO_S(140, fcvt.s.lu, rup, NX, 0x5f800000, 0xffffffffffffffff)
        XTO_S(141, fcvt.s.lu, rmm, NX, 0x5f800000, 0xffffffffffffffff)
        /* fcvt.d.l 2^53 + 1: halfway */
        XTO_D(142, fcvt.d.l, rne, NX, 0x4340000000000000, 0x20000000000001)
        XTO_D(143, fcvt.d.l, rtz, NX, 0x4340000000000000, 0x20000000000001)
        XTO_D(144, fcvt.d.l, rdn, NX, 0x4340000000000000, 0x20000000000001)
        XTO_D(145, fcvt.d.l, rup, NX, 0x4340000000000001, 0x20000000000001)
        XTO_D(146, fcvt.d.l, rmm, NX, 0x4340000000000001, 0x20000000000001)
        /* fcvt.d.l -(2^53 + 3): halfway, odd below */
        XTO_D(147, fcvt.d.l, rne, NX, 0xc340000000000002, -9007199254740995)
        XTO_D(148, fcvt.d.l, rtz, NX, 0xc340000000000001, -9007199254740995)
        XTO_D(149, fcvt.d.l, rdn, NX, 0xc340000000000002, -9007199254740995)
        XTO_D(150, fcvt.d.l, rup, NX, 0xc340000000000001, -9007199254740995)
        XTO_D(151, fcvt.d.l, rmm, NX, 0xc340000000000002, -9007199254740995)
        /* fcvt.d.lu 2^64 - 1 */
        XTO_D(152, fcvt.d.lu, rne, NX, 0x43f0000000000000, 0xffffffffffffffff)
        XTO_D(153, fcvt.d.lu, rtz, NX, 0x43efffffffffffff, 0xffffffffffffffff)
        XTO_D(154, fcvt.d.lu, rdn, NX, 0x43efffffffffffff, 0xffffffffffffffff)
        XTO_D(155, fcvt.d.lu, rup, NX, 0x43f0000000000000, 0xffffffffffffffff)
        XTO_D(156, fcvt.d.lu, rmm, NX, 0x43f0000000000000, 0xffffffffffffffff)
        /* fcvt.s.d 1 + 2^-24: halfway */
        S_D(157, rne, NX, 0x3f800000, 0x3ff0000010000000)
        S_D(158, rtz, NX, 0x3f800000, 0x3ff0000010000000)
        S_D(159, rdn, NX, 0x3f800000, 0x3ff0000010000000)
        S_D(160, rup, NX, 0x3f800001, 0x3ff0000010000000)
        S_D(161, rmm, NX, 0x3f800001, 0x3ff0000010000000)
        /* fcvt.s.d -(1 + 3*2^-25): not halfway */
        S_D(162, rne, NX, 0xbf800001, 0xbff0000018000000)
        S_D(163, rtz, NX, 0xbf800000, 0xbff0000018000000)
        S_D(164, rdn, NX, 0xbf800001, 0xbff0000018000000)
        S_D(165, rup, NX, 0xbf800000, 0xbff0000018000000)
        S_D(166, rmm, NX, 0xbf800001, 0xbff0000018000000)
        /* fcvt.s.d 1.5 * 2^-149: halfway between subnormals */
        S_D(167, rne, UF|NX, 0x2, 0x36a8000000000000)
        S_D(168, rtz, UF|NX, 0x1, 0x36a8000000000000)
        S_D(169, rdn, UF|NX, 0x1, 0x36a8000000000000)
        S_D(170, rup, UF|NX, 0x2, 0x36a8000000000000)
        S_D(171, rmm, UF|NX, 0x2, 0x36a8000000000000)
        /* fcvt.s.d 2^-150: halfway between 0 and the least subnormal */
        S_D(172, rne, UF|NX, 0x0, 0x3690000000000000)
        S_D(173, rtz, UF|NX, 0x0, 0x3690000000000000)
        S_D(174, rdn, UF|NX, 0x0, 0x3690000000000000)
        S_D(175, rup, UF|NX, 0x1, 0x3690000000000000)
        S_D(176, rmm, UF|NX, 0x1, 0x3690000000000000)
        /* fcvt.s.d -(2^128 - 2^75): overflows unless rounded toward zero
           (OF only if the result rounded with an unbounded exponent exceeds
           the largest finite number, IEEE 754-2019 7.4) */
        S_D(177, rne, OF|NX, 0xff800000, 0xc7efffffffffffff)
        S_D(178, rtz, NX, 0xff7fffff, 0xc7efffffffffffff)
        S_D(179, rdn, OF|NX, 0xff800000, 0xc7efffffffffffff)
        S_D(180, rup, NX, 0xff7fffff, 0xc7efffffffffffff)
        S_D(181, rmm, OF|NX, 0xff800000, 0xc7efffffffffffff)
        /* ---- dynamic rounding: rm = dyn (7) uses frm ---- */
        DYN_ADD_S(182, 0, NX, 0x3f800002, 0x3f800001, 0x33800000)       /* rne */
        DYN_ADD_S(183, 1, NX, 0x3f800001, 0x3f800001, 0x33800000)       /* rtz */
        DYN_ADD_S(184, 2, NX, 0x3f800001, 0x3f800001, 0x33800000)       /* rdn */
        DYN_ADD_S(185, 3, NX, 0x3f800002, 0x3f800001, 0x33800000)       /* rup */
        DYN_ADD_S(186, 4, NX, 0x3f800002, 0x3f800001, 0x33800000)       /* rmm */
        DYN_ADD_S(187, 0, NX, 0xbf800000, 0xbf800000, 0xb3800000)
        DYN_ADD_S(188, 1, NX, 0xbf800000, 0xbf800000, 0xb3800000)
        DYN_ADD_S(189, 2, NX, 0xbf800001, 0xbf800000, 0xb3800000)
        DYN_ADD_S(190, 3, NX, 0xbf800000, 0xbf800000, 0xb3800000)
        DYN_ADD_S(191, 4, NX, 0xbf800001, 0xbf800000, 0xb3800000)
        /* fcvt.w.s -2.5 and fcvt.d.l 2^53 + 1 under frm */
        TEST_FP(192, NX, -3, 0xc0200000, 0, 0, FP_LD_S, FP_GET_X, \
                csrwi frm, 2; fcvt.w.s a4, fa0, dyn; csrwi frm, 0)
        TEST_FP(193, NX, -3, 0xc0200000, 0, 0, FP_LD_S, FP_GET_X, \
                csrwi frm, 4; fcvt.w.s a4, fa0, dyn; csrwi frm, 0)
        TEST_FP(194, NX, -2, 0xc0200000, 0, 0, FP_LD_S, FP_GET_X, \
                csrwi frm, 1; fcvt.w.s a4, fa0, dyn; csrwi frm, 0)
        TEST_FP(195, NX, 0x4340000000000001, 0x20000000000001, 0, 0, FP_LD_X, FP_GET_F, \
                csrwi frm, 3; fcvt.d.l fa3, a1, dyn; csrwi frm, 0)
        /* fmadd.s under frm = rup: 1 * 1 + 2^-24 */
        TEST_FCODE_S(196, NX, 0x3f800001, 0x3f800000, 0x3f800000, 0x33800000, \
                csrwi frm, 3; fmadd.s fa3, fa0, fa1, fa2, dyn; csrwi frm, 0)
        /* a static rm overrides frm */
        TEST_FCODE_S(197, NX, 0x3f800000, 0x3f800000, 0x33800000, 0, \
                csrwi frm, 3; fadd.s fa3, fa0, fa1, rtz; csrwi frm, 0)
        /* frm keeps its value between instructions */
        TEST_CASE(198, a4, 3, csrwi frm, 3; fadd.s fa3, fa0, fa1, rne; frrm a4; csrwi frm, 0)
        CHECK_FLAGS(199, NX)

        /* ---- reserved static rm values 5 and 6 ---- */
        TEST_ILLEGAL(200, 0x00b556d3, .insn r 0x53, 5, 0x00, fa3, fa0, fa1)      /* fadd.s rm=5 */
        TEST_ILLEGAL(201, 0x00b566d3, .insn r 0x53, 6, 0x00, fa3, fa0, fa1)      /* fadd.s rm=6 */
        TEST_ILLEGAL(202, 0x12b566d3, .insn r 0x53, 6, 0x09, fa3, fa0, fa1)      /* fmul.d rm=6 */
        TEST_ILLEGAL(203, 0x5a0556d3, .insn r 0x53, 5, 0x2d, fa3, fa0, f0)       /* fsqrt.d rm=5 */
        TEST_ILLEGAL(204, 0xc0056753, .insn r 0x53, 6, 0x60, a4, fa0, x0)        /* fcvt.w.s rm=6 */
        TEST_ILLEGAL(205, 0xd205d6d3, .insn r 0x53, 5, 0x69, fa3, a1, x0)        /* fcvt.d.w rm=5 */
        TEST_ILLEGAL(206, 0x60b556c3, .insn r4 0x43, 5, 0, fa3, fa0, fa1, fa2)   /* fmadd.s rm=5 */
        TEST_ILLEGAL(207, 0x62b566cf, .insn r4 0x4f, 6, 1, fa3, fa0, fa1, fa2)   /* fnmadd.d rm=6 */
        /* ---- rm = dyn with frm = 5, 6, 7 ---- */
        csrwi frm, 5
        TEST_ILLEGAL(208, 0x00b576d3, fadd.s fa3, fa0, fa1, dyn)
        TEST_ILLEGAL(209, 0x401576d3, fcvt.s.d fa3, fa0, dyn)
        csrwi frm, 6
        TEST_ILLEGAL(210, 0x12b576d3, fmul.d fa3, fa0, fa1, dyn)
        TEST_ILLEGAL(211, 0xc0057753, fcvt.w.s a4, fa0, dyn)
        csrwi frm, 7
        TEST_ILLEGAL(212, 0xd005f6d3, fcvt.s.w fa3, a1, dyn)
        TEST_ILLEGAL(213, 0x62b576c3, fmadd.d fa3, fa0, fa1, fa2, dyn)
        /* with frm = 7, static modes and instructions without rounding run */
        TEST_FCODE_S(214, NX, 0x3f800001, 0x3f800000, 0x33800000, 0, fadd.s fa3, fa0, fa1, rup)
        TEST_FCODE_S(215, 0, 0xbf800000, 0x3f800000, 0xc0000000, 0, fsgnj.s fa3, fa0, fa1)
        TEST_FCODE_S(216, 0, 0x3f800000, 0x3f800000, 0x40000000, 0, fmin.s fa3, fa0, fa1)
        TEST_FP(217, 0, 1, 0x3f800000, 0x3f800000, 0, FP_LD_S, FP_GET_X, feq.s a4, fa0, fa1)
        TEST_FP(218, 0, 1 << 6, 0x3f800000, 0, 0, FP_LD_S, FP_GET_X, fclass.s a4, fa0)
        TEST_FP(219, 0, 0xffffffffbf800000, 0xbf800000, 0, 0, FP_LD_S, FP_GET_X, fmv.x.w a4, fa0)
        TEST_CASE(220, a4, 7, frrm a4)
        csrwi frm, 0

        /* ---- other reserved OP-FP encodings (ch. 37 "RV32/64G
           Instruction Set Listings": unlisted funct3/rs2/fmt values) ---- */
        TEST_ILLEGAL(221, 0x20b536d3, .insn r 0x53, 3, 0x10, fa3, fa0, fa1)     /* fsgnj.s, funct3=3 */
        TEST_ILLEGAL(222, 0xa0b53753, .insn r 0x53, 3, 0x50, a4, fa0, fa1)      /* feq.s, funct3=3 */
        TEST_ILLEGAL(223, 0xe0150753, .insn r 0x53, 0, 0x70, a4, fa0, f1)       /* fmv.x.w, rs2=1 */
        TEST_ILLEGAL(224, 0xc0450753, .insn r 0x53, 0, 0x60, a4, fa0, f4)       /* fcvt.w.s, rs2=4 */
        TEST_ILLEGAL(225, 0x581506d3, .insn r 0x53, 0, 0x2c, fa3, fa0, f1)      /* fsqrt.s, rs2=1 */
        TEST_ILLEGAL(226, 0x400506d3, .insn r 0x53, 0, 0x20, fa3, fa0, f0)      /* "fcvt.s.s" */
        TEST_ILLEGAL(227, 0x06b506d3, .insn r 0x53, 0, 0x03, fa3, fa0, fa1)     /* fadd.q: no Q */
        TEST_ILLEGAL(228, 0x66b506c3, .insn r4 0x43, 0, 3, fa3, fa0, fa1, fa2)  /* fmadd.q */
TEST_END

/* Records mcause, mtval and mepc, then resumes after the trapping
 * instruction (2 or 4 bytes). Any trap not announced by TEST_ILLEGAL
 * fails the current test. */
trap_handler:
        la t0, trap_record
        ld t1, 24(t0)
        beqz t1, fail
        sd zero, 24(t0)
        csrr t1, mcause
        sd t1, 0(t0)
        csrr t1, mtval
        sd t1, 8(t0)
        csrr t1, mepc
        sd t1, 16(t0)
        lhu t2, 0(t1)
        andi t2, t2, 3
        addi t1, t1, 2
        li t0, 3
        bne t2, t0, 1f
        addi t1, t1, 2
1:      csrw mepc, t1
        mret

        .data
        .align 3
/* mcause, mtval, mepc, trap expected */
trap_record: .dword 0, 0, 0, 0
