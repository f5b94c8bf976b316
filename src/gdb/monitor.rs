//! `monitor` commands from GDB (qRcmd): physical memory access, which the
//! memory packets cannot express.
//!
//! - `monitor phys on|off`: memory packets use physical addresses;
//! - `monitor xp ADDR [LEN]`: hex dump of physical memory (RAM only);
//! - `monitor help`.

use gdbstub::target::ext::monitor_cmd::{outputln, ConsoleOutput, MonitorCmd};

use super::target::Stub;

const HELP: &str = "mimic monitor commands:\n  phys on|off      memory packets address physical memory\n  xp ADDR [LEN]    dump LEN (default 64) bytes of physical memory\n  help";

impl MonitorCmd for Stub {
    fn handle_monitor_cmd(&mut self, cmd: &[u8], mut out: ConsoleOutput<'_>) -> Result<(), String> {
        let cmd = String::from_utf8_lossy(cmd);
        let words: Vec<&str> = cmd.split_whitespace().collect();
        match words.as_slice() {
            ["phys", "on"] => self.phys = true,
            ["phys", "off"] => self.phys = false,
            ["phys"] => outputln!(out, "phys {}", if self.phys { "on" } else { "off" }),
            ["xp", addr, rest @ ..] => match (parse(addr), rest.first().map_or(Some(64), |l| parse(l))) {
                (Some(a), Some(n)) => self.dump(a, n.min(4096) as usize, &mut out),
                _ => outputln!(out, "xp: give ADDR [LEN] as numbers (0x... for hex)"),
            },
            ["help"] | [] => outputln!(out, "{HELP}"),
            _ => outputln!(out, "unknown command `{cmd}`\n{HELP}"),
        }
        Ok(())
    }
}

impl Stub {
    fn dump(&mut self, addr: u64, len: usize, out: &mut ConsoleOutput<'_>) {
        let Some(bytes) = self.control.with_hart(0, move |h| h.debug_read(addr, len, true)) else {
            return outputln!(out, "xp: the machine is not stopped");
        };
        if bytes.len() < len {
            outputln!(out, "xp: {:#x}: not RAM", addr + bytes.len() as u64);
        }
        for (i, line) in bytes.chunks(16).enumerate() {
            let hex: Vec<String> = line.iter().map(|b| format!("{b:02x}")).collect();
            outputln!(out, "{:#018x}: {}", addr + 16 * i as u64, hex.join(" "));
        }
    }
}

/// A number in decimal or 0x-prefixed hex.
pub fn parse(s: &str) -> Option<u64> {
    match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => u64::from_str_radix(h, 16).ok(),
        None => s.parse().ok(),
    }
}
