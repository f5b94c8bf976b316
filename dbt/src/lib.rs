//! mimic's dynamic binary translator: RISC-V blocks to x86-64 (DESIGN.md §3, §4).

pub mod audit;
pub mod block;
pub mod cache;
pub mod code_memory;
pub mod emit;
pub mod engine;
pub mod fpu;
pub mod group;
pub mod layout;
pub mod lower;
pub mod mem;
pub mod regalloc;
pub mod rotate;
pub mod runtime;
pub mod slow;

pub use engine::Jit;
