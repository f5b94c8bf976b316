//! The command line on bad input: one clear line on stderr naming the file
//! and the problem, a non-zero exit status, never a panic (issue #2).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn mimic(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_mimic")).args(args).output().expect("run mimic");
    let code = o.status.code().expect("exit status, not a signal");
    (code, String::from_utf8_lossy(&o.stdout).into(), String::from_utf8_lossy(&o.stderr).into())
}

/// Asserts exit status 2 and exactly one stderr line containing `want`.
fn bad(args: &[&str], want: &str) {
    let (code, _, err) = mimic(args);
    assert_eq!(code, 2, "{args:?}: status {code}, stderr {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: expected one line, got:\n{err}");
    assert!(err.starts_with("mimic: ") && err.contains(want), "{args:?}: `{err}` lacks `{want}`");
    assert!(!err.contains("panicked"), "{err}");
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mimic-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn missing_file() {
    bad(&["/nonexistent/prog.elf"], "/nonexistent/prog.elf: No such file or directory");
}

#[test]
fn empty_file() {
    let p = tmp("empty.elf", b"");
    bad(&[s(&p)], "empty.elf: file is empty");
}

#[test]
fn not_an_elf() {
    let p = tmp("text.elf", b"#!/bin/sh\necho hi\n");
    bad(&[s(&p)], "text.elf: not an ELF file");
}

#[test]
fn x86_64_elf() {
    let exe = std::fs::read(env!("CARGO_BIN_EXE_mimic")).unwrap();
    let p = tmp("host.elf", &exe);
    bad(&[s(&p)], "host.elf: ELF for x86-64 (e_machine 62), not RISC-V");
}

#[test]
fn unknown_option_and_bad_size() {
    bad(&["--frobnicate"], "unexpected argument '--frobnicate'");
    bad(&["-m", "lots", "x.elf"], "invalid memory size `lots`");
    bad(&[], "nothing to run");
    bad(&["--smp", "65", "x.elf"], "65");
}

/// Tests that need a real RISC-V ELF from roms/.
#[test]
fn riscv_elf_problems() {
    if !common::build_roms() {
        return;
    }
    let good = common::root().join("roms/build/isa/rv64i.elf");
    let bytes = std::fs::read(&good).unwrap();
    let p = tmp("trunc.elf", &bytes[..100]);
    bad(&[s(&p)], "trunc.elf: malformed or truncated ELF");
    let mut rv32 = bytes.clone();
    rv32[4] = 1; // ELFCLASS32
    let p = tmp("rv32.elf", &rv32);
    bad(&[s(&p)], "rv32.elf: 32-bit ELF; mimic runs RV64 programs");
    bad(&["-m", "4096", s(&good)], "lies outside RAM 0x80000000..0x80001000");
}

#[test]
fn max_insns_stops_with_status_3() {
    if !common::build_roms() {
        return;
    }
    let p = common::root().join("roms/build/bench/intloop.elf");
    let (code, _, err) = mimic(&["--max-insns", "1000", s(&p)]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("stopped after 1000 instructions"), "{err}");
}

#[test]
fn passing_program_and_stats() {
    if !common::build_roms() {
        return;
    }
    let p = common::root().join("roms/build/isa/rv64i.elf");
    let (code, _, err) = mimic(&["--stats", s(&p)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("instructions in") && err.contains("MIPS"), "{err}");
}
