//! Random test programs for differential testing: engine against engine
//! here (issue #5), and later mimic against QEMU (issue #6).
//!
//! A program is a straight-line stream of random valid instructions
//! (forward branches only, so it always ends) placed at the start of RAM,
//! followed by `wfi` with interrupts off (every engine stops there). A
//! small M-mode handler at `HANDLER` skips any instruction that traps, so
//! faults (illegal encodings, misaligned AMOs, accesses to the unmapped
//! page, ecall/ebreak) are part of the test.
//!
//! Some stretches are counted loops (`li t3, K; body; addi t3, t3, -1;
//! bnez t3, body`), whose body is a block branching back to its own
//! start (a translator links such a block to itself). Forward branches
//! never land inside a loop.
//!
//! Register conventions: s0 (x8) points at a RAM data page, s1 (x9) at
//! an unmapped address; t3 (x28) counts loops; the handler uses t4-t6
//! (x29-x31). Random instructions never write these six.

use mimic_cpu::isa::{decode, decode32, Insn, Op, TABLE};
use mimic_cpu::Hart;

/// Where programs, the handler and data live.
pub const CODE: u64 = 0x8000_0000;
pub const HANDLER: u64 = 0x8010_0000;
pub const DATA: u64 = 0x8020_0000;
pub const DATA_SIZE: u64 = 0x2000;
/// An address nothing is mapped at (access faults).
pub const UNMAPPED: u64 = 0x4000_0000;

const RESERVED: [u8; 6] = [8, 9, 28, 29, 30, 31];

/// A small xorshift generator (no dependency, reproducible by seed).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A value biased towards edge cases.
    pub fn value(&mut self) -> u64 {
        match self.below(8) {
            0 => 0,
            1 => u64::MAX,
            2 => 1 << 63,
            3 => (1 << 63) - 1,
            4 => self.below(64),
            5 => 0x8000_0000,
            6 => 0xffff_ffff,
            _ => self.next(),
        }
    }
}

/// The handler: mepc += length of the trapping instruction; mret.
fn handler_words() -> Vec<u32> {
    [
        "csrr t6, mepc",
        "lhu t5, 0(t6)",
        "andi t5, t5, 3",
        "addi t6, t6, 2",
        "addi t4, zero, 3",
        "bne t5, t4, 8",
        "addi t6, t6, 2",
        "csrw mepc, t6",
        "mret",
    ]
    .iter()
    .map(|s| asm(s))
    .collect()
}

/// Encodes the few fixed instructions the generator needs.
fn asm(s: &str) -> u32 {
    let r = |n: u8| n;
    let enc = |i: Insn| i.encode().expect("valid");
    use mimic_cpu::isa::{Csr, B, I, N};
    match s {
        "csrr t6, mepc" => enc(Insn::Csrrs(Csr { rd: r(31), rs1: 0, csr: 0x341 })),
        "lhu t5, 0(t6)" => enc(Insn::Lhu(I { rd: 30, rs1: 31, imm: 0 })),
        "andi t5, t5, 3" => enc(Insn::Andi(I { rd: 30, rs1: 30, imm: 3 })),
        "addi t6, t6, 2" => enc(Insn::Addi(I { rd: 31, rs1: 31, imm: 2 })),
        "addi t4, zero, 3" => enc(Insn::Addi(I { rd: 29, rs1: 0, imm: 3 })),
        "bne t5, t4, 8" => enc(Insn::Bne(B { rs1: 30, rs2: 29, imm: 8 })),
        "csrw mepc, t6" => enc(Insn::Csrrw(Csr { rd: 0, rs1: 31, csr: 0x341 })),
        "mret" => enc(Insn::Mret(N)),
        "wfi" => enc(Insn::Wfi(N)),
        _ => unreachable!("unknown fixed instruction {s}"),
    }
}

/// Instructions the generator never emits (they would change the
/// control or privilege state the harness relies on). Everything else in
/// the table is fair game, with operands constrained below.
fn excluded(op: Op) -> bool {
    use Op::*;
    matches!(op, Jal | Jalr | Mret | Sret | Wfi | SfenceVma)
}

/// CSR instructions are kept only on fflags (see `random32`): other CSRs
/// would change the control or privilege state the harness relies on.
fn is_csr(i: &Insn) -> bool {
    matches!(i, Insn::Csrrw(_) | Insn::Csrrs(_) | Insn::Csrrc(_) | Insn::Csrrwi(_) | Insn::Csrrsi(_) | Insn::Csrrci(_))
}

/// Whether `insn` writes one of the reserved registers.
fn writes_reserved(insn: &Insn) -> bool {
    let f = insn.fields();
    let writes_x = !matches!(
        insn,
        Insn::Sb(_) | Insn::Sh(_) | Insn::Sw(_) | Insn::Sd(_) | Insn::Fsw(_) | Insn::Fsd(_) | Insn::Beq(_) | Insn::Bne(_)
            | Insn::Blt(_) | Insn::Bge(_) | Insn::Bltu(_) | Insn::Bgeu(_) | Insn::Fence(_) | Insn::FenceI(_)
            | Insn::Ecall(_) | Insn::Ebreak(_) | Insn::CboInval(_) | Insn::CboClean(_) | Insn::CboFlush(_) | Insn::CboZero(_)
    );
    let fp_dest = insn.op().is_some_and(|o| o.row().ops.starts_with('D'));
    writes_x && !fp_dest && RESERVED.contains(&f.rd)
}

/// Re-aims memory operands: the base becomes s0 (data page) or, rarely,
/// s1 (unmapped), with a small offset (sometimes misaligned).
fn aim_memory(w: u32, insn: &Insn, rng: &mut Rng) -> u32 {
    let is_mem = matches!(
        insn,
        Insn::Lb(_) | Insn::Lh(_) | Insn::Lw(_) | Insn::Ld(_) | Insn::Lbu(_) | Insn::Lhu(_) | Insn::Lwu(_)
            | Insn::Sb(_) | Insn::Sh(_) | Insn::Sw(_) | Insn::Sd(_) | Insn::Flw(_) | Insn::Fsw(_) | Insn::Fld(_) | Insn::Fsd(_)
    ) || matches!(insn.op(), Some(o) if o.row().ops.contains('A'));
    if !is_mem {
        return w;
    }
    let base: u32 = if rng.below(16) == 0 { 9 } else { 8 };
    let mut w = (w & !(0x1f << 15)) | base << 15;
    // I/S-type offsets: keep them small and mostly aligned.
    let off = (rng.below(512) as u32) & if rng.below(8) == 0 { !0 } else { !7 };
    match insn {
        Insn::Sb(_) | Insn::Sh(_) | Insn::Sw(_) | Insn::Sd(_) | Insn::Fsw(_) | Insn::Fsd(_) => {
            w = (w & !(0x7f << 25 | 0x1f << 7)) | (off >> 5) << 25 | (off & 0x1f) << 7;
        }
        _ if matches!(insn.op(), Some(o) if o.row().ops.contains('A')) => {}
        _ => w = (w & !(0xfff << 20)) | off << 20,
    }
    w
}

fn is_branch(i: &Insn) -> bool {
    matches!(i, Insn::Beq(_) | Insn::Bne(_) | Insn::Blt(_) | Insn::Bge(_) | Insn::Bltu(_) | Insn::Bgeu(_))
}

/// One random 32-bit instruction word fit for a test program (branch
/// targets are aimed later, at instruction boundaries).
fn random32(rng: &mut Rng) -> u32 {
    loop {
        let row = &TABLE[rng.below(TABLE.len() as u64) as usize];
        let op = decode32(row.bits).op().expect("rows decode");
        if excluded(op) {
            continue;
        }
        let mut w = row.bits | (rng.next() as u32 & !row.mask);
        if is_csr(&decode32(w)) {
            w = (w & 0x000f_ffff) | u32::from(mimic_cpu::csr::bits::FFLAGS) << 20;
        }
        let insn = decode32(w);
        if insn == Insn::Illegal || writes_reserved(&insn) {
            continue;
        }
        if !is_branch(&insn) {
            w = aim_memory(w, &insn, rng);
        }
        return w;
    }
}

/// One random compressed instruction without control flow.
fn random16(rng: &mut Rng) -> Option<u16> {
    for _ in 0..64 {
        let h = rng.next() as u16;
        if h & 3 == 3 {
            continue;
        }
        let d = decode(u32::from(h));
        let control = matches!(d.insn, Insn::Jal(_) | Insn::Jalr(_) | Insn::Beq(_) | Insn::Bne(_) | Insn::Ebreak(_));
        let mem = matches!(d.insn, Insn::Lw(_) | Insn::Ld(_) | Insn::Sw(_) | Insn::Sd(_) | Insn::Fld(_) | Insn::Fsd(_));
        if d.insn == Insn::Illegal || control || mem || writes_reserved(&d.insn) {
            continue;
        }
        return Some(h);
    }
    None
}

/// A random instruction that does not branch (a loop body's); mostly
/// inline integer, memory or F/D arithmetic (`mimic_dbt::group::allowed`),
/// so that most loop bodies are one translated block without helpers.
fn straight(rng: &mut Rng) -> (u32, u8) {
    let carried = rng.below(8) != 0;
    loop {
        let (w, len) = match (rng.below(4), random16(rng)) {
            (0, Some(h)) => (u32::from(h), 2),
            _ => (random32(rng), 4),
        };
        let insn = decode(w).insn;
        if !is_branch(&insn) && (!carried || mimic_dbt::group::allowed(&insn, true)) {
            return (w, len);
        }
    }
}

/// Appends a counted loop of `body` random instructions run 1 to 20
/// times; the words it adds are marked as no branch target (`inside`).
fn counted_loop(rng: &mut Rng, body: usize, words: &mut Vec<(u32, u8)>, inside: &mut Vec<bool>) {
    let count = 1 + rng.below(20) as i32;
    words.push((mimic_cpu::isa::I { rd: 28, rs1: 0, imm: count }.encode() | 0x13, 4)); // li t3, count
    inside.push(false);
    let mut len = 0i32;
    for _ in 0..body {
        let w = straight(rng);
        len += i32::from(w.1);
        words.push(w);
        inside.push(true);
    }
    words.push((mimic_cpu::isa::I { rd: 28, rs1: 28, imm: -1 }.encode() | 0x13, 4)); // addi t3, t3, -1
    let back = -(len + 4);
    words.push((mimic_cpu::isa::B { rs1: 28, rs2: 0, imm: back }.encode() | 0x1063, 4)); // bnez t3, body
    inside.extend([true, true]);
}

/// rotr32/rotr64 without Zbb, an idiom the translator folds into one
/// rotate (`mimic_dbt::rotate`): srli[w] s, a, k and slli[w] t, a, N - k in either
/// order, sometimes with random instructions between, then `or` into s or
/// t, and often a shift overwriting the other temporary (which lets the
/// fold happen); random neighbours decide the rest.
fn rotate_idiom(rng: &mut Rng) -> Vec<(u32, u8)> {
    let reg = |rng: &mut Rng| 1 + rng.below(31) as u8;
    // Word (srliw/slliw) or doubleword (srli/slli) shifts.
    let (bits, op) = if rng.below(2) == 0 { (32, 0x1b) } else { (64, 0x13) };
    let (a, s, t, k) = (reg(rng), reg(rng), reg(rng), 1 + rng.below(bits - 1) as i32);
    let srliw = mimic_cpu::isa::I { rd: s, rs1: a, imm: k }.encode() | 0x5000 | op;
    let slliw = |rd: u8, n: i32| mimic_cpu::isa::I { rd, rs1: a, imm: n }.encode() | 0x1000 | op;
    let mut v = vec![(srliw, 4), (slliw(t, bits as i32 - k), 4)];
    if rng.below(2) == 0 {
        v.swap(0, 1);
    }
    for _ in 0..rng.below(3) {
        v.insert(1 + rng.below(2) as usize, (random32(rng), 4));
    }
    let (d, other) = if rng.below(2) == 0 { (s, t) } else { (t, s) };
    let (x, y) = if rng.below(2) == 0 { (s, t) } else { (t, s) };
    v.push((mimic_cpu::isa::R { rd: d, rs1: x, rs2: y }.encode() | 0x6033, 4));
    if rng.below(4) != 0 {
        v.push((slliw(other, rng.below(bits) as i32 & 31), 4));
    }
    v
}

/// A random program of about `n` instructions and a final WFI, as bytes
/// for `CODE`. Branches aim forward at instruction boundaries only
/// (within the next 16 instructions or the WFI, never into a loop), so
/// every program ends.
pub fn program(rng: &mut Rng, n: usize) -> Vec<u8> {
    let mut words: Vec<(u32, u8)> = Vec::with_capacity(n + 1);
    let mut inside: Vec<bool> = Vec::with_capacity(n + 1);
    while words.len() < n {
        if rng.below(16) == 0 && n - words.len() > 4 {
            let body = 1 + rng.below(12.min((n - words.len() - 3) as u64)) as usize;
            counted_loop(rng, body, &mut words, &mut inside);
            continue;
        }
        if rng.below(16) == 0 {
            // zext.w without Zba, an idiom the translator fuses.
            let (rd, rs) = (1 + rng.below(31) as u8, rng.below(32) as u8);
            let slli = mimic_cpu::isa::I { rd, rs1: rs, imm: 32 }.encode() | 0x1013;
            if !writes_reserved(&decode32(slli)) {
                words.extend([(slli, 4), (mimic_cpu::isa::I { rd, rs1: rd, imm: 32 }.encode() | 0x5013, 4)]);
                inside.extend([false, false]);
                continue;
            }
        }
        if rng.below(16) == 0 {
            let rot = rotate_idiom(rng);
            if rot.iter().all(|&(w, _)| !writes_reserved(&decode(w).insn)) {
                inside.extend(rot.iter().map(|_| false));
                words.extend(rot);
                continue;
            }
        }
        match (rng.below(4), random16(rng)) {
            (0, Some(h)) => words.push((u32::from(h), 2)),
            _ => words.push((random32(rng), 4)),
        }
        inside.push(false);
    }
    words.push((asm("wfi"), 4));
    inside.push(false);
    let n = words.len() - 1;
    let offsets: Vec<u64> = words.iter().scan(0u64, |o, &(_, len)| {
        let here = *o;
        *o += u64::from(len);
        Some(here)
    }).collect();
    for i in 0..n {
        let (w, len) = words[i];
        if len == 4 && !inside[i] && is_branch(&decode32(w)) {
            let mut j = i + 1 + rng.below(16.min((n - i) as u64)) as usize;
            while inside[j] {
                j += 1; // the loop's end is never the last word (the WFI is)
            }
            let off = (offsets[j] - offsets[i]) as i32;
            words[i].0 = (w & 0x01ff_f07f) | mimic_cpu::isa::B { rs1: 0, rs2: 0, imm: off }.encode();
        }
    }
    let mut code = Vec::new();
    for (w, len) in words {
        code.extend_from_slice(&w.to_le_bytes()[..usize::from(len)]);
    }
    code
}

/// Puts `code`, the handler, random data and a random register state into
/// a freshly reset hart (M-mode, interrupts off).
pub fn setup(h: &mut Hart, rng: &mut Rng, code: &[u8]) {
    let ram = h.bus.ram();
    ram.write_bytes(CODE, code);
    let handler: Vec<u8> = handler_words().iter().flat_map(|w| w.to_le_bytes()).collect();
    ram.write_bytes(HANDLER, &handler);
    let data: Vec<u8> = (0..DATA_SIZE).map(|_| rng.next() as u8).collect();
    ram.write_bytes(DATA, &data);
    h.pc = CODE;
    for r in 1..32 {
        h.x[r] = rng.value();
    }
    for r in 0..32 {
        h.f[r] = if rng.below(2) == 0 { 0xffff_ffff_0000_0000 | (rng.value() & 0xffff_ffff) } else { rng.value() };
    }
    h.x[8] = DATA + DATA_SIZE / 2 - 256;
    h.x[9] = UNMAPPED;
    h.csr.mtvec = HANDLER;
    h.csr.mstatus |= 1 << 13; // FS = Initial
    h.csr.frm = rng.below(5);
}

/// The architectural state compared between runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub pc: u64,
    pub x: [u64; 32],
    pub f: [u64; 32],
    pub instret: u64,
    pub mstatus: u64,
    pub mcause: u64,
    pub mtval: u64,
    pub mepc: u64,
    pub fcsr: u64,
    pub data: Vec<u8>,
}

impl Snapshot {
    pub fn of(h: &Hart) -> Snapshot {
        let mut data = vec![0; DATA_SIZE as usize];
        h.bus.ram().read_bytes(DATA, &mut data);
        Snapshot {
            pc: h.pc,
            x: h.x,
            f: h.f,
            instret: h.instret,
            mstatus: h.csr.mstatus_read(),
            mcause: h.csr.mcause,
            mtval: h.csr.mtval,
            mepc: h.csr.mepc,
            fcsr: h.csr.frm << 5 | h.csr.fflags,
            data,
        }
    }

    /// A readable list of what differs from `other`.
    pub fn diff(&self, other: &Snapshot) -> Vec<String> {
        let mut d = Vec::new();
        let mut one = |name: String, a: u64, b: u64| {
            if a != b {
                d.push(format!("{name}: {a:#x} vs {b:#x}"));
            }
        };
        one("pc".into(), self.pc, other.pc);
        one("instret".into(), self.instret, other.instret);
        one("mstatus".into(), self.mstatus, other.mstatus);
        one("mcause".into(), self.mcause, other.mcause);
        one("mtval".into(), self.mtval, other.mtval);
        one("mepc".into(), self.mepc, other.mepc);
        one("fcsr".into(), self.fcsr, other.fcsr);
        for r in 0..32 {
            one(format!("x{r}"), self.x[r], other.x[r]);
            one(format!("f{r}"), self.f[r], other.f[r]);
        }
        if let Some(i) = (0..self.data.len()).find(|&i| self.data[i] != other.data[i]) {
            d.push(format!("data[{:#x}]: {:#x} vs {:#x}", DATA + i as u64, self.data[i], other.data[i]));
        }
        d
    }
}

/// A disassembly of a program (for failure reports).
pub fn listing(code: &[u8]) -> String {
    let mut out = String::new();
    let mut off = 0;
    while off + 2 <= code.len() {
        let lo = u16::from_le_bytes([code[off], code[off + 1]]);
        let raw = if lo & 3 == 3 && off + 4 <= code.len() {
            u32::from_le_bytes([code[off], code[off + 1], code[off + 2], code[off + 3]])
        } else {
            u32::from(lo)
        };
        let d = decode(raw);
        let pc = CODE + off as u64;
        out.push_str(&format!("{pc:#x}: {:08x} {}\n", d.raw, mimic_cpu::isa::disasm::disasm(&d, pc)));
        off += usize::from(d.len);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Programs contain counted loops whose `bnez t3` lands right after
    /// their `li t3, K`, and every other branch goes forward.
    #[test]
    fn loops_branch_back_to_their_body() {
        let mut rng = Rng::new(7);
        let mut loops = 0;
        for _ in 0..50 {
            let code = program(&mut rng, 64);
            let mut pc = 0usize;
            let mut body_start = None;
            while pc < code.len() {
                let lo = u16::from_le_bytes([code[pc], code[pc + 1]]);
                let raw = if lo & 3 == 3 { u32::from_le_bytes(code[pc..pc + 4].try_into().unwrap()) } else { u32::from(lo) };
                let d = decode(raw);
                match d.insn {
                    Insn::Addi(i) if i.rd == 28 && i.rs1 == 0 => body_start = Some(pc + 4),
                    Insn::Bne(b) if b.rs1 == 28 && b.rs2 == 0 => {
                        assert_eq!(Some((pc as i64 + i64::from(b.imm)) as usize), body_start);
                        loops += 1;
                    }
                    i if is_branch(&i) => assert!(i.fields().imm > 0, "forward only"),
                    _ => {}
                }
                pc += usize::from(d.len);
            }
        }
        assert!(loops > 10, "only {loops} loops in 50 programs");
    }
}
