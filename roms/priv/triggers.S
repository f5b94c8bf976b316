# Sdtrig triggers as seen by M-mode software: tselect/tdata1/tdata2/tinfo
# (tinfo lists type 6; an out-of-range tselect is not kept; a tdata1
# write of an unsupported type reads back unwritten, action 1 (Debug
# Mode) is never kept); mcontrol6
# (type 6) execute triggers in S and in U raise a breakpoint exception
# before the instruction runs, with mepc = mtval = the trigger address,
# only in the modes selected by the m/s/u bits; load and store triggers
# (mtval = the accessed address, the access not performed; load-only and
# store-only selection; match 2 ">=" and 3 "<"); an M-mode trigger with
# mstatus.MIE = 1 fires, with MIE = 0 it does not (no tcontrol);
# writing 0 to tdata1 disables a trigger.
# RISC-V Debug Specification 1.0, ch. 5 "Sdtrig": 5.3 "Priority"
# (execute address triggers fire before the instruction), 5.4 "Native
# M-Mode Triggers", 5.5 "Trigger Registers" (tselect, tdata1 - "writing
# 0 to tdata1 disables the trigger" -, tdata2, tinfo, mcontrol6);
# privileged spec 20240411 3.1.15 (breakpoint priority), 3.1.16 (mtval).
# QEMU 7.2 (-machine spike -cpu rv64,h=false) passes all but 7/43 (it
# aborts on the reserved type 8 and implements type 2), 13/20/24/29/39
# (it writes mtval = 0), 32-35 (only match 0), 36-39 (no MIE = 0 rule:
# one of the two options of 5.4) and 42 (it ignores tdata1 = 0, which
# 5.5 guarantees disables the trigger).
#define TEST_TRAP_HANDLER m_handler
#include "mimic_test.h"

#define MSTATUS_MIE  (1 << 3)
#define MSTATUS_MPP  (3 << 11)
#define TSELECT 0x7a0
#define TDATA1  0x7a1
#define TDATA2  0x7a2
#define TINFO   0x7a4
#define MC6     (6 << 60)
#define MC_M    (1 << 6)
#define MC_S    (1 << 4)
#define MC_U    (1 << 3)
#define MC_X    (1 << 2)
#define MC_ST   (1 << 1)
#define MC_LD   (1 << 0)
#define MATCH_GE (2 << 7)
#define MATCH_LT (3 << 7)

#define EXPECT_M(n, label) li TESTNUM, n; la s11, label
#define CHECKR(n, a, b) li TESTNUM, n; bne a, b, fail

.macro GOTO mode, label
        li t0, MSTATUS_MPP
        csrc mstatus, t0
        li t0, (\mode << 11)
        csrs mstatus, t0
        la t0, \label
        csrw mepc, t0
        mret
.endm

/* Arms trigger `i` with tdata2 = address of `addr` and tdata1 = `t1v`. */
.macro ARM i, addr, t1v
        csrwi TSELECT, \i
        la t0, \addr
        csrw TDATA2, t0
        li t0, \t1v
        csrw TDATA1, t0
.endm

.macro DISARM i
        csrwi TSELECT, \i
        csrw TDATA1, zero
.endm

TEST_BEGIN
        li t0, -1
        csrw pmpaddr0, t0
        li t0, 0x1f
        csrw pmpcfg0, t0
        csrw mie, zero
        csrw medeleg, zero
        li s11, 0

        /* ---- tselect / tinfo / reset state ---- */
        csrwi TSELECT, 0
        csrr a0, TSELECT
        CHECK(2, a0, 0)
        csrwi TSELECT, 1
        csrr a0, TSELECT
        CHECK(3, a0, 1)
        li t0, 1000
        csrw TSELECT, t0            /* no such trigger: not kept */
        csrr a0, TSELECT
        li TESTNUM, 4
        beq a0, t0, fail
        csrwi TSELECT, 0
        csrr a0, TINFO
        srli a0, a0, 6
        andi a0, a0, 1
        CHECK(5, a0, 1)             /* type 6 supported */
        csrr a0, TDATA1
        srli a0, a0, 60
        li TESTNUM, 6
        li t0, 6
        beq a0, t0, fail            /* not an armed mcontrol6 at reset */

        /* ---- unsupported writes read back unwritten ---- */
        csrr a1, TDATA1
        li t0, (8 << 60) | MC_M | MC_X          /* reserved type */
        csrw TDATA1, t0
        csrr a0, TDATA1
        CHECKR(7, a0, a1)
        li t0, (2 << 60) | MC_M | MC_X          /* legacy mcontrol: mimic */
        csrw TDATA1, t0                         /* implements only type 6 */
        csrr a0, TDATA1
        CHECKR(43, a0, a1)
        /* action 1 (enter Debug Mode) needs dmode = 1, which M-mode
         * cannot set: never kept (mimic drops the whole write) */
        li t0, MC6 | (1 << 12) | MC_M | MC_X
        csrw TDATA1, t0
        csrr a0, TDATA1
        srli a0, a0, 12
        andi a0, a0, 0xf
        CHECK(8, a0, 0)
        /* a supported mcontrol6 reads back as written */
        li t0, MC6 | MC_S | MC_U | MC_X
        csrw TDATA1, t0
        csrr a0, TDATA1
        CHECKR(9, a0, t0)
        li t0, 0x80001234
        csrw TDATA2, t0
        csrr a0, TDATA2
        CHECKR(10, a0, t0)
        DISARM 0

        /* ---- execute trigger in S: fires before the instruction ---- */
        ARM 0, s_hit, MC6 | MC_S | MC_X
        li a0, 0
        EXPECT_M(11, 1f)
        GOTO 1, s_code
s_code: nop
s_hit:  li a0, 5
        ecall
        j fail
1:      CHECK(11, s2, 3)
        la t0, s_hit
        CHECKR(12, s3, t0)
        CHECKR(13, s4, t0)
        CHECK(14, a0, 0)            /* li a0, 5 did not run */
        srli t0, s5, 11
        andi t0, t0, 3
        CHECK(15, t0, 1)
        /* the same trigger ignores U */
        EXPECT_M(16, 1f)
        GOTO 0, s_hit
1:      CHECK(16, s2, 8)            /* the ecall after it */
        CHECK(17, a0, 5)

        /* ---- execute trigger in U ---- */
        DISARM 0
        ARM 2, u_hit, MC6 | MC_U | MC_X
        EXPECT_M(18, 1f)
        GOTO 0, u_code
u_code: nop
u_hit:  nop
        ecall
        j fail
1:      CHECK(18, s2, 3)
        la t0, u_hit
        CHECKR(19, s3, t0)
        CHECKR(20, s4, t0)
        EXPECT_M(21, 1f)
        GOTO 1, u_hit               /* not in S */
1:      CHECK(21, s2, 9)
        DISARM 2

        /* ---- load trigger (U): mtval = address, rd not written ---- */
        ARM 1, data + 8, MC6 | MC_U | MC_LD
        la a1, data
        li a0, 0x33
        EXPECT_M(22, 1f)
        GOTO 0, u_ld
u_ld:   ld a2, 0(a1)                /* other address: no hit */
u_ld2:  ld a0, 8(a1)
        ecall
        j fail
1:      CHECK(22, s2, 3)
        la t0, u_ld2
        CHECKR(23, s3, t0)
        la t0, data + 8
        CHECKR(24, s4, t0)
        CHECK(25, a0, 0x33)
        /* a store to the same address does not fire a load trigger */
        EXPECT_M(26, 1f)
        GOTO 0, u_st
u_st:   sd zero, 8(a1)
        ecall
        j fail
1:      CHECK(26, s2, 8)
        DISARM 1

        /* ---- store trigger (S): the store is not performed ---- */
        ARM 3, data + 16, MC6 | MC_S | MC_ST
        la a1, data
        li t0, 0x1111
        sd t0, 16(a1)
        li a3, 0x2222
        EXPECT_M(27, 1f)
        GOTO 1, s_st
s_st:   ld a4, 16(a1)               /* loads do not fire it */
s_st2:  sd a3, 16(a1)
        ecall
        j fail
1:      CHECK(27, s2, 3)
        la t0, s_st2
        CHECKR(28, s3, t0)
        la t0, data + 16
        CHECKR(29, s4, t0)
        ld a0, 16(a1)
        CHECK(30, a0, 0x1111)
        CHECK(31, a4, 0x1111)
        DISARM 3

        /* ---- match 2 (>=) and 3 (<) on load addresses ---- */
        ARM 0, data + 16, MC6 | MATCH_GE | MC_S | MC_LD
        EXPECT_M(32, 1f)
        GOTO 1, s_ge
s_ge:   ld a0, 8(a1)
s_ge2:  ld a0, 24(a1)
        ecall
        j fail
1:      CHECK(32, s2, 3)
        la t0, s_ge2
        CHECKR(33, s3, t0)
        ARM 0, data + 16, MC6 | MATCH_LT | MC_S | MC_LD
        EXPECT_M(34, 1f)
        GOTO 1, s_lt
s_lt:   ld a0, 16(a1)
s_lt2:  ld a0, 8(a1)
        ecall
        j fail
1:      CHECK(34, s2, 3)
        la t0, s_lt2
        CHECKR(35, s3, t0)
        DISARM 0

        /* ---- M-mode execute trigger: fires with MIE = 1, not with
         * MIE = 0; the trap clears MIE so the handler runs freely ---- */
        ARM 1, m_hit, MC6 | MC_M | MC_X
        li TESTNUM, 36
        li s11, 0
m_hit:  nop                         /* MIE = 0 here: no hit */
        EXPECT_M(37, 1f)
        csrsi mstatus, MSTATUS_MIE
        j m_hit
1:      CHECK(37, s2, 3)
        la t0, m_hit
        CHECKR(38, s3, t0)
        CHECKR(39, s4, t0)
        DISARM 1
        /* armed while MIE = 1 already: fires on the very next instruction */
        EXPECT_M(40, 1f)
        csrsi mstatus, MSTATUS_MIE
        ARM 1, m_next, MC6 | MC_M | MC_X
m_next: nop
        j fail
1:      CHECK(40, s2, 3)
        la t0, m_next
        CHECKR(41, s3, t0)
        DISARM 1
        csrci mstatus, MSTATUS_MIE

        /* ---- tdata1 = 0 disables: nothing fires any more ---- */
        ARM 0, d_hit, MC6 | MC_S | MC_U | MC_X
        DISARM 0
        EXPECT_M(42, 1f)
        GOTO 1, d_hit
d_hit:  ecall
        j fail
1:      CHECK(42, s2, 9)

        li s11, 0
TEST_END

        .align 2
m_handler:
        csrr s2, mcause
        csrr s3, mepc
        csrr s4, mtval
        csrr s5, mstatus
        beqz s11, fail
        mv t6, s11
        li s11, 0
        jr t6

        .data
        .align 4
data:   .dword 0, 0, 0, 0, 0
