//! Boots Debian 13's riscv64 kernel in mimic (the release binary, as a user
//! runs it) to our initramfs shell and drives that shell through the
//! console pipes (issue #4): uname, /proc/cpuinfo, /proc/interrupts, the
//! guest clock, then an ext4 disk (/dev/vda, a fresh copy of
//! roms/cache/rootfs.img) is mounted, a file with a unique token written,
//! synced and unmounted, and the guest powered off; mimic must exit 0 and
//! the token must be in the image, read back on the host with debugfs.
//!
//! With the built-in SBI and with Debian's OpenSBI (--bios
//! fw_dynamic.bin), each with one hart and with several (--smp 4 and
//! --smp 2; /proc/cpuinfo and the online mask must list every hart):
//! separate tests, so they run in parallel.
//!
//! A boot takes seconds with the translator and about a minute in the
//! interpreter (more on a loaded machine or in a debug build), so the
//! deadlines here are generous safety nets, never timing assertions: a
//! boot that misses one is killed and the test fails with the tail of the
//! console log. Environment: MIMIC_BOOT_TIMEOUT=SECS changes the deadline
//! for reaching the shell; MIMIC_BOOT_ENGINE=NAME passes `--engine NAME`.
//! Images missing outside CI: SKIPPED (see tests/guest/mod.rs).

mod guest;

use std::io::Write;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use guest::Sink;

/// The line roms/initramfs/init prints when the shell is about to start.
const MARKER: &str = "MIMIC-INIT-READY";
/// Default deadline for reaching MARKER.
const BOOT_SECS: u64 = 1200;
/// Deadline for each shell command and for the power-off.
const CMD_SECS: u64 = 300;

fn boot_deadline() -> Duration {
    let secs = std::env::var("MIMIC_BOOT_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(BOOT_SECS);
    Duration::from_secs(secs)
}

/// A running mimic whose console is driven through pipes. Dropping it
/// kills the process if it still runs.
struct Guest {
    name: String,
    child: Child,
    stdin: Option<ChildStdin>,
    out: Sink,
    err: Sink,
    readers: Vec<JoinHandle<()>>,
    /// Console bytes before this were consumed by an earlier wait.
    pos: usize,
    /// Shell commands sent so far (numbers their output markers).
    sent: usize,
    started: Instant,
}

impl Guest {
    fn start(name: &str, args: &[&str]) -> Guest {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mimic"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{name}: cannot start {}: {e}", env!("CARGO_BIN_EXE_mimic")));
        let (out, err) = (Sink::default(), Sink::default());
        let readers = vec![
            out.clone().spawn(child.stdout.take().expect("stdout pipe")),
            err.clone().spawn(child.stderr.take().expect("stderr pipe")),
        ];
        let stdin = child.stdin.take();
        Guest { name: name.into(), child, stdin, out, err, readers, pos: 0, sent: 0, started: Instant::now() }
    }

    /// Kills mimic and fails the test, showing the end of the console.
    fn fail(&mut self, why: &str) -> ! {
        let _ = self.child.kill();
        let status = self.child.wait().map_or("unknown".into(), |s| s.to_string());
        drop(self.stdin.take());
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
        let console = self.out.text_from(0);
        let lines: Vec<&str> = console.lines().collect();
        let tail = lines[lines.len().saturating_sub(60)..].join("\n");
        panic!(
            "{}: {why} ({:.0} s after start; mimic: {status})\n--- last console lines ---\n{tail}\n--- mimic stderr ---\n{}",
            self.name,
            self.started.elapsed().as_secs_f64(),
            self.err.text_from(0)
        );
    }

    /// Waits until `pat` appears after what earlier waits consumed; returns
    /// the console text between the consumed part and `pat`.
    fn wait_for(&mut self, pat: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            if let Some((start, end)) = self.out.find(self.pos, pat) {
                let before = self.out.text(self.pos, start);
                self.pos = end;
                return before;
            }
            if let Ok(Some(st)) = self.child.try_wait() {
                // Let the reader threads drain what is left in the pipe.
                std::thread::sleep(Duration::from_millis(200));
                if self.out.find(self.pos, pat).is_none() {
                    self.fail(&format!("mimic exited ({st}) before printing `{pat}`"));
                }
                continue;
            }
            if Instant::now() > deadline {
                self.fail(&format!("no `{pat}` within {} s (killed)", limit.as_secs()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, line: &str) {
        let ok = self.stdin.as_mut().is_some_and(|s| s.write_all(format!("{line}\n").as_bytes()).and_then(|()| s.flush()).is_ok());
        if !ok {
            self.fail(&format!("cannot write `{line}` to mimic's stdin"));
        }
    }

    /// Runs a shell command; returns its output and exit status. The
    /// output is fenced by marker lines the shell prints (written so that
    /// the terminal's echo of the command line does not contain them).
    fn run(&mut self, cmd: &str) -> (String, String) {
        self.sent += 1;
        let n = self.sent;
        self.send(&format!("echo '@@BE''GIN{n}'; {cmd}; echo \"@@E\"\"ND{n} $?\""));
        let limit = Duration::from_secs(CMD_SECS);
        self.wait_for(&format!("@@BEGIN{n}"), limit);
        let output = self.wait_for(&format!("@@END{n} "), limit);
        let status = self.wait_for("\n", limit).trim().to_string();
        (output, status)
    }

    /// Runs a command that must exit 0; returns its output.
    fn ok(&mut self, cmd: &str) -> String {
        let (output, status) = self.run(cmd);
        if status != "0" {
            self.fail(&format!("`{cmd}` exited with status {status}; output:\n{output}"));
        }
        output
    }

    /// Waits for mimic to exit by itself.
    fn wait_exit(&mut self, limit: Duration) -> ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            match self.child.try_wait() {
                Ok(Some(st)) => {
                    drop(self.stdin.take());
                    for r in self.readers.drain(..) {
                        let _ = r.join();
                    }
                    return st;
                }
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
                Ok(None) => self.fail(&format!("still running {} s after `poweroff -f` (killed)", limit.as_secs())),
                Err(e) => self.fail(&format!("waiting for mimic: {e}")),
            }
        }
    }
}

impl Drop for Guest {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn host_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A token no earlier run wrote.
fn token(variant: &str) -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("mimic-{variant}-{}-{nanos:x}", std::process::id())
}

/// The file's contents in an ext4 image, read on the host with debugfs.
fn debugfs_cat(img: &Path, file: &str) -> String {
    let o = Command::new("debugfs")
        .arg("-R")
        .arg(format!("cat {file}"))
        .arg(img)
        .output()
        .unwrap_or_else(|e| panic!("cannot run debugfs (apt-get install e2fsprogs): {e}"));
    assert!(o.status.success(), "debugfs -R 'cat {file}' {}: {}\n{}", img.display(), o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The checks of /proc/cpuinfo: a hart, and the ISA mimic advertises in
/// its device tree (mimic::boot::EXTENSIONS: the single letters as the
/// base string, every multi-letter extension by name).
fn check_cpuinfo(g: &mut Guest, cpuinfo: &str) {
    if !cpuinfo.lines().any(|l| l.starts_with("hart")) {
        g.fail(&format!("/proc/cpuinfo has no `hart` line:\n{cpuinfo}"));
    }
    let Some(isa) = cpuinfo.lines().find(|l| l.starts_with("isa")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string()) else {
        g.fail(&format!("/proc/cpuinfo has no `isa` line:\n{cpuinfo}"));
    };
    let base: String = mimic::boot::EXTENSIONS.iter().filter(|e| e.len() == 1).copied().collect();
    let mut missing: Vec<&str> =
        mimic::boot::EXTENSIONS.iter().filter(|e| e.len() > 1 && !isa.split('_').any(|x| x == **e)).copied().collect();
    let letters = isa.split('_').next().unwrap_or("").strip_prefix("rv64");
    if !letters.is_some_and(|l| base.chars().all(|c| l.contains(c))) {
        missing.push("(base letters)");
    }
    if !missing.is_empty() {
        g.fail(&format!("isa `{isa}` lacks {missing:?} of mimic's rv64{base} + {:?}", mimic::boot::EXTENSIONS));
    }
}

/// One boot: shell checks, the disk round trip, power-off, then the token
/// on the host.
fn boot(variant: &str, opensbi: bool, smp: usize) {
    let test = format!("boot_{variant}");
    let Some(img) = guest::images(&test) else { return };
    let bios = if opensbi {
        let Some(fw) = guest::opensbi(&test) else { return };
        Some(fw)
    } else {
        None
    };
    let tmp = guest::TempDir::new(&test);
    let disk = tmp.path().join("rootfs.img");
    std::fs::copy(&img.rootfs, &disk).unwrap_or_else(|e| panic!("copy {} to {}: {e}", img.rootfs.display(), disk.display()));
    let drive = format!("file={}", disk.display());
    let mut args = vec!["-m", "512M", "--kernel", img.kernel.to_str().unwrap(), "--initrd", img.initrd.to_str().unwrap()];
    args.extend(["--append", "console=ttyS0", "--drive", &drive]);
    let bios_arg = bios.map(|b| b.display().to_string());
    if let Some(b) = &bios_arg {
        args.extend(["--bios", b.as_str()]);
    }
    let smp_arg = smp.to_string();
    args.extend(["--smp", smp_arg.as_str()]);
    let engine = std::env::var("MIMIC_BOOT_ENGINE").ok();
    if let Some(e) = &engine {
        args.extend(["--engine", e.as_str()]);
    }

    let mut g = Guest::start(&test, &args);
    g.wait_for(MARKER, boot_deadline());
    let ready = g.started.elapsed();

    let uname = g.ok("uname -a");
    if !uname.contains("riscv64") || !uname.contains("Linux") {
        g.fail(&format!("uname -a: {uname}"));
    }
    let cpuinfo = g.ok("cat /proc/cpuinfo");
    check_cpuinfo(&mut g, &cpuinfo);
    let harts: Vec<&str> = cpuinfo.lines().filter(|l| l.split(':').next().is_some_and(|k| k.trim() == "hart")).collect();
    if harts.len() != smp {
        g.fail(&format!("--smp {smp} but /proc/cpuinfo lists {} harts:\n{cpuinfo}", harts.len()));
    }
    let online = g.ok("cat /sys/devices/system/cpu/online");
    let want = if smp == 1 { "0".to_string() } else { format!("0-{}", smp - 1) };
    if !online.lines().any(|l| l.trim() == want) {
        g.fail(&format!("/sys/devices/system/cpu/online is `{}`, not {want}", online.trim()));
    }
    let irqs = g.ok("cat /proc/interrupts");
    if !["riscv-timer", "PLIC", "ttyS0"].iter().all(|w| irqs.contains(w)) {
        g.fail(&format!("/proc/interrupts lacks the timer, PLIC or ttyS0:\n{irqs}"));
    }
    let date = g.ok("date +%s");
    let host = host_now();
    let Some(guest_time) = date.lines().find_map(|l| l.trim().parse::<u64>().ok()) else {
        g.fail(&format!("date +%s printed no number: {date}"));
    };
    if guest_time.abs_diff(host) > 120 {
        g.fail(&format!("guest clock {guest_time} is {} s away from the host's {host}", guest_time.abs_diff(host)));
    }

    let tok = token(variant);
    g.ok("mkdir -p /mnt/disk && mount -t ext4 /dev/vda /mnt/disk");
    let back = g.ok(&format!("echo {tok} > /mnt/disk/mimic-boot-token.txt && cat /mnt/disk/mimic-boot-token.txt"));
    if !back.contains(&tok) {
        g.fail(&format!("the token did not read back in the guest: {back}"));
    }
    g.ok("sync");
    g.ok("umount /mnt/disk");
    g.send("poweroff -f");
    let st = g.wait_exit(Duration::from_secs(CMD_SECS));
    if st.code() != Some(0) {
        g.fail(&format!("mimic exited with {st} after poweroff -f, not 0"));
    }
    let stderr = g.err.text_from(0);
    assert!(!stderr.contains("panicked"), "{test}: mimic panicked:\n{stderr}");
    eprintln!("{test}: shell after {:.1} s, powered off after {:.1} s", ready.as_secs_f64(), g.started.elapsed().as_secs_f64());

    let on_disk = debugfs_cat(&disk, "/mimic-boot-token.txt");
    assert!(on_disk.contains(&tok), "{test}: {} holds `{}`, not the token {tok}", disk.display(), on_disk.trim());
}

/// mimic's built-in SBI: the kernel starts in S-mode.
#[test]
fn boot_builtin_sbi() {
    boot("builtin_sbi", false, 1);
}

/// Four harts on their own threads (issue #8): secondary harts started
/// through the built-in SBI's HSM, IPIs and remote fences through SBI.
#[test]
fn boot_builtin_sbi_smp4() {
    boot("builtin_sbi_smp4", false, 4);
}

/// Two harts under OpenSBI, which starts them itself (CLINT IPIs).
#[test]
fn boot_opensbi_smp2() {
    boot("opensbi_smp2", true, 2);
}

/// Debian's OpenSBI fw_dynamic.bin in M-mode, entered from the boot ROM.
#[test]
fn boot_opensbi() {
    boot("opensbi", true, 1);
}
