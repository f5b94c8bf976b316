//! Building the machine: RAM, devices on the QEMU `virt` memory map
//! (DESIGN.md §1), harts, and the loaded program.
//!
//! ```text
//! 0x0010_0000 +0x1000    sifive,test      0x1000_0000 +0x100   NS16550A
//! 0x0200_0000 +0x10000   CLINT            0x8000_0000 +ram     RAM
//! tohost/fromhost        HTIF (overlaid on RAM, when the ELF has them)
//! ```

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use mimic_cpu::{Hart, HartConfig, Wiring};
use mimic_devices::clint::{Clint, CLINT_SIZE};
use mimic_devices::sifive_test::SifiveTest;
use mimic_devices::uart::Ns16550a;
use mimic_devices::NoIrq;
use mimic_firmware::{elf, htif::Htif};
use mimic_mmu::{BusBuilder, HartSignals, Power, Ram, Timebase, RAM_BASE};

use crate::{Config, Error};

pub const TEST_BASE: u64 = 0x10_0000;
pub const CLINT_BASE: u64 = 0x200_0000;
pub const UART_BASE: u64 = 0x1000_0000;

/// A console sink shared by the UART and HTIF.
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
}

impl Machine {
    pub fn build(mut cfg: Config) -> Result<Machine, Error> {
        let ram = Ram::new(RAM_BASE, cfg.ram_size).map_err(|source| Error::Ram { size: cfg.ram_size, source })?;
        let ram = Arc::new(ram);
        let power = Power::new();
        let timebase = Arc::new(Timebase::new(false));
        let out = SharedOut(Arc::new(Mutex::new(cfg.console_out.take().unwrap_or_else(|| Box::new(std::io::stdout())))));
        let signals: Vec<_> = (0..cfg.smp).map(|_| HartSignals::new()).collect();
        let mut b = BusBuilder::new(ram.clone());
        b.map("sifive,test", TEST_BASE, 0x1000, Arc::new(SifiveTest::new(power.clone())))?;
        b.map("clint", CLINT_BASE, CLINT_SIZE, Arc::new(Clint::new(signals.clone(), timebase.clone())))?;
        b.map("uart", UART_BASE, 0x100, Arc::new(Ns16550a::new(Box::new(out.clone()), Arc::new(NoIrq))))?;
        let program = match &cfg.program {
            Some(p) => Some(load_program(p, &ram)?),
            None => None,
        };
        if let Some(e) = &program {
            map_htif(&mut b, e, &out, &power, &ram)?;
        }
        let bus = Arc::new(b.build());
        let harts = signals
            .into_iter()
            .enumerate()
            .map(|(id, signals)| {
                let w = Wiring { bus: bus.clone(), signals, timebase: timebase.clone(), power: power.clone() };
                let mut h = Hart::new(id as u64, w, HartConfig { misaligned: cfg.misaligned });
                h.reset(program.as_ref().map_or(RAM_BASE, |e| e.entry));
                h
            })
            .collect();
        Ok(Machine { harts, power, timebase, max_insns: cfg.max_insns })
    }
}

impl Machine {
    /// Instructions retired by all harts.
    pub fn instret(&self) -> u64 {
        self.harts.iter().map(|h| h.instret).sum()
    }
}

fn load_program(path: &Path, ram: &Ram) -> Result<elf::Elf, Error> {
    let e = elf::read(path)?;
    elf::load(path, &e, ram)?;
    Ok(e)
}

/// Overlays HTIF on the program's tohost/fromhost words, if it has them.
fn map_htif(b: &mut BusBuilder, e: &elf::Elf, out: &SharedOut, power: &Arc<Power>, ram: &Arc<Ram>) -> Result<(), Error> {
    let Some(tohost) = e.symbol("tohost") else { return Ok(()) };
    let htif = Htif::new(Box::new(out.clone()), power.clone(), ram.clone());
    b.map("htif-tohost", tohost, 8, Arc::new(htif.word(true)))?;
    if let Some(fromhost) = e.symbol("fromhost").filter(|&f| f >= tohost + 8 || f + 8 <= tohost) {
        b.map("htif-fromhost", fromhost, 8, Arc::new(htif.word(false)))?;
    }
    Ok(())
}
