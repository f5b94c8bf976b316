//! Finding the test programs under the paths given to `mimic test`.
//!
//! A file named on the command line is always a candidate: if it is not
//! an RV64 ELF, running it reports why. Inside a directory (searched
//! recursively, in name order, hidden entries and symlinked directories
//! skipped) a file is a candidate when it starts with the ELF magic,
//! except object files and libraries (`.o`, `.a`, `.so`, `.ko`). A file
//! that is not an ELF is skipped silently when it is clearly not a
//! program — it has another extension (sources, dumps, reference outputs,
//! logs…) or is text (Makefiles, READMEs) — and reported when it claims
//! to be one: named `*.elf`, or a binary file with no extension (where
//! riscv-tests puts its programs). A directory with no candidates at all
//! is reported too.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use mimic_firmware::elf;

/// A discovered path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A program to run.
    Program(PathBuf),
    /// A path that cannot be a test, and why (the message names it).
    Problem(PathBuf, String),
}

impl Found {
    fn path(&self) -> &Path {
        match self {
            Found::Program(p) | Found::Problem(p, _) => p,
        }
    }
}

/// Everything under `paths`, each file once.
pub fn discover(paths: &[PathBuf]) -> Vec<Found> {
    let mut out = Vec::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => out.push(Found::Problem(p.clone(), format!("{}: {e}", p.display()))),
            Ok(m) if m.is_dir() => {
                let before = out.len();
                walk(p, &mut out);
                if out.len() == before {
                    out.push(Found::Problem(p.clone(), format!("{}: no ELF programs found (searched recursively)", p.display())));
                }
            }
            Ok(_) => out.push(Found::Program(p.clone())),
        }
    }
    let mut seen = HashSet::new();
    out.retain(|f| seen.insert(std::fs::canonicalize(f.path()).unwrap_or_else(|_| f.path().to_path_buf())));
    out
}

fn walk(dir: &Path, out: &mut Vec<Found>) {
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok()).collect(),
        Err(e) => return out.push(Found::Problem(dir.into(), format!("{}: {e}", dir.display()))),
    };
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        match e.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(t) if t.is_file() || (t.is_symlink() && path.is_file()) => out.extend(classify(&path)),
            _ => {}
        }
    }
}

/// Extensions of files that are never programs even when they are ELFs.
const OBJECTS: [&str; 4] = ["o", "a", "so", "ko"];

fn classify(path: &Path) -> Option<Found> {
    let ext = path.extension().map(|x| x.to_string_lossy().to_ascii_lowercase());
    if ext.as_deref().is_some_and(|x| OBJECTS.contains(&x)) {
        return None;
    }
    let head = match head(path) {
        Ok(h) => h,
        Err(e) => return Some(Found::Problem(path.into(), format!("{}: {e}", path.display()))),
    };
    if elf::is_elf(&head) {
        return Some(Found::Program(path.into()));
    }
    let claims_program = match ext.as_deref() {
        Some("elf") => true,
        None => !is_text(&head),
        Some(_) => false,
    };
    claims_program.then(|| Found::Problem(path.into(), format!("{}: not an ELF file", path.display())))
}

/// The first bytes of a file.
fn head(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(512);
    std::fs::File::open(path)?.take(512).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Text: no NUL and valid UTF-8 (a cut multi-byte character at the end
/// of the sample is allowed).
fn is_text(b: &[u8]) -> bool {
    if b.contains(&0) {
        return false;
    }
    match std::str::from_utf8(b) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmpdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("mimic-discover-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn classifies_by_content_and_name() {
        let d = tmpdir("classify");
        let w = |n: &str, b: &[u8]| std::fs::write(d.join(n), b).unwrap();
        w("prog.elf", b"\x7fELF\x02\x01\x01rest");
        w("prog", b"\x7fELF\x02\x01\x01rest");
        w("obj.o", b"\x7fELF\x02\x01\x01rest");
        w("src.S", b"li a0, 1\n");
        w("Makefile", b"all:\n\ttrue\n");
        w("fake.elf", b"hello\n");
        w("blob", b"\x00\x01\x02\x03");
        w("data.bin", b"\x00\x01\x02\x03");
        w("add.reference_output", b"00000001\n");
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/deep.elf"), b"\x7fELF").unwrap();
        let f = discover(std::slice::from_ref(&d));
        let names: Vec<String> = f
            .iter()
            .map(|x| match x {
                Found::Program(p) => format!("run {}", p.file_name().unwrap().to_string_lossy()),
                Found::Problem(p, m) => format!("bad {} {}", p.file_name().unwrap().to_string_lossy(), m.contains("not an ELF file")),
            })
            .collect();
        assert_eq!(names, ["bad blob true", "bad fake.elf true", "run prog", "run prog.elf", "run deep.elf"]);
    }

    #[test]
    fn empty_directory_and_missing_path_are_problems() {
        let d = tmpdir("empty");
        std::fs::write(d.join("notes.txt"), b"nothing here\n").unwrap();
        let f = discover(&[d.clone(), d.join("missing.elf")]);
        assert!(matches!(&f[0], Found::Problem(_, m) if m.contains("no ELF programs found")), "{f:?}");
        assert!(matches!(&f[1], Found::Problem(_, m) if m.contains("missing.elf: No such file")), "{f:?}");
    }

    #[test]
    fn named_files_are_candidates_once() {
        let d = tmpdir("named");
        let p = d.join("a.txt");
        std::fs::write(&p, b"text").unwrap();
        assert_eq!(discover(&[p.clone(), p.clone()]), vec![Found::Program(p)]);
    }
}
