/* SUM, MXR and MPRV (privileged spec 3.1.6.3 "Memory Privilege in
 * mstatus Register", 10.1.1.2 for sstatus, 12.3.2 step 5 for how the
 * page-table permissions combine with them), under Sv39:
 *  - S-mode: U pages fault without SUM and are readable and writable with
 *    it, but never executable; an execute-only page is readable only with
 *    MXR, which grants no write; SUM and MXR read back through sstatus;
 *  - U-mode: MXR makes an execute-only U page readable; SUM does not let
 *    U reach S pages;
 *  - M-mode with MPRV = 1: loads and stores are translated and checked as
 *    MPP (S with and without SUM and MXR, U), MPP = M is untranslated,
 *    and instruction fetches ignore MPRV: M keeps running from physical
 *    addresses under a page table that does not map them.
 */
#include "mmu.h"

#define U_DELTA  0x40000000     /* root[1]: U alias, VA = PA - U_DELTA */
#define VA_URW   0x1000         /* U, RW */
#define VA_UX    0x2000         /* U, X only */
#define VA_SX    0x3000         /* S, X only */
#define VA_SRW   0x4000         /* S, RW */
#define VA_URWX  0x5000         /* U, RWX */
#define MAGIC    0x5a5a         /* data_page[1] */

MMU_BEGIN
        PMP_ALLOW_ALL
        MAPABS root, 2, 0x80000000, LEAF_RWX            /* identity */
        MAPABS root, 1, 0x80000000, LEAF_URWX           /* U alias */
        MAPSYM root, 0, l1, NONLEAF
        MAPSYM root_nox, 0, l1, NONLEAF                 /* no identity */
        MAPSYM l1, 0, l0, NONLEAF
        MAPSYM l0, VPN(VA_URW, 0), data_page, LEAF_RW | PTE_U
        MAPSYM l0, VPN(VA_UX, 0), data_page, LEAF_X | PTE_U
        MAPSYM l0, VPN(VA_SX, 0), data_page, LEAF_X
        MAPSYM l0, VPN(VA_SRW, 0), data_page, LEAF_RW
        MAPSYM l0, VPN(VA_URWX, 0), data_page, LEAF_URWX
        SET_SATP SATP_SV39, root

        la a0, s_main
        RUN_S(2, a0)
        li t0, MSTATUS_SUM | MSTATUS_MXR
        csrc mstatus, t0
        la a0, u_main
        li t0, U_DELTA
        sub a0, a0, t0
        RUN_U(3, a0)
        li t0, MSTATUS_SUM | MSTATUS_MXR
        csrs mstatus, t0
        la a0, u_sum_mxr
        li t0, U_DELTA
        sub a0, a0, t0
        RUN_U(4, a0)
        li t0, MSTATUS_SUM | MSTATUS_MXR
        csrc mstatus, t0

        /* ---- M-mode with MPRV ---- */
        /* MPP = S */
        li a1, VA_SRW
        MPRV_ON(PRV_S)
        ld a0, 8(a1)
        MPRV_OFF
        CHECK(40, a0, MAGIC)
        li t0, 0x1234
        MPRV_ON(PRV_S)
        sd t0, 16(a1)
        MPRV_OFF
        la a2, data_page
        ld a0, 16(a2)
        CHECK(41, a0, 0x1234)
        li a1, VA_URW
        MPRV_ON(PRV_S)
        EXPECT_TRAP(42, CAUSE_LOAD_PAGE, VA_URW + 8, ld a0, 8(a1))
        MPRV_ON(PRV_S)
        EXPECT_TRAP(43, CAUSE_STORE_PAGE, VA_URW, sd a0, 0(a1))
        li t0, MSTATUS_SUM
        csrs mstatus, t0
        MPRV_ON(PRV_S)
        ld a0, 8(a1)
        MPRV_OFF
        CHECK(44, a0, MAGIC)
        li t0, MSTATUS_SUM
        csrc mstatus, t0
        li a1, VA_SX
        MPRV_ON(PRV_S)
        EXPECT_TRAP(45, CAUSE_LOAD_PAGE, VA_SX + 8, ld a0, 8(a1))
        li t0, MSTATUS_MXR
        csrs mstatus, t0
        MPRV_ON(PRV_S)
        ld a0, 8(a1)
        MPRV_OFF
        CHECK(46, a0, MAGIC)
        li t0, MSTATUS_MXR
        csrc mstatus, t0
        /* MPP = U */
        li a1, VA_URW
        MPRV_ON(PRV_U)
        ld a0, 8(a1)
        MPRV_OFF
        CHECK(47, a0, MAGIC)
        li a1, VA_SRW
        MPRV_ON(PRV_U)
        EXPECT_TRAP(48, CAUSE_LOAD_PAGE, VA_SRW + 8, ld a0, 8(a1))
        MPRV_ON(PRV_U)
        EXPECT_TRAP(49, CAUSE_STORE_PAGE, VA_SRW, sd a0, 0(a1))
        MPRV_OFF
        /* MPP = M: untranslated */
        la a1, data_page
        MPRV_ON(PRV_M)
        ld a0, 8(a1)
        MPRV_OFF
        CHECK(50, a0, MAGIC)
        /* fetches ignore MPRV: under a table with no identity map, M
         * keeps running while its loads are translated */
        SET_SATP SATP_SV39, root_nox
        li a1, VA_SRW
        la a2, data_page
        MPRV_ON(PRV_S)
        ld a0, 8(a1)
        EXPECT_TRAP_R(51, CAUSE_LOAD_PAGE, a2, ld a0, 0(a2))
        MPRV_OFF
        CHECK(52, a0, MAGIC)
        SET_SATP SATP_SV39, root
MMU_END

/* S-mode through the identity gigapage. */
s_main:
        /* U pages: fault without SUM */
        li a1, VA_URW
        EXPECT_TRAP(10, CAUSE_LOAD_PAGE, VA_URW + 8, ld a0, 8(a1))
        EXPECT_TRAP(11, CAUSE_STORE_PAGE, VA_URW, sd a0, 0(a1))
        /* with SUM: loads and stores work, fetches still fault */
        li t0, MSTATUS_SUM
        csrs sstatus, t0
        csrr a0, sstatus
        and a0, a0, t0
        XCHECK(12, a0, MSTATUS_SUM)
        ld a0, 8(a1)
        XCHECK(13, a0, MAGIC)
        li t0, 0x77
        sd t0, 24(a1)
        ld a0, 24(a1)
        XCHECK(14, a0, 0x77)
        li a1, VA_URWX
        EXPECT_TRAP(15, CAUSE_FETCH_PAGE, VA_URWX, jalr ra, 0(a1))
        /* an execute-only U page needs MXR too */
        li a1, VA_UX
        EXPECT_TRAP(16, CAUSE_LOAD_PAGE, VA_UX + 8, ld a0, 8(a1))
        /* MXR on an execute-only S page */
        li t0, MSTATUS_SUM
        csrc sstatus, t0
        li a1, VA_SX
        EXPECT_TRAP(17, CAUSE_LOAD_PAGE, VA_SX + 8, ld a0, 8(a1))
        li t0, MSTATUS_MXR
        csrs sstatus, t0
        csrr a0, sstatus
        and a0, a0, t0
        XCHECK(18, a0, MSTATUS_MXR)
        ld a0, 8(a1)
        XCHECK(19, a0, MAGIC)
        lbu a0, 9(a1)
        XCHECK(20, a0, MAGIC >> 8)
        EXPECT_TRAP(21, CAUSE_STORE_PAGE, VA_SX + 8, sd a0, 8(a1))
        /* MXR without SUM: still no access to U pages */
        li a1, VA_UX
        EXPECT_TRAP(22, CAUSE_LOAD_PAGE, VA_UX + 8, ld a0, 8(a1))
        /* both: an execute-only U page is readable */
        li t0, MSTATUS_SUM
        csrs sstatus, t0
        ld a0, 8(a1)
        XCHECK(23, a0, MAGIC)
        ecall

/* U-mode through the U alias, SUM = MXR = 0. */
u_main:
        li a1, VA_URW
        ld a0, 8(a1)
        XCHECK(30, a0, MAGIC)
        li a1, VA_UX
        EXPECT_TRAP(31, CAUSE_LOAD_PAGE, VA_UX + 8, ld a0, 8(a1))
        li a1, VA_SRW
        EXPECT_TRAP(32, CAUSE_LOAD_PAGE, VA_SRW + 8, ld a0, 8(a1))
        ecall

/* U-mode through the U alias, SUM = MXR = 1. */
u_sum_mxr:
        li a1, VA_UX
        ld a0, 8(a1)
        XCHECK(33, a0, MAGIC)
        li a1, VA_SRW
        EXPECT_TRAP(34, CAUSE_LOAD_PAGE, VA_SRW + 8, ld a0, 8(a1))
        li a1, VA_SX
        EXPECT_TRAP(35, CAUSE_LOAD_PAGE, VA_SX + 8, ld a0, 8(a1))
        ecall

        .data
        .align 12
data_page:
        ret
        .align 3
        .dword MAGIC
        .align 12

        .bss
        .align 12
root:   .skip 4096
root_nox: .skip 4096
l1:     .skip 4096
l0:     .skip 4096
