//! The device tree, generated from the machine as built (never written by
//! hand): the board description lists what was actually mapped, and each
//! kind of device contributes its node through its own small function.
//! Compatibles, interrupt wiring and layout follow QEMU's virt board and
//! Linux's bindings (riscv/cpus.yaml, riscv/extensions.yaml,
//! sifive,plic-1.0.0, sifive,clint0, ns16550a, google,goldfish-rtc,
//! virtio,mmio, syscon-poweroff/reboot).

use vm_fdt::{Error, FdtWriter};

/// A device as mapped on the board.
#[derive(Clone, Debug)]
pub enum Device {
    Clint { base: u64, size: u64 },
    Plic { base: u64, size: u64, ndev: u32 },
    Uart { base: u64, size: u64, irq: u32, clock_hz: u32 },
    Test { base: u64, size: u64 },
    Rtc { base: u64, size: u64, irq: u32 },
    VirtioMmio { base: u64, size: u64, irq: u32 },
}

/// What /chosen says.
#[derive(Clone, Debug, Default)]
pub struct Chosen {
    pub bootargs: String,
    pub initrd: Option<(u64, u64)>,
    /// Path of the console node (e.g. "/soc/serial@10000000").
    pub stdout: Option<String>,
}

/// The machine as built.
#[derive(Clone, Debug)]
pub struct Board {
    pub harts: usize,
    pub ram_base: u64,
    pub ram_size: u64,
    pub timebase_hz: u32,
    pub mmu_type: &'static str,
    /// riscv,isa-extensions (lower case, single letters first).
    pub extensions: Vec<&'static str>,
    pub cbo_block_size: u32,
    pub devices: Vec<Device>,
    pub chosen: Chosen,
}

fn intc_phandle(hart: usize) -> u32 {
    1 + hart as u32
}

fn plic_phandle(b: &Board) -> u32 {
    1 + b.harts as u32
}

fn test_phandle(b: &Board) -> u32 {
    2 + b.harts as u32
}

/// The legacy riscv,isa string ("rv64imafdc_zicsr_...").
pub fn isa_string(exts: &[&str]) -> String {
    let letters: String = exts.iter().filter(|e| e.len() == 1).copied().collect();
    let multi: Vec<&str> = exts.iter().filter(|e| e.len() > 1).copied().collect();
    let mut s = format!("rv64{letters}");
    for m in multi {
        s.push('_');
        s.push_str(m);
    }
    s
}

/// Builds the flattened device tree blob.
pub fn build(b: &Board) -> Result<Vec<u8>, Error> {
    let mut f = FdtWriter::new()?;
    let root = f.begin_node("")?;
    f.property_u32("#address-cells", 2)?;
    f.property_u32("#size-cells", 2)?;
    f.property_string("compatible", "riscv-virtio")?;
    f.property_string("model", "riscv-virtio,mimic")?;
    chosen(&mut f, &b.chosen)?;
    memory(&mut f, b)?;
    cpus(&mut f, b)?;
    let soc = f.begin_node("soc")?;
    f.property_u32("#address-cells", 2)?;
    f.property_u32("#size-cells", 2)?;
    f.property_string("compatible", "simple-bus")?;
    f.property_null("ranges")?;
    for d in &b.devices {
        device(&mut f, b, d)?;
    }
    f.end_node(soc)?;
    if b.devices.iter().any(|d| matches!(d, Device::Test { .. })) {
        syscon_action(&mut f, b, "poweroff", "syscon-poweroff", 0x5555)?;
        syscon_action(&mut f, b, "reboot", "syscon-reboot", 0x7777)?;
    }
    f.end_node(root)?;
    f.finish()
}

fn chosen(f: &mut FdtWriter, c: &Chosen) -> Result<(), Error> {
    let n = f.begin_node("chosen")?;
    f.property_string("bootargs", &c.bootargs)?;
    if let Some(p) = &c.stdout {
        f.property_string("stdout-path", p)?;
    }
    if let Some((start, end)) = c.initrd {
        f.property_u64("linux,initrd-start", start)?;
        f.property_u64("linux,initrd-end", end)?;
    }
    f.end_node(n)
}

fn memory(f: &mut FdtWriter, b: &Board) -> Result<(), Error> {
    let n = f.begin_node(&format!("memory@{:x}", b.ram_base))?;
    f.property_string("device_type", "memory")?;
    f.property_array_u64("reg", &[b.ram_base, b.ram_size])?;
    f.end_node(n)
}

fn cpus(f: &mut FdtWriter, b: &Board) -> Result<(), Error> {
    let n = f.begin_node("cpus")?;
    f.property_u32("#address-cells", 1)?;
    f.property_u32("#size-cells", 0)?;
    f.property_u32("timebase-frequency", b.timebase_hz)?;
    for h in 0..b.harts {
        cpu(f, b, h)?;
    }
    let map = f.begin_node("cpu-map")?;
    let cluster = f.begin_node("cluster0")?;
    for h in 0..b.harts {
        let core = f.begin_node(&format!("core{h}"))?;
        f.property_u32("cpu", 100 + h as u32)?;
        f.end_node(core)?;
    }
    f.end_node(cluster)?;
    f.end_node(map)?;
    f.end_node(n)
}

fn cpu(f: &mut FdtWriter, b: &Board, h: usize) -> Result<(), Error> {
    let n = f.begin_node(&format!("cpu@{h}"))?;
    f.property_phandle(100 + h as u32)?;
    f.property_string("device_type", "cpu")?;
    f.property_u32("reg", h as u32)?;
    f.property_string("status", "okay")?;
    f.property_string("compatible", "riscv")?;
    f.property_string("riscv,isa", &isa_string(&b.extensions))?;
    f.property_string("riscv,isa-base", "rv64i")?;
    f.property_string_list("riscv,isa-extensions", b.extensions.iter().map(|s| s.to_string()).collect())?;
    f.property_u32("riscv,cbom-block-size", b.cbo_block_size)?;
    f.property_u32("riscv,cboz-block-size", b.cbo_block_size)?;
    f.property_string("mmu-type", b.mmu_type)?;
    let ic = f.begin_node("interrupt-controller")?;
    f.property_u32("#address-cells", 0)?;
    f.property_u32("#interrupt-cells", 1)?;
    f.property_null("interrupt-controller")?;
    f.property_string("compatible", "riscv,cpu-intc")?;
    f.property_phandle(intc_phandle(h))?;
    f.end_node(ic)?;
    f.end_node(n)
}

/// interrupts-extended cells: for each hart, (intc, irq_m), (intc, irq_s).
fn per_hart_irqs(b: &Board, m: u32, s: u32) -> Vec<u32> {
    (0..b.harts).flat_map(|h| [intc_phandle(h), m, intc_phandle(h), s]).collect()
}

fn device(f: &mut FdtWriter, b: &Board, d: &Device) -> Result<(), Error> {
    match *d {
        Device::Clint { base, size } => {
            let n = f.begin_node(&format!("clint@{base:x}"))?;
            f.property_string_list("compatible", vec!["sifive,clint0".into(), "riscv,clint0".into()])?;
            f.property_array_u64("reg", &[base, size])?;
            f.property_array_u32("interrupts-extended", &per_hart_irqs(b, 3, 7))?;
            f.end_node(n)
        }
        Device::Plic { base, size, ndev } => {
            let n = f.begin_node(&format!("plic@{base:x}"))?;
            f.property_phandle(plic_phandle(b))?;
            f.property_string_list("compatible", vec!["sifive,plic-1.0.0".into(), "riscv,plic0".into()])?;
            f.property_array_u64("reg", &[base, size])?;
            f.property_u32("riscv,ndev", ndev)?;
            f.property_u32("#address-cells", 0)?;
            f.property_u32("#interrupt-cells", 1)?;
            f.property_null("interrupt-controller")?;
            f.property_array_u32("interrupts-extended", &per_hart_irqs(b, 11, 9))?;
            f.end_node(n)
        }
        Device::Uart { base, size, irq, clock_hz } => {
            let n = f.begin_node(&format!("serial@{base:x}"))?;
            f.property_string("compatible", "ns16550a")?;
            f.property_array_u64("reg", &[base, size])?;
            f.property_u32("clock-frequency", clock_hz)?;
            irq_of(f, b, irq)?;
            f.end_node(n)
        }
        Device::Test { base, size } => {
            let n = f.begin_node(&format!("test@{base:x}"))?;
            f.property_phandle(test_phandle(b))?;
            let c = ["sifive,test1", "sifive,test0", "syscon"].map(String::from).to_vec();
            f.property_string_list("compatible", c)?;
            f.property_array_u64("reg", &[base, size])?;
            f.end_node(n)
        }
        Device::Rtc { base, size, irq } => simple(f, b, "rtc", "google,goldfish-rtc", base, size, irq),
        Device::VirtioMmio { base, size, irq } => simple(f, b, "virtio_mmio", "virtio,mmio", base, size, irq),
    }
}

fn irq_of(f: &mut FdtWriter, b: &Board, irq: u32) -> Result<(), Error> {
    f.property_u32("interrupt-parent", plic_phandle(b))?;
    f.property_u32("interrupts", irq)
}

fn simple(f: &mut FdtWriter, b: &Board, name: &str, compat: &str, base: u64, size: u64, irq: u32) -> Result<(), Error> {
    let n = f.begin_node(&format!("{name}@{base:x}"))?;
    f.property_string("compatible", compat)?;
    f.property_array_u64("reg", &[base, size])?;
    irq_of(f, b, irq)?;
    f.end_node(n)
}

fn syscon_action(f: &mut FdtWriter, b: &Board, name: &str, compat: &str, value: u32) -> Result<(), Error> {
    let n = f.begin_node(name)?;
    f.property_string("compatible", compat)?;
    f.property_u32("regmap", test_phandle(b))?;
    f.property_u32("offset", 0)?;
    f.property_u32("value", value)?;
    f.end_node(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isa_string_orders_letters_then_extensions() {
        assert_eq!(isa_string(&["i", "m", "a", "zicsr", "sstc"]), "rv64ima_zicsr_sstc");
    }

    #[test]
    fn builds_a_valid_blob() {
        let b = Board {
            harts: 2,
            ram_base: 0x8000_0000,
            ram_size: 512 << 20,
            timebase_hz: 10_000_000,
            mmu_type: "riscv,sv48",
            extensions: vec!["i", "m", "a", "f", "d", "c", "zicsr"],
            cbo_block_size: 64,
            devices: vec![Device::Plic { base: 0xc00_0000, size: 0x60_0000, ndev: 96 }, Device::Test { base: 0x10_0000, size: 0x1000 }],
            chosen: Chosen { bootargs: "console=ttyS0".into(), initrd: Some((0x8800_0000, 0x8810_0000)), stdout: None },
        };
        let blob = build(&b).unwrap();
        assert_eq!(&blob[0..4], &[0xd0, 0x0d, 0xfe, 0xed], "FDT magic");
    }
}
