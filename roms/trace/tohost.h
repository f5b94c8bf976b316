/* roms/trace: the end of every program (HTIF tohost = 1: pass). */
#define TRACE_PASS              \
        li      a0, 1;          \
        la      t0, tohost;     \
        sd      a0, 0(t0);      \
1:      j       1b

#define TRACE_TOHOST                                    \
        .section .tohost, "aw", @progbits;              \
        .align 6; .globl tohost; tohost: .dword 0;      \
        .align 6; .globl fromhost; fromhost: .dword 0
