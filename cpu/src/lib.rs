//! mimic's RISC-V hart (RV64IMAFDC + Zicsr, Zifencei, Zba, Zbb, Zbc, Zbs,
//! Zicond, Zicbom, Zicboz, Zihintpause, Sstc, Svadu; M/S/U).
//!
//! - [`isa`]: the one decoder (`Insn`), the encoder and the disassembler;
//! - [`exec`]: THE semantics; [`interp`]: the interpreter loop around it;
//! - [`csr`]: CSR state and the one access path; [`trap`]: the one trap
//!   entry; [`hart`]: the state layout the translator addresses.

#![forbid(unsafe_code)]

pub mod control;
pub mod csr;
pub mod debug;
mod debug_access;
pub mod exec;
pub mod firmware;
pub mod hart;
pub mod interp;
pub mod isa;
mod mem;
pub mod smp;
pub mod stats;
pub mod trace;
pub mod trap;

pub use hart::{AuditLog, Hart, HartConfig, Misaligned, Wiring};
pub use isa::{decode, Decoded, Insn};
pub use mmu;
pub use trap::{Cause, Exception, Interrupt, Trap};
