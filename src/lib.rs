//! mimic: a full-system RISC-V RV64GC machine (QEMU `virt` compatible) on
//! an x86-64 Linux host. This package assembles a [`machine::Machine`] from
//! the workspace's parts (cpu, mmu, devices, firmware, dbt) and runs it;
//! `src/main.rs` is only the command-line front end.

#![forbid(unsafe_code)]

pub mod board;
pub mod boot;
pub mod config;
pub mod console;
pub mod gdb;
pub mod machine;
pub mod monitor;
pub mod oracle;
pub mod run;
pub mod sched;
pub mod signature;
pub mod stats;
pub mod suite;
pub mod testgen;
pub mod trace;

pub use config::{parse_drive, parse_size, Bios, Config, Drive, Engine};
pub use machine::Machine;
pub use run::Outcome;

/// A host-side failure building or running a machine (bad input from the
/// user, host I/O). Guest misbehaviour is never an `Error`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Firmware(#[from] mimic_firmware::Error),
    #[error("cannot map {size} bytes of guest RAM: {source}")]
    Ram { size: u64, source: std::io::Error },
    #[error("internal machine layout error: {0}")]
    Bus(#[from] mimic_mmu::BusError),
    #[error(transparent)]
    Disk(#[from] mimic_devices::virtio::blk::DiskError),
    #[error("{0}")]
    Config(String),
}
