//! `--deterministic` (issues #7, #8): two runs of the same guest print the
//! same console output byte for byte and retire the same instructions on
//! every hart, with one hart and with several taking turns, in every
//! engine: bare-metal multi-hart programs, and Debian's kernel booting its
//! initramfs, running a script and powering off.

mod common;
mod guest;

use mimic::{Config, Engine, Machine, Outcome};

/// Console output, outcome and per-hart instructions of one run.
fn run(cfg: Config) -> (String, Outcome, Vec<u64>) {
    let out = common::Capture::default();
    let cfg = Config { deterministic: true, console_in: false, console_out: Some(Box::new(out.clone())), ..cfg };
    let mut m = Machine::build(cfg).expect("machine");
    let o = m.run();
    (out.text(), o, m.harts.iter().map(|h| h.instret).collect())
}

fn twice(what: &str, make: impl Fn() -> Config) -> (String, Outcome, Vec<u64>) {
    let a = run(make());
    let b = run(make());
    assert_eq!(a.1, b.1, "{what}: outcomes differ");
    assert_eq!(a.2, b.2, "{what}: instructions retired per hart differ");
    assert!(a.0 == b.0, "{what}: console output differs:\n--- first\n{}\n--- second\n{}", a.0, b.0);
    a
}

#[test]
fn multi_hart_programs_repeat_exactly() {
    if !common::build_roms() {
        return;
    }
    for (n, e) in [(2, Engine::Interp), (2, Engine::Jit), (4, Engine::Jit), (2, Engine::JitAudit)] {
        let p = common::root().join(format!("roms/build/smp/smp{n}.elf"));
        let (_, o, insns) = twice(&format!("smp{n}.elf {e:?}"), || Config { engine: e, smp: n, program: Some(p.clone()), ..Config::default() });
        assert_eq!(o, Outcome::Pass, "smp{n}.elf {e:?}");
        assert!(insns.iter().all(|&i| i > 0), "every hart ran: {insns:?}");
    }
}

fn boot_twice(test: &str, smp: usize) {
    let Some(img) = guest::images(test) else { return };
    let (text, o, insns) = twice(test, || Config {
        smp,
        kernel: Some(img.kernel.clone()),
        initrd: Some(img.initrd.clone()),
        append: "console=ttyS0 mimic.cmd=/etc/mimic/selftest.sh".into(),
        ..Config::default()
    });
    assert_eq!(o, Outcome::Poweroff, "{test}");
    assert!(text.contains("MIMIC-SELFTEST-DONE"), "{test}: the script did not finish:\n{text}");
    eprintln!("{test}: {} console bytes, instructions per hart {insns:?}, identical twice", text.len());
}

#[test]
fn linux_boot_repeats_exactly() {
    boot_twice("deterministic_boot", 1);
}

#[test]
fn linux_boot_on_two_harts_repeats_exactly() {
    boot_twice("deterministic_boot_smp2", 2);
}
