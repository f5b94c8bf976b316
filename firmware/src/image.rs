//! Kernel image formats for `--kernel`: the RISC-V Linux `Image` (64-byte
//! header, Linux Documentation/arch/riscv/boot-image-header.rst: code0,
//! code1, text_offset, image_size, flags, version, magic "RISCV\0\0\0" at
//! 48, magic2 "RSC\x05" at 56), RV64 ELF, or a raw binary. Images for
//! other architectures (arm64 Image, x86 bzImage, foreign ELF) are refused
//! with a message saying so.

use std::path::Path;

use crate::elf;
use crate::Error;

/// Where and what to load.
#[derive(Clone, Debug)]
pub struct Kernel {
    /// (physical address, bytes) pieces to copy.
    pub pieces: Vec<(u64, Vec<u8>)>,
    /// Entry point.
    pub entry: u64,
    /// Memory footprint end (including bss), for placing initrd/DTB.
    pub end: u64,
}

/// Default load offset of an Image/raw kernel above the RAM base (2 MiB,
/// where QEMU and OpenSBI's fw_jump/fw_dynamic expect it).
pub const DEFAULT_TEXT_OFFSET: u64 = 0x20_0000;
/// Smallest file accepted as a raw binary.
const MIN_RAW: usize = 64;

fn le64(b: &[u8], off: usize) -> u64 {
    u64::from_le_bytes(b[off..off + 8].try_into().unwrap_or_default())
}

/// Reads and classifies a kernel file.
pub fn load_kernel(path: &Path, ram_base: u64) -> Result<Kernel, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io { path: path.into(), source })?;
    parse_kernel(path, &bytes, ram_base)
}

/// Classifies kernel bytes.
pub fn parse_kernel(path: &Path, bytes: &[u8], ram_base: u64) -> Result<Kernel, Error> {
    if bytes.is_empty() {
        return Err(Error::Empty { path: path.into() });
    }
    if elf::is_elf(bytes) {
        let e = elf::parse(path, bytes)?;
        let end = e.segments.iter().map(|s| s.paddr.saturating_add(s.memsz)).max().unwrap_or(0);
        return Ok(Kernel { entry: e.entry, end, pieces: e.segments.into_iter().map(|s| (s.paddr, s.data)).collect() });
    }
    if let Some(other) = foreign(bytes) {
        return Err(Error::NotRiscv { path: path.into(), what: other });
    }
    if bytes.len() >= 64 && (&bytes[56..60] == b"RSC\x05" || &bytes[48..56] == b"RISCV\0\0\0") {
        return riscv_image(path, bytes, ram_base);
    }
    if bytes.len() < MIN_RAW {
        return Err(Error::NotKernel { path: path.into(), len: bytes.len() });
    }
    let at = ram_base + DEFAULT_TEXT_OFFSET;
    Ok(Kernel { entry: at, end: at + bytes.len() as u64, pieces: vec![(at, bytes.to_vec())] })
}

/// Largest text_offset and image_size believed in an Image header (real
/// kernels: 2 MiB and tens of MiB); beyond them the header is corrupt.
const MAX_TEXT_OFFSET: u64 = 1 << 30;
const MAX_IMAGE_SIZE: u64 = 1 << 34;

/// A file that is not what it claims to be (a truncated or corrupt Image):
/// one line naming the file, like every other [`Error`].
fn corrupt(path: &Path, what: String) -> Error {
    Error::Io { path: path.into(), source: std::io::Error::new(std::io::ErrorKind::InvalidData, what) }
}

/// A RISC-V Linux Image: placed at RAM + text_offset, footprint image_size.
fn riscv_image(path: &Path, bytes: &[u8], ram_base: u64) -> Result<Kernel, Error> {
    let text = match le64(bytes, 8) {
        0 => DEFAULT_TEXT_OFFSET,
        t => t,
    };
    let size = le64(bytes, 16);
    if text > MAX_TEXT_OFFSET || size > MAX_IMAGE_SIZE {
        return Err(corrupt(path, format!("corrupt RISC-V Linux Image header (text_offset {text:#x}, image_size {size:#x})")));
    }
    if let Some(want) = pe_file_size(bytes).filter(|&n| n > bytes.len() as u64) {
        return Err(corrupt(path, format!("truncated RISC-V Linux Image: the file has {} bytes, its header describes {want}", bytes.len())));
    }
    let at = ram_base + text;
    let end = at + size.max(bytes.len() as u64);
    Ok(Kernel { entry: at, end, pieces: vec![(at, bytes.to_vec())] })
}

/// The file size an EFI-stub Image (starting "MZ", with a PE/COFF header
/// at the offset in bytes 0x3c..0x40) declares: the end of its furthest
/// section's raw data, or at least the end of the headers. None for an
/// Image without the EFI stub, which records no file size. Kernels are cut
/// short by interrupted downloads and extractions; booting one runs
/// garbage, so this is checked.
fn pe_file_size(b: &[u8]) -> Option<u64> {
    if !b.starts_with(b"MZ") {
        return None;
    }
    let u16_at = |o: u64| -> Option<u64> { Some(u64::from(u16::from_le_bytes(b.get(o as usize..o as usize + 2)?.try_into().ok()?))) };
    let u32_at = |o: u64| -> Option<u64> { Some(u64::from(u32::from_le_bytes(b.get(o as usize..o as usize + 4)?.try_into().ok()?))) };
    let pe = u32_at(0x3c)?;
    let Some(sig) = b.get(pe as usize..pe as usize + 4) else { return Some(pe + 24) };
    if sig != b"PE\0\0" {
        return None;
    }
    let (Some(nsec), Some(opt)) = (u16_at(pe + 6), u16_at(pe + 20)) else { return Some(pe + 24) };
    let table = pe + 24 + opt;
    let mut want = table + 40 * nsec;
    for i in 0..nsec {
        let sh = table + 40 * i;
        if let (Some(raw_size), Some(raw_ptr)) = (u32_at(sh + 16), u32_at(sh + 20)) {
            want = want.max(raw_ptr + raw_size);
        }
    }
    Some(want)
}

/// Recognizes kernels for other architectures.
fn foreign(b: &[u8]) -> Option<&'static str> {
    if b.len() >= 64 && &b[56..60] == b"ARMd" {
        return Some("an arm64 Linux Image");
    }
    if b.len() >= 0x206 && &b[0x202..0x206] == b"HdrS" {
        return Some("an x86 bzImage");
    }
    None
}

/// Checks that an initrd looks like a (compressed) cpio archive.
pub fn check_initrd(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if bytes.is_empty() {
        return Err(Error::Empty { path: path.into() });
    }
    const MAGICS: [&[u8]; 8] = [
        b"070701", b"070702", b"\x1f\x8b", b"\xfd7zXZ\0", b"\x28\xb5\x2f\xfd", b"BZh", b"\x02\x21\x4c\x18", b"\x89LZO",
    ];
    if MAGICS.iter().any(|m| bytes.starts_with(m)) || bytes.starts_with(&[0x5d, 0, 0]) {
        return Ok(());
    }
    let what = if elf::is_elf(bytes) { "an ELF file" } else { "unrecognized data" };
    Err(Error::NotInitrd { path: path.into(), what })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("k")
    }

    #[test]
    fn image_header_places_kernel_at_text_offset() {
        let mut img = vec![0u8; 4096];
        img[8..16].copy_from_slice(&0x20_0000u64.to_le_bytes());
        img[16..24].copy_from_slice(&0x10_0000u64.to_le_bytes());
        img[56..60].copy_from_slice(b"RSC\x05");
        let k = parse_kernel(p(), &img, 0x8000_0000).unwrap();
        assert_eq!(k.entry, 0x8020_0000);
        assert_eq!(k.end, 0x8030_0000);
    }

    #[test]
    fn refuses_tiny_foreign_and_empty() {
        let e = parse_kernel(p(), b"abc", 0x8000_0000).unwrap_err().to_string();
        assert_eq!(e, "k: kernel image is 3 bytes long: not a Linux Image, ELF or raw binary");
        let mut arm = vec![0u8; 64];
        arm[56..60].copy_from_slice(b"ARMd");
        assert!(parse_kernel(p(), &arm, 0).unwrap_err().to_string().contains("arm64"));
        assert!(matches!(parse_kernel(p(), b"", 0), Err(Error::Empty { .. })));
    }

    /// An EFI-stub Image cut short (its PE section table says how long
    /// it is) and header fields no kernel has are refused, not loaded.
    #[test]
    fn truncated_or_corrupt_image() {
        let mut img = vec![0u8; 0x400];
        img[0..2].copy_from_slice(b"MZ");
        img[56..60].copy_from_slice(b"RSC\x05");
        img[0x3c..0x40].copy_from_slice(&0x40u32.to_le_bytes());
        img[0x40..0x44].copy_from_slice(b"PE\0\0");
        img[0x46..0x48].copy_from_slice(&1u16.to_le_bytes()); // one section
        img[0x54..0x56].copy_from_slice(&0xa0u16.to_le_bytes()); // optional header size
        let sh = 0x40 + 24 + 0xa0;
        img[sh + 16..sh + 20].copy_from_slice(&0x200u32.to_le_bytes()); // raw size
        img[sh + 20..sh + 24].copy_from_slice(&0x200u32.to_le_bytes()); // raw offset
        assert!(parse_kernel(p(), &img, 0x8000_0000).is_ok());
        for n in [64, 100, 0x3ff] {
            let e = parse_kernel(p(), &img[..n], 0x8000_0000).unwrap_err().to_string();
            assert!(e.starts_with(&format!("k: truncated RISC-V Linux Image: the file has {n} bytes")), "{e}");
        }
        let mut bad = img.clone();
        bad[16..24].copy_from_slice(&u64::MAX.to_le_bytes());
        let e = parse_kernel(p(), &bad, 0x8000_0000).unwrap_err().to_string();
        assert!(e.contains("corrupt RISC-V Linux Image header"), "{e}");
    }

    #[test]
    fn initrd_magic() {
        assert!(check_initrd(p(), b"070701rest").is_ok());
        assert!(check_initrd(p(), b"\x1f\x8b\x08").is_ok());
        assert!(check_initrd(p(), b"\x7fELF....").unwrap_err().to_string().contains("an ELF file"));
        assert!(check_initrd(p(), b"hello").is_err());
    }
}
