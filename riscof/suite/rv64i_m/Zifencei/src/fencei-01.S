// Zifencei: after a store that rewrites an instruction, FENCE.I makes the
// new instruction the one that runs (unprivileged spec ch. 6 "Zifencei").
// The patched instruction runs once before and once after the patch.
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64IZifencei")

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*Zifencei.*);def TEST_CASE_1=True;",fencei)
RVTEST_SIGBASE(x1, signature_x1_1)
        li x7, 0
        jal x5, patched
        RVTEST_SIGUPD(x1, x7)
        /* replace `addi x7, x7, 1` by `addi x7, x7, 0x100` */
        la x8, patched
        la x9, new_insn
        lw x9, 0(x9)
        sw x9, 0(x8)
        fence.i
        jal x5, patched
        RVTEST_SIGUPD(x1, x7)
        j done
patched:
        addi x7, x7, 1
        jr x5
new_insn:
        addi x7, x7, 0x100
done:
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 2*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
