// A extension: every AMO in both widths (old value returned, sign-
// extended for .w; memory updated; signed versus unsigned min/max), and
// LR/SC: success after a reservation, failure without one and after a
// store-conditional already used it (unprivileged spec 14.2, 14.4).
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64IA")

/* x7 = insn(mem = init, src); record x7 and the memory after */
#define AMO_CASE(insn, ld, st, init, src)                               \
        li x8, init; st x8, 0(x5);                                      \
        li x9, src;                                                     \
        insn x7, x9, (x5);                                              \
        RVTEST_SIGUPD(x1, x7);                                          \
        ld x8, 0(x5);                                                   \
        RVTEST_SIGUPD(x1, x8)

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*A.*);def TEST_CASE_1=True;",amo)
RVTEST_SIGBASE(x1, signature_x1_1)
        la x5, rvtest_data
        AMO_CASE(amoswap.w, lwu, sw, 0x80000000, 0x12345678)
        AMO_CASE(amoadd.w, lwu, sw, 0x7fffffff, 0x1)
        AMO_CASE(amoxor.w, lwu, sw, 0xffff0000, 0x0ff00ff0)
        AMO_CASE(amoand.w, lwu, sw, 0xffff0000, 0x0ff00ff0)
        AMO_CASE(amoor.w, lwu, sw, 0xffff0000, 0x0ff00ff0)
        AMO_CASE(amomin.w, lwu, sw, 0x80000000, 0x1)
        AMO_CASE(amomax.w, lwu, sw, 0x80000000, 0x1)
        AMO_CASE(amominu.w, lwu, sw, 0x80000000, 0x1)
        AMO_CASE(amomaxu.w, lwu, sw, 0x80000000, 0x1)
        AMO_CASE(amoswap.d, ld, sd, 0x8000000000000000, 0x123456789abcdef0)
        AMO_CASE(amoadd.d, ld, sd, 0xffffffffffffffff, 0x2)
        AMO_CASE(amoxor.d.aq, ld, sd, 0xaaaaaaaaaaaaaaaa, 0xffffffff00000000)
        AMO_CASE(amoand.d.rl, ld, sd, 0xaaaaaaaaaaaaaaaa, 0xffffffff00000000)
        AMO_CASE(amoor.d.aqrl, ld, sd, 0xaaaaaaaaaaaaaaaa, 0x5555555555555555)
        AMO_CASE(amomin.d, ld, sd, 0x8000000000000000, 0x7fffffffffffffff)
        AMO_CASE(amomax.d, ld, sd, 0x8000000000000000, 0x7fffffffffffffff)
        AMO_CASE(amominu.d, ld, sd, 0x8000000000000000, 0x7fffffffffffffff)
        AMO_CASE(amomaxu.d, ld, sd, 0x8000000000000000, 0x7fffffffffffffff)
        /* LR/SC: success (0), then the same SC again fails (non-zero) */
        li x8, 0x1111; sd x8, 0(x5)
        lr.d x7, (x5)
        RVTEST_SIGUPD(x1, x7)
        li x9, 0x2222
        sc.d x10, x9, (x5)
        RVTEST_SIGUPD(x1, x10)
        li x9, 0x3333
        sc.d x10, x9, (x5)
        snez x10, x10
        RVTEST_SIGUPD(x1, x10)
        ld x8, 0(x5)
        RVTEST_SIGUPD(x1, x8)
        /* lr.w sign-extends; sc.w writes one word */
        li x8, 0xffffffff80000001; sd x8, 0(x5)
        lr.w x7, (x5)
        RVTEST_SIGUPD(x1, x7)
        li x9, 0x7fffffff
        sc.w x10, x9, (x5)
        RVTEST_SIGUPD(x1, x10)
        ld x8, 0(x5)
        RVTEST_SIGUPD(x1, x8)
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
        .dword 0, 0
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 43*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
