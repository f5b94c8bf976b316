//! The JUnit XML report of `mimic test --junit FILE`, in the shape CI
//! systems read (the Ant/Surefire schema): one `<testsuite>` per
//! directory, one `<testcase>` per program; a failed test has a
//! `<failure>`, a timed-out one a `<failure type="timeout">`, one that
//! could not be run an `<error>`; console output goes in `<system-out>`.
//! Text is escaped, and characters XML 1.0 forbids (most C0 controls a
//! guest may print) are dropped.

use std::fmt::Write;

use super::summary::counts;
use super::{Status, TestResult};

/// The report.
pub fn xml(results: &[TestResult], secs: f64) -> String {
    let (by_dir, all) = counts(results);
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        s,
        "<testsuites name=\"mimic test\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{secs:.3}\">",
        all.total(),
        all.failed + all.timed_out,
        all.errors
    );
    for (dir, c) in &by_dir {
        let cases: Vec<&TestResult> = results.iter().filter(|r| &r.group() == dir).collect();
        let time: f64 = cases.iter().map(|r| r.secs).sum();
        let _ = writeln!(
            s,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" time=\"{time:.3}\">",
            esc(dir),
            c.total(),
            c.failed + c.timed_out,
            c.errors
        );
        cases.iter().for_each(|r| case(&mut s, dir, r));
        s.push_str("  </testsuite>\n");
    }
    s.push_str("</testsuites>\n");
    s
}

fn case(s: &mut String, dir: &str, r: &TestResult) {
    let _ = write!(
        s,
        "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" time=\"{:.3}\">",
        esc(&r.name()),
        esc(dir),
        esc(&r.path.display().to_string()),
        r.secs
    );
    let _ = match &r.status {
        Status::Passed => Ok(()),
        Status::Failed(why) => write!(s, "\n      <failure type=\"failed\" message=\"{0}\">{0}</failure>", esc(why)),
        Status::TimedOut => write!(s, "\n      <failure type=\"timeout\" message=\"time limit reached after {:.1} s\"/>", r.secs),
        Status::Error(why) => write!(s, "\n      <error type=\"error\" message=\"{0}\">{0}</error>", esc(why)),
    };
    if !r.console.is_empty() {
        let _ = write!(s, "\n      <system-out>{}</system-out>", esc(&r.console));
    }
    if r.status != Status::Passed || !r.console.is_empty() {
        s.push_str("\n    ");
    }
    s.push_str("</testcase>\n");
}

/// XML-escapes text for both attributes and content.
pub fn esc(t: &str) -> String {
    let mut o = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_forbidden_characters() {
        assert_eq!(esc("a<b>&\"c'\u{1b}[0m\u{0}\n"), "a&lt;b&gt;&amp;&quot;c&apos;[0m\n");
    }

    #[test]
    fn report_shape() {
        let rs = [
            TestResult { path: "d/ok.elf".into(), status: Status::Passed, secs: 0.25, console: String::new(), instret: 1 },
            TestResult { path: "d/bad.elf".into(), status: Status::Failed("FAIL: test 2".into()), secs: 0.5, console: "x<y\n".into(), instret: 1 },
        ];
        let x = xml(&rs, 1.0);
        assert!(x.contains("<testsuites name=\"mimic test\" tests=\"2\" failures=\"1\" errors=\"0\" time=\"1.000\">"), "{x}");
        assert!(x.contains("<testsuite name=\"d\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0.750\">"), "{x}");
        assert!(x.contains("<testcase name=\"ok.elf\" classname=\"d\" file=\"d/ok.elf\" time=\"0.250\"></testcase>"), "{x}");
        assert!(x.contains("<failure type=\"failed\" message=\"FAIL: test 2\">FAIL: test 2</failure>"), "{x}");
        assert!(x.contains("<system-out>x&lt;y\n</system-out>"), "{x}");
    }
}
