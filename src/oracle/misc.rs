//! Control flow, CSR, compressed, trap and fence items.
//!
//! Control flow is forward only (to a later item or the body's end), so
//! every iteration of the body ends. Traps go through the M-mode handler
//! (see `program.rs`), which records mcause, mepc and mtval and resumes
//! after the trapping instruction.
//!
//! Trap items are the ones whose cause the spec fixes: ecall, ebreak,
//! c.ebreak, the defined illegal instructions (c.unimp 0x0000 and the
//! all-zero 16-bit encoding, unpriv §16.5 (C) "illegal instruction";
//! writes to read-only CSRs, priv §2.1 "Attempts to write a read-only
//! register raise an illegal-instruction exception"; reserved static
//! rounding modes 5 and 6, and the dynamic mode while frm holds 5..7,
//! unpriv "F" §11.2). Not generated: other reserved encodings (the spec
//! reserves them for future use without fixing what current
//! implementations do), accesses to CSRs only one side implements, and
//! reads of counters, time and ID registers (values implementation-
//! specific, priv §3.1.10, §3.1.2-3.1.5).

use super::fp;
use super::gen::{Ctx, Item, Kind};

const BRANCHES: [&str; 6] = ["beq", "bne", "blt", "bge", "bltu", "bgeu"];
const FCSRS: [&str; 3] = ["fflags", "frm", "fcsr"];
/// Read-only CSRs every RV64GC M-mode implementation has (written here
/// to raise illegal instruction).
const READ_ONLY: [&str; 7] = ["cycle", "time", "instret", "mvendorid", "marchid", "mimpid", "mhartid"];

/// A forward branch or jump (None when the kind drew nothing).
pub fn branch(cx: &mut Ctx) -> Option<Item> {
    let ahead = cx.r.range(1, 8) as usize;
    let l = cx.label(ahead);
    let item = match cx.r.below(8) {
        0..=3 => Item::one(Kind::Branch, format!("{} x{}, x{}, {l}", cx.r.pick(&BRANCHES), cx.sx(), cx.sx())),
        4 => {
            let l = cx.label(ahead.min(3));
            let rs = cx.r.range(8, 15);
            Item::rvc(Kind::Branch, vec![format!("{} x{rs}, {l}", cx.r.pick(&["c.beqz", "c.bnez"]))])
        }
        5 => Item::one(Kind::Branch, format!("jal x{}, {l}", cx.wx_or_zero())),
        6 => Item::rvc(Kind::Branch, vec![format!("c.j {l}")]),
        _ => indirect(cx, &l),
    };
    Some(item)
}

/// `la` then jalr, c.jr or c.jalr (c.jalr links in ra).
fn indirect(cx: &mut Ctx, l: &str) -> Item {
    let t = cx.wx();
    let la = format!("la x{t}, {l}");
    match cx.r.below(3) {
        0 => Item::new(Kind::Branch, vec![la, format!("jalr x{}, 0(x{t})", cx.wx_or_zero())]),
        1 => Item::new(Kind::Branch, vec![la, ".option rvc".into(), format!("c.jr x{t}"), ".option norvc".into()]),
        _ => Item::new(Kind::Branch, vec![la, ".option rvc".into(), format!("c.jalr x{t}"), ".option norvc".into()]),
    }
}

/// A value for `csr`: frm valid 7 times in 8 (reserved values make the
/// following dynamic-rounding FP operations trap).
fn csr_value(cx: &mut Ctx, csr: &str) -> u64 {
    let frm = if cx.r.one_in(8) { cx.r.range(5, 7) as u64 } else { cx.r.below(5) };
    match csr {
        "frm" => frm | ((cx.r.next_u64() & !7) * u64::from(cx.r.one_in(4))),
        "fflags" => cx.r.below(32) | ((cx.r.next_u64() & !31) * u64::from(cx.r.one_in(4))),
        _ => cx.r.below(32) | frm << 5 | ((cx.r.next_u64() & !0xff) * u64::from(cx.r.one_in(4))),
    }
}

/// Reads and writes of fflags, frm and fcsr in every CSR instruction form.
pub fn csr(cx: &mut Ctx) -> Item {
    let csr = *cx.r.pick(&FCSRS);
    let rd = cx.wx_or_zero();
    match cx.r.below(6) {
        0 | 1 => {
            let t = cx.wx();
            let v = csr_value(cx, csr);
            let op = *cx.r.pick(&["csrrw", "csrrs", "csrrc"]);
            Item::new(Kind::Csr, vec![format!("li x{t}, {v:#x}"), format!("{op} x{rd}, {csr}, x{t}")])
        }
        2 => {
            let v = csr_value(cx, csr) & 31;
            Item::one(Kind::Csr, format!("{} x{rd}, {csr}, {v}", cx.r.pick(&["csrrwi", "csrrsi", "csrrci"])))
        }
        3 => Item::one(Kind::Csr, format!("csrrs x{rd}, {csr}, x0")),
        4 => Item::one(Kind::Csr, format!("{} x{rd}, {csr}, x{}", cx.r.pick(&["csrrs", "csrrc"]), cx.sx())),
        _ => Item::one(Kind::Csr, format!("csrrw x{rd}, {csr}, x{}", cx.sx())),
    }
}

/// Compressed instructions without control flow (rd' and rs1' name
/// x8..x15; s0 = x8 is reserved, so it is only a source or base).
pub fn compressed(cx: &mut Ctx) -> Item {
    let (rd, p, q) = (cx.wx(), cx.r.range(9, 15), cx.r.range(8, 15));
    let nz6 = if cx.r.one_in(2) { cx.r.range(-32, -1) } else { cx.r.range(1, 31) };
    let i6 = cx.r.range(-32, 31);
    let sh = cx.r.range(1, 63);
    let line = match cx.r.below(23) {
        0 => format!("c.addi x{rd}, {nz6}"),
        1 => format!("c.addiw x{rd}, {i6}"),
        2 => format!("c.li x{rd}, {i6}"),
        3 => format!("c.lui x{rd}, {:#x}", if nz6 > 0 { nz6 } else { 0x100000 + nz6 }),
        4 => format!("{} x{p}, {sh}", cx.r.pick(&["c.srli", "c.srai"])),
        5 => format!("c.andi x{p}, {i6}"),
        6 => format!("c.mv x{rd}, x{}", cx.r.range(1, 31)),
        7 => format!("c.add x{rd}, x{}", cx.r.range(1, 31)),
        8 | 9 => format!("{} x{p}, x{q}", cx.r.pick(&["c.sub", "c.xor", "c.or", "c.and", "c.subw", "c.addw"])),
        10 => format!("c.addi4spn x{p}, sp, {}", cx.r.range(1, 255) * 4),
        11 => format!("c.slli x{rd}, {sh}"),
        12 => format!("c.lw x{p}, {}(x8)", cx.r.range(0, 31) * 4),
        13 => format!("c.ld x{p}, {}(x8)", cx.r.range(0, 31) * 8),
        14 => format!("c.sw x{q}, {}(x8)", cx.r.range(0, 31) * 4),
        15 => format!("{} f{q}, {}(x8)", cx.r.pick(&["c.fld", "c.fsd"]), cx.r.range(0, 31) * 8),
        16 => format!("c.lwsp x{rd}, {}(sp)", cx.r.range(0, 63) * 4),
        17 => format!("c.ldsp x{rd}, {}(sp)", cx.r.range(0, 63) * 8),
        18 => format!("c.swsp x{}, {}(sp)", cx.sx(), cx.r.range(0, 63) * 4),
        19 => format!("c.fldsp f{}, {}(sp)", cx.fr(), cx.r.range(0, 63) * 8),
        20 => format!("c.fsdsp f{}, {}(sp)", cx.fr(), cx.r.range(0, 63) * 8),
        21 => format!("c.sd x{q}, {}(x8)", cx.r.range(0, 31) * 8),
        _ => format!("c.sdsp x{}, {}(sp)", cx.sx(), cx.r.range(0, 63) * 8),
    };
    Item::rvc(Kind::Compressed, vec![line])
}

/// An instruction that traps with a cause the spec fixes.
pub fn trap(cx: &mut Ctx) -> Item {
    let (rd, s) = (cx.wx_or_zero(), cx.r.range(1, 31));
    let ro = *cx.r.pick(&READ_ONLY);
    match cx.r.below(9) {
        0 => Item::one(Kind::Trap, "ecall".into()),
        1 => Item::one(Kind::Trap, "ebreak".into()),
        2 => Item::rvc(Kind::Trap, vec!["c.ebreak".into()]),
        3 => Item::one(Kind::Trap, ".2byte 0  # c.unimp: all-zero, illegal".into()),
        4 => Item::one(Kind::Trap, "unimp  # csrrw x0, cycle, x0".into()),
        5 => read_only_write(cx, rd, s as u8, ro),
        6 => Item::one(Kind::Trap, format!("{} x{rd}, {ro}, {s}  # read-only CSR", cx.r.pick(&["csrrwi", "csrrsi", "csrrci"]))),
        7 => {
            let (d, a, b) = (cx.fr(), cx.fr(), cx.fr());
            // funct7: fadd/fsub/fmul/fdiv (0, 4, 8, 12) + fmt (.s 0, .d 1)
            let (rm, f7) = (cx.r.range(5, 6), cx.r.range(0, 3) * 4 + cx.r.range(0, 1));
            Item::one(Kind::Trap, format!(".insn r 0x53, {rm}, {f7:#x}, f{d}, f{a}, f{b}  # reserved static rm"))
        }
        _ => {
            let bad = cx.r.range(5, 7);
            let good = cx.r.range(0, 4);
            Item::new(Kind::Trap, vec![format!("csrrwi x0, frm, {bad}"), fp::dynamic_op(cx), format!("csrrwi x0, frm, {good}")])
        }
    }
}

/// CSRRW, CSRRS or CSRRC of a register into a read-only CSR: a write,
/// so illegal instruction. CSRRS/CSRRC get a nonzero register unless
/// `Features::zero_mask_csr` (QEMU 7.2 reads the CSR when the register
/// holds zero; see tests/oracle/csrrs_read_only_zero_register.S).
fn read_only_write(cx: &mut Ctx, rd: u8, s: u8, ro: &str) -> Item {
    let op = *cx.r.pick(&["csrrw", "csrrs", "csrrc"]);
    let line = format!("{op} x{rd}, {ro}, x{s}  # read-only CSR");
    if op == "csrrw" || cx.features.zero_mask_csr {
        return Item::one(Kind::Trap, line);
    }
    let (t, v) = (cx.wx(), cx.r.next_u64() | 1 << cx.r.below(64));
    Item::new(Kind::Trap, vec![format!("li x{t}, {v:#x}"), format!("{op} x{rd}, {ro}, x{t}  # read-only CSR")])
}

/// Fences and the PAUSE hint (no architectural effect on one hart).
pub fn fence(cx: &mut Ctx) -> Item {
    let line = *cx.r.pick(&["fence", "fence rw, rw", "fence r, r", "fence w, w", "fence.tso", "fence.i", "pause", "fence iorw, iorw"]);
    Item::one(Kind::Fence, line.into())
}
