//! Debian guest images for the tests that boot Linux (tests/boot.rs) or
//! need the real kernel (tests/cli_kernel.rs), found where the roms/
//! scripts put them (see roms/fetch-debian.sh, build-initramfs.sh,
//! build-rootfs.sh and ../shared/GUEST-IMAGES.md):
//!
//! ```text
//! roms/cache/debian/linux-image-*/boot/vmlinux-*    the kernel (RISC-V Image)
//! roms/cache/initramfs.cpio.gz                      our busybox initramfs
//! roms/cache/rootfs.img                             ext4 disk image
//! roms/cache/debian/opensbi/.../fw_dynamic.bin      Debian 13's OpenSBI
//! ```
//!
//! Outside CI, a missing image makes the test print SKIPPED and pass (the
//! images are a network download and a few minutes of building). With
//! MIMIC_CI set the scripts are run (they are cache-aware, so this is quick
//! when nothing changed) and a failure fails the test.
//!
//! `Sink` collects what a child's pipe delivers (tests that drive a
//! running mimic: boot, gdb).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether missing images must be built (and their failure fail the test).
pub fn in_ci() -> bool {
    std::env::var_os("MIMIC_CI").is_some()
}

fn cache() -> PathBuf {
    root().join("roms/cache")
}

/// The images a boot needs.
#[derive(Clone, Debug)]
pub struct Images {
    pub kernel: PathBuf,
    pub initrd: PathBuf,
    pub rootfs: PathBuf,
}

/// The first `roms/cache/debian/linux-image-*/boot/vmlinux-*`.
fn find_kernel() -> Option<PathBuf> {
    let mut found = Vec::new();
    for pkg in std::fs::read_dir(cache().join("debian")).ok()?.flatten() {
        if !pkg.file_name().to_string_lossy().starts_with("linux-image-") {
            continue;
        }
        for f in std::fs::read_dir(pkg.path().join("boot")).into_iter().flatten().flatten() {
            if f.file_name().to_string_lossy().starts_with("vmlinux-") {
                found.push(f.path());
            }
        }
    }
    found.sort();
    found.into_iter().next()
}

/// Runs roms/SCRIPT; its stdout (the paths it prints) is dropped.
fn run_script(script: &str) -> Result<(), String> {
    let path = root().join("roms").join(script);
    eprintln!("running {}", path.display());
    let st = Command::new("bash").arg(&path).stdout(Stdio::null()).status().map_err(|e| format!("bash {}: {e}", path.display()))?;
    if st.success() {
        Ok(())
    } else {
        Err(format!("{} failed ({st}); see its messages above", path.display()))
    }
}

/// In CI: fetches the packages (`all`: and builds the images), once per
/// test process; concurrent callers wait for the first.
fn ci_build(all: bool) {
    static FETCHED: OnceLock<Result<(), String>> = OnceLock::new();
    static BUILT: OnceLock<Result<(), String>> = OnceLock::new();
    let r = FETCHED.get_or_init(|| run_script("fetch-debian.sh"));
    let r = match (r, all) {
        (Ok(()), true) => BUILT.get_or_init(|| run_script("build-initramfs.sh").and_then(|()| run_script("build-rootfs.sh"))),
        _ => r,
    };
    if let Err(e) = r {
        panic!("MIMIC_CI is set and the guest images could not be fetched or built: {e}");
    }
}

/// Debian's kernel, or None (after printing SKIPPED) outside CI when it was
/// never fetched.
pub fn kernel(test: &str) -> Option<PathBuf> {
    if in_ci() {
        ci_build(false);
    }
    match find_kernel() {
        Some(k) => Some(k),
        None if in_ci() => panic!("roms/fetch-debian.sh ran but there is no roms/cache/debian/linux-image-*/boot/vmlinux-*"),
        None => {
            eprintln!("SKIPPED {test}: Debian's kernel is not fetched (run roms/fetch-debian.sh)");
            None
        }
    }
}

/// Kernel, initramfs and rootfs, or None (after printing SKIPPED) outside
/// CI when any is missing.
pub fn images(test: &str) -> Option<Images> {
    if in_ci() {
        ci_build(true);
    }
    let initrd = cache().join("initramfs.cpio.gz");
    let rootfs = cache().join("rootfs.img");
    let missing: Vec<_> =
        [("initramfs", initrd.is_file()), ("rootfs", rootfs.is_file())].iter().filter(|(_, ok)| !ok).map(|(n, _)| *n).collect();
    match find_kernel() {
        Some(kernel) if missing.is_empty() => Some(Images { kernel, initrd, rootfs }),
        k if in_ci() => panic!("the roms/ scripts ran but left no kernel ({}) or no {missing:?} in roms/cache", k.is_some()),
        _ => {
            eprintln!("SKIPPED {test}: guest images missing (run roms/fetch-debian.sh, roms/build-initramfs.sh, roms/build-rootfs.sh)");
            None
        }
    }
}

/// Debian 13's OpenSBI fw_dynamic.bin from roms/cache, else the host's
/// (Debian package `opensbi`); None (after printing SKIPPED) outside CI
/// when neither exists.
pub fn opensbi(test: &str) -> Option<PathBuf> {
    let candidates = [
        cache().join("debian/opensbi/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"),
        PathBuf::from("/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"),
    ];
    match candidates.iter().find(|p| p.is_file()) {
        Some(p) => Some(p.clone()),
        None if in_ci() => panic!("no OpenSBI fw_dynamic.bin: neither {} nor {}", candidates[0].display(), candidates[1].display()),
        None => {
            eprintln!("SKIPPED {test}: no OpenSBI fw_dynamic.bin (run roms/fetch-debian.sh or apt-get install opensbi)");
            None
        }
    }
}

/// A directory removed (with its contents) when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    /// A fresh directory named after the test and this process.
    pub fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!("mimic-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        TempDir(p)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes `bytes` to a file in the directory.
    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Undo chmod 000 so the files can be removed.
        for f in std::fs::read_dir(&self.0).into_iter().flatten().flatten() {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o644));
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether the tests run as root (`id -u` is 0), who can read and write any file.
pub fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// Everything a pipe delivered so far, filled by a reader thread.
#[derive(Clone, Default)]
pub struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Sink {
    pub fn spawn(self, mut from: impl std::io::Read + Send + 'static) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = from.read(&mut buf) {
                if n == 0 {
                    break;
                }
                self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(&buf[..n]);
            }
        })
    }

    /// The text from byte `from` on (lossy UTF-8).
    pub fn text_from(&self, from: usize) -> String {
        self.text(from, usize::MAX)
    }

    /// The text of bytes `from..to` (clamped; lossy UTF-8).
    pub fn text(&self, from: usize, to: usize) -> String {
        let b = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let to = to.min(b.len());
        String::from_utf8_lossy(&b[from.min(to)..to]).into_owned()
    }

    /// The end of the first `pat` at or after byte `from`.
    pub fn find(&self, from: usize, pat: &str) -> Option<(usize, usize)> {
        let b = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let hay = b.get(from..)?;
        hay.windows(pat.len()).position(|w| w == pat.as_bytes()).map(|i| (from + i, from + i + pat.len()))
    }
}
