/* Physical memory protection (privileged spec 3.7 "Physical Memory
 * Protection": 3.7.1 "Physical Memory Protection CSRs" for the encodings
 * and WARL rules, "Address Matching", "Priority and Matching Logic",
 * "Locking and Privilege Mode"), S- and U-mode accesses made by M-mode
 * with MPRV (3.1.6.3) and by S-mode fetches:
 *  - TOR, NA4 and NAPOT regions grant exactly their R/W/X bits;
 *  - the lowest-numbered matching entry wins, and an entry that matches
 *    only part of an access makes it fail, even in M-mode;
 *  - M-mode ignores unlocked entries; S/U accesses that match no entry
 *    fail once some entry is active;
 *  - the page walker's implicit accesses are checked (as S-mode): a page
 *    table in a region without R is an access fault of the original
 *    access type, and so is an A/D update to a PTE in a region without W;
 *  - pmpaddr/pmpcfg WARL read-back: bits 63:54 of pmpaddr are zero, the
 *    reserved R=0/W=1 combination and cfg bits 6:5 read as zero, pmpcfg1
 *    does not exist on RV64, entries up to pmpaddr63 exist (mimic; QEMU
 *    7.2 implements 16, which the spec allows);
 *  - L locks an entry's cfg and address (and the address below a locked
 *    TOR entry) and applies the entry to M-mode.
 * Skipped on QEMU 7.2: the pmpaddr/pmpcfg WARL read-back (QEMU keeps
 * pmpaddr bits 63:54, pmpcfg bits 6:5 and R=0/W=1 as written), pmpaddr63
 * (QEMU has 16 entries), and the A/D update to a PTE without W (QEMU
 * updates A/D without a PMP write check).
 */
#include "mmu.h"

/* pmp_area layout (5 pages):
 *   page 0 +0x000..0x0ff  entry 1, TOR, R
 *          +0x204..0x207  entry 2, NA4, no permissions
 *          +0x400..0x43f  entry 3, NAPOT, R
 *          the rest       entry 4, NAPOT 4 KiB, RW (no X)
 *   page 1                entry 5, NAPOT, no permissions: root_denied
 *   page 2                entry 6, NAPOT, R: root_ro
 *   page 3                entry 7, NAPOT, R + L (locked at the end)
 *   page 4                entry 9, TOR over entry 8's address, RWX + L
 * and entry 15 = all memory, RWX, as the background.
 */
#define TOR_OFF   0x000
#define NA4_OFF   0x204
#define NAPOT_OFF 0x400
#define RW_OFF    0x800
#define CFG0      0x0019181b19100900    /* entries 7..0 */
#define CFG2_BG   0x1f00000000000000    /* entry 15: NAPOT RWX */

/* pmpaddr `csr` = NAPOT region of `size` bytes at symbol + off. */
#define NAPOT(csr, sym, off, size)                                     \
        la t0, sym + (off);                                            \
        srli t0, t0, 2;                                                \
        ori t0, t0, ((size) >> 3) - 1;                                 \
        csrw csr, t0
/* pmpaddr `csr` = (symbol + off) >> 2. */
#define ADDR(csr, sym, off)                                            \
        la t0, sym + (off);                                            \
        srli t0, t0, 2;                                                \
        csrw csr, t0

MMU_BEGIN
        /* ---- WARL read-back ---- */
        bnez s9, 1f     /* QEMU 7.2 keeps pmpaddr 63:54, cfg 6:5, W without R */
        li t0, -1
        csrw pmpaddr0, t0
        csrr a0, pmpaddr0
        CHECK(2, a0, 0x003fffffffffffff)
        csrw pmpaddr0, zero
        li t0, PMP_NA4 | 0x60           /* cfg bits 6:5 are reserved */
        csrw pmpcfg0, t0
        csrr a0, pmpcfg0
        CHECK(3, a0, PMP_NA4)
        li t0, PMP_NA4 | PMP_W
        csrw pmpcfg0, t0
        csrr a0, pmpcfg0
        CHECK(4, a0, PMP_NA4)
1:      csrw pmpcfg0, zero
        EXPECT_TRAP(5, CAUSE_ILLEGAL, 0x3a102573, csrr a0, pmpcfg1)
        bnez s9, 1f                     /* QEMU 7.2 has 16 entries */
        li t0, 0x12345678
        csrw pmpaddr63, t0
        csrr a0, pmpaddr63
        CHECK(6, a0, 0x12345678)
        csrw pmpaddr63, zero
1:
        /* ---- the regions ---- */
        li t0, -1
        csrw pmpaddr15, t0
        li t0, CFG2_BG
        csrw pmpcfg2, t0
        ADDR(pmpaddr0, pmp_area, TOR_OFF)
        ADDR(pmpaddr1, pmp_area, TOR_OFF + 0x100)
        ADDR(pmpaddr2, pmp_area, NA4_OFF)
        NAPOT(pmpaddr3, pmp_area, NAPOT_OFF, 64)
        NAPOT(pmpaddr4, pmp_area, 0, 4096)
        NAPOT(pmpaddr5, pmp_area, 0x1000, 4096)
        NAPOT(pmpaddr6, pmp_area, 0x2000, 4096)
        li t0, CFG0
        csrw pmpcfg0, t0
        csrr a0, pmpcfg0
        CHECK(7, a0, CFG0)

        /* M-mode fills the page tables (unlocked entries do not apply) */
        MAPABS root_denied, 2, 0x80000000, LEAF_RWX
        MAPABS root_ro, 2, 0x80000000, LEAF_RWX
        MAPABS root_ro, 3, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X
        la s5, pmp_area

        /* TOR, R only */
        MPRV_ON(PRV_S)
        ld a0, TOR_OFF + 0xf8(s5)
        MPRV_OFF
        CHECK(10, a0, 0x70f)
        addi a1, s5, TOR_OFF + 0x10
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(11, CAUSE_STORE_ACCESS, a1, sd a0, 0(a1))
        MPRV_OFF
        /* NA4, no permissions; the word after it belongs to entry 4 */
        addi a1, s5, NA4_OFF
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(12, CAUSE_LOAD_ACCESS, a1, lw a0, 0(a1))
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(13, CAUSE_STORE_ACCESS, a1, sw a0, 0(a1))
        li t0, 0x4e4
        MPRV_ON(PRV_S)
        sw t0, NA4_OFF + 4(s5)
        lw a0, NA4_OFF + 4(s5)
        MPRV_OFF
        CHECK(14, a0, 0x4e4)
        /* an 8-byte access covering the NA4 word and the one before it
         * matches entry 2 only in part: it fails */
        addi a1, s5, NA4_OFF - 4
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(15, CAUSE_LOAD_ACCESS, a1, ld a0, 0(a1))
        /* NAPOT, R only, inside entry 4 (RW): the lower number wins */
        MPRV_ON(PRV_S)
        ld a0, NAPOT_OFF + 0x38(s5)
        MPRV_OFF
        CHECK(16, a0, 0x4a)
        addi a1, s5, NAPOT_OFF + 0x20
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(17, CAUSE_STORE_ACCESS, a1, sd a0, 0(a1))
        MPRV_ON(PRV_S)
        sd a0, NAPOT_OFF + 0x40(s5)     /* just past it: entry 4 */
        MPRV_OFF
        /* U-mode accesses follow the same entries */
        MPRV_ON(PRV_U)
        ld a0, TOR_OFF(s5)
        MPRV_OFF
        CHECK(18, a0, 0x70f)
        addi a1, s5, NAPOT_OFF
        MPRV_ON(PRV_U)
        EXPECT_TRAP_R(19, CAUSE_STORE_ACCESS, a1, sd a0, 0(a1))
        MPRV_OFF
        /* M-mode ignores unlocked entries */
        li t0, 0x3e3
        sd t0, TOR_OFF + 0x10(s5)
        ld a0, TOR_OFF + 0x10(s5)
        CHECK(20, a0, 0x3e3)
        lw a0, NA4_OFF(s5)
        CHECK(21, a0, 0x4a4)
        /* ... but a partial match fails whatever L says */
        addi a1, s5, NA4_OFF - 4
        EXPECT_TRAP_R(25, CAUSE_LOAD_ACCESS, a1, ld a0, 0(a1))
        /* S-mode fetches need X: entry 4 has none */
        la a1, pmp_area + RW_OFF
        RUN_IN(PRV_S, a1)
        CHECK(22, s2, CAUSE_FETCH_ACCESS)
        li TESTNUM, 23
        bne s3, a1, fail
        /* ... and the background entry has it */
        la a1, s_ecall
        RUN_S(24, a1)

        /* ---- the page walker's accesses ---- */
        SET_SATP SATP_SV39, root_denied
        la a1, pmp_area + RW_OFF
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(30, CAUSE_LOAD_ACCESS, a1, ld a0, 0(a1))
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(31, CAUSE_STORE_ACCESS, a1, sd a0, 0(a1))
        MPRV_OFF
        la a1, s_ecall
        RUN_IN(PRV_S, a1)
        CHECK(32, s2, CAUSE_FETCH_ACCESS)
        li TESTNUM, 33
        bne s3, a1, fail
        /* a readable table works; an A/D update needs W */
        SET_SATP SATP_SV39, root_ro
        la a1, pmp_area + RW_OFF
        MPRV_ON(PRV_S)
        ld a0, 0(a1)
        MPRV_OFF
        CHECK(34, a0, 0x808)
        bnez s9, 1f                     /* QEMU 7.2: no check on A/D */
        li t0, 0x40000000
        add a1, a1, t0                  /* through root_ro[3], A = 0 */
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(35, CAUSE_LOAD_ACCESS, a1, ld a0, 0(a1))
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(36, CAUSE_STORE_ACCESS, a1, sd a0, 0(a1))
        MPRV_OFF
1:      csrw satp, zero
        sfence.vma

        /* ---- no matching entry: S/U fail, M succeeds ---- */
        csrw pmpcfg2, zero
        la a1, plain
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(40, CAUSE_LOAD_ACCESS, a1, ld a0, 0(a1))
        MPRV_ON(PRV_U)
        EXPECT_TRAP_R(41, CAUSE_STORE_ACCESS, a1, sd a0, 0(a1))
        MPRV_OFF
        ld a0, 0(a1)
        CHECK(42, a0, 0x9a9)
        MPRV_ON(PRV_S)                  /* entries still match */
        ld a0, TOR_OFF(s5)
        MPRV_OFF
        CHECK(43, a0, 0x70f)
        li t0, CFG2_BG
        csrw pmpcfg2, t0

        /* ---- locking (last: it cannot be undone) ---- */
        NAPOT(pmpaddr7, pmp_area, 0x3000, 4096)
        li t0, CFG0 | ((PMP_L | PMP_NAPOT | PMP_R) << 56)
        csrw pmpcfg0, t0
        la a1, pmp_area + 0x3000
        ld a0, 0(a1)                    /* M reads */
        CHECK(50, a0, 0x3a3)
        EXPECT_TRAP_R(51, CAUSE_STORE_ACCESS, a1, sd a0, 0(a1))
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(52, CAUSE_STORE_ACCESS, a1, sd a0, 0(a1))
        MPRV_OFF
        /* cfg and address of entry 7 are frozen; the others are not */
        csrr s6, pmpaddr7
        csrw pmpcfg0, zero
        csrr a0, pmpcfg0
        CHECK(53, a0, (PMP_L | PMP_NAPOT | PMP_R) << 56)
        csrw pmpaddr7, zero
        csrr a0, pmpaddr7
        li TESTNUM, 54
        bne a0, s6, fail
        EXPECT_TRAP_R(55, CAUSE_STORE_ACCESS, a1, sd a0, 0(a1))
        /* a locked TOR entry 9 also freezes pmpaddr8 */
        ADDR(pmpaddr8, pmp_area, 0x4000)
        ADDR(pmpaddr9, pmp_area, 0x5000)
        li t0, (PMP_L | PMP_TOR | PMP_R | PMP_W | PMP_X) << 8
        csrw pmpcfg2, t0
        csrr s6, pmpaddr8
        csrw pmpaddr8, zero
        csrr a0, pmpaddr8
        li TESTNUM, 56
        bne a0, s6, fail
        la a1, pmp_area + 0x4000
        li t0, 0x4f4
        sd t0, 0(a1)
        ld a0, 0(a1)
        CHECK(57, a0, 0x4f4)
        MPRV_ON(PRV_S)
        ld a0, 0(a1)
        MPRV_OFF
        CHECK(58, a0, 0x4f4)
        /* pmpcfg2 now lacks the background entry: S fails, M goes on */
        la a1, plain
        MPRV_ON(PRV_S)
        EXPECT_TRAP_R(59, CAUSE_LOAD_ACCESS, a1, ld a0, 0(a1))
        MPRV_OFF
        ld a0, 0(a1)
        CHECK(60, a0, 0x9a9)
MMU_END

s_ecall:
        ecall

        .data
        .align 3
plain:  .dword 0x9a9

        .align 12
pmp_area:
        /* page 0 */
        .dword 0x70f
        .skip 0xf8 - 8
        .dword 0x70f
        .skip NA4_OFF - 0x100
        .word 0x4a4, 0
        .skip NAPOT_OFF + 0x38 - NA4_OFF - 8
        .dword 0x4a
        .skip RW_OFF - NAPOT_OFF - 0x40
        .dword 0x808
        .align 12
root_denied:                            /* page 1 */
        .skip 4096
root_ro:                                /* page 2 */
        .skip 4096
        .dword 0x3a3                    /* page 3 */
        .align 12
        .skip 4096                      /* page 4 */
