/* Accessed and dirty bits under Sv39 (privileged spec 12.3.2 "Virtual
 * Address Translation Process" step 7, 12.3.1 on A/D, and Svadu:
 * menvcfg.ADUE in 3.1.18):
 *  - with menvcfg.ADUE = 1 (mimic's reset value) the walker sets A on a
 *    load or fetch and A and D on a store, in 4 KiB and 2 MiB leaves, and
 *    leaves non-leaf PTEs alone; an access that faults on permissions
 *    sets nothing;
 *  - with ADUE = 0, a missing A is a page fault for every access type and
 *    a missing D a store page fault; once software sets the bits (and
 *    fences) the access goes through.
 * QEMU 7.2 has no Svadu (menvcfg.ADUE reads 0 but hardware updating is
 * always on), so the ADUE = 0 part is skipped there.
 */
#include "mmu.h"

#define VA_LS     0x1000        /* RW: load then store */
#define VA_S      0x2000        /* RW: store first */
#define VA_X      0x3000        /* X: fetch */
#define VA_AD     0x4000        /* RW with A already set */
#define VA_RO     0xa000        /* R: a store faults */
#define VA_MEGA   0x200000      /* 2 MiB RW at 0x80000000 */
/* ADUE = 0 */
#define VA_NA_R   0x5000        /* RW, A clear: load faults */
#define VA_ND     0x6000        /* RW, A set, D clear: store faults */
#define VA_NA_X   0x7000        /* X, A clear: fetch faults */
#define VA_NA_W   0x8000        /* RW, A and D clear: store faults */
#define VA_OK     0x9000        /* RW, A and D set */

#define RW_NOAD   (PTE_V | PTE_R | PTE_W)
#define X_NOA     (PTE_V | PTE_X)

/* reg = the PTE of 4 KiB page `va` (in l0). */
#define L0PTE(reg, va) la reg, l0; ld reg, VPN(va, 0) * 8(reg)
/* reg = reg & (A | D) */
#define ADBITS(reg) andi reg, reg, PTE_AD

MMU_BEGIN
        PMP_ALLOW_ALL
        MAPABS root, 2, 0x80000000, LEAF_RWX            /* identity */
        MAPSYM root, 0, l1, NONLEAF
        MAPSYM l1, 0, l0, NONLEAF
        MAPABS l1, VPN(VA_MEGA, 1), 0x80000000, RW_NOAD
        MAPSYM l0, VPN(VA_LS, 0), data_page, RW_NOAD
        MAPSYM l0, VPN(VA_S, 0), data_page, RW_NOAD
        MAPSYM l0, VPN(VA_X, 0), code_page, X_NOA
        MAPSYM l0, VPN(VA_AD, 0), data_page, RW_NOAD | PTE_A
        MAPSYM l0, VPN(VA_RO, 0), data_page, PTE_V | PTE_R
        MAPSYM l0, VPN(VA_NA_R, 0), data_page, RW_NOAD
        MAPSYM l0, VPN(VA_ND, 0), data_page, RW_NOAD | PTE_A
        MAPSYM l0, VPN(VA_NA_X, 0), code_page, X_NOA
        MAPSYM l0, VPN(VA_NA_W, 0), data_page, RW_NOAD
        MAPSYM l0, VPN(VA_OK, 0), data_page, RW_NOAD | PTE_AD
        SET_SATP SATP_SV39, root

        la a0, s_adue
        RUN_S(2, a0)

        bnez s9, 1f                     /* QEMU 7.2: no Svadu */
        csrr a0, menvcfg
        srli a0, a0, 61
        andi a0, a0, 1
        CHECK(3, a0, 1)                 /* ADUE resets to 1 */
        li t0, MENVCFG_ADUE
        csrc menvcfg, t0
        csrr a0, menvcfg
        srli a0, a0, 61
        CHECK(4, a0, 0)
        la a0, s_no_adue
        RUN_S(5, a0)
        li t0, MENVCFG_ADUE
        csrs menvcfg, t0
1:
MMU_END

/* S-mode, hardware updating on. */
s_adue:
        /* a load sets A only */
        li a1, VA_LS
        ld a0, 0(a1)
        L0PTE(a0, VA_LS)
        ADBITS(a0)
        XCHECK(10, a0, PTE_A)
        /* then a store sets D */
        sd zero, 8(a1)
        L0PTE(a0, VA_LS)
        ADBITS(a0)
        XCHECK(11, a0, PTE_AD)
        /* a first store sets both */
        li a1, VA_S
        sd zero, 16(a1)
        L0PTE(a0, VA_S)
        ADBITS(a0)
        XCHECK(12, a0, PTE_AD)
        /* a fetch sets A only */
        li a1, VA_X
        li a0, 0
        jalr ra, 0(a1)
        XCHECK(13, a0, 0x4c)
        L0PTE(a0, VA_X)
        ADBITS(a0)
        XCHECK(14, a0, PTE_A)
        /* A already set: a load leaves D clear, a store sets it */
        li a1, VA_AD
        ld a0, 0(a1)
        L0PTE(a0, VA_AD)
        ADBITS(a0)
        XCHECK(15, a0, PTE_A)
        sd zero, 24(a1)
        L0PTE(a0, VA_AD)
        ADBITS(a0)
        XCHECK(16, a0, PTE_AD)
        /* a store to a read-only page faults and sets neither bit; a
         * load then sets A */
        li a1, VA_RO
        EXPECT_TRAP(17, CAUSE_STORE_PAGE, VA_RO, sd zero, 0(a1))
        L0PTE(a0, VA_RO)
        ADBITS(a0)
        XCHECK(18, a0, 0)
        ld a0, 0(a1)
        L0PTE(a0, VA_RO)
        ADBITS(a0)
        XCHECK(19, a0, PTE_A)
        /* a megapage leaf: load sets A, store sets D */
        li a1, VA_MEGA
        ld a0, 0(a1)
        la a0, l1
        ld a0, VPN(VA_MEGA, 1) * 8(a0)
        ADBITS(a0)
        XCHECK(20, a0, PTE_A)
        li a1, VA_MEGA + 0x1ff000
        sd zero, 0(a1)          /* the last 4 KiB of the megapage */
        la a0, l1
        ld a0, VPN(VA_MEGA, 1) * 8(a0)
        ADBITS(a0)
        XCHECK(21, a0, PTE_AD)
        /* the non-leaf PTEs stayed as written */
        la a0, root
        ld a0, 0(a0)
        andi a0, a0, 0x3ff
        XCHECK(22, a0, NONLEAF)
        la a0, l1
        ld a0, 0(a0)
        andi a0, a0, 0x3ff
        XCHECK(23, a0, NONLEAF)
        ecall

/* S-mode, menvcfg.ADUE = 0: missing A/D bits fault. */
s_no_adue:
        li a1, VA_NA_R
        EXPECT_TRAP(30, CAUSE_LOAD_PAGE, VA_NA_R, ld a0, 0(a1))
        EXPECT_TRAP(31, CAUSE_STORE_PAGE, VA_NA_R, sd a0, 0(a1))
        L0PTE(a0, VA_NA_R)
        ADBITS(a0)
        XCHECK(32, a0, 0)
        li a1, VA_ND
        ld a0, 0(a1)                    /* A set: loads work */
        EXPECT_TRAP(33, CAUSE_STORE_PAGE, VA_ND + 8, sd a0, 8(a1))
        L0PTE(a0, VA_ND)
        ADBITS(a0)
        XCHECK(34, a0, PTE_A)
        li a1, VA_NA_X
        EXPECT_TRAP(35, CAUSE_FETCH_PAGE, VA_NA_X, jalr ra, 0(a1))
        li a1, VA_NA_W
        EXPECT_TRAP(36, CAUSE_STORE_PAGE, VA_NA_W, sd a0, 0(a1))
        li a1, VA_OK
        sd zero, 0(a1)                  /* A and D set: stores work */
        ld a0, 0(a1)
        XCHECK(37, a0, 0)
        /* software sets the bits, fences, and the accesses go through */
        la t1, l0
        ld t0, VPN(VA_ND, 0) * 8(t1)
        ori t0, t0, PTE_D
        sd t0, VPN(VA_ND, 0) * 8(t1)
        ld t0, VPN(VA_NA_X, 0) * 8(t1)
        ori t0, t0, PTE_A
        sd t0, VPN(VA_NA_X, 0) * 8(t1)
        sfence.vma
        li a1, VA_ND
        li t0, 0x77
        sd t0, 8(a1)
        ld a0, 8(a1)
        XCHECK(38, a0, 0x77)
        li a1, VA_NA_X
        li a0, 0
        jalr ra, 0(a1)
        XCHECK(39, a0, 0x4c)
        ecall

        .data
        .align 12
code_page:
        li a0, 0x4c
        ret
        .align 12
data_page:
        .skip 4096

        .bss
        .align 12
root:   .skip 4096
l1:     .skip 4096
l0:     .skip 4096
