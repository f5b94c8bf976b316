/* The monitor test's guest (issue #7, item 3; tests/monitor.rs): builds a
 * known Sv39 page table, enters S-mode through it, sets a few registers,
 * prints "monitor: ready" on the UART once the mapping is live and spins
 * forever. The test stops it with Ctrl-A c and checks what the monitor
 * shows: registers, the walk of VA_DATA, memory through the mapping, the
 * mapped ranges.
 *
 * Mappings (root, l1, l0 are page tables in .data):
 *   root[0]   -> l1                  (non-leaf)
 *   root[2]   0x80000000, 1 GiB      identity, RWX G A D (the code)
 *   l1[2]     -> l0                  (non-leaf, VA 0x00400000)
 *   l1[0x80]  0x10000000, 2 MiB      identity, RW A D (the UART)
 *   l0[0]     data_page  RW A D      VA_DATA
 *   l0[1]     data_page  R A         VA_DATA_R (read-only alias)
 * Other harts wait in WFI forever.
 */
#include "../mmu/mmu.h"

#define VA_DATA   0x00400000
#define VA_DATA_R 0x00401000
#define UART      0x10000000

MMU_BEGIN
        csrr t0, mhartid
        bnez t0, other_hart
        PMP_ALLOW_ALL
        MAPSYM root, 0, l1, NONLEAF
        MAPABS root, 2, 0x80000000, LEAF_RWX | PTE_G
        MAPSYM l1, VPN(VA_DATA, 1), l0, NONLEAF
        MAPABS l1, VPN(UART, 1), UART, LEAF_RW
        MAPSYM l0, VPN(VA_DATA, 0), data_page, LEAF_RW
        MAPSYM l0, VPN(VA_DATA_R, 0), data_page, LEAF_R
        SET_SATP SATP_SV39, root
        la a0, s_main
        RUN_S(2, a0)
        j fail
MMU_END

other_hart:
        wfi
        j other_hart

/* S-mode, through the identity gigapage. */
        .globl s_main
s_main:
        li a0, 0x600dcafe
        li a1, VA_DATA
        ld a2, 0(a1)                    /* through the 4 KiB mapping */
        li a3, VA_DATA_R
        ld a4, 8(a3)                    /* through the read-only alias */
        li s1, 0
        li t0, UART
        la t1, ready_msg
1:      lbu t2, 0(t1)
        beqz t2, 2f
        sb t2, 0(t0)
        addi t1, t1, 1
        j 1b
2:
        .globl spin
spin:
        addi s1, s1, 1
        j spin
        .globl spin_end
spin_end:

        .section .rodata
ready_msg:
        .asciz "monitor: ready\n"

        .data
        .align 12
root:   .zero 4096
l1:     .zero 4096
l0:     .zero 4096
        .globl data_page
data_page:
        .dword 0x1122334455667788
        .dword 0x99aabbccddeeff00
        .dword 0x0123456789abcdef
        .dword 0xfedcba9876543210
        .zero 4096 - 32
