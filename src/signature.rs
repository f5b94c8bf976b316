//! Test signatures (`--signature FILE`): the guest memory between an ELF's
//! `begin_signature` and `end_signature` symbols, written at the end of a
//! run in the format riscv-arch-test and RISCOF compare, the one Spike's
//! `+signature=FILE +signature-granularity=N` writes (riscv-isa-sim
//! fesvr/htif.cc, `htif_t::stop`):
//!
//! - one line per N-byte word (N = 4 or 8), lowest address first;
//! - each word is 2N lowercase hex digits, most significant byte first
//!   (the little-endian word's value), then `\n`;
//! - a last partial word is padded with zero bytes at its high end.
//!
//! The region is read from RAM after the harts stopped, so it is the same
//! whichever engine ran the program.

use std::path::Path;

use mimic_firmware::elf::{self, Elf};
use mimic_mmu::Ram;

use crate::Error;

/// Bytes per signature line (`--signature-granularity`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granularity {
    Word4 = 4,
    Word8 = 8,
}

impl Granularity {
    /// Parses `4` or `8`.
    pub fn parse(s: &str) -> Result<Granularity, String> {
        match s.trim() {
            "4" => Ok(Granularity::Word4),
            "8" => Ok(Granularity::Word8),
            _ => Err(format!("signature granularity `{s}`: use 4 or 8 (bytes per line)")),
        }
    }

    /// Bytes per line.
    pub fn bytes(self) -> usize {
        self as usize
    }
}

/// The signature region of a program: `begin..end` in guest physical memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    pub begin: u64,
    pub end: u64,
}

impl Region {
    /// The region an ELF declares, or None when it has neither symbol.
    /// Only one of the two, or `end < begin`, is an error naming the file.
    pub fn of(path: &Path, e: &Elf) -> Result<Option<Region>, Error> {
        let bad = |why: &str| Error::Config(format!("{}: {why}", path.display()));
        match (e.symbol("begin_signature"), e.symbol("end_signature")) {
            (None, None) => Ok(None),
            (Some(_), None) => Err(bad("has `begin_signature` but no `end_signature` symbol")),
            (None, Some(_)) => Err(bad("has `end_signature` but no `begin_signature` symbol")),
            (Some(begin), Some(end)) if end < begin => Err(bad(&format!("`end_signature` ({end:#x}) is below `begin_signature` ({begin:#x})"))),
            (Some(begin), Some(end)) => Ok(Some(Region { begin, end })),
        }
    }

    /// Reads the ELF at `path` and returns its region; a program without
    /// the symbols is an error (for `--signature`).
    pub fn locate(path: &Path) -> Result<Region, Error> {
        let e = elf::read(path)?;
        Region::of(path, &e)?.ok_or_else(|| {
            Error::Config(format!(
                "{}: no `begin_signature`/`end_signature` symbols, so there is no signature to write (--signature)",
                path.display()
            ))
        })
    }

    /// Length in bytes.
    pub fn len(&self) -> u64 {
        self.end - self.begin
    }

    pub fn is_empty(&self) -> bool {
        self.begin == self.end
    }

    /// The region's bytes, read from RAM.
    pub fn read(&self, ram: &Ram) -> Result<Vec<u8>, Error> {
        let outside = || {
            Error::Config(format!(
                "signature region {:#x}..{:#x} is outside RAM {:#x}..{:#x}",
                self.begin,
                self.end,
                ram.base(),
                ram.base() + ram.size()
            ))
        };
        if !ram.contains(self.begin, self.len()) {
            return Err(outside());
        }
        let mut buf = vec![0u8; usize::try_from(self.len()).map_err(|_| outside())?];
        if !ram.read_bytes(self.begin, &mut buf) {
            return Err(outside());
        }
        Ok(buf)
    }

    /// The signature text of the region as it is in `ram` now.
    pub fn dump(&self, ram: &Ram, g: Granularity) -> Result<String, Error> {
        Ok(format(&self.read(ram)?, g))
    }
}

/// Formats signature bytes as Spike does (see the module note).
pub fn format(bytes: &[u8], g: Granularity) -> String {
    let n = g.bytes();
    let mut s = String::with_capacity(bytes.len().div_ceil(n) * (2 * n + 1));
    for word in bytes.chunks(n) {
        for i in (0..n).rev() {
            let b = word.get(i).copied().unwrap_or(0);
            s.push_str(&format!("{b:02x}"));
        }
        s.push('\n');
    }
    s
}

/// Writes a signature file, naming the file on failure.
pub fn write(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|e| Error::Config(format!("{}: cannot write the signature: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_little_endian_most_significant_digit_first() {
        let b = [0x11, 0x22, 0x33, 0x44, 0xaa, 0xbb, 0xcc, 0xdd];
        assert_eq!(format(&b, Granularity::Word4), "44332211\nddccbbaa\n");
        assert_eq!(format(&b, Granularity::Word8), "ddccbbaa44332211\n");
    }

    #[test]
    fn partial_word_is_zero_padded_at_the_top() {
        assert_eq!(format(&[0x01, 0x02, 0x03, 0x04, 0x05, 0x06], Granularity::Word4), "04030201\n00000605\n");
        assert_eq!(format(&[0xef, 0xbe], Granularity::Word8), "000000000000beef\n");
        assert_eq!(format(&[], Granularity::Word4), "");
    }

    #[test]
    fn granularity_parses_4_and_8_only() {
        assert_eq!(Granularity::parse("4"), Ok(Granularity::Word4));
        assert_eq!(Granularity::parse("8"), Ok(Granularity::Word8));
        assert!(Granularity::parse("16").unwrap_err().contains("use 4 or 8"));
    }

    #[test]
    fn region_symbols() {
        let mut e = Elf { entry: 0, segments: vec![], symbols: Default::default() };
        let p = Path::new("t.elf");
        assert_eq!(Region::of(p, &e).unwrap(), None);
        e.symbols.insert("begin_signature".into(), 0x8000_2000);
        assert!(Region::of(p, &e).unwrap_err().to_string().contains("t.elf: has `begin_signature` but no `end_signature`"));
        e.symbols.insert("end_signature".into(), 0x8000_1000);
        assert!(Region::of(p, &e).unwrap_err().to_string().contains("is below"));
        e.symbols.insert("end_signature".into(), 0x8000_2010);
        assert_eq!(Region::of(p, &e).unwrap(), Some(Region { begin: 0x8000_2000, end: 0x8000_2010 }));
    }
}
