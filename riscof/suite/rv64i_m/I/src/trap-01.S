// Synchronous exceptions into M-mode (privileged spec 3.1.15 mcause,
// 3.1.16 mtval, 3.1.14 mepc; 3.3.1 ECALL/EBREAK): ecall (cause 11, mtval
// 0), ebreak (3), illegal instructions (2, mtval = the instruction bits:
// an all-zero word, an all-ones word, a write to a read-only CSR), and a
// load from an unmapped address (load access fault, 5). Every register
// survives the handler.
//
// Not here: a misaligned AMO. The A extension (unprivileged spec 14.4)
// and the privileged spec's cause table (3.1.15: cause 6 "Store/AMO
// address misaligned") make it cause 6, which mimic raises; QEMU 7.2, the
// reference, raises cause 4 (load address misaligned) for it. mimic's own
// roms/isa/rv64a.S checks the AMO and LR/SC misaligned causes.
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64IA")

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*A.*);def TEST_CASE_1=True;",trap)
RVTEST_SIGBASE(x1, signature_x1_1)
        li x5, 0x1111
        li x6, 0x2222
        ecall
        RVTEST_SIGUPD(x1, x5)
        ebreak
        RVTEST_SIGUPD(x1, x6)
        .word 0x00000000
        .word 0xffffffff
        li x7, 0x3333
        csrw mvendorid, x7
        RVTEST_SIGUPD(x1, x7)
        la x8, rvtest_data
        li x9, 0x4444
        amoadd.w x9, x9, (x8)
        RVTEST_SIGUPD(x1, x9)
        ld x10, 0(x8)
        RVTEST_SIGUPD(x1, x10)
        /* a hole in the virt board's map (between the flash and PCIe ECAM) */
        li x11, 0x5555
        li x12, 0x2c000000
        ld x11, 0(x12)
        RVTEST_SIGUPD(x1, x11)
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
        .dword 0x0123456789abcdef
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x1_1:
        .fill 6*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
