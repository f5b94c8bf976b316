//! The firmware side of the machine: program loaders (ELF), HTIF
//! `tohost`/`fromhost`, and (with issue #4) the device tree, the built-in
//! SBI and the boot ROM.
//!
//! Host failures are [`Error`]s whose messages name the file and the
//! problem in one line; guest behaviour never produces one.

#![forbid(unsafe_code)]

pub mod bootrom;
pub mod elf;
pub mod fdt;
pub mod htif;
pub mod image;
pub mod sbi;

use std::path::PathBuf;

/// A host-side failure while preparing the machine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: not an ELF file")]
    NotElf { path: PathBuf },
    #[error("{path}: malformed or truncated ELF ({detail})")]
    BadElf { path: PathBuf, detail: String },
    #[error("{path}: 32-bit ELF; mimic runs RV64 programs")]
    Elf32 { path: PathBuf },
    #[error("{path}: ELF for {arch} (e_machine {machine}), not RISC-V")]
    WrongMachine { path: PathBuf, arch: &'static str, machine: u16 },
    #[error("{path}: big-endian ELF; RISC-V is little-endian")]
    BigEndian { path: PathBuf },
    #[error("{path}: no loadable segments")]
    NoSegments { path: PathBuf },
    #[error("{path}: {what}, not a RISC-V kernel")]
    NotRiscv { path: PathBuf, what: &'static str },
    #[error("{path}: kernel image is {len} bytes long: not a Linux Image, ELF or raw binary")]
    NotKernel { path: PathBuf, len: usize },
    #[error("{path}: {what}, not an initramfs (cpio archive, optionally compressed)")]
    NotInitrd { path: PathBuf, what: &'static str },
    #[error("{path}: segment {start:#x}..{end:#x} lies outside RAM {ram_start:#x}..{ram_end:#x}")]
    OutsideRam { path: PathBuf, start: u64, end: u64, ram_start: u64, ram_end: u64 },
}
