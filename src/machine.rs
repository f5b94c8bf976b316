//! Building the machine: RAM, the board's devices, the loaded images, the
//! harts with their first state, the built-in SBI, and the console.

use std::io::Write;
use std::sync::{Arc, Mutex};

use mimic_cpu::control::Control;
use mimic_cpu::{Hart, HartConfig, Wiring};
use mimic_devices::virtio::mmio::VirtioMmio;
use mimic_firmware::bootrom::{ROM_BASE, ROM_SIZE};
use mimic_firmware::elf::Elf;
use mimic_firmware::htif::Htif;
use mimic_firmware::sbi::Sbi;
use mimic_mmu::signal::hsm;
use mimic_mmu::{BusBuilder, HartSignals, Power, Ram, Timebase, RAM_BASE};

use crate::board::{self, Shared};
use crate::boot::{self, Start};
use crate::run::HartEngine;
use crate::{Bios, Config, Engine, Error};
use mimic_dbt::Jit;

/// A console sink shared by the UART, HTIF and the SBI console.
#[derive(Clone)]
pub struct SharedOut(Arc<Mutex<Box<dyn Write + Send>>>);

impl Write for SharedOut {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).write(b)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).flush()
    }
}

/// A built machine, ready to run.
pub struct Machine {
    pub harts: Vec<Box<Hart>>,
    pub power: Arc<Power>,
    pub timebase: Arc<Timebase>,
    pub max_insns: Option<u64>,
    /// The generated device tree.
    pub dtb: Vec<u8>,
    pub engines: Vec<HartEngine>,
    /// Pausing the harts and running code on them (debugger, monitor).
    pub control: Arc<Control>,
    virtio: Vec<Arc<VirtioMmio>>,
}

impl Machine {
    pub fn build(mut cfg: Config) -> Result<Machine, Error> {
        check(&cfg)?;
        let ram = Arc::new(Ram::new(RAM_BASE, cfg.ram_size).map_err(|source| Error::Ram { size: cfg.ram_size, source })?);
        let power = Power::new();
        let timebase = Arc::new(Timebase::new(cfg.deterministic));
        let out = SharedOut(Arc::new(Mutex::new(cfg.console_out.take().unwrap_or_else(|| Box::new(std::io::stdout())))));
        let signals: Vec<_> = (0..cfg.smp).map(|_| HartSignals::new()).collect();
        let shared = Shared { ram: ram.clone(), power: power.clone(), timebase: timebase.clone(), harts: signals.clone() };
        let mut b = BusBuilder::new(ram.clone());
        let devs = board::map(&mut b, &cfg, &shared, Box::new(out.clone()))?;
        let plan = boot::load(&cfg, &ram, &devs.fdt)?;
        if let Some(rom) = plan.rom {
            b.map("bootrom", ROM_BASE, ROM_SIZE, Arc::new(rom))?;
        }
        if let Some(e) = &plan.program {
            map_htif(&mut b, e, &out, &power, &ram)?;
        }
        let bus = Arc::new(b.build());
        let sbi = (cfg.bios == Bios::Builtin && matches!(plan.start, Start::Kernel { .. }))
            .then(|| Sbi::new(signals.clone(), power.clone(), ram.clone(), Box::new(out.clone())));
        let peers: Arc<[Arc<HartSignals>]> = Arc::from(signals.clone());
        let mut harts = Vec::new();
        for (id, signals) in signals.into_iter().enumerate() {
            let w = Wiring { bus: bus.clone(), signals, timebase: timebase.clone(), power: power.clone() };
            let mut h = Hart::new(id as u64, w, HartConfig { misaligned: cfg.misaligned });
            h.peers = peers.clone();
            boot::init_hart(&mut h, &plan.start);
            if let Some(s) = &sbi {
                h.firmware = Some(s.clone());
                // With the built-in SBI, the kernel starts on hart 0 and
                // brings the others up through HSM hart_start.
                if id != 0 {
                    h.signals.hsm.store(hsm::STOPPED, std::sync::atomic::Ordering::SeqCst);
                }
            }
            harts.push(h);
        }
        attach_tracers(&cfg, &mut harts)?;
        let engines = (0..harts.len()).map(|_| engine(cfg.engine)).collect::<Result<_, _>>()?;
        let control = Control::new(peers.to_vec());
        if cfg.console_in {
            crate::console::start(devs.uart.clone(), power.clone(), control.clone());
        }
        Ok(Machine { harts, power, timebase, max_insns: cfg.max_insns, dtb: plan.dtb, engines, control, virtio: devs.virtio })
    }

    /// Instructions retired by all harts.
    pub fn instret(&self) -> u64 {
        self.harts.iter().map(|h| h.instret).sum()
    }

    /// Guest RAM, e.g. to read a test's signature after the run.
    pub fn ram(&self) -> &Ram {
        self.harts[0].bus.ram()
    }

    /// Makes disk images durable (called when the run ends).
    pub fn flush(&self) {
        self.virtio.iter().for_each(|v| v.flush());
    }
}

/// Gives every hart a tracer when any event kind is traced.
fn attach_tracers(cfg: &Config, harts: &mut [Box<Hart>]) -> Result<(), Error> {
    if cfg.trace.is_off() {
        return Ok(());
    }
    let out: Box<dyn Write + Send> = match &cfg.trace_file {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| Error::Config(format!("{}: {e}", p.display())))?,
        )),
        None => Box::new(std::io::stderr()),
    };
    let sink: crate::trace::Sink = Arc::new(Mutex::new(out));
    for h in harts {
        h.trace = Some(Box::new(crate::trace::HartTracer::new(cfg.trace, h.id, sink.clone())));
    }
    Ok(())
}

/// Creates the engine for one hart.
fn engine(e: Engine) -> Result<HartEngine, Error> {
    Ok(match e {
        Engine::Interp => HartEngine::Interp,
        Engine::Jit | Engine::JitAudit => {
            let mut j = Jit::new().map_err(|e| Error::Config(format!("translator: {e}")))?;
            j.audit = e == Engine::JitAudit;
            HartEngine::Jit(Box::new(j))
        }
    })
}

/// Checks option combinations before anything is built.
fn check(cfg: &Config) -> Result<(), Error> {
    if cfg.program.is_some() && cfg.kernel.is_some() {
        return Err(Error::Config("give either a PROGRAM.elf or --kernel, not both".into()));
    }
    if cfg.initrd.is_some() && cfg.kernel.is_none() {
        return Err(Error::Config("--initrd needs --kernel".into()));
    }
    if !(1..=64).contains(&cfg.smp) {
        return Err(Error::Config(format!("--smp {}: between 1 and 64 harts", cfg.smp)));
    }
    Ok(())
}

/// Overlays HTIF on the program's tohost/fromhost words, if it has them.
fn map_htif(b: &mut BusBuilder, e: &Elf, out: &SharedOut, power: &Arc<Power>, ram: &Arc<Ram>) -> Result<(), Error> {
    let Some(tohost) = e.symbol("tohost") else { return Ok(()) };
    let htif = Htif::new(Box::new(out.clone()), power.clone(), ram.clone());
    b.map("htif-tohost", tohost, 8, Arc::new(htif.word(true)))?;
    if let Some(fromhost) = e.symbol("fromhost").filter(|&f| f >= tohost + 8 || f + 8 <= tohost) {
        b.map("htif-fromhost", fromhost, 8, Arc::new(htif.word(false)))?;
    }
    Ok(())
}
