/* Sv48 translation at every level (privileged spec 12.5 "Sv48", walk of
 * 12.3.2 "Virtual Address Translation Process" with LEVELS = 4): S-mode
 * loads, stores and fetches through a 4 KiB page, a 2 MiB megapage, a
 * 1 GiB gigapage, a 512 GiB terapage and a terapage in the upper half,
 * while the code runs through an identity gigapage. Also: an address that
 * Sv39 would reject is canonical here; a non-canonical Sv48 address, and a
 * misaligned terapage (PPN[2:0] != 0, 12.3.2 step 6), are page faults.
 */
#include "mmu.h"

#define VA_4K   0x00400000              /* l0[0]: probe_page */
#define VA_2M   0x00200000              /* l1[1]: 2 MiB at 0x80000000 */
#define VA_1G   0xc0000000              /* l2[3]: 1 GiB at 0x80000000 */
#define VA_512G 0x0000008000000000      /* root[1]: 512 GiB at 0 */
#define VA_HI   0xffffff8000000000      /* root[511]: 512 GiB at 0 */
#define VA_MIS  0x0000010000000000      /* root[2]: misaligned terapage */
#define VA_NC   0x0000800000000000      /* bit 47 set, bits 63:48 clear */

MMU_BEGIN
        PMP_ALLOW_ALL
        MAPSYM root, 0, l2, NONLEAF
        MAPABS root, VPN(VA_512G, 3), 0, LEAF_RWX
        MAPABS root, VPN(VA_HI, 3), 0, LEAF_RWX
        MAPABS root, VPN(VA_MIS, 3), 0x80000000, LEAF_RWX
        MAPABS l2, 2, 0x80000000, LEAF_RWX | PTE_G     /* identity */
        MAPABS l2, VPN(VA_1G, 2), 0x80000000, LEAF_RWX
        MAPSYM l2, 0, l1, NONLEAF
        MAPABS l1, VPN(VA_2M, 1), 0x80000000, LEAF_RWX
        MAPSYM l1, VPN(VA_4K, 1), l0, NONLEAF
        MAPSYM l0, VPN(VA_4K, 0), probe_page, LEAF_RWX
        SET_SATP SATP_SV48, root
        csrr a0, satp
        srli a0, a0, SATP_MODE_SHIFT
        CHECK(2, a0, 9)

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
        li s5, VA_HI
        CHECK_THROUGH(22, s5)

        li a1, VA_MIS
        EXPECT_TRAP(25, CAUSE_LOAD_PAGE, VA_MIS, ld a0, 0(a1))
        EXPECT_TRAP(26, CAUSE_STORE_PAGE, VA_MIS, sd a0, 0(a1))
        li a1, VA_NC
        EXPECT_TRAP(27, CAUSE_LOAD_PAGE, VA_NC, ld a0, 0(a1))
        EXPECT_TRAP(28, CAUSE_FETCH_PAGE, VA_NC, jalr ra, 0(a1))
        XCHECK(29, s4, VA_NC)
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
l2:     .skip 4096
l1:     .skip 4096
l0:     .skip 4096
