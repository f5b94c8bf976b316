/* --trace mmu golden program (tests/trace.rs): one Sv39 walk of known
 * tables. Three levels at 0x80010000 (root), 0x80011000, 0x80012000 map
 * VA 0x40201000 to PA 0x80013000 (VPN[2] = VPN[1] = VPN[0] = 1). The
 * code runs in M-mode; MPRV with MPP = S translates just the one load
 * (privileged spec 3.1.6.3, 12.3.2 "Virtual Address Translation Process"). */
#include "tohost.h"
        .option norvc
        .section .text.init
        .globl _start
_start:
        li      t0, 0x80010008          /* root[1] -> 0x80011000 */
        li      t1, (0x80011000 >> 12 << 10) | 0x01
        sd      t1, 0(t0)
        li      t0, 0x80011008          /* L1[1] -> 0x80012000 */
        li      t1, (0x80012000 >> 12 << 10) | 0x01
        sd      t1, 0(t0)
        li      t0, 0x80012008          /* L0[1] -> 0x80013000, RW, A, D */
        li      t1, (0x80013000 >> 12 << 10) | 0xc7
        sd      t1, 0(t0)
        li      t0, 0x8000000000080010  /* Sv39, root PPN 0x80010 */
        csrw    satp, t0
        sfence.vma
        li      t0, 0x20800             /* MPRV, MPP = S */
        csrs    mstatus, t0
        li      a1, 0x40201008
        ld      a0, 0(a1)               /* the walk */
        li      t0, 0x20000
        csrc    mstatus, t0
        TRACE_PASS
TRACE_TOHOST
