//! The translator against the interpreter (issue #5): random programs of
//! every instruction class (integer, M, A, F/D, Zba/Zbb/Zbc/Zbs, Zicond,
//! CMO, RVC, loads/stores to RAM and to an unmapped page, misaligned
//! accesses, taken and untaken forward branches, traps through a handler)
//! run from the same state in both engines; registers, CSRs, instret and
//! memory must be identical. A fixed seed set runs here; the
//! `jit_campaign` example runs a long one.

use mimic::run::HartEngine;
use mimic::testgen::{listing, program, setup, Rng, Snapshot};
use mimic::{Config, Engine, Machine};

/// Runs the program of `seed` in an engine until its final WFI.
fn run(seed: u64, engine: Engine) -> (Snapshot, Vec<u8>) {
    let mut m = Machine::build(Config { engine, ram_size: 16 << 20, ..Config::default() }).expect("machine");
    let mut rng = Rng::new(seed);
    let code = program(&mut rng, 120);
    let mut e = match engine {
        Engine::Interp => HartEngine::Interp,
        Engine::Jit | Engine::JitAudit => {
            let mut j = mimic_dbt::Jit::new().expect("translator");
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
    assert!(h.wfi, "seed {seed} ({engine:?}) did not reach its final WFI:\n{}", listing(&code));
    (Snapshot::of(h), code)
}

fn check(seeds: std::ops::Range<u64>) {
    for seed in seeds {
        let (i, code) = run(seed, Engine::Interp);
        let (j, _) = run(seed, Engine::Jit);
        let d = i.diff(&j);
        assert!(d.is_empty(), "seed {seed}: interpreter vs translator:\n  {}\nprogram:\n{}", d.join("\n  "), listing(&code));
    }
}

#[test]
fn translator_matches_interpreter_on_random_programs_0() {
    check(0..150);
}

#[test]
fn translator_matches_interpreter_on_random_programs_1() {
    check(150..300);
}
