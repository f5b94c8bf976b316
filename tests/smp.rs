//! Multi-hart programs (issue #8): roms/smp/smpN.elf on N harts, each on
//! its own host thread, in every engine: AMO, LR/SC and spinlock counters,
//! the store-buffering litmus test (fails without FENCE RW,RW's host
//! fence), message passing with FENCE W,W / R,R. A machine with fewer harts
//! than the program needs fails check 8 instead of hanging.

mod common;

use mimic::{Config, Engine, Outcome};

fn run(n: usize, smp: usize, engine: Engine) -> Outcome {
    let p = common::root().join(format!("roms/build/smp/smp{n}.elf"));
    let cfg = Config { engine, smp, max_insns: Some(4_000_000_000), ..Config::default() };
    let (o, text) = common::run_program(&p, cfg);
    eprintln!("smp{n}.elf on {smp} harts ({engine:?}): {o:?} {}", text.trim());
    o
}

#[test]
fn two_harts_in_every_engine() {
    if !common::build_roms() {
        return;
    }
    for e in [Engine::Interp, Engine::Jit] {
        assert_eq!(run(2, 2, e), Outcome::Pass, "{e:?}");
    }
}

#[test]
fn four_harts_in_every_engine() {
    if !common::build_roms() {
        return;
    }
    for e in [Engine::Interp, Engine::Jit] {
        assert_eq!(run(4, 4, e), Outcome::Pass, "{e:?}");
    }
}

#[test]
fn too_few_harts_fail_instead_of_hanging() {
    if !common::build_roms() {
        return;
    }
    assert_eq!(run(2, 1, Engine::Jit), Outcome::TestFailed(8));
}
