//! The GDB stub end to end (issue #7 item 1): Debian's `gdb-multiarch` in
//! batch mode drives the release binary.
//!
//! - `bare_metal_interp` / `bare_metal_jit`: roms/gdb/target.S under
//!   `--gdb-wait`: break at the symbol `bump`, read pc, mstatus, mscratch,
//!   priv and f1, read, write and re-read memory, single-step, a write
//!   watchpoint on `counter`, `info threads` / `info registers`, the
//!   physical-memory monitor commands, detach; the program must then run
//!   to its HTIF pass (the debugger changed nothing it should not).
//! - `kernel`: Debian's kernel with two harts boots to our initramfs
//!   shell; GDB attaches to the running machine, breaks at the trap
//!   vector the kernel installed (handle_exception, a virtual address:
//!   the MMU is on), reads satp, scause and f1, writes and re-reads the
//!   dead stack below sp, steps, watches the stack the handler is about
//!   to fill, continues and is interrupted with Ctrl-C (SIGINT to gdb),
//!   detaches; the shell must still answer.
//! - `bad_port`: a port in use is one clear error line, exit status 2.
//!
//! Every process has a deadline and is killed at it; ports come from a
//! try-bind loop seeded by the process id, so tests run in parallel.
//! Without gdb-multiarch, the RISC-V toolchain or the guest images, the
//! tests print SKIPPED outside CI (MIMIC_CI set: they fail).

mod common;
#[allow(dead_code)]
mod guest;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

use guest::Sink;

const GDB: &str = "gdb-multiarch";

/// A child process killed when dropped (a failed assertion never leaves
/// mimic or gdb running).
struct Proc {
    child: Child,
    out: Sink,
    err: Sink,
}

impl Proc {
    fn spawn(cmd: &mut Command) -> Proc {
        let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
        let (out, err) = (Sink::default(), Sink::default());
        let _ = out.clone().spawn(child.stdout.take().expect("stdout"));
        let _ = err.clone().spawn(child.stderr.take().expect("stderr"));
        Proc { child, out, err }
    }

    /// Waits until `pat` shows on stdout or stderr; false if the process
    /// ended or the deadline passed first.
    fn wait_for(&mut self, pat: &str, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.out.text_from(0).contains(pat) || self.err.text_from(0).contains(pat) {
                return true;
            }
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                std::thread::sleep(Duration::from_millis(100)); // let the readers drain
                return self.out.text_from(0).contains(pat) || self.err.text_from(0).contains(pat);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Waits for the exit status (None at the deadline: then killed).
    fn wait(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(st)) = self.child.try_wait() {
                std::thread::sleep(Duration::from_millis(50));
                return Some(st);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }

    fn signal_int(&self) {
        // Ctrl-C to gdb, by its pid (gdb forwards it to the stub).
        let _ = Command::new("kill").args(["-INT", &self.child.id().to_string()]).status();
    }

    fn log(&self) -> String {
        format!("--- stdout ---\n{}\n--- stderr ---\n{}", tail(&self.out.text_from(0)), tail(&self.err.text_from(0)))
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(80)..].join("\n")
}

/// A port nobody listens on now (tests in this process take turns from a
/// pid-derived start; mimic's bind is retried by `start_mimic` anyway).
fn free_port() -> u16 {
    static NEXT: AtomicU16 = AtomicU16::new(0);
    let _ = NEXT.compare_exchange(0, 20_000 + (std::process::id() % 20_000) as u16, Ordering::SeqCst, Ordering::SeqCst);
    loop {
        let p = NEXT.fetch_add(1, Ordering::SeqCst);
        if p < 1024 {
            NEXT.store(20_000, Ordering::SeqCst);
            continue;
        }
        if TcpListener::bind(("127.0.0.1", p)).is_ok() {
            return p;
        }
    }
}

/// Starts mimic with `--gdb PORT` plus `args`; returns it once it listens.
fn start_mimic(args: &[&str]) -> (Proc, u16) {
    for _ in 0..20 {
        let port = free_port();
        let mut m = Proc::spawn(Command::new(env!("CARGO_BIN_EXE_mimic")).arg("--gdb").arg(port.to_string()).args(args));
        if m.wait_for("gdb: listening on", Duration::from_secs(30)) {
            return (m, port);
        }
        assert!(m.err.text_from(0).contains("cannot listen"), "mimic did not start listening:\n{}", m.log());
    }
    panic!("no free port for the GDB stub");
}

/// Whether gdb-multiarch is here (outside CI its absence skips the test).
fn have_gdb(test: &str) -> bool {
    let ok = Command::new(GDB).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
    if !ok {
        assert!(!common::in_ci(), "{GDB} is missing (scripts/install-deps.sh installs it)");
        eprintln!("SKIPPED {test}: {GDB} is not installed");
    }
    ok
}

/// Runs gdb in batch mode on `script`. `interrupt`: once `pat` shows, wait
/// a little and send gdb SIGINT (Ctrl-C). Returns everything gdb printed.
fn run_gdb(elf: Option<&Path>, script: &str, interrupt: Option<&str>, limit: Duration) -> String {
    static RUNS: AtomicU16 = AtomicU16::new(0);
    let dir = guest::TempDir::new(&format!("gdb{}", RUNS.fetch_add(1, Ordering::SeqCst)));
    let file = dir.file("script.gdb", script.as_bytes());
    let mut cmd = Command::new(GDB);
    cmd.args(["-batch", "-nx"]);
    if let Some(e) = elf {
        cmd.arg(e);
    }
    // After the script: reading unmapped memory must be a GDB error (an
    // error inside a script would end it), then detach.
    cmd.arg("-x").arg(&file).args(["-ex", "x/gx 0", "-ex", "detach"]);
    let mut g = Proc::spawn(&mut cmd);
    if let Some(pat) = interrupt {
        assert!(g.wait_for(pat, limit), "gdb never printed {pat}:\n{}", g.log());
        std::thread::sleep(Duration::from_millis(500));
        g.signal_int();
    }
    let st = g.wait(limit);
    let text = format!("{}\n{}", g.out.text_from(0), g.err.text_from(0));
    assert!(st.is_some(), "gdb did not finish in {limit:?}:\n{text}");
    text
}

/// `key=value` lines (from gdb `printf`).
fn values(out: &str) -> HashMap<String, String> {
    out.lines().filter_map(|l| l.trim().split_once('=')).map(|(k, v)| (k.trim().to_string(), v.trim().to_string())).collect()
}

fn hex(v: &HashMap<String, String>, key: &str, out: &str) -> u64 {
    let s = v.get(key).unwrap_or_else(|| panic!("no {key}= in gdb output:\n{out}"));
    u64::from_str_radix(s, 16).unwrap_or_else(|_| panic!("{key}={s} is not hex:\n{out}"))
}

const PROLOGUE: &str = "set architecture riscv:rv64\nset confirm off\nset pagination off\nset height 0\n";

fn bare_metal_script(port: u16) -> String {
    format!(
        "{PROLOGUE}target remote 127.0.0.1:{port}
info threads
break bump
continue
printf \"pc=%lx\\n\", $pc
printf \"bump=%lx\\n\", &bump
printf \"mstatus=%lx\\n\", $mstatus
printf \"mscratch=%lx\\n\", $mscratch
printf \"priv=%x\\n\", $priv
p $f1
printf \"scratch=%lx\\n\", *(long *)&scratch
set {{long}}&scratch = 0x55aa
printf \"scratch2=%lx\\n\", *(long *)&scratch
stepi
printf \"pc2=%lx\\n\", $pc
info registers
delete
watch *(long *)&counter
continue
printf \"counter=%lx\\n\", *(long *)&counter
delete
hbreak bump
continue
printf \"hb=%lx\\n\", $pc
delete
rwatch *(long *)&counter
continue
delete
awatch *(long *)&counter
continue
delete
monitor xp 0x80000000 16
monitor phys on
printf \"phys=%x\\n\", *(int *)0x80000000
monitor phys off
"
    )
}

fn bare_metal(engine: &str) {
    let test = format!("bare_metal_{engine}");
    if !have_gdb(&test) || !common::build_roms() {
        return;
    }
    let elf = common::root().join("roms/build/gdb/target.elf");
    let t0 = Instant::now();
    let (mut m, port) = start_mimic(&["--engine", engine, "--gdb-wait", elf.to_str().expect("utf-8 path")]);
    let out = run_gdb(Some(&elf), &bare_metal_script(port), None, Duration::from_secs(120));
    let ctx = || format!("{out}\n{}", m.log());
    let v = values(&out);
    assert!(out.contains("Thread 1.1"), "info threads:\n{}", ctx());
    assert!(out.contains("Breakpoint 1, 0x") && out.contains(" in bump ()"), "breakpoint at bump:\n{}", ctx());
    let (pc, bump) = (hex(&v, "pc", &out), hex(&v, "bump", &out));
    assert!((bump..bump + 0x20).contains(&pc), "pc {pc:#x} outside bump {bump:#x}");
    assert_eq!(hex(&v, "mstatus", &out) & 0x6000, 0x6000, "mstatus.FS dirty");
    assert_eq!(hex(&v, "mscratch", &out), 0x5ca7c4);
    assert_eq!(hex(&v, "priv", &out), 3);
    assert!(out.contains("double = 2.5"), "f1:\n{}", ctx());
    assert_eq!(hex(&v, "scratch", &out), 0x1122_3344_5566_7788);
    assert_eq!(hex(&v, "scratch2", &out), 0x55aa);
    let pc2 = hex(&v, "pc2", &out);
    assert!(pc2 == pc + 2 || pc2 == pc + 4, "stepi: {pc:#x} -> {pc2:#x}");
    assert!(out.lines().any(|l| l.starts_with("ra ")) && out.lines().any(|l| l.starts_with("pc ")), "info registers:\n{}", ctx());
    assert!(out.contains("Hardware watchpoint 2: *(long *)&counter") && out.contains("New value = 2"), "watchpoint:\n{}", ctx());
    assert_eq!(hex(&v, "counter", &out), 2);
    assert_eq!(hex(&v, "hb", &out), pc, "hbreak at bump:\n{}", ctx());
    assert!(out.contains("Hardware assisted breakpoint 3"), "hbreak:\n{}", ctx());
    assert!(out.contains("Hardware read watchpoint 4: *(long *)&counter\n\nValue = 3"), "rwatch:\n{}", ctx());
    assert!(out.contains("Hardware access (read/write) watchpoint 5: *(long *)&counter"), "awatch:\n{}", ctx());
    assert!(out.contains("0x0000000080000000: 97 02 00 00"), "monitor xp:\n{}", ctx());
    assert_eq!(hex(&v, "phys", &out), 0x297, "monitor phys on");
    assert!(out.contains("Cannot access memory at address 0x0"), "unmapped:\n{}", ctx());
    assert!(out.contains("[Inferior 1 (process 1) detached]"), "detach:\n{}", ctx());
    let st = m.wait(Duration::from_secs(60));
    assert_eq!(st.and_then(|s| s.code()), Some(0), "the program must pass after detach:\n{out}\n{}", m.log());
    eprintln!("{test}: {:.2} s", t0.elapsed().as_secs_f64());
}

#[test]
fn bare_metal_interp() {
    bare_metal("interp");
}

#[test]
fn bare_metal_jit() {
    bare_metal("jit");
}

fn kernel_script(port: u16) -> String {
    format!(
        "{PROLOGUE}target remote 127.0.0.1:{port}
info threads
printf \"priv=%x\\n\", $priv
printf \"satp=%lx\\n\", $satp
printf \"stvec=%lx\\n\", $stvec
eval \"break *0x%lx\", $stvec
continue
printf \"pc=%lx\\n\", $pc
printf \"scause=%lx\\n\", $scause
p $f1
printf \"sp=%lx\\n\", $sp
set {{long}}($sp - 512) = 0x1234abcd5678
printf \"dead=%lx\\n\", *(long *)($sp - 512)
stepi
printf \"pc2=%lx\\n\", $pc
delete
eval \"watch *(char (*)[512])0x%lx\", $sp - 512
continue
printf \"pc3=%lx\\n\", $pc
delete
printf \"WAITING-FOR-CTRL-C\\n\"
continue
printf \"pc4=%lx\\n\", $pc
"
    )
}

#[test]
fn kernel() {
    if !have_gdb("kernel") {
        return;
    }
    let Some(img) = guest::images("kernel") else { return };
    let t0 = Instant::now();
    let (k, i) = (img.kernel.to_str().expect("utf-8"), img.initrd.to_str().expect("utf-8"));
    let (mut m, port) = start_mimic(&["--smp", "2", "--kernel", k, "--initrd", i]);
    assert!(m.wait_for("MIMIC-INIT-READY", Duration::from_secs(600)), "the kernel did not reach the shell:\n{}", m.log());
    let booted = t0.elapsed();
    let out = run_gdb(None, &kernel_script(port), Some("WAITING-FOR-CTRL-C"), Duration::from_secs(300));
    let ctx = || format!("{out}\n{}", m.log());
    let v = values(&out);
    assert!(out.contains("Thread 1.1") && out.contains("Thread 1.2"), "both harts listed:\n{}", ctx());
    assert_eq!(hex(&v, "priv", &out), 1, "the kernel runs in S-mode");
    assert!((8..=10).contains(&(hex(&v, "satp", &out) >> 60)), "satp: Sv39/48/57 (the MMU is on):\n{}", ctx());
    let stvec = hex(&v, "stvec", &out);
    assert!(stvec >> 63 == 1, "stvec {stvec:#x} is a kernel virtual address");
    assert!(out.contains("Breakpoint 1, 0x"), "breakpoint:\n{}", ctx());
    assert_eq!(hex(&v, "pc", &out), stvec);
    assert!(out.contains("double = "), "f1:\n{}", ctx());
    assert_eq!(hex(&v, "dead", &out), 0x1234_abcd_5678);
    let pc2 = hex(&v, "pc2", &out);
    assert!(pc2 == stvec + 2 || pc2 == stvec + 4, "stepi: {stvec:#x} -> {pc2:#x}");
    assert!(out.contains("Hardware watchpoint 2: ") && out.contains("New value = "), "watchpoint:\n{}", ctx());
    assert!(hex(&v, "pc3", &out) >> 63 == 1);
    assert!(out.contains("received signal SIGINT"), "Ctrl-C:\n{}", ctx());
    assert!(v.contains_key("pc4"), "after Ctrl-C:\n{}", ctx());
    assert!(out.contains("Cannot access memory at address 0x0"), "unmapped:\n{}", ctx());
    assert!(out.contains("detached]"), "detach:\n{}", ctx());
    // The guest runs on: its shell answers.
    let stdin = m.child.stdin.as_mut().expect("stdin");
    stdin.write_all(b"echo gdb-$((6*7))-ok\n").expect("console");
    assert!(m.wait_for("gdb-42-ok", Duration::from_secs(120)), "the shell does not answer after detach:\n{}", m.log());
    eprintln!("kernel: booted in {:.1} s, whole test {:.1} s", booted.as_secs_f64(), t0.elapsed().as_secs_f64());
}

/// `continue` to the end: GDB hears that the program exited; `kill` ends
/// mimic.
#[test]
fn exit_and_kill() {
    if !have_gdb("exit_and_kill") || !common::build_roms() {
        return;
    }
    let elf = common::root().join("roms/build/gdb/target.elf");
    let elf_s = elf.to_str().expect("utf-8 path");
    let (mut m, port) = start_mimic(&["--gdb-wait", elf_s]);
    let out = run_gdb(Some(&elf), &format!("{PROLOGUE}target remote 127.0.0.1:{port}\ncontinue\n"), None, Duration::from_secs(60));
    assert!(out.contains("exited normally"), "{out}\n{}", m.log());
    assert_eq!(m.wait(Duration::from_secs(30)).and_then(|s| s.code()), Some(0), "{out}\n{}", m.log());
    let (mut m, port) = start_mimic(&["--gdb-wait", elf_s]);
    let out = run_gdb(Some(&elf), &format!("{PROLOGUE}target remote 127.0.0.1:{port}\nkill\n"), None, Duration::from_secs(60));
    assert!(m.wait(Duration::from_secs(30)).is_some(), "mimic still runs after kill:\n{out}\n{}", m.log());
}

/// A minimal remote-protocol client, for packets gdb-multiarch never
/// sends to a RISC-V target (it single-steps with breakpoints).
struct Rsp(std::net::TcpStream);

impl Rsp {
    fn send(&mut self, body: &str) -> String {
        let sum = body.bytes().fold(0u8, |a, b| a.wrapping_add(b));
        self.0.write_all(format!("${body}#{sum:02x}").as_bytes()).expect("send");
        let mut reply = Vec::new();
        let mut byte = [0u8];
        while !reply.ends_with(b"#") || reply.len() < 2 {
            self.0.read_exact(&mut byte).expect("reply");
            if reply.is_empty() && byte[0] == b'+' {
                continue;
            }
            reply.push(byte[0]);
        }
        let mut sum = [0u8; 2];
        self.0.read_exact(&mut sum).expect("checksum");
        self.0.write_all(b"+").expect("ack");
        unrle(&reply[1..reply.len() - 1])
    }
}

/// Undoes the protocol's run-length encoding (`X*N`: N - 29 more X).
fn unrle(b: &[u8]) -> String {
    let mut out: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'*' && i + 1 < b.len() {
            let last = out.last().copied().unwrap_or(b'0');
            out.extend(std::iter::repeat(last).take(usize::from(b[i + 1]).saturating_sub(29)));
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `vCont;s` executes exactly one instruction (through the interpreter).
#[test]
fn protocol_single_step() {
    if !common::build_roms() {
        return;
    }
    let elf = common::root().join("roms/build/gdb/target.elf");
    let (mut m, port) = start_mimic(&["--gdb-wait", elf.to_str().expect("utf-8 path")]);
    let conn = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    conn.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    let mut r = Rsp(conn);
    assert!(r.send("?").starts_with("T05"));
    assert_eq!(r.send("p20"), "0000008000000000", "pc at reset");
    let stop = r.send("vCont;s:p1.1");
    assert!(stop.starts_with("T05thread:") && stop.contains("01;"), "{stop}");
    assert_eq!(r.send("p20"), "0400008000000000", "pc after one step");
    assert_eq!(r.send("p381"), "0000000000000000", "mscratch (CSR 0x340) before the program sets it");
    assert_eq!(r.send("D"), "OK");
    assert_eq!(m.wait(Duration::from_secs(30)).and_then(|s| s.code()), Some(0), "{}", m.log());
}

#[test]
fn bad_port() {
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    if !common::build_roms() {
        return;
    }
    let elf = common::root().join("roms/build/gdb/target.elf");
    let mut m = Proc::spawn(Command::new(env!("CARGO_BIN_EXE_mimic")).args(["--gdb", &port, elf.to_str().expect("utf-8")]));
    let st = m.wait(Duration::from_secs(30));
    let err = m.err.text_from(0);
    assert_eq!(st.and_then(|s| s.code()), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("cannot listen") && err.contains(&port), "{err}");
    let mut m = Proc::spawn(Command::new(env!("CARGO_BIN_EXE_mimic")).args(["--gdb", "99999", elf.to_str().expect("utf-8")]));
    let st = m.wait(Duration::from_secs(30));
    assert_eq!(st.and_then(|s| s.code()), Some(2), "{}", m.err.text_from(0));
    drop(taken);
}
