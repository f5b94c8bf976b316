/* The translator's inline F/D arithmetic (dbt/src/fpu.rs) at the edges
 * of its fast path: every ordered pair of a table of operands (zeros,
 * the smallest normal and its neighbours, subnormals, the largest finite
 * values, infinities, quiet and signalling NaNs, unboxed and badly boxed
 * singles, exact cancellations, products and quotients that overflow or
 * underflow) through fadd/fsub/fmul/fdiv and the four fused
 * multiply-adds (with the operands reused as addends, so products cancel
 * addends exactly too) and fsqrt, .d and .s, with rm = dyn and
 * rm = rne, in three passes: fflags.NX set and frm = RNE (the inline
 * precondition), fflags clear, and NX set with frm = RTZ (dyn must not
 * take the RNE fast path). Each result and each fflags value goes into a
 * rotate-xor checksum that must equal the interpreter's (CHECKSUM, from
 * `mimic --engine interp`); tests/roms.rs also runs this in audit mode,
 * which compares every translated block with the interpreter. */
#include "mimic_test.h"

#define CHECKSUM 0x5ddf0333f8b351b5
#define NVALS 24

/* s0 = rotl(s0 ^ reg, 7) */
#define MIX(reg) xor s0, s0, reg; rori s0, s0, 57

/* One operation on f1, f2: result and flags into the checksum, fflags
 * reset to s6 (1 = NX set, 0 = clear). */
#define OP(insn...)                                                    \
        insn;                                                          \
        fmv.x.d t0, f3; MIX(t0);                                       \
        csrrw t0, fflags, s6; MIX(t0)

/* All pairs of the table at `tab` (NVALS doubles) through the four
 * operations of suffix `sfx`. */
#define PAIRS(tab, sfx)                                                \
        la s1, tab; li s2, NVALS;                                      \
1:      fld f1, 0(s1); la s3, tab; li s4, NVALS;                       \
2:      fld f2, 0(s3);                                                 \
        OP(fadd.sfx f3, f1, f2);                                       \
        OP(fsub.sfx f3, f1, f2, rne);                                  \
        OP(fmul.sfx f3, f1, f2);                                       \
        OP(fdiv.sfx f3, f1, f2, rne);                                  \
        OP(fadd.sfx f3, f1, f2, rne);                                  \
        OP(fsub.sfx f3, f1, f2);                                       \
        OP(fmul.sfx f3, f1, f2, rne);                                  \
        OP(fdiv.sfx f3, f1, f2);                                       \
        OP(fmadd.sfx f3, f1, f2, f1);                                  \
        OP(fmsub.sfx f3, f1, f2, f2, rne);                             \
        OP(fnmsub.sfx f3, f2, f1, f1);                                 \
        OP(fnmadd.sfx f3, f1, f2, f2, rne);                            \
        OP(fmsub.sfx f3, f2, f1, f1);                                  \
        OP(fsqrt.sfx f3, f2);                                          \
        OP(fsqrt.sfx f3, f2, rne);                                     \
        addi s3, s3, 8; addi s4, s4, -1; bnez s4, 2b;                  \
        addi s1, s1, 8; addi s2, s2, -1; bnez s2, 1b

/* One pass: fflags = nx, frm = rm. */
#define PASS(nx, rm)                                                   \
        li s6, nx; csrw fflags, s6; csrwi frm, rm;                     \
        PAIRS(table_d, d);                                             \
        PAIRS(table_s, s)

TEST_BEGIN
        li TESTNUM, 2
        li s0, 0
        PASS(1, 0)
        PASS(0, 0)
        PASS(1, 1)
        csrwi frm, 0
        CHECK(2, s0, CHECKSUM)
TEST_END

        .data
        .align 3
table_d:
        .dword 0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000
        .dword 0x3ff0000000000001, 0x0010000000000000, 0x8010000000000000, 0x0020000000000000
        .dword 0x0010000000000001, 0x000fffffffffffff, 0x0000000000000001, 0x7fefffffffffffff
        .dword 0xffefffffffffffff, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000
        .dword 0x7ff0000000000001, 0x3fe0000000000000, 0x1ff0000000000000, 0x5ff0000000000000
        .dword 0x400921fb54442d18, 0x3fd5555555555555, 0x2000000000000000, 0x0018000000000000
table_s:
        .dword 0xffffffff00000000, 0xffffffff80000000, 0xffffffff3f800000, 0xffffffffbf800000
        .dword 0xffffffff3f800001, 0xffffffff00800000, 0xffffffff80800000, 0xffffffff01000000
        .dword 0xffffffff00800001, 0xffffffff007fffff, 0xffffffff00000001, 0xffffffff7f7fffff
        .dword 0xffffffffff7fffff, 0xffffffff7f800000, 0xffffffffff800000, 0xffffffff7fc00000
        .dword 0xffffffff7f800001, 0xffffffff3f000000, 0xffffffff1f800000, 0xffffffff5f800000
        .dword 0xffffffff40490fdb, 0x000000003f800000, 0x7fffffff3f800000, 0xffffffff00c00000
