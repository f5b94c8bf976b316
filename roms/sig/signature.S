/* A riscv-arch-test style signature (begin_signature .. end_signature)
 * with contents known by hand, for the --signature format tests
 * (tests/signature.rs) and the suite runner's reference comparison
 * (tests/suite.rs). The region is 20 bytes, so at granularity 8 its last
 * line is a partial word (zero-padded at the top, as Spike does); the
 * bytes after end_signature must not appear. The stores run several
 * rounds so the translator, not only the interpreter, performs them.
 *
 * Region after the run (offset: bytes):
 *   0: ef cd ab 89 67 45 23 01   sd 0x0123456789abcdef
 *   8: ef be ad de               sw 0xdeadbeef
 *  12: 34 12 56 ff               sh 0x1234, sb 0x56, one byte left 0xff
 *  16: 2a 00 00 00               sw 40 + 2 (computed)
 * Expected files: signature.w4 and signature.w8 beside this file. */
#include "mimic_test.h"

TEST_BEGIN
        li s11, 4
round:
        la s0, begin_signature
        li t0, 0x0123456789abcdef
        sd t0, 0(s0)
        li t0, 0xdeadbeef
        sw t0, 8(s0)
        li t0, 0x1234
        sh t0, 12(s0)
        li t0, 0x56
        sb t0, 14(s0)
        li t0, 40
        addi t0, t0, 2
        sw t0, 16(s0)
        addi s11, s11, -1
        bnez s11, round
TEST_END

        .data
        .align 4
        .globl begin_signature
begin_signature:
        .fill 20, 1, 0xff
        .globl end_signature
end_signature:
        .fill 12, 1, 0xee
