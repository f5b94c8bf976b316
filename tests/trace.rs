//! `--trace` and `--stats` end to end (issue #7): the `insn` trace of a
//! small program line by line in Spike's `--log-commits` format (the same
//! in every engine), the `mmu` trace of a known Sv39 walk, `dev` and `sbi`
//! lines, the pc and privilege filters, and the named `--stats` counters.
//! Programs are under roms/trace; each test writes its own trace file.

mod common;

use std::path::PathBuf;
use std::process::Command;

/// Runs mimic with `args` plus `--trace-file`; returns (status, trace, stderr).
fn traced(name: &str, args: &[&str]) -> (i32, String, String) {
    let dir = std::env::temp_dir().join(format!("mimic-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.trace"));
    let o = Command::new(env!("CARGO_BIN_EXE_mimic"))
        .args(args)
        .arg("--trace-file")
        .arg(&file)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run mimic");
    let trace = std::fs::read_to_string(&file).unwrap_or_default();
    let _ = std::fs::remove_file(&file);
    (o.status.code().unwrap_or(-1), trace, String::from_utf8_lossy(&o.stderr).into())
}

fn prog(name: &str) -> Option<PathBuf> {
    common::build_roms().then(|| common::root().join(format!("roms/build/trace/{name}.elf")))
}

/// roms/trace/insn.S as `spike --log-commits` prints it, with the
/// exception line Spike adds under `-l` for the ECALL. mstatus.FS is
/// made Dirty before the FP instructions, so Spike logs no implicit
/// mstatus write for them (mimic lists only explicit writes).
const INSN_GOLDEN: &str = "\
core   0: 3 0x0000000080000000 (0x00000297) x5  0x0000000080000000
core   0: 3 0x0000000080000004 (0x03428293) x5  0x0000000080000034
core   0: 3 0x0000000080000008 (0x30529073) c773_mtvec 0x0000000080000034
core   0: 3 0x000000008000000c (0x4515) x10 0x0000000000000005
core   0: 3 0x000000008000000e (0x872a) x14 0x0000000000000005
core   0: 3 0x0000000080000010 (0x00000317) x6  0x0000000080000010
core   0: 3 0x0000000080000014 (0x04030313) x6  0x0000000080000050
core   0: 3 0x0000000080000018 (0x00a33023) mem 0x0000000080000050 0x0000000000000005
core   0: 3 0x000000008000001c (0x00033583) x11 0x0000000000000005 mem 0x0000000080000050
core   0: 3 0x0000000080000020 (0x000063b7) x7  0x0000000000006000
core   0: 3 0x0000000080000024 (0x3003a6f3) x13 0x0000000a00000000 c768_mstatus 0x8000000a00006000
core   0: 3 0x0000000080000028 (0xd2257553) f10 0x4014000000000000
core   0: 3 0x000000008000002c (0x00a33427) mem 0x0000000080000058 0x4014000000000000
core   0: exception trap_machine_ecall, epc 0x0000000080000030
core   0: 3 0x0000000080000034 (0x34202673) x12 0x000000000000000b
core   0: 3 0x0000000080000038 (0x00100513) x10 0x0000000000000001
core   0: 3 0x000000008000003c (0x00001297) x5  0x000000008000103c
core   0: 3 0x0000000080000040 (0xfc428293) x5  0x0000000080001000
core   0: 3 0x0000000080000044 (0x00a2b023) mem 0x0000000080001000 0x0000000000000001
";

fn assert_lines(got: &str, want: &str) {
    for (i, (g, w)) in got.lines().zip(want.lines()).enumerate() {
        assert_eq!(g, w, "trace line {}", i + 1);
    }
    assert_eq!(got.lines().count(), want.lines().count(), "trace:\n{got}");
}

#[test]
fn insn_trace_matches_spike_in_every_engine() {
    let Some(p) = prog("insn") else { return };
    for engine in ["interp", "jit"] {
        let (code, trace, err) = traced(&format!("insn-{engine}"), &["--engine", engine, "--trace", "insn", p.to_str().unwrap()]);
        assert_eq!(code, 0, "{engine}: {err}");
        assert_lines(&trace, INSN_GOLDEN);
    }
}

#[test]
fn disasm_trace_has_spike_l_lines() {
    let Some(p) = prog("insn") else { return };
    let (code, trace, err) = traced("disasm", &["--trace", "disasm", "--trace-pc", "80000000-80000010", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let first = trace.lines().next().unwrap_or_default();
    assert_eq!(first, "core   0: 0x0000000080000000 (0x00000297) auipc   t0, 0x0", "{trace}");
    assert_eq!(trace.lines().count(), 5, "{trace}");
}

#[test]
fn pc_filter_keeps_the_range_only() {
    let Some(p) = prog("insn") else { return };
    let (code, trace, err) = traced("pc", &["--trace", "insn", "--trace-pc", "0x80000018-0x80000020", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let want: String = INSN_GOLDEN.lines().filter(|l| l.contains("0x0000000080000018 (") || l.contains("0x000000008000001c (")).map(|l| format!("{l}\n")).collect();
    assert_lines(&trace, &want);
}

#[test]
fn priv_filter_keeps_user_mode_only() {
    let Some(p) = prog("ecalls") else { return };
    let (code, trace, err) = traced("priv", &["--trace", "insn", "--trace-priv", "u", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let want = "\
core   0: 0 0x0000000080000038 (0x00150513) x10 0x0000000000000001
core   0: exception trap_user_ecall, epc 0x000000008000003c
core   0: 0 0x0000000080000040 (0x00150513) x10 0x0000000000000002
core   0: exception trap_user_ecall, epc 0x0000000080000044
core   0: 0 0x0000000080000048 (0x00150513) x10 0x0000000000000003
core   0: exception trap_user_ecall, epc 0x000000008000004c
";
    assert_lines(&trace, want);
}

#[test]
fn mmu_trace_shows_the_sv39_walk() {
    let Some(p) = prog("walk") else { return };
    for engine in ["interp", "jit"] {
        let (code, trace, err) = traced(&format!("mmu-{engine}"), &["--engine", engine, "--trace", "mmu", p.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let want = "\
walk hart=0 satp=0x8000000000080010 va=0x40201008
  pte level=2 addr=0x80010008 pte=0x20004401
  pte level=1 addr=0x80011008 pte=0x20004801
  pte level=0 addr=0x80012008 pte=0x20004cc7
  -> pa=0x80013008 size=0x1000
";
        assert!(trace.contains(want), "{engine}: no Sv39 walk in:\n{trace}");
        assert_eq!(trace.matches("satp=0x8000000000080010 va=0x40201008").count(), 1, "{trace}");
    }
}

#[test]
fn priv_filter_applies_to_walks() {
    let Some(p) = prog("walk") else { return };
    // MPRV with MPP = S: the load walks as S; fetches and the page-table
    // stores run (and "walk" bare) in M.
    let (code, trace, err) = traced("mmu-priv", &["--trace", "mmu", "--trace-priv", "s", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_lines(
        &trace,
        "\
walk hart=0 satp=0x8000000000080010 va=0x40201008
  pte level=2 addr=0x80010008 pte=0x20004401
  pte level=1 addr=0x80011008 pte=0x20004801
  pte level=0 addr=0x80012008 pte=0x20004cc7
  -> pa=0x80013008 size=0x1000
",
    );
}

#[test]
fn dev_trace_shows_the_uart_write() {
    let Some(p) = prog("ecalls") else { return };
    let (code, trace, err) = traced("dev", &["--engine", "interp", "--trace", "dev", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let dev: Vec<&str> = trace.lines().collect();
    assert_eq!(dev.first().copied(), Some("dev hart=0 pc=0x80000014 uart write offset=0x0 size=1 value=0x41"), "{trace}");
    assert!(dev.iter().all(|l| l.starts_with("dev hart=0 ")), "{trace}");
}

#[test]
fn sbi_trace_names_calls_and_results() {
    let Some(p) = prog("sbi") else { return };
    let (code, trace, err) = traced("sbi", &["--bios", "builtin", "--kernel", p.to_str().unwrap(), "--trace", "sbi"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = trace.lines().collect();
    assert_eq!(lines.len(), 3, "{trace}");
    assert!(lines[0].starts_with("sbi hart=0 pc=0x80000008 base(0x10) fid=0 args=[0x0, "), "{trace}");
    assert!(lines[0].ends_with("-> SUCCESS value=0x2000000"), "{trace}");
    assert!(lines[1].starts_with("sbi hart=0 pc=0x8000001c DBCN(0x4442434e) fid=2 args=[0x42, "), "{trace}");
    assert_eq!(lines[2], "sbi hart=0 pc=0x80000034 SRST(0x53525354) fid=0 args=[0x0, 0x0, 0x0, 0x0, 0x0, 0x0] -> SUCCESS value=0x0");
}

#[test]
fn trap_trace_names_causes() {
    let Some(p) = prog("ecalls") else { return };
    let (code, trace, err) = traced("trap", &["--trace", "trap", p.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(trace.lines().count(), 3, "{trace}");
    assert!(trace.starts_with("trap hart=0 exception cause=8 (ecall from U) tval=0x0 epc=0x8000003c U->M handler=0x80000054\n"), "{trace}");
}

#[test]
fn stats_name_counters() {
    let Some(p) = prog("ecalls") else { return };
    for engine in ["interp", "jit"] {
        let (code, _, err) = traced(&format!("stats-{engine}"), &["--engine", engine, "--stats", p.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let has = |s: &str| assert!(err.contains(s), "{engine}: `{s}` missing from:\n{err}");
        has("mimic: hart 0: instructions retired: ");
        has("(U 3, S 0, M ");
        has("mimic: hart 0: exceptions: 3 (ecall from U 3)");
        has("mimic: hart 0: interrupts: 0 (none)");
        has("mimic: hart 0: TLB: ");
        has("mimic: hart 0: page walks: ");
        has("mimic: hart 0: SBI calls: 0 (none)");
        has(" MIPS)");
    }
}

#[test]
fn stats_count_sbi_calls_by_extension() {
    let Some(p) = prog("sbi") else { return };
    let (code, _, err) = traced("stats-sbi", &["--bios", "builtin", "--kernel", p.to_str().unwrap(), "--stats"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("SBI calls: 3 (base 1, SRST 1, DBCN 1)"), "{err}");
    assert!(err.contains("(U 0, S "), "{err}");
}

#[test]
fn bad_filters_are_one_line_errors() {
    for (args, want) in [
        (&["--trace", "insn", "--trace-pc", "zz-10"][..], "--trace-pc `zz-10`"),
        (&["--trace", "insn", "--trace-pc", "20-10"][..], "START must be below END"),
        (&["--trace", "insn", "--trace-priv", "h"][..], "--trace-priv: unknown mode `h`"),
        (&["--trace", "bogus"][..], "unknown event kind `bogus`"),
        (&["--trace-priv", "u"][..], "give --trace too"),
    ] {
        let mut a = args.to_vec();
        a.push("/nonexistent.elf");
        let o = Command::new(env!("CARGO_BIN_EXE_mimic")).args(&a).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{a:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(want), "{a:?}: {err}");
    }
}

/// The per-mode counts of `--stats` for `prog` in `engine`:
/// "(U n, S n, M n)".
fn per_mode(prog: &std::path::Path, engine: &str) -> String {
    let (code, _, err) = traced(&format!("modes-{engine}-{}", prog.file_stem().unwrap().to_string_lossy()), &["--engine", engine, "--stats", prog.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let line = err.lines().find(|l| l.contains("instructions retired: ")).unwrap_or_else(|| panic!("{err}"));
    line[line.find("(U ").unwrap()..].to_string()
}

#[test]
fn retirement_per_mode_agrees_between_engines() {
    // Attributed at privilege changes: translated code must have its
    // instruction count synchronized at every trap entry and xRET; and
    // the HTIF exit ends both engines right after the tohost store.
    if !common::build_roms() {
        return;
    }
    for name in ["mmu/faults", "mmu/sum_mxr_mprv", "mmu/sfence", "isa/rv64i"] {
        let p = common::root().join(format!("roms/build/{name}.elf"));
        let interp = per_mode(&p, "interp");
        assert_eq!(interp, per_mode(&p, "jit"), "{name}");
        assert!(name.starts_with("isa/") || !interp.starts_with("(U 0, S 0"), "{name}: {interp}");
    }
}
