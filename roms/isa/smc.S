# Self-modifying code (unprivileged spec ch. 6 "Zifencei"): a store to an
# instruction followed by FENCE.I makes the new instruction visible to
# later fetches. Each case first runs the code several times so that a
# translating engine has translated it before it changes.
#  - patching an instruction that already ran, then FENCE.I;
#  - copying a function to a fresh page, calling it, patching the copy,
#    calling it again;
#  - patching the next instruction of the running block (visible after
#    FENCE.I even though the block was already entered);
#  - patching, twice, a function on a page of its own that a loop calls
#    with jal (the translator links such a jump straight to the callee's
#    block and must notice each rewrite through that link).
#include "mimic_test.h"

#define RUNS 40

TEST_BEGIN
        /* 1: patch `li a0, 1` into `li a0, 2` after RUNS executions */
        li s1, RUNS
1:      jal ra, patchme
        addi s1, s1, -1
        bnez s1, 1b
        CHECK(2, a0, 1)
        la t0, patchme
        lw t1, new_li
        sw t1, 0(t0)
        fence.i
        jal ra, patchme
        CHECK(3, a0, 2)

        /* 2: copy `func` to a fresh page, run it, patch the copy, run it */
        la t0, func
        la t1, page
        lw t2, 0(t0)
        sw t2, 0(t1)
        lw t2, 4(t0)
        sw t2, 4(t1)
        fence.i
        li s1, RUNS
2:      jalr ra, 0(t1)
        addi s1, s1, -1
        bnez s1, 2b
        CHECK(4, a0, 42)
        lw t2, new_func
        sw t2, 0(t1)
        fence.i
        jalr ra, 0(t1)
        CHECK(5, a0, 43)

        /* 3: a block that patches its own next instruction */
        li s1, RUNS
3:      la t0, 4f
        lw t2, old_add
        sw t2, 0(t0)            /* restore `addi a0, zero, 5` */
        fence.i
        .option push
        .option norvc
4:      addi a0, zero, 5
        .option pop
        addi s1, s1, -1
        bnez s1, 3b
        CHECK(6, a0, 5)
        la t0, 5f
        lw t2, new_add
        sw t2, 0(t0)
        fence.i
        .option push
        .option norvc
5:      addi a0, zero, 5        /* becomes addi a0, zero, 6 */
        .option pop
        CHECK(7, a0, 6)

        /* 4: a jal to another page, linked, then its target rewritten */
        li s2, 7                /* the value far_func returns */
        li s3, 3                /* generations: 7, 8, 9 */
6:      li s1, RUNS
7:      li a0, 0
        jal ra, far_func
        bne a0, s2, 8f
        addi s1, s1, -1
        bnez s1, 7b
        addi s2, s2, 1          /* patch `addi a0, zero, s2` in */
        la t0, far_func
        lw t2, 0(t0)
        li t3, 1 << 20          /* imm[11:0] is bits 31:20 */
        add t2, t2, t3
        sw t2, 0(t0)
        fence.i
        addi s3, s3, -1
        bnez s3, 6b
        li a0, 0
        jal ra, far_func
        CHECK(8, a0, 10)
        j 9f
8:      li TESTNUM, 9           /* a stale generation ran */
        j fail
9:
TEST_END

        .text
        .align 2
patchme:
        .option push
        .option norvc
        addi a0, zero, 1
        .option pop
        ret

        .align 2
func:
        .option push
        .option norvc
        addi a0, zero, 42
        jalr zero, 0(ra)
        .option pop

        .align 12
far_func:
        .option push
        .option norvc
        addi a0, zero, 7
        .option pop
        ret

        .data
        .align 2
        .option push
        .option norvc
new_li:   addi a0, zero, 2
new_func: addi a0, zero, 43
old_add:  addi a0, zero, 5
new_add:  addi a0, zero, 6
        .option pop
        .align 12
page:   .skip 4096
