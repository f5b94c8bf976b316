//! Shared helpers for mimic's integration tests: building the programs
//! under roms/ and running them in a machine with captured console output.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use mimic::{Config, Machine, Outcome};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether missing tools must fail the test (set by .ci/run).
pub fn in_ci() -> bool {
    std::env::var_os("MIMIC_CI").is_some()
}

/// Builds roms/ with roms/build.sh. Returns false (after saying why) when
/// the RISC-V toolchain is missing outside CI; panics in CI.
pub fn build_roms() -> bool {
    static LOCK: Mutex<()> = Mutex::new(());
    let _g = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let st = std::process::Command::new("bash").arg(root().join("roms/build.sh")).status().expect("bash");
    match st.code() {
        Some(0) => true,
        Some(127) if !in_ci() => {
            eprintln!("SKIPPED: riscv64-unknown-elf-gcc is not installed (apt-get install gcc-riscv64-unknown-elf)");
            false
        }
        _ => panic!("roms/build.sh failed: {st}"),
    }
}

/// All ELFs under roms/build/<dir>.
pub fn programs(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(root().join("roms/build").join(dir))
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "elf")).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// A writer that keeps everything written to it.
#[derive(Clone, Default)]
pub struct Capture(pub Arc<Mutex<Vec<u8>>>);

impl Capture {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Capture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs a bare-metal program; returns the outcome and console output.
pub fn run_program(path: &Path, cfg: Config) -> (Outcome, String) {
    let out = Capture::default();
    let cfg = Config { program: Some(path.to_path_buf()), console_out: Some(Box::new(out.clone())), ..cfg };
    let mut m = Machine::build(cfg).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let o = m.run();
    (o, out.text())
}

/// Runs every program of `dir` (two at a time) and asserts all pass.
pub fn all_pass(dir: &str, make_cfg: impl Fn() -> Config + Sync) {
    if !build_roms() {
        return;
    }
    let progs = programs(dir);
    assert!(!progs.is_empty(), "no programs built under roms/build/{dir}");
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for chunk in progs.chunks(progs.len().div_ceil(2)) {
            let (failures, make_cfg) = (&failures, &make_cfg);
            s.spawn(move || {
                for p in chunk {
                    let cfg = Config { max_insns: Some(200_000_000), ..make_cfg() };
                    let (o, text) = run_program(p, cfg);
                    if o != Outcome::Pass {
                        failures.lock().unwrap().push(format!("{}: {o:?} {}", p.display(), text.trim()));
                    }
                }
            });
        }
    });
    let f = failures.into_inner().unwrap();
    assert!(f.is_empty(), "{} of {} programs failed:\n{}", f.len(), progs.len(), f.join("\n"));
}
