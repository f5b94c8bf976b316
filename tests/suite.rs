//! `mimic test PATH...`, the suite runner (issue #6): over roms/build
//! every program passes, the summary has a row per directory and the
//! JUnit XML parses with the right counts; a deliberately failing program,
//! a hanging one (stopped at the time limit, in both engines), signature
//! comparison against a reference file (matching and not), and bad input
//! (an empty directory, non-ELF files, an ELF with no way to report a
//! result) each get their own line and make the exit status 1, never a
//! crash.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn mimic(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_mimic")).args(args).output().expect("run mimic");
    let code = o.status.code().expect("exit status, not a signal");
    (code, String::from_utf8_lossy(&o.stdout).into(), String::from_utf8_lossy(&o.stderr).into())
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mimic-suite-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Builds a test program from assembly with roms/'s harness.
fn build(dir: &Path, name: &str, asm: &str) -> PathBuf {
    let src = dir.join(format!("{name}.S"));
    std::fs::write(&src, asm).unwrap();
    let out = dir.join(format!("{name}.elf"));
    let r = common::root();
    let st = Command::new("riscv64-unknown-elf-gcc")
        .args(["-march=rv64gc", "-mabi=lp64d", "-mcmodel=medany", "-static", "-nostdlib", "-nostartfiles"])
        .arg(format!("-I{}", r.join("roms/include").display()))
        .arg(format!("-T{}", r.join("roms/link.ld").display()))
        .arg("-o")
        .arg(&out)
        .arg(&src)
        .status()
        .expect("riscv64-unknown-elf-gcc");
    assert!(st.success(), "building {name}");
    std::fs::remove_file(&src).unwrap();
    out
}

fn elfs_under(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { elfs_under(&p) } else { usize::from(p.extension().is_some_and(|x| x == "elf")) })
        .sum()
}

/// (tests, failures, errors) of the whole report, after checking that
/// the per-suite counts add up.
fn junit_counts(xml: &str) -> (usize, usize, usize) {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("JUnit XML does not parse: {e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let n = |node: roxmltree::Node, a: &str| node.attribute(a).unwrap_or("0").parse::<usize>().unwrap();
    let suites: Vec<_> = root.children().filter(|c| c.has_tag_name("testsuite")).collect();
    let cases = suites.iter().flat_map(|s| s.children().filter(|c| c.has_tag_name("testcase"))).count();
    assert_eq!(cases, n(root, "tests"), "{xml}");
    assert_eq!(suites.iter().map(|s| n(*s, "tests")).sum::<usize>(), n(root, "tests"), "{xml}");
    (n(root, "tests"), n(root, "failures"), n(root, "errors"))
}

/// The single-hart program directories of roms/build (roms/smp's
/// programs need --smp N).
const SINGLE_HART: [&str; 5] = ["isa", "priv", "mmu", "sig", "bench"];

#[test]
fn runner_over_roms_build_passes_with_summary_and_junit() {
    if !common::build_roms() {
        return;
    }
    let build = common::root().join("roms/build");
    let dirs: Vec<PathBuf> = SINGLE_HART.iter().map(|d| build.join(d)).collect();
    let junit = tmpdir("roms").join("report.xml");
    let mut args = vec!["test", "--timeout", "30", "--junit", s(&junit)];
    args.extend(dirs.iter().map(|d| s(d)));
    let (code, out, err) = mimic(&args);
    assert_eq!(code, 0, "{out}{err}");
    for dir in &dirs {
        let row = out.lines().find(|l| l.starts_with(s(dir))).unwrap_or_else(|| panic!("no row for {}:\n{out}", dir.display()));
        assert!(row.split_whitespace().nth(2) == Some("0"), "{row}");
    }
    let n: usize = dirs.iter().map(|d| elfs_under(d)).sum();
    assert!(out.contains(&format!("mimic test: {n} passed, 0 failed, 0 timed out, 0 errors")), "{out}");
    assert_eq!(junit_counts(&std::fs::read_to_string(&junit).unwrap()), (n, 0, 0));
}

const FAILING: &str = r#"
#include "mimic_test.h"
TEST_BEGIN
        la a0, msg
        la t1, tohost
        li t2, (1 << 56) | (1 << 48)
1:      lbu t0, 0(a0)
        beqz t0, 2f
        or t0, t0, t2
        sd t0, 0(t1)
        addi a0, a0, 1
        j 1b
2:      li a0, 1
        TEST_CASE(7, a0, 2, nop)
TEST_END
        .data
msg:    .asciz "about to fail\n"
"#;

const HANGING: &str = r#"
#include "mimic_test.h"
TEST_BEGIN
1:      addi a0, a0, 1
        j 1b
TEST_END
"#;

const NO_TOHOST: &str = r#"
        .globl _start
_start: j _start
"#;

#[test]
fn failures_timeouts_signatures_and_bad_input() {
    if !common::build_roms() {
        return;
    }
    let d = tmpdir("mixed");
    build(&d, "fail", FAILING);
    build(&d, "hang", HANGING);
    build(&d, "notohost", NO_TOHOST);
    let sig_elf = common::root().join("roms/build/sig/signature.elf");
    let w4 = std::fs::read_to_string(common::root().join("roms/sig/signature.w4")).unwrap();
    std::fs::copy(&sig_elf, d.join("sig_good.elf")).unwrap();
    std::fs::write(d.join("sig_good.reference_output"), &w4).unwrap();
    std::fs::copy(&sig_elf, d.join("sig_bad.elf")).unwrap();
    std::fs::write(d.join("sig_bad.reference_output"), w4.replace("deadbeef", "deadbeee")).unwrap();
    std::fs::write(d.join("text.elf"), "not a program\n").unwrap();
    std::fs::write(d.join("notes.txt"), "skipped silently\n").unwrap();
    let empty = tmpdir("empty");
    let source = d.join("named.S");
    std::fs::write(&source, "nop\n").unwrap();
    let junit = d.join("junit.xml");
    for engine in ["interp", "jit"] {
        let start = std::time::Instant::now();
        let (code, out, err) = mimic(&["test", "--engine", engine, "--timeout", "0.5", s(&d), s(&empty), s(&source), "--junit", s(&junit)]);
        assert!(start.elapsed().as_secs() < 20, "the hanging test must be stopped at its limit");
        assert_eq!(code, 1, "{out}{err}");
        assert!(!err.contains("panicked"), "{err}");
        let has = |want: &str| assert!(out.contains(want), "{engine}: missing `{want}` in:\n{out}");
        has(&format!("FAILED    {}", s(&d.join("fail.elf"))));
        has("FAIL: test 7 failed (tohost = 0xf)");
        has("  | about to fail");
        has(&format!("TIMED OUT {}", s(&d.join("hang.elf"))));
        has(&format!("ERROR     {}: no `tohost` symbol (HTIF) and no begin_signature/end_signature", s(&d.join("notohost.elf"))));
        has(&format!("FAILED    {}", s(&d.join("sig_bad.elf"))));
        has("signature differs from");
        has("in 1 of 5 words; first at line 3");
        has("got deadbeef, expected deadbeee");
        has(&format!("ERROR     {}: not an ELF file", s(&d.join("text.elf"))));
        has(&format!("ERROR     {}: no ELF programs found", s(&empty)));
        has(&format!("ERROR     {}: not an ELF file", s(&source)));
        assert!(!out.contains("notes.txt") && !out.contains("sig_good"), "{out}");
        has("mimic test: 1 passed, 2 failed, 1 timed out, 4 errors");
        let xml = std::fs::read_to_string(&junit).unwrap();
        assert_eq!(junit_counts(&xml), (8, 3, 4), "{xml}");
        assert!(xml.contains("<failure type=\"timeout\""), "{xml}");
        assert!(xml.contains("<system-out>about to fail\n</system-out>"), "{xml}");
    }
}

#[test]
fn usage_errors() {
    let (code, _, err) = mimic(&["test"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("required arguments were not provided: <PATH>"), "{err}");
    let (code, _, err) = mimic(&["test", "--timeout", "-1", "x"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = mimic(&["test", "--engine", "interp", "--jit-audit", "x"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--jit-audit checks the translator"), "{err}");
}
