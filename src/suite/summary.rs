//! The end-of-run text of `mimic test`: every test that did not pass with
//! its reason and the tail of its console output, then a table of counts
//! per directory (passed / failed / timed out / errors) and a total line.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Status, TestResult};

/// Console lines shown for a test that did not pass.
const TAIL: usize = 30;

/// Counts of one group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub passed: usize,
    pub failed: usize,
    pub timed_out: usize,
    pub errors: usize,
}

impl Counts {
    fn add(&mut self, s: &Status) {
        match s {
            Status::Passed => self.passed += 1,
            Status::Failed(_) => self.failed += 1,
            Status::TimedOut => self.timed_out += 1,
            Status::Error(_) => self.errors += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.passed + self.failed + self.timed_out + self.errors
    }
}

/// Counts per directory (sorted) and in all.
pub fn counts(results: &[TestResult]) -> (BTreeMap<String, Counts>, Counts) {
    let mut by_dir: BTreeMap<String, Counts> = BTreeMap::new();
    let mut all = Counts::default();
    for r in results {
        by_dir.entry(r.group()).or_default().add(&r.status);
        all.add(&r.status);
    }
    (by_dir, all)
}

/// The whole summary.
pub fn text(results: &[TestResult], secs: f64) -> String {
    let mut s = String::new();
    for r in results.iter().filter(|r| r.status != Status::Passed) {
        problem(&mut s, r);
    }
    let (by_dir, all) = counts(results);
    let w = by_dir.keys().map(|k| k.len()).max().unwrap_or(0).max("directory".len());
    let _ = writeln!(s, "{:<w$}  {:>6}  {:>6}  {:>9}  {:>6}  {:>6}", "directory", "passed", "failed", "timed out", "errors", "total");
    for (dir, c) in by_dir.iter().chain([(&"total".to_string(), &all)]) {
        let _ = writeln!(s, "{dir:<w$}  {:>6}  {:>6}  {:>9}  {:>6}  {:>6}", c.passed, c.failed, c.timed_out, c.errors, c.total());
    }
    let _ =
        writeln!(s, "mimic test: {} passed, {} failed, {} timed out, {} errors in {secs:.2} s", all.passed, all.failed, all.timed_out, all.errors);
    s
}

fn problem(s: &mut String, r: &TestResult) {
    let _ = match &r.status {
        Status::Passed => return,
        Status::Failed(why) => writeln!(s, "FAILED    {} ({:.2} s): {why}", r.path.display(), r.secs),
        Status::TimedOut => writeln!(s, "TIMED OUT {} (stopped after {:.1} s)", r.path.display(), r.secs),
        Status::Error(why) => writeln!(s, "ERROR     {why}"),
    };
    let lines: Vec<&str> = r.console.lines().collect();
    if lines.is_empty() {
        return;
    }
    let from = lines.len().saturating_sub(TAIL);
    let _ = writeln!(s, "  console output{}:", if from > 0 { format!(" (last {TAIL} lines)") } else { String::new() });
    for l in &lines[from..] {
        let _ = writeln!(s, "  | {l}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(path: &str, status: Status, console: &str) -> TestResult {
        TestResult { path: path.into(), status, secs: 0.5, console: console.into(), instret: 0 }
    }

    #[test]
    fn table_and_failures() {
        let rs = [
            r("a/x.elf", Status::Passed, "hi\n"),
            r("a/y.elf", Status::Failed("FAIL: test 3".into()), "line1\nline2\n"),
            r("b/z.elf", Status::TimedOut, ""),
            r("b/w", Status::Error("b/w: not an ELF file".into()), ""),
        ];
        let t = text(&rs, 1.25);
        assert!(t.contains("FAILED    a/y.elf (0.50 s): FAIL: test 3\n  console output:\n  | line1\n  | line2\n"), "{t}");
        assert!(t.contains("TIMED OUT b/z.elf"), "{t}");
        assert!(t.contains("ERROR     b/w: not an ELF file"), "{t}");
        assert!(t.contains("a               1       1          0       0       2"), "{t}");
        assert!(t.contains("total           1       1          1       1       4"), "{t}");
        assert!(t.ends_with("mimic test: 1 passed, 1 failed, 1 timed out, 1 errors in 1.25 s\n"), "{t}");
        assert!(!t.contains("hi"), "passing tests' output is not shown: {t}");
    }
}
