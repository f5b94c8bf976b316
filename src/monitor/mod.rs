//! The monitor: `Ctrl-A c` on the console pauses the guest and gives a
//! `(mimic) ` prompt with QEMU-like commands (`info registers`, `info csr`,
//! `info tlb`, `info mem`, `x`, `xp`, `walk`, `stats`, `quit`); `Ctrl-A c`
//! again, or `cont`, resumes the guest (issue #7, item 3).
//!
//! Invariants:
//! - while active, every hart is stopped at its `Control` checkpoint and
//!   the guest executes nothing; commands read hart state on the hart's
//!   own thread (`Control::with_hart`);
//! - no command changes guest state or faults the guest: memory is read
//!   from RAM only, page tables are walked without A/D updates or TLB
//!   fills (`pt`, `examine`);
//! - user input never panics: a bad command prints one error line and
//!   the prompt comes back.
//!
//! Thread affinity: owned by the console reader thread (`console.rs`).

mod examine;
mod line;
pub mod parse;
mod pt;
mod show;

use std::io::Write;
use std::sync::Arc;

use mimic_cpu::control::Control;
use mimic_cpu::Hart;
use mimic_mmu::{Power, PowerEvent};

use line::{Edit, LineEditor};
use parse::Command;

const PROMPT: &str = "(mimic) ";

/// Most ranges `info mem` lists.
const MEM_RANGES: usize = 4096;

/// What the console does after a byte went to the monitor.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Stay,
    /// The user quit: the machine is stopping.
    Quit,
}

/// The monitor of one machine.
pub struct Monitor {
    control: Arc<Control>,
    power: Arc<Power>,
    out: Box<dyn Write + Send>,
    active: bool,
    /// The hart commands look at (`cpu N`).
    hart: usize,
    line: LineEditor,
}

impl Monitor {
    pub fn new(control: Arc<Control>, power: Arc<Power>, out: Box<dyn Write + Send>) -> Monitor {
        Monitor { control, power, out, active: false, hart: 0, line: LineEditor::default() }
    }

    /// Whether the prompt is up (and the guest paused).
    pub fn active(&self) -> bool {
        self.active
    }

    /// `Ctrl-A c`: enters or leaves the monitor.
    pub fn toggle(&mut self) {
        if self.active { self.leave() } else { self.enter() }
    }

    fn enter(&mut self) {
        let power = self.power.clone();
        self.control.pause(&move || power.stopped());
        self.active = true;
        self.line.clear();
        self.print("\nmimic monitor: the guest is paused; 'help' lists commands, Ctrl-A c or 'cont' resumes\n");
        self.print(PROMPT);
    }

    /// Resumes the guest (also when the console's input ends).
    pub fn leave(&mut self) {
        if self.active {
            self.active = false;
            self.print("\n");
            self.control.resume();
        }
    }

    fn print(&mut self, s: &str) {
        let _ = self.out.write_all(s.as_bytes());
        let _ = self.out.flush();
    }

    /// One input byte while active.
    pub fn feed(&mut self, b: u8) -> Flow {
        match self.line.feed(b) {
            Edit::Echo(bytes) => {
                let _ = self.out.write_all(&bytes);
                let _ = self.out.flush();
                Flow::Stay
            }
            Edit::Line(l) => {
                self.print("\n");
                self.execute(&l)
            }
        }
    }

    fn execute(&mut self, line: &str) -> Flow {
        let cmd = match parse::parse(line) {
            Ok(c) => c,
            Err(e) => {
                self.print(&format!("error: {e}\n{PROMPT}"));
                return Flow::Stay;
            }
        };
        match cmd {
            Command::Quit => {
                self.power.request(PowerEvent::Quit);
                self.active = false;
                self.control.resume();
                return Flow::Quit;
            }
            Command::Cont => {
                self.leave();
                return Flow::Stay;
            }
            _ => {}
        }
        let text = self.run(cmd);
        self.print(&text);
        self.print(PROMPT);
        Flow::Stay
    }

    /// Runs a command that leaves the monitor up; returns its output.
    fn run(&mut self, cmd: Command) -> String {
        match cmd {
            Command::Empty | Command::Quit | Command::Cont => String::new(),
            Command::Help => HELP.to_string(),
            Command::Cpu(n) if n < self.control.harts() => {
                self.hart = n;
                String::new()
            }
            Command::Cpu(n) => format!("error: no hart {n} (this machine has {})\n", self.control.harts()),
            Command::InfoCpus => self.cpus(),
            Command::InfoRegisters => self.on_hart(show::registers),
            Command::InfoCsr => self.on_hart(show::csrs),
            Command::InfoTlb => self.on_hart(show::tlb),
            Command::InfoMem => self.on_hart(info_mem),
            Command::Stats => self.on_hart(stats),
            Command::Walk(e) => self.on_hart(move |h| examine::walk(h, examine::eval(h, e))),
            Command::Examine { phys, fmt, addr } => {
                self.on_hart(move |h| examine::examine(h, fmt, examine::eval(h, addr), phys))
            }
        }
    }

    /// Runs `f` on the selected hart's thread.
    fn on_hart(&self, f: impl FnOnce(&Hart) -> String + Send + 'static) -> String {
        self.control.with_hart(self.hart, move |h| f(h)).unwrap_or_else(|| format!("error: hart {} is not stopped\n", self.hart))
    }

    fn cpus(&self) -> String {
        (0..self.control.harts())
            .map(|i| {
                let sel = i == self.hart;
                self.control.with_hart(i, move |h| show::cpu_line(h, sel)).unwrap_or_else(|| format!("  CPU #{i}: not stopped\n"))
            })
            .collect()
    }
}

/// `info mem`: the mapped ranges of the current page table.
fn info_mem(h: &Hart) -> String {
    use std::fmt::Write;
    let Some(m) = pt::map(h.bus.ram(), h.csr.satp, MEM_RANGES) else {
        return format!("satp {:#x}: no paging (Bare)\n", h.csr.satp);
    };
    let mut s = String::from("vaddr            paddr            size             attr\n");
    s.push_str("---------------- ---------------- ---------------- -------\n");
    for r in &m.ranges {
        let _ = writeln!(s, "{:016x} {:016x} {:016x} {}", r.va, r.pa, r.size, pt::attr(r.flags));
    }
    if !m.complete {
        s.push_str("(incomplete: too many ranges or page-table entries)\n");
    }
    s
}

/// `stats`: the hart's counters, as `--stats` prints them.
fn stats(h: &Hart) -> String {
    let mut s = format!("hart {}\n", h.id);
    for l in crate::stats::hart_lines(h) {
        s.push_str(&l);
        s.push('\n');
    }
    s
}

const HELP: &str = "\
info registers    pc, privilege, integer and FP registers of the current hart
info csr          the main machine and supervisor CSRs
info cpus         every hart with its pc and state (* = current)
info tlb          valid entries of the current hart's soft TLB
info mem          mapped ranges of the current page table (vaddr paddr size rwxugad)
cpu N             make hart N the current one
x/NFU ADDR        examine virtual memory: N units, F in x d u c i, U in b h w g
xp/NFU ADDR       the same at a physical address
walk VA           the page walk of VA under the current satp
stats             the current hart's counters
cont, c           resume the guest (as Ctrl-A c)
quit, q           stop the machine (as Ctrl-A x)
ADDR: 0x hex, decimal, $pc or a register ($a0, $x10)
";
