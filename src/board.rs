//! The virt board's devices, mapped on the bus and described for the
//! device tree at the same time, so the tree always matches the machine
//! as built (DESIGN.md §1, §5).
//!
//! ```text
//! 0x0000_1000 +0x1000    boot ROM (with --bios FILE)
//! 0x0010_0000 +0x1000    sifive,test        0x0010_1000 +0x1000  goldfish RTC (irq 11)
//! 0x0200_0000 +0x10000   CLINT              0x0c00_0000 +0x600000 PLIC
//! 0x1000_0000 +0x100     NS16550A (irq 10)  0x1000_1000 +0x1000*n virtio-mmio n (irq 1+n), n < 8
//! 0x8000_0000 +ram       RAM
//! ```

use std::io::Write;
use std::sync::Arc;

use mimic_devices::clint::{Clint, CLINT_SIZE};
use mimic_devices::plic::{Plic, NDEV, PLIC_SIZE};
use mimic_devices::rtc::{GoldfishRtc, RtcWindow};
use mimic_devices::sifive_test::SifiveTest;
use mimic_devices::uart::Ns16550a;
use mimic_devices::virtio::blk::Blk;
use mimic_devices::virtio::mmio::{VirtioMmio, MMIO_SIZE};
use mimic_devices::virtio::rng::Rng;
use mimic_devices::virtio::VirtioDevice;
use mimic_firmware::fdt::Device;
use mimic_mmu::{BusBuilder, HartSignals, Power, Ram, Timebase};

use crate::{Config, Error};

pub const TEST_BASE: u64 = 0x10_0000;
pub const RTC_BASE: u64 = 0x10_1000;
pub const CLINT_BASE: u64 = 0x200_0000;
pub const PLIC_BASE: u64 = 0xc00_0000;
pub const UART_BASE: u64 = 0x1000_0000;
pub const UART_IRQ: u32 = 10;
pub const RTC_IRQ: u32 = 11;
pub const VIRTIO_BASE: u64 = 0x1000_1000;
pub const VIRTIO_SLOTS: usize = 8;
/// The UART's input clock (QEMU's 3.6864 MHz).
pub const UART_CLOCK: u32 = 3_686_400;

/// What every device may be wired to.
pub struct Shared {
    pub ram: Arc<Ram>,
    pub power: Arc<Power>,
    pub timebase: Arc<Timebase>,
    pub harts: Vec<Arc<HartSignals>>,
}

/// The devices the machine keeps handles to, and the tree's view.
pub struct Devices {
    pub uart: Arc<Ns16550a>,
    pub virtio: Vec<Arc<VirtioMmio>>,
    pub fdt: Vec<Device>,
}

/// Maps every board device and returns handles plus their descriptions.
pub fn map(b: &mut BusBuilder, cfg: &Config, s: &Shared, out: Box<dyn Write + Send>) -> Result<Devices, Error> {
    let mut fdt = Vec::new();
    let plic = Plic::new(s.harts.clone());
    b.map("plic", PLIC_BASE, PLIC_SIZE, plic.clone())?;
    fdt.push(Device::Plic { base: PLIC_BASE, size: PLIC_SIZE, ndev: NDEV });
    b.map("clint", CLINT_BASE, CLINT_SIZE, Arc::new(Clint::new(s.harts.clone(), s.timebase.clone())))?;
    fdt.push(Device::Clint { base: CLINT_BASE, size: CLINT_SIZE });
    b.map("sifive,test", TEST_BASE, 0x1000, Arc::new(SifiveTest::new(s.power.clone())))?;
    fdt.push(Device::Test { base: TEST_BASE, size: 0x1000 });
    let rtc = GoldfishRtc::new(plic.source(RTC_IRQ as usize), s.timebase.clone());
    b.map("rtc", RTC_BASE, 0x1000, Arc::new(RtcWindow(rtc)))?;
    fdt.push(Device::Rtc { base: RTC_BASE, size: 0x1000, irq: RTC_IRQ });
    let uart = Arc::new(Ns16550a::new(out, plic.source(UART_IRQ as usize)));
    b.map("uart", UART_BASE, 0x100, uart.clone())?;
    fdt.push(Device::Uart { base: UART_BASE, size: 0x100, irq: UART_IRQ, clock_hz: UART_CLOCK });
    let virtio = map_virtio(b, cfg, s, &plic, &mut fdt)?;
    Ok(Devices { uart, virtio, fdt })
}

/// The virtio slots: drives first (so the first is /dev/vda), then an
/// entropy device; remaining slots are present but empty, as on QEMU.
fn map_virtio(b: &mut BusBuilder, cfg: &Config, s: &Shared, plic: &Arc<Plic>, fdt: &mut Vec<Device>) -> Result<Vec<Arc<VirtioMmio>>, Error> {
    let mut devs: Vec<(Box<dyn VirtioDevice>, &'static str)> = Vec::new();
    for d in &cfg.drives {
        devs.push((Box::new(Blk::open(&d.path, d.readonly)?), "virtio-blk"));
    }
    let rng = if cfg.deterministic { Rng::seeded(0x6d69_6d69_6373_6565) } else { Rng::host() };
    devs.push((Box::new(rng), "virtio-rng"));
    if devs.len() > VIRTIO_SLOTS {
        return Err(Error::Config(format!("too many virtio devices: {} drives, at most {}", cfg.drives.len(), VIRTIO_SLOTS - 1)));
    }
    let mut devs = devs.into_iter();
    let mut slots = Vec::new();
    for n in 0..VIRTIO_SLOTS {
        let base = VIRTIO_BASE + MMIO_SIZE * n as u64;
        let irq = 1 + n as u32;
        let (dev, name) = devs.next().map_or((None, "virtio"), |(d, name)| (Some(d), name));
        let t = Arc::new(VirtioMmio::new(dev, s.ram.clone(), plic.source(irq as usize), name).map_err(|e| Error::Config(format!("virtio: {e}")))?);
        b.map(&format!("virtio{n}"), base, MMIO_SIZE, t.clone())?;
        fdt.push(Device::VirtioMmio { base, size: MMIO_SIZE, irq });
        slots.push(t);
    }
    Ok(slots)
}
