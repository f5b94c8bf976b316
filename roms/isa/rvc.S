# RV64C: every RV64C instruction, written with its c.* mnemonic so the
# assembler cannot pick another encoding (unprivileged spec ch. 26 "C"
# Extension for Compressed Instructions: sections "Load and Store
# Instructions", "Control Transfer Instructions", "Integer Computational
# Instructions" with "Breakpoint Instruction"; the RV64 column of the RVC
# opcode map). Quadrant 0: c.addi4spn, c.fld, c.lw, c.ld, c.fsd,
# c.sw, c.sd. Quadrant 1: c.nop, c.addi, c.addiw, c.li, c.addi16sp, c.lui,
# c.srli, c.srai, c.andi, c.sub, c.xor, c.or, c.and, c.subw, c.addw, c.j,
# c.beqz, c.bnez. Quadrant 2: c.slli, c.fldsp, c.lwsp, c.ldsp, c.jr, c.mv,
# c.ebreak, c.jalr, c.add, c.fsdsp, c.swsp, c.sdsp.
# Immediates: the extremes of every field plus one offset per immediate bit
# (so two swapped bits cannot go unnoticed), loads read a pattern in which
# each word holds 0x5a000000 + its own offset, jumps and branches cover
# every offset bit including the most negative offsets. Unexecuted gaps are
# zero halfwords (illegal), so a wrong target traps and fails.
#define TEST_TRAP_HANDLER trap_handler
#include "mimic_test.h"

        .option rvc
        .option norelax

/* Word at offset k of `pat` (see the fill loop). */
#define PW(k) (0x5a000000 + (k))
/* Doubleword at offset k of `pat`. */
#define PD(k) ((PW((k) + 4) << 32) | PW(k))

/* c.j (or c.beqz/c.bnez on register `r`) `dist` bytes forward: the gap
 * is illegal. */
#define FWD(n, insn, dist)                                             \
        TEST_CASE(n, a0, 1, li a0, 0; insn 1f; .skip (dist) - 2; 1: li a0, 1)
#define FWDR(n, insn, r, dist)                                         \
        TEST_CASE(n, a0, 1, li a0, 0; insn r, 1f; .skip (dist) - 2; 1: li a0, 1)

/* A backward transfer of `dist` bytes (dist >= 10): a 32-bit jump reaches
 * `target`, the compressed instruction at the end, which jumps back to
 * `2:`. BACK is for c.j, BACKR for c.beqz/c.bnez on register `r`. */
#define BACK_BODY(dist, target...)                                     \
                li a0, 0;                                              \
                .option push; .option norvc;                           \
                jal zero, 3f;                                          \
        2:      addi a0, zero, 1;                                      \
                jal zero, 4f;                                          \
                .option pop;                                           \
                .skip (dist) - 8;                                      \
        3:      target;                                                \
                j fail;                                                \
        4:
#define BACK(n, insn, dist) TEST_CASE(n, a0, 1, BACK_BODY(dist, insn 2b))
#define BACKR(n, insn, r, dist) TEST_CASE(n, a0, 1, BACK_BODY(dist, insn r, 2b))

TEST_BEGIN
        li s8, 0
        /* fill `pat`: the word at offset k holds PW(k) */
        la t0, pat; li t1, 0; li t2, 1024; li t3, 0x5a000000
1:      add t4, t0, t1; or t5, t3, t1; sw t5, 0(t4); addi t1, t1, 4; blt t1, t2, 1b
        la sp, pat
        la a1, pat

        /* ---- c.addi4spn: rd' = sp + nzuimm (26.5), every bit, max 1020 ---- */
        TEST_CASE(2, a0, 4, c.addi4spn a0, sp, 4; sub a0, a0, sp)
        TEST_CASE(3, a0, 8, c.addi4spn s0, sp, 8; sub a0, s0, sp)
        TEST_CASE(4, a0, 16, c.addi4spn s1, sp, 16; sub a0, s1, sp)
        TEST_CASE(5, a0, 32, c.addi4spn a5, sp, 32; sub a0, a5, sp)
        TEST_CASE(6, a0, 64, c.addi4spn a0, sp, 64; sub a0, a0, sp)
        TEST_CASE(7, a0, 128, c.addi4spn a0, sp, 128; sub a0, a0, sp)
        TEST_CASE(8, a0, 256, c.addi4spn a0, sp, 256; sub a0, a0, sp)
        TEST_CASE(9, a0, 512, c.addi4spn a0, sp, 512; sub a0, a0, sp)
        TEST_CASE(10, a0, 1020, c.addi4spn a0, sp, 1020; sub a0, a0, sp)

        /* ---- c.lw: sign-extended word at rs1' + uimm (0..124) ---- */
        TEST_CASE(12, a0, PW(0), c.lw a0, 0(a1))
        TEST_CASE(13, a0, PW(4), c.lw a0, 4(a1))
        TEST_CASE(14, a2, PW(8), c.lw a2, 8(a1))
        TEST_CASE(15, s0, PW(16), c.lw s0, 16(a1))
        TEST_CASE(16, a0, PW(32), c.lw a0, 32(a1))
        TEST_CASE(17, a0, PW(64), c.lw a0, 64(a1))
        TEST_CASE(18, a0, PW(124), c.lw a0, 124(a1))
        TEST_CASE(19, a0, 0xffffffff80000001, la s1, buf; li t0, 0x80000001; sw t0, 0(s1); c.lw a0, 0(s1))

        /* ---- c.ld / c.fld: doubleword at rs1' + uimm (0..248) ---- */
        TEST_CASE(20, a0, PD(0), c.ld a0, 0(a1))
        TEST_CASE(21, a0, PD(8), c.ld a0, 8(a1))
        TEST_CASE(22, a3, PD(16), c.ld a3, 16(a1))
        TEST_CASE(23, a0, PD(32), c.ld a0, 32(a1))
        TEST_CASE(24, s1, PD(64), c.ld s1, 64(a1))
        TEST_CASE(25, a0, PD(128), c.ld a0, 128(a1))
        TEST_CASE(26, a0, PD(248), c.ld a0, 248(a1))
        TEST_CASE(27, a0, PD(0), c.fld fa0, 0(a1); fmv.x.d a0, fa0)
        TEST_CASE(28, a0, PD(8), c.fld fs0, 8(a1); fmv.x.d a0, fs0)
        TEST_CASE(29, a0, PD(64), c.fld fa5, 64(a1); fmv.x.d a0, fa5)
        TEST_CASE(30, a0, PD(128), c.fld fs1, 128(a1); fmv.x.d a0, fs1)
        TEST_CASE(31, a0, PD(248), c.fld fa1, 248(a1); fmv.x.d a0, fa1)

        /* ---- c.sw: low word only; c.sd; c.fsd ---- */
        la a1, buf
        TEST_CASE(32, a0, 0xaaaaaaaa12345678, li t0, -0x5555555555555556; sd t0, 0(a1); li a2, 0x7777777712345678; c.sw a2, 0(a1); ld a0, 0(a1))
        TEST_CASE(33, a0, 0x11110004, li a2, 0x11110004; c.sw a2, 4(a1); lwu a0, 4(a1))
        TEST_CASE(34, a0, 0x11110040, li a2, 0x11110040; c.sw a2, 64(a1); lwu a0, 64(a1))
        TEST_CASE(43, a0, 0x11110010, li a2, 0x11110010; c.sw a2, 16(a1); lwu a0, 16(a1))
        TEST_CASE(35, a0, 0x1111007c, li a2, 0x1111007c; c.sw a2, 124(a1); lwu a0, 124(a1))
        TEST_CASE(36, a0, 0x2222000000000008, li s0, 0x2222000000000008; c.sd s0, 8(a1); ld a0, 8(a1))
        TEST_CASE(99, a0, 0x2222000000000020, li a4, 0x2222000000000020; c.sd a4, 32(a1); ld a0, 32(a1))
        TEST_CASE(37, a0, 0x2222000000000040, li a5, 0x2222000000000040; c.sd a5, 64(a1); ld a0, 64(a1))
        TEST_CASE(38, a0, 0x2222000000000080, li a5, 0x2222000000000080; c.sd a5, 128(a1); ld a0, 128(a1))
        TEST_CASE(39, a0, 0x22220000000000f8, li a5, 0x22220000000000f8; c.sd a5, 248(a1); ld a0, 248(a1))
        TEST_CASE(40, a0, 0x400921fb54442d18, li t0, 0x400921fb54442d18; fmv.d.x fa2, t0; c.fsd fa2, 16(a1); ld a0, 16(a1))
        TEST_CASE(41, a0, 0x3330000000000080, li t0, 0x3330000000000080; fmv.d.x fs1, t0; c.fsd fs1, 128(a1); ld a0, 128(a1))
        TEST_CASE(42, a0, 0x33300000000000f8, li t0, 0x33300000000000f8; fmv.d.x fa5, t0; c.fsd fa5, 248(a1); ld a0, 248(a1))

        /* ---- c.nop: 2 bytes, no effect ---- */
        TEST_CASE(44, a0, 2, li a2, 0x1234; jal a3, 1f; 1: c.nop; auipc a4, 0; sub a0, a4, a3)
        CHECK(45, a2, 0x1234)

        /* ---- c.addi: rd += sext(imm6), any rd ---- */
        TEST_CASE(46, a0, -32, li a0, 0; c.addi a0, -32)
        TEST_CASE(47, t0, 131, li t0, 100; c.addi t0, 31)
        TEST_CASE(48, a0, 0, li a0, -1; c.addi a0, 1)
        TEST_CASE(49, s11, 0x8000000000000000, li s11, 0x7fffffffffffffff; c.addi s11, 1)

        /* ---- c.addiw: 32-bit add, result sign-extended ---- */
        TEST_CASE(50, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)
        TEST_CASE(51, a0, -1, li a0, 0xffffffff; c.addiw a0, 0)
        TEST_CASE(52, t1, -32, li t1, 0x100000000; c.addiw t1, -32)
        TEST_CASE(53, a0, 0x7fffffff, li a0, 0x80000000; c.addiw a0, -1)
        TEST_CASE(54, a0, 31, li a0, 0x1234567800000000; c.addiw a0, 31)

        /* ---- c.li ---- */
        TEST_CASE(56, a0, -32, li a0, 5; c.li a0, -32)
        TEST_CASE(57, s11, 31, c.li s11, 31)
        TEST_CASE(58, t2, 0, li t2, -1; c.li t2, 0)
        TEST_CASE(59, a0, 1, c.li a0, 1)
        TEST_CASE(68, a0, 2, c.li a0, 2)
        TEST_CASE(69, a0, 4, c.li a0, 4)
        TEST_CASE(55, a0, 8, c.li a0, 8)
        TEST_CASE(76, a0, 16, c.li a0, 16)

        /* ---- c.addi16sp: sp += nzimm (multiple of 16, -512..496) ---- */
        mv s2, sp
        TEST_CASE(60, a0, 16, c.addi16sp sp, 16; sub a0, sp, s2; mv sp, s2)
        TEST_CASE(61, a0, 32, c.addi16sp sp, 32; sub a0, sp, s2; mv sp, s2)
        TEST_CASE(62, a0, 64, c.addi16sp sp, 64; sub a0, sp, s2; mv sp, s2)
        TEST_CASE(63, a0, 128, c.addi16sp sp, 128; sub a0, sp, s2; mv sp, s2)
        TEST_CASE(64, a0, 256, c.addi16sp sp, 256; sub a0, sp, s2; mv sp, s2)
        TEST_CASE(65, a0, 496, c.addi16sp sp, 496; sub a0, sp, s2; mv sp, s2)
        TEST_CASE(66, a0, -512, c.addi16sp sp, -512; sub a0, sp, s2; mv sp, s2)
        TEST_CASE(67, a0, -16, c.addi16sp sp, -16; sub a0, sp, s2; mv sp, s2)

        /* ---- c.lui: rd = sext(nzimm[17:12] << 12) ---- */
        TEST_CASE(70, a0, 0x1000, c.lui a0, 1)
        TEST_CASE(71, a0, 0x1f000, c.lui a0, 31)
        TEST_CASE(72, a0, 0x10000, c.lui a0, 16)
        TEST_CASE(73, a0, 0xfffffffffffe0000, c.lui a0, 0xfffe0)
        TEST_CASE(74, t2, 0xfffffffffffff000, c.lui t2, 0xfffff)
        TEST_CASE(75, s11, 0x2000, li s11, -1; c.lui s11, 2)
        TEST_CASE(77, a0, 0x4000, c.lui a0, 4)
        TEST_CASE(78, a0, 0x8000, c.lui a0, 8)

        /* ---- c.srli, c.srai (6-bit shamt), c.andi ---- */
        TEST_CASE(80, a0, 1, li a0, -1; c.srli a0, 63)
        TEST_CASE(81, a0, 0x4000000000000000, li a0, 0x8000000000000000; c.srli a0, 1)
        TEST_CASE(82, s0, 0x00000000ffffffff, li s0, -1; c.srli s0, 32)
        TEST_CASE(83, a0, -1, li a0, 0x8000000000000000; c.srai a0, 63)
        TEST_CASE(84, a0, 0xffffffff80000000, li a0, 0x8000000000000000; c.srai a0, 32)
        TEST_CASE(85, a5, 0x3800000000000000, li a5, 0x7000000000000000; c.srai a5, 1)
        TEST_CASE(86, a0, 0xffffffffffffffe0, li a0, -1; c.andi a0, -32)
        TEST_CASE(87, a0, 31, li a0, -1; c.andi a0, 31)
        TEST_CASE(88, s1, 0, li s1, 0x12345678; c.andi s1, 0)
        TEST_CASE(89, a0, 0x8000000000000010, li a0, 0x8000000000000017; c.andi a0, -16)

        /* ---- c.sub, c.xor, c.or, c.and, c.subw, c.addw ---- */
        TEST_CASE(90, a0, -1, li a0, 0; li a1, 1; c.sub a0, a1)
        TEST_CASE(91, s0, 0xf0f0f0f0f0f0f0f0, li s0, 0xff00ff00ff00ff00; li s1, 0x0ff00ff00ff00ff0; c.xor s0, s1)
        TEST_CASE(92, a2, 0xfff0fff0fff0fff0, li a2, 0xff00ff00ff00ff00; li a3, 0x0ff00ff00ff00ff0; c.or a2, a3)
        TEST_CASE(93, a4, 0x0f000f000f000f00, li a4, 0xff00ff00ff00ff00; li a5, 0x0ff00ff00ff00ff0; c.and a4, a5)
        TEST_CASE(94, a0, 0xffffffff80000000, li a0, 0; li a1, 0x80000000; c.subw a0, a1)
        TEST_CASE(95, a0, -1, li a0, 0x100000000; li a1, 1; c.subw a0, a1)
        TEST_CASE(96, a0, 0xffffffff80000000, li a0, 0x7fffffff; li a1, 1; c.addw a0, a1)
        TEST_CASE(97, s1, 8, li s1, 0xffffffff00000005; li a5, 0x100000003; c.addw s1, a5)
        CHECK(98, a5, 0x100000003)

        /* ---- c.j: offsets +4 .. +2046 (one per bit) and -8 .. -2048 ---- */
        FWD(100, c.j, 6)
        FWD(101, c.j, 8)
        FWD(102, c.j, 16)
        FWD(103, c.j, 32)
        FWD(104, c.j, 64)
        FWD(105, c.j, 128)
        FWD(106, c.j, 256)
        FWD(107, c.j, 512)
        FWD(108, c.j, 1024)
        FWD(109, c.j, 2046)
        BACK(110, c.j, 10)
        BACK(111, c.j, 2048)
        BACK(112, c.j, 1366)

        /* ---- c.beqz / c.bnez: whole 64-bit register compared with 0;
           offsets +4 .. +254 and -8 .. -256 ---- */
        TEST_CASE(120, a0, 1, li a0, 0; li a2, 0; c.beqz a2, 1f; j fail; 1: li a0, 1)
        TEST_CASE(121, a0, 1, li a0, 0; li a2, 0x8000000000000000; c.beqz a2, 1f; li a0, 1; 1:)
        TEST_CASE(122, a0, 1, li a0, 0; li s0, 0x100000000; c.bnez s0, 1f; j fail; 1: li a0, 1)
        TEST_CASE(123, a0, 1, li a0, 0; li s0, 0; c.bnez s0, 1f; li a0, 1; 1:)
        li a2, 0
        FWDR(124, c.beqz, a2, 4)
        FWDR(125, c.beqz, a2, 8)
        FWDR(126, c.beqz, a2, 16)
        FWDR(127, c.beqz, a2, 32)
        FWDR(128, c.beqz, a2, 64)
        FWDR(129, c.beqz, a2, 128)
        FWDR(130, c.beqz, a2, 254)
        BACKR(131, c.beqz, a2, 256)
        BACKR(132, c.beqz, a2, 12)
        li a3, -1
        FWDR(133, c.bnez, a3, 170)
        FWDR(134, c.bnez, a3, 254)
        BACKR(135, c.bnez, a3, 256)
        BACKR(136, c.bnez, a3, 86)

        /* ---- c.slli: 6-bit shamt, any rd ---- */
        TEST_CASE(140, a0, 0x8000000000000000, li a0, 1; c.slli a0, 63)
        TEST_CASE(141, t0, 0x123456789abcdef0, li t0, 0x0123456789abcdef; c.slli t0, 4)
        TEST_CASE(143, a0, 2, li a0, 1; c.slli a0, 1)
        TEST_CASE(144, a0, 4, li a0, 1; c.slli a0, 2)
        TEST_CASE(145, a0, 0x100, li a0, 1; c.slli a0, 8)
        TEST_CASE(146, a0, 0x10000, li a0, 1; c.slli a0, 16)
        TEST_CASE(142, s11, 0xffffffff00000000, li s11, 0xffffffff; c.slli s11, 32)

        /* ---- c.lwsp (0..252), c.ldsp / c.fldsp (0..504), sp = pat ---- */
        la sp, pat
        TEST_CASE(150, a0, PW(4), c.lwsp a0, 4(sp))
        TEST_CASE(151, t0, PW(8), c.lwsp t0, 8(sp))
        TEST_CASE(152, s11, PW(16), c.lwsp s11, 16(sp))
        TEST_CASE(153, a0, PW(32), c.lwsp a0, 32(sp))
        TEST_CASE(154, a0, PW(64), c.lwsp a0, 64(sp))
        TEST_CASE(155, a0, PW(128), c.lwsp a0, 128(sp))
        TEST_CASE(156, a0, PW(252), c.lwsp a0, 252(sp))
        TEST_CASE(157, a0, PD(8), c.ldsp a0, 8(sp))
        TEST_CASE(158, ra, PD(16), c.ldsp ra, 16(sp))
        TEST_CASE(159, a0, PD(32), c.ldsp a0, 32(sp))
        TEST_CASE(160, t3, PD(64), c.ldsp t3, 64(sp))
        TEST_CASE(161, a0, PD(128), c.ldsp a0, 128(sp))
        TEST_CASE(162, a0, PD(256), c.ldsp a0, 256(sp))
        TEST_CASE(163, a0, PD(504), c.ldsp a0, 504(sp))
        TEST_CASE(164, a0, PD(8), c.fldsp ft0, 8(sp); fmv.x.d a0, ft0)
        TEST_CASE(165, a0, PD(64), c.fldsp f31, 64(sp); fmv.x.d a0, f31)
        TEST_CASE(166, a0, PD(256), c.fldsp fa0, 256(sp); fmv.x.d a0, fa0)
        TEST_CASE(167, a0, PD(504), c.fldsp ft11, 504(sp); fmv.x.d a0, ft11)
        /* c.lwsp sign-extends */
        TEST_CASE(168, a0, 0xffffffff80000002, la sp, buf; li t0, 0x80000002; sw t0, 0(sp); c.lwsp a0, 0(sp))

        /* ---- c.swsp (0..252), c.sdsp / c.fsdsp (0..504), sp = buf ---- */
        la sp, buf
        TEST_CASE(170, a0, 0x44440004, li t0, 0x7777777744440004; sd zero, 8(sp); c.swsp t0, 4(sp); lwu a0, 4(sp))
        CHECK(171, t0, 0x7777777744440004)
        TEST_CASE(172, a0, 0, lwu a0, 8(sp))      /* c.swsp wrote 4 bytes only */
        TEST_CASE(173, a0, 0x44440040, li s11, 0x44440040; c.swsp s11, 64(sp); lwu a0, 64(sp))
        TEST_CASE(183, a0, 0x44440010, li t0, 0x44440010; c.swsp t0, 16(sp); lwu a0, 16(sp))
        TEST_CASE(184, a0, 0x44440020, li t0, 0x44440020; c.swsp t0, 32(sp); lwu a0, 32(sp))
        TEST_CASE(174, a0, 0x44440080, li t0, 0x44440080; c.swsp t0, 128(sp); lwu a0, 128(sp))
        TEST_CASE(175, a0, 0x444400fc, li t0, 0x444400fc; c.swsp t0, 252(sp); lwu a0, 252(sp))
        TEST_CASE(176, a0, 0x5555000000000008, li t0, 0x5555000000000008; c.sdsp t0, 264(sp); ld a0, 264(sp))
        TEST_CASE(177, a0, 0x5555000000000040, li ra, 0x5555000000000040; c.sdsp ra, 320(sp); ld a0, 320(sp))
        TEST_CASE(185, a0, 0x5555000000000020, li t0, 0x5555000000000020; c.sdsp t0, 288(sp); ld a0, 288(sp))
        TEST_CASE(178, a0, 0x5555000000000100, li t0, 0x5555000000000100; c.sdsp t0, 256(sp); ld a0, 256(sp))
        TEST_CASE(179, a0, 0x55550000000001f8, li t0, 0x55550000000001f8; c.sdsp t0, 504(sp); ld a0, 504(sp))
        TEST_CASE(180, a0, 0x6666000000000010, li t0, 0x6666000000000010; fmv.d.x ft0, t0; c.fsdsp ft0, 16(sp); ld a0, 16(sp))
        TEST_CASE(181, a0, 0x6666000000000080, li t0, 0x6666000000000080; fmv.d.x f31, t0; c.fsdsp f31, 128(sp); ld a0, 128(sp))
        TEST_CASE(182, a0, 0x66660000000001f8, li t0, 0x66660000000001f8; fmv.d.x fa0, t0; c.fsdsp fa0, 504(sp); ld a0, 504(sp))

        /* ---- c.jr: pc = rs1 & ~1, no link ---- */
        TEST_CASE(190, a0, 1, li a0, 0; li ra, 0x77; la t0, 1f; c.jr t0; j fail; 1: li a0, 1)
        CHECK(191, ra, 0x77)
        TEST_CASE(192, a0, 1, li a0, 0; la s0, 1f + 1; c.jr s0; j fail; 1: li a0, 1)

        /* ---- c.mv: full 64-bit copy, source intact ---- */
        TEST_CASE(194, t4, 0x8000000000000001, li a1, 0x8000000000000001; c.mv t4, a1)
        CHECK(195, a1, 0x8000000000000001)
        TEST_CASE(196, s0, -1, li a5, -1; c.mv s0, a5)

        /* ---- c.ebreak: breakpoint, mcause 3, mtval = mepc = its pc ---- */
        TEST_CASE(198, s9, 1, la s10, 1f; li s8, 3; li s9, 0; 1: c.ebreak; li s8, 0)

        /* ---- c.jalr: ra = pc + 2 (the next halfword), pc = rs1 & ~1 ---- */
        TEST_CASE(200, a0, 2, la t0, 1f; 3: c.jalr t0; j fail; 1: la a1, 3b; sub a0, ra, a1)
        /* rs1 = ra: the target is read before the link is written */
        TEST_CASE(201, a0, 2, la ra, 1f; 3: c.jalr ra; j fail; 1: la a1, 3b; sub a0, ra, a1)
        TEST_CASE(202, a0, 2, la t0, 1f + 1; 3: c.jalr t0; j fail; 1: la a1, 3b; sub a0, ra, a1)

        /* ---- c.add ---- */
        TEST_CASE(204, a0, 0x8000000000000000, li a0, 0x7fffffffffffffff; li a1, 1; c.add a0, a1)
        TEST_CASE(205, t0, -2, li t0, 5; li t1, -7; c.add t0, t1)
        TEST_CASE(206, s11, 0x100000000, li s11, 0xffffffff; li ra, 1; c.add s11, ra)
TEST_END

/* Only the c.ebreak of test 198 may trap: check mcause, mtval and mepc,
 * then skip the 2-byte instruction. */
trap_handler:
        beqz s8, fail
        csrr t5, mcause
        bne t5, s8, fail
        csrr t5, mtval
        bne t5, s10, fail
        csrr t5, mepc
        bne t5, s10, fail
        addi s9, s9, 1
        addi t5, t5, 2
        csrw mepc, t5
        mret

        .data
        .align 12
pat:    .zero 1024
buf:    .zero 1024
