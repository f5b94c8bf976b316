//! Machine configuration as the CLI and tests give it.

use std::io::Write;
use std::path::PathBuf;

use mimic_cpu::Misaligned;

use crate::Error;

/// Which M-mode firmware runs (`--bios`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Bios {
    /// mimic's built-in SBI: the kernel starts in S-mode.
    #[default]
    Builtin,
    /// No firmware: the kernel starts in M-mode at its entry.
    None,
    /// A real M-mode firmware (e.g. OpenSBI fw_dynamic/fw_jump), entered
    /// from the boot ROM at 0x1000.
    File(PathBuf),
}

/// Which execution engine runs the harts (`--engine`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    /// The interpreter (the reference semantics; portable).
    Interp,
    /// The dynamic binary translator (x86-64 hosts).
    #[default]
    Jit,
    /// The translator, every block checked against the interpreter.
    JitAudit,
}

/// One `--drive`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drive {
    pub path: PathBuf,
    pub readonly: bool,
}

/// Everything needed to build a machine.
pub struct Config {
    /// Guest RAM size in bytes.
    pub ram_size: u64,
    /// Number of harts.
    pub smp: usize,
    /// A bare-metal RV64 ELF started in M-mode at its entry on every hart.
    pub program: Option<PathBuf>,
    /// A kernel (Linux Image, ELF or raw) to boot.
    pub kernel: Option<PathBuf>,
    pub initrd: Option<PathBuf>,
    /// Kernel command line.
    pub append: String,
    pub bios: Bios,
    pub drives: Vec<Drive>,
    /// Write the generated device tree here.
    pub dump_dtb: Option<PathBuf>,
    /// Stop after this many instructions (steps) on any hart.
    pub max_insns: Option<u64>,
    pub misaligned: Misaligned,
    /// Where UART and HTIF console output goes (stdout if None).
    pub console_out: Option<Box<dyn Write + Send>>,
    /// Feed stdin to the UART (the interactive console).
    pub console_in: bool,
    /// No host timing anywhere: mtime from the instruction count.
    pub deterministic: bool,
    pub engine: Engine,
    /// Events to trace and where (stderr if no file).
    pub trace: crate::trace::TraceSet,
    pub trace_file: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ram_size: 512 << 20,
            smp: 1,
            program: None,
            kernel: None,
            initrd: None,
            append: String::new(),
            bios: Bios::Builtin,
            drives: Vec::new(),
            dump_dtb: None,
            max_insns: None,
            misaligned: Misaligned::Hw,
            console_out: None,
            console_in: false,
            deterministic: false,
            engine: Engine::default(),
            trace: crate::trace::TraceSet::default(),
            trace_file: None,
        }
    }
}

/// Parses a memory size: plain bytes, or a number with K, M, G or T
/// (binary multiples, as QEMU's -m), optionally followed by "B"/"iB".
pub fn parse_size(s: &str) -> Result<u64, Error> {
    let bad = || Error::Config(format!("invalid memory size `{s}` (examples: 512M, 2G, 1073741824)"));
    let t = s.trim().trim_end_matches("iB").trim_end_matches('B');
    let (num, shift) = match t.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&t[..t.len() - 1], 10),
        Some('M') => (&t[..t.len() - 1], 20),
        Some('G') => (&t[..t.len() - 1], 30),
        Some('T') => (&t[..t.len() - 1], 40),
        _ => (t, 0),
    };
    let n: u64 = num.parse().map_err(|_| bad())?;
    n.checked_mul(1 << shift).filter(|&v| v > 0).ok_or_else(bad)
}

/// Parses `file=PATH[,format=raw][,readonly=on|off]` (QEMU's -drive).
pub fn parse_drive(s: &str) -> Result<Drive, Error> {
    let bad = |why: String| Error::Config(format!("--drive {s}: {why}"));
    let mut path = None;
    let mut readonly = false;
    for part in s.split(',') {
        match part.split_once('=') {
            Some(("file", p)) if !p.is_empty() => path = Some(PathBuf::from(p)),
            Some(("format", "raw")) => {}
            Some(("format", f)) => return Err(bad(format!("format `{f}` is not supported (only raw)"))),
            Some(("readonly", "on" | "true" | "yes")) => readonly = true,
            Some(("readonly", "off" | "false" | "no")) => readonly = false,
            Some(("if", "virtio" | "none")) => {}
            _ => return Err(bad(format!("unknown option `{part}`"))),
        }
    }
    let path = path.ok_or_else(|| bad("missing file=PATH".into()))?;
    Ok(Drive { path, readonly })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("512M").unwrap(), 512 << 20);
        assert_eq!(parse_size("2G").unwrap(), 2 << 30);
        assert_eq!(parse_size("2g").unwrap(), 2 << 30);
        assert_eq!(parse_size("4096").unwrap(), 4096);
        assert_eq!(parse_size("1GiB").unwrap(), 1 << 30);
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("99999999999T").is_err());
    }

    #[test]
    fn drives() {
        let d = parse_drive("file=disk.img,format=raw,readonly=on").unwrap();
        assert_eq!(d, Drive { path: "disk.img".into(), readonly: true });
        assert!(parse_drive("file=a,format=qcow2").unwrap_err().to_string().contains("qcow2"));
        assert!(parse_drive("format=raw").unwrap_err().to_string().contains("missing file"));
        assert!(parse_drive("file=a,cache=none").unwrap_err().to_string().contains("unknown option"));
    }
}
