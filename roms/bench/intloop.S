# Integer-loop benchmark (not a test): a fixed mix of ALU ops, a load, a
# store and a branch, 20 instructions per iteration, ITERS iterations, then
# HTIF pass. Instruction count = 20 * ITERS + a few, so guest MIPS can be
# computed from wall time for any engine or emulator.
#include "mimic_test.h"

#ifndef ITERS
#define ITERS 20000000
#endif

TEST_BEGIN
        li s0, ITERS
        li a0, 0x12345
        li a1, 0x6789
        la s1, buf
1:      add a2, a0, a1
        xor a3, a2, a0
        slli a4, a3, 3
        srli a5, a4, 7
        sub a0, a5, a1
        addiw a1, a1, 13
        and a6, a0, a2
        or a7, a6, a3
        sd a7, 0(s1)
        ld t0, 8(s1)
        add t1, t0, a7
        mul t2, t1, a1
        sltu t3, t2, a0
        add a0, a0, t3
        srai t4, a0, 2
        xori t5, t4, 0x55
        sw t5, 8(s1)
        andi a1, a1, 0x7ff
        addi s0, s0, -1
        bnez s0, 1b
TEST_END

        .data
        .align 4
buf:    .dword 0, 0
