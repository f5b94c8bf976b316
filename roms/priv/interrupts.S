# Interrupts: supervisor software (mip.SSIP), machine software (CLINT
# msip), machine timer (CLINT mtimecmp), supervisor timer (Sstc stimecmp
# with menvcfg.STCE and mcounteren.TM); mcause/scause with the interrupt
# bit, mepc = the next instruction, mtval = 0; direct and vectored
# mtvec/stvec (interrupts at BASE + 4*cause, exceptions at BASE); the
# priority order MEI > MSI > MTI > SEI > SSI > STI and M-destined before
# S-destined; global enables (MIE gates M interrupts only in M; M
# interrupts always taken in S/U; delegated ones never in M; SRET
# re-enabling SIE takes a pending one at its target); WFI
# returning when an interrupt becomes pending even with MIE = 0, and
# trapping right after itself when it is enabled.
# Privileged spec 20240411: 3.1.6.1 global interrupt enables, 3.1.7
# mtvec, 3.1.9 "Machine Interrupt (mip and mie) Registers", 3.2.1
# "Machine Timer (mtime and mtimecmp)", 3.3.3 WFI, 10.1.3 sip/sie;
# Sstc (ch. "Sstc" 1.0: stimecmp, menvcfg.STCE); ACLINT 1.0 MSWI/MTIMER.
# Needs a CLINT at 0x2000000 (QEMU virt and spike both have one).
# QEMU 7.2 (-machine virt -cpu rv64,h=false; spike lacks Sstc) passes
# all but 25-27 (without AIA it takes the lowest-numbered pending
# interrupt, not the 3.1.9 order) and 59 (it keeps STIP from stimecmp
# after STCE is cleared; 3.1.18: STIP "reverts to its defined behavior").
#define TEST_TRAP_HANDLER m_handler
#include "mimic_test.h"

#define MSTATUS_SIE  (1 << 1)
#define MSTATUS_MIE  (1 << 3)
#define MSTATUS_MPP  (3 << 11)
#define IRQ_SSI      (1 << 1)
#define IRQ_MSI      (1 << 3)
#define IRQ_STI      (1 << 5)
#define IRQ_MTI      (1 << 7)
#define IRQ_SEI      (1 << 9)
#define INTR         (1 << 63)
#define CLINT_MSIP     0x2000000
#define CLINT_MTIMECMP 0x2004000
#define CLINT_MTIME    0x200bff8
#define STIMECMP     0x14d
#define SPIN         20000000      /* loop bound: ~seconds, never reached */

#define EXPECT_M(n, label) li TESTNUM, n; la s11, label
#define EXPECT_S(label) la s10, label
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

/* Spins (at most SPIN iterations) waiting for a trap, then fails. */
.macro SPIN_FAIL
        li t0, SPIN
99:     addi t0, t0, -1
        bnez t0, 99b
        j fail
.endm

.macro MSIP v
        li t0, CLINT_MSIP
        li t1, \v
        sw t1, 0(t0)
.endm

/* mtimecmp = mtime + delta (delta in ticks, a register or constant) */
.macro MTIMECMP_IN delta
        li t0, CLINT_MTIME
        ld t1, 0(t0)
        li t2, \delta
        add t1, t1, t2
        li t0, CLINT_MTIMECMP
        sd t1, 0(t0)
.endm

.macro MTIMECMP_SET v
        li t0, CLINT_MTIMECMP
        li t1, \v
        sd t1, 0(t0)
.endm

TEST_BEGIN
        li t0, -1
        csrw pmpaddr0, t0
        li t0, 0x1f
        csrw pmpcfg0, t0
        csrw mie, zero
        csrw mideleg, zero
        csrw medeleg, zero
        la t0, s_handler
        csrw stvec, t0
        li s10, 0
        li s11, 0
        li s1, -1
        MTIMECMP_SET -1
        MSIP 0

        /* ---- mip.SSIP (not delegated) to M: mcause = INTR | 1,
         * mepc = the instruction after the write, mtval = 0 ---- */
        li t0, IRQ_SSI
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE
        csrwi mtval, 5
        EXPECT_M(2, 1f)
        li t0, IRQ_SSI
        csrs mip, t0
ssi_next: nop
        j fail
1:      li t0, INTR | 1
        CHECKR(2, s2, t0)
        la t0, ssi_next
        CHECKR(3, s3, t0)
        CHECK(4, s4, 0)
        andi t0, s5, MSTATUS_MIE
        CHECK(5, t0, 0)             /* MIE cleared by the trap */
        li t0, IRQ_SSI
        csrc mip, t0

        /* ---- CLINT msip: mip.MSIP follows it; INTR | 3 ---- */
        csrw mie, zero
        MSIP 1
        csrr a0, mip
        andi a0, a0, IRQ_MSI
        CHECK(6, a0, IRQ_MSI)
        li t0, CLINT_MSIP
        lw a0, 0(t0)
        CHECK(7, a0, 1)
        li t0, IRQ_MSI
        csrw mie, t0
        EXPECT_M(8, 1f)
        csrsi mstatus, MSTATUS_MIE
        SPIN_FAIL
1:      li t0, INTR | 3
        CHECKR(8, s2, t0)
        MSIP 0
        csrr a0, mip
        andi a0, a0, IRQ_MSI
        CHECK(9, a0, 0)
        /* MSIP is read-only in mip */
        li t0, IRQ_MSI
        csrs mip, t0
        csrr a0, mip
        andi a0, a0, IRQ_MSI
        CHECK(10, a0, 0)

        /* ---- machine timer: MTIP = (mtime >= mtimecmp), INTR | 7 ---- */
        MTIMECMP_SET -1
        csrr a0, mip
        andi a0, a0, IRQ_MTI
        CHECK(11, a0, 0)
        li t0, IRQ_MTI
        csrs mip, t0                /* read-only in mip */
        csrr a0, mip
        andi a0, a0, IRQ_MTI
        CHECK(12, a0, 0)
        li t0, IRQ_MTI
        csrw mie, t0
        csrsi mstatus, MSTATUS_MIE
        EXPECT_M(13, 1f)
        MTIMECMP_IN 2000            /* 200 us at 10 MHz */
        SPIN_FAIL
1:      li t0, INTR | 7
        CHECKR(13, s2, t0)
        li t0, CLINT_MTIME          /* mtime has passed mtimecmp */
        ld a0, 0(t0)
        li t0, CLINT_MTIMECMP
        ld a1, 0(t0)
        li TESTNUM, 14
        bltu a0, a1, fail
        csrr a0, mip
        andi a0, a0, IRQ_MTI
        CHECK(15, a0, IRQ_MTI)
        MTIMECMP_SET -1             /* writing mtimecmp clears MTIP */
        csrr a0, mip
        andi a0, a0, IRQ_MTI
        CHECK(16, a0, 0)

        /* ---- vectored mtvec: interrupts at BASE + 4*cause ---- */
        la t0, m_vectors
        ori t0, t0, 1
        csrw mtvec, t0
        csrr a0, mtvec
        CHECKR(17, a0, t0)
        li t0, IRQ_SSI | IRQ_MSI | IRQ_MTI
        csrw mie, t0
        EXPECT_M(18, 1f)
        li t0, IRQ_SSI
        csrs mip, t0
        csrsi mstatus, MSTATUS_MIE
        SPIN_FAIL
1:      CHECK(18, s1, 1)
        li t0, INTR | 1
        CHECKR(19, s2, t0)
        li t0, IRQ_SSI
        csrc mip, t0
        EXPECT_M(20, 1f)
        MSIP 1
        csrsi mstatus, MSTATUS_MIE
        SPIN_FAIL
1:      CHECK(20, s1, 3)
        MSIP 0
        EXPECT_M(21, 1f)
        MTIMECMP_SET 0
        csrsi mstatus, MSTATUS_MIE
        SPIN_FAIL
1:      CHECK(21, s1, 7)
        MTIMECMP_SET -1
        /* exceptions use BASE even in vectored mode */
        EXPECT_M(22, 1f)
        ecall
        j fail
1:      CHECK(22, s1, 0)
        CHECK(23, s2, 11)
        la t0, mimic_trap_entry
        csrw mtvec, t0
        li s1, -1

        /* ---- priority: MSI > MTI > SSI, all pending at once ---- */
        li t0, IRQ_SSI
        csrs mip, t0
        MSIP 1
        MTIMECMP_SET 0
        li t0, IRQ_SSI | IRQ_MSI | IRQ_MTI
        csrw mie, t0
        csrr a0, mip
        andi a0, a0, IRQ_SSI | IRQ_MSI | IRQ_MTI
        CHECK(24, a0, IRQ_SSI | IRQ_MSI | IRQ_MTI)
        EXPECT_M(25, 1f)
        csrsi mstatus, MSTATUS_MIE
        j fail
1:      li t0, INTR | 3
        CHECKR(25, s2, t0)
        MSIP 0
        EXPECT_M(26, 1f)
        csrsi mstatus, MSTATUS_MIE
        j fail
1:      li t0, INTR | 7
        CHECKR(26, s2, t0)
        MTIMECMP_SET -1
        EXPECT_M(27, 1f)
        csrsi mstatus, MSTATUS_MIE
        j fail
1:      li t0, INTR | 1
        CHECKR(27, s2, t0)
        li t0, IRQ_SSI
        csrc mip, t0

        /* ---- priority: SEI > SSI > STI (software-set, STCE = 0) ---- */
        li t0, IRQ_SEI | IRQ_SSI | IRQ_STI
        csrw mie, t0
        csrs mip, t0
        csrr a0, mip
        and a0, a0, t0
        CHECKR(28, a0, t0)
        EXPECT_M(29, 1f)
        csrsi mstatus, MSTATUS_MIE
        j fail
1:      li t0, INTR | 9
        CHECKR(29, s2, t0)
        li t0, IRQ_SEI
        csrc mip, t0
        EXPECT_M(30, 1f)
        csrsi mstatus, MSTATUS_MIE
        j fail
1:      li t0, INTR | 1
        CHECKR(30, s2, t0)
        li t0, IRQ_SSI
        csrc mip, t0
        EXPECT_M(31, 1f)
        csrsi mstatus, MSTATUS_MIE
        j fail
1:      li t0, INTR | 5
        CHECKR(31, s2, t0)
        li t0, IRQ_STI
        csrc mip, t0

        /* ---- M interrupts are taken in S and U whatever MIE says;
         * mepc = the first instruction there, MPP = the mode ---- */
        MSIP 1
        li t0, IRQ_MSI
        csrw mie, t0
        nop                         /* MIE = 0: pending, not taken in M */
        EXPECT_M(32, 1f)
        GOTO 1, s_first
s_first: nop
        j fail
1:      li t0, INTR | 3
        CHECKR(32, s2, t0)
        la t0, s_first
        CHECKR(33, s3, t0)
        srli t0, s5, 11
        andi t0, t0, 3
        CHECK(34, t0, 1)
        EXPECT_M(35, 1f)
        GOTO 0, u_first
u_first: nop
        j fail
1:      la t0, u_first
        CHECKR(35, s3, t0)
        srli t0, s5, 11
        andi t0, t0, 3
        CHECK(36, t0, 0)
        MSIP 0

        /* ---- M-destined before S-destined: in S with SIE = 1, a
         * delegated SSIP and a non-delegated STIP (lower in the fixed
         * order) pending: STIP goes to M first ---- */
        li t0, IRQ_SSI
        csrw mideleg, t0
        li t0, IRQ_SSI | IRQ_STI
        csrw mie, t0
        csrs mip, t0
        csrsi mstatus, MSTATUS_SIE
        EXPECT_M(37, 1f)
        GOTO 1, s_both
s_both: nop
        j fail
1:      li t0, INTR | 5
        CHECKR(37, s2, t0)
        li t0, IRQ_STI
        csrc mip, t0
        /* then the SSIP goes to S (stvec vectored: BASE + 4) */
        la t0, s_vectors
        ori t0, t0, 1
        csrw stvec, t0
        EXPECT_S(1f)
        EXPECT_M(38, 2f)
        GOTO 1, s_both2
s_both2: nop
        j fail
1:      csrci sip, IRQ_SSI
        ecall
        j fail
2:      CHECK(38, s2, 9)
        CHECK(39, s1, 1)
        li t0, INTR | 1
        CHECKR(40, s6, t0)
        la t0, s_both2
        CHECKR(41, s7, t0)
        la t0, s_handler
        csrw stvec, t0
        li s1, -1
        csrw mideleg, zero

        /* ---- WFI with MIE = 0 returns once an enabled interrupt is
         * pending, without trapping ---- */
        csrci mstatus, MSTATUS_MIE
        li t0, IRQ_MTI
        csrw mie, t0
        MTIMECMP_IN 5000            /* 0.5 ms */
        li TESTNUM, 42
        li s11, 0
        wfi
        csrr a0, mip
        andi a0, a0, IRQ_MTI
        bnez a0, 2f
        /* WFI may also return early: wait for MTIP by polling */
        li t0, SPIN
1:      csrr a0, mip
        andi a0, a0, IRQ_MTI
        bnez a0, 2f
        addi t0, t0, -1
        bnez t0, 1b
        j fail
2:      MTIMECMP_SET -1
        /* with an interrupt already pending WFI returns at once */
        MSIP 1
        li t0, IRQ_MSI
        csrw mie, t0
        wfi
        csrr a0, mip
        andi a0, a0, IRQ_MSI
        CHECK(43, a0, IRQ_MSI)
        MSIP 0

        /* ---- WFI with MIE = 1: the interrupt traps with mepc = the
         * instruction after the WFI ---- */
        li t0, IRQ_MTI
        csrw mie, t0
        MTIMECMP_IN 5000
        EXPECT_M(44, 1f)
        csrsi mstatus, MSTATUS_MIE
wfi_m:  wfi
        SPIN_FAIL
1:      li t0, INTR | 7
        CHECKR(44, s2, t0)
        la t0, wfi_m + 4
        CHECKR(45, s3, t0)
        MTIMECMP_SET -1
        /* WFI in S (TW = 0) waiting for a delegated... M timer: taken
         * in S regardless of MIE */
        MTIMECMP_IN 5000
        EXPECT_M(46, 1f)
        GOTO 1, wfi_s
wfi_s:  wfi
        SPIN_FAIL
1:      li t0, INTR | 7
        CHECKR(46, s2, t0)
        la t0, wfi_s + 4
        CHECKR(47, s3, t0)
        MTIMECMP_SET -1
        csrw mie, zero

        /* ---- Sstc: with menvcfg.STCE = 1, mip.STIP = (time >=
         * stimecmp) and is read-only in mip ---- */
        li t0, 1 << 63
        csrs menvcfg, t0
        csrr a0, menvcfg
        srli a0, a0, 63
        CHECK(48, a0, 1)
        li t0, -1
        csrw STIMECMP, t0
        csrr a0, STIMECMP
        CHECK(49, a0, -1)
        li t0, IRQ_STI
        csrs mip, t0
        csrr a0, mip
        andi a0, a0, IRQ_STI
        CHECK(50, a0, 0)
        csrw STIMECMP, zero
        csrr a0, mip
        andi a0, a0, IRQ_STI
        CHECK(51, a0, IRQ_STI)
        li t0, IRQ_STI
        csrc mip, t0                /* still pending: not writable */
        csrr a0, mip
        andi a0, a0, IRQ_STI
        CHECK(52, a0, IRQ_STI)
        li t0, -1
        csrw STIMECMP, t0
        csrr a0, mip
        andi a0, a0, IRQ_STI
        CHECK(53, a0, 0)

        /* ---- Sstc in S: mcounteren.TM lets S read time and write
         * stimecmp; a delegated STI reaches stvec (vectored: +4*5) ---- */
        li t0, 2
        csrs mcounteren, t0
        li t0, IRQ_STI
        csrw mideleg, t0
        csrw mie, t0
        la t0, s_vectors
        ori t0, t0, 1
        csrw stvec, t0
        EXPECT_S(1f)
        EXPECT_M(54, 2f)
        GOTO 1, s_timer
s_timer: csrsi sstatus, MSTATUS_SIE
        rdtime a0
        li t1, 2000
        add a0, a0, t1
        csrw STIMECMP, a0
        SPIN_FAIL
1:      csrr a0, sip
        li t1, -1
        csrw STIMECMP, t1           /* clears STIP */
        csrr a1, sip
        ecall
        j fail
2:      CHECK(54, s2, 9)
        CHECK(55, s1, 5)
        li t0, INTR | 5
        CHECKR(56, s6, t0)
        andi a0, a0, IRQ_STI
        CHECK(57, a0, IRQ_STI)      /* sip.STIP was visible in S */
        andi a1, a1, IRQ_STI
        CHECK(58, a1, 0)
        csrw mie, zero
        csrw mideleg, zero
        la t0, s_handler
        csrw stvec, t0

        /* ---- STCE = 0: stimecmp no longer drives STIP; STIP is again
         * writable in mip ---- */
        csrw STIMECMP, zero
        li t0, 1 << 63
        csrc menvcfg, t0
        csrr a0, mip
        andi a0, a0, IRQ_STI
        CHECK(59, a0, 0)
        li t0, IRQ_STI
        csrs mip, t0
        csrr a0, mip
        andi a0, a0, IRQ_STI
        CHECK(60, a0, IRQ_STI)
        csrc mip, t0
        li t0, -1
        csrw STIMECMP, t0

        /* ---- a delegated interrupt is never taken in M, even with
         * MIE = SIE = 1 ---- */
        li t0, IRQ_SSI
        csrw mideleg, t0
        csrw mie, t0
        csrs mip, t0
        li s10, 0
        li s11, 0
        li TESTNUM, 61
        csrsi mstatus, MSTATUS_MIE | MSTATUS_SIE
        nop
        nop
        csrci mstatus, MSTATUS_MIE | MSTATUS_SIE
        csrr a0, mip
        andi a0, a0, IRQ_SSI
        CHECK(62, a0, IRQ_SSI)

        /* ---- SRET to S with SPIE = 1 takes it at the SRET target ---- */
        EXPECT_S(1f)
        EXPECT_M(63, 2f)
        GOTO 1, s_sret
s_sret: li t0, (1 << 5) | (1 << 8)  /* SPIE, SPP = S */
        csrs sstatus, t0
        la t0, s_tgt
        csrw sepc, t0
        sret
        j fail
s_tgt:  nop
        j fail
1:      csrci sip, IRQ_SSI
        ecall
        j fail
2:      CHECK(63, s2, 9)
        li t0, INTR | 1
        CHECKR(64, s6, t0)
        la t0, s_tgt
        CHECKR(65, s7, t0)
        andi t0, s9, 1 << 8
        CHECK(66, t0, 1 << 8)       /* taken from S */
        csrw mideleg, zero
        csrw mie, zero

        li s10, 0
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

        .align 2
s_handler:
        csrr s6, scause
        csrr s7, sepc
        csrr s8, stval
        csrr s9, sstatus
        beqz s10, fail
        mv t6, s10
        li s10, 0
        jr t6

/* Vector tables: 4-byte jumps only (no compressed encodings). Entry k
 * records k in s1. */
        .option push
        .option norvc
        .align 6
m_vectors:
        .irp k, 0,1,2,3,4,5,6,7,8,9,10,11
        j m_vec\k
        .endr
        .align 6
s_vectors:
        .irp k, 0,1,2,3,4,5,6,7,8,9,10,11
        j s_vec\k
        .endr
        .option pop
        .irp k, 0,1,2,3,4,5,6,7,8,9,10,11
m_vec\k: li s1, \k
        j m_handler
s_vec\k: li s1, \k
        j s_handler
        .endr
