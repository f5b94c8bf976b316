//! Every test program under roms/ passes in every engine (issues #2, #3,
//! #5): the interpreter, the translator, and the translator in audit mode
//! (every block checked against the interpreter).

mod common;

use mimic::{Config, Engine};

fn cfg(engine: Engine) -> impl Fn() -> Config + Sync {
    move || Config { engine, ..Config::default() }
}

#[test]
fn isa_programs_pass_in_interpreter() {
    common::all_pass("isa", cfg(Engine::Interp));
}

#[test]
fn priv_programs_pass_in_interpreter() {
    common::all_pass("priv", cfg(Engine::Interp));
}

#[test]
fn mmu_programs_pass_in_interpreter() {
    common::all_pass("mmu", cfg(Engine::Interp));
}

#[test]
fn isa_programs_pass_in_translator() {
    common::all_pass("isa", cfg(Engine::Jit));
}

#[test]
fn priv_programs_pass_in_translator() {
    common::all_pass("priv", cfg(Engine::Jit));
}

#[test]
fn mmu_programs_pass_in_translator() {
    common::all_pass("mmu", cfg(Engine::Jit));
}

#[test]
fn isa_programs_pass_in_audit_mode() {
    common::all_pass("isa", cfg(Engine::JitAudit));
}

#[test]
fn priv_programs_pass_in_audit_mode() {
    common::all_pass("priv", cfg(Engine::JitAudit));
}

#[test]
fn mmu_programs_pass_in_audit_mode() {
    common::all_pass("mmu", cfg(Engine::JitAudit));
}
