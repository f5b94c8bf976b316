//! The `mimic` command line (clap). Everything else lives in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use mimic::{parse_size, Config, Machine};
use mimic_cpu::Misaligned;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum MisalignedArg {
    /// Perform regular misaligned loads and stores.
    Hw,
    /// Raise address-misaligned exceptions.
    Trap,
}

/// mimic: a full-system RISC-V RV64GC emulator.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// A bare-metal RV64 ELF to run in M-mode from its entry point (the
    /// riscv-tests way: HTIF tohost, start at 0x80000000).
    program: Option<PathBuf>,
    /// Guest RAM size (e.g. 512M, 2G, or bytes).
    #[arg(short = 'm', long = "memory", default_value = "512M")]
    memory: String,
    /// Number of harts.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64))]
    smp: u16,
    /// Stop (exit status 3) after this many instructions.
    #[arg(long)]
    max_insns: Option<u64>,
    /// How regular misaligned loads and stores behave.
    #[arg(long, value_enum, default_value = "hw")]
    misaligned: MisalignedArg,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("mimic: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<i32, mimic::Error> {
    let Some(program) = cli.program else {
        return Err(mimic::Error::Config("nothing to run: give a PROGRAM.elf (see --help)".into()));
    };
    let cfg = Config {
        ram_size: parse_size(&cli.memory)?,
        smp: usize::from(cli.smp),
        program: Some(program),
        max_insns: cli.max_insns,
        misaligned: match cli.misaligned {
            MisalignedArg::Hw => Misaligned::Hw,
            MisalignedArg::Trap => Misaligned::Trap,
        },
        console_out: None,
    };
    let mut m = Machine::build(cfg)?;
    let outcome = m.run();
    if let Some(msg) = outcome.message() {
        eprintln!("mimic: {msg}");
    }
    Ok(outcome.exit_code())
}
