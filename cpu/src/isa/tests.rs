//! Decoder, encoder and disassembler tests: table sanity, the golden
//! objdump table, the exhaustive 16-bit sweep, reserved encodings, and
//! encode/decode round trips on random words.

use super::compressed::decode16;
use super::disasm::disasm;
use super::*;

#[test]
fn rows_are_well_formed() {
    for row in TABLE {
        assert_eq!(row.bits & !row.mask, 0, "{}: match bits outside mask", row.mnemonic);
        assert_eq!(row.bits & 3, 3, "{}: not a 32-bit encoding", row.mnemonic);
    }
}

#[test]
fn no_two_encodings_overlap() {
    for (i, a) in TABLE.iter().enumerate() {
        for b in &TABLE[i + 1..] {
            let common = a.mask & b.mask;
            assert_ne!(a.bits & common, b.bits & common, "{} overlaps {}", a.mnemonic, b.mnemonic);
        }
    }
}

#[test]
fn no_two_compressed_rows_overlap() {
    let rows = compressed::CTABLE;
    for (i, a) in rows.iter().enumerate() {
        for b in &rows[i + 1..] {
            let common = a.mask & b.mask;
            assert_ne!(a.bits & common, b.bits & common, "{} overlaps {}", a.name, b.name);
        }
    }
}

#[test]
fn every_row_decodes_its_own_match_bits() {
    for (i, row) in TABLE.iter().enumerate() {
        let insn = decode32(row.bits);
        assert_eq!(insn.op().map(|o| o as usize), Some(i), "{}", row.mnemonic);
        assert_eq!(insn.encode(), Some(row.bits), "{}", row.mnemonic);
    }
}

/// Parses golden lines "pc raw text".
fn golden() -> Vec<(u64, u32, String)> {
    include_str!("../../tests/golden/disasm.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let mut p = l.splitn(3, ' ');
            let pc = u64::from_str_radix(p.next().unwrap(), 16).unwrap();
            let raw = u32::from_str_radix(p.next().unwrap(), 16).unwrap();
            (pc, raw, p.next().unwrap().to_string())
        })
        .collect()
}

#[test]
fn disassembly_matches_objdump_golden_table() {
    let mut bad = Vec::new();
    for (pc, raw, want) in golden() {
        let got = disasm(&decode(raw), pc);
        if got != want {
            bad.push(format!("{raw:08x}: got `{got}`, objdump `{want}`"));
        }
    }
    assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn golden_table_covers_every_instruction() {
    let seen: std::collections::HashSet<Op> = golden().iter().filter_map(|&(_, raw, _)| decode(raw).insn.op()).collect();
    let missing: Vec<_> = TABLE.iter().enumerate().filter(|(i, _)| !seen.iter().any(|o| *o as usize == *i)).map(|(_, r)| r.mnemonic).collect();
    assert!(missing.is_empty(), "not in the golden table: {missing:?}");
    let crows: std::collections::HashSet<&str> = golden()
        .iter()
        .filter(|&&(_, raw, _)| raw & 3 != 3)
        .filter_map(|&(_, raw, _)| compressed::row16(raw as u16).map(|r| r.name))
        .collect();
    assert_eq!(crows.len(), compressed::CTABLE.iter().map(|r| r.name).collect::<std::collections::HashSet<_>>().len());
}

#[test]
fn every_16_bit_word_equals_its_32_bit_expansion() {
    let mut valid = 0;
    for h in 0..=u16::MAX {
        let insn = decode16(h);
        if h & 3 == 3 {
            assert_eq!(insn, Insn::Illegal, "{h:#06x} is not a 16-bit encoding");
            continue;
        }
        if insn == Insn::Illegal {
            continue;
        }
        valid += 1;
        let w = insn.encode().expect("valid instructions encode");
        assert_eq!(decode32(w), insn, "{h:#06x} expands to {w:#010x}");
        let d = decode(u32::from(h));
        assert_eq!((d.len, d.insn), (2, insn));
    }
    assert!(valid > 40_000, "only {valid} valid compressed words");
}

#[test]
fn reserved_encodings_are_illegal() {
    let c = |h: u16| decode16(h);
    assert_eq!(c(0x0000), Insn::Illegal, "all-zero word");
    assert_eq!(c(0x0004), Insn::Illegal, "c.addi4spn with zero immediate, rd=x9");
    assert_eq!(c(0x6101), Insn::Illegal, "c.addi16sp with zero immediate");
    assert_eq!(c(0x6501), Insn::Illegal, "c.lui a0 with zero immediate");
    assert_eq!(c(0x4002), Insn::Illegal, "c.lwsp with rd=x0");
    assert_eq!(c(0x6002), Insn::Illegal, "c.ldsp with rd=x0");
    assert_eq!(c(0x8002), Insn::Illegal, "c.jr with rs1=x0");
    assert_eq!(c(0x2001), Insn::Illegal, "c.addiw with rd=x0");
    assert_eq!(c(0x8000), Insn::Illegal, "reserved quadrant-0 funct3=100");
    assert_eq!(c(0x9c41), Insn::Illegal, "CA funct6=100111 funct2=10 (RV64 reserved)");
    assert_eq!(c(0x9c61), Insn::Illegal, "CA funct6=100111 funct2=11 (RV64 reserved)");
    let w = decode32;
    assert_eq!(w(0x0200_151b), Insn::Illegal, "slliw with shamt[5] set");
    assert_eq!(w(0x0200_551b), Insn::Illegal, "srliw with shamt[5] set");
    assert_eq!(w(0x4200_551b), Insn::Illegal, "sraiw with shamt[5] set");
    assert_eq!(w(0xffff_ffff), Insn::Illegal, "all-ones word");
    assert_eq!(w(0x0000_0033 | 0x3 << 25), Insn::Illegal, "add with an unknown funct7");
    assert_eq!(w(0x0000_7003), Insn::Illegal, "load with funct3=111");
    assert_eq!(w(0x0000_4023), Insn::Illegal, "store with funct3=100");
    assert_eq!(w(0x0000_4073), Insn::Illegal, "SYSTEM funct3=100");
    assert_eq!(w(0x1030_0073), Insn::Illegal, "unknown privileged funct12");
    assert_eq!(w(0x0000_102f | 0x0800_0000), Insn::Illegal, "AMO with funct3=001");
    assert_eq!(w(0x1020_202f), Insn::Illegal, "lr.w with rs2 != 0");
    assert_eq!(w(0x0000_0057), Insn::Illegal, "vector opcode (V not implemented)");
}

#[test]
fn random_words_round_trip() {
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let mut valid = 0;
    for _ in 0..2_000_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let w = (x as u32) | 3;
        let insn = decode32(w);
        if insn == Insn::Illegal {
            continue;
        }
        valid += 1;
        let e = insn.encode().unwrap();
        assert_eq!(decode32(e), insn, "{w:#010x} -> {e:#010x}");
        let _ = disasm(&decode(w), 0x8000_0000);
    }
    assert!(valid > 100_000);
}

/// `x_regs` on one instruction of each operand shape (the translator's
/// register allocator plans evictions with it).
#[test]
fn x_regs_of_each_operand_shape() {
    let regs = |raw: u32| decode(raw).insn.x_regs();
    let bit = |r: u32| 1u32 << r;
    assert_eq!(regs(0x00c5_8533), (bit(11) | bit(12), bit(10))); // add a0,a1,a2
    assert_eq!(regs(0x0085_b503), (bit(11), bit(10))); // ld a0,8(a1)
    assert_eq!(regs(0x00a5_b423), (bit(11) | bit(10), 0)); // sd a0,8(a1)
    assert_eq!(regs(0x00b5_0463), (bit(10) | bit(11), 0)); // beq a0,a1,8
    assert_eq!(regs(0x0000_0513), (0, bit(10))); // li a0,0 (x0 read not listed)
    assert_eq!(regs(0x1234_5537), (0, bit(10))); // lui a0,0x12345
    assert_eq!(regs(0x0cb5_252f), (bit(10) | bit(11), bit(10))); // amoswap.w a0,a1,(a0)
    assert_eq!(regs(0x3400_1573), (0, bit(10))); // csrrw a0,mscratch,x0
    assert_eq!(regs(0x0005_3007), (bit(10), 0)); // fld f0,0(a0)
    assert_eq!(regs(0xe200_0553), (0, bit(10))); // fmv.x.d a0,f0
    assert_eq!(regs(0x8082), (bit(1), 0)); // c.jr ra (ret)
    assert_eq!(decode(0).insn.x_regs(), (0, 0)); // illegal
}
