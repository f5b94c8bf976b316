//! Machine configuration as the CLI and tests give it.

use std::io::Write;
use std::path::PathBuf;

use mimic_cpu::Misaligned;

use crate::Error;

/// Everything needed to build a machine.
pub struct Config {
    /// Guest RAM size in bytes.
    pub ram_size: u64,
    /// Number of harts.
    pub smp: usize,
    /// A bare-metal RV64 ELF started in M-mode at its entry on every hart.
    pub program: Option<PathBuf>,
    /// Stop after this many instructions (steps) on any hart.
    pub max_insns: Option<u64>,
    pub misaligned: Misaligned,
    /// Where UART and HTIF console output goes (stdout if None).
    pub console_out: Option<Box<dyn Write + Send>>,
}

impl Default for Config {
    fn default() -> Self {
        Config { ram_size: 512 << 20, smp: 1, program: None, max_insns: None, misaligned: Misaligned::Hw, console_out: None }
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

#[cfg(test)]
mod tests {
    use super::parse_size;

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
}
