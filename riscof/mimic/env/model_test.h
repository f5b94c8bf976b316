/* RVMODEL_* for mimic as the device under test: the riscv-tests physical
 * environment. The program starts in M-mode at rvtest_entry_point
 * (0x80000000) and halts by writing 1 to HTIF `tohost`; mimic then writes
 * the begin_signature..end_signature region (mimic --signature). */
#ifndef _COMPLIANCE_MODEL_H
#define _COMPLIANCE_MODEL_H

#define RVMODEL_DATA_SECTION                                            \
        .pushsection .tohost, "aw", @progbits;                          \
        .align 8; .globl tohost; tohost: .dword 0;                      \
        .align 8; .globl fromhost; fromhost: .dword 0;                  \
        .popsection

#define RVMODEL_HALT                                                    \
        fence;                                                          \
        li x1, 1;                                                       \
rvmodel_write_tohost:                                                   \
        la t5, tohost;                                                  \
        sd x1, 0(t5);                                                   \
        j rvmodel_write_tohost

#define RVMODEL_BOOT

#define RVMODEL_DATA_BEGIN                                              \
        RVMODEL_DATA_SECTION;                                           \
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

/* CLINT (ACLINT mswi) at 0x2000000, as on QEMU's virt board. */
#define RVMODEL_SET_MSW_INT   li t1, 1; li t2, 0x2000000; sw t1, 0(t2);
#define RVMODEL_CLEAR_MSW_INT li t2, 0x2000000; sw x0, 0(t2);
#define RVMODEL_CLEAR_MTIMER_INT
#define RVMODEL_CLEAR_MEXT_INT

#endif
