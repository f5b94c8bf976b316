# Misaligned loads and stores under both --misaligned settings
# (unprivileged spec 2.6 "Load and Store Instructions": a misaligned
# regular load or store may be performed or raise an address-misaligned
# exception; privileged spec 3.1.15 "mcause" (4 load, 6 store/AMO), 3.1.16
# "mtval" (the faulting virtual address), 3.1.14 "mepc" (the instruction)).
#
# The first misaligned load tells which setting is in force; the program
# prints it through HTIF ("misaligned: performed" or "misaligned:
# trapped", so a test can check the setting took effect) and then checks
# that setting in full:
#  - performed: every width (h, hu, w, wu, d, fld/fsd, the compressed
#    c.lw/c.ld/c.sw/c.sd/c.fld/c.fsd) reads and writes the right bytes;
#  - trapped: each of the same instructions traps exactly once with the
#    right mcause, mtval = the address, mepc = the instruction (2 or 4
#    bytes long), the destination register and memory unchanged.
#define TEST_TRAP_HANDLER trap_handler
#include "mimic_test.h"

#define PAT 0x8877665544332211
/* Every check runs this many times, so the translator (which compiles a
 * block once it is reached twice) runs them, not only the interpreter. */
#define ROUNDS 4

/* Trap bookkeeping: s9 counts traps; the handler records mcause in s8,
 * mtval in s10 and mepc in s7. t5 is the handler's scratch. */

/* Refills the 16 bytes at buf (s0) with 11 22 .. 88 11 22 .. 88. */
#define REFILL li t0, PAT; sd t0, 0(s0); sd t0, 8(s0)

/* `code` (one access at s1 = buf + off, labelled 1:) must trap once with
 * `cause`; a0 / fa0 keep 0x5a5a / its bits, memory keeps the pattern. */
#define TEST_TRAP(n, cause, off, code...)                              \
        li TESTNUM, n; REFILL; addi s1, s0, off;                       \
        li a0, 0x5a5a; fmv.d.x fa0, a0; mv s6, s9;                     \
1:      code;                                                          \
        addi s6, s6, 1; bne s9, s6, fail;                              \
        li t0, cause; bne s8, t0, fail;                                \
        bne s10, s1, fail;                                             \
        la t0, 1b; bne s7, t0, fail;                                   \
        li t0, 0x5a5a; bne a0, t0, fail;                               \
        fmv.x.d t1, fa0; bne t1, t0, fail;                             \
        li t0, PAT; ld t1, 0(s0); bne t1, t0, fail;                    \
        ld t1, 8(s0); bne t1, t0, fail

/* A load at buf + off that must give `val`. */
#define TEST_LD(n, insn, off, val)                                     \
        li TESTNUM, n; REFILL; addi s1, s0, off;                       \
        insn a0, 0(s1); CHECK(n, a0, val)

/* A store of 0xa0a1a2a3a4a5a6a7 at buf + off; then the doubleword at
 * buf + 8 * word must be `val`. */
#define TEST_ST(n, insn, off, word, val)                               \
        li TESTNUM, n; REFILL; addi s1, s0, off;                       \
        li a0, 0xa0a1a2a3a4a5a6a7; insn a0, 0(s1);                     \
        ld a1, 8 * word(s0); CHECK(n, a1, val)

TEST_BEGIN
        li s11, ROUNDS
round:
        la s0, buf
        li s9, 0
        REFILL
        addi s1, s0, 1
        lw a0, 0(s1)
        bnez s9, trapped

performed:
        la a0, msg_performed
        call print_once
        TEST_LD(2, lh, 1, 0x3322)
        TEST_LD(3, lhu, 7, 0x1188)
        TEST_LD(4, lh, 7, 0x1188)
        TEST_LD(5, lw, 5, 0x11887766)
        TEST_LD(6, lwu, 6, 0x22118877)
        TEST_LD(7, ld, 3, 0x3322118877665544)
        TEST_LD(8, c.lw, 2, 0x66554433)
        TEST_LD(9, c.ld, 1, 0x1188776655443322)
        TEST_ST(10, sh, 7, 0, 0xa777665544332211)
        TEST_ST(11, sh, 7, 1, 0x88776655443322a6)
        TEST_ST(12, sw, 2, 0, 0x8877a4a5a6a72211)
        TEST_ST(13, sd, 5, 0, 0xa5a6a75544332211)
        TEST_ST(14, sd, 5, 1, 0x887766a0a1a2a3a4)
        TEST_ST(15, c.sw, 6, 1, 0x887766554433a4a5)
        TEST_ST(16, c.sd, 1, 0, 0xa1a2a3a4a5a6a711)
        /* fld/fsd and their compressed forms */
        TEST_CASE(17, a0, 0x1188776655443322, REFILL; addi s1, s0, 1; fld fa1, 0(s1); fmv.x.d a0, fa1)
        TEST_CASE(18, a0, 0x2211887766554433, REFILL; addi s1, s0, 2; c.fld fa1, 0(s1); fmv.x.d a0, fa1)
        TEST_CASE(19, a0, 0x0203040506070811,
                  REFILL; li t0, 0x0102030405060708; fmv.d.x fa1, t0; addi s1, s0, 3; fsd fa1, -2(s1); ld a0, 0(s0))
        TEST_CASE(20, a0, 0x0877665544332211,
                  REFILL; li t0, 0x0102030405060708; fmv.d.x fa1, t0; addi s1, s0, 7; c.fsd fa1, 0(s1); ld a0, 0(s0))
        TEST_CASE(21, a0, 0x8801020304050607, ld a0, 8(s0))
        j next_round

trapped:
        /* the probe itself trapped once, as a load */
        li TESTNUM, 40
        li t0, 1; bne s9, t0, fail
        li t0, 4; bne s8, t0, fail
        bne s10, s1, fail
        la a0, msg_trapped
        call print_once
        TEST_TRAP(41, 4, 1, lh a0, 0(s1))
        TEST_TRAP(42, 4, 7, lhu a0, 0(s1))
        TEST_TRAP(43, 4, 2, lw a0, 0(s1))
        TEST_TRAP(44, 4, 6, lwu a0, 0(s1))
        TEST_TRAP(45, 4, 4, ld a0, 0(s1))
        TEST_TRAP(46, 4, 1, c.lw a0, 0(s1))
        TEST_TRAP(47, 4, 2, c.ld a0, 0(s1))
        TEST_TRAP(48, 4, 3, fld fa0, 0(s1))
        TEST_TRAP(49, 4, 4, c.fld fa0, 0(s1))
        TEST_TRAP(50, 6, 1, sh a0, 0(s1))
        TEST_TRAP(51, 6, 2, sw a0, 0(s1))
        TEST_TRAP(52, 6, 7, sd a0, 0(s1))
        TEST_TRAP(53, 6, 3, c.sw a0, 0(s1))
        TEST_TRAP(54, 6, 4, c.sd a0, 0(s1))
        TEST_TRAP(55, 6, 5, fsd fa0, 0(s1))
        TEST_TRAP(56, 6, 6, c.fsd fa0, 0(s1))
        /* aligned accesses still work */
        TEST_LD(57, lw, 4, 0xffffffff88776655)
        TEST_LD(58, ld, 8, PAT)
        li TESTNUM, 59
        li t0, 17; bne s9, t0, fail
next_round:
        addi s11, s11, -1
        bnez s11, round
TEST_END

/* Prints the string at a0 in the first round only. */
print_once:
        li t0, ROUNDS
        beq s11, t0, print
        ret

/* Prints the NUL-terminated string at a0 through HTIF (device 1,
 * command 1: putchar). */
print:
        la t1, tohost
        li t2, (1 << 56) | (1 << 48)
1:      lbu t0, 0(a0)
        beqz t0, 2f
        or t0, t0, t2
        sd t0, 0(t1)
        addi a0, a0, 1
        j 1b
2:      ret

/* Records mcause, mtval and mepc, counts the trap and skips the
 * instruction (2 or 4 bytes). Only address-misaligned traps are
 * expected; anything else fails the current test. */
trap_handler:
        csrr s8, mcause
        csrr s10, mtval
        csrr s7, mepc
        addi t5, s8, -4
        beqz t5, 1f
        addi t5, s8, -6
        bnez t5, fail
1:      addi s9, s9, 1
        lhu t5, 0(s7)           /* low bits 11: a 4-byte instruction */
        andi t5, t5, 3
        xori t5, t5, 3
        seqz t5, t5
        slli t5, t5, 1
        addi t5, t5, 2
        add t5, s7, t5
        csrw mepc, t5
        mret

        .data
msg_performed: .asciz "misaligned: performed\n"
msg_trapped:   .asciz "misaligned: trapped\n"
        .align 4
buf:    .zero 32
