//! `x` and `xp`: guest memory as QEMU's monitor prints it, and `walk`.
//!
//! Virtual addresses go through [`pt::walk`] (the hart's satp, unless it
//! runs in M-mode where translation is bare), which reads page tables
//! only from RAM and sets no A/D bit; the data is then read from RAM only.
//! Invariant: the guest never sees an `x`: no fault, no TLB fill, no
//! device register read (an address outside RAM is an error line).

use std::fmt::Write;

use mimic_cpu::isa::{decode, disasm::disasm};
use mimic_cpu::Hart;
use mimic_mmu::Priv;

use super::parse::{Expr, Format, Kind};
use super::pt::{self, End};

/// The value of an address operand on hart `h`.
pub fn eval(h: &Hart, e: Expr) -> u64 {
    match e {
        Expr::Num(n) => n,
        Expr::Pc => h.pc,
        Expr::Reg(r) => h.x[usize::from(r & 31)],
    }
}

/// The physical address `va` means to the hart now (M-mode: bare).
pub fn translate(h: &Hart, va: u64) -> Result<u64, String> {
    if h.priv_ == Priv::M {
        return Ok(va);
    }
    match pt::walk(h.bus.ram(), h.csr.satp, va).end {
        End::Bare => Ok(va),
        End::Mapped { pa, .. } => Ok(pa),
        End::Fault(why) => Err(format!("cannot access {va:#x}: {why}")),
    }
}

/// Reads `buf.len()` bytes at `addr` (virtual unless `phys`), from RAM.
fn read(h: &Hart, addr: u64, phys: bool, buf: &mut [u8]) -> Result<(), String> {
    for (i, b) in buf.iter_mut().enumerate() {
        let va = addr.wrapping_add(i as u64);
        let pa = if phys { va } else { translate(h, va)? };
        let mut one = [0u8; 1];
        if !h.bus.ram().read_bytes(pa, &mut one) {
            return Err(format!("cannot access {va:#x}: physical {pa:#x} is not RAM (the monitor reads no device)"));
        }
        *b = one[0];
    }
    Ok(())
}

/// Units per output line for a unit size (QEMU's layout).
fn per_line(size: u8) -> u64 {
    match size {
        8 => 2,
        4 => 4,
        _ => 8,
    }
}

/// `x`/`xp`: `fmt.count` units from `addr`.
pub fn examine(h: &Hart, fmt: Format, addr: u64, phys: bool) -> String {
    if fmt.kind == Kind::Insn {
        return instructions(h, fmt.count, addr, phys);
    }
    let size = u64::from(fmt.size);
    let mut s = String::new();
    for i in 0..fmt.count {
        let a = addr.wrapping_add(i * size);
        if i % per_line(fmt.size) == 0 {
            let _ = write!(s, "{}{a:016x}:", if i == 0 { "" } else { "\n" });
        }
        let mut b = [0u8; 8];
        if let Err(e) = read(h, a, phys, &mut b[..fmt.size as usize]) {
            let _ = write!(s, "{}{e}", if i == 0 { "" } else { "\n" });
            break;
        }
        let _ = write!(s, " {}", unit(u64::from_le_bytes(b), fmt));
    }
    s.push('\n');
    s
}

/// One unit in format `fmt`.
fn unit(v: u64, fmt: Format) -> String {
    let bits = u32::from(fmt.size) * 8;
    match fmt.kind {
        Kind::Hex => format!("0x{v:0w$x}", w = usize::from(fmt.size) * 2),
        Kind::Unsigned => v.to_string(),
        Kind::Signed => (((v << (64 - bits)) as i64) >> (64 - bits)).to_string(),
        Kind::Char => char_lit(v as u8),
        Kind::Insn => String::new(),
    }
}

fn char_lit(b: u8) -> String {
    if b.is_ascii_graphic() || b == b' ' { format!("'{}'", b as char) } else { format!("'\\x{b:02x}'") }
}

/// `x/Ni`: `count` instructions from `addr`, disassembled.
fn instructions(h: &Hart, count: u64, addr: u64, phys: bool) -> String {
    let mut s = String::new();
    let mut a = addr;
    for _ in 0..count {
        let mut b = [0u8; 4];
        if let Err(e) = read(h, a, phys, &mut b[..2]) {
            let _ = writeln!(s, "{e}");
            break;
        }
        let long = b[0] & 3 == 3;
        if long {
            if let Err(e) = read(h, a.wrapping_add(2), phys, &mut b[2..]) {
                let _ = writeln!(s, "{e}");
                break;
            }
        }
        let d = decode(u32::from_le_bytes(b));
        let raw = if long { format!("{:08x}", d.raw) } else { format!("{:04x}    ", d.raw) };
        let _ = writeln!(s, "{a:016x}:  {raw}  {}", disasm(&d, a));
        a = a.wrapping_add(u64::from(d.len));
    }
    s
}

/// `walk VA`: satp, each PTE read, and the result.
pub fn walk(h: &Hart, va: u64) -> String {
    let satp = h.csr.satp;
    let mode = match satp >> 60 {
        0 => "Bare".to_string(),
        m => mimic_mmu::walk::levels(m).map_or(format!("mode {m}"), |l| format!("Sv{}", 12 + 9 * l)),
    };
    let mut s = format!(
        "satp {satp:#018x} ({mode}, asid {}, root {:#x})  va {va:#x}\n",
        satp >> 44 & 0xffff,
        (satp & ((1 << 44) - 1)) << 12
    );
    let w = pt::walk(h.bus.ram(), satp, va);
    for st in &w.steps {
        let kind = if st.pte & pt::PTE_V != 0 && st.pte & 0xa == 0 { "table" } else { "leaf" };
        let _ = writeln!(s, "  L{} pte@{:#x} = {:#018x} {} {kind}", st.level, st.addr, st.pte, pt::attr(st.pte));
    }
    let _ = match w.end {
        End::Bare => writeln!(s, "  bare: pa = va = {va:#x}"),
        End::Mapped { pa, size, pte } => writeln!(s, "  => pa {pa:#x} (page size {:#x}, {})", size, pt::attr(pte)),
        End::Fault(why) => writeln!(s, "  => page fault: {why}"),
    };
    if h.priv_ == Priv::M {
        s.push_str("  (the hart is in M-mode: its own accesses are not translated)\n");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        let f = |kind, size| Format { count: 1, kind, size };
        assert_eq!(unit(0xab, f(Kind::Hex, 1)), "0xab");
        assert_eq!(unit(0x1234, f(Kind::Hex, 8)), "0x0000000000001234");
        assert_eq!(unit(0xffff, f(Kind::Signed, 2)), "-1");
        assert_eq!(unit(0xffff, f(Kind::Unsigned, 2)), "65535");
        assert_eq!(unit(0x41, f(Kind::Char, 1)), "'A'");
        assert_eq!(unit(0x0a, f(Kind::Char, 1)), "'\\x0a'");
    }
}
