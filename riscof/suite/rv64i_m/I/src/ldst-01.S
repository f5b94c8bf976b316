// Loads and stores of every width: sign and zero extension (lb, lbu, lh,
// lhu, lw, lwu, ld), stores writing only their bytes, negative offsets
// (unprivileged spec 2.6, 5.3). Then the same widths at misaligned
// addresses: performed (hw_data_misaligned_support: True, case 2), or
// raising load/store address-misaligned with mtval = the address and
// nothing written (False, case 3) — the trap records hold mcause, the
// instruction's offset and the address's offset from rvtest_data_begin.
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64I")

/* a data doubleword at x5 + off -> signature */
#define LD_CASE(insn, off) insn x7, off(x5); RVTEST_SIGUPD(x1, x7)
/* store x8's low bytes at x5 + off, then record both doublewords */
#define ST_CASE(insn, off)                                              \
        li x7, 0x0706050403020100; sd x7, 0(x5);                        \
        li x7, 0x0f0e0d0c0b0a0908; sd x7, 8(x5);                        \
        insn x8, off(x5);                                               \
        ld x7, 0(x5); RVTEST_SIGUPD(x1, x7);                            \
        ld x7, 8(x5); RVTEST_SIGUPD(x1, x7)

/* Misaligned accesses; each destination starts at a known value so a
 * trap (which leaves it unchanged) shows in the signature. */
#define MISALIGNED_CASES                                                \
        la x5, rvtest_data;                                             \
        li x8, 0x8877665544332211;                                      \
        li x7, 0x5a5a; lh x7, 1(x5); RVTEST_SIGUPD(x1, x7);             \
        li x7, 0x5a5a; lhu x7, 7(x5); RVTEST_SIGUPD(x1, x7);            \
        li x7, 0x5a5a; lw x7, 2(x5); RVTEST_SIGUPD(x1, x7);             \
        li x7, 0x5a5a; lwu x7, 5(x5); RVTEST_SIGUPD(x1, x7);            \
        li x7, 0x5a5a; ld x7, 3(x5); RVTEST_SIGUPD(x1, x7);             \
        ST_CASE(sh, 3);                                                 \
        ST_CASE(sw, 6);                                                 \
        ST_CASE(sd, 1)

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*);def TEST_CASE_1=True;",ldst)
RVTEST_SIGBASE(x1, signature_x1_1)
        la x5, rvtest_data
        LD_CASE(lb, 7)
        LD_CASE(lbu, 7)
        LD_CASE(lh, 14)
        LD_CASE(lhu, 14)
        LD_CASE(lw, 12)
        LD_CASE(lwu, 12)
        LD_CASE(ld, 8)
        LD_CASE(lb, 0)
        addi x5, x5, 16
        LD_CASE(ld, -16)
        LD_CASE(lw, -4)
        addi x5, x5, -16
        li x8, 0x8877665544332211
        ST_CASE(sb, 5)
        ST_CASE(sh, 10)
        ST_CASE(sw, 4)
        ST_CASE(sd, 8)
        /* restore the data for the misaligned cases */
        li x7, 0x0706050403020180; sd x7, 0(x5)
        li x7, 0xff0e80fc0b0a0908; sd x7, 8(x5)
#endif
#ifdef TEST_CASE_2
RVTEST_CASE(1,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*);check hw_data_misaligned_support:=True;def TEST_CASE_2=True;",ldst_misaligned)
        MISALIGNED_CASES
#endif
#ifdef TEST_CASE_3
RVTEST_CASE(2,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*);check hw_data_misaligned_support:=False;def TEST_CASE_3=True;",ldst_misaligned)
        MISALIGNED_CASES
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
        .dword 0x8706050403020180
        .dword 0xff0e80fc0b0a0908
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 36*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
