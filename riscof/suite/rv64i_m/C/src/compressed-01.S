// C extension: the compressed integer instructions RV64C has, each
// expanding to its 32-bit counterpart (unprivileged spec ch. 28 "C"
// Standard Extension for Compressed Instructions: 28.3-28.5): immediates
// at their extremes (c.addi, c.addiw, c.li, c.lui, c.addi16sp,
// c.addi4spn), shifts, the register-register forms, stack-pointer-relative
// and register-based loads and stores, c.j/c.jal-free control flow
// (c.beqz, c.bnez, c.jr, c.jalr) with link offsets.
#include "model_test.h"
#include "arch_test.h"
RVTEST_ISA("RV64IC")

RVTEST_CODE_BEGIN
#ifdef TEST_CASE_1
RVTEST_CASE(0,"//check ISA:=regex(.*64.*);check ISA:=regex(.*I.*C.*);def TEST_CASE_1=True;",compressed)
RVTEST_SIGBASE(x3, signature_x3_1)
        .option push
        .option rvc
        c.li x8, -32
        RVTEST_SIGUPD(x3, x8)
        c.li x9, 31
        c.addi x9, -32
        RVTEST_SIGUPD(x3, x9)
        li x10, 0x7fffffff
        c.addiw x10, 1
        RVTEST_SIGUPD(x3, x10)
        c.lui x11, 0xfffe0
        RVTEST_SIGUPD(x3, x11)
        c.lui x12, 0x1f
        RVTEST_SIGUPD(x3, x12)
        li x13, 0x8000000000000001
        c.slli x13, 63
        RVTEST_SIGUPD(x3, x13)
        li x8, 0x8000000000000000
        c.srli x8, 1
        RVTEST_SIGUPD(x3, x8)
        li x9, 0x8000000000000000
        c.srai x9, 63
        RVTEST_SIGUPD(x3, x9)
        li x10, 0x1234
        c.andi x10, -16
        RVTEST_SIGUPD(x3, x10)
        li x11, 0x7fffffff
        li x12, 0x1
        c.addw x11, x12
        RVTEST_SIGUPD(x3, x11)
        li x13, 0x0
        li x14, 0x80000000
        c.subw x13, x14
        RVTEST_SIGUPD(x3, x13)
        li x8, 0xff00ff00
        li x9, 0x0ff00ff0
        c.xor x8, x9
        RVTEST_SIGUPD(x3, x8)
        li x10, 0xff00ff00
        c.or x10, x9
        RVTEST_SIGUPD(x3, x10)
        li x11, 0xff00ff00
        c.and x11, x9
        RVTEST_SIGUPD(x3, x11)
        li x12, 5
        c.sub x12, x9
        RVTEST_SIGUPD(x3, x12)
        c.mv x15, x9
        c.add x15, x9
        RVTEST_SIGUPD(x3, x15)
        /* sp-relative and register-based memory */
        mv x20, sp
        la sp, rvtest_data
        li x16, 0x1122334455667788
        c.sdsp x16, 8(sp)
        c.lwsp x17, 8(sp)
        RVTEST_SIGUPD(x3, x17)
        c.ldsp x18, 8(sp)
        RVTEST_SIGUPD(x3, x18)
        c.swsp x16, 16(sp)
        c.addi16sp sp, 16
        c.ldsp x19, 0(sp)
        RVTEST_SIGUPD(x3, x19)
        c.addi16sp sp, -16
        c.addi4spn x8, sp, 8
        c.lw x9, 4(x8)
        RVTEST_SIGUPD(x3, x9)
        li x10, 0xabcdef
        c.sw x10, 0(x8)
        c.sd x10, 8(x8)
        c.ld x11, 0(x8)
        RVTEST_SIGUPD(x3, x11)
        ld x12, 8(x8)
        RVTEST_SIGUPD(x3, x12)
        mv sp, x20
        /* control flow */
        li x8, 0
        li x9, 0
        c.beqz x8, 1f
        li x9, 0xbad
1:      c.bnez x8, 2f
        addi x9, x9, 1
2:      RVTEST_SIGUPD(x3, x9)
        la x13, 3f
        c.jr x13
        li x9, 0xbad
3:      la x13, 4f
5:      c.jalr x13
4:      la x14, 5b
        sub x14, ra, x14
        RVTEST_SIGUPD(x3, x14)
        .option pop
#endif
RVTEST_CODE_END
RVMODEL_HALT

RVTEST_DATA_BEGIN
        .dword 0, 0, 0, 0
RVTEST_DATA_END

RVTEST_SIG_BEGIN
signature_x3_1:
        .fill 26*(XLEN/32), 4, 0xdeadbeef
RVTEST_SIG_END
