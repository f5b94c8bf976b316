/* Sv57 translation at every level (privileged spec 12.6 "Sv57", walk of
 * 12.3.2 "Virtual Address Translation Process" with LEVELS = 5): S-mode
 * loads, stores and fetches through a 4 KiB page, a 2 MiB megapage, a
 * 1 GiB gigapage, a 512 GiB terapage, a 256 TiB petapage and a petapage
 * in the upper half, while the code runs through an identity gigapage.
 * Also: an address that Sv48 would reject is canonical here; a
 * non-canonical Sv57 address, and a misaligned petapage, are page faults.
 */
#include "mmu.h"

#define VA_4K   0x00400000              /* l0[0]: probe_page */
#define VA_2M   0x00200000              /* l1[1]: 2 MiB at 0x80000000 */
#define VA_1G   0xc0000000              /* l2[3]: 1 GiB at 0x80000000 */
#define VA_512G 0x0000008000000000      /* l3[1]: 512 GiB at 0 */
#define VA_256T 0x0001000000000000      /* root[1]: 256 TiB at 0 */
#define VA_HI   0xff00000000000000      /* root[256]: 256 TiB at 0 */
#define VA_MIS  0x0002000000000000      /* root[2]: misaligned petapage */
#define VA_NC   0x0100000000000000      /* bit 56 set, bits 63:57 clear */

MMU_BEGIN
        PMP_ALLOW_ALL
        MAPSYM root, 0, l3, NONLEAF
        MAPABS root, VPN(VA_256T, 4), 0, LEAF_RWX
        MAPABS root, VPN(VA_HI, 4), 0, LEAF_RWX
        MAPABS root, VPN(VA_MIS, 4), 0x80000000, LEAF_RWX
        MAPSYM l3, 0, l2, NONLEAF
        MAPABS l3, VPN(VA_512G, 3), 0, LEAF_RWX
        MAPABS l2, 2, 0x80000000, LEAF_RWX | PTE_G     /* identity */
        MAPABS l2, VPN(VA_1G, 2), 0x80000000, LEAF_RWX
        MAPSYM l2, 0, l1, NONLEAF
        MAPABS l1, VPN(VA_2M, 1), 0x80000000, LEAF_RWX
        MAPSYM l1, VPN(VA_4K, 1), l0, NONLEAF
        MAPSYM l0, VPN(VA_4K, 0), probe_page, LEAF_RWX
        SET_SATP SATP_SV57, root
        csrr a0, satp
        srli a0, a0, SATP_MODE_SHIFT
        CHECK(2, a0, 10)

        la a0, s_main
        RUN_S(3, a0)
MMU_END

/* Runs in S-mode through the identity gigapage. */
s_main:
        li t0, VA_4K
        la t1, probe_page
        sub s5, t0, t1
        CHECK_THROUGH(10, s5)
        li s5, VA_2M - 0x80000000
        CHECK_THROUGH(13, s5)
        li s5, VA_1G - 0x80000000
        CHECK_THROUGH(16, s5)
        li s5, VA_512G
        CHECK_THROUGH(19, s5)
        li s5, VA_256T
        CHECK_THROUGH(22, s5)
        li s5, VA_HI
        CHECK_THROUGH(25, s5)

        li a1, VA_MIS
        EXPECT_TRAP(28, CAUSE_LOAD_PAGE, VA_MIS, ld a0, 0(a1))
        EXPECT_TRAP(29, CAUSE_FETCH_PAGE, VA_MIS, jalr ra, 0(a1))
        li a1, VA_NC
        EXPECT_TRAP(30, CAUSE_LOAD_PAGE, VA_NC, ld a0, 0(a1))
        EXPECT_TRAP(31, CAUSE_STORE_PAGE, VA_NC, sd a0, 0(a1))
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
l3:     .skip 4096
l2:     .skip 4096
l1:     .skip 4096
l0:     .skip 4096
