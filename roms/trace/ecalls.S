/* --stats and --trace dev/priv program (tests/trace.rs): writes 'A' to
 * the UART (one device access), drops to U-mode, which retires exactly
 * three instructions around exactly three ECALLs; the M-mode handler
 * resumes U twice and ends the run at the third. */
#include "tohost.h"
        .option norvc
        .section .text.init
        .globl _start
_start:
        la      t0, handler
        csrw    mtvec, t0
        li      t0, 0x10000000          /* NS16550A THR */
        li      t1, 'A'
        sb      t1, 0(t0)
        li      s0, 0
        la      t0, user
        csrw    mepc, t0
        li      t0, 0x1800              /* MPP = U */
        csrc    mstatus, t0
        mret
user:
        addi    a0, a0, 1
        ecall
        addi    a0, a0, 1
        ecall
        addi    a0, a0, 1
        ecall
2:      j       2b
handler:
        addi    s0, s0, 1
        li      t1, 3
        beq     s0, t1, done
        csrr    t0, mepc
        addi    t0, t0, 4
        csrw    mepc, t0
        mret
done:
        TRACE_PASS
TRACE_TOHOST
