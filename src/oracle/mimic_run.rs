//! Running a program in mimic through the library, console captured:
//! M-mode from the ELF entry, `--misaligned hw` (as QEMU 7.2 performs
//! regular misaligned accesses), deterministic timebase, an instruction
//! limit instead of a time limit. The translator runs with `hot = 0`, so
//! every block is translated on first use (the default interprets a
//! block's first executions, which would leave a straight-line random
//! program mostly interpreted).

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use crate::run::HartEngine;
use crate::{Config, Engine, Machine, Outcome};

/// What a run printed and how it ended.
#[derive(Clone, Debug)]
pub struct MimicRun {
    pub output: String,
    pub outcome: Outcome,
    pub instret: u64,
    /// The engine's `--stats` lines (translated blocks and exits).
    pub engine_stats: Vec<String>,
}

/// A writer that keeps everything written to it.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The engine's name as the CLI spells it.
pub fn engine_name(e: Engine) -> &'static str {
    match e {
        Engine::Interp => "interp",
        Engine::Jit => "jit",
        Engine::JitAudit => "jit-audit",
    }
}

/// Runs `elf` in `engine` for at most `max_insns` instructions.
pub fn run(elf: &Path, engine: Engine, max_insns: u64) -> Result<MimicRun, String> {
    let cap = Capture::default();
    let cfg = Config {
        ram_size: 128 << 20,
        program: Some(elf.to_path_buf()),
        max_insns: Some(max_insns),
        misaligned: mimic_cpu::Misaligned::Hw,
        console_out: Some(Box::new(cap.clone())),
        console_in: false,
        deterministic: true,
        engine,
        ..Config::default()
    };
    let mut m = Machine::build(cfg).map_err(|e| format!("mimic ({}): {e}", engine_name(engine)))?;
    for e in &mut m.engines {
        if let HartEngine::Jit(j) = e {
            j.hot = 0;
        }
    }
    let outcome = m.run();
    let output = String::from_utf8_lossy(&cap.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned();
    let engine_stats = m.engines.iter().flat_map(|e| e.stats_lines()).collect();
    Ok(MimicRun { output, outcome, instret: m.instret(), engine_stats })
}
