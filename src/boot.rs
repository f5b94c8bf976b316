//! Placing firmware, kernel, initrd and device tree in RAM and choosing
//! each hart's first instruction, the way QEMU's virt board does:
//!
//! ```text
//! RAM_BASE           --bios FILE firmware (OpenSBI), when given
//! RAM_BASE + 2 MiB   kernel (Image text_offset; ELF at its addresses)
//! ...                free
//! below the DTB      initrd (4 KiB aligned)
//! top (2 MiB aligned, below 3 GiB of RAM)   device tree
//! ```
//!
//! Start states: `--bios builtin` enters the kernel in S-mode with a0 =
//! hartid, a1 = DTB and the M-mode CSRs set as OpenSBI leaves them;
//! `--bios none` enters it in M-mode; `--bios FILE` starts every hart at
//! the boot ROM, which passes fw_dynamic info to the firmware; a bare
//! PROGRAM.elf starts in M-mode at its entry.

use std::path::Path;

use mimic_cpu::csr::bits::*;
use mimic_cpu::Hart;
use mimic_firmware::bootrom::{BootRom, ROM_BASE};
use mimic_firmware::fdt::{self, Board, Chosen, Device};
use mimic_firmware::{elf, image};
use mimic_mmu::{Priv, Ram, RAM_BASE};

use crate::{Bios, Config, Error};

/// Smallest RAM for booting a kernel.
pub const MIN_KERNEL_RAM: u64 = 16 << 20;
const MIB: u64 = 1 << 20;

/// How harts begin.
#[derive(Clone, Debug)]
pub enum Start {
    /// M-mode at `pc`, registers zero (bare-metal program).
    Machine { pc: u64 },
    /// `mode` at `pc` with a0 = hartid, a1 = `dtb`.
    Kernel { pc: u64, dtb: u64, mode: Priv },
    /// The boot ROM (real firmware).
    Rom,
}

/// The result of loading.
pub struct Plan {
    pub start: Start,
    pub dtb: Vec<u8>,
    /// A bare-metal program (its tohost/fromhost become HTIF).
    pub program: Option<elf::Elf>,
    pub rom: Option<BootRom>,
}

/// The ISA extensions mimic implements, for riscv,isa-extensions.
pub const EXTENSIONS: [&str; 17] = [
    "i", "m", "a", "f", "d", "c", "zicbom", "zicboz", "zicond", "zicsr", "zifencei", "zihintpause", "zba", "zbb", "zbc", "zbs", "sstc",
];

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Firmware(mimic_firmware::Error::Io { path: path.into(), source })
}

/// Loads everything `cfg` names into `ram`.
pub fn load(cfg: &Config, ram: &Ram, devices: &[Device]) -> Result<Plan, Error> {
    let board = |chosen| Board {
        harts: cfg.smp,
        ram_base: RAM_BASE,
        ram_size: cfg.ram_size,
        timebase_hz: mimic_mmu::timebase::TIMEBASE_HZ as u32,
        mmu_type: "riscv,sv48",
        extensions: EXTENSIONS.to_vec(),
        cbo_block_size: CACHE_BLOCK as u32,
        devices: devices.to_vec(),
        chosen,
    };
    let stdout = Some(format!("/soc/serial@{:x}", crate::board::UART_BASE));
    if let Some(p) = &cfg.program {
        let e = elf::read(p)?;
        elf::load(p, &e, ram)?;
        let dtb = fdt::build(&board(Chosen { bootargs: cfg.append.clone(), initrd: None, stdout })).map_err(fdt_err)?;
        return Ok(Plan { start: Start::Machine { pc: e.entry }, dtb, program: Some(e), rom: None });
    }
    let Some(kpath) = &cfg.kernel else {
        let dtb = fdt::build(&board(Chosen { stdout, ..Chosen::default() })).map_err(fdt_err)?;
        return Ok(Plan { start: Start::Machine { pc: RAM_BASE }, dtb, program: None, rom: None });
    };
    if cfg.ram_size < MIN_KERNEL_RAM {
        return Err(Error::Config(format!("-m {} MiB is below the {} MiB needed to boot a kernel", cfg.ram_size / MIB, MIN_KERNEL_RAM / MIB)));
    }
    let k = read_kernel(cfg, kpath)?;
    let initrd_len = cfg.initrd.as_deref().map(|p| std::fs::metadata(p).map_err(io(p))).transpose()?.map(|m| m.len());
    let mut chosen = Chosen { bootargs: cfg.append.clone(), initrd: None, stdout };
    // The blob's size does not depend on where the initrd goes: size it first.
    chosen.initrd = initrd_len.map(|_| (0, 0));
    let dtb_len = fdt::build(&board(chosen.clone())).map_err(fdt_err)?.len() as u64;
    let files = Files { kernel: kpath, initrd: cfg.initrd.as_deref() };
    // Sizes are checked before a (possibly huge) initrd is read, and again
    // with what was read.
    Layout::plan(cfg, &k, &files, initrd_len.unwrap_or(0), dtb_len)?;
    let initrd = match &cfg.initrd {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(io(p))?;
            image::check_initrd(p, &bytes)?;
            Some((p.as_path(), bytes))
        }
        None => None,
    };
    let layout = Layout::plan(cfg, &k, &files, initrd.as_ref().map_or(0, |(_, b)| b.len() as u64), dtb_len)?;
    chosen.initrd = layout.initrd;
    let dtb = fdt::build(&board(chosen)).map_err(fdt_err)?;
    for (at, bytes) in &k.pieces {
        place(ram, kpath, *at, bytes)?;
    }
    if let (Some((p, bytes)), Some((at, _))) = (&initrd, layout.initrd) {
        place(ram, p, at, bytes)?;
    }
    ram.write_bytes(layout.dtb, &dtb);
    let (start, rom) = firmware(cfg, ram, &k, layout.dtb)?;
    Ok(Plan { start, dtb, program: None, rom })
}

fn fdt_err(e: vm_fdt_error::E) -> Error {
    Error::Config(format!("device tree: {e}"))
}

mod vm_fdt_error {
    pub type E = vm_fdt::Error;
}

fn place(ram: &Ram, path: &Path, at: u64, bytes: &[u8]) -> Result<(), Error> {
    if ram.write_bytes(at, bytes) {
        return Ok(());
    }
    Err(Error::Config(format!(
        "{}: {} bytes at {at:#x} do not fit in RAM {:#x}..{:#x} (use a larger -m)",
        path.display(),
        bytes.len(),
        ram.base(),
        ram.base() + ram.size()
    )))
}

/// Reads the kernel: a file larger than RAM is refused before it is read,
/// and so is one whose pieces start outside RAM.
fn read_kernel(cfg: &Config, path: &Path) -> Result<image::Kernel, Error> {
    let len = std::fs::metadata(path).map_err(io(path))?.len();
    if len > cfg.ram_size {
        return Err(Error::Config(format!("-m {} MiB is too small for {} ({})", cfg.ram_size / MIB, path.display(), mib(len))));
    }
    let k = image::load_kernel(path, RAM_BASE)?;
    let ram_end = RAM_BASE + cfg.ram_size;
    if let Some((at, bytes)) = k.pieces.iter().find(|(at, _)| !(RAM_BASE..ram_end).contains(at)) {
        let (start, end) = (*at, at.saturating_add(bytes.len() as u64));
        return Err(mimic_firmware::Error::OutsideRam { path: path.into(), start, end, ram_start: RAM_BASE, ram_end }.into());
    }
    Ok(k)
}

/// The files being placed, for messages.
struct Files<'a> {
    kernel: &'a Path,
    initrd: Option<&'a Path>,
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / MIB as f64)
}

/// Says which files do not fit in -m and what -m would hold them (enough
/// for [`Layout::plan`]: the kernel's footprint, the initrd 4 KiB aligned
/// below the device tree, the tree in its own 2 MiB-aligned slot).
fn too_small(cfg: &Config, k: &image::Kernel, files: &Files, initrd_len: u64, dtb_len: u64) -> Error {
    let start = k.pieces.iter().map(|p| p.0).min().unwrap_or(k.entry);
    let mut what = format!("{} ({})", files.kernel.display(), mib(k.end.saturating_sub(start)));
    let mut need = k.end.saturating_sub(RAM_BASE);
    if let Some(p) = files.initrd {
        what += &format!(", {} ({})", p.display(), mib(initrd_len));
        need = need.saturating_add(initrd_len.div_ceil(0x1000) * 0x1000 + 0x1000);
    }
    let need = (need.div_ceil(2 * MIB) * 2 * MIB).saturating_add(dtb_len.div_ceil(2 * MIB) * 2 * MIB).max(MIN_KERNEL_RAM);
    let have = cfg.ram_size / MIB;
    if need > 3 * 1024 * MIB {
        return Error::Config(format!("{what} and the device tree do not fit in the first 3 GiB of RAM, where they must go"));
    }
    Error::Config(format!("-m {have} MiB is too small for {what} and the device tree: use -m {}M or more", need / MIB))
}

/// Where the initrd and the device tree go.
struct Layout {
    initrd: Option<(u64, u64)>,
    dtb: u64,
}

impl Layout {
    fn plan(cfg: &Config, k: &image::Kernel, files: &Files, initrd_len: u64, dtb_len: u64) -> Result<Layout, Error> {
        let ram_end = RAM_BASE + cfg.ram_size;
        let top = ram_end.min(RAM_BASE + 3 * 1024 * MIB);
        let too_small = || too_small(cfg, k, files, initrd_len, dtb_len);
        let dtb = top.checked_sub(dtb_len).map(|a| a & !(2 * MIB - 1)).filter(|&a| a >= k.end).ok_or_else(too_small)?;
        let initrd = match initrd_len {
            0 => None,
            n => {
                let start = dtb.checked_sub(n).map(|a| a & !0xfff).filter(|&a| a >= k.end).ok_or_else(too_small)?;
                Some((start, start + n))
            }
        };
        if k.end > ram_end {
            return Err(too_small());
        }
        Ok(Layout { initrd, dtb })
    }
}

/// Loads `--bios FILE` (if any) and says how harts start.
fn firmware(cfg: &Config, ram: &Ram, k: &image::Kernel, dtb: u64) -> Result<(Start, Option<BootRom>), Error> {
    match &cfg.bios {
        Bios::Builtin => Ok((Start::Kernel { pc: k.entry, dtb, mode: Priv::S }, None)),
        Bios::None => Ok((Start::Kernel { pc: k.entry, dtb, mode: Priv::M }, None)),
        Bios::File(p) => {
            let bytes = std::fs::read(p).map_err(io(p))?;
            if bytes.is_empty() {
                return Err(mimic_firmware::Error::Empty { path: p.clone() }.into());
            }
            let entry = if elf::is_elf(&bytes) {
                let e = elf::parse(p, &bytes)?;
                elf::load(p, &e, ram)?;
                e.entry
            } else {
                place(ram, p, RAM_BASE, &bytes)?;
                RAM_BASE
            };
            Ok((Start::Rom, Some(BootRom::new(entry, dtb, k.entry))))
        }
    }
}

/// Sets a hart's first state.
pub fn init_hart(h: &mut Hart, start: &Start) {
    match *start {
        Start::Machine { pc } => h.reset(pc),
        Start::Rom => h.reset(ROM_BASE),
        Start::Kernel { pc, dtb, mode } => {
            h.reset(pc);
            h.x[10] = h.id;
            h.x[11] = dtb;
            if mode == Priv::S {
                firmware_csrs(h);
            }
            h.set_priv(mode);
        }
    }
}

/// The M-mode state OpenSBI leaves for the kernel: every exception but
/// ECALL from S/M delegated (so S handles illegal-instruction and
/// misaligned traps itself), S interrupts delegated, counters readable,
/// Sstc, Zicbom/Zicboz and hardware A/D updating enabled. Like OpenSBI,
/// scounteren lets U-mode read cycle/time/instret too: Linux leaves it to
/// the firmware (without it the vDSO's `rdtime` raises illegal
/// instruction in every user program).
pub fn firmware_csrs(h: &mut Hart) {
    h.csr.medeleg = MEDELEG_MASK & !(1 << 9);
    h.csr.mideleg = IRQ_S;
    h.csr.mcounteren = 0x7;
    h.csr.scounteren = 0x7;
    h.csr.menvcfg = MENVCFG_STCE | MENVCFG_ADUE | ENVCFG_CBCFE | ENVCFG_CBZE | 1 << 4;
    h.csr.mstatus |= 1 << MSTATUS_MPP_SHIFT;
}

#[cfg(test)]
mod tests {
    use crate::{Config, Machine};

    /// The built-in SBI hands the kernel the counter permissions OpenSBI
    /// gives: user programs may read cycle, time and instret.
    #[test]
    fn builtin_sbi_enables_user_counters() {
        let path = std::env::temp_dir().join(format!("mimic-raw-kernel-{}", std::process::id()));
        std::fs::write(&path, [0x73, 0x00, 0x50, 0x10].repeat(1024)).unwrap(); // wfi
        let cfg = Config { kernel: Some(path.clone()), console_in: false, ..Config::default() };
        let m = Machine::build(cfg).expect("machine");
        std::fs::remove_file(&path).ok();
        assert_eq!(m.harts[0].csr.mcounteren & 7, 7);
        assert_eq!(m.harts[0].csr.scounteren & 7, 7);
        assert_eq!(m.harts[0].priv_, mimic_mmu::Priv::S);
    }
}
