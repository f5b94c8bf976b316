# Cache-block operations (Zicbom, Zicboz; 64-byte blocks): cbo.zero
# zeroes exactly the 64-byte block containing rs1 (any address inside
# it); cbo.clean/flush/inval leave memory unchanged (mimic has no
# caches); the enables: in S the menvcfg fields, in U both menvcfg and
# senvcfg (CBZE for cbo.zero, CBCFE for clean/flush, CBIE != 0 for inval,
# 01 = flush, 11 = invalidate), otherwise illegal instruction with mtval
# = the instruction; M is never affected by them; the reserved CBIE
# value 10 is never read back; a CMO to an unmapped address raises a
# store/AMO access fault with mtval = rs1 (not the block address).
# CMO spec 1.0.1 (unprivileged manual, "Base Cache Management Operation
# ISA Extensions"): "Traps" > "Page-Fault, Guest-Page-Fault, and
# Access-Fault Exceptions" (management instructions raise store faults;
# "the relevant *tval CSR is written with the faulting effective address
# (i.e. the value of rs1)"), "Control and Status Register State" (the
# enable pseudocode), the cbo.* instruction pages; privileged spec
# 20240411 3.1.18 menvcfg, 10.1.10 senvcfg.
# QEMU 7.2 (-machine spike -cpu rv64,h=false) passes all.
#define TEST_TRAP_HANDLER m_handler
#include "mimic_test.h"

#define MSTATUS_MPP  (3 << 11)
#define CBIE_FLUSH   (1 << 4)
#define CBIE_INVAL   (3 << 4)
#define CBCFE        (1 << 6)
#define CBZE         (1 << 7)
#define UNMAPPED     0x40000000
#define ILL  2
#define OK_U 8
#define OK_S 9
#define OK_M 11

#define CHECKR(n, a, b) li TESTNUM, n; bne a, b, fail

.macro GOTO mode, label
        li t0, MSTATUS_MPP
        csrc mstatus, t0
        li t0, (\mode << 11)
        csrs mstatus, t0
        la t0, \label
        csrw mepc, t0
        mret
.endm

/* Test n: one instruction in `mode`, then ECALL; `cause` is the first
 * trap expected (ILL: the instruction itself, mtval = its bits). */
.macro TRY n, mode, cause, insn:vararg
        li TESTNUM, \n
        la s11, .Lback\@
        GOTO \mode, .Lgo\@
.Lgo\@: \insn
        ecall
        j fail
.Lback\@:
        li t6, \cause
        bne s2, t6, fail
        .if \cause == ILL
        la t6, .Lgo\@
        bne s3, t6, fail
        lwu t6, 0(s3)
        bne s4, t6, fail
        .endif
.endm

/* One-operand wrappers (a vararg macro argument loses the space before
 * "(reg)"). */
.macro CBO_ZERO r
        cbo.zero (\r)
.endm
.macro CBO_CLEAN r
        cbo.clean (\r)
.endm
.macro CBO_FLUSH r
        cbo.flush (\r)
.endm
.macro CBO_INVAL r
        cbo.inval (\r)
.endm

/* Fills buf[0..256) with a nonzero pattern. */
.macro FILL
        la t0, buf
        li t1, 0x0101010101010101
        li t2, 32
99:     sd t1, 0(t0)
        addi t0, t0, 8
        addi t2, t2, -1
        bnez t2, 99b
.endm

/* a0 = number of zero bytes in buf[off, off + len) */
.macro ZEROS off, len
        la t0, buf + \off
        li t2, \len
        li a0, 0
99:     lbu t1, 0(t0)
        seqz t1, t1
        add a0, a0, t1
        addi t0, t0, 1
        addi t2, t2, -1
        bnez t2, 99b
.endm

TEST_BEGIN
        li t0, -1
        csrw pmpaddr0, t0
        li t0, 0x1f
        csrw pmpcfg0, t0
        csrw medeleg, zero
        csrw menvcfg, zero
        csrw senvcfg, zero
        li s11, 0
        la s1, buf

        /* ---- cbo.zero in M (menvcfg = 0 does not matter in M) ---- */
        FILL
        addi a1, s1, 64 + 37        /* inside the second block */
        cbo.zero (a1)
        ZEROS 64, 64
        CHECK(2, a0, 64)
        ZEROS 0, 64
        CHECK(3, a0, 0)
        ZEROS 128, 128
        CHECK(4, a0, 0)
        addi a1, s1, 192            /* block-aligned address */
        cbo.zero (a1)
        ZEROS 192, 64
        CHECK(5, a0, 64)
        ZEROS 128, 64
        CHECK(6, a0, 0)
        addi a1, s1, 127            /* last byte of a block */
        FILL
        cbo.zero (a1)
        ZEROS 64, 64
        CHECK(7, a0, 64)
        ZEROS 128, 64
        CHECK(8, a0, 0)

        /* ---- clean/flush/inval: memory unchanged ---- */
        FILL
        addi a1, s1, 8
        cbo.clean (a1)
        cbo.flush (a1)
        cbo.inval (a1)
        ZEROS 0, 256
        CHECK(9, a0, 0)

        /* ---- S and U with every enable clear: illegal ---- */
        addi a1, s1, 64
        TRY 10, 1, ILL, CBO_ZERO a1
        TRY 11, 1, ILL, CBO_CLEAN a1
        TRY 12, 1, ILL, CBO_FLUSH a1
        TRY 13, 1, ILL, CBO_INVAL a1
        TRY 14, 0, ILL, CBO_ZERO a1
        TRY 15, 0, ILL, CBO_INVAL a1
        li t0, CBZE | CBCFE | CBIE_INVAL
        csrw senvcfg, t0            /* senvcfg alone enables nothing */
        TRY 16, 0, ILL, CBO_ZERO a1
        TRY 17, 0, ILL, CBO_CLEAN a1
        TRY 18, 0, ILL, CBO_INVAL a1
        TRY 19, 1, ILL, CBO_ZERO a1
        csrw senvcfg, zero
        ZEROS 0, 256
        CHECK(20, a0, 0)            /* nothing was zeroed */

        /* ---- CBZE ---- */
        li t0, CBZE
        csrw menvcfg, t0
        TRY 21, 1, OK_S, CBO_ZERO a1
        ZEROS 64, 64
        CHECK(22, a0, 64)
        TRY 23, 1, ILL, CBO_CLEAN a1
        TRY 24, 0, ILL, CBO_ZERO a1
        li t0, CBZE
        csrw senvcfg, t0
        FILL
        TRY 25, 0, OK_U, CBO_ZERO a1
        ZEROS 64, 64
        CHECK(26, a0, 64)
        csrw senvcfg, zero
        csrw menvcfg, zero

        /* ---- CBCFE: clean and flush ---- */
        FILL
        li t0, CBCFE
        csrw menvcfg, t0
        TRY 27, 1, OK_S, CBO_CLEAN a1
        TRY 28, 1, OK_S, CBO_FLUSH a1
        TRY 29, 1, ILL, CBO_INVAL a1
        TRY 30, 0, ILL, CBO_FLUSH a1
        li t0, CBCFE
        csrw senvcfg, t0
        TRY 31, 0, OK_U, CBO_CLEAN a1
        TRY 32, 0, OK_U, CBO_FLUSH a1
        TRY 33, 0, ILL, CBO_ZERO a1
        csrw senvcfg, zero
        csrw menvcfg, zero

        /* ---- CBIE: 01 (inval performs a flush) and 11 ---- */
        li t0, CBIE_FLUSH
        csrw menvcfg, t0
        csrr a0, menvcfg
        andi a0, a0, 0x30
        CHECK(34, a0, CBIE_FLUSH)
        TRY 35, 1, OK_S, CBO_INVAL a1
        TRY 36, 1, ILL, CBO_FLUSH a1
        TRY 37, 0, ILL, CBO_INVAL a1
        li t0, CBIE_INVAL
        csrw menvcfg, t0
        TRY 38, 1, OK_S, CBO_INVAL a1
        li t0, CBIE_FLUSH
        csrw senvcfg, t0
        TRY 39, 0, OK_U, CBO_INVAL a1
        ZEROS 0, 256
        CHECK(40, a0, 0)            /* data survived every inval */
        /* CBIE = 10 is reserved: never read back */
        li t0, 2 << 4
        csrw menvcfg, t0
        csrr a0, menvcfg
        andi a0, a0, 0x30
        li TESTNUM, 41
        li t1, 2 << 4
        beq a0, t1, fail
        csrw senvcfg, t0
        csrr a0, senvcfg
        andi a0, a0, 0x30
        li TESTNUM, 42
        beq a0, t1, fail
        csrw senvcfg, zero
        csrw menvcfg, zero

        /* ---- access faults at an unmapped address: store/AMO access
         * fault, mtval = rs1 ---- */
        li a1, UNMAPPED + 0x28
        TRY 43, 3, 7, CBO_ZERO a1
        CHECKR(44, s4, a1)
        TRY 45, 3, 7, CBO_CLEAN a1
        CHECKR(46, s4, a1)
        TRY 47, 3, 7, CBO_FLUSH a1
        CHECKR(48, s4, a1)
        TRY 49, 3, 7, CBO_INVAL a1
        CHECKR(50, s4, a1)

        li s11, 0
TEST_END

        .align 2
m_handler:
        csrr s2, mcause
        csrr s3, mepc
        csrr s4, mtval
        csrr s5, mstatus
        beqz s11, fail
        mv t6, s11
        li s11, 0
        jr t6

        .data
        .align 6
buf:    .fill 256, 1, 0
