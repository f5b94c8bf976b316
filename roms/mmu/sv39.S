/* Sv39 translation at every level (privileged spec 12.4 "Sv39" and the
 * walk of 12.3.2 "Virtual Address Translation Process"): S-mode loads,
 * stores and instruction fetches through a 4 KiB page, a 2 MiB megapage,
 * a 1 GiB gigapage and a gigapage in the upper (sign-extended) half of
 * the address space, while the code itself runs through an identity
 * gigapage. Also: two virtual pages aliasing one physical page, a
 * read-only alias refusing stores, offsets at the end of a page, and
 * satp.MODE read-back (12.1.11).
 */
#include "mmu.h"

#define VA_4K   0x00400000              /* l0[0]: probe_page, RWX */
#define VA_4K_R 0x00401000              /* l0[1]: probe_page, read-only */
#define VA_2M   0x00200000              /* l1[1]: 2 MiB at 0x80000000 */
#define VA_1G   0xc0000000              /* root[3]: 1 GiB at 0x80000000 */
#define VA_HI   0xffffffffc0000000      /* root[511]: 1 GiB at 0x80000000 */

MMU_BEGIN
        PMP_ALLOW_ALL
        MAPABS root, 2, 0x80000000, LEAF_RWX | PTE_G    /* identity */
        MAPABS root, 3, 0x80000000, LEAF_RWX
        MAPABS root, 511, 0x80000000, LEAF_RWX
        MAPSYM root, 0, l1, NONLEAF
        MAPABS l1, VPN(VA_2M, 1), 0x80000000, LEAF_RWX
        MAPSYM l1, VPN(VA_4K, 1), l0, NONLEAF
        MAPSYM l0, VPN(VA_4K, 0), probe_page, LEAF_RWX
        MAPSYM l0, VPN(VA_4K_R, 0), probe_page, LEAF_R
        SET_SATP SATP_SV39, root

        la a0, s_main
        RUN_S(2, a0)
        csrr a0, satp
        srli a0, a0, SATP_MODE_SHIFT
        CHECK(3, a0, 8)
MMU_END

/* Runs in S-mode through the identity gigapage. */
s_main:
        /* 4 KiB page */
        li t0, VA_4K
        la t1, probe_page
        sub s5, t0, t1
        CHECK_THROUGH(10, s5)
        /* 2 MiB megapage */
        li s5, VA_2M - 0x80000000
        CHECK_THROUGH(13, s5)
        /* 1 GiB gigapage */
        li s5, VA_1G - 0x80000000
        CHECK_THROUGH(16, s5)
        /* 1 GiB gigapage at a negative (sign-extended) address */
        li s5, VA_HI - 0x80000000
        CHECK_THROUGH(19, s5)

        /* a read-only alias of probe_page sees the RWX alias's store */
        la a1, probe
        la t1, probe_page
        sub a1, a1, t1
        li t0, VA_4K
        add a2, a1, t0
        li t0, 0x5555aaaa
        sd t0, 0(a2)
        li t0, VA_4K_R
        add a3, a1, t0
        ld a0, 0(a3)
        XCHECK(22, a0, 0x5555aaaa)
        EXPECT_TRAP_R(23, CAUSE_STORE_PAGE, a3, sd zero, 0(a3))
        EXPECT_TRAP_R(24, CAUSE_FETCH_PAGE, a3, jalr ra, 0(a3))
        li TESTNUM, 25
        bne s4, a3, mmu_fail

        /* the last doubleword of a 4 KiB page, and of a 2 MiB page */
        la a1, probe_page + 4088
        li t0, 0x0123456789abcdef
        sd t0, 0(a1)
        li a2, VA_4K + 4088
        ld a0, 0(a2)
        XCHECK(26, a0, 0x0123456789abcdef)
        li a2, VA_2M + 0x1ffff8
        li t0, 0x7766554433221100
        sd t0, 0(a2)
        li a1, 0x80000000 + 0x1ffff8
        ld a0, 0(a1)
        XCHECK(27, a0, 0x7766554433221100)

        /* S-mode reads satp */
        csrr a0, satp
        srli a0, a0, SATP_MODE_SHIFT
        XCHECK(28, a0, 8)
        ecall

        .data
        .align 12
probe_page:
leaf_fn:
        li a0, 0x4c
        ret
        .align 6
probe:  .dword 0, 0
        .align 12

        .bss
        .align 12
root:   .skip 4096
l1:     .skip 4096
l0:     .skip 4096
