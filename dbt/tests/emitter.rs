//! Emitter tests (DESIGN.md §6): sequences assembled by the translator's
//! emit functions into a Vec with dynasmrt, disassembled with iced-x86 and
//! compared with the expected text, covering the x86-64 encoding edge
//! cases the translator relies on: r12 and r13 as registers and bases
//! (r12 needs a SIB byte, r13 a displacement), disp8 versus disp32 guest
//! register slots, and imm32 versus imm64 constants.

use dynasmrt::{dynasm, DynasmApi, VecAssembler};
use iced_x86::{Decoder, DecoderOptions, Formatter, GasFormatter};
use mimic_dbt::emit::{load_imm, set_pc, store_back, Asm};
use mimic_dbt::regalloc::Dirty;

const BASE: u64 = 0x7000_0000;

fn text(code: &[u8]) -> Vec<String> {
    let mut dec = Decoder::with_ip(64, code, BASE, DecoderOptions::NONE);
    let mut fmt = GasFormatter::new();
    let mut out = Vec::new();
    for i in &mut dec {
        let mut s = String::new();
        fmt.format(&i, &mut s);
        out.push(s);
    }
    out
}

fn assemble(f: impl FnOnce(&mut Asm)) -> Vec<String> {
    let mut ops: Asm = VecAssembler::new(BASE as usize);
    f(&mut ops);
    text(&ops.finalize().expect("assembles"))
}

#[test]
fn guest_register_slots_use_disp8_then_disp32() {
    // x1 is at rbx+8 (disp8); x16 at rbx+0x80 needs disp32.
    let t = assemble(|o| {
        let d = |guest, host| Dirty { guest, host, narrow: false };
        store_back(o, d(1, 12));
        store_back(o, d(15, 13));
        store_back(o, d(16, 5));
        store_back(o, d(31, 15));
        // A Narrow value is sign-extended from its low word first.
        store_back(o, Dirty { narrow: true, ..d(2, 13) });
    });
    assert_eq!(
        t,
        ["mov %r12,8(%rbx)", "mov %r13,0x78(%rbx)", "mov %rbp,0x80(%rbx)", "mov %r15,0xF8(%rbx)", "movslq %r13d,%r13", "mov %r13,0x10(%rbx)"]
    );
}

#[test]
fn r12_and_r13_as_bases() {
    let t = assemble(|o| {
        dynasm!(o
            ; mov rax, QWORD [r12]
            ; mov rax, QWORD [r13]
            ; lea rax, [r12 + 0x10]
            ; lea rax, [r13 - 0x800]
            ; mov QWORD [r12 + rcx], rdx
            ; mov QWORD [r13 + rcx * 8 + 4], rdx
        );
    });
    assert_eq!(
        t,
        [
            "mov (%r12),%rax",
            "mov (%r13),%rax",
            "lea 0x10(%r12),%rax",
            "lea -0x800(%r13),%rax",
            "mov %rdx,(%r12,%rcx)",
            "mov %rdx,4(%r13,%rcx,8)",
        ]
    );
}

#[test]
fn r12_needs_a_sib_byte_and_r13_a_zero_displacement() {
    let mut ops: Asm = VecAssembler::new(BASE as usize);
    dynasm!(ops ; mov rax, QWORD [r12] ; mov rax, QWORD [r13]);
    let code = ops.finalize().unwrap();
    assert_eq!(code, [0x49, 0x8b, 0x04, 0x24, 0x49, 0x8b, 0x45, 0x00]);
}

#[test]
fn constants_pick_the_shortest_encoding() {
    let t = assemble(|o| {
        load_imm(o, 0, 0);
        load_imm(o, 12, 0x7fff_ffff);
        load_imm(o, 13, 0x8000_0000);
        load_imm(o, 5, -1);
        load_imm(o, 14, -0x8000_0000);
        load_imm(o, 15, 0x1_0000_0000);
    });
    assert_eq!(
        t,
        [
            "xor %eax,%eax",
            "mov $0x7FFFFFFF,%r12d",
            "mov $0x80000000,%r13d",
            "mov $0xFFFFFFFFFFFFFFFF,%rbp",
            "mov $0xFFFFFFFF80000000,%r14",
            "movabs $0x100000000,%r15",
        ]
    );
}

#[test]
fn pc_stores_use_imm32_when_it_sign_extends() {
    let t = assemble(|o| {
        set_pc(o, 0x8000_1000);
        set_pc(o, 0xffff_ffff_8000_2000);
        set_pc(o, 0x7fff_f000);
    });
    assert_eq!(t[0], "movabs $0x80001000,%rcx");
    assert_eq!(t[1], "mov %rcx,0x200(%rbx)");
    assert_eq!(t[2], "movq $0xFFFFFFFF80002000,0x200(%rbx)");
    assert_eq!(t[3], "movq $0x7FFFF000,0x200(%rbx)");
}

#[test]
fn imm8_and_imm32_alu_forms() {
    let t = assemble(|o| {
        dynasm!(o
            ; add r12, 5
            ; add r12, 0x1000
            ; sub QWORD [rbx + 0x210], 0x40
            ; sub QWORD [rbx + 0x210], 0x400
            ; and ecx, 0x7fe0
        );
    });
    assert_eq!(t, ["add $5,%r12", "add $0x1000,%r12", "subq $0x40,0x210(%rbx)", "subq $0x400,0x210(%rbx)", "and $0x7FE0,%ecx"]);
}
