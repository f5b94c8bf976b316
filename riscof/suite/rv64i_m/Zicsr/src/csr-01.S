// Zicsr: csrrw, csrrs, csrrc and the immediate forms on mscratch (old
// value returned, x0 as source or destination), the fcsr / frm / fflags
// views of one register, and read-only machine information (misa's MXL
// and extensions, mhartid) (unprivileged spec ch. 7 "Zicsr"; privileged
// spec 2.1 CSR address map, 3.1.1 misa; unprivileged 20.2 fcsr).
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64IFZicsr")

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*F.*Zicsr.*);def TEST_CASE_1=True;",csr)
RVTEST_SIGBASE(x1, signature_x1_1)
        li x5, 0x123456789abcdef0
        csrrw x6, mscratch, x5
        csrrw x6, mscratch, x0
        RVTEST_SIGUPD(x1, x6)
        li x5, 0xf0
        csrrs x0, mscratch, x5
        csrrs x6, mscratch, x0
        RVTEST_SIGUPD(x1, x6)
        li x5, 0x30
        csrrc x6, mscratch, x5
        csrr x7, mscratch
        RVTEST_SIGUPD(x1, x6)
        RVTEST_SIGUPD(x1, x7)
        csrrwi x6, mscratch, 0x1f
        csrrsi x6, mscratch, 0x10
        csrrci x7, mscratch, 0x3
        csrr x8, mscratch
        RVTEST_SIGUPD(x1, x6)
        RVTEST_SIGUPD(x1, x7)
        RVTEST_SIGUPD(x1, x8)
        /* fcsr = frm << 5 | fflags */
        li x5, 0xff
        csrw fcsr, x5
        csrr x6, frm
        csrr x7, fflags
        RVTEST_SIGUPD(x1, x6)
        RVTEST_SIGUPD(x1, x7)
        csrwi frm, 2
        csrci fflags, 0x5
        csrr x6, fcsr
        RVTEST_SIGUPD(x1, x6)
        csrw fcsr, x0
        /* machine information */
        csrr x6, misa
        srli x7, x6, 62
        RVTEST_SIGUPD(x1, x7)
        li x8, 0x1129          /* A, D, F, I, M must be there */
        and x6, x6, x8
        RVTEST_SIGUPD(x1, x6)
        csrr x6, mhartid
        RVTEST_SIGUPD(x1, x6)
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 14*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
