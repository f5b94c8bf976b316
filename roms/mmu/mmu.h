/* Shared by the roms/mmu programs (issue #3): constants for page-table
 * entries, satp, mstatus and trap causes (privileged spec 3.1.6 mstatus,
 * 3.1.15 mcause, 12.1.11 satp, 12.3.1 PTE format), an M-mode trap handler
 * that records each trap and resumes, and macros to expect a trap, to run
 * code in S or U mode and to build page tables.
 *
 * Include this instead of mimic_test.h; start the program with MMU_BEGIN
 * and end it with MMU_END.
 *
 * Registers, on top of mimic_test.h's (gp = test number, t6 = scratch):
 *   s2, s3, s4  cause, tval and epc of the last trap (set by the handler)
 *   s10         M-mode continuation: a trap with s11 clear (an ecall that
 *               ends RUN_IN code, or a fault) jumps here in M-mode
 *   s11         resume address: a trap jumps here by mret, i.e. in the
 *               mode that trapped (EXPECT_TRAP sets it)
 *   s9          1 on QEMU 7.x (marchid 0x07mmpp is its version; mimic's
 *               is 0), to skip the few cases where QEMU 7.2 is known to
 *               deviate from the spec; each skip says which
 * A trap with both clear fails the current test. The handler clears the
 * register it used, so every trap is expected at most once.
 *
 * Checks that must work in S and U mode use XCHECK, which fails through
 * `mmu_fail` (an ecall with s10 = s11 = 0) instead of jumping to the
 * harness's M-mode `fail` code.
 */
#ifndef MIMIC_MMU_H
#define MIMIC_MMU_H

#define TEST_TRAP_HANDLER mmu_trap
#include "mimic_test.h"

/* ---- PTE bits (12.3.1 / 12.4.1) ---- */
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80
#define PTE_AD (PTE_A | PTE_D)
#define LEAF_RWX (PTE_V | PTE_R | PTE_W | PTE_X | PTE_AD)
#define LEAF_RW (PTE_V | PTE_R | PTE_W | PTE_AD)
#define LEAF_R (PTE_V | PTE_R | PTE_A)
#define LEAF_X (PTE_V | PTE_X | PTE_A)
#define LEAF_URWX (LEAF_RWX | PTE_U)
#define NONLEAF PTE_V

/* ---- satp.MODE (12.1.11) ---- */
#define SATP_SV39 0x8000000000000000
#define SATP_SV48 0x9000000000000000
#define SATP_SV57 0xa000000000000000
#define SATP_MODE_SHIFT 60

/* ---- mstatus (3.1.6) and menvcfg (3.1.18, Svadu) ---- */
#define MSTATUS_MPP 0x1800
#define MSTATUS_MPRV (1 << 17)
#define MSTATUS_SUM (1 << 18)
#define MSTATUS_MXR (1 << 19)
#define MSTATUS_TVM (1 << 20)
#define MENVCFG_ADUE 0x2000000000000000
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* ---- mcause (3.1.15) ---- */
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL 2
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_STORE_ACCESS 7
#define CAUSE_ECALL_U 8
#define CAUSE_ECALL_S 9
#define CAUSE_ECALL_M 11
#define CAUSE_FETCH_PAGE 12
#define CAUSE_LOAD_PAGE 13
#define CAUSE_STORE_PAGE 15

/* ---- PMP (3.7) ---- */
#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_TOR 0x08
#define PMP_NA4 0x10
#define PMP_NAPOT 0x18
#define PMP_L 0x80

/* VPN[level] of a virtual address (12.3.1). */
#define VPN(va, level) (((va) >> (12 + 9 * (level))) & 0x1ff)

/* ---- checks that work in any mode ---- */

/* Fails test n unless reg == val. */
#define XCHECK(n, reg, val)                                            \
        li TESTNUM, n;                                                 \
        li t6, val;                                                    \
        bne reg, t6, mmu_fail

/* Test n: `code` must trap with mcause `c` and mtval `v`; execution
 * resumes after it in the mode that trapped. */
#define EXPECT_TRAP(n, c, v, code...)                                  \
        li TESTNUM, n;                                                 \
        la s11, 98f;                                                   \
        li s2, -1;                                                     \
        code;                                                          \
        li s11, 0;                                                     \
        j mmu_fail;                                                    \
98:     li t6, c;                                                      \
        bne s2, t6, mmu_fail;                                          \
        li t6, v;                                                      \
        bne s3, t6, mmu_fail

/* As EXPECT_TRAP, with the expected tval in a register (not t6). */
#define EXPECT_TRAP_R(n, c, vreg, code...)                             \
        li TESTNUM, n;                                                 \
        la s11, 98f;                                                   \
        li s2, -1;                                                     \
        code;                                                          \
        li s11, 0;                                                     \
        j mmu_fail;                                                    \
98:     li t6, c;                                                      \
        bne s2, t6, mmu_fail;                                          \
        bne s3, vreg, mmu_fail

/* Tests n, n+1, n+2 (any mode): through a mapping where virtual =
 * physical + `delta` (a register other than a0-a2, t0), a load sees what
 * the identity map stored, a store is seen through the identity map, and
 * a fetch runs `leaf_fn` (which sets a0 = 0x4c and returns). The program
 * defines `probe` (16 writable bytes) and `leaf_fn`. Clobbers a0-a2, t0,
 * ra. */
#define CHECK_THROUGH(n, delta)                                        \
        la a1, probe;                                                  \
        li t0, (n) * 0x01010101;                                       \
        sd t0, 0(a1);                                                  \
        add a2, a1, delta;                                             \
        ld a0, 0(a2);                                                  \
        XCHECK(n, a0, (n) * 0x01010101);                               \
        li t0, (n) * 0x00100001;                                       \
        sd t0, 8(a2);                                                  \
        ld a0, 8(a1);                                                  \
        XCHECK((n) + 1, a0, (n) * 0x00100001);                         \
        la a1, leaf_fn;                                                \
        add a2, a1, delta;                                             \
        li a0, 0;                                                      \
        jalr ra, 0(a2);                                                \
        XCHECK((n) + 2, a0, 0x4c)

/* ---- changing mode (M-mode only) ---- */

/* Runs the code at the address in register `r` in privilege `m` until it
 * ends with ecall or takes a trap nobody expects; then continues in M
 * with s2 = the cause. */
#define RUN_IN(m, r)                                                   \
        csrw mepc, r;                                                  \
        li t6, MSTATUS_MPP;                                            \
        csrc mstatus, t6;                                              \
        li t6, (m) << 11;                                              \
        csrs mstatus, t6;                                              \
        la s10, 97f;                                                   \
        mret;                                                          \
97:

/* Test n: runs register `r`'s code in S (U) mode; it must end by ecall. */
#define RUN_S(n, r) RUN_IN(PRV_S, r); CHECK(n, s2, CAUSE_ECALL_S)
#define RUN_U(n, r) RUN_IN(PRV_U, r); CHECK(n, s2, CAUSE_ECALL_U)

/* M-mode loads and stores as privilege `m` (3.1.6.3 MPRV). A trap taken
 * in M-mode sets MPP = M and its mret sets MPP = U, so set this again
 * after every expected trap. */
#define MPRV_ON(m)                                                     \
        li t6, MSTATUS_MPP;                                            \
        csrc mstatus, t6;                                              \
        li t6, ((m) << 11) | MSTATUS_MPRV;                             \
        csrs mstatus, t6
#define MPRV_OFF                                                       \
        li t6, MSTATUS_MPRV;                                           \
        csrc mstatus, t6

/* An entry that lets S and U reach all memory. The spec (3.7.1) fails
 * S/U accesses that match no entry once any entry is implemented; mimic
 * allows them while no entry is active, and QEMU 7.2 makes an mret to
 * S/U illegal while no entry is active; with this entry all agree. */
#define PMP_ALLOW_ALL                                                  \
        li t6, -1;                                                     \
        csrw pmpaddr0, t6;                                             \
        li t6, PMP_NAPOT | PMP_R | PMP_W | PMP_X;                      \
        csrw pmpcfg0, t6

/* ---- page tables ---- */

/* table[idx] = PTE of the physical address in register `pa` with
 * `flags`; `table` is a register. Clobbers t4, t5. */
.macro SETPTE table, idx, pa, flags
        srli t4, \pa, 12
        slli t4, t4, 10
        li t5, \flags
        or t4, t4, t5
        li t5, (\idx) * 8
        add t5, t5, \table
        sd t4, 0(t5)
.endm

/* As SETPTE with symbols for the table and the physical address.
 * Clobbers t2-t5. */
.macro MAPSYM table, idx, pa, flags
        la t2, \table
        la t3, \pa
        SETPTE t2, \idx, t3, \flags
.endm

/* As SETPTE with a symbol for the table and a constant physical address.
 * Clobbers t2-t5. */
.macro MAPABS table, idx, pa, flags
        la t2, \table
        li t3, \pa
        SETPTE t2, \idx, t3, \flags
.endm

/* satp = mode | PPN(root symbol) with ASID 0, then a full fence.
 * Clobbers t4, t5. */
.macro SET_SATP mode, root
        la t4, \root
        srli t4, t4, 12
        li t5, \mode
        or t4, t4, t5
        csrw satp, t4
        sfence.vma
.endm

/* ---- program frame ---- */
#define MMU_BEGIN                                                      \
        TEST_BEGIN;                                                    \
        li TESTNUM, 1;  /* a trap before the first test must not pass */ \
        csrr s9, marchid;                                              \
        srli s9, s9, 16;                                               \
        addi s9, s9, -7;                                               \
        seqz s9, s9

/* ---- the handler and the any-mode failure path ---- */
.macro MMU_HANDLER
        .text
        .align 2
mmu_trap:
        csrr s2, mcause
        csrr s3, mtval
        csrr s4, mepc
        bnez s11, 1f
        bnez s10, 2f
        /* nobody expected this trap: fail with M-mode data accesses */
        li t6, MSTATUS_MPRV
        csrc mstatus, t6
        j fail
1:      csrw mepc, s11
        li s11, 0
        mret
2:      mv t6, s10
        li s10, 0
        jr t6
mmu_fail:
        li s10, 0
        li s11, 0
        ecall
.endm

#define MMU_END TEST_END; MMU_HANDLER

#endif
