//! Every test program under roms/ passes in the interpreter (issue #2).

mod common;

use mimic::Config;

#[test]
fn isa_programs_pass_in_interpreter() {
    common::all_pass("isa", Config::default);
}

#[test]
fn mmu_programs_pass_in_interpreter() {
    common::all_pass("mmu", Config::default);
}

#[test]
fn priv_programs_pass_in_interpreter() {
    common::all_pass("priv", Config::default);
}
