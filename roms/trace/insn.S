/* --trace insn golden program (tests/trace.rs): a handful of
 * instructions whose Spike commit lines the test knows by heart: integer
 * register writes, a compressed instruction, a store and a load (mem),
 * CSR writes, an FP register write and an FP store, and an ECALL trap.
 * No harness: every instruction here appears in the expected trace. */
        .option norvc
        .option norelax
        .section .text.init
        .globl _start
_start:
        la      t0, handler             /* auipc + addi: x5 */
        csrw    mtvec, t0               /* c773_mtvec */
        .option rvc
        c.li    a0, 5                   /* compressed: x10 */
        c.mv    a4, a0                  /* compressed: x14 (keeps 4-byte alignment) */
        .option norvc
        la      t1, data                /* x6 */
        sd      a0, 0(t1)               /* mem addr value */
        ld      a1, 0(t1)               /* x11, mem addr */
        lui     t2, 0x6                 /* x7 = 0x6000 (mstatus.FS = Dirty: no implicit update later) */
        csrrs   a3, mstatus, t2         /* x13 and c768_mstatus */
        fcvt.d.l fa0, a0                /* f10 = 5.0 */
        fsd     fa0, 8(t1)              /* mem addr 64-bit value */
        ecall                           /* exception trap_machine_ecall */
handler:
        csrr    a2, mcause              /* x12 = 11, no CSR write */
        li      a0, 1
        la      t0, tohost
        sd      a0, 0(t0)
1:      j       1b
        .align 3
data:   .dword 0, 0

        .section .tohost, "aw", @progbits
        .align 6
        .globl tohost
tohost: .dword 0
        .align 6
        .globl fromhost
fromhost: .dword 0
