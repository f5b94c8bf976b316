//! Running one program in every implementation and comparing what they
//! print: QEMU is the reference output, each mimic engine is compared
//! with it. Also reduction of a disagreeing program to its shortest
//! disagreeing prefix, and keeping a reproducer on disk.
//!
//! Every run works in its own fresh directory under `Oracle::work`
//! (process id + counter), removed afterwards, so any number of oracles
//! and test processes can run at once.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::digest::{first_difference, Digest};
use super::mimic_run::{self, engine_name, MimicRun};
use super::program::Program;
use super::tools::{QemuRun, Tools};
use super::Features;
use crate::{Engine, Outcome};

/// How programs are generated and run.
#[derive(Clone, Debug)]
pub struct Oracle {
    pub tools: Tools,
    pub features: Features,
    /// mimic engines compared with QEMU.
    pub engines: Vec<Engine>,
    pub qemu_limit: Duration,
    pub max_insns: u64,
    /// Parent of the per-run directories (one per `Oracle::new`, so
    /// oracles never share it; remove it with `cleanup`).
    pub work: PathBuf,
}

/// The outputs of one program.
#[derive(Clone, Debug)]
pub struct Runs {
    pub qemu: QemuRun,
    pub mimic: Vec<(Engine, MimicRun)>,
}

/// A program and how it ran.
#[derive(Clone, Debug)]
pub struct Checked {
    pub program: Program,
    pub elf: Vec<u8>,
    pub runs: Runs,
    /// Empty when every engine printed what QEMU printed.
    pub differences: Vec<String>,
}

static RUN_ID: AtomicU64 = AtomicU64::new(0);
static ORACLE_ID: AtomicU64 = AtomicU64::new(0);

impl Oracle {
    pub fn new(tools: Tools, features: Features) -> Oracle {
        Oracle {
            tools,
            features,
            engines: vec![Engine::Interp, Engine::Jit],
            qemu_limit: Duration::from_secs(10),
            max_insns: 5_000_000,
            work: std::env::temp_dir().join(format!("mimic-oracle-{}-{}", std::process::id(), ORACLE_ID.fetch_add(1, Ordering::Relaxed))),
        }
    }

    /// Assembles `program` and runs it everywhere.
    pub fn run(&self, program: Program) -> Result<Checked, String> {
        let dir = self.work.join(format!("run-{}", RUN_ID.fetch_add(1, Ordering::Relaxed)));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let r = self.run_in(program, &dir);
        let _ = std::fs::remove_dir_all(&dir);
        r
    }

    fn run_in(&self, program: Program, dir: &Path) -> Result<Checked, String> {
        let elf_path = self.tools.assemble(&program.source, dir, "program")?;
        let elf = std::fs::read(&elf_path).map_err(|e| format!("{}: {e}", elf_path.display()))?;
        let qemu = self.tools.qemu(&elf_path, self.qemu_limit)?;
        let mut mimic = Vec::new();
        for &e in &self.engines {
            mimic.push((e, mimic_run::run(&elf_path, e, self.max_insns)?));
        }
        let runs = Runs { qemu, mimic };
        let differences = runs.differences();
        Ok(Checked { program, elf, runs, differences })
    }

    /// Removes the work directory.
    pub fn cleanup(&self) {
        let _ = std::fs::remove_dir_all(&self.work);
    }

    /// Generates and runs the program `seed`.
    pub fn check(&self, seed: u64, items: usize, iterations: u32) -> Result<Checked, String> {
        self.run(Program::generate(seed, &self.features, items, iterations))
    }

    /// The shortest prefix of program `seed` that still disagrees (its
    /// last item is the first one that makes a difference), found by
    /// bisection; `Ok(None)` if the whole program agrees.
    pub fn reduce(&self, seed: u64, items: usize, iterations: u32) -> Result<Option<Checked>, String> {
        let mut hi = self.check(seed, items, iterations)?;
        if hi.differences.is_empty() {
            return Ok(None);
        }
        let mut lo = 0;
        while hi.program.items.len() - lo > 1 {
            let mid = (lo + hi.program.items.len()) / 2;
            let c = self.check(seed, mid, iterations)?;
            if c.differences.is_empty() {
                lo = mid;
            } else {
                hi = c;
            }
        }
        Ok(Some(hi))
    }
}

impl Runs {
    /// "ENGINE vs qemu: first difference" for every engine that differs,
    /// and any run that did not end by powering off.
    pub fn differences(&self) -> Vec<String> {
        let mut d = Vec::new();
        match self.qemu.status {
            Some(0) => {}
            Some(s) => d.push(format!("qemu exited with status {s}: {}", self.qemu.stderr.trim())),
            None => d.push("qemu did not power off within its time limit".into()),
        }
        for (e, r) in &self.mimic {
            if r.outcome != Outcome::Poweroff {
                d.push(format!("{}: run ended with {:?}", engine_name(*e), r.outcome));
            }
            if let Some(diff) = first_difference(&r.output, &self.qemu.output) {
                d.push(format!("{} vs qemu: {diff}", engine_name(*e)));
            }
        }
        d
    }

    /// Instructions mimic retired (first engine).
    pub fn instret(&self) -> u64 {
        self.mimic.first().map_or(0, |(_, r)| r.instret)
    }

    /// Of those, the random part's (and its traps'), by mimic's minstret.
    pub fn body_instret(&self) -> u64 {
        self.mimic.first().and_then(|(_, r)| Digest::parse(&r.output).ok()).map_or(0, |d| d.retired)
    }

    /// Traps the program took (per QEMU's digest; 0 if unreadable).
    pub fn traps(&self) -> u64 {
        Digest::parse(&self.qemu.output).map_or(0, |d| d.trap_count())
    }
}

impl Checked {
    /// A report: the seed, the differences and the last item.
    pub fn summary(&self) -> String {
        let p = &self.program;
        let mut s = format!("seed {} ({} items, {} iterations):\n", p.seed, p.items.len(), p.iterations);
        for d in &self.differences {
            s.push_str(&format!("  {d}\n"));
        }
        if let Some(last) = p.items.last() {
            s.push_str(&format!("  last item ({:?}):\n", last.kind));
            for l in &last.lines {
                s.push_str(&format!("      {l}\n"));
            }
        }
        s
    }

    /// Writes the reproducer (program.S, program.elf, every output and
    /// the summary) to `dir`.
    pub fn keep(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        std::fs::write(dir.join("program.S"), &self.program.source)?;
        std::fs::write(dir.join("program.elf"), &self.elf)?;
        std::fs::write(dir.join("qemu.txt"), &self.runs.qemu.output)?;
        for (e, r) in &self.runs.mimic {
            std::fs::write(dir.join(format!("{}.txt", engine_name(*e))), &r.output)?;
        }
        std::fs::write(dir.join("report.txt"), self.summary())
    }
}
