//! RISCOF end to end (issue #6): riscof/run.sh builds mimic's own
//! arch-test-style programs (riscof/suite) for mimic, the device under
//! test, and for Debian's qemu-system-riscv64, the reference, runs both,
//! and fails unless every program ran and the two signatures match.
//!
//! Needs riscof (scripts/install-deps.sh puts it in
//! ~/.cache/mimic/riscof-venv), QEMU and the riscv64-unknown-elf
//! toolchain. Without them the test fails in CI (MIMIC_CI set) and says
//! SKIPPED otherwise; it never passes silently.

mod common;

use std::process::Command;

fn have(tool: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {tool}")).output().is_ok_and(|o| o.status.success())
}

#[test]
fn riscof_suite_signatures_match_qemu() {
    let missing: Vec<&str> = ["qemu-system-riscv64", "riscv64-unknown-elf-gcc", "make"].into_iter().filter(|t| !have(t)).collect();
    if !missing.is_empty() {
        assert!(!common::in_ci(), "RISCOF needs {missing:?} (bash scripts/install-deps.sh)");
        eprintln!("SKIPPED: RISCOF needs {missing:?} (bash scripts/install-deps.sh)");
        return;
    }
    let work = std::env::temp_dir().join(format!("mimic-riscof-{}", std::process::id()));
    let out = Command::new("bash")
        .arg(common::root().join("riscof/run.sh"))
        .arg(&work)
        .env("MIMIC", env!("CARGO_BIN_EXE_mimic"))
        .output()
        .expect("run riscof/run.sh");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if out.status.code() == Some(127) {
        assert!(!common::in_ci(), "riscof is not installed:\n{text}");
        eprintln!("SKIPPED: riscof is not installed (bash scripts/install-deps.sh)\n{text}");
        return;
    }
    assert!(out.status.success(), "RISCOF run failed (work dir {}):\n{text}", work.display());
    assert!(text.contains(" passed, 0 failed"), "{text}");
    eprintln!("{text}");
    let _ = std::fs::remove_dir_all(&work);
}
