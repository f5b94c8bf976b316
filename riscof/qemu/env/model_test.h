/* RVMODEL_* for the reference: Debian's qemu-system-riscv64, virt board,
 * -bios none. The program starts in M-mode at rvtest_entry_point
 * (0x80000000) and halts by writing FINISHER_RESET (0x7777) to the
 * board's sifive,test device at 0x100000. QEMU runs with -no-reboot
 * -no-shutdown, so that reset request pauses the machine (FINISHER_PASS
 * would make QEMU 7.2 exit at once), and the host reads the signature
 * region out of its memory (qemu_signature.py). No tohost: QEMU's virt
 * board has no HTIF. */
#ifndef _COMPLIANCE_MODEL_H
#define _COMPLIANCE_MODEL_H

#define RVMODEL_HALT                                                    \
        fence;                                                          \
        li t0, 0x7777;                                                  \
        li t1, 0x100000;                                                \
        sw t0, 0(t1);                                                   \
rvmodel_halted:                                                         \
        j rvmodel_halted

#define RVMODEL_BOOT

#define RVMODEL_DATA_BEGIN                                              \
        .align 4;                                                       \
        .globl begin_signature;                                         \
begin_signature:

#define RVMODEL_DATA_END                                                \
        .align 4;                                                       \
        .globl end_signature;                                           \
end_signature:

#define RVMODEL_IO_INIT
#define RVMODEL_IO_WRITE_STR(_R, _STR)
#define RVMODEL_IO_CHECK()
#define RVMODEL_IO_ASSERT_GPR_EQ(_S, _R, _I)
#define RVMODEL_IO_ASSERT_SFPR_EQ(_F, _R, _I)
#define RVMODEL_IO_ASSERT_DFPR_EQ(_D, _R, _I)

#define RVMODEL_SET_MSW_INT   li t1, 1; li t2, 0x2000000; sw t1, 0(t2);
#define RVMODEL_CLEAR_MSW_INT li t2, 0x2000000; sw x0, 0(t2);
#define RVMODEL_CLEAR_MTIMER_INT
#define RVMODEL_CLEAR_MEXT_INT

#endif
