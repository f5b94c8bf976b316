//! Long differential campaign, translator against interpreter (issue #5):
//! `cargo run --release --example jit_campaign -- [SECONDS] [FIRST_SEED]`.
//! Runs random programs (see `mimic::testgen`) until time is up, prints
//! how many programs and instructions it covered, and writes every
//! program on which the engines disagree to `jit-campaign-SEED.txt`
//! (listing plus the differences) as a reproducer. Exit status 1 if any.

use std::time::{Duration, Instant};

use mimic::run::HartEngine;
use mimic::testgen::{listing, program, setup, Rng, Snapshot};
use mimic::{Config, Engine, Machine};

fn run(seed: u64, len: usize, engine: Engine) -> Option<(Snapshot, Vec<u8>)> {
    let mut m = Machine::build(Config { engine, ram_size: 16 << 20, ..Config::default() }).ok()?;
    let mut rng = Rng::new(seed);
    let code = program(&mut rng, len);
    let mut e = match engine {
        Engine::Interp => HartEngine::Interp,
        Engine::Jit | Engine::JitAudit => {
            let mut j = mimic_dbt::Jit::new().ok()?;
            j.audit = engine == Engine::JitAudit;
            j.hot = 0;
            HartEngine::Jit(Box::new(j))
        }
    };
    let h = &mut m.harts[0];
    setup(h, &mut rng, &code);
    for _ in 0..100 {
        e.run(h, 1_000_000, true);
        if h.wfi {
            break;
        }
    }
    Some((Snapshot::of(h), code))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let secs: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(60);
    let mut seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let (mut programs, mut insns, mut bad) = (0u64, 0u64, 0u64);
    while Instant::now() < deadline {
        let len = 50 + (seed % 400) as usize;
        let (Some((i, code)), Some((j, _))) = (run(seed, len, Engine::Interp), run(seed, len, Engine::Jit)) else {
            eprintln!("seed {seed}: could not build a machine");
            std::process::exit(2);
        };
        programs += 1;
        insns += i.instret;
        let d = i.diff(&j);
        if !d.is_empty() {
            bad += 1;
            let text = format!("seed {seed}\n{}\n\n{}", d.join("\n"), listing(&code));
            let _ = std::fs::write(format!("jit-campaign-{seed}.txt"), text);
            eprintln!("seed {seed}: {} differences (kept in jit-campaign-{seed}.txt)", d.len());
        }
        seed += 1;
    }
    println!("jit campaign: {programs} programs, {insns} instructions retired per engine, {bad} disagreements");
    std::process::exit(i32::from(bad > 0));
}
