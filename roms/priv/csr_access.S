# CSR access rules: the privilege encoded in csr[9:8] (S reading M CSRs,
# U reading S CSRs: illegal); writes to read-only CSRs (csr[11:10] = 3:
# mhartid, mvendorid, cycle) illegal even as CSRRW x0, while CSRRS/CSRRC
# with rs1 = x0 (and the immediate forms with 0) do not write and so do
# not trap - but a nonzero-numbered rs1 holding 0 does; the counter
# enables (cycle/time/instret/hpmcounter3 from S need mcounteren, from U
# also scounteren); mstatus.TVM (satp and SFENCE.VMA from S), TW (WFI
# from S), TSR (SRET from S); WFI in U illegal; FS = 0 makes fcsr
# illegal; Sstc's stimecmp gated by menvcfg.STCE and mcounteren.TM; misa
# read-only; mstatus WARL (MPP = 2 keeps the old value; UXL = SXL = 2,
# read-only); mtvec MODE 2/3 never read back; xepc bit 0 cleared;
# sstatus as a view of mstatus; sie/sip as views of mie/mip masked by
# mideleg; mscratch/sscratch read/write.
# Privileged spec 20240411: 2.1 "CSR Address Mapping Conventions", 2.3
# "CSR Field Specifications" (WARL), 3.1.1 misa, 3.1.6 mstatus ("Base
# ISA Control": UXL/SXL; "Virtualization Support": TVM/TW/TSR), 3.1.7
# mtvec, 3.1.9 mip/mie, 3.1.11 mcounteren, 3.1.14 mepc, 10.1.1 sstatus,
# 10.1.3 sip/sie, 10.1.5 scounteren; Zicsr 7.1 (which CSR instructions
# read/write); Sstc.
# QEMU 7.2 (-machine virt -cpu rv64,h=false) passes all but 14 (it does
# not write for CSRRS with a nonzero rs1 holding 0; Zicsr table 7.1 says
# it writes), 69 (it stores MPP = 2) and 77/78 (it keeps xepc bit 0;
# 3.1.14: "mepc[0] is always zero").
#define TEST_TRAP_HANDLER m_handler
#include "mimic_test.h"

#define MSTATUS_SIE  (1 << 1)
#define MSTATUS_MIE  (1 << 3)
#define MSTATUS_SPIE (1 << 5)
#define MSTATUS_MPIE (1 << 7)
#define MSTATUS_SPP  (1 << 8)
#define MSTATUS_MPP  (3 << 11)
#define MSTATUS_FS   (3 << 13)
#define MSTATUS_TVM  (1 << 20)
#define MSTATUS_TW   (1 << 21)
#define MSTATUS_TSR  (1 << 22)
#define IRQ_SSI      (1 << 1)
#define IRQ_MSI      (1 << 3)
#define IRQ_STI      (1 << 5)
#define IRQ_MTI      (1 << 7)
#define IRQ_SEI      (1 << 9)
#define STIMECMP     0x14d
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

/* Test n: runs one instruction in privilege `mode` (0 U, 1 S, 3 M) and
 * then ECALLs back to M. `cause` is the first trap expected: ILL (the
 * instruction trapped, with mepc = its address and mtval = its bits) or
 * OK_U/OK_S/OK_M (it completed; the ECALL trapped). */
.macro TRY n, mode, cause, insn:vararg
        li TESTNUM, \n
        la s11, .Lback\@
        GOTO \mode, .Lgo\@
        .option push
        .option norvc
.Lgo\@: \insn
        .option pop
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

TEST_BEGIN
        li t0, -1
        csrw pmpaddr0, t0
        li t0, 0x1f
        csrw pmpcfg0, t0
        csrw mie, zero
        csrw mideleg, zero
        csrw medeleg, zero
        csrw mcounteren, zero
        csrw scounteren, zero
        li s11, 0

        /* ---- privilege in csr[9:8] ---- */
        TRY 2, 1, ILL, csrr a0, mstatus
        TRY 3, 1, ILL, csrw mscratch, a0
        TRY 4, 1, ILL, csrr a0, mhartid
        TRY 5, 1, OK_S, csrr a0, sstatus
        TRY 6, 0, ILL, csrr a0, sstatus
        TRY 7, 0, ILL, csrw sscratch, a0
        TRY 8, 0, ILL, csrr a0, satp
        TRY 9, 0, ILL, csrr a0, mepc
        TRY 10, 0, OK_U, csrr a0, fflags

        /* ---- read-only CSRs (csr[11:10] = 3) ---- */
        TRY 11, 3, ILL, csrw mhartid, zero
        TRY 12, 3, ILL, csrrw zero, mvendorid, a0
        TRY 13, 3, ILL, csrwi cycle, 0
        li t1, 0                    /* rs1 != x0 is a write, even of 0 */
        TRY 14, 3, ILL, csrrs a0, mhartid, t1
        TRY 15, 3, OK_M, csrrs a0, mhartid, zero   /* rs1 = x0: no write */
        TRY 16, 3, OK_M, csrrc a0, mvendorid, zero
        TRY 17, 3, OK_M, csrrsi a0, cycle, 0
        TRY 18, 3, OK_M, csrrci a0, marchid, 0
        TRY 19, 3, ILL, csrrsi a0, mimpid, 1
        csrr a0, mhartid
        CHECK(20, a0, 0)

        /* ---- counters from S need mcounteren; from U also scounteren ---- */
        TRY 21, 1, ILL, rdcycle a0
        TRY 22, 1, ILL, rdtime a0
        TRY 23, 1, ILL, rdinstret a0
        TRY 24, 3, OK_M, rdinstret a0               /* M: always */
        csrwi mcounteren, 7
        TRY 25, 1, OK_S, rdcycle a0
        TRY 26, 1, OK_S, rdtime a0
        TRY 27, 1, OK_S, rdinstret a0
        TRY 28, 0, ILL, rdcycle a0
        TRY 29, 0, ILL, rdtime a0
        TRY 30, 0, ILL, rdinstret a0
        csrwi scounteren, 5                         /* CY, IR */
        TRY 31, 0, OK_U, rdcycle a0
        TRY 32, 0, ILL, rdtime a0
        TRY 33, 0, OK_U, rdinstret a0
        csrwi mcounteren, 4                         /* IR only */
        TRY 34, 0, ILL, rdcycle a0
        TRY 35, 0, OK_U, rdinstret a0
        TRY 36, 1, ILL, csrr a0, hpmcounter3        /* bit 3 clear */
        csrwi mcounteren, 0
        csrwi scounteren, 0
        TRY 37, 0, ILL, csrr a0, hpmcounter3
        /* scounteren is an S CSR: S may write it, U may not */
        TRY 38, 1, OK_S, csrwi scounteren, 1
        TRY 39, 0, ILL, csrr a0, scounteren
        csrr a0, scounteren
        CHECK(40, a0, 1)
        csrwi scounteren, 0

        /* ---- mstatus.TVM: satp and SFENCE.VMA from S ---- */
        TRY 41, 1, OK_S, csrr a0, satp
        TRY 42, 1, OK_S, sfence.vma
        li t0, MSTATUS_TVM
        csrs mstatus, t0
        TRY 43, 1, ILL, csrr a0, satp
        TRY 44, 1, ILL, csrw satp, zero
        TRY 45, 1, ILL, sfence.vma
        TRY 46, 1, ILL, sfence.vma a0, a1
        TRY 47, 3, OK_M, csrr a0, satp              /* M ignores TVM */
        TRY 48, 3, OK_M, sfence.vma
        li t0, MSTATUS_TVM
        csrc mstatus, t0
        TRY 49, 0, ILL, sfence.vma                  /* never from U */

        /* ---- WFI: TW from S; always illegal in U. A delegated SSIP that
         * is pending and enabled in sie but masked by SIE = 0 makes a
         * WFI that completes return at once ---- */
        li t0, IRQ_SSI
        csrw mideleg, t0
        csrw mie, t0
        csrs mip, t0
        csrci mstatus, MSTATUS_SIE | MSTATUS_MIE
        TRY 50, 1, OK_S, wfi
        li t0, MSTATUS_TW
        csrs mstatus, t0
        TRY 51, 1, ILL, wfi
        TRY 52, 3, OK_M, wfi                        /* M ignores TW */
        li t0, IRQ_SSI                              /* (it would be taken in U) */
        csrc mip, t0
        TRY 53, 0, ILL, wfi
        li t0, MSTATUS_TW
        csrc mstatus, t0
        TRY 54, 0, ILL, wfi
        csrw mie, zero
        csrw mideleg, zero

        /* ---- TSR: SRET from S; SRET in M is fine either way ---- */
        la t0, 1f
        csrw sepc, t0
        li t0, MSTATUS_SPP
        csrs mstatus, t0
        TRY 55, 1, OK_S, sret                       /* to 1f in S */
        li t0, MSTATUS_TSR
        csrs mstatus, t0
        TRY 56, 1, ILL, sret
        la t0, 2f
        csrw sepc, t0
        li t0, MSTATUS_SPP
        csrc mstatus, t0
        li TESTNUM, 57
        la s11, 3f
        sret                                        /* M: to U at 2f */
        j fail
1:      ecall
        j fail
2:      ecall
        j fail
3:      CHECK(57, s2, OK_U)
        li t0, MSTATUS_TSR
        csrc mstatus, t0

        /* ---- FS = 0: fflags/frm/fcsr illegal ---- */
        li t0, MSTATUS_FS
        csrc mstatus, t0
        TRY 58, 3, ILL, csrr a0, fcsr
        TRY 59, 3, ILL, fsflags a0
        li t0, 1 << 13
        csrs mstatus, t0
        TRY 60, 3, OK_M, csrr a0, fcsr

        /* ---- stimecmp: STCE and mcounteren.TM gate S; U never ---- */
        TRY 61, 3, OK_M, csrr a0, STIMECMP
        TRY 62, 1, ILL, csrr a0, STIMECMP           /* STCE = 0 */
        li t0, 1 << 63
        csrs menvcfg, t0
        TRY 63, 1, ILL, csrr a0, STIMECMP           /* TM = 0 */
        csrwi mcounteren, 2
        TRY 64, 1, OK_S, csrr a0, STIMECMP
        csrwi scounteren, 2
        TRY 65, 0, ILL, csrr a0, STIMECMP
        csrwi mcounteren, 0
        csrwi scounteren, 0
        li t0, 1 << 63
        csrc menvcfg, t0

        /* ---- misa: read-only here, RV64 with I, M, A, F, D, C, S, U ---- */
        csrr a0, misa
        srli t0, a0, 62
        CHECK(66, t0, 2)
        li t1, (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20)
        and t0, a0, t1
        CHECKR(67, t0, t1)
        csrw misa, zero                             /* WARL: no trap */
        csrr a1, misa
        CHECKR(68, a1, a0)

        /* ---- mstatus WARL: MPP = 2 (no such mode) keeps the old MPP;
         * UXL = SXL = 2 and read-only ---- */
        li t0, MSTATUS_MPP
        csrc mstatus, t0
        li t0, 1 << 11
        csrs mstatus, t0                            /* MPP = S */
        csrr a0, mstatus
        li t0, ~MSTATUS_MPP
        and a0, a0, t0
        li t0, 2 << 11
        or a0, a0, t0
        csrw mstatus, a0                            /* MPP = 2 */
        csrr a0, mstatus
        srli a0, a0, 11
        andi a0, a0, 3
        CHECK(69, a0, 1)
        csrr a0, mstatus
        srli a0, a0, 32
        andi a0, a0, 0xf
        CHECK(70, a0, 0xa)                          /* SXL = UXL = 2 */
        li t0, 0xf << 32
        csrc mstatus, t0
        csrr a0, mstatus
        srli a0, a0, 32
        andi a0, a0, 0xf
        CHECK(71, a0, 0xa)
        csrr a0, sstatus
        srli a0, a0, 32
        andi a0, a0, 0xf
        CHECK(72, a0, 2)                            /* sstatus: UXL only */

        /* ---- mtvec: MODE >= 2 is reserved and never reads back ---- */
        csrr s1, mtvec
        la t0, m_vtable
        ori t1, t0, 2
        csrw mtvec, t1
        csrr a0, mtvec
        andi a0, a0, 3
        li TESTNUM, 73
        li t6, 2
        bgeu a0, t6, fail
        ori t1, t0, 3
        csrw mtvec, t1
        csrr a0, mtvec
        andi a0, a0, 3
        li TESTNUM, 74
        bgeu a0, t6, fail
        ori t1, t0, 1
        csrw mtvec, t1
        csrr a0, mtvec
        CHECKR(75, a0, t1)
        csrw mtvec, s1
        la t0, m_vtable
        ori t1, t0, 2
        csrw stvec, t1
        csrr a0, stvec
        andi a0, a0, 3
        li TESTNUM, 76
        li t6, 2
        bgeu a0, t6, fail

        /* ---- mepc/sepc: bit 0 always zero (IALIGN = 16) ---- */
        li t0, 0x80001235
        csrw mepc, t0
        csrr a0, mepc
        CHECK(77, a0, 0x80001234)
        li t0, -1
        csrw sepc, t0
        csrr a0, sepc
        CHECK(78, a0, -2)

        /* ---- sstatus: a view of mstatus ---- */
        csrci mstatus, MSTATUS_SIE | MSTATUS_MIE
        csrsi sstatus, MSTATUS_SIE
        csrr a0, mstatus
        andi a0, a0, MSTATUS_SIE | MSTATUS_MIE
        CHECK(79, a0, MSTATUS_SIE)
        csrsi sstatus, MSTATUS_MIE                  /* not an sstatus bit */
        csrr a0, mstatus
        andi a0, a0, MSTATUS_MIE
        CHECK(80, a0, 0)
        li t0, MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_TSR
        csrs mstatus, t0
        csrr a0, sstatus
        li t1, MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_TSR | MSTATUS_MIE
        and a1, a0, t1
        CHECK(81, a1, 0)                            /* M fields hidden */
        li t1, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
        and a1, a0, t1
        CHECKR(82, a1, t1)
        li t0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
        csrc sstatus, t0
        csrr a0, mstatus
        and a1, a0, t0
        CHECK(83, a1, 0)
        li t1, MSTATUS_TSR
        and a1, a0, t1
        CHECKR(84, a1, t1)                          /* untouched by sstatus */
        li t0, MSTATUS_TSR | MSTATUS_MPIE
        csrc mstatus, t0

        /* ---- sie/sip: views of mie/mip masked by mideleg ---- */
        csrw mideleg, zero
        li t0, IRQ_SSI | IRQ_STI | IRQ_SEI | IRQ_MTI
        csrw mie, t0
        csrr a0, sie
        CHECK(85, a0, 0)                            /* nothing delegated */
        csrw sie, zero
        csrr a0, mie
        CHECKR(86, a0, t0)                          /* ...and not writable */
        li t1, IRQ_SSI | IRQ_STI
        csrw mideleg, t1
        csrr a0, sie
        CHECK(87, a0, IRQ_SSI | IRQ_STI)            /* no SEIE, no MTIE */
        csrw sie, zero
        csrr a0, mie
        CHECK(88, a0, IRQ_SEI | IRQ_MTI)
        li t0, -1
        csrw sie, t0
        csrr a0, mie
        CHECK(89, a0, IRQ_SSI | IRQ_STI | IRQ_SEI | IRQ_MTI)
        csrw mie, zero
        /* sip: SSIP writable when delegated, STIP/SEIP read-only */
        li t0, IRQ_SEI | IRQ_STI
        csrs mip, t0
        csrr a0, sip
        CHECK(90, a0, IRQ_STI)                      /* SEIP not delegated */
        li t0, IRQ_STI
        csrc sip, t0
        csrr a0, mip
        andi a0, a0, IRQ_STI
        CHECK(91, a0, IRQ_STI)
        csrsi sip, IRQ_SSI
        csrr a0, mip
        andi a0, a0, IRQ_SSI
        CHECK(92, a0, IRQ_SSI)
        csrw mideleg, zero
        csrci sip, IRQ_SSI                          /* not delegated: ignored */
        csrr a0, mip
        andi a0, a0, IRQ_SSI
        CHECK(93, a0, IRQ_SSI)
        li t0, IRQ_SSI | IRQ_STI | IRQ_SEI
        csrc mip, t0

        /* ---- scratch registers hold any value ---- */
        li t0, 0x0123456789abcdef
        csrw mscratch, t0
        csrr a0, mscratch
        CHECKR(94, a0, t0)
        not t0, t0
        csrrw a0, sscratch, t0
        csrr a1, sscratch
        CHECKR(95, a1, t0)
        TRY 96, 1, OK_S, csrrw a0, sscratch, zero
        csrr a0, sscratch
        CHECK(97, a0, 0)

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

        .align 6
m_vtable:
        j fail
