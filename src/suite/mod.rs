//! `mimic test PATH...`: a compliance-suite runner. Every RV64 ELF under
//! the paths runs in its own [`Machine`](crate::Machine), in parallel
//! (rayon), with its console captured. A program passes when it reports
//! pass through HTIF `tohost`, or, when a `NAME.reference_output` lies
//! beside it (riscv-arch-test's naming), when its signature equals that
//! file. Each test has a wall-clock limit enforced through the machine's
//! own power-off request (a watchdog thread, never a signal), so a
//! runaway test stops and the others go on.
//!
//! Invariants: bad input (a path that does not exist, a directory without
//! programs, a file that is not an RV64 ELF, a program with no way to say
//! whether it passed) is one `Error` result naming the file, never a
//! panic; a panic inside one machine is caught and reported for that test
//! alone; results are sorted by path so reports are stable.

mod capture;
mod case;
mod discover;
pub mod junit;
mod summary;
mod watchdog;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use mimic_cpu::Misaligned;
use rayon::prelude::*;

use crate::{Engine, Error};

pub use case::reference_for;
pub use discover::{discover, Found};

/// How the suite runs.
#[derive(Clone, Debug)]
pub struct Options {
    pub engine: Engine,
    pub misaligned: Misaligned,
    /// Wall-clock limit per test.
    pub timeout: Duration,
    /// Tests run at once.
    pub jobs: usize,
    /// Instruction limit per test (a test that reaches it fails).
    pub max_insns: Option<u64>,
    /// Guest RAM per machine.
    pub ram_size: u64,
    /// Harts per machine.
    pub smp: usize,
    /// Draw a progress bar on stderr (indicatif hides it when stderr is
    /// not a terminal).
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            engine: Engine::default(),
            misaligned: Misaligned::Hw,
            timeout: Duration::from_secs(60),
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            max_insns: None,
            ram_size: 512 << 20,
            smp: 1,
            progress: true,
        }
    }
}

/// What happened to one test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Passed,
    /// It ran and failed (HTIF failure, signature mismatch, instruction
    /// limit, audit difference); the text says how.
    Failed(String),
    /// It was stopped at the time limit.
    TimedOut,
    /// It could not be run (bad input); the text names the file.
    Error(String),
}

/// One test's result.
#[derive(Clone, Debug)]
pub struct TestResult {
    pub path: PathBuf,
    pub status: Status,
    /// Wall-clock seconds, machine build included.
    pub secs: f64,
    /// What the program printed (UART, HTIF), possibly cut short.
    pub console: String,
    pub instret: u64,
}

impl TestResult {
    /// The directory the summary groups this test under.
    pub fn group(&self) -> String {
        match self.path.parent().map(|p| p.display().to_string()) {
            Some(d) if !d.is_empty() => d,
            _ => ".".into(),
        }
    }

    /// The file name (the JUnit test case name).
    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into_owned())
    }
}

/// Finds and runs every test under `paths`; results sorted by path.
pub fn run(paths: &[PathBuf], opts: &Options) -> Result<Vec<TestResult>, Error> {
    let found = discover(paths);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()
        .map_err(|e| Error::Config(format!("cannot start {} worker threads: {e}", opts.jobs)))?;
    let bar = progress(opts, found.iter().filter(|f| matches!(f, Found::Program(_))).count());
    let mut results: Vec<TestResult> = pool.install(|| {
        found
            .par_iter()
            .map(|f| {
                let r = match f {
                    Found::Program(p) => case::run(p, opts),
                    Found::Problem(p, why) => problem(p, why),
                };
                if matches!(f, Found::Program(_)) {
                    bar.set_message(r.name());
                    bar.inc(1);
                }
                r
            })
            .collect()
    });
    bar.finish_and_clear();
    results.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(results)
}

fn problem(path: &Path, why: &str) -> TestResult {
    TestResult { path: path.into(), status: Status::Error(why.into()), secs: 0.0, console: String::new(), instret: 0 }
}

fn progress(opts: &Options, n: usize) -> ProgressBar {
    if !opts.progress {
        return ProgressBar::hidden();
    }
    let style =
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {msg}").unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(n as u64).with_style(style)
}

/// The whole command: runs the suite, prints the summary table (and the
/// failures with their console output) on stdout, writes the JUnit report
/// if asked. Returns the exit status: 0 when every test passed, 1 when
/// anything failed, timed out or could not be run.
pub fn main(paths: &[PathBuf], opts: &Options, junit: Option<&Path>) -> Result<i32, Error> {
    let start = Instant::now();
    let results = run(paths, opts)?;
    let secs = start.elapsed().as_secs_f64();
    print!("{}", summary::text(&results, secs));
    if let Some(p) = junit {
        std::fs::write(p, junit::xml(&results, secs)).map_err(|e| Error::Config(format!("{}: cannot write the JUnit report: {e}", p.display())))?;
    }
    let all_passed = !results.is_empty() && results.iter().all(|r| r.status == Status::Passed);
    Ok(if all_passed { 0 } else { 1 })
}
