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
    /// Print instructions retired, run time and guest MIPS on exit.
    #[arg(long)]
    stats: bool,
}

/// Parses the command line; a usage error is one line and status 2.
fn parse() -> Cli {
    match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or("invalid arguments").trim_start_matches("error: ");
            eprintln!("mimic: {first} (see --help)");
            std::process::exit(2);
        }
    }
}

fn main() -> ExitCode {
    let cli = parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("mimic: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<i32, mimic::Error> {
    let Some(program) = cli.program.clone() else {
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
    let start = std::time::Instant::now();
    let outcome = m.run();
    let secs = start.elapsed().as_secs_f64();
    if let Some(msg) = outcome.message() {
        eprintln!("mimic: {msg}");
    }
    if cli.stats {
        let n = m.instret();
        eprintln!("mimic: {n} instructions in {secs:.3} s ({:.1} MIPS)", n as f64 / secs / 1e6);
    }
    Ok(outcome.exit_code())
}
