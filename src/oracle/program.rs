//! A whole test program as assembly text: a prologue that installs the
//! trap handler and loads every x and f register and fcsr from tables,
//! the random body (run `iterations` times), and an epilogue that prints
//! the digest on the UART and powers off.
//!
//! ```text
//! 0x8000_0000  .text   _start: prologue, body, loop control, digest
//!                      printing (`putwords`), trap handler
//! (4 KiB up)   .data   ctl    +0     control words (CTL_*)
//!                      save   +128   x0..x31, f0..f31, fcsr, trap count
//!                      data   +1024  DATA_SIZE bytes      <- sp
//!                                    (middle of data)     <- s0
//!                      initx  +2048  x register values
//!                      initf  +2304  f register values
//!                      log    +4096  trap records: mcause, mepc, mtval
//! ```
//!
//! Digest (one 16-digit hex word per line, in this order): x0..x31,
//! f0..f31, fcsr, the number of traps, three words per recorded trap,
//! the data area, and last a word that is not compared: minstret's
//! advance from the prologue to the digest (instructions the random part
//! retired, for statistics; QEMU's minstret does not count instructions
//! without -icount). See `digest.rs`.
//!
//! Invariants: nothing in the body writes sp (x2) or s0 (x8); the
//! handler preserves every register (it swaps t6 with mscratch, which
//! holds `ctl`, and saves t3-t5 there) and FP state; mtval is recorded as
//! 0 for illegal-instruction and breakpoint traps, where the spec lets an
//! implementation write either 0 or the instruction bits / the pc (priv
//! §3.1.16 "Machine Trap Value Register"). UART: ns16550 THR at
//! 0x1000_0000, polled on LSR.THRE; power off: 0x5555 to the sifive,test
//! device at 0x10_0000 (both QEMU virt addresses).

use std::fmt::Write;

use super::gen::{self, Item};
use super::rng::Rng;
use super::values;
use super::Features;

/// Bytes in the data area loads, stores and atomics touch.
pub const DATA_SIZE: u64 = 1024;
/// Where s0 points inside the data area (sp points at its start).
pub const S0_OFFSET: u64 = 512;
/// The data area's offset in `.data` (after the control and save areas).
const DATA_IN_SECTION: i64 = 1024;
/// s0-relative offsets of the control words and the save area.
const CTL: i64 = -(DATA_IN_SECTION + S0_OFFSET as i64);
const SAVE: i64 = CTL + 128;
/// Control words, as offsets from `ctl`: the iterations left, a spill
/// slot for t0 (loop control), t3-t5 (the handler's, at 16..40), the
/// trap count, the log pointer, the log's end, and minstret at the
/// start (then the difference).
const CTL_ITER: i64 = 0;
const CTL_T0: i64 = 8;
const CTL_NTRAPS: i64 = 40;
const CTL_LOGPTR: i64 = 48;
const CTL_INSTRET: i64 = 64;
/// Words printed from the save area: 32 x, 32 f, fcsr, trap count.
pub const SAVED_WORDS: usize = 66;

/// A generated program.
#[derive(Clone, Debug)]
pub struct Program {
    /// The seed (or, for a fixed body, the seed of the initial state).
    pub seed: u64,
    pub items: Vec<Item>,
    pub iterations: u32,
    /// The assembly source (also the listing shown on a disagreement).
    pub source: String,
}

impl Program {
    /// The random program `seed` with `n` items, run `iterations` times.
    pub fn generate(seed: u64, features: &Features, n: usize, iterations: u32) -> Program {
        let items = (0..n).map(|i| gen::item(seed, features, i, n)).collect();
        Program::from_items(seed, items, iterations)
    }

    /// A program around a fixed body of assembly lines (a reproducer),
    /// run once, with the initial state of `seed`.
    pub fn from_body(seed: u64, body: &str) -> Program {
        let lines = body.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        Program::from_items(seed, vec![Item::new(gen::Kind::Fixed, lines)], 1)
    }

    /// A program around given items (initial state from `seed`).
    pub fn from_items(seed: u64, items: Vec<Item>, iterations: u32) -> Program {
        let source = source(seed, &items, iterations);
        Program { seed, items, iterations, source }
    }
}

fn source(seed: u64, items: &[Item], iterations: u32) -> String {
    let mut r = Rng::stream(seed, 0);
    let mut s = String::new();
    let _ = writeln!(s, "# mimic QEMU-oracle program: seed {seed}, {} items, {iterations} iterations", items.len());
    s.push_str(".option norvc\n.section .text.init\n.globl _start\n_start:\n");
    prologue(&mut s, &mut r);
    s.push_str(".Lbody_start:\n");
    for (i, it) in items.iter().enumerate() {
        let _ = writeln!(s, "{}:  # {:?}", gen::label(i), it.kind);
        for l in &it.lines {
            let _ = writeln!(s, "    {l}");
        }
    }
    let _ = writeln!(s, "{}:", gen::END);
    epilogue(&mut s);
    s.push_str(HANDLER);
    s.push_str(PUTWORDS);
    data(&mut s, &mut r, items.len(), iterations);
    s
}

fn prologue(s: &mut String, r: &mut Rng) {
    let fcsr = r.below(5) << 5 | r.below(32);
    let _ = write!(
        s,
        "    csrr t1, minstret\n    la t0, ctl\n    sd t1, {CTL_INSTRET}(t0)\n    la t0, handler\n    csrw mtvec, t0\n    la t0, ctl\n    csrw mscratch, t0\n    li t0, 1 << 13  # mstatus.FS = Initial\n    csrs mstatus, t0\n    li t0, {fcsr:#x}\n    csrw fcsr, t0\n    la t0, initf\n"
    );
    for f in 0..32 {
        let _ = writeln!(s, "    fld f{f}, {}(t0)", 8 * f);
    }
    s.push_str("    la t6, initx\n");
    for x in (1..31).filter(|&x| x != 2 && x != 8) {
        let _ = writeln!(s, "    ld x{x}, {}(t6)", 8 * x);
    }
    s.push_str("    la sp, data\n    la s0, data + 512\n    ld t6, 248(t6)\n");
}

/// Loop control, then the digest: save everything, print, power off.
fn epilogue(s: &mut String) {
    let _ = writeln!(
        s,
        "    sd t0, {t0}(s0)\n    ld t0, {it}(s0)\n    addi t0, t0, -1\n    sd t0, {it}(s0)\n    beqz t0, .Ldone\n    ld t0, {t0}(s0)\n    j .Lbody_start\n.Ldone:\n    ld t0, {t0}(s0)",
        t0 = CTL + CTL_T0,
        it = CTL + CTL_ITER
    );
    for x in 1..32 {
        let _ = writeln!(s, "    sd x{x}, {}(s0)", SAVE + 8 * x);
    }
    for f in 0..32 {
        let _ = writeln!(s, "    fsd f{f}, {}(s0)", SAVE + 256 + 8 * f);
    }
    let _ = write!(
        s,
        "    frcsr t0\n    sd t0, {}(s0)\n    ld t0, {}(s0)\n    sd t0, {}(s0)\n",
        SAVE + 512,
        CTL + CTL_NTRAPS,
        SAVE + 520
    );
    let _ = write!(
        s,
        "    csrr t0, minstret\n    ld t1, {ir}(s0)\n    sub t0, t0, t1\n    sd t0, {ir}(s0)\n    addi a0, s0, {SAVE}\n    li a1, {SAVED_WORDS}\n    call putwords\n    la a0, log\n    ld a1, {}(s0)\n    sub a1, a1, a0\n    srli a1, a1, 3\n    call putwords\n    addi a0, s0, -{S0_OFFSET}\n    li a1, {}\n    call putwords\n    addi a0, s0, {ir}\n    li a1, 1\n    call putwords\n    li t0, 0x100000\n    li t1, 0x5555\n    sw t1, 0(t0)\n1:  j 1b\n",
        CTL + CTL_LOGPTR,
        DATA_SIZE / 8,
        ir = CTL + CTL_INSTRET,
    );
}

/// The M-mode trap handler (see the module note).
/// (mtvec needs it 4-byte aligned; padding after a compressed
/// instruction needs RVC on.)
const HANDLER: &str = "
    .option rvc
    .balign 4
    .option norvc
handler:
    csrrw t6, mscratch, t6
    sd t3, 16(t6)
    sd t4, 24(t6)
    sd t5, 32(t6)
    ld t5, 40(t6)
    addi t5, t5, 1
    sd t5, 40(t6)
    ld t5, 48(t6)
    ld t4, 56(t6)
    bgeu t5, t4, 1f
    csrr t4, mcause
    sd t4, 0(t5)
    csrr t3, mepc
    sd t3, 8(t5)
    addi t4, t4, -2
    sltiu t4, t4, 2
    addi t4, t4, -1
    csrr t3, mtval
    and t3, t3, t4
    sd t3, 16(t5)
    addi t5, t5, 24
    sd t5, 48(t6)
1:  csrr t4, mepc
    lhu t5, 0(t4)
    andi t5, t5, 3
    addi t4, t4, 2
    addi t5, t5, -3
    bnez t5, 2f
    addi t4, t4, 2
2:  csrw mepc, t4
    ld t3, 16(t6)
    ld t4, 24(t6)
    ld t5, 32(t6)
    csrrw t6, mscratch, t6
    mret
";

/// putwords(a0 = address, a1 = count): each doubleword as 16 hex digits
/// and a newline on the UART.
const PUTWORDS: &str = "
putwords:
    beqz a1, 3f
    ld a2, 0(a0)
    li t0, 60
    li t3, 0x10000000
1:  srl t1, a2, t0
    andi t1, t1, 15
    addi t1, t1, 48
    li t2, 58
    blt t1, t2, 2f
    addi t1, t1, 39
2:  lbu t4, 5(t3)
    andi t4, t4, 0x20
    beqz t4, 2b
    sb t1, 0(t3)
    addi t0, t0, -4
    bgez t0, 1b
4:  lbu t4, 5(t3)
    andi t4, t4, 0x20
    beqz t4, 4b
    li t1, 10
    sb t1, 0(t3)
    addi a0, a0, 8
    addi a1, a1, -1
    j putwords
3:  ret
";

/// Trap records the log holds (more traps are counted, not recorded).
pub fn trap_capacity(items: usize, iterations: u32) -> usize {
    2 * items * iterations as usize + 64
}

fn dwords(s: &mut String, label: &str, v: impl IntoIterator<Item = u64>) {
    let _ = writeln!(s, "    .align 3\n{label}:");
    for (i, w) in v.into_iter().enumerate() {
        let _ = write!(s, "{}{w:#x}", if i % 4 == 0 { "\n    .dword " } else { ", " });
    }
    s.push('\n');
}

fn data(s: &mut String, r: &mut Rng, items: usize, iterations: u32) {
    let cap = trap_capacity(items, iterations);
    s.push_str("\n    .data\n    .align 12\nctl:\n");
    let _ = writeln!(s, "    .dword {iterations}, 0, 0, 0, 0, 0, log, log + {}, 0", cap * 24);
    let _ = writeln!(s, "    .zero {DATA_IN_SECTION} - 72");
    let bytes: Vec<u64> = (0..DATA_SIZE / 8).map(|_| if r.one_in(4) { values::int(r) } else { r.next_u64() }).collect();
    dwords(s, "data", bytes);
    let xs: Vec<u64> = (0..32).map(|_| values::int(r)).collect();
    dwords(s, "initx", xs);
    let fs: Vec<u64> = (0..32).map(|_| values::freg(r)).collect();
    dwords(s, "initf", fs);
    let _ = writeln!(s, "    .align 12\nlog:\n    .zero {}", cap * 24);
}
