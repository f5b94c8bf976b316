//! Long QEMU-oracle campaign (issue 6, part 5):
//! `cargo run --release --example oracle_campaign -- --seconds N [--jobs J]`.
//!
//! Runs random programs (see `mimic::oracle`) in mimic's engines and in
//! qemu-system-riscv64 until time is up, on J worker threads; keeps every
//! program on which they disagree as a reproducer (program.S, ELF, every
//! output, a report, and the shortest disagreeing prefix in `reduced/`)
//! under `--out`; prints how many programs and instructions it covered.
//! `--seed S` checks (and reduces) one program instead. Exit status 1 if
//! anything disagreed, 2 if the tools are missing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use clap::Parser;
use mimic::oracle::{features, Checked, Features, Oracle, Tools};

#[derive(Parser, Debug)]
struct Args {
    /// How long to run.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Worker threads (default: the host's cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// First seed (default: from the clock; printed).
    #[arg(long)]
    first_seed: Option<u64>,
    /// Check only this seed (and reduce it if it disagrees).
    #[arg(long)]
    seed: Option<u64>,
    /// With --seed: print the program's assembly source first.
    #[arg(long)]
    listing: bool,
    /// Run the fixed body in FILE (assembly lines, as tests/oracle/*.S)
    /// and print every word that differs.
    #[arg(long, value_name = "FILE")]
    body: Option<PathBuf>,
    /// Random items per program.
    #[arg(long, default_value_t = 1000)]
    items: usize,
    /// Times each program runs its body.
    #[arg(long, default_value_t = 4)]
    iterations: u32,
    /// Where reproducers go.
    #[arg(long, default_value = "oracle-reproducers")]
    out: PathBuf,
    /// Generate everything, even what the probes found QEMU gets wrong.
    #[arg(long)]
    all_features: bool,
}

#[derive(Default)]
struct Totals {
    programs: u64,
    items: u64,
    instret: u64,
    body: u64,
    traps: u64,
    kinds: BTreeMap<String, u64>,
    bad: Vec<u64>,
}

fn main() {
    let a = Args::parse();
    let tools = Tools::default();
    let missing = tools.missing();
    if !missing.is_empty() {
        eprintln!("oracle_campaign: missing {}", missing.join(", "));
        std::process::exit(2);
    }
    let mut o = Oracle::new(tools, Features::all());
    if !a.all_features {
        let (f, notes) = features::probe(&o).unwrap_or_else(|e| fail(&e));
        notes.iter().for_each(|n| println!("probe: {n}"));
        o.features = f;
    }
    if let Some(p) = &a.body {
        let code = body(&o, p);
        o.cleanup();
        std::process::exit(code);
    }
    if let Some(seed) = a.seed {
        let code = one(&o, &a, seed);
        o.cleanup();
        std::process::exit(code);
    }
    let first = a.first_seed.unwrap_or_else(|| std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_secs() << 20));
    let jobs = a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!("oracle campaign: {} s, {jobs} jobs, seeds from {first}, {} items x {} iterations, reproducers in {}", a.seconds, a.items, a.iterations, a.out.display());
    let totals = campaign(&o, &a, first, jobs);
    report(&totals, &a);
    o.cleanup();
    std::process::exit(i32::from(!totals.bad.is_empty()));
}

fn fail(e: &str) -> ! {
    eprintln!("oracle_campaign: {e}");
    std::process::exit(2);
}

/// Checks one seed; prints and keeps it if it disagrees.
fn one(o: &Oracle, a: &Args, seed: u64) -> i32 {
    if a.listing {
        print!("{}", mimic::oracle::Program::generate(seed, &o.features, a.items, a.iterations).source);
    }
    let c = o.check(seed, a.items, a.iterations).unwrap_or_else(|e| fail(&e));
    if c.differences.is_empty() {
        println!("seed {seed}: agree ({} instructions, {} in the random part, {} traps)", c.runs.instret(), c.runs.body_instret(), c.runs.traps());
        for (e, r) in &c.runs.mimic {
            r.engine_stats.iter().for_each(|l| println!("  {}: {l}", mimic::oracle::mimic_run::engine_name(*e)));
        }
        return 0;
    }
    keep(o, a, &c);
    1
}

/// Runs a fixed body; prints the differences word by word.
fn body(o: &Oracle, path: &std::path::Path) -> i32 {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
    let c = o.run(mimic::oracle::Program::from_body(features::PROBE_SEED, &text)).unwrap_or_else(|e| fail(&e));
    for (e, r) in &c.runs.mimic {
        for d in mimic::oracle::digest::all_differences(&r.output, &c.runs.qemu.output) {
            println!("{} vs qemu: {d}", mimic::oracle::mimic_run::engine_name(*e));
        }
    }
    c.differences.iter().for_each(|d| println!("{d}"));
    i32::from(!c.differences.is_empty())
}

fn campaign(o: &Oracle, a: &Args, first: u64, jobs: usize) -> Totals {
    let next = AtomicU64::new(first);
    let totals = Mutex::new(Totals::default());
    let start = Instant::now();
    let deadline = start + Duration::from_secs(a.seconds);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| {
                while Instant::now() < deadline {
                    let seed = next.fetch_add(1, Ordering::Relaxed);
                    let c = o.check(seed, a.items, a.iterations).unwrap_or_else(|e| fail(&format!("seed {seed}: {e}")));
                    let mut t = totals.lock().unwrap_or_else(|e| e.into_inner());
                    add(&mut t, &c);
                    if !c.differences.is_empty() {
                        drop(t);
                        keep(o, a, &c);
                    }
                }
            });
        }
        s.spawn(|| progress(&totals, start, deadline));
    });
    totals.into_inner().unwrap_or_else(|e| e.into_inner())
}

fn add(t: &mut Totals, c: &Checked) {
    t.programs += 1;
    t.items += c.program.items.len() as u64;
    t.instret += c.runs.instret();
    t.body += c.runs.body_instret();
    t.traps += c.runs.traps();
    for it in &c.program.items {
        *t.kinds.entry(format!("{:?}", it.kind)).or_default() += 1;
    }
    if !c.differences.is_empty() {
        t.bad.push(c.program.seed);
    }
}

/// A line every 30 s.
fn progress(totals: &Mutex<Totals>, start: Instant, deadline: Instant) {
    let mut last = Instant::now();
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
        if last.elapsed() >= Duration::from_secs(30) {
            last = Instant::now();
            let t = totals.lock().unwrap_or_else(|e| e.into_inner());
            println!("  {:>5.0} s: {} programs, {} instructions ({} random), {} disagreements", start.elapsed().as_secs_f64(), t.programs, t.instret, t.body, t.bad.len());
        }
    }
}

/// Writes the reproducer and its reduction, and says where.
fn keep(o: &Oracle, a: &Args, c: &Checked) {
    let seed = c.program.seed;
    let dir = a.out.join(format!("seed-{seed}"));
    let _ = c.keep(&dir);
    eprintln!("DISAGREEMENT {}", c.summary());
    match o.reduce(seed, c.program.items.len(), c.program.iterations) {
        Ok(Some(r)) => {
            let _ = r.keep(&dir.join("reduced"));
            eprintln!("  reduced to {} items; kept in {}\n{}", r.program.items.len(), dir.display(), r.summary());
        }
        Ok(None) => eprintln!("  (did not reproduce on reduction; kept in {})", dir.display()),
        Err(e) => eprintln!("  reduction failed: {e}"),
    }
}

fn report(t: &Totals, a: &Args) {
    println!(
        "oracle campaign: {} programs, {} random items ({} iterations each), {} instructions retired per mimic engine ({} in the random parts), {} traps, {} disagreements",
        t.programs, t.items, a.iterations, t.instret, t.body, t.traps, t.bad.len()
    );
    let kinds: Vec<String> = t.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    println!("items by kind: {}", kinds.join(", "));
    if !t.bad.is_empty() {
        println!("disagreeing seeds: {:?} (reproducers in {})", t.bad, a.out.display());
    }
}
