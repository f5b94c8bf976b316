# RV64I: arithmetic, logic, shifts (64-bit and W forms), comparisons,
# lui/auipc, branches, jumps, loads and stores of every width
# (unprivileged spec ch. 2 and 4).
#include "mimic_test.h"

TEST_BEGIN
        TEST_RR(2, add, 0x0000000100000000, 0xffffffff, 1)
        TEST_RR(3, sub, -1, 0, 1)
        TEST_IMM(4, addi, -2048, 0, -2048)
        TEST_RR(5, addw, 0xffffffff80000000, 0x7fffffff, 1)
        TEST_IMM(6, addiw, 0x000000007fffffff, 0xffffffff80000000, -1)
        TEST_RR(7, subw, 0xffffffff80000000, 0, 0x80000000)
        TEST_RR(8, sll, 0x8000000000000000, 1, 63)
        TEST_RR(9, sll, 2, 1, 65)
        TEST_RR(10, srl, 1, 0x8000000000000000, 63)
        TEST_RR(11, sra, -1, 0x8000000000000000, 63)
        TEST_IMM(12, slli, 0x8000000000000000, 1, 63)
        TEST_IMM(13, srli, 0x00000000ffffffff, -1, 32)
        TEST_IMM(14, srai, 0xffffffffff800000, 0x8000000000000000, 40)
        TEST_RR(15, sllw, 0xffffffff80000000, 1, 31)
        TEST_RR(16, sllw, 2, 1, 33)
        TEST_RR(17, srlw, 0x0000000000000001, 0xffffffff80000000, 31)
        TEST_RR(18, sraw, -1, 0x0000000080000000, 31)
        TEST_IMM(19, slliw, 0xffffffff80000000, 1, 31)
        TEST_IMM(20, srliw, 0x7fffffff, -1, 1)
        TEST_IMM(21, sraiw, -1, 0x80000000, 31)
        TEST_RR(22, slt, 1, -1, 0)
        TEST_RR(23, sltu, 0, -1, 0)
        TEST_IMM(24, slti, 1, -5, -4)
        TEST_IMM(25, sltiu, 1, 5, -1)
        TEST_RR(26, xor, 0xf0f0, 0xff00, 0x0ff0)
        TEST_RR(27, or, 0xfff0, 0xff00, 0x0ff0)
        TEST_RR(28, and, 0x0f00, 0xff00, 0x0ff0)
        TEST_IMM(29, xori, ~0xff00, 0xff00, -1)
        TEST_IMM(30, ori, -1, 0, -1)
        TEST_IMM(31, andi, 0x7ff, -1, 0x7ff)
        TEST_CASE(32, a0, 0xffffffff80000000, lui a0, 0x80000)
        TEST_CASE(33, a0, 0, la a1, 1f; 1: auipc a0, 0; sub a0, a0, a1)
        /* x0 stays zero */
        TEST_CASE(34, x0, 0, li t0, 5; add x0, t0, t0)
        /* branches, taken and not taken */
        TEST_CASE(35, a0, 1, li a0, 0; li a1, -1; blt a1, a0, 1f; j fail; 1: li a0, 1)
        TEST_CASE(36, a0, 1, li a0, 0; li a1, -1; bltu a1, a0, fail; bgeu a1, a0, 1f; j fail; 1: li a0, 1)
        TEST_CASE(37, a0, 1, li a0, 3; li a1, 3; bne a0, a1, fail; beq a0, a1, 1f; j fail; 1: li a0, 1)
        TEST_CASE(38, a0, 1, li a0, -3; li a1, 3; bge a0, a1, fail; bge a1, a0, 1f; j fail; 1: li a0, 1)
        /* jal/jalr link and target, jalr clears bit 0 */
        TEST_CASE(39, a0, 0, jal a1, 1f; 2: j fail; 1: la a2, 2b; sub a0, a1, a2)
        TEST_CASE(40, a0, 7, la a1, 1f + 1; li a0, 0; jalr t0, 0(a1); j fail; 1: li a0, 7)
        /* loads sign/zero extend; stores write exactly their width */
        TEST_CASE(41, a0, 0xffffffffffffff80, la a1, data; li t0, 0x80; sb t0, 0(a1); lb a0, 0(a1))
        TEST_CASE(42, a0, 0x80, la a1, data; lbu a0, 0(a1))
        TEST_CASE(43, a0, 0xffffffffffff8001, la a1, data; li t0, 0x8001; sh t0, 2(a1); lh a0, 2(a1))
        TEST_CASE(44, a0, 0x8001, la a1, data; lhu a0, 2(a1))
        TEST_CASE(45, a0, 0xffffffff80000000, la a1, data; li t0, 0x80000000; sw t0, 4(a1); lw a0, 4(a1))
        TEST_CASE(46, a0, 0x80000000, la a1, data; lwu a0, 4(a1))
        TEST_CASE(47, a0, 0x8000000080010080, la a1, data; ld a0, 0(a1))
        TEST_CASE(48, a0, 0x0123456789abcdef, la a1, data; li t0, 0x0123456789abcdef; sd t0, 8(a1); ld a0, 8(a1))
        TEST_CASE(49, a0, 0x89abcdef, la a1, data; lwu a0, 8(a1))
        /* misaligned load and store (performed by default) */
        TEST_CASE(50, a0, 0x6789abcdef800000, la a1, data; ld a0, 5(a1))
        TEST_CASE(51, a0, 0x1122334455667788, la a1, data; li t0, 0x1122334455667788; sd t0, 17(a1); ld a0, 17(a1))
TEST_END

        .data
        .align 4
data:   .dword 0, 0, 0, 0
