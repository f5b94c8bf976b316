//! The GDB view of a hart: register numbers, the `g`-packet register
//! block and the target description (GDB "Target Descriptions" appendix;
//! feature names and register names as gdb/riscv-tdep.c expects them).
//!
//! Register numbers follow GDB's own riscv numbering, so the remote
//! numbers in the XML equal GDB's: x0..x31 = 0..31, pc = 32, f0..f31 =
//! 33..64, CSR n = 65 + n (fflags/frm/fcsr included), priv = 65 + 4096.
//! The `g` packet carries x0..x31 and pc only; GDB reads everything else
//! one register at a time (`p`), as it does with QEMU.

use std::fmt::Write;
use std::num::NonZeroUsize;
use std::sync::OnceLock;

use gdbstub::arch::{Arch, RegId, Registers};
use mimic_cpu::csr::csr_name;

pub const PC: usize = 32;
pub const F0: usize = 33;
pub const CSR0: usize = 65;
pub const PRIV: usize = CSR0 + 4096;
/// fflags, frm and fcsr are 32 bits wide in GDB's riscv FPU feature.
const FP_CSRS: [u16; 3] = [0x001, 0x002, 0x003];

/// The CSRs the target description offers (all readable in `csr::read_raw`).
pub const CSRS: [u16; 19] = [
    0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x340, 0x341, 0x342, 0x343, 0x344, // mstatus..mip
    0x100, 0x104, 0x105, 0x140, 0x141, 0x142, 0x143, 0x180, // sstatus..satp
];

const XNAMES: [&str; 32] = [
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4",
    "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
];

/// mimic's RV64 as a gdbstub architecture.
pub enum Riscv64 {}

impl Arch for Riscv64 {
    type Usize = u64;
    type Registers = CoreRegs;
    type BreakpointKind = usize;
    type RegId = Reg;
}

/// The `g` packet: x0..x31 and pc.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoreRegs {
    pub x: [u64; 32],
    pub pc: u64,
}

impl Registers for CoreRegs {
    type ProgramCounter = u64;

    fn pc(&self) -> u64 {
        self.pc
    }

    fn gdb_serialize(&self, mut write_byte: impl FnMut(Option<u8>)) {
        self.x.iter().chain(std::iter::once(&self.pc)).flat_map(|r| r.to_le_bytes()).for_each(|b| write_byte(Some(b)));
    }

    fn gdb_deserialize(&mut self, bytes: &[u8]) -> Result<(), ()> {
        if bytes.len() < 33 * 8 {
            return Err(());
        }
        let word = |i: usize| u64::from_le_bytes(bytes[8 * i..8 * i + 8].try_into().unwrap_or_default());
        (0..32).for_each(|i| self.x[i] = word(i));
        self.pc = word(32);
        Ok(())
    }
}

/// A register by GDB number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reg(pub usize);

impl RegId for Reg {
    fn from_raw_id(id: usize) -> Option<(Reg, Option<NonZeroUsize>)> {
        let size = size_of(id)?;
        Some((Reg(id), NonZeroUsize::new(size)))
    }
}

/// The size in bytes of register `n`, None if the description lacks it.
pub fn size_of(n: usize) -> Option<usize> {
    match n {
        0..=64 | PRIV => Some(8),
        _ if n >= CSR0 => {
            let csr = (n - CSR0) as u16;
            if FP_CSRS.contains(&csr) {
                Some(4)
            } else {
                CSRS.contains(&csr).then_some(8)
            }
        }
        _ => None,
    }
}

/// The target description (built once).
pub fn target_xml() -> &'static str {
    static XML: OnceLock<String> = OnceLock::new();
    XML.get_or_init(build_xml)
}

fn build_xml() -> String {
    let mut s = String::from(concat!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n",
        "<target version=\"1.0\">\n<architecture>riscv:rv64</architecture>\n",
        "<feature name=\"org.gnu.gdb.riscv.cpu\">\n"
    ));
    for (i, n) in XNAMES.iter().enumerate() {
        let ty = match i {
            2 => "data_ptr",
            _ => "int",
        };
        reg(&mut s, n, 64, ty, i);
    }
    reg(&mut s, "pc", 64, "code_ptr", PC);
    s.push_str("</feature>\n<feature name=\"org.gnu.gdb.riscv.fpu\">\n");
    s.push_str("<union id=\"riscv_double\"><field name=\"float\" type=\"ieee_single\"/><field name=\"double\" type=\"ieee_double\"/></union>\n");
    for i in 0..32 {
        reg(&mut s, &format!("f{i}"), 64, "riscv_double", F0 + i);
    }
    for (c, n) in FP_CSRS.iter().zip(["fflags", "frm", "fcsr"]) {
        reg(&mut s, n, 32, "int", CSR0 + usize::from(*c));
    }
    s.push_str("</feature>\n<feature name=\"org.gnu.gdb.riscv.csr\">\n");
    for c in CSRS {
        let name = csr_name(c).unwrap_or_else(|| format!("csr{c:#x}"));
        reg(&mut s, &name, 64, "int", CSR0 + usize::from(c));
    }
    s.push_str("</feature>\n<feature name=\"org.gnu.gdb.riscv.virtual\">\n");
    reg(&mut s, "priv", 64, "int", PRIV);
    s.push_str("</feature>\n</target>\n");
    s
}

fn reg(s: &mut String, name: &str, bits: u32, ty: &str, regnum: usize) {
    let _ = writeln!(s, "<reg name=\"{name}\" bitsize=\"{bits}\" type=\"{ty}\" regnum=\"{regnum}\"/>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_numbers_follow_gdb() {
        assert_eq!((PC, F0, CSR0, PRIV), (32, 33, 65, 4161));
        assert_eq!(size_of(CSR0 + 0x180), Some(8)); // satp
        assert_eq!(size_of(CSR0 + 0x003), Some(4)); // fcsr
        assert_eq!(size_of(CSR0 + 0x7b0), None); // not described
        assert_eq!(size_of(64), Some(8));
    }

    #[test]
    fn xml_names_every_register_once() {
        let x = target_xml();
        for n in ["\"zero\"", "\"pc\"", "\"f31\"", "\"fcsr\"", "\"mstatus\"", "\"satp\"", "\"sscratch\"", "\"priv\""] {
            assert_eq!(x.matches(&format!("name={n}")).count(), 1, "{n} in\n{x}");
        }
        assert!(x.contains("name=\"satp\" bitsize=\"64\" type=\"int\" regnum=\"449\""));
        assert_eq!(x.matches("<reg ").count(), 33 + 32 + 3 + CSRS.len() + 1);
    }

    #[test]
    fn core_block_round_trips() {
        let mut r = CoreRegs::default();
        r.x[5] = 0x1122_3344_5566_7788;
        r.pc = 0x8000_0000;
        let mut bytes = vec![];
        r.gdb_serialize(|b| bytes.push(b.unwrap_or(0)));
        assert_eq!(bytes.len(), 33 * 8);
        let mut back = CoreRegs::default();
        back.gdb_deserialize(&bytes).unwrap();
        assert_eq!(back, r);
    }
}
