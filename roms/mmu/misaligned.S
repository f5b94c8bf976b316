/* Misaligned loads and stores under Sv39 in S-mode (unprivileged spec 2.6
 * "Load and Store Instructions": misaligned accesses may be performed or
 * trap; mimic, like QEMU, performs them; privileged spec 12.3.2 on the
 * translation of each part, 3.1.16 on mtval = "the portion of the access
 * that caused the fault"):
 *  - every width (h, w, d, and fld/fsd) at misaligned addresses inside a
 *    page reads and writes the right bytes;
 *  - across a page boundary where the two virtual pages map to physical
 *    pages in the opposite order, each byte lands in the right page;
 *  - across a boundary where the second page is unmapped (or read-only,
 *    for a store), the access faults with mtval = the second page's first
 *    byte and a faulting store writes nothing; if the first page is
 *    unmapped, mtval is the access's own address.
 */
#include "mmu.h"

#define VA_LO    0x1000         /* page_b: ...      */
#define VA_HI    0x2000         /* page_a: ... the reverse of memory order */
#define VA_EDGE  0x3000         /* page_a, 0x4000 unmapped */
#define VA_GAP   0x5000         /* unmapped, 0x6000 = page_a */
#define VA_RO    0x7000         /* page_a, 0x8000 = page_b read-only */
#define PAT      0x8877665544332211

MMU_BEGIN
        PMP_ALLOW_ALL
        MAPABS root, 2, 0x80000000, LEAF_RWX            /* identity */
        MAPSYM root, 0, l1, NONLEAF
        MAPSYM l1, 0, l0, NONLEAF
        MAPSYM l0, VPN(VA_LO, 0), page_b, LEAF_RW
        MAPSYM l0, VPN(VA_HI, 0), page_a, LEAF_RW
        MAPSYM l0, VPN(VA_EDGE, 0), page_a, LEAF_RW
        MAPSYM l0, VPN(VA_GAP + 0x1000, 0), page_a, LEAF_RW
        MAPSYM l0, VPN(VA_RO, 0), page_a, LEAF_RW
        MAPSYM l0, VPN(VA_RO + 0x1000, 0), page_b, LEAF_R
        SET_SATP SATP_SV39, root

        la a0, s_main
        RUN_S(2, a0)
MMU_END

/* S-mode through the identity gigapage. */
s_main:
        la s5, page_a
        la s6, page_b
        /* ---- inside a page ---- */
        li a1, VA_LO
        li t0, PAT
        sd t0, 3(a1)
        ld a0, 3(a1)
        XCHECK(10, a0, PAT)
        lw a0, 5(a1)            /* bytes 0x33..0x66 */
        XCHECK(11, a0, 0x66554433)
        lwu a0, 7(a1)           /* bytes 0x55..0x88 */
        XCHECK(12, a0, 0x88776655)
        lw a0, 7(a1)
        XCHECK(13, a0, 0xffffffff88776655)
        lh a0, 9(a1)            /* 0x77, 0x88 */
        XCHECK(14, a0, 0xffffffffffff8877)
        lhu a0, 2(a1)           /* 0x00, 0x11 */
        XCHECK(15, a0, 0x1100)
        li t0, 0xabcd
        sh t0, 5(a1)
        li t0, 0x01020304
        sw t0, 6(s6)            /* the same page, through the identity map */
        ld a0, 0(s6)            /* bytes 0-7: 00 00 00 11 22 cd 04 03 */
        XCHECK(16, a0, 0x0304cd2211000000)
        ld a0, 8(s6)            /* bytes 8-15: 02 01 88 00 ... */
        XCHECK(17, a0, 0x0000000000880102)
        li t0, 0x400921fb54442d18       /* pi */
        sd t0, 0x11(a1)
        fld fa0, 0x11(a1)
        fsd fa0, 0x23(a1)
        ld a0, 0x23(a1)
        XCHECK(18, a0, 0x400921fb54442d18)

        /* ---- across a boundary, physical pages in reverse order ---- */
        li a1, VA_HI - 3        /* page_b + 0xffd .. page_a + 4 */
        li t0, PAT
        sd t0, 0(a1)
        ld a0, 0(a1)
        XCHECK(20, a0, PAT)
        li t0, 0xff8
        add t0, t0, s6
        ld a0, 0(t0)            /* page_b's last 8 bytes end 11 22 33 */
        srli a0, a0, 40
        XCHECK(21, a0, 0x332211)
        ld a0, 0(s5)            /* page_a's first 8 bytes: 44 55 66 77 88 */
        slli a0, a0, 24
        XCHECK(22, a0, 0x8877665544000000)
        lw a0, 1(a1)            /* 0x1ffe: 22 33 | 44 55 */
        XCHECK(23, a0, 0x55443322)
        lh a0, 2(a1)            /* 0x1fff: 33 | 44 */
        XCHECK(24, a0, 0x4433)
        li t0, 0x0bad
        sh t0, 2(a1)
        ld a0, 0(a1)
        XCHECK(25, a0, 0x887766550bad2211)
        fld fa0, 0(a1)
        fsd fa0, -0x10(a1)      /* inside page_b */
        ld a0, -0x10(a1)
        XCHECK(26, a0, 0x887766550bad2211)

        /* ---- second page unmapped: fault at its first byte ---- */
        li t0, 0xff8
        add s7, s5, t0          /* page_a + 0xff8 */
        li t0, 0x1111111111111111
        sd t0, 0(s7)
        li a1, VA_EDGE + 0xffc
        EXPECT_TRAP(30, CAUSE_LOAD_PAGE, VA_EDGE + 0x1000, ld a0, 0(a1))
        EXPECT_TRAP(31, CAUSE_LOAD_PAGE, VA_EDGE + 0x1000, lw a0, 2(a1))
        EXPECT_TRAP(32, CAUSE_LOAD_PAGE, VA_EDGE + 0x1000, lh a0, 3(a1))
        EXPECT_TRAP(33, CAUSE_LOAD_PAGE, VA_EDGE + 0x1000, fld fa0, -1(a1))
        li a0, -1
        EXPECT_TRAP(34, CAUSE_STORE_PAGE, VA_EDGE + 0x1000, sd a0, -2(a1))
        EXPECT_TRAP(35, CAUSE_STORE_PAGE, VA_EDGE + 0x1000, sw a0, 1(a1))
        ld a0, 0(s7)            /* nothing was written */
        XCHECK(36, a0, 0x1111111111111111)
        ld a0, -4(a1)           /* the first page itself is fine */
        XCHECK(37, a0, 0x1111111111111111)

        /* ---- first page unmapped: fault at the access's address ---- */
        li a1, VA_GAP + 0xffd
        EXPECT_TRAP(40, CAUSE_LOAD_PAGE, VA_GAP + 0xffd, ld a0, 0(a1))
        EXPECT_TRAP(41, CAUSE_STORE_PAGE, VA_GAP + 0xffd, sw a0, 0(a1))

        /* ---- second page read-only: loads work, stores fault ---- */
        li a1, VA_RO + 0xffc
        ld a0, 0(a1)            /* page_a + 0xffc .. page_b + 3 */
        srli a0, a0, 32
        XCHECK(42, a0, 0x11000000)      /* page_b starts 00 00 00 11 */
        li a0, -1
        EXPECT_TRAP(43, CAUSE_STORE_PAGE, VA_RO + 0x1000, sd a0, 0(a1))
        ld a0, 0(s7)
        XCHECK(44, a0, 0x1111111111111111)
        ecall

        .data
        .align 12
page_a: .skip 4096
page_b: .skip 4096

        .bss
        .align 12
root:   .skip 4096
l1:     .skip 4096
l0:     .skip 4096
