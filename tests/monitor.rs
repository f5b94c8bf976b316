//! The monitor (issue #7, item 3) driven through pipes, as a user would
//! through a terminal: roms/monitor/monitor.S builds a known Sv39 page
//! table and spins in S-mode; `Ctrl-A c` stops it and the monitor's
//! answers are checked against the program's symbols (registers, the
//! walk's PTE addresses and values, memory through the mapping, the
//! mapped ranges), then the guest resumes and `quit` ends the run with
//! status 0. Every wait has a deadline and the child is killed on any
//! failure, so the test never hangs.

mod common;

use std::io::{Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

const PROMPT: &str = "(mimic) ";
const WAIT: Duration = Duration::from_secs(60);

/// A running mimic with piped stdin/stdout; killed when dropped.
struct Mimic {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Vec<u8>>,
    /// Everything read so far, and how much of it was consumed.
    out: String,
    seen: usize,
}

impl Drop for Mimic {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Mimic {
    fn spawn(args: &[&str]) -> Mimic {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mimic"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start mimic");
        let mut stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Mimic { child, stdin, rx, out: String::new(), seen: 0 }
    }

    fn send(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).and_then(|_| stdin.flush()).expect("write to mimic");
    }

    /// Waits until the unconsumed output contains `pat`; returns the
    /// output before it and consumes through it.
    fn wait_for(&mut self, pat: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(i) = self.out[self.seen..].find(pat) {
                let text = self.out[self.seen..self.seen + i].to_string();
                self.seen += i + pat.len();
                return text;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(b) => self.out.push_str(&String::from_utf8_lossy(&b)),
                Err(_) => panic!("timed out waiting for {pat:?}; output so far:\n{}", self.out),
            }
        }
    }

    /// Runs one monitor command; returns its output (without the echo).
    fn cmd(&mut self, line: &str) -> String {
        self.send(format!("{line}\n").as_bytes());
        let text = self.wait_for(PROMPT);
        text.strip_prefix(line).unwrap_or(&text).trim_start_matches(['\r', '\n']).to_string()
    }

    /// Waits for the process to end; returns its exit status.
    fn exit_status(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(st) = self.child.try_wait().expect("wait") {
                return st.code().unwrap_or(-1);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("mimic did not exit; output:\n{}", self.out);
    }
}

/// The program's symbols the checks need.
struct Syms {
    spin: u64,
    spin_end: u64,
    root: u64,
    l1: u64,
    l0: u64,
    data: u64,
}

fn program() -> Option<(String, Syms)> {
    if !common::build_roms() {
        return None;
    }
    let path = common::root().join("roms/build/monitor/monitor.elf");
    let elf = mimic_firmware::elf::read(&path).expect("read monitor.elf");
    let sym = |n: &str| elf.symbol(n).unwrap_or_else(|| panic!("no symbol {n}"));
    let syms =
        Syms { spin: sym("spin"), spin_end: sym("spin_end"), root: sym("root"), l1: sym("l1"), l0: sym("l0"), data: sym("data_page") };
    Some((path.to_str().unwrap().to_string(), syms))
}

/// A non-leaf PTE pointing at `table`, and a leaf for `pa` with `flags`.
fn pte(pa: u64, flags: u64) -> u64 {
    pa >> 12 << 10 | flags
}

/// The value of `name` (e.g. "x10/a0") in `info registers` output.
fn reg(text: &str, name: &str) -> u64 {
    let at = text.find(&format!("{name} ")).unwrap_or_else(|| panic!("no {name} in:\n{text}"));
    let v = text[at + name.len()..].split_whitespace().next().unwrap();
    u64::from_str_radix(v, 16).unwrap()
}

fn pc(text: &str) -> u64 {
    reg(text, "pc")
}

/// Stops the guest with Ctrl-A c once it spins in its loop (the ready
/// line is written a few instructions before the loop, and a busy host
/// may stop the hart in between).
fn stop_in_loop(m: &mut Mimic, s: &Syms) {
    m.wait_for("monitor: ready");
    for _ in 0..100 {
        m.send(b"\x01c");
        m.wait_for(PROMPT);
        if (s.spin..s.spin_end).contains(&pc(&m.cmd("info registers"))) {
            return;
        }
        m.send(b"cont\n");
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the guest never reached its loop:\n{}", m.out);
}

fn check_registers(m: &mut Mimic, s: &Syms) -> u64 {
    let r = m.cmd("info registers");
    let pc = pc(&r);
    assert!((s.spin..s.spin_end).contains(&pc), "pc {pc:#x} not in the loop:\n{r}");
    assert!(r.contains("priv S"), "{r}");
    assert_eq!(reg(&r, "x10/a0"), 0x600d_cafe, "{r}");
    assert_eq!(reg(&r, "x11/a1"), 0x40_0000, "{r}");
    assert_eq!(reg(&r, "x12/a2"), 0x1122_3344_5566_7788, "{r}");
    assert_eq!(reg(&r, "x14/a4"), 0x99aa_bbcc_ddee_ff00, "{r}");
    assert_eq!(reg(&r, "x0/zero"), 0, "{r}");
    reg(&r, "x9/s1")
}

fn check_walk(m: &mut Mimic, s: &Syms) {
    let w = m.cmd("walk 0x400008");
    let satp = 8 << 60 | s.root >> 12;
    assert!(w.contains(&format!("satp {satp:#018x} (Sv39, asid 0, root {:#x})", s.root)), "{w}");
    let rwad = 0xc7; // V R W A D
    for (lv, addr, v) in [(2, s.root, pte(s.l1, 1)), (1, s.l1 + 16, pte(s.l0, 1)), (0, s.l0, pte(s.data, rwad))] {
        let want = format!("L{lv} pte@{addr:#x} = {v:#018x}");
        assert!(w.contains(&want), "missing {want:?} in:\n{w}");
    }
    assert!(w.contains(&format!("=> pa {:#x} (page size 0x1000, rw---ad)", s.data + 8)), "{w}");
    let f = m.cmd("walk 0x402000");
    assert!(f.contains("=> page fault: level 0: PTE not valid"), "{f}");
}

fn check_memory(m: &mut Mimic, s: &Syms) {
    let x = m.cmd("x/4x 0x400000");
    assert_eq!(x.trim(), "0000000000400000: 0x55667788 0x11223344 0xddeeff00 0x99aabbcc");
    let x = m.cmd("x/2xg 0x401008");
    assert_eq!(x.trim(), "0000000000401008: 0x99aabbccddeeff00 0x0123456789abcdef");
    let xp = m.cmd(&format!("xp /2g {:#x}", s.data));
    assert_eq!(xp.trim(), format!("{:016x}: 0x1122334455667788 0x99aabbccddeeff00", s.data));
    let i = m.cmd(&format!("x/2i {:#x}", s.spin));
    assert!(i.contains("addi s1,s1,1") && i.contains(&format!("j {:x}", s.spin)), "{i}");
    // Unmapped, non-canonical and device addresses: one error line each.
    for (c, want) in [
        ("x/4x 0x402000", "PTE not valid"),
        ("x/1x 0x4000000000", "not canonical"),
        ("xp /1x 0x10000000", "is not RAM"),
    ] {
        let e = m.cmd(c);
        assert!(e.contains(want) && e.trim().lines().count() == 1, "{c}: {e}");
    }
}

fn check_info(m: &mut Mimic, s: &Syms) {
    let mem = m.cmd("info mem");
    for want in [
        format!("0000000000400000 {:016x} 0000000000001000 rw---ad", s.data),
        format!("0000000000401000 {:016x} 0000000000001000 r----a-", s.data),
        "0000000010000000 0000000010000000 0000000000200000 rw---ad".to_string(),
        "0000000080000000 0000000080000000 0000000040000000 rwx-gad".to_string(),
    ] {
        assert!(mem.contains(&want), "missing {want:?} in:\n{mem}");
    }
    assert_eq!(mem.lines().count(), 6, "{mem}");
    let csr = m.cmd("info csr");
    let satp = 8 << 60 | s.root >> 12;
    assert!(csr.contains(&format!("satp       {satp:016x}")), "{csr}");
    assert!(csr.contains("mstatus") && csr.contains("stimecmp") && csr.contains("instret"), "{csr}");
    let tlb = m.cmd("info tlb");
    assert!(tlb.contains("valid entries"), "{tlb}");
    let cpus = m.cmd("info cpus");
    assert!(cpus.contains("* CPU #0: pc=") && cpus.contains("priv=S"), "{cpus}");
    let st = m.cmd("stats");
    assert!(st.starts_with("hart 0\n") && st.lines().count() > 1, "{st}");
    let bad = m.cmd("frobnicate");
    assert!(bad.starts_with("error: unknown command") && bad.trim().lines().count() == 1, "{bad}");
    assert!(m.cmd("cpu 7").starts_with("error: no hart 7"));
    assert!(m.cmd("help").contains("info registers"));
}

fn session(args: &[&str]) {
    let Some((path, s)) = program() else { return };
    let mut all = vec![path.as_str()];
    all.extend_from_slice(args);
    let mut m = Mimic::spawn(&all);
    stop_in_loop(&mut m, &s);
    let s1 = check_registers(&mut m, &s);
    check_walk(&mut m, &s);
    check_memory(&mut m, &s);
    check_info(&mut m, &s);
    // Paused: the loop counter does not move.
    assert_eq!(check_registers(&mut m, &s), s1, "the guest ran while the monitor was up");
    // Resume with Ctrl-A c, let it spin, stop again: it moved on.
    m.send(b"\x01c");
    std::thread::sleep(Duration::from_millis(200));
    m.send(b"\x01c");
    m.wait_for(PROMPT);
    assert!(check_registers(&mut m, &s) > s1, "the guest did not run after Ctrl-A c");
    // `cont` resumes too; then back in and quit.
    m.send(b"cont\n");
    std::thread::sleep(Duration::from_millis(100));
    m.send(b"\x01c");
    m.wait_for(PROMPT);
    m.send(b"quit\n");
    assert_eq!(m.exit_status(), 0, "output:\n{}", m.out);
}

#[test]
fn monitor_interp() {
    session(&["--engine", "interp"]);
}

#[test]
fn monitor_jit() {
    session(&["--engine", "jit"]);
}

#[test]
fn monitor_smp_jit() {
    let Some((path, s)) = program() else { return };
    let mut m = Mimic::spawn(&[&path, "--engine", "jit", "--smp", "2"]);
    stop_in_loop(&mut m, &s);
    check_registers(&mut m, &s);
    // Hart 1's thread may start late: let the guest run until it waits.
    let mut cpus = m.cmd("info cpus");
    for _ in 0..100 {
        if cpus.contains("halted (WFI)") {
            break;
        }
        m.send(b"cont\n");
        std::thread::sleep(Duration::from_millis(50));
        m.send(b"\x01c");
        m.wait_for(PROMPT);
        cpus = m.cmd("info cpus");
    }
    assert!(cpus.contains("* CPU #0") && cpus.contains("  CPU #1: pc=") && cpus.contains("halted (WFI)"), "{cpus}");
    assert_eq!(m.cmd("cpu 1"), "");
    let r = m.cmd("info registers");
    assert!(r.starts_with("hart 1") && r.contains("priv M"), "{r}");
    m.send(b"\x01x");
    assert_eq!(m.exit_status(), 0, "output:\n{}", m.out);
}
