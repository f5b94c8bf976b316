# Loads and stores through one base register across a page boundary
# under Sv39, where the two virtual pages map to physical pages that are
# not adjacent (the translator checks such a group's range once, see
# dbt::group: a group straddling two pages must not reach the second
# through the first one's host address). M-mode accesses translated as S
# through MPRV (3.1.6.3), each case run RUNS times so a translating
# engine runs it translated:
#  1. four stores and four loads on base 0x1ff0: two land in VA page
#     0x1000 (PA page_x), two in 0x2000 (PA page_z, below page_x);
#  2. four stores on base 0x2ff0 with 0x3000 unmapped: the third faults
#     (store page fault, mtval 0x3000), the first two are done, the
#     fourth is not (precise exceptions, 12.3.2).
#include "mmu.h"

#define RUNS 40

MMU_BEGIN
        PMP_ALLOW_ALL
        MAPSYM root, 0, l1, NONLEAF
        MAPSYM l1, 0, l0, NONLEAF
        MAPSYM l0, 1, page_x, LEAF_RW
        MAPSYM l0, 2, page_z, LEAF_RW
        SET_SATP SATP_SV39, root

        /* 1 */
        li s1, RUNS
1:      li a0, 0x1ff0
        addi t1, s1, 100
        addi t2, s1, 200
        addi t3, s1, 300
        addi t4, s1, 400
        MPRV_ON(PRV_S)
        sd t1, 0(a0)
        sd t2, 8(a0)
        sd t3, 16(a0)
        sd t4, 24(a0)
        ld a2, 0(a0)
        ld a3, 8(a0)
        ld a4, 16(a0)
        ld a5, 24(a0)
        MPRV_OFF
        li TESTNUM, 2
        bne a2, t1, fail
        bne a3, t2, fail
        bne a4, t3, fail
        bne a5, t4, fail
        addi s1, s1, -1
        bnez s1, 1b
        /* physically: the end of page_x and the start of page_z */
        la a0, page_x + 4096 - 16
        ld t0, 0(a0)
        CHECK(3, t0, 101)
        ld t0, 8(a0)
        CHECK(4, t0, 201)
        la a0, page_z
        ld t0, 0(a0)
        CHECK(5, t0, 301)
        ld t0, 8(a0)
        CHECK(6, t0, 401)
        la a0, page_x + 4096
        ld t0, 0(a0)            /* what follows page_x: untouched */
        CHECK(7, t0, 0)

        /* 2 */
        li s1, RUNS
2:      la a0, page_z + 4096 - 16
        sd zero, 0(a0)
        sd zero, 8(a0)
        li a0, 0x2ff0
        addi t1, s1, 500
        MPRV_ON(PRV_S)
        EXPECT_TRAP(8, CAUSE_STORE_PAGE, 0x3000,
                sd t1, 0(a0);
                sd t1, 8(a0);
                sd t1, 16(a0);
                sd t1, 24(a0))
        MPRV_OFF
        la a0, page_z + 4096 - 16
        ld t0, 0(a0)
        li TESTNUM, 9
        bne t0, t1, fail
        ld t0, 8(a0)
        bne t0, t1, fail
        addi s1, s1, -1
        bnez s1, 2b
MMU_END

        .data
        .align 12
root:   .skip 4096
l1:     .skip 4096
l0:     .skip 4096
page_z: .skip 4096
page_x: .skip 4096
after:  .skip 4096
