//! `--trace` output: each event kind is lines in a fixed format, written
//! to the trace sink (`--trace-file`, or stderr).
//!
//! Kinds: `insn` (Spike `--log-commits` lines, see `spike`), `disasm`
//! (Spike `-l` lines: pc, bits, disassembly), `trap`, `mmu` (page walks),
//! `dev` (device register accesses), `sbi` (calls served by the built-in
//! SBI), `jit` (translated blocks, guest and host code). `insn` and
//! `disasm` are separate kinds so an `insn` trace stays diffable against
//! Spike. Filters (`--trace-pc`, `--trace-priv`) apply to every kind but
//! `jit`.
//!
//! `mmu` and `dev` lines carry the hart's pc as last synchronized: exact
//! in the interpreter (so whenever `insn`, `disasm` or `--trace-pc` is
//! on), a translated block's start otherwise. A walk is filtered by the
//! privilege of its access (the data privilege under MPRV).
//!
//! Invariants: with no kind selected no tracer is attached, so no engine
//! pays anything per instruction; a tracer wanting instructions (or a pc
//! filter, whose pc must be exact) makes the engine interpret the hart.
//! Lines of one event are written under one lock, so harts never
//! interleave inside an event.

mod sbi;
pub mod spike;

use std::io::Write;
use std::sync::{Arc, Mutex};

use mimic_cpu::trace::{DevEvent, InsnEvent, Tracer};
use mimic_cpu::Trap;
use mimic_mmu::Priv;

/// Which events to trace, and the filters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TraceSet {
    pub insn: bool,
    pub disasm: bool,
    pub trap: bool,
    pub jit: bool,
    pub mmu: bool,
    pub dev: bool,
    pub sbi: bool,
    /// Only events at pc in `[start, end)` (`--trace-pc`).
    pub pc: Option<(u64, u64)>,
    /// Only events in these modes: bit `Priv as u8` (`--trace-priv`); 0 = all.
    pub privs: u8,
}

const KINDS: &str = "insn, disasm, trap, mmu, dev, sbi, jit";

impl TraceSet {
    /// Parses a comma-separated list of kinds.
    pub fn parse(s: &str) -> Result<TraceSet, String> {
        let mut t = TraceSet::default();
        for k in s.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            match k {
                "insn" => t.insn = true,
                "disasm" => t.disasm = true,
                "trap" => t.trap = true,
                "jit" => t.jit = true,
                "mmu" => t.mmu = true,
                "dev" => t.dev = true,
                "sbi" => t.sbi = true,
                other => return Err(format!("--trace: unknown event kind `{other}` (known: {KINDS})")),
            }
        }
        Ok(t)
    }

    /// Parses `--trace-pc START-END` (hex, `0x` optional; END exclusive).
    pub fn parse_pc(s: &str) -> Result<(u64, u64), String> {
        let bad = || format!("--trace-pc `{s}`: expected START-END in hex, e.g. 0x80000000-0x80001000");
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let hex = |v: &str| u64::from_str_radix(v.trim().trim_start_matches("0x").trim_start_matches("0X"), 16).map_err(|_| bad());
        let (a, b) = (hex(a)?, hex(b)?);
        if a >= b {
            return Err(format!("--trace-pc `{s}`: START must be below END (END is exclusive)"));
        }
        Ok((a, b))
    }

    /// Parses `--trace-priv LIST` (m, s, u) into a mask.
    pub fn parse_privs(s: &str) -> Result<u8, String> {
        let mut m = 0u8;
        for p in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            m |= match p.to_ascii_lowercase().as_str() {
                "u" => 1 << Priv::U as u8,
                "s" => 1 << Priv::S as u8,
                "m" => 1 << Priv::M as u8,
                _ => return Err(format!("--trace-priv: unknown mode `{p}` (known: m, s, u)")),
            };
        }
        if m == 0 {
            return Err("--trace-priv: give one or more of m, s, u".into());
        }
        Ok(m)
    }

    /// Whether nothing is traced (no tracer is attached then).
    pub fn is_off(&self) -> bool {
        !(self.insn || self.disasm || self.trap || self.jit || self.mmu || self.dev || self.sbi)
    }

    /// Whether an event at `pc` in mode `p` passes the filters.
    pub fn passes(&self, pc: u64, p: Priv) -> bool {
        let in_pc = self.pc.is_none_or(|(a, b)| (a..b).contains(&pc));
        in_pc && (self.privs == 0 || self.privs >> (p as u8) & 1 != 0)
    }
}

/// Where trace lines go (shared by all harts).
pub type Sink = Arc<Mutex<Box<dyn Write + Send>>>;

fn priv_char(p: Priv) -> char {
    match p {
        Priv::U => 'U',
        Priv::S => 'S',
        Priv::M => 'M',
    }
}

/// The tracer of one hart.
pub struct HartTracer {
    pub set: TraceSet,
    pub hart: u64,
    pub out: Sink,
    /// Whether the walk in progress passed the filters.
    walk_shown: bool,
}

impl HartTracer {
    pub fn new(set: TraceSet, hart: u64, out: Sink) -> HartTracer {
        HartTracer { set, hart, out, walk_shown: false }
    }

    /// Writes the lines of one event (nothing, not even the lock, when
    /// there are none).
    fn emit(&self, lines: &[String]) {
        if lines.is_empty() {
            return;
        }
        let mut o = self.out.lock().unwrap_or_else(|e| e.into_inner());
        for l in lines {
            let _ = writeln!(o, "{l}");
        }
    }

    /// The mimic `trap` line.
    fn trap_line(&self, t: &Trap, epc: u64, from: Priv, to: Priv, handler: u64) -> String {
        let (kind, cause, tval, name) = match t {
            Trap::Exception(e) => ("exception", e.cause as u64, e.tval, crate::stats::cause_name(e.cause as u64)),
            Trap::Interrupt(i) => ("interrupt", *i as u64, 0, crate::stats::interrupt_name(*i as u64)),
        };
        format!(
            "trap hart={} {kind} cause={cause} ({name}) tval={tval:#x} epc={epc:#x} {}->{} handler={handler:#x}",
            self.hart,
            priv_char(from),
            priv_char(to)
        )
    }
}

impl Tracer for HartTracer {
    fn wants_insns(&self) -> bool {
        self.set.insn || self.set.disasm || (self.set.pc.is_some() && (self.set.trap || self.set.mmu || self.set.dev || self.set.sbi))
    }

    fn insn(&mut self, e: InsnEvent<'_>) {
        if !self.set.passes(e.pc, e.priv_) {
            return;
        }
        let mut lines = Vec::with_capacity(2);
        if self.set.disasm {
            lines.push(spike::disasm_line(self.hart, &e));
        }
        if self.set.insn && e.result.is_ok() {
            lines.push(spike::commit_line(self.hart, &e));
        }
        self.emit(&lines);
    }

    fn trap(&mut self, t: &Trap, epc: u64, from: Priv, to: Priv, handler: u64) {
        if !self.set.passes(epc, from) {
            return;
        }
        let mut lines = if self.set.insn { spike::trap_lines(self.hart, t, epc) } else { vec![] };
        if self.set.trap {
            lines.push(self.trap_line(t, epc, from, to, handler));
        }
        self.emit(&lines);
    }

    fn sbi(&mut self, pc: u64, args: &[u64; 8], error: u64, value: u64) {
        if self.set.sbi && self.set.passes(pc, Priv::S) {
            self.emit(&[sbi::line(self.hart, pc, args, error, value)]);
        }
    }

    fn dev(&mut self, e: DevEvent<'_>) {
        if !self.set.dev || !self.set.passes(e.pc, e.priv_) {
            return;
        }
        let dir = if e.write { "write" } else { "read" };
        self.emit(&[format!(
            "dev hart={} pc={:#x} {} {dir} offset={:#x} size={} value={:#x}",
            self.hart, e.pc, e.device, e.offset, e.size, e.value
        )]);
    }

    fn walk_begin(&mut self, satp: u64, va: u64, pc: u64, p: Priv) {
        self.walk_shown = self.set.mmu && self.set.passes(pc, p);
        if self.walk_shown {
            self.emit(&[format!("walk hart={} satp={satp:#x} va={va:#x}", self.hart)]);
        }
    }

    fn walk_step(&mut self, e: &mimic_mmu::WalkEvent) {
        if !self.walk_shown {
            return;
        }
        self.emit(&[match e {
            mimic_mmu::WalkEvent::Pte { level, addr, pte } => format!("  pte level={level} addr={addr:#x} pte={pte:#x}"),
            mimic_mmu::WalkEvent::Update { addr, pte } => format!("  update addr={addr:#x} pte={pte:#x}"),
        }]);
    }

    fn walk_end(&mut self, r: &Result<mimic_mmu::Translation, mimic_mmu::Fault>) {
        if !self.walk_shown {
            return;
        }
        self.emit(&[match r {
            Ok(t) => format!("  -> pa={:#x} size={:#x}", t.pa, t.page_size),
            Err(f) => format!("  -> fault {:?} {:?} addr={:#x}", f.kind, f.access, f.addr),
        }]);
    }

    fn wants_blocks(&self) -> bool {
        self.set.jit
    }

    fn block(&mut self, vpc: u64, insns: &[mimic_cpu::Decoded], host: &[u8], host_addr: u64) {
        use iced_x86::{Decoder, DecoderOptions, Formatter, GasFormatter};
        let mut lines = vec![format!("jit hart={} block {vpc:#x}: {} insns, {} host bytes at {host_addr:#x}", self.hart, insns.len(), host.len())];
        let mut pc = vpc;
        for d in insns {
            lines.push(format!("  guest {pc:#x}: {}", mimic_cpu::isa::disasm::disasm(d, pc)));
            pc = pc.wrapping_add(u64::from(d.len));
        }
        let mut dec = Decoder::with_ip(64, host, host_addr, DecoderOptions::NONE);
        let mut fmt = GasFormatter::new();
        for insn in &mut dec {
            let mut text = String::new();
            fmt.format(&insn, &mut text);
            lines.push(format!("  host  {:#x}: {text}", insn.ip()));
        }
        self.emit(&lines);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_and_apply() {
        let mut t = TraceSet::parse("insn, mmu").unwrap();
        assert!(t.insn && t.mmu && !t.trap);
        t.pc = Some(TraceSet::parse_pc("0x1000-2000").unwrap());
        t.privs = TraceSet::parse_privs("S,u").unwrap();
        assert!(t.passes(0x1000, Priv::S) && t.passes(0x1ffe, Priv::U));
        assert!(!t.passes(0x2000, Priv::S) && !t.passes(0xfff, Priv::U) && !t.passes(0x1800, Priv::M));
        assert!(TraceSet::parse_pc("2000-1000").is_err());
        assert!(TraceSet::parse_pc("1000").is_err());
        assert!(TraceSet::parse_privs("").is_err());
    }
}
