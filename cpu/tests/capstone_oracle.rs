//! mimic's decoder and disassembler checked against capstone's RISC-V
//! disassembly (DESIGN.md §6). capstone 5's RISC-V backend is an LLVM-7-era
//! port that knows RV64IMAFDC only; it is a test oracle here, never a
//! runtime dependency.
//!
//! Corpus: 200 000 xorshift words (low bits forced to `11`); every 32-bit
//! table row of an extension capstone knows, as its match bits alone, with
//! 200 random fillings of its operand bits and with 200 fillings biased
//! towards objdump's alias operands; every CSR number under each CSR
//! instruction; every FENCE fm/pred/succ; a few hand-picked words; and
//! every 16-bit parcel (low bits not `11`).
//!
//! Per word: mimic's validity (`Insn::Illegal` or not) must equal
//! capstone's (no instruction returned = invalid), and where both decode,
//! the texts must be equal after [`canon`]. Every disagreement must be an
//! explicitly listed [`Known`] class (each is asserted to occur, so the list
//! cannot go stale) or an alias in [`OBJDUMP_ONLY_ALIASES`].
//!
//! The normalization, all of it:
//! 1. operands are split on capstone's ", " and mimic's ",";
//! 2. numbers compare by value (capstone prints hex above 9, mimic decimal
//!    immediates and hex upper immediates / shift amounts);
//! 3. branch and jump targets: capstone prints the offset, mimic the
//!    absolute address; mimic disassembles at pc 0 and its target is read
//!    back as a two's-complement offset;
//! 4. CSR operands compare by number: capstone's CSR names come from
//!    privileged spec 1.10 (N-extension user CSRs, `dscratch`, only
//!    pmpcfg0-3, pmpaddr13/14 swapped) and it prints unnamed CSRs in
//!    decimal; each side's names are resolved through its own table;
//! 5. capstone prints `jalr rd, rs1, imm`, rewritten to `jalr rd, imm(rs1)`;
//! 6. capstone prints RVC instructions as `c.*` (no uncompression in its
//!    printer); [`expand_rvc`] rewrites them to the 32-bit form, which is
//!    compared with mimic's alias-free [`disasm_raw`].

use std::collections::{BTreeMap, HashMap};

use capstone::prelude::*;
use mimic_cpu::csr::csr_name;
use mimic_cpu::isa::compressed::row16;
use mimic_cpu::isa::disasm::{self, disasm, disasm_raw};
use mimic_cpu::isa::{decode, Decoded, Insn, Op, TABLE};

/// Rows of extensions capstone 5 does not know (Zba, Zbb, Zbc, Zbs,
/// Zicond, Zicbom, Zicboz): left out of the row sweep, and random words
/// that mimic decodes as one of them are not compared.
fn capstone_knows(op: Op) -> bool {
    use Op::*;
    #[rustfmt::skip]
    let unknown = matches!(op,
        AddUw | Sh1add | Sh2add | Sh3add | Sh1addUw | Sh2addUw | Sh3addUw | SlliUw
        | Andn | Orn | Xnor | Clz | Ctz | Cpop | Clzw | Ctzw | Cpopw | Max | Maxu | Min | Minu
        | SextB | SextH | ZextH | Rol | Ror | Rolw | Rorw | Rori | Roriw | OrcB | Rev8
        | Clmul | Clmulh | Clmulr
        | Bclr | Bclri | Bext | Bexti | Binv | Binvi | Bset | Bseti
        | CzeroEqz | CzeroNez
        | CboInval | CboClean | CboFlush | CboZero);
    !unknown
}

/// objdump aliases (mimic's convention) that capstone has no alias for:
/// where mimic prints one of these and capstone prints the instruction's
/// own mnemonic, mimic's [`disasm_raw`] is compared instead.
const OBJDUMP_ONLY_ALIASES: &[&str] = &["li", "zext.b", "pause"];

/// Disagreements that are capstone's, or differ by design. Each names the
/// spec clause; `known` holds the exact predicate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Known {
    /// Static rounding modes 101 and 110 are "reserved for future use"
    /// (unprivileged spec, F, "Floating-Point Control and Status Register",
    /// table "Rounding mode encoding"): mimic decodes them and raises
    /// illegal instruction when executed; capstone rejects the word.
    ReservedStaticRm,
    /// fcvt.d.s, fcvt.d.w and fcvt.d.wu have an rm field like every other
    /// conversion (D, "Double-Precision Floating-Point Conversion"; the
    /// result is exact so rm never matters); LLVM 7 fixes it to 000 and
    /// capstone rejects any other value.
    ExactConvertRm,
    /// FENCE with rd/rs1 non-zero or a reserved fm: "base implementations
    /// shall ignore these fields" and treat reserved fm values as a normal
    /// fence (unprivileged spec, "Memory Ordering Instructions"); capstone
    /// accepts only rd = rs1 = 0 with fm = 0000 or exactly fence.tso.
    FenceReservedFields,
    /// FENCE.I with imm/rs1/rd non-zero: "base implementations shall ignore
    /// these fields" (Zifencei); capstone requires them to be zero.
    FenceIReservedFields,
    /// `uret` belongs to the N extension (user-level interrupts), which was
    /// never ratified and is gone from the privileged spec; capstone still
    /// decodes it.
    Uret,
    /// The all-zero parcel is defined illegal (unprivileged spec, RVC,
    /// "Illegal Instruction"); capstone decodes it as `c.unimp`, mimic as
    /// `Insn::Illegal` (the disassembler prints `unimp`, like objdump).
    CUnimp,
    /// C.LUI with nzimm = 0 is reserved (RVC, "Integer Constant-Generation
    /// Instructions"); capstone decodes it as `c.lui rd, 0`.
    CLuiZeroImm,
    /// RVC HINTs with rd = x0 (RVC, "HINT Instructions": c.li, c.lui,
    /// c.mv, c.add, c.slli with rd = x0; c.addi with rd = x0 and
    /// nzimm != 0). mimic decodes them to their no-op expansion as the spec
    /// says; capstone rejects them (LLVM 7's GPRNoX0 operands), except
    /// that c.addi x0 with nzimm[5] = 0 decodes as a bare `c.nop` with the
    /// immediate dropped.
    RvcHintRdX0,
    /// cycleh, timeh and instreth exist only when XLEN = 32 (privileged
    /// spec, "Hardware Performance Monitor"); capstone prints its RV32
    /// aliases rdcycleh/rdtimeh/rdinstreth for csrrs rd,0xc8x,zero even in
    /// RV64 mode, mimic `csrr rd,0xc8x`.
    Rv32CounterAlias,
    /// `addi rd,zero,0` is both `li rd,0` and `mv rd,zero`; binutils picks
    /// li (mimic follows objdump), LLVM 7's printer picks mv. No spec
    /// clause: an alias preference.
    LiZeroAsMv,
}

/// The predicate of each [`Known`] class: `cs` is capstone's raw text.
fn known(d: &Decoded, cs: Option<&str>) -> Option<Known> {
    let w = d.raw;
    let row = d.insn.op().map(|op| op.row());
    let cs_mn = cs.map(|t| t.split(' ').next().unwrap_or(""));
    if d.len == 4 {
        let f = d.insn.fields();
        let rm_field = row.is_some_and(|r| r.ops.contains('m'));
        return match d.insn {
            _ if cs.is_none() && rm_field && matches!(f.rm, 5 | 6) => Some(Known::ReservedStaticRm),
            Insn::FcvtDS(_) | Insn::FcvtDW(_) | Insn::FcvtDWu(_) if cs.is_none() && f.rm != 0 => {
                Some(Known::ExactConvertRm)
            }
            Insn::Fence(fe)
                if cs.is_none() && (w >> 7 & 0x1f != 0 || w >> 15 & 0x1f != 0 || fe.fm != 0 && !fe.is_tso()) =>
            {
                Some(Known::FenceReservedFields)
            }
            Insn::FenceI(_) if cs.is_none() && w & !0x707f != 0 => Some(Known::FenceIReservedFields),
            Insn::Illegal if w == 0x0020_0073 && cs == Some("uret") => Some(Known::Uret),
            Insn::Addi(a)
                if a.rs1 == 0
                    && a.imm == 0
                    && cs == Some(&*format!("mv {}, zero", disasm::XNAMES[usize::from(a.rd)])) =>
            {
                Some(Known::LiZeroAsMv)
            }
            Insn::Csrrs(c)
                if c.rs1 == 0
                    && matches!(
                        (c.csr, cs_mn),
                        (0xc80, Some("rdcycleh")) | (0xc81, Some("rdtimeh")) | (0xc82, Some("rdinstreth"))
                    ) =>
            {
                Some(Known::Rv32CounterAlias)
            }
            _ => None,
        };
    }
    let h = w as u16;
    let rd = h >> 7 & 0x1f;
    let name = row16(h).map_or("", |r| r.name);
    match d.insn {
        Insn::Illegal if h == 0 && cs == Some("c.unimp") => Some(Known::CUnimp),
        Insn::Illegal if name == "c.lui/c.addi16sp" && rd != 2 && h & 0x107c == 0 && cs_mn == Some("c.lui") => {
            Some(Known::CLuiZeroImm)
        }
        Insn::Addi(a) if a.rd == 0 && name == "c.addi" && a.imm != 0 && (cs.is_none() || cs == Some("c.nop")) => {
            Some(Known::RvcHintRdX0)
        }
        Insn::Addi(_) | Insn::Lui(_) | Insn::Add(_) | Insn::Slli(_)
            if rd == 0
                && cs.is_none()
                && matches!(name, "c.li" | "c.lui/c.addi16sp" | "c.jr/c.mv" | "c.ebreak/c.jalr/c.add" | "c.slli") =>
        {
            Some(Known::RvcHintRdX0)
        }
        _ => None,
    }
}

/// capstone set up for RV64GC, plus its CSR name table read back from it.
struct Oracle {
    cs: Capstone,
    csr: HashMap<String, u16>,
}

impl Oracle {
    fn new() -> Oracle {
        let cs = Capstone::new()
            .riscv()
            .mode(arch::riscv::ArchMode::RiscV64)
            .extra_mode([arch::riscv::ArchExtraMode::RiscVC].iter().copied())
            .build()
            .expect("capstone RISC-V");
        let mut o = Oracle { cs, csr: HashMap::new() };
        for c in 0..0x1000u32 {
            // csrrs ra, c, a0: no alias, so the CSR is operand 1.
            let t = o.text(&(c << 20 | 10 << 15 | 2 << 12 | 1 << 7 | 0x73).to_le_bytes()).expect("csrrs decodes");
            let name = t.split(", ").nth(1).expect("csrrs has 3 operands");
            if num(name).is_none() {
                o.csr.insert(name.to_string(), c as u16);
            }
        }
        o
    }

    /// capstone's text for exactly one instruction filling `bytes`.
    fn text(&self, bytes: &[u8]) -> Option<String> {
        let insns = self.cs.disasm_count(bytes, 0, 1).ok()?;
        let i = insns.iter().next()?;
        assert_eq!(i.len(), bytes.len(), "capstone length of {bytes:02x?}");
        let (m, o) = (i.mnemonic().unwrap_or(""), i.op_str().unwrap_or(""));
        Some(if o.is_empty() { m.to_string() } else { format!("{m} {o}") })
    }

    /// capstone's text, normalized.
    fn canon(&self, text: &str) -> String {
        let (mn, ops) = split(text, ", ");
        let (mn, mut ops) = if mn.starts_with("c.") { expand_rvc(&mn, &ops) } else { (mn, ops) };
        if mn == "jalr" && ops.len() == 3 {
            ops = vec![ops[0].clone(), format!("{}({})", ops[2], ops[1])];
        }
        canon(&mn, ops, &self.csr)
    }
}

/// mimic's CSR names, number by name.
fn mimic_csrs() -> HashMap<String, u16> {
    (0..0x1000u16).filter_map(|a| csr_name(a).map(|n| (n, a))).collect()
}

/// mimic's text (disassembled at pc 0), normalized.
fn mimic_canon(text: &str, csrs: &HashMap<String, u16>) -> String {
    const TARGET: &[&str] =
        &["beq", "bne", "blt", "bge", "bltu", "bgeu", "beqz", "bnez", "blez", "bgez", "bltz", "bgtz", "j", "jal"];
    let (mn, mut ops) = split(text, ",");
    if TARGET.contains(&mn.as_str()) {
        let last = ops.last_mut().expect("a target");
        let off = u64::from_str_radix(last, 16).expect("hex target") as i64;
        *last = off.to_string();
    }
    canon(&mn, ops, csrs)
}

fn split(text: &str, sep: &str) -> (String, Vec<String>) {
    match text.split_once(' ') {
        Some((m, o)) => (m.to_string(), o.split(sep).map(str::to_string).collect()),
        None => (text.to_string(), Vec::new()),
    }
}

/// Parses `-0x1f`, `0x1f`, `-5`, `5`.
fn num(s: &str) -> Option<i64> {
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let v = match s.strip_prefix("0x") {
        Some(h) => i64::from_str_radix(h, 16).ok()?,
        None if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok()?,
        None => return None,
    };
    Some(if neg { -v } else { v })
}

/// Numbers to decimal, `imm(reg)` offsets to decimal, CSR names (operands
/// of csr* mnemonics) to numbers; joined as "mn op,op".
fn canon(mn: &str, ops: Vec<String>, csrs: &HashMap<String, u16>) -> String {
    let ops: Vec<String> = ops
        .into_iter()
        .map(|o| {
            if let Some(v) = num(&o) {
                return v.to_string();
            }
            if let Some((imm, rest)) = o.split_once('(') {
                if let Some(v) = num(imm) {
                    return format!("{v}({rest}");
                }
            }
            match csrs.get(&o) {
                Some(c) if mn.starts_with("csr") => c.to_string(),
                _ => o,
            }
        })
        .collect();
    if ops.is_empty() {
        mn.to_string()
    } else {
        format!("{mn} {}", ops.join(","))
    }
}

/// capstone's `c.*` text rewritten to the 32-bit instruction it expands to
/// (unprivileged spec, RVC chapter, each instruction's "expands to").
fn expand_rvc(mn: &str, o: &[String]) -> (String, Vec<String>) {
    let s = |x: &str| x.to_string();
    let (base, ops) = match mn {
        "c.nop" => ("addi", vec![s("zero"), s("zero"), s("0")]),
        "c.addi16sp" => ("addi", vec![o[0].clone(), o[0].clone(), o[1].clone()]),
        "c.addi" | "c.addiw" | "c.slli" | "c.srli" | "c.srai" | "c.andi" | "c.add" | "c.sub" | "c.xor" | "c.or"
        | "c.and" | "c.subw" | "c.addw" => (&mn[2..], vec![o[0].clone(), o[0].clone(), o[1].clone()]),
        "c.addi4spn" => ("addi", o.to_vec()),
        "c.li" => ("addi", vec![o[0].clone(), s("zero"), o[1].clone()]),
        "c.mv" => ("add", vec![o[0].clone(), s("zero"), o[1].clone()]),
        "c.j" => ("jal", vec![s("zero"), o[0].clone()]),
        "c.beqz" => ("beq", vec![o[0].clone(), s("zero"), o[1].clone()]),
        "c.bnez" => ("bne", vec![o[0].clone(), s("zero"), o[1].clone()]),
        "c.jr" => ("jalr", vec![s("zero"), format!("0({})", o[0])]),
        "c.jalr" => ("jalr", vec![s("ra"), format!("0({})", o[0])]),
        "c.ebreak" => ("ebreak", vec![]),
        "c.lwsp" | "c.ldsp" | "c.fldsp" | "c.swsp" | "c.sdsp" | "c.fsdsp" => (&mn[2..mn.len() - 2], o.to_vec()),
        "c.lui" | "c.lw" | "c.ld" | "c.fld" | "c.sw" | "c.sd" | "c.fsd" => (&mn[2..], o.to_vec()),
        other => panic!("capstone printed `{other}`, which has no RV64C expansion here"),
    };
    (base.to_string(), ops)
}

fn xorshift(x: &mut u64) -> u32 {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x as u32
}

/// Random operand bits biased towards the values objdump's aliases look
/// for: each register field is zero half the time, and bits 31:20 are 0,
/// 1, -1 or 255 half the time.
fn biased(x: &mut u64) -> u32 {
    let (mut w, r) = (xorshift(x), xorshift(x));
    for (i, shift) in [7, 15, 20].into_iter().enumerate() {
        if r >> i & 1 != 0 {
            w &= !(0x1f << shift);
        }
    }
    if r >> 3 & 1 != 0 {
        w = w & 0xf_ffff | [0, 1, 0xfff, 0xff][(r >> 4 & 3) as usize] << 20;
    }
    w
}

/// The 32-bit corpus (see the module note).
fn words32() -> Vec<u32> {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut words: Vec<u32> = (0..200_000).map(|_| xorshift(&mut x) | 3).collect();
    for (i, row) in TABLE.iter().enumerate() {
        if !decode(row.bits).insn.op().is_some_and(capstone_knows) {
            continue;
        }
        assert_eq!(decode(row.bits).insn.op().map(|o| o as usize), Some(i));
        words.push(row.bits);
        words.extend((0..200).map(|_| row.bits | (xorshift(&mut x) & !row.mask)));
        words.extend((0..200).map(|_| row.bits | (biased(&mut x) & !row.mask)));
    }
    // Every CSR number under each CSR instruction, with rd and rs1/uimm
    // zero and not (the CSR aliases depend on both).
    for row in TABLE.iter().filter(|r| r.mnemonic.starts_with("csr")) {
        for csr in 0..0x1000u32 {
            let r = xorshift(&mut x) % 31 + 1;
            for (rd, rs1) in [(0, 0), (0, r), (r, 0), (r, r)] {
                words.push(row.bits | csr << 20 | rs1 << 15 | rd << 7);
            }
        }
    }
    // Every fm/pred/succ of FENCE.
    words.extend((0..0x1000u32).map(|imm| 0x0000_000f | imm << 20));
    // uret, unimp (csrrw zero,cycle,zero), empty fence sets, pause,
    // fence.tso, fence, sfence.vma, dret (Sdext, known to neither).
    words.extend([
        0x0020_0073,
        0xc000_1073,
        0x0000_000f,
        0x0100_000f,
        0x8330_000f,
        0x0ff0_000f,
        0x1200_0073,
        0x7b20_0073,
    ]);
    words
}

#[derive(Default)]
struct Tally {
    /// Both decode and the texts agree (directly or through an alias).
    agreed: usize,
    both_illegal: usize,
    not_in_capstone: usize,
    known: BTreeMap<Known, usize>,
    aliases: BTreeMap<&'static str, usize>,
    bad: Vec<String>,
}

/// Checks one word and counts the outcome in `t`. 32-bit words compare
/// mimic's `disasm` (objdump's aliases); 16-bit words its `disasm_raw` of
/// the expansion, against capstone's `c.*` text expanded.
fn check(o: &Oracle, csrs: &HashMap<String, u16>, d: &Decoded, bytes: &[u8], t: &mut Tally) {
    if d.insn.op().is_some_and(|op| !capstone_knows(op)) {
        t.not_in_capstone += 1;
        return;
    }
    let cs = o.text(bytes);
    let raw = disasm_raw(d, 0);
    let shown = if d.len == 2 { raw.clone() } else { disasm(d, 0) };
    match (d.insn, cs.as_deref()) {
        (Insn::Illegal, None) => t.both_illegal += 1,
        (_, Some(c)) if d.insn != Insn::Illegal => {
            let want = o.canon(c);
            if mimic_canon(&shown, csrs) == want {
                t.agreed += 1;
                return;
            }
            let alias = shown.split(' ').next().unwrap_or("");
            let own = raw.split(' ').next().unwrap_or("");
            if let Some(a) = OBJDUMP_ONLY_ALIASES.iter().find(|&&a| a == alias) {
                if c.split(' ').next() == Some(own) && mimic_canon(&raw, csrs) == want {
                    t.agreed += 1;
                    *t.aliases.entry(a).or_default() += 1;
                    return;
                }
            }
            match known(d, cs.as_deref()) {
                Some(k) => *t.known.entry(k).or_default() += 1,
                None => t.bad.push(format!(
                    "{:0w$x}: capstone `{c}` mimic `{shown}` ({want} vs {})",
                    d.raw,
                    mimic_canon(&shown, csrs),
                    w = 2 * bytes.len()
                )),
            }
        }
        (_, cs) => match known(d, cs) {
            Some(k) => *t.known.entry(k).or_default() += 1,
            None => {
                t.bad.push(format!("{:0w$x}: capstone {:?} mimic `{}`", d.raw, cs, disasm(d, 0), w = 2 * bytes.len()))
            }
        },
    }
}

#[test]
fn disassembly_agrees_with_capstone() {
    assert_eq!(Capstone::lib_version().0, 5, "the Known list describes capstone 5");
    let o = Oracle::new();
    let csrs = mimic_csrs();
    let mut t32 = Tally::default();
    let w32 = words32();
    for &w in &w32 {
        check(&o, &csrs, &decode(w), &w.to_le_bytes(), &mut t32);
    }
    let mut t16 = Tally::default();
    let mut n16 = 0;
    for h in (0..=u16::MAX).filter(|h| h & 3 != 3) {
        n16 += 1;
        let d = decode(u32::from(h));
        assert_eq!(d.len, 2);
        check(&o, &csrs, &d, &h.to_le_bytes(), &mut t16);
    }
    for (name, n, t) in [("32-bit", w32.len(), &t32), ("16-bit", n16, &t16)] {
        println!(
            "{name}: {n} words: {} texts agree, {} illegal in both, {} in extensions capstone lacks, {} known differences",
            t.agreed,
            t.both_illegal,
            t.not_in_capstone,
            t.known.values().sum::<usize>()
        );
        println!("  objdump-only aliases: {:?}\n  known differences: {:?}", t.aliases, t.known);
    }
    let bad: Vec<_> = t32.bad.iter().chain(&t16.bad).collect();
    assert!(
        bad.is_empty(),
        "{} disagreements with capstone:\n{}",
        bad.len(),
        bad.iter().take(60).map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
    // Every listed difference must still occur, so the lists stay honest.
    for a in OBJDUMP_ONLY_ALIASES {
        assert!(t32.aliases.contains_key(a), "alias `{a}` never differed: drop it from OBJDUMP_ONLY_ALIASES");
    }
    let seen: Vec<Known> = t32.known.keys().chain(t16.known.keys()).copied().collect();
    for k in [
        Known::ReservedStaticRm,
        Known::ExactConvertRm,
        Known::FenceReservedFields,
        Known::FenceIReservedFields,
        Known::Uret,
        Known::CUnimp,
        Known::CLuiZeroImm,
        Known::RvcHintRdX0,
        Known::Rv32CounterAlias,
        Known::LiZeroAsMv,
    ] {
        assert!(seen.contains(&k), "{k:?} never occurred: drop it from Known");
    }
    assert!(t32.agreed > 200_000 && t16.agreed > 45_000, "too few words compared");
}
