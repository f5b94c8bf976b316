//! The `mimic` command line (clap). Everything else lives in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mimic::signature::{self, Granularity, Region};
use mimic::{parse_drive, parse_size, Bios, Config, Machine};
use mimic_cpu::Misaligned;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum EngineArg {
    /// The interpreter: the reference semantics.
    Interp,
    /// The dynamic binary translator to x86-64 (the default).
    Jit,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum MisalignedArg {
    /// Perform regular misaligned loads and stores.
    Hw,
    /// Raise address-misaligned exceptions.
    Trap,
}

/// mimic: a full-system RISC-V RV64GC emulator (QEMU virt compatible).
#[derive(Parser, Debug)]
#[command(version, about, args_conflicts_with_subcommands = true, disable_help_subcommand = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A bare-metal RV64 ELF to run in M-mode from its entry point (the
    /// riscv-tests way: HTIF tohost, start at 0x80000000).
    program: Option<PathBuf>,
    /// Kernel to boot: a RISC-V Linux Image, an RV64 ELF or a raw binary.
    #[arg(long)]
    kernel: Option<PathBuf>,
    /// Initial RAM disk (cpio, optionally compressed).
    #[arg(long)]
    initrd: Option<PathBuf>,
    /// Kernel command line.
    #[arg(long, default_value = "")]
    append: String,
    /// M-mode firmware: `builtin` (mimic's SBI, kernel starts in S-mode),
    /// `none` (kernel starts in M-mode), or a file such as OpenSBI's
    /// fw_dynamic.bin.
    #[arg(long, default_value = "builtin")]
    bios: String,
    /// A virtio disk: file=PATH[,format=raw][,readonly=on]. Repeatable; the
    /// first is /dev/vda.
    #[arg(long = "drive")]
    drives: Vec<String>,
    /// Guest RAM size (e.g. 512M, 2G, or bytes).
    #[arg(short = 'm', long = "memory", default_value = "512M")]
    memory: String,
    /// Number of harts.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64))]
    smp: u16,
    /// Write the generated device tree blob to FILE and exit.
    #[arg(long, value_name = "FILE")]
    dump_dtb: Option<PathBuf>,
    /// Stop (exit status 3) after this many instructions.
    #[arg(long)]
    max_insns: Option<u64>,
    /// How regular misaligned loads and stores behave.
    #[arg(long, value_enum, default_value = "hw")]
    misaligned: MisalignedArg,
    /// Print on exit: instructions retired (per privilege mode), guest MIPS,
    /// traps by cause, interrupts by source, TLB misses, page walks, SBI
    /// calls by extension and the translator's figures, per hart.
    #[arg(long)]
    stats: bool,
    /// Execution engine.
    #[arg(long, value_enum, default_value = "jit")]
    engine: EngineArg,
    /// Check every translated block against the interpreter; stop at the
    /// first difference (exit status 4) with the guest and host code.
    #[arg(long)]
    jit_audit: bool,
    /// Reproducible run: mtime follows the instruction count (an idle
    /// guest skips to its next timer), harts take turns on one thread,
    /// virtio-rng is seeded and the RTC starts at a fixed date. Without
    /// console input, two runs print the same output and retire the same
    /// instructions.
    #[arg(long)]
    deterministic: bool,
    /// Events to trace, comma-separated: insn (one Spike --log-commits
    /// line per retired instruction: diffs against Spike), disasm (Spike
    /// -l lines: pc, bits, disassembly), trap, mmu (page walks), dev
    /// (device register accesses), sbi (built-in SBI calls), jit
    /// (translated blocks). insn and disasm run the hart through the
    /// interpreter in every engine (the same semantics), as does a
    /// --trace-pc filter.
    #[arg(long, default_value = "")]
    trace: String,
    /// Trace only events at a pc in START-END (hex, END exclusive), e.g.
    /// 0x80000000-0x80001000.
    #[arg(long, value_name = "START-END")]
    trace_pc: Option<String>,
    /// Trace only events in these privilege modes, comma-separated: m, s, u.
    #[arg(long, value_name = "LIST")]
    trace_priv: Option<String>,
    /// Write the trace here instead of stderr.
    #[arg(long, value_name = "FILE")]
    trace_file: Option<PathBuf>,
    /// Serve the GDB remote protocol on [HOST:]PORT (127.0.0.1 unless a
    /// host is given); harts are GDB threads.
    #[arg(long, value_name = "[HOST:]PORT")]
    gdb: Option<String>,
    /// With --gdb: stop before the first instruction until GDB continues.
    #[arg(long, requires = "gdb")]
    gdb_wait: bool,
    /// At the end of the run, write the memory between the program's
    /// begin_signature and end_signature symbols to FILE (riscv-arch-test
    /// and RISCOF format, as Spike's +signature=).
    #[arg(long, value_name = "FILE")]
    signature: Option<PathBuf>,
    /// Bytes per signature line: 4 or 8.
    #[arg(long, value_name = "N", default_value = "4", value_parser = Granularity::parse)]
    signature_granularity: Granularity,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run a suite of test programs in parallel and report.
    ///
    /// Every RV64 ELF under the PATHs runs in its own machine: it passes
    /// when it reports pass through HTIF tohost or, when a
    /// NAME.reference_output lies beside it, when its signature equals
    /// that file. Prints a summary per directory; exit status 1 if any
    /// test failed, timed out or could not be run.
    Test(TestArgs),
}

#[derive(clap::Args, Debug)]
struct TestArgs {
    /// Test programs, or directories searched recursively.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Execution engine.
    #[arg(long, value_enum, default_value = "jit")]
    engine: EngineArg,
    /// Check every translated block against the interpreter.
    #[arg(long)]
    jit_audit: bool,
    /// How regular misaligned loads and stores behave.
    #[arg(long, value_enum, default_value = "hw")]
    misaligned: MisalignedArg,
    /// Time limit per test, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    timeout: f64,
    /// Write a JUnit XML report to FILE.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    /// Tests run at once (default: one per host CPU).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    jobs: Option<u16>,
    /// Instruction limit per test (a test reaching it fails).
    #[arg(long)]
    max_insns: Option<u64>,
    /// Guest RAM per test machine.
    #[arg(short = 'm', long = "memory", default_value = "512M")]
    memory: String,
    /// Harts per test machine.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64))]
    smp: u16,
}

/// Parses the command line; a usage error is one line and status 2.
fn parse() -> Cli {
    match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            let text = e.render().to_string();
            let mut lines = text.lines().filter(|l| !l.trim().is_empty());
            let mut first = lines.next().unwrap_or("invalid arguments").trim_start_matches("error: ").to_string();
            if first.ends_with(':') {
                first = format!("{first} {}", lines.next().unwrap_or("").trim());
            }
            eprintln!("mimic: {first} (see --help)");
            std::process::exit(2);
        }
    }
}

fn main() -> ExitCode {
    let mut cli = parse();
    let r = match cli.command.take() {
        Some(Command::Test(t)) => run_tests(t),
        None => run(cli),
    };
    mimic::console::restore_terminal();
    match r {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("mimic: {e}");
            ExitCode::from(2)
        }
    }
}

fn config(cli: &Cli) -> Result<Config, mimic::Error> {
    if cli.program.is_none() && cli.kernel.is_none() && cli.dump_dtb.is_none() {
        return Err(mimic::Error::Config("nothing to run: give a PROGRAM.elf or --kernel (see --help)".into()));
    }
    let bios = match cli.bios.as_str() {
        "builtin" => Bios::Builtin,
        "none" => Bios::None,
        f => Bios::File(f.into()),
    };
    Ok(Config {
        ram_size: parse_size(&cli.memory)?,
        smp: usize::from(cli.smp),
        program: cli.program.clone(),
        kernel: cli.kernel.clone(),
        initrd: cli.initrd.clone(),
        append: cli.append.clone(),
        bios,
        drives: cli.drives.iter().map(|d| parse_drive(d)).collect::<Result<_, _>>()?,
        dump_dtb: cli.dump_dtb.clone(),
        max_insns: cli.max_insns,
        misaligned: misaligned(cli.misaligned),
        console_out: None,
        console_in: cli.dump_dtb.is_none(),
        deterministic: cli.deterministic,
        engine: engine(cli.engine, cli.jit_audit)?,
        trace: trace_set(cli).map_err(mimic::Error::Config)?,
        trace_file: cli.trace_file.clone(),
    })
}

/// `--trace` with its filters.
fn trace_set(cli: &Cli) -> Result<mimic::trace::TraceSet, String> {
    use mimic::trace::TraceSet;
    let mut t = TraceSet::parse(&cli.trace)?;
    t.pc = cli.trace_pc.as_deref().map(TraceSet::parse_pc).transpose()?;
    t.privs = cli.trace_priv.as_deref().map(TraceSet::parse_privs).transpose()?.unwrap_or(0);
    if t.is_off() && (t.pc.is_some() || t.privs != 0) {
        return Err("--trace-pc and --trace-priv filter traced events: give --trace too".into());
    }
    Ok(t)
}

fn engine(e: EngineArg, audit: bool) -> Result<mimic::Engine, mimic::Error> {
    Ok(match (e, audit) {
        (EngineArg::Interp, false) => mimic::Engine::Interp,
        (EngineArg::Jit, false) => mimic::Engine::Jit,
        (EngineArg::Jit, true) => mimic::Engine::JitAudit,
        (EngineArg::Interp, true) => {
            return Err(mimic::Error::Config("--jit-audit checks the translator; it cannot be used with --engine interp".into()))
        }
    })
}

fn misaligned(m: MisalignedArg) -> Misaligned {
    match m {
        MisalignedArg::Hw => Misaligned::Hw,
        MisalignedArg::Trap => Misaligned::Trap,
    }
}

/// `mimic test PATH...`.
fn run_tests(t: TestArgs) -> Result<i32, mimic::Error> {
    if !(t.timeout > 0.0 && t.timeout < 1e9) {
        return Err(mimic::Error::Config(format!("--timeout {}: give a positive number of seconds", t.timeout)));
    }
    let defaults = mimic::suite::Options::default();
    let opts = mimic::suite::Options {
        engine: engine(t.engine, t.jit_audit)?,
        misaligned: misaligned(t.misaligned),
        timeout: std::time::Duration::from_secs_f64(t.timeout),
        jobs: t.jobs.map_or(defaults.jobs, usize::from),
        max_insns: t.max_insns,
        ram_size: parse_size(&t.memory)?,
        smp: usize::from(t.smp),
        progress: true,
    };
    mimic::suite::main(&t.paths, &opts, t.junit.as_deref())
}

/// The signature file and region (`--signature`), checked before the run.
fn signature_region(cli: &Cli) -> Result<Option<(PathBuf, Region)>, mimic::Error> {
    let Some(file) = &cli.signature else { return Ok(None) };
    let Some(prog) = &cli.program else {
        return Err(mimic::Error::Config("--signature needs a PROGRAM.elf with begin_signature/end_signature symbols".into()));
    };
    Ok(Some((file.clone(), Region::locate(prog)?)))
}

fn run(cli: Cli) -> Result<i32, mimic::Error> {
    let cfg = config(&cli)?;
    let sig = signature_region(&cli)?;
    let mut m = Machine::build(cfg)?;
    if let Some(p) = &cli.dump_dtb {
        std::fs::write(p, &m.dtb).map_err(|e| mimic::Error::Config(format!("{}: {e}", p.display())))?;
        return Ok(0);
    }
    let gdb = match &cli.gdb {
        Some(addr) => Some(mimic::gdb::start(&mut m, &mimic::gdb::Options { addr: mimic::gdb::parse_addr(addr)?, wait: cli.gdb_wait })?),
        None => None,
    };
    let start = std::time::Instant::now();
    let outcome = m.run();
    gdb.iter().for_each(|g| g.finish());
    let secs = start.elapsed().as_secs_f64();
    m.flush();
    mimic::console::restore_terminal();
    if let Some(msg) = outcome.message() {
        eprintln!("mimic: {msg}");
    }
    if let Some((file, region)) = &sig {
        signature::write(file, &region.dump(m.ram(), cli.signature_granularity)?)?;
    }
    if cli.stats {
        print_stats(&m, secs);
    }
    Ok(outcome.exit_code())
}

/// `--stats`: totals (the first line's format is what scripts/bench.sh
/// parses), then each hart's counters and its translator's figures.
fn print_stats(m: &Machine, secs: f64) {
    let n = m.instret();
    eprintln!("mimic: {n} instructions in {secs:.3} s ({:.1} MIPS)", n as f64 / secs / 1e6);
    if m.harts.len() > 1 {
        for l in mimic::stats::total_lines(&m.harts) {
            eprintln!("mimic: total: {l}");
        }
    }
    for (h, e) in m.harts.iter().zip(&m.engines) {
        for l in mimic::stats::hart_lines(h).into_iter().chain(e.stats_lines()) {
            eprintln!("mimic: hart {}: {l}", h.id);
        }
    }
}
