# Trap delegation to S-mode: medeleg/mideleg WARL (medeleg bit 11, ECALL
# from M, read-only zero; SSIP/STIP/SEIP delegable, M interrupts not);
# delegated exceptions from U and S land at stvec with scause, sepc,
# stval and the SPP/SPIE/SIE stack set;
# non-delegated ones go to M; traps taken in M are never delegated, even
# with every medeleg bit set; SRET restores SIE/SPP; a delegated
# interrupt (SSIP) is taken in U regardless of SIE, in S only with SIE,
# never in M; a non-delegated SSIP is taken to M from S with SIE = 0.
# Privileged spec 20240411: 3.1.8 "Machine Trap Delegation Registers
# (medeleg and mideleg)", 3.1.9 mip/mie, 10.1.1 sstatus, 10.1.2 stvec,
# 10.1.3 sip/sie, 10.1.7 sepc, 10.1.8 scause, 10.1.9 stval, 3.3.2 SRET.
# QEMU 7.2 (-machine spike -cpu rv64,h=false) passes all but 2 (it lets
# medeleg[11] be set; 3.1.8: "medeleg[11] is read-only zero").
#define TEST_TRAP_HANDLER m_handler
#include "mimic_test.h"

#define SSTATUS_SIE  (1 << 1)
#define SSTATUS_SPIE (1 << 5)
#define SSTATUS_SPP  (1 << 8)
#define MSTATUS_MPP  (3 << 11)
#define IRQ_SSI      (1 << 1)
#define UNMAPPED     0x40000000
#define INTR         (1 << 63)

/* Expected traps: into M (resume at s11 in M; s2..s5 = mcause, mepc,
 * mtval, mstatus) or into S (resume at s10 in S; s6..s9 = scause, sepc,
 * stval, sstatus). An unexpected trap fails the current test. */
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

TEST_BEGIN
        li t0, -1
        csrw pmpaddr0, t0
        li t0, 0x1f
        csrw pmpcfg0, t0
        csrw mie, zero
        la t0, s_handler
        csrw stvec, t0
        li s10, 0
        li s11, 0

        /* ---- medeleg: bit 11 (ECALL from M) is read-only zero; the
         * delegable causes of an RV64 S/U hart are writable ---- */
        li t0, -1
        csrw medeleg, t0
        csrr a0, medeleg
        srli t1, a0, 11
        andi t1, t1, 1
        CHECK(2, t1, 0)
        li t1, 0xb1ff               /* 0-8, 12, 13, 15 */
        and t2, a0, t1
        CHECKR(3, t2, t1)
        csrw medeleg, zero
        csrr a0, medeleg
        CHECK(5, a0, 0)

        /* ---- mideleg: SSIP, STIP, SEIP writable; MSIP, MTIP, MEIP
         * (which cannot occur below M) read-only zero ---- */
        li t0, -1
        csrw mideleg, t0
        csrr a0, mideleg
        li t1, 0xaaa
        and a0, a0, t1
        CHECK(6, a0, 0x222)
        csrw mideleg, zero
        csrr a0, mideleg
        CHECK(7, a0, 0)

        /* ---- delegated ECALL from U: scause 8, sepc, stval 0, SPP = U,
         * SPIE = old SIE (0); the S handler then ECALLs to M (cause 9,
         * not delegated), proving it ran in S ---- */
        li t0, (1 << 8) | (1 << 2) | (1 << 5) | (1 << 3)
        csrw medeleg, t0
        csrw stval, 1
        EXPECT_S(1f)
        EXPECT_M(8, 2f)
        GOTO 0, u_ecall
u_ecall: ecall
        j fail
1:      ecall                       /* in S */
        j fail
2:      CHECK(8, s2, 9)
        CHECK(9, s6, 8)
        la t0, u_ecall
        CHECKR(10, s7, t0)
        CHECK(11, s8, 0)
        andi t0, s9, SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE
        CHECK(12, t0, 0)
        /* mepc was written only by the ECALL from S */
        la t0, 1b
        CHECKR(13, s3, t0)

        /* ---- delegated load access fault from U: stval = address ---- */
        li a1, UNMAPPED + 0x18
        EXPECT_S(1f)
        EXPECT_M(14, 2f)
        GOTO 0, u_load
u_load: ld a0, 0(a1)
        j fail
1:      ecall
        j fail
2:      CHECK(14, s2, 9)
        CHECK(15, s6, 5)
        la t0, u_load
        CHECKR(16, s7, t0)
        CHECKR(17, s8, a1)
        la t0, 1b
        CHECKR(18, s3, t0)

        /* ---- delegated illegal instruction from S with SIE = 1:
         * SPP = S, SPIE = 1, SIE = 0; stval = instruction bits ---- */
        EXPECT_S(1f)
        EXPECT_M(19, 2f)
        GOTO 1, s_ill
s_ill0: nop
s_ill:  csrsi sstatus, SSTATUS_SIE
s_ill2: .word 0xfedcb00b
        j fail
1:      csrr s9, sstatus            /* SIE is 0 in the handler */
        ecall
        j fail
2:      CHECK(19, s2, 9)
        CHECK(20, s6, 2)
        la t0, s_ill2
        CHECKR(21, s7, t0)
        li t0, 0xfedcb00b
        CHECKR(22, s8, t0)
        andi t0, s9, SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE
        CHECK(23, t0, SSTATUS_SPP | SSTATUS_SPIE)

        /* ---- non-delegated exceptions from U and S go to M ---- */
        csrw medeleg, zero
        EXPECT_M(24, 1f)
        GOTO 0, u_ill
u_ill:  .word 0xfedcb00b
        j fail
1:      CHECK(24, s2, 2)
        la t0, u_ill
        CHECKR(25, s3, t0)
        srli t0, s5, 11
        andi t0, t0, 3
        CHECK(26, t0, 0)
        EXPECT_M(27, 1f)
        GOTO 1, s_ebk
s_ebk:  ebreak
        j fail
1:      CHECK(27, s2, 3)
        srli t0, s5, 11
        andi t0, t0, 3
        CHECK(28, t0, 1)

        /* ---- traps taken in M are never delegated (every bit set) ---- */
        li t0, -1
        csrw medeleg, t0
        li t0, 0x77
        csrw scause, t0
        EXPECT_M(29, 1f)
m_ill:  .word 0xfedcb00b
        j fail
1:      CHECK(29, s2, 2)
        la t0, m_ill
        CHECKR(30, s3, t0)
        li a1, UNMAPPED
        EXPECT_M(31, 1f)
m_ld:   lw a0, 0(a1)
        j fail
1:      CHECK(31, s2, 5)
        EXPECT_M(32, 1f)
        ebreak
        j fail
1:      CHECK(32, s2, 3)
        csrr t0, scause
        CHECK(33, t0, 0x77)         /* S registers untouched */

        /* ---- ECALL from S is delegable: with bit 9 set it stays in S ---- */
        li t0, 1 << 9
        csrw medeleg, t0
        EXPECT_S(1f)
        EXPECT_M(34, 2f)
        GOTO 1, s_ecall
s_ecall: ecall
        j fail
1:      csrw medeleg, zero          /* illegal from S: traps to M */
        j fail
2:      CHECK(34, s2, 2)
        CHECK(35, s6, 9)
        andi t0, s9, SSTATUS_SPP
        CHECK(36, t0, SSTATUS_SPP)
        csrw medeleg, zero

        /* ---- SRET: SIE = SPIE, SPIE = 1, SPP = U, pc = sepc ---- */
        EXPECT_M(37, 1f)
        GOTO 1, s_sret
s_sret: li t0, SSTATUS_SPIE | SSTATUS_SPP
        csrc sstatus, t0
        csrsi sstatus, SSTATUS_SIE  /* SPIE = 0, SIE = 1: SRET clears SIE */
        la t0, u_after
        csrw sepc, t0
        sret
        j fail
u_after: ecall                      /* cause 8: we are in U */
        j fail
1:      CHECK(37, s2, 8)
        andi t0, s5, SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE
        CHECK(38, t0, SSTATUS_SPIE)

        /* ---- delegated SSIP: never taken in M, even with MIE = 1 ---- */
        li t0, IRQ_SSI
        csrw mideleg, t0
        csrw mie, t0
        csrsi mstatus, 1 << 3       /* MIE */
        csrsi mstatus, SSTATUS_SIE
        li s10, 0
        li s11, 0
        csrs mip, t0
        nop
        nop
        csrr a0, mip
        andi a0, a0, IRQ_SSI
        CHECK(39, a0, IRQ_SSI)
        csrci mstatus, (1 << 3) | SSTATUS_SIE

        /* ---- ... taken in U regardless of SIE = 0: scause = 1 | INTR,
         * sepc = the next U instruction ---- */
        EXPECT_S(1f)
        EXPECT_M(40, 2f)
        GOTO 0, u_wait
u_wait: nop
        j fail
1:      csrci sip, IRQ_SSI          /* S may clear its delegated SSIP */
        ecall
        j fail
2:      CHECK(40, s2, 9)
        li t0, INTR | 1
        CHECKR(41, s6, t0)
        la t0, u_wait
        CHECKR(42, s7, t0)
        CHECK(43, s8, 0)
        csrr a0, mip
        andi a0, a0, IRQ_SSI
        CHECK(44, a0, 0)

        /* ---- ... in S only once SIE = 1: sepc = the instruction after
         * the one that enabled it ---- */
        EXPECT_S(1f)
        EXPECT_M(45, 2f)
        GOTO 1, s_wait
s_wait: csrsi sip, IRQ_SSI          /* SIE = 0: stays pending */
        nop
        csrsi sstatus, SSTATUS_SIE
s_on:   nop
        j fail
1:      csrci sip, IRQ_SSI
        ecall
        j fail
2:      li t0, INTR | 1
        CHECKR(45, s6, t0)
        la t0, s_on
        CHECKR(46, s7, t0)
        andi t0, s9, SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SIE
        CHECK(47, t0, SSTATUS_SPP | SSTATUS_SPIE)

        /* ---- a non-delegated SSIP is an M interrupt: taken from S even
         * with SIE = 0 and MIE = 0 ---- */
        csrw mideleg, zero
        csrci mstatus, SSTATUS_SIE | (1 << 3)
        EXPECT_M(48, 1f)
        GOTO 1, s_m
s_m:    csrsi mip, IRQ_SSI          /* not writable from S: mip is M-level */
        j fail
1:      CHECK(48, s2, 2)
        li t0, IRQ_SSI
        csrs mip, t0                /* pending, MIE = 0 in M: not taken */
        nop
        EXPECT_M(49, 1f)
        GOTO 1, s_m2
s_m2:   nop
        j fail
1:      li t0, INTR | 1
        CHECKR(49, s2, t0)
        la t0, s_m2
        CHECKR(50, s3, t0)
        li t0, IRQ_SSI
        csrc mip, t0
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
