//! QEMU as a second oracle (issue 6, part 5): random bare-metal RV64GC
//! programs, generated here from a seed, assembled with Debian's
//! riscv64-unknown-elf-gcc, run in mimic (every engine) and in Debian's
//! `qemu-system-riscv64 -machine virt -bios none -kernel`; each prints a
//! digest of its final state on the UART and powers off, and the printed
//! texts must be identical.
//!
//! Pieces: `gen` picks item kinds and `int`, `mem`, `fp`, `misc` write
//! the items; `program` wraps them (prologue, loop, trap handler, digest
//! printer, data); `tools` assembles and runs QEMU; `mimic_run` runs
//! mimic through the library; `digest` names and compares outputs;
//! `check` ties them together (run, reduce, keep); `features` leaves out
//! what the QEMU at hand is known to get wrong.
//!
//! Coverage: RV64I, M, A (AMOs, LR/SC pairs, lone SCs), F and D (every
//! static rounding mode and the dynamic one, special values, NaN
//! boxing), C, Zba/Zbb/Zbc/Zbs, Zicond (when QEMU has it), fflags/frm/
//! fcsr in every CSR instruction form, forward branches and direct and
//! indirect jumps, and traps (illegal instruction, breakpoint, ecall,
//! misaligned LR/AMO/SC) through an M-mode handler.
//!
//! Left out, because the spec lets implementations differ (each module
//! names its clauses): mtval of illegal-instruction and breakpoint
//! traps (recorded as 0; priv "Machine Trap Value Register"); counters,
//! time and ID CSRs (implementation-specific values); mstatus (FS/SD may
//! be set dirty conservatively, priv "Extension Context Status in
//! mstatus Register"); WFI (may stall forever or be a no-op, priv "Wait
//! for Interrupt"); unconstrained LR/SC forms; reserved encodings; any
//! address outside RAM (the two boards' maps differ beyond the devices
//! used). Misaligned regular loads and stores are performed by QEMU 7.2,
//! so mimic runs with `--misaligned hw`.

pub mod check;
pub mod digest;
pub mod features;
pub mod fp;
pub mod gen;
pub mod int;
pub mod mem;
pub mod mimic_run;
pub mod misc;
pub mod program;
pub mod rng;
pub mod tools;
pub mod values;

pub use check::{Checked, Oracle, Runs};
pub use digest::Digest;
pub use features::Features;
pub use program::Program;
pub use tools::Tools;
