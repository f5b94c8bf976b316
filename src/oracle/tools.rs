//! The host tools the oracle drives: Debian's riscv64-unknown-elf-gcc
//! (assembles the generated source) and qemu-system-riscv64 (the second
//! implementation), with a time limit on every QEMU run.
//!
//! Environment: `RISCV_CC` (as roms/build.sh) and `QEMU` (as
//! roms/qemu-smoke.sh) override the commands.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// -march for the generated programs (what both sides implement; Zicond
/// is written with `.insn`, which needs no -march bit).
pub const MARCH: &str = "rv64gc_zba_zbb_zbc_zbs_zicsr_zifencei_zihintpause";

/// The link script: text at the start of RAM, data on the next pages.
const LINK_LD: &str = "OUTPUT_ARCH(\"riscv\")
ENTRY(_start)
SECTIONS
{
  . = 0x80000000;
  .text : { *(.text.init) *(.text) }
  . = ALIGN(0x1000);
  .data : { *(.data) }
  .bss : { *(.bss) }
}
";

/// Paths or names of the two commands.
#[derive(Clone, Debug)]
pub struct Tools {
    pub cc: String,
    pub qemu: String,
}

impl Default for Tools {
    fn default() -> Self {
        Tools {
            cc: std::env::var("RISCV_CC").unwrap_or_else(|_| "riscv64-unknown-elf-gcc".into()),
            qemu: std::env::var("QEMU").unwrap_or_else(|_| "qemu-system-riscv64".into()),
        }
    }
}

/// What QEMU printed and how it ended.
#[derive(Clone, Debug)]
pub struct QemuRun {
    pub output: String,
    /// None when the time limit stopped it.
    pub status: Option<i32>,
    pub stderr: String,
}

impl Tools {
    /// The tools that cannot be started (empty when both are there).
    pub fn missing(&self) -> Vec<String> {
        let runs = |cmd: &str| Command::new(cmd).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
        [(&self.cc, "gcc-riscv64-unknown-elf"), (&self.qemu, "qemu-system-misc")]
            .into_iter()
            .filter(|(c, _)| !runs(c))
            .map(|(c, pkg)| format!("{c} (apt-get install {pkg})"))
            .collect()
    }

    /// Assembles `source` into `dir/NAME.elf` (also leaving NAME.S there).
    pub fn assemble(&self, source: &str, dir: &Path, name: &str) -> Result<PathBuf, String> {
        let (src, elf, ld) = (dir.join(format!("{name}.S")), dir.join(format!("{name}.elf")), dir.join("link.ld"));
        std::fs::write(&src, source).map_err(|e| format!("{}: {e}", src.display()))?;
        std::fs::write(&ld, LINK_LD).map_err(|e| format!("{}: {e}", ld.display()))?;
        let out = Command::new(&self.cc)
            .args([&format!("-march={MARCH}"), "-mabi=lp64d", "-mcmodel=medany", "-mno-relax", "-static", "-nostdlib", "-nostartfiles"])
            .args(["-Wl,--no-warn-rwx-segments", "-T"])
            .args([&ld, &src, Path::new("-o"), &elf])
            .output()
            .map_err(|e| format!("{}: {e}", self.cc))?;
        if !out.status.success() {
            return Err(format!("{} failed on {}:\n{}", self.cc, src.display(), String::from_utf8_lossy(&out.stderr)));
        }
        Ok(elf)
    }

    /// Runs `elf` on QEMU's virt board with no firmware, for at most
    /// `limit`.
    pub fn qemu(&self, elf: &Path, limit: Duration) -> Result<QemuRun, String> {
        let mut child = Command::new(&self.qemu)
            .args(["-machine", "virt", "-nographic", "-bios", "none", "-m", "128M", "-smp", "1", "-kernel"])
            .arg(elf)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{}: {e}", self.qemu))?;
        let mut out = child.stdout.take().expect("piped");
        let mut err = child.stderr.take().expect("piped");
        let reader = std::thread::spawn(move || {
            let mut s = Vec::new();
            let _ = out.read_to_end(&mut s);
            s
        });
        let ereader = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = err.read_to_string(&mut s);
            s
        });
        let status = wait(&mut child, limit);
        let output = String::from_utf8_lossy(&reader.join().unwrap_or_default()).into_owned();
        Ok(QemuRun { output, status, stderr: ereader.join().unwrap_or_default() })
    }
}

/// Waits for `child` until `limit`; kills it (our own child) after that.
fn wait(child: &mut std::process::Child, limit: Duration) -> Option<i32> {
    let deadline = Instant::now() + limit;
    loop {
        if let Ok(Some(st)) = child.try_wait() {
            return Some(st.code().unwrap_or(-1));
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}
