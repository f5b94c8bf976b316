/* --trace sbi program (tests/trace.rs), booted as a kernel with the
 * built-in SBI (starts in S-mode): BASE get_spec_version, DBCN write
 * byte 'B', then SRST shutdown (SBI spec chapters 4, 10 and 12). */
        .option norvc
        .section .text.init
        .globl _start
_start:
        li      a7, 0x10                /* BASE */
        li      a6, 0                   /* get_spec_version */
        ecall
        li      a7, 0x4442434e          /* DBCN */
        li      a6, 2                   /* console_write_byte */
        li      a0, 'B'
        ecall
        li      a7, 0x53525354          /* SRST */
        li      a6, 0                   /* system_reset */
        li      a0, 0                   /* shutdown */
        li      a1, 0                   /* no reason */
        ecall
1:      j       1b
