/* The program tests/gdb.rs debugs: M-mode, FP on, calls `bump` LOOPS
 * times (each call increments the 64-bit `counter`), then checks the
 * count and passes through HTIF. The debugger breaks at `bump`, reads
 * registers (f1 = 2.5, mscratch), reads and writes `scratch`, steps, and
 * watches `counter`; a debugger that corrupts execution makes it fail. */
#include "mimic_test.h"

#define LOOPS 100

TEST_BEGIN
        la t0, fvalue
        fld f1, 0(t0)
        li t0, 0x5ca7c4
        csrw mscratch, t0
        li s0, 0
        li s1, LOOPS
loop:
        call bump
        addi s0, s0, 1
        blt s0, s1, loop
        la t0, counter
        ld a0, 0(t0)
        CHECK(2, a0, LOOPS)
TEST_END

        .text
        .globl bump
        .type bump, @function
bump:
        la t0, counter
        ld t1, 0(t0)
        addi t1, t1, 1
        sd t1, 0(t0)
        ret
        .size bump, . - bump

        .data
        .align 3
        .globl counter
counter:
        .dword 0
        .globl scratch
scratch:
        .dword 0x1122334455667788
fvalue:
        .double 2.5
