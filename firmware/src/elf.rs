//! RV64 ELF loading (System V ABI ELF64, RISC-V psABI): PT_LOAD segments
//! copied to their physical addresses (p_paddr, as Spike and QEMU do for
//! bare-metal programs), bss zeroed, and the symbols the harness needs
//! (`tohost`, `fromhost`, `begin_signature`, `end_signature`).
//!
//! Every malformed input is an [`Error`] naming the file; nothing panics.

use std::collections::HashMap;
use std::path::Path;

use mmu::Ram;
use object::elf::{EM_RISCV, PT_LOAD};
use object::read::elf::{ElfFile64, FileHeader, ProgramHeader};
use object::{Endianness, Object, ObjectSymbol};

use crate::Error;

/// One loadable segment.
#[derive(Clone, Debug)]
pub struct Segment {
    pub paddr: u64,
    pub data: Vec<u8>,
    pub memsz: u64,
}

/// A parsed program.
#[derive(Clone, Debug)]
pub struct Elf {
    pub entry: u64,
    pub segments: Vec<Segment>,
    pub symbols: HashMap<String, u64>,
}

impl Elf {
    pub fn symbol(&self, name: &str) -> Option<u64> {
        self.symbols.get(name).copied()
    }
}

/// Reads and parses an RV64 ELF file.
pub fn read(path: &Path) -> Result<Elf, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.into(), source })?;
    parse(path, &bytes)
}

fn machine_name(m: u16) -> &'static str {
    match m {
        3 => "x86",
        62 => "x86-64",
        40 => "ARM",
        183 => "AArch64",
        8 => "MIPS",
        21 => "PowerPC64",
        _ => "another architecture",
    }
}

/// Whether `bytes` start with the ELF magic.
pub fn is_elf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x7fELF")
}

/// Parses an RV64 ELF image held in memory.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Elf, Error> {
    let p = || path.to_path_buf();
    if bytes.is_empty() {
        return Err(Error::Empty { path: p() });
    }
    if !is_elf(bytes) {
        return Err(Error::NotElf { path: p() });
    }
    match bytes.get(4) {
        Some(1) => return Err(Error::Elf32 { path: p() }),
        Some(2) => {}
        _ => return Err(Error::BadElf { path: p(), detail: "bad ELF class".into() }),
    }
    if bytes.get(5) == Some(&2) {
        return Err(Error::BigEndian { path: p() });
    }
    let bad = |e: object::Error| Error::BadElf { path: p(), detail: e.to_string() };
    let file = ElfFile64::<Endianness>::parse(bytes).map_err(bad)?;
    let (hdr, endian) = (file.elf_header(), file.endian());
    let machine = hdr.e_machine(endian);
    if machine != EM_RISCV {
        return Err(Error::WrongMachine { path: p(), arch: machine_name(machine), machine });
    }
    let mut segments = Vec::new();
    for ph in hdr.program_headers(endian, bytes).map_err(bad)? {
        if ph.p_type(endian) != PT_LOAD || ph.p_memsz(endian) == 0 {
            continue;
        }
        let data = ph.data(endian, bytes).map_err(|()| Error::BadElf { path: p(), detail: "segment data beyond end of file".into() })?;
        let memsz = ph.p_memsz(endian).max(data.len() as u64);
        segments.push(Segment { paddr: ph.p_paddr(endian), data: data.to_vec(), memsz });
    }
    if segments.is_empty() {
        return Err(Error::NoSegments { path: p() });
    }
    let symbols = file
        .symbols()
        .filter_map(|s| Some((s.name().ok()?.to_string(), s.address())))
        .filter(|(n, _)| !n.is_empty())
        .collect();
    Ok(Elf { entry: file.entry(), segments, symbols })
}

/// Copies the segments into RAM (zeroing each segment's bss part).
pub fn load(path: &Path, elf: &Elf, ram: &Ram) -> Result<(), Error> {
    for s in &elf.segments {
        let end = s.paddr.checked_add(s.memsz).unwrap_or(u64::MAX);
        if !ram.contains(s.paddr, s.memsz) {
            return Err(Error::OutsideRam {
                path: path.into(),
                start: s.paddr,
                end,
                ram_start: ram.base(),
                ram_end: ram.base() + ram.size(),
            });
        }
        ram.write_bytes(s.paddr, &s.data);
        let bss = (s.memsz - s.data.len() as u64) as usize;
        if bss > 0 {
            zero(ram, s.paddr + s.data.len() as u64, bss);
        }
    }
    Ok(())
}

fn zero(ram: &Ram, mut pa: u64, mut len: usize) {
    let chunk = [0u8; 4096];
    while len > 0 {
        let n = len.min(chunk.len());
        ram.write_bytes(pa, &chunk[..n]);
        pa += n as u64;
        len -= n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("prog.elf")
    }

    #[test]
    fn rejects_bad_input_with_clear_errors() {
        assert!(matches!(parse(p(), b""), Err(Error::Empty { .. })));
        assert!(matches!(parse(p(), b"hello world"), Err(Error::NotElf { .. })));
        assert!(matches!(parse(p(), b"\x7fELF\x01\x01\x01"), Err(Error::Elf32 { .. })));
        assert!(matches!(parse(p(), b"\x7fELF\x02\x01\x01"), Err(Error::BadElf { .. })));
        let e = parse(p(), b"\x7fELF\x02\x01\x01").unwrap_err().to_string();
        assert!(e.starts_with("prog.elf: malformed or truncated ELF"), "{e}");
    }

    #[test]
    fn host_binary_is_wrong_machine() {
        let exe = std::fs::read("/proc/self/exe").unwrap();
        let e = parse(p(), &exe).unwrap_err();
        assert!(matches!(e, Error::WrongMachine { machine: 62, .. }), "{e}");
        assert_eq!(e.to_string(), "prog.elf: ELF for x86-64 (e_machine 62), not RISC-V");
    }

    #[test]
    fn truncations_never_panic() {
        let exe = std::fs::read("/proc/self/exe").unwrap();
        for n in [5, 16, 63, 64, 65, 100, 1000] {
            let _ = parse(p(), &exe[..n.min(exe.len())]);
        }
    }
}
