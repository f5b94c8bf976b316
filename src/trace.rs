//! `--trace` output (issue #7 will add insn, mmu, dev, sbi and jit): each
//! event kind is one line in a fixed format, written to the trace file.

use std::io::Write;
use std::sync::{Arc, Mutex};

use mimic_cpu::trace::Tracer;
use mimic_cpu::Trap;
use mimic_mmu::Priv;

/// Which events to trace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TraceSet {
    pub trap: bool,
    pub jit: bool,
    pub mmu: bool,
}

impl TraceSet {
    /// Parses a comma-separated list (`trap`, `jit`).
    pub fn parse(s: &str) -> Result<TraceSet, String> {
        let mut t = TraceSet::default();
        for k in s.split(',').filter(|k| !k.is_empty()) {
            match k {
                "trap" => t.trap = true,
                "jit" => t.jit = true,
                "mmu" => t.mmu = true,
                other => return Err(format!("--trace: unknown event kind `{other}` (known: trap, jit, mmu)")),
            }
        }
        Ok(t)
    }
}

/// Where trace lines go (shared by all harts).
pub type Sink = Arc<Mutex<Box<dyn Write + Send>>>;

/// The tracer of one hart.
pub struct HartTracer {
    pub set: TraceSet,
    pub hart: u64,
    pub out: Sink,
}

fn priv_char(p: Priv) -> char {
    match p {
        Priv::U => 'U',
        Priv::S => 'S',
        Priv::M => 'M',
    }
}

impl Tracer for HartTracer {
    fn walk_begin(&mut self, satp: u64, va: u64) {
        if self.set.mmu {
            let mut o = self.out.lock().unwrap_or_else(|e| e.into_inner());
            let _ = writeln!(o, "walk hart={} satp={satp:#x} va={va:#x}", self.hart);
        }
    }

    fn walk_step(&mut self, e: &mimic_mmu::WalkEvent) {
        if !self.set.mmu {
            return;
        }
        let mut o = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = match e {
            mimic_mmu::WalkEvent::Pte { level, addr, pte } => writeln!(o, "  pte level={level} addr={addr:#x} pte={pte:#x}"),
            mimic_mmu::WalkEvent::Update { addr, pte } => writeln!(o, "  update addr={addr:#x} pte={pte:#x}"),
        };
    }

    fn walk_end(&mut self, r: &Result<mimic_mmu::Translation, mimic_mmu::Fault>) {
        if !self.set.mmu {
            return;
        }
        let mut o = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = match r {
            Ok(t) => writeln!(o, "  -> pa={:#x} size={:#x}", t.pa, t.page_size),
            Err(f) => writeln!(o, "  -> fault {:?} {:?} addr={:#x}", f.kind, f.access, f.addr),
        };
    }

    fn wants_blocks(&self) -> bool {
        self.set.jit
    }

    fn block(&mut self, vpc: u64, insns: &[mimic_cpu::Decoded], host: &[u8], host_addr: u64) {
        use iced_x86::{Decoder, DecoderOptions, Formatter, GasFormatter};
        let mut o = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(o, "jit hart={} block {vpc:#x}: {} insns, {} host bytes at {host_addr:#x}", self.hart, insns.len(), host.len());
        let mut pc = vpc;
        for d in insns {
            let _ = writeln!(o, "  guest {pc:#x}: {}", mimic_cpu::isa::disasm::disasm(d, pc));
            pc = pc.wrapping_add(u64::from(d.len));
        }
        let mut dec = Decoder::with_ip(64, host, host_addr, DecoderOptions::NONE);
        let mut fmt = GasFormatter::new();
        let mut text = String::new();
        for insn in &mut dec {
            text.clear();
            fmt.format(&insn, &mut text);
            let _ = writeln!(o, "  host  {:#x}: {text}", insn.ip());
        }
    }

    fn trap(&mut self, t: &Trap, epc: u64, from: Priv, to: Priv, handler: u64) {
        if !self.set.trap {
            return;
        }
        let (kind, cause, tval) = match t {
            Trap::Exception(e) => ("exception", e.cause as u64, e.tval),
            Trap::Interrupt(i) => ("interrupt", *i as u64, 0),
        };
        let mut o = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let _ = writeln!(
            o,
            "trap hart={} {kind} cause={cause} tval={tval:#x} epc={epc:#x} {}->{} handler={handler:#x}",
            self.hart,
            priv_char(from),
            priv_char(to)
        );
    }
}
