# Synchronous exceptions taken into M-mode, each with its mcause, mepc and
# mtval: illegal instruction (32-bit, 16-bit, nonexistent CSR; mtval = the
# instruction bits), breakpoint (EBREAK and C.EBREAK; mtval = pc, one of
# the two values 3.1.16 allows), load/store access fault at an unmapped
# address (mtval = address), instruction access fault after a jump to an
# unmapped address (mepc = mtval = target), ECALL from M, S and U (causes
# 11, 9, 8; mtval = 0); the MIE/MPIE/MPP stack on trap entry and on MRET,
# MRET clearing MPRV, MRET/SRET illegal below their mode.
# Privileged spec 20240411: 3.1.6.1 "Privilege and Global Interrupt-Enable
# Stack", 3.1.14 mepc, 3.1.15 mcause (table "Machine cause register values
# after trap"), 3.1.16 mtval, 3.3.1 "Environment Call and Breakpoint",
# 3.3.2 "Trap-Return Instructions"; 3.7.1 PMP (entry 0 opened for S/U).
# QEMU 7.2 (-machine spike -cpu rv64,h=false) passes all but 7/9 (it
# writes mtval = 0 for EBREAK, also allowed by 3.1.16), 15 (it reports
# an AMO access fault as a load fault; the cause table says store/AMO)
# and 39 (its MRET does not clear MPRV, required since 1.12,
# 3.1.6 "Memory Privilege in mstatus Register").
#define TEST_TRAP_HANDLER trap_handler
#include "mimic_test.h"

#define MSTATUS_SIE  (1 << 1)
#define MSTATUS_MIE  (1 << 3)
#define MSTATUS_SPIE (1 << 5)
#define MSTATUS_MPIE (1 << 7)
#define MSTATUS_SPP  (1 << 8)
#define MSTATUS_MPP  (3 << 11)
#define MSTATUS_MPRV (1 << 17)
#define UNMAPPED     0x40000000

/* The next trap is expected: the handler resumes at `label` in M-mode
 * with s2 = mcause, s3 = mepc, s4 = mtval, s5 = mstatus. */
#define EXPECT(n, label) li TESTNUM, n; la s11, label

/* Fails test n unless registers a and b are equal. */
#define CHECKR(n, a, b) li TESTNUM, n; bne a, b, fail

/* Drops to privilege `mode` (0 = U, 1 = S) at `label`. */
.macro GOTO mode, label
        li t0, MSTATUS_MPP
        csrc mstatus, t0
        li t0, (\mode << 11)
        csrs mstatus, t0
        la t0, \label
        csrw mepc, t0
        mret
.endm

/* Checks that the last trap had cause `cause` at pc `label` with mtval
 * `tval` (a register). */
.macro CHECK_TRAP n, cause, label, tval
        li TESTNUM, \n
        li t6, \cause
        bne s2, t6, fail
        la t6, \label
        bne s3, t6, fail
        bne s4, \tval, fail
.endm

TEST_BEGIN
        /* PMP entry 0: NAPOT over all addresses, RWX, so S and U may run. */
        li t0, -1
        csrw pmpaddr0, t0
        li t0, 0x1f
        csrw pmpcfg0, t0
        csrw mie, zero
        li s11, 0

        /* ---- illegal instruction: 32-bit word, mtval zero-extended ---- */
        EXPECT(2, 1f)
        csrw mtval, zero
ill32:  .word 0xfedcb00b            /* custom-0: not implemented */
        j fail
1:      li t0, 0xfedcb00b
        CHECK_TRAP 2, 2, ill32, t0

        /* ---- illegal instruction: 16-bit (C.LUI with nzimm = 0 is reserved) ---- */
        EXPECT(3, 1f)
ill16:  .half 0x6081
        .half 0x0001                /* c.nop */
        j fail
1:      li t0, 0x6081
        CHECK_TRAP 3, 2, ill16, t0

        /* ---- illegal instruction: the all-zero halfword, mtval = 0 ---- */
        EXPECT(4, 1f)
        csrwi mtval, 1
ill0:   .half 0x0000
        .half 0x0001
        j fail
1:      CHECK_TRAP 4, 2, ill0, zero

        /* ---- CSR access to a nonexistent CSR (mstatush is RV32-only) ---- */
        EXPECT(5, 1f)
illcsr: csrr a0, 0x310
        j fail
1:      li t0, 0x31002573           /* csrrs a0, 0x310, zero */
        CHECK_TRAP 5, 2, illcsr, t0
        lwu t1, 0(s3)               /* mtval holds the word at mepc */
        CHECKR(6, t1, s4)

        /* ---- EBREAK (32-bit) and C.EBREAK: mepc = mtval = pc ---- */
        EXPECT(7, 1f)
        .option push
        .option norvc
ebk:    ebreak
        .option pop
        j fail
1:      la t0, ebk
        CHECK_TRAP 7, 3, ebk, t0
        lhu t1, 0(s3)
        CHECK(8, t1, 0x0073)        /* really the 4-byte encoding */
        EXPECT(9, 1f)
cebk:   c.ebreak
        j fail
1:      la t0, cebk
        CHECK_TRAP 9, 3, cebk, t0
        lhu t1, 0(s3)
        CHECK(10, t1, 0x9002)

        /* ---- load and store access faults at an unmapped address ---- */
        li a1, UNMAPPED
        li a0, 0x55
        EXPECT(11, 1f)
ldf:    ld a0, 8(a1)
        j fail
1:      li t0, UNMAPPED + 8
        CHECK_TRAP 11, 5, ldf, t0
        CHECK(12, a0, 0x55)         /* rd not written */
        EXPECT(13, 1f)
stf:    sw a0, 0x14(a1)
        j fail
1:      li t0, UNMAPPED + 0x14
        CHECK_TRAP 13, 7, stf, t0
        EXPECT(14, 1f)
lbf:    lbu a0, 3(a1)
        j fail
1:      li t0, UNMAPPED + 3
        CHECK_TRAP 14, 5, lbf, t0
        EXPECT(15, 1f)
amof:   amoadd.w a0, a0, (a1)
        j fail
1:      CHECK_TRAP 15, 7, amof, a1  /* AMOs report store/AMO faults */

        /* ---- instruction access fault: mepc = mtval = target; the jump
         * itself retired (its link register is written) ---- */
        li a1, UNMAPPED + 0x100
        li ra, 0
        EXPECT(16, 1f)
jmp:    jalr ra, 0(a1)
        j fail
1:      li t0, 1
        CHECKR(16, s2, t0)
        CHECKR(17, s3, a1)
        CHECKR(18, s4, a1)
        la t0, jmp + 4
        CHECKR(19, ra, t0)

        /* ---- ECALL from M: cause 11, mtval 0; the M-mode stack:
         * MPIE = old MIE (1), MIE = 0, MPP = M ---- */
        csrsi mstatus, MSTATUS_MIE
        csrwi mtval, 7
        EXPECT(20, 1f)
ecm:    ecall
        j fail
1:      CHECK_TRAP 20, 11, ecm, zero
        andi t0, s5, MSTATUS_MIE | MSTATUS_MPIE
        CHECK(21, t0, MSTATUS_MPIE)
        srli t0, s5, 11
        andi t0, t0, 3
        CHECK(22, t0, 3)

        /* ---- MRET: MIE = MPIE, MPIE = 1, MPP = U (least privileged),
         * pc = mepc; here back to M ---- */
        li t0, MSTATUS_MPP
        csrs mstatus, t0            /* MPP = M */
        li t0, MSTATUS_MPIE
        csrs mstatus, t0
        csrci mstatus, MSTATUS_MIE
        la t0, 1f
        csrw mepc, t0
        li TESTNUM, 23
        mret
        j fail
1:      csrr t1, mstatus
        andi t0, t1, MSTATUS_MIE | MSTATUS_MPIE
        CHECK(23, t0, MSTATUS_MIE | MSTATUS_MPIE)
        li t0, MSTATUS_MPP
        and t0, t1, t0
        CHECK(24, t0, 0)
        csrci mstatus, MSTATUS_MIE
        /* MPIE = 0 -> MIE = 0 after MRET */
        li t0, MSTATUS_MPP | MSTATUS_MPIE
        csrc mstatus, t0
        li t0, MSTATUS_MPP
        csrs mstatus, t0
        la t0, 1f
        csrw mepc, t0
        li TESTNUM, 25
        mret
        j fail
1:      csrr t1, mstatus
        andi t0, t1, MSTATUS_MIE | MSTATUS_MPIE
        CHECK(25, t0, MSTATUS_MPIE)

        /* ---- ECALL from S: cause 9, MPP = S, MPIE = old MIE (0: the
         * MRET into S copied MPIE = 0 into MIE) ---- */
        li t0, MSTATUS_MPIE
        csrc mstatus, t0
        EXPECT(26, 1f)
        GOTO 1, ecs
ecs:    ecall
        j fail
1:      CHECK_TRAP 26, 9, ecs, zero
        srli t0, s5, 11
        andi t0, t0, 3
        CHECK(27, t0, 1)
        andi t0, s5, MSTATUS_MIE | MSTATUS_MPIE
        CHECK(28, t0, 0)

        /* ---- ECALL from U: cause 8, MPP = U; MIE = 1 was stacked into
         * MPIE even though it does not mask anything in U ---- */
        csrsi mstatus, MSTATUS_MIE
        li t0, MSTATUS_MPIE
        csrs mstatus, t0
        EXPECT(29, 1f)
        GOTO 0, ecu
ecu:    ecall
        j fail
1:      CHECK_TRAP 29, 8, ecu, zero
        srli t0, s5, 11
        andi t0, t0, 3
        CHECK(30, t0, 0)
        andi t0, s5, MSTATUS_MIE | MSTATUS_MPIE
        CHECK(31, t0, MSTATUS_MPIE)  /* MRET to U set MIE = MPIE = 1 */

        /* ---- exceptions in U and S report mepc and mtval the same way ---- */
        EXPECT(32, 1f)
        GOTO 0, uld
uld:    lw a0, 0(a1)                /* a1 is still unmapped */
        j fail
1:      CHECK_TRAP 32, 5, uld, a1
        srli t0, s5, 11
        andi t0, t0, 3
        CHECK(33, t0, 0)
        EXPECT(34, 1f)
        GOTO 1, sill
sill:   .word 0xfedcb00b
        j fail
1:      li t0, 0xfedcb00b
        CHECK_TRAP 34, 2, sill, t0

        /* ---- MRET from S and U, SRET from U: illegal instruction ---- */
        EXPECT(35, 1f)
        GOTO 1, smret
smret:  mret
        j fail
1:      li t0, 0x30200073
        CHECK_TRAP 35, 2, smret, t0
        EXPECT(36, 1f)
        GOTO 0, umret
umret:  mret
        j fail
1:      li t0, 0x30200073
        CHECK_TRAP 36, 2, umret, t0
        EXPECT(37, 1f)
        GOTO 0, usret
usret:  sret
        j fail
1:      li t0, 0x10200073
        CHECK_TRAP 37, 2, usret, t0

        /* ---- MRET to S clears MPRV; MRET to M keeps it ---- */
        li t0, MSTATUS_MPRV | MSTATUS_MPP
        csrs mstatus, t0            /* MPP = M: data accesses stay M */
        la t0, 1f
        csrw mepc, t0
        mret
1:      csrr t0, mstatus
        li t1, MSTATUS_MPRV
        and t0, t0, t1
        CHECK(38, t0, MSTATUS_MPRV)
        EXPECT(39, 1f)
        GOTO 1, mprv_s              /* sets MPP = S, then MRET */
mprv_s: ecall
        j fail
1:      li t1, MSTATUS_MPRV
        and t0, s5, t1
        CHECK(39, t0, 0)

        /* ---- S-mode trap stack: SRET from S to S and to U ---- */
        /* sstatus.SPP = 1, SPIE = 1: SRET returns to S with SIE = 1 */
        li s11, 0
        EXPECT(40, 1f)
        GOTO 1, s_sret
s_sret: li t0, MSTATUS_SPP | MSTATUS_SPIE
        csrs sstatus, t0
        csrci sstatus, MSTATUS_SIE
        la t0, 2f
        csrw sepc, t0
        sret
        j fail
2:      ecall                       /* back to M, still S before it */
        j fail
1:      CHECK(40, s2, 9)
        andi t0, s5, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
        CHECK(41, t0, MSTATUS_SIE | MSTATUS_SPIE)   /* SPP = U after SRET */

        li s11, 0
TEST_END

/* M-mode trap handler: records the trap and resumes at s11 in M-mode; an
 * unexpected trap (s11 = 0) fails the current test. */
        .align 2
trap_handler:
        csrr s2, mcause
        csrr s3, mepc
        csrr s4, mtval
        csrr s5, mstatus
        beqz s11, fail
        mv t6, s11
        li s11, 0
        jr t6
