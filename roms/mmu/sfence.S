/* SFENCE.VMA and satp (privileged spec 12.2.1 "Supervisor Memory-Management
 * Fence Instruction", 12.1.11 "Supervisor Address Translation and
 * Protection (satp) Register"), under Sv39 with ASID 5:
 *  - after a PTE is changed, `sfence.vma va`, `sfence.vma x0, asid`,
 *    `sfence.vma va, asid` and `sfence.vma` each make the new mapping
 *    visible to loads, stores and fetches (whether the old one is still
 *    used before the fence is the implementation's choice and is not
 *    tested), including `sfence.vma va` for one address of a megapage
 *    that became a pointer to a 4 KiB table, which must also drop what
 *    was cached for the megapage's other addresses;
 *  - a satp write with an unsupported MODE (1, 11, 15) has no effect;
 *  - SFENCE.VMA is illegal in U-mode, and SFENCE.VMA and satp accesses are
 *    illegal in S-mode when mstatus.TVM = 1 (3.1.6.5).
 */
#include "mmu.h"

#define U_DELTA  0x40000000     /* root[1]: U alias, VA = PA - U_DELTA */
#define VA_DATA  0x1000         /* l0[1]: page_one or page_two */
#define VA_CODE  0x2000         /* l0[2]: code_one or code_two */
#define VA_MEGA  0x200000       /* l1[1]: 2 MiB at 0x80000000, then l0b */
#define ASID     5
#define SFENCE_ZERO 0x12000073  /* sfence.vma zero, zero */

/* Points l0 entry `idx` at the page whose address is in register `pa`
 * (non-global RWX leaf). Clobbers t2, t4, t5. */
#define REMAP(idx, pa) la t2, l0; SETPTE t2, idx, pa, LEAF_RWX

MMU_BEGIN
        PMP_ALLOW_ALL
        MAPABS root, 2, 0x80000000, LEAF_RWX | PTE_G    /* identity */
        MAPABS root, 1, 0x80000000, LEAF_URWX | PTE_G   /* U alias */
        MAPSYM root, 0, l1, NONLEAF
        MAPSYM l1, 0, l0, NONLEAF
        MAPABS l1, VPN(VA_MEGA, 1), 0x80000000, LEAF_RWX
        MAPSYM l0, VPN(VA_DATA, 0), page_one, LEAF_RWX
        MAPSYM l0, VPN(VA_CODE, 0), code_one, LEAF_RWX
        /* satp = Sv39, ASID 5, root */
        la t0, root
        srli t0, t0, 12
        li t1, SATP_SV39 | (ASID << 44)
        or t0, t0, t1
        csrw satp, t0
        sfence.vma
        csrr s5, satp

        /* unsupported modes leave satp as it was */
        li t0, (1 << SATP_MODE_SHIFT) | 0x12345
        csrw satp, t0
        csrr a0, satp
        li TESTNUM, 2
        bne a0, s5, fail
        li t0, 11
        slli t0, t0, SATP_MODE_SHIFT
        csrw satp, t0
        csrr a0, satp
        li TESTNUM, 3
        bne a0, s5, fail
        li t0, -1
        csrw satp, t0
        csrr a0, satp
        li TESTNUM, 4
        bne a0, s5, fail

        la a0, s_main
        RUN_S(5, a0)

        /* sfence.vma from U is illegal */
        la a0, u_sfence
        li t0, U_DELTA
        sub a0, a0, t0
        RUN_U(6, a0)

        /* with TVM, sfence.vma and satp are illegal in S */
        li t0, MSTATUS_TVM
        csrs mstatus, t0
        la a0, s_tvm
        RUN_S(7, a0)
        li t0, MSTATUS_TVM
        csrc mstatus, t0
        csrr a0, satp
        li TESTNUM, 8
        bne a0, s5, fail
MMU_END

/* S-mode through the identity gigapage. */
s_main:
        csrr s6, satp
        srli s6, s6, 44
        li t0, 0xffff
        and s6, s6, t0          /* s6 = the ASID as implemented */
        li s7, VA_DATA
        la s8, page_one
        la a3, page_two
        ld a0, 0(s7)
        XCHECK(10, a0, 1)
        /* sfence.vma va */
        REMAP(VPN(VA_DATA, 0), a3)
        sfence.vma s7
        ld a0, 0(s7)
        XCHECK(11, a0, 2)
        /* sfence.vma x0, asid */
        REMAP(VPN(VA_DATA, 0), s8)
        sfence.vma x0, s6
        ld a0, 0(s7)
        XCHECK(12, a0, 1)
        /* sfence.vma */
        REMAP(VPN(VA_DATA, 0), a3)
        sfence.vma
        ld a0, 0(s7)
        XCHECK(13, a0, 2)
        /* sfence.vma va, asid */
        REMAP(VPN(VA_DATA, 0), s8)
        sfence.vma s7, s6
        ld a0, 0(s7)
        XCHECK(14, a0, 1)
        /* a store after a remap lands in the new page */
        REMAP(VPN(VA_DATA, 0), a3)
        sfence.vma s7
        li t0, 0x99
        sd t0, 8(s7)
        ld a0, 8(a3)
        XCHECK(15, a0, 0x99)
        ld a0, 8(s8)
        XCHECK(16, a0, 0)
        /* a fetch after a remap runs the new code */
        li s7, VA_CODE
        jalr ra, 0(s7)
        XCHECK(17, a0, 1)
        la t0, code_two
        REMAP(VPN(VA_CODE, 0), t0)
        sfence.vma s7
        jalr ra, 0(s7)
        XCHECK(18, a0, 2)
        /* a megapage replaced by a table that maps page_one's 4 KiB to
         * page_two; the fence names another address of the megapage: it
         * must drop every cached piece of that leaf */
        li t0, 0x80000000 - VA_MEGA
        sub s7, s8, t0          /* page_one through the megapage */
        ld a0, 0(s7)
        XCHECK(19, a0, 1)
        srli t0, s8, 12
        andi t0, t0, 0x1ff
        slli t0, t0, 3
        la t1, l0b
        add t1, t1, t0
        srli t0, a3, 12
        slli t0, t0, 10
        ori t0, t0, LEAF_RWX
        sd t0, 0(t1)            /* l0b[page_one's index] -> page_two */
        la t0, l0b
        la t2, l1
        SETPTE t2, VPN(VA_MEGA, 1), t0, NONLEAF
        li t0, VA_MEGA
        sfence.vma t0           /* the megapage's base, not s7's page */
        ld a0, 0(s7)
        XCHECK(20, a0, 2)
        ecall

/* U-mode through the U alias. */
u_sfence:
        EXPECT_TRAP(30, CAUSE_ILLEGAL, SFENCE_ZERO, sfence.vma)
        ecall

/* S-mode with mstatus.TVM = 1. */
s_tvm:
        EXPECT_TRAP(40, CAUSE_ILLEGAL, SFENCE_ZERO, sfence.vma)
        EXPECT_TRAP(41, CAUSE_ILLEGAL, 0x18002573, csrr a0, satp)
        EXPECT_TRAP(42, CAUSE_ILLEGAL, 0x18001073, csrw satp, zero)
        ecall

        .data
        .align 12
page_one:
        .dword 1
        .align 12
page_two:
        .dword 2
        .align 12
code_one:
        li a0, 1
        ret
        .align 12
code_two:
        li a0, 2
        ret
        .align 12

        .bss
        .align 12
root:   .skip 4096
l1:     .skip 4096
l0:     .skip 4096
l0b:    .skip 4096
