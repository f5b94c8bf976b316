# mstatus.FS, the floating-point context status (privileged spec 3.1.6.6
# "Extension Context Status in mstatus Register"; unprivileged spec ch. 20
# "F" and ch. 21 "D"):
#  - with FS = Off (mstatus[14:13] = 0), every F and D instruction, the
#    compressed c.fld/c.fsd/c.fldsp/c.fsdsp, and every access to fcsr,
#    frm and fflags raise illegal instruction (mcause = 2, mtval = the
#    instruction bits, 16 of them for compressed ones) and change nothing,
#    FS included;
#  - with FS = Initial or Clean, an instruction that writes an f register
#    (arithmetic, conversion, load, move, sign injection) or changes fcsr
#    (a CSR write, or an instruction raising a new exception flag) sets
#    FS = Dirty (3), and mstatus.SD (bit 63, read-only) then reads 1; the
#    same FS and SD show through sstatus.
# (Whether instructions that write nothing new may also set Dirty is
# implementation-defined, so that direction is not checked.)
#define TEST_TRAP_HANDLER trap_handler
#include "mimic_test.h"

#define MSTATUS_FS (3 << 13)
#define MARK 0x5a5a5a5a5a5a5a5a

/* Runs `code` (one instruction) expecting illegal instruction with
 * mtval = its bits and mepc = its address; a4 must keep MARK. */
#define TEST_ILLEGAL(n, code...)                                       \
        li TESTNUM, n;                                                 \
        la t0, trap_record;                                            \
        sd zero, 0(t0);                                                \
        li t1, 1;                                                      \
        sd t1, 24(t0);                                                 \
        li a4, MARK;                                                   \
1:      code;                                                          \
        la t0, trap_record;                                            \
        ld t1, 0(t0);                                                  \
        li t6, 2;                                                      \
        bne t1, t6, fail;                                              \
        ld t1, 8(t0);                                                  \
        ld t6, 32(t0);                                                 \
        bne t1, t6, fail;                                              \
        ld t1, 16(t0);                                                 \
        la t6, 1b;                                                     \
        bne t1, t6, fail;                                              \
        li t6, MARK;                                                   \
        bne a4, t6, fail

/* Sets FS to `fs` (0..3). */
#define SET_FS(fs)                                                     \
        li t0, MSTATUS_FS;                                             \
        csrc mstatus, t0;                                              \
        li t0, (fs) << 13;                                             \
        csrs mstatus, t0

/* Checks mstatus.FS == fs and mstatus.SD == (fs == 3), and the same
 * through sstatus. */
#define CHECK_FS(n, fs)                                                \
        li TESTNUM, n;                                                 \
        csrr t0, mstatus;                                              \
        srli t1, t0, 13;                                               \
        andi t1, t1, 3;                                                \
        li t6, fs;                                                     \
        bne t1, t6, fail;                                              \
        srli t1, t0, 63;                                               \
        li t6, ((fs) >> 1) & (fs) & 1;                             \
        bne t1, t6, fail;                                              \
        csrr t2, sstatus;                                              \
        srli t1, t2, 13;                                               \
        andi t1, t1, 3;                                                \
        li t6, fs;                                                     \
        bne t1, t6, fail;                                              \
        srli t1, t2, 63;                                               \
        li t6, ((fs) >> 1) & (fs) & 1;                             \
        bne t1, t6, fail

/* From FS = `from`, `code` must leave FS = Dirty. */
#define TEST_DIRTIES(n, from, code...)                                 \
        SET_FS(from);                                                  \
        CHECK_FS(n, from);                                             \
        code;                                                          \
        CHECK_FS(n, 3)

TEST_BEGIN
        /* known f-register contents and fflags to compare with later */
        la a0, data
        mv sp, a0
        li t0, MARK
        fmv.d.x fa3, t0
        fld fa0, 8(a0)
        fld fa1, 8(a0)
        fld fa2, 8(a0)
        li a1, 7
        csrwi fcsr, 0

        /* ---- FS = Off ---- */
        SET_FS(0)
        CHECK_FS(2, 0)
        .option push
        .option norvc
        TEST_ILLEGAL(3, flw fa3, 0(a0))
        TEST_ILLEGAL(4, fsw fa3, 0(a0))
        TEST_ILLEGAL(5, fmadd.s fa3, fa0, fa1, fa2)
        TEST_ILLEGAL(6, fmsub.s fa3, fa0, fa1, fa2)
        TEST_ILLEGAL(7, fnmsub.s fa3, fa0, fa1, fa2)
        TEST_ILLEGAL(8, fnmadd.s fa3, fa0, fa1, fa2)
        TEST_ILLEGAL(9, fadd.s fa3, fa0, fa1)
        TEST_ILLEGAL(10, fsub.s fa3, fa0, fa1)
        TEST_ILLEGAL(11, fmul.s fa3, fa0, fa1)
        TEST_ILLEGAL(12, fdiv.s fa3, fa0, fa1)
        TEST_ILLEGAL(13, fsqrt.s fa3, fa0)
        TEST_ILLEGAL(14, fsgnj.s fa3, fa0, fa1)
        TEST_ILLEGAL(15, fsgnjn.s fa3, fa0, fa1)
        TEST_ILLEGAL(16, fsgnjx.s fa3, fa0, fa1)
        TEST_ILLEGAL(17, fmin.s fa3, fa0, fa1)
        TEST_ILLEGAL(18, fmax.s fa3, fa0, fa1)
        TEST_ILLEGAL(19, fcvt.w.s a4, fa0)
        TEST_ILLEGAL(20, fcvt.wu.s a4, fa0)
        TEST_ILLEGAL(21, fcvt.l.s a4, fa0)
        TEST_ILLEGAL(22, fcvt.lu.s a4, fa0)
        TEST_ILLEGAL(23, fmv.x.w a4, fa0)
        TEST_ILLEGAL(24, fclass.s a4, fa0)
        TEST_ILLEGAL(25, feq.s a4, fa0, fa1)
        TEST_ILLEGAL(26, flt.s a4, fa0, fa1)
        TEST_ILLEGAL(27, fle.s a4, fa0, fa1)
        TEST_ILLEGAL(28, fcvt.s.w fa3, a1)
        TEST_ILLEGAL(29, fcvt.s.wu fa3, a1)
        TEST_ILLEGAL(30, fcvt.s.l fa3, a1)
        TEST_ILLEGAL(31, fcvt.s.lu fa3, a1)
        TEST_ILLEGAL(32, fmv.w.x fa3, a1)
        TEST_ILLEGAL(33, fld fa3, 0(a0))
        TEST_ILLEGAL(34, fsd fa3, 0(a0))
        TEST_ILLEGAL(35, fmadd.d fa3, fa0, fa1, fa2)
        TEST_ILLEGAL(36, fmsub.d fa3, fa0, fa1, fa2)
        TEST_ILLEGAL(37, fnmsub.d fa3, fa0, fa1, fa2)
        TEST_ILLEGAL(38, fnmadd.d fa3, fa0, fa1, fa2)
        TEST_ILLEGAL(39, fadd.d fa3, fa0, fa1)
        TEST_ILLEGAL(40, fsub.d fa3, fa0, fa1)
        TEST_ILLEGAL(41, fmul.d fa3, fa0, fa1)
        TEST_ILLEGAL(42, fdiv.d fa3, fa0, fa1)
        TEST_ILLEGAL(43, fsqrt.d fa3, fa0)
        TEST_ILLEGAL(44, fsgnj.d fa3, fa0, fa1)
        TEST_ILLEGAL(45, fsgnjn.d fa3, fa0, fa1)
        TEST_ILLEGAL(46, fsgnjx.d fa3, fa0, fa1)
        TEST_ILLEGAL(47, fmin.d fa3, fa0, fa1)
        TEST_ILLEGAL(48, fmax.d fa3, fa0, fa1)
        TEST_ILLEGAL(49, fcvt.s.d fa3, fa0)
        TEST_ILLEGAL(50, fcvt.d.s fa3, fa0)
        TEST_ILLEGAL(51, feq.d a4, fa0, fa1)
        TEST_ILLEGAL(52, flt.d a4, fa0, fa1)
        TEST_ILLEGAL(53, fle.d a4, fa0, fa1)
        TEST_ILLEGAL(54, fclass.d a4, fa0)
        TEST_ILLEGAL(55, fcvt.w.d a4, fa0)
        TEST_ILLEGAL(56, fcvt.wu.d a4, fa0)
        TEST_ILLEGAL(57, fcvt.l.d a4, fa0)
        TEST_ILLEGAL(58, fcvt.lu.d a4, fa0)
        TEST_ILLEGAL(59, fcvt.d.w fa3, a1)
        TEST_ILLEGAL(60, fcvt.d.wu fa3, a1)
        TEST_ILLEGAL(61, fcvt.d.l fa3, a1)
        TEST_ILLEGAL(62, fcvt.d.lu fa3, a1)
        TEST_ILLEGAL(63, fmv.x.d a4, fa0)
        TEST_ILLEGAL(64, fmv.d.x fa3, a1)
        /* the CSR views of fcsr */
        TEST_ILLEGAL(65, frcsr a4)
        TEST_ILLEGAL(66, fscsr a1)
        TEST_ILLEGAL(67, frrm a4)
        TEST_ILLEGAL(68, fsrm a4, a1)
        TEST_ILLEGAL(69, frflags a4)
        TEST_ILLEGAL(70, fsflags a1)
        TEST_ILLEGAL(71, csrrwi a4, fflags, 1)
        TEST_ILLEGAL(72, csrrsi a4, frm, 1)
        TEST_ILLEGAL(73, csrrc a4, fcsr, a1)
        .option pop
        /* compressed loads and stores (mtval holds the 16 bits) */
        .option push
        .option rvc
        TEST_ILLEGAL(74, c.fld fa3, 0(a0))
        TEST_ILLEGAL(75, c.fsd fa3, 0(a0))
        TEST_ILLEGAL(76, c.fldsp fa3, 0(sp))
        TEST_ILLEGAL(77, c.fsdsp fa3, 0(sp))
        .option pop
        /* nothing changed: FS still Off, f registers, fcsr and memory intact */
        CHECK_FS(78, 0)
        SET_FS(1)
        TEST_CASE(79, a4, MARK, fmv.x.d a4, fa3)
        TEST_CASE(80, a4, 0, frcsr a4)
        TEST_CASE(81, a4, 0x1111111111111111, ld a4, 0(a0))
        TEST_CASE(82, a4, 0x3ff0000000000000, fmv.x.d a4, fa0)

        /* ---- Initial/Clean -> Dirty on a write of FP state ---- */
        TEST_DIRTIES(83, 1, fadd.s fa3, fa0, fa1)
        TEST_DIRTIES(84, 2, fadd.d fa3, fa0, fa1)
        TEST_DIRTIES(85, 2, fmadd.d fa3, fa0, fa1, fa2)
        TEST_DIRTIES(86, 1, flw fa3, 0(a0))
        TEST_DIRTIES(87, 2, fld fa3, 8(a0))
        TEST_DIRTIES(88, 2, fmv.w.x fa3, a1)
        TEST_DIRTIES(89, 1, fmv.d.x fa3, a1)
        TEST_DIRTIES(90, 2, fcvt.d.w fa3, a1)
        TEST_DIRTIES(91, 2, fsgnjn.d fa3, fa0, fa0)
        TEST_DIRTIES(92, 1, fmin.s fa3, fa0, fa1)
        TEST_DIRTIES(93, 2, fcvt.s.d fa3, fa0)
        /* fcsr writes */
        TEST_DIRTIES(94, 2, csrwi fflags, 1)
        TEST_DIRTIES(95, 1, csrwi frm, 1)
        TEST_DIRTIES(96, 2, fscsr zero)
        /* An instruction with an x-register result that raises a new flag
           changes fcsr, which is FP state ("The FS field encodes the status
           of the floating-point unit state, including the floating-point
           registers f0-f31 and the CSRs fcsr, frm, and fflags", privileged
           spec 3.1.6.6), so FS must become Dirty. QEMU 7.2 leaves FS Clean
           here and fails tests 99 and 101; we follow the spec. */
        li t0, 0x7ff0000000000001                       /* sNaN */
        fmv.d.x fa3, t0
        TEST_DIRTIES(99, 2, feq.d a4, fa0, fa3)
        TEST_CASE(100, a4, 0x10, frflags a4)
        fsflags zero
        li t0, 0x4004000000000000                       /* 2.5 */
        fmv.d.x fa3, t0
        TEST_DIRTIES(101, 1, fcvt.w.d a4, fa3)
        CHECK(102, a4, 2)
        TEST_CASE(103, a4, 0x01, frflags a4)
        fsflags zero
        /* Dirty stays Dirty */
        TEST_DIRTIES(104, 3, fadd.d fa3, fa0, fa1)
        TEST_DIRTIES(105, 3, fsd fa3, 16(a0))
TEST_END

/* Records mcause, mtval, mepc and the trapping instruction's bits, then
 * resumes after it (2 or 4 bytes). A trap not announced by TEST_ILLEGAL
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
        andi t0, t2, 3
        addi t1, t1, 2
        li t3, 3
        bne t0, t3, 1f
        lhu t0, 0(t1)
        slli t0, t0, 16
        or t2, t2, t0
        addi t1, t1, 2
1:      la t0, trap_record
        sd t2, 32(t0)
        csrw mepc, t1
        mret

        .data
        .align 3
data:   .dword 0x1111111111111111, 0x3ff0000000000000, 0
/* mcause, mtval, mepc, trap expected, instruction bits */
trap_record: .dword 0, 0, 0, 0, 0
