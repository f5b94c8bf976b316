//! Multi-hart programs (issue #8): roms/smp/smpN.elf on N harts, each on
//! its own host thread, in every engine: AMO, LR/SC and spinlock counters,
//! the store-buffering litmus test (fails without FENCE RW,RW's host
//! fence), message passing with FENCE W,W / R,R. A machine with fewer harts
//! than the program needs fails check 8 instead of hanging.

mod common;

use std::time::Duration;

use mimic::{Config, Engine, Machine, Outcome};
use mimic_mmu::PowerEvent;

/// Runs smpN.elf on `smp` harts. Spinning harts retire instructions at a
/// rate that depends on the host's scheduling (harts outnumber cores), so
/// the limit is wall time: a watchdog stops a hung run (Outcome::Quit).
fn run(n: usize, smp: usize, engine: Engine) -> Outcome {
    let p = common::root().join(format!("roms/build/smp/smp{n}.elf"));
    let out = common::Capture::default();
    let cfg = Config { engine, smp, program: Some(p), console_out: Some(Box::new(out.clone())), ..Config::default() };
    let mut m = Machine::build(cfg).expect("machine");
    let power = m.power.clone();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let dog = std::thread::spawn(move || {
        if done_rx.recv_timeout(Duration::from_secs(120)).is_err() {
            power.request(PowerEvent::Quit);
        }
    });
    let o = m.run();
    let _ = done_tx.send(());
    dog.join().unwrap();
    eprintln!("smp{n}.elf on {smp} harts ({engine:?}): {o:?} {}", out.text().trim());
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
