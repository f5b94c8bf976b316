/* Page and access faults under Sv39, each with its cause and mtval
 * (privileged spec 12.3.2 "Virtual Address Translation Process" steps
 * 2-6, 12.3.1 "Addressing and Memory Protection" for the PTE encodings,
 * 12.4 for canonical addresses, 3.1.15 mcause and 3.1.16 mtval):
 *  - load, store and instruction page faults for V = 0, W without R,
 *    W+X without R, reserved bits 60:54, N (63) and PBMT (62:61) without
 *    Svnapot/Svpbmt, a non-leaf PTE at the last level, a non-leaf PTE with
 *    A, D or U set, a misaligned megapage, a U page from S without SUM (and
 *    a U page fetched from S even with SUM), an S page from U, a read of
 *    an execute-only page without MXR, a store to a read-only page, a
 *    fetch from a non-executable page, non-canonical addresses;
 *  - access faults (step 2: "If accessing pte violates a PMA or PMP check,
 *    raise an access-fault exception corresponding to the original access
 *    type") for a PTE outside RAM, and for a leaf mapping a physical
 *    address with nothing there;
 *  - a 32-bit instruction straddling two pages with the second unmapped:
 *    instruction page fault with mtval = the second page's address and
 *    mepc = the instruction's start (3.1.16: "the faulting portion"), and
 *    the same when the second page is mapped without X, the instruction
 *    executing when both pages are executable, and a 16-bit instruction
 *    in a page's last two bytes executing with the next page unmapped.
 */
#include "mmu.h"

#define U_DELTA 0x40000000      /* root[1]: U alias, VA = PA - U_DELTA */
#define NOWHERE 0x40000000      /* a physical address with nothing there */

/* 4 KiB pages through l0 */
#define VA_INVALID  0x1000      /* V = 0 (everything else set) */
#define VA_WONLY    0x2000      /* W without R */
#define VA_WX       0x3000      /* W+X without R */
#define VA_RSV54    0x4000      /* RWX + reserved bit 54 */
#define VA_N        0x5000      /* RWX + N (bit 63) */
#define VA_PBMT     0x6000      /* RWX + PBMT = 1 (bit 61) */
#define VA_XONLY    0x7000      /* X only */
#define VA_RONLY    0x8000      /* R only */
#define VA_RW       0x9000      /* R+W, no X */
#define VA_PTR0     0xa000      /* a pointer PTE at level 0 */
#define VA_STR_A    0xb000      /* straddle page 1; 0xc000 unmapped */
#define VA_STR_B    0xd000      /* straddle page 1; 0xe000 = page 2 */
#define VA_NOWHERE  0xf000      /* leaf to a physical hole */
#define VA_UPAGE    0x10000     /* U + RW */
#define VA_STR_C    0x12000     /* ends with a 16-bit ret; 0x13000 unmapped */
#define VA_STR_NX   0x14000     /* straddle page 1; 0x15000 = page 2, RW */
/* through l1 */
#define VA_MISALIGN 0x400000    /* megapage at 0x80001000 */
#define VA_PTEHOLE  0x600000    /* non-leaf pointing at a physical hole */
#define VA_NLA      0x800000    /* non-leaf with A set */
#define VA_NLD      0xa00000    /* non-leaf with D set */
#define VA_NLU      0xc00000    /* non-leaf with U set */
/* not canonical in Sv39 */
#define VA_NC1      0x0000004000000000
#define VA_NC2      0xffffffbffffff000

MMU_BEGIN
        PMP_ALLOW_ALL
        MAPABS root, 2, 0x80000000, LEAF_RWX            /* identity */
        MAPABS root, 1, 0x80000000, LEAF_URWX           /* U alias */
        MAPSYM root, 0, l1, NONLEAF
        MAPSYM l1, 0, l0, NONLEAF
        MAPABS l1, VPN(VA_MISALIGN, 1), 0x80001000, LEAF_RWX
        MAPABS l1, VPN(VA_PTEHOLE, 1), NOWHERE, NONLEAF
        MAPSYM l1, VPN(VA_NLA, 1), l0, NONLEAF | PTE_A
        MAPSYM l1, VPN(VA_NLD, 1), l0, NONLEAF | PTE_D
        MAPSYM l1, VPN(VA_NLU, 1), l0, NONLEAF | PTE_U
        MAPSYM l0, VPN(VA_INVALID, 0), data_page, LEAF_URWX & ~PTE_V
        MAPSYM l0, VPN(VA_WONLY, 0), data_page, PTE_V | PTE_W | PTE_AD
        MAPSYM l0, VPN(VA_WX, 0), data_page, PTE_V | PTE_W | PTE_X | PTE_AD
        MAPSYM l0, VPN(VA_RSV54, 0), data_page, LEAF_RWX | 0x0040000000000000
        MAPSYM l0, VPN(VA_N, 0), data_page, LEAF_RWX | 0x8000000000000000
        MAPSYM l0, VPN(VA_PBMT, 0), data_page, LEAF_RWX | 0x2000000000000000
        MAPSYM l0, VPN(VA_XONLY, 0), data_page, LEAF_X
        MAPSYM l0, VPN(VA_RONLY, 0), data_page, LEAF_R
        MAPSYM l0, VPN(VA_RW, 0), data_page, LEAF_RW
        MAPSYM l0, VPN(VA_PTR0, 0), l0, NONLEAF
        MAPSYM l0, VPN(VA_STR_A, 0), straddle_1, LEAF_RWX
        MAPSYM l0, VPN(VA_STR_B, 0), straddle_1, LEAF_RWX
        MAPSYM l0, VPN(VA_STR_B + 0x1000, 0), straddle_2, LEAF_RWX
        MAPABS l0, VPN(VA_NOWHERE, 0), NOWHERE, LEAF_RWX
        MAPSYM l0, VPN(VA_UPAGE, 0), data_page, LEAF_RW | PTE_U
        MAPSYM l0, VPN(VA_STR_C, 0), straddle_c, LEAF_RWX
        MAPSYM l0, VPN(VA_STR_NX, 0), straddle_1, LEAF_RWX
        MAPSYM l0, VPN(VA_STR_NX + 0x1000, 0), straddle_2, LEAF_RW
        SET_SATP SATP_SV39, root

        la a0, s_main
        RUN_S(2, a0)
        la a0, u_main
        li t0, U_DELTA
        sub a0, a0, t0
        RUN_U(3, a0)
MMU_END

/* Runs in S-mode through the identity gigapage. */
s_main:
        /* sanity: the RW page works */
        li a1, VA_RW
        ld a0, 8(a1)
        XCHECK(10, a0, 0x600d)

        li a1, VA_INVALID
        EXPECT_TRAP(11, CAUSE_LOAD_PAGE, VA_INVALID + 8, ld a0, 8(a1))
        EXPECT_TRAP(12, CAUSE_STORE_PAGE, VA_INVALID, sd a0, 0(a1))
        EXPECT_TRAP(13, CAUSE_FETCH_PAGE, VA_INVALID, jalr ra, 0(a1))
        XCHECK(14, s4, VA_INVALID)

        li a1, VA_WONLY
        EXPECT_TRAP(15, CAUSE_LOAD_PAGE, VA_WONLY, ld a0, 0(a1))
        EXPECT_TRAP(16, CAUSE_STORE_PAGE, VA_WONLY, sd a0, 0(a1))
        li a1, VA_WX
        EXPECT_TRAP(17, CAUSE_FETCH_PAGE, VA_WX, jalr ra, 0(a1))
        EXPECT_TRAP(18, CAUSE_STORE_PAGE, VA_WX + 16, sw a0, 16(a1))

        li a1, VA_RSV54
        EXPECT_TRAP(19, CAUSE_LOAD_PAGE, VA_RSV54, ld a0, 0(a1))
        li a1, VA_N
        EXPECT_TRAP(20, CAUSE_LOAD_PAGE, VA_N, ld a0, 0(a1))
        li a1, VA_PBMT
        EXPECT_TRAP(21, CAUSE_STORE_PAGE, VA_PBMT, sd a0, 0(a1))

        li a1, VA_PTR0
        EXPECT_TRAP(22, CAUSE_LOAD_PAGE, VA_PTR0, ld a0, 0(a1))

        li a1, VA_NLA + VA_RW
        EXPECT_TRAP(23, CAUSE_LOAD_PAGE, VA_NLA + VA_RW, ld a0, 0(a1))
        li a1, VA_NLD + VA_RW
        EXPECT_TRAP(24, CAUSE_STORE_PAGE, VA_NLD + VA_RW, sd a0, 0(a1))
        li a1, VA_NLU + VA_RW
        EXPECT_TRAP(25, CAUSE_LOAD_PAGE, VA_NLU + VA_RW, ld a0, 0(a1))

        li a1, VA_MISALIGN
        EXPECT_TRAP(26, CAUSE_LOAD_PAGE, VA_MISALIGN, ld a0, 0(a1))
        EXPECT_TRAP(27, CAUSE_FETCH_PAGE, VA_MISALIGN, jalr ra, 0(a1))

        /* execute-only: fetch works (data_page starts with `ret`), read
         * faults without MXR, store faults */
        li a1, VA_XONLY
        jalr ra, 0(a1)
        EXPECT_TRAP(28, CAUSE_LOAD_PAGE, VA_XONLY, ld a0, 0(a1))
        EXPECT_TRAP(29, CAUSE_STORE_PAGE, VA_XONLY, sd a0, 0(a1))
        /* read-only and no-execute pages */
        li a1, VA_RONLY
        ld a0, 8(a1)
        XCHECK(30, a0, 0x600d)
        EXPECT_TRAP(31, CAUSE_STORE_PAGE, VA_RONLY + 8, sd a0, 8(a1))
        EXPECT_TRAP(32, CAUSE_FETCH_PAGE, VA_RONLY, jalr ra, 0(a1))
        li a1, VA_RW
        EXPECT_TRAP(33, CAUSE_FETCH_PAGE, VA_RW, jalr ra, 0(a1))

        /* a U page from S: faults without SUM; fetch faults even with SUM */
        li a1, VA_UPAGE
        EXPECT_TRAP(34, CAUSE_LOAD_PAGE, VA_UPAGE, ld a0, 0(a1))
        EXPECT_TRAP(35, CAUSE_STORE_PAGE, VA_UPAGE, sd a0, 0(a1))
        li t0, MSTATUS_SUM
        csrs sstatus, t0
        ld a0, 8(a1)
        XCHECK(36, a0, 0x600d)
        la a1, leaf_fn
        li t0, U_DELTA
        sub a1, a1, t0
        EXPECT_TRAP_R(37, CAUSE_FETCH_PAGE, a1, jalr ra, 0(a1))
        li t0, MSTATUS_SUM
        csrc sstatus, t0

        /* non-canonical addresses */
        li a1, VA_NC1
        EXPECT_TRAP(38, CAUSE_LOAD_PAGE, VA_NC1, ld a0, 0(a1))
        EXPECT_TRAP(39, CAUSE_STORE_PAGE, VA_NC1, sd a0, 0(a1))
        EXPECT_TRAP(40, CAUSE_FETCH_PAGE, VA_NC1, jalr ra, 0(a1))
        li a1, VA_NC2
        EXPECT_TRAP(41, CAUSE_LOAD_PAGE, VA_NC2, lb a0, 0(a1))

        /* a PTE outside RAM: access faults of the original access type
         * (skipped on QEMU 7.2, which raises a page fault instead) */
        bnez s9, 1f
        li a1, VA_PTEHOLE
        EXPECT_TRAP(42, CAUSE_LOAD_ACCESS, VA_PTEHOLE, ld a0, 0(a1))
        EXPECT_TRAP(43, CAUSE_STORE_ACCESS, VA_PTEHOLE, sd a0, 0(a1))
        EXPECT_TRAP(44, CAUSE_FETCH_ACCESS, VA_PTEHOLE, jalr ra, 0(a1))
1:
        /* a leaf mapping a physical hole */
        li a1, VA_NOWHERE
        EXPECT_TRAP(45, CAUSE_LOAD_ACCESS, VA_NOWHERE + 8, ld a0, 8(a1))
        EXPECT_TRAP(46, CAUSE_STORE_ACCESS, VA_NOWHERE, sd a0, 0(a1))
        EXPECT_TRAP(47, CAUSE_FETCH_ACCESS, VA_NOWHERE, jalr ra, 0(a1))

        /* a 32-bit instruction at 0x...ffe whose second half is unmapped */
        li a1, VA_STR_A + 0xffe
        EXPECT_TRAP(48, CAUSE_FETCH_PAGE, VA_STR_A + 0x1000, jalr ra, 0(a1))
        XCHECK(49, s4, VA_STR_A + 0xffe)
        /* ... and with both halves mapped (addi a0, a0, 1; ret) */
        li a0, 5
        li a1, VA_STR_B + 0xffe
        jalr ra, 0(a1)
        XCHECK(50, a0, 6)
        /* second page mapped without X: the same fault */
        li a1, VA_STR_NX + 0xffe
        EXPECT_TRAP(51, CAUSE_FETCH_PAGE, VA_STR_NX + 0x1000, jalr ra, 0(a1))
        XCHECK(52, s4, VA_STR_NX + 0xffe)
        /* a 16-bit instruction in a page's last 2 bytes needs no more */
        li TESTNUM, 53
        la s11, mmu_fail        /* any trap fails test 53 */
        li a1, VA_STR_C + 0xffe
        jalr ra, 0(a1)          /* c.jr ra: straight back */
        li s11, 0
        ecall

/* Runs in U-mode through the U alias (VA = PA - U_DELTA). */
u_main:
        /* sanity: U pages work from U */
        li a1, VA_UPAGE
        ld a0, 8(a1)
        XCHECK(60, a0, 0x600d)
        /* S pages (the identity map) fault from U */
        la a1, data_page
        li t0, U_DELTA
        add a1, a1, t0
        EXPECT_TRAP_R(61, CAUSE_LOAD_PAGE, a1, ld a0, 0(a1))
        EXPECT_TRAP_R(62, CAUSE_STORE_PAGE, a1, sd a0, 0(a1))
        la a1, leaf_fn
        add a1, a1, t0
        EXPECT_TRAP_R(63, CAUSE_FETCH_PAGE, a1, jalr ra, 0(a1))
        li TESTNUM, 64
        bne s4, a1, mmu_fail
        li a1, VA_RW
        EXPECT_TRAP(65, CAUSE_LOAD_PAGE, VA_RW, ld a0, 0(a1))
        /* faults from U look the same as from S */
        li a1, VA_NC1
        EXPECT_TRAP(66, CAUSE_LOAD_PAGE, VA_NC1, ld a0, 0(a1))
        ecall

        .text
        .align 2
leaf_fn:
        ret

        .data
        .align 12
data_page:
        ret                     /* executed through VA_XONLY */
        .align 3
        .dword 0x600d           /* at offset 8 */
        .align 12
straddle_1:
        .skip 4094
        .half 0x0513            /* addi a0, a0, 1 = 0x00150513 ... */
straddle_2:
        .half 0x0015            /* ... its second half */
        ret
        .align 12
straddle_c:
        .skip 4094
        .half 0x8082            /* c.jr ra */

        .bss
        .align 12
root:   .skip 4096
l1:     .skip 4096
l0:     .skip 4096
