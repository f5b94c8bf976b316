# Loads and stores through one base register (the translator checks such
# a group's range once, dbt::group): the results must be those of the
# accesses one by one, wherever the base points. Each case runs its block
# many times so that a translating engine runs it translated.
#  1. a 4-store/4-load frame on a base that walks across a page boundary
#     in 8-byte steps: the group fits a page at some bases, straddles two
#     at others (the leader's check fails, each access goes its own way);
#  2. two groups (bases a0 and a1) live at once, interleaved with ALU code
#     and an access on a third base, and a load that overwrites its own
#     base (the group ends there);
#  3. a group of stores rewriting a function that already ran (the code
#     page has no write fast path): the new code runs after FENCE.I;
#  4. byte, half, word and double members around a word-aligned anchor.
#include "mimic_test.h"

#define RUNS 40

TEST_BEGIN
        /* 1: base = buf + 4096 - 64 + 8 * i, frame of 32 bytes */
        li s1, 0
1:      la a0, buf + 4096 - 64
        slli t0, s1, 3
        add a0, a0, t0
        addi t1, s1, 100
        addi t2, s1, 200
        addi t3, s1, 300
        addi t4, s1, 400
        sd t1, 0(a0)
        sd t2, 8(a0)
        sd t3, 16(a0)
        sd t4, 24(a0)
        ld a2, 24(a0)
        ld a3, 16(a0)
        ld a4, 8(a0)
        ld a5, 0(a0)
        li TESTNUM, 2
        bne a2, t4, fail
        bne a3, t3, fail
        bne a4, t2, fail
        bne a5, t1, fail
        addi s1, s1, 1
        li t0, 16
        bltu s1, t0, 1b
        /* the bytes in memory, read back one by one */
        la a0, buf + 4096 - 64 + 8 * 15
        lbu t0, 0(a0)
        CHECK(3, t0, 115)
        lbu t0, 24(a0)
        CHECK(4, t0, 159)      /* 400 + 15 = 415 = 0x19f: low byte 0x9f */
        lbu t0, 25(a0)
        CHECK(5, t0, 1)

        /* 2: two groups at once */
        li s1, RUNS
2:      la a0, buf2
        la a1, buf2 + 256
        la a2, buf2 + 512
        sw s1, 0(a0)
        sw s1, 0(a1)
        addi t0, s1, 1
        sw t0, 4(a0)
        sd t0, 8(a1)
        ld t1, 0(a2)            /* a third base, alone */
        add t1, t1, s1
        sd t1, 0(a2)
        sw t1, 8(a0)
        lw t2, 0(a1)
        lw t3, 4(a0)
        ld t4, 8(a1)
        lw a0, 0(a0)            /* overwrites its base: last member */
        li TESTNUM, 6
        bne t2, s1, fail
        bne t3, t0, fail
        bne t4, t0, fail
        bne a0, s1, fail
        addi s1, s1, -1
        bnez s1, 2b
        la a2, buf2 + 512
        ld t1, 0(a2)
        CHECK(7, t1, (RUNS * (RUNS + 1)) / 2)

        /* 3: rewrite three instructions of `patched` with one group */
        li s1, RUNS
3:      jal ra, patched
        addi s1, s1, -1
        bnez s1, 3b
        CHECK(8, a0, 6)         /* 1 + 2 + 3 */
        la a0, patched
        la a1, new_code
        lw t0, 0(a1)
        lw t1, 4(a1)
        lw t2, 8(a1)
        sw t0, 0(a0)
        sw t1, 4(a0)
        sw t2, 8(a0)
        fence.i
        jal ra, patched
        CHECK(9, a0, 60)        /* 10 + 20 + 30 */

        /* 4: mixed sizes on a word-aligned base */
        li s1, RUNS
4:      la a0, buf2 + 1024 + 4
        li t0, 0x1122334455667788
        sw t0, 0(a0)
        sh t0, 4(a0)
        sb t0, 6(a0)
        sb zero, 7(a0)
        lwu t1, 0(a0)
        lhu t2, 4(a0)
        lbu t3, 6(a0)
        lw t4, 4(a0)
        li TESTNUM, 10
        li t5, 0x55667788
        bne t1, t5, fail
        li t5, 0x7788
        bne t2, t5, fail
        li t5, 0x88
        bne t3, t5, fail
        li t5, 0x887788
        bne t4, t5, fail
        addi s1, s1, -1
        bnez s1, 4b
TEST_END

        .text
        .align 12
patched:
        .option push
        .option norvc
        addi a0, zero, 1
        addi a0, a0, 2
        addi a0, a0, 3
        .option pop
        ret

        .data
        .align 2
        .option push
        .option norvc
new_code:
        addi a0, zero, 10
        addi a0, a0, 20
        addi a0, a0, 30
        .option pop
        .align 12
buf:    .skip 8192
buf2:   .skip 2048
