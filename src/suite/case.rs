//! Running one test program and judging it.
//!
//! How a program says it passed, decided before it runs:
//! - a reference signature beside it ([`reference_for`]): it must end by
//!   itself (HTIF pass or a clean poweroff) and the memory between its
//!   `begin_signature` and `end_signature` must equal the reference, at
//!   the reference's granularity (8 or 16 hex digits per line);
//! - otherwise an HTIF `tohost` symbol: it must write 1 there (or power
//!   off cleanly);
//! - neither: it is not run, and the message says why.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use mimic_firmware::elf;

use super::capture::Capture;
use super::watchdog::Watchdog;
use super::{Options, Status, TestResult};
use crate::signature::{Granularity, Region};
use crate::{Config, Machine, Outcome};

/// How a test's result is decided.
enum Judge {
    Htif,
    Signature { region: Region, reference: PathBuf, expected: Vec<String>, g: Granularity },
}

/// The reference signature for a program, if one exists: `NAME.reference_output`
/// or `STEM.reference_output` beside it, or riscv-arch-test's layout
/// `../references/STEM.reference_output`.
pub fn reference_for(path: &Path) -> Option<PathBuf> {
    let dir = path.parent()?;
    let name = path.file_name()?.to_string_lossy();
    let stem = path.file_stem()?.to_string_lossy();
    [
        dir.join(format!("{name}.reference_output")),
        dir.join(format!("{stem}.reference_output")),
        dir.join("../references").join(format!("{stem}.reference_output")),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// Runs the program at `path` and judges it.
pub fn run(path: &Path, opts: &Options) -> TestResult {
    let start = Instant::now();
    let (status, console, instret) = match plan(path) {
        Err(why) => (Status::Error(why), String::new(), 0),
        Ok(judge) => match catch_unwind(AssertUnwindSafe(|| execute(path, &judge, opts))) {
            Ok(r) => r,
            Err(p) => (Status::Error(format!("{}: mimic crashed running it: {}", path.display(), panic_text(&p))), String::new(), 0),
        },
    };
    TestResult { path: path.into(), status, secs: start.elapsed().as_secs_f64(), console, instret }
}

fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}

fn plan(path: &Path) -> Result<Judge, String> {
    let e = elf::read(path).map_err(|e| e.to_string())?;
    let region = Region::of(path, &e).map_err(|e| e.to_string())?;
    let p = path.display();
    match (reference_for(path), region, e.symbol("tohost")) {
        (Some(reference), Some(region), _) => {
            let (expected, g) = load_reference(&reference)?;
            Ok(Judge::Signature { region, reference, expected, g })
        }
        (Some(r), None, _) => Err(format!("{p}: {} exists but the program has no begin_signature/end_signature symbols", r.display())),
        (None, _, Some(_)) => Ok(Judge::Htif),
        (None, Some(_), None) => Err(format!(
            "{p}: has a signature region but no NAME.reference_output beside it to compare with, and no `tohost` symbol (HTIF) to report pass or fail"
        )),
        (None, None, None) => {
            Err(format!("{p}: no `tohost` symbol (HTIF) and no begin_signature/end_signature symbols: cannot tell whether it passed"))
        }
    }
}

/// Reads a reference signature: lines of 8 or 16 hex digits (all alike).
fn load_reference(path: &Path) -> Result<(Vec<String>, Granularity), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let lines: Vec<String> = text.lines().map(|l| l.trim().to_ascii_lowercase()).filter(|l| !l.is_empty()).collect();
    let width = lines.first().map_or(0, |l| l.len());
    let g = match width {
        8 => Granularity::Word4,
        16 => Granularity::Word8,
        _ => return Err(format!("{}: not a signature (expected lines of 8 or 16 hex digits)", path.display())),
    };
    if let Some((i, l)) = lines.iter().enumerate().find(|(_, l)| l.len() != width || !l.bytes().all(|b| b.is_ascii_hexdigit())) {
        return Err(format!("{}: line {} `{l}` is not {width} hex digits", path.display(), i + 1));
    }
    Ok((lines, g))
}

fn execute(path: &Path, judge: &Judge, opts: &Options) -> (Status, String, u64) {
    let out = Capture::default();
    let cfg = Config {
        program: Some(path.into()),
        ram_size: opts.ram_size,
        smp: opts.smp,
        engine: opts.engine,
        misaligned: opts.misaligned,
        max_insns: opts.max_insns,
        console_out: Some(Box::new(out.clone())),
        ..Config::default()
    };
    let mut m = match Machine::build(cfg) {
        Ok(m) => m,
        Err(e) => return (Status::Error(e.to_string()), out.text(), 0),
    };
    let dog = Watchdog::start(m.power.clone(), opts.timeout);
    let outcome = m.run();
    let fired = dog.stop();
    let status = if fired && outcome == Outcome::Quit { Status::TimedOut } else { verdict(judge, &outcome, &m) };
    (status, out.text(), m.instret())
}

fn verdict(judge: &Judge, outcome: &Outcome, m: &Machine) -> Status {
    if !matches!(outcome, Outcome::Pass | Outcome::Poweroff) {
        return Status::Failed(outcome.message().unwrap_or_else(|| format!("the run ended with {outcome:?}")));
    }
    match judge {
        Judge::Htif => Status::Passed,
        Judge::Signature { region, reference, expected, g } => match region.dump(m.ram(), *g) {
            Err(e) => Status::Failed(e.to_string()),
            Ok(text) => compare(&text, expected, region.begin, *g, reference),
        },
    }
}

/// Compares a signature with the reference, naming the first difference.
fn compare(text: &str, expected: &[String], base: u64, g: Granularity, reference: &Path) -> Status {
    let got: Vec<&str> = text.lines().collect();
    let differ = got.iter().zip(expected).filter(|(a, b)| **a != b.as_str()).count();
    if differ == 0 && got.len() == expected.len() {
        return Status::Passed;
    }
    let r = reference.display();
    if let Some(i) = got.iter().zip(expected).position(|(a, b)| *a != b.as_str()) {
        let at = base + (i * g.bytes()) as u64;
        return Status::Failed(format!(
            "signature differs from {r} in {differ} of {} words; first at line {} (address {at:#x}): got {}, expected {}",
            expected.len(),
            i + 1,
            got[i],
            expected[i]
        ));
    }
    Status::Failed(format!("signature has {} words, {r} has {}", got.len(), expected.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compare_names_the_first_difference() {
        let exp: Vec<String> = ["00000001", "00000002", "00000003"].iter().map(|s| s.to_string()).collect();
        let r = Path::new("x.reference_output");
        assert_eq!(compare("00000001\n00000002\n00000003\n", &exp, 0x1000, Granularity::Word4, r), Status::Passed);
        let Status::Failed(m) = compare("00000001\n00000009\n00000003\n", &exp, 0x1000, Granularity::Word4, r) else { panic!() };
        assert!(m.contains("1 of 3 words; first at line 2 (address 0x1004): got 00000009, expected 00000002"), "{m}");
        let Status::Failed(m) = compare("00000001\n00000002\n", &exp, 0x1000, Granularity::Word4, r) else { panic!() };
        assert!(m.contains("signature has 2 words, x.reference_output has 3"), "{m}");
    }

    #[test]
    fn reference_formats() {
        let d = std::env::temp_dir().join(format!("mimic-ref-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        let w = |n: &str, t: &str| {
            std::fs::write(d.join(n), t).unwrap();
            load_reference(&d.join(n))
        };
        assert_eq!(w("a", "DEADBEEF\n00000001\n\n").unwrap(), (vec!["deadbeef".into(), "00000001".into()], Granularity::Word4));
        assert_eq!(w("b", "00000000deadbeef\n").unwrap().1, Granularity::Word8);
        assert!(w("c", "").unwrap_err().contains("not a signature"));
        assert!(w("d", "00000001\n0001\n").unwrap_err().contains("line 2 `0001` is not 8 hex digits"));
    }
}
