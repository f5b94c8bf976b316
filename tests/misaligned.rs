//! `--misaligned hw|trap` in every engine (issue #6):
//! roms/isa/misaligned_mode.S finds out which setting is in force, says
//! so on the console, and checks that setting in full (every load and
//! store width, compressed and FP forms; performed with the right bytes,
//! or trapped with the right mcause, mtval and mepc and nothing written).
//! The checks run several rounds so translated code runs them too.

mod common;

use mimic::{Config, Engine, Outcome};
use mimic_cpu::Misaligned;

fn run(engine: Engine, misaligned: Misaligned) -> (Outcome, String) {
    let p = common::root().join("roms/build/isa/misaligned_mode.elf");
    common::run_program(&p, Config { engine, misaligned, max_insns: Some(10_000_000), ..Config::default() })
}

#[test]
fn misaligned_setting_in_every_engine() {
    if !common::build_roms() {
        return;
    }
    for engine in [Engine::Interp, Engine::Jit, Engine::JitAudit] {
        for (m, says) in [(Misaligned::Hw, "misaligned: performed"), (Misaligned::Trap, "misaligned: trapped")] {
            let (o, text) = run(engine, m);
            assert_eq!(o, Outcome::Pass, "{engine:?} {m:?}: {text}");
            assert_eq!(text.trim(), says, "{engine:?} {m:?}");
        }
    }
}
