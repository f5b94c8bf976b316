// Control transfer: every conditional branch taken and not taken on
// signed/unsigned boundary values, jal and jalr link values (stored as
// offsets from the jump, so they do not depend on where code lands), jalr
// clearing bit 0 of the target (unprivileged spec 2.5).
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64I")

/* x7 = 1 if `insn v1, v2` branches, else 0 */
#define BR_CASE(insn, v1, v2)                                           \
        li x3, v1; li x4, v2; li x7, 0;                                 \
        insn x3, x4, 1f;                                                \
        j 2f;                                                           \
1:      li x7, 1;                                                       \
2:      RVTEST_SIGUPD(x1, x7)

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*);def TEST_CASE_1=True;",branch)
RVTEST_SIGBASE(x1, signature_x1_1)
        BR_CASE(beq, 0x5, 0x5)
        BR_CASE(beq, 0x5, 0x6)
        BR_CASE(bne, 0x8000000000000000, 0x0)
        BR_CASE(bne, -1, -1)
        BR_CASE(blt, 0x8000000000000000, 0x7fffffffffffffff)
        BR_CASE(blt, 0x7fffffffffffffff, 0x8000000000000000)
        BR_CASE(blt, -1, -1)
        BR_CASE(bge, -1, -1)
        BR_CASE(bge, 0x0, -1)
        BR_CASE(bge, 0x8000000000000000, 0x0)
        BR_CASE(bltu, 0x0, 0xffffffffffffffff)
        BR_CASE(bltu, 0x8000000000000000, 0x7fffffffffffffff)
        BR_CASE(bgeu, 0xffffffffffffffff, 0x0)
        BR_CASE(bgeu, 0x1, 0x2)
        /* jal: link = the next instruction */
3:      jal x9, 4f
        nop
4:      la x10, 3b
        sub x9, x9, x10
        RVTEST_SIGUPD(x1, x9)
        /* jalr with bit 0 set in the target, and rd = rs1 */
        la x11, 5f
        addi x11, x11, 1
6:      jalr x11, 0(x11)
        li x12, 0xbad
5:      la x10, 6b
        sub x11, x11, x10
        RVTEST_SIGUPD(x1, x11)
        /* jalr with a negative offset */
        la x13, 7f
        addi x13, x13, 8
        jalr x0, -8(x13)
        li x14, 0xbad
        j 8f
7:      li x14, 0x600d
8:      RVTEST_SIGUPD(x1, x14)
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 17*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
