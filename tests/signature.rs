//! `--signature FILE` (issue #6): the region between begin_signature and
//! end_signature written in Spike's `+signature=` format, checked byte for
//! byte against hand-computed files (roms/sig/signature.w4, .w8; the
//! program's header says how they follow from its stores) in every engine
//! and at both granularities; bad uses get one clear line.

mod common;

use std::path::PathBuf;
use std::process::Command;

fn mimic(args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_mimic")).args(args).output().expect("run mimic");
    (o.status.code().expect("exit status"), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mimic-signature-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn signature_format_in_every_engine_and_granularity() {
    if !common::build_roms() {
        return;
    }
    let prog = common::root().join("roms/build/sig/signature.elf");
    let prog = prog.to_str().unwrap();
    for engine in [&["--engine", "interp"][..], &["--engine", "jit"], &["--jit-audit"]] {
        for (g, file) in [(None, "signature.w4"), (Some("4"), "signature.w4"), (Some("8"), "signature.w8")] {
            let want = std::fs::read(common::root().join("roms/sig").join(file)).unwrap();
            let out = tmp(&format!("{}-{}.sig", engine.join(""), g.unwrap_or("default")));
            let out_s = out.to_str().unwrap();
            let mut args = engine.to_vec();
            args.extend(["--signature", out_s]);
            if let Some(g) = g {
                args.extend(["--signature-granularity", g]);
            }
            args.push(prog);
            let (code, err) = mimic(&args);
            assert_eq!(code, 0, "{args:?}: {err}");
            let got = std::fs::read(&out).unwrap();
            assert_eq!(String::from_utf8_lossy(&got), String::from_utf8_lossy(&want), "{args:?}");
        }
    }
}

/// Asserts exit status 2 and one stderr line containing `want`.
fn bad(args: &[&str], want: &str) {
    let (code, err) = mimic(args);
    assert_eq!(code, 2, "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.contains(want), "{args:?}: `{err}` lacks `{want}`");
}

#[test]
fn signature_misuse_is_one_clear_line() {
    if !common::build_roms() {
        return;
    }
    let out = tmp("never.sig");
    let out = out.to_str().unwrap();
    let no_syms = common::root().join("roms/build/isa/rv64i.elf");
    let no_syms = no_syms.to_str().unwrap();
    bad(&["--signature", out, no_syms], "rv64i.elf: no `begin_signature`/`end_signature` symbols");
    assert!(!std::path::Path::new(out).exists(), "nothing is written for a program without a signature");
    bad(&["--signature", out, "--signature-granularity", "16", no_syms], "use 4 or 8");
    bad(&["--signature", out, "--kernel", no_syms], "--signature needs a PROGRAM.elf");
    let prog = common::root().join("roms/build/sig/signature.elf");
    bad(&["--signature", "/nonexistent/dir/x.sig", prog.to_str().unwrap()], "/nonexistent/dir/x.sig: cannot write the signature");
}
