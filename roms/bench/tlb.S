/* TLB micro-benchmark (not a test): S-mode loads and stores under Sv39
 * (privileged spec 12.4), timed from outside. Two phases with the same
 * number of accesses, 2^20 load + store pairs each:
 *   fit    - a working set of 64 distinct 4 KiB pages (64 KiB of data),
 *            which fits any TLB of 64 entries or more: after the first
 *            round every access should hit;
 *   thrash - 4096 virtual pages spaced 2 MiB apart (all mapping one
 *            physical page through shared tables), so in a direct-mapped
 *            TLB indexed by low VPN bits they all collide: every load
 *            misses and walks 3 levels (its store then hits).
 * Both phases run the same instructions (about 6.3 million each), so
 * their time difference is the cost of the misses. Nothing is printed;
 * the program ends with HTIF pass (exit status 0).
 */
#include "../mmu/mmu.h"

#define VA_FIT     0x10000000           /* l1[128] -> l0_fit */
#define FIT_PAGES  64
#define FIT_ROUNDS 16384
#define VA_THRASH  0x100000000          /* root[4..11] -> l1_t */
#define T_PAGES    4096
#define T_ROUNDS   256
#define T_STRIDE   0x200000

MMU_BEGIN
        PMP_ALLOW_ALL
        MAPABS root, 2, 0x80000000, LEAF_RWX            /* identity */
        MAPSYM root, 0, l1, NONLEAF
        MAPSYM l1, VPN(VA_FIT, 1), l0_fit, NONLEAF
        /* l0_fit[i] -> fit_buf + i * 4 KiB */
        la t2, l0_fit
        la t3, fit_buf
        li t6, FIT_PAGES
1:      SETPTE t2, 0, t3, LEAF_RW
        addi t2, t2, 8
        li t4, 4096
        add t3, t3, t4
        addi t6, t6, -1
        bnez t6, 1b
        /* root[4..11] -> l1_t, every l1_t entry -> l0_t, l0_t[0] -> page */
        la t2, root + VPN(VA_THRASH, 2) * 8
        la t3, l1_t
        li t6, T_PAGES / 512
1:      SETPTE t2, 0, t3, NONLEAF
        addi t2, t2, 8
        addi t6, t6, -1
        bnez t6, 1b
        la t2, l1_t
        la t3, l0_t
        li t6, 512
1:      SETPTE t2, 0, t3, NONLEAF
        addi t2, t2, 8
        addi t6, t6, -1
        bnez t6, 1b
        MAPSYM l0_t, 0, fit_buf, LEAF_RW
        SET_SATP SATP_SV39, root

        la a0, s_bench
        RUN_S(2, a0)
MMU_END

s_bench:
        /* fit */
        li s0, FIT_ROUNDS
1:      li t0, VA_FIT
        li t1, FIT_PAGES
        li t2, 4096
2:      ld a0, 0(t0)
        addi a0, a0, 1
        sd a0, 8(t0)
        add t0, t0, t2
        addi t1, t1, -1
        bnez t1, 2b
        addi s0, s0, -1
        bnez s0, 1b
        /* thrash */
        li s0, T_ROUNDS
1:      li t0, VA_THRASH
        li t1, T_PAGES
        li t2, T_STRIDE
2:      ld a0, 0(t0)
        addi a0, a0, 1
        sd a0, 8(t0)
        add t0, t0, t2
        addi t1, t1, -1
        bnez t1, 2b
        addi s0, s0, -1
        bnez s0, 1b
        ecall

        .bss
        .align 12
root:   .skip 4096
l1:     .skip 4096
l0_fit: .skip 4096
l1_t:   .skip 4096
l0_t:   .skip 4096
fit_buf: .skip FIT_PAGES * 4096
