//! Loads and stores with the inline soft-TLB probe (DESIGN.md §4):
//!
//! ```text
//! lea  rax, [base + imm]          ; va (va = base itself when imm = 0)
//! mov  rcx, va ; shr rcx, 7 ; and ecx, INDEX_MASK      ; set index * 32
//! add  rcx, [rbx + TLB_SETS]          ; the entries live on the heap
//! mov  rdx, va ; and rdx, PAGE_MASK | (size - 1)       ; alignment folded in
//! xor  rdx, [rbx + epoch of set]      ; see mmu::tlb on epochs
//! cmp  rdx, [rcx + set + tag]         ; jne cold
//! mov  rcx, [rcx + set + addend]
//! mov  dst, [va + rcx]                ; host address = va + addend
//! ```
//!
//! A miss goes to a few bytes of cold code calling the shared slow-path
//! stub with this access's descriptor (see `slow`): the helper performs
//! the access through `Hart::load`/`store` (walk, refill, MMIO,
//! misaligned, faults); on a trap, or after an access that wrote
//! translated code or needs the run loop, the block is left, otherwise
//! execution resumes after the access.

use cpu::csr::bits::MSTATUS_FS;
use cpu::isa::{I, S};

/// The upper half of a NaN-boxed single (20.2).
const NAN_BOX: u64 = 0xffff_ffff_0000_0000;
use dynasmrt::{dynasm, DynamicLabel, DynasmApi, DynasmLabelApi};

use crate::emit::{Emitter, Val};
use crate::layout::reg::{RAX, RDX};
use crate::group::{Role, Tags};
use crate::regalloc::Form;
use crate::layout::{freg, tlb_epoch, tlb_set, ADDEND, GROUP, MSTATUS, TAG_R, TAG_W, TLB_INDEX_MASK, TLB_SETS};
use crate::lower::{Flow, Lower};
use crate::slow::{SlowDesc, NARROW, NONE};

/// The tag mask of a `size`-byte access: page number plus the low bits
/// that must be zero for an aligned access.
fn tag_mask(size: u8) -> i32 {
    (!0xfffu64 | u64::from(size - 1)) as i64 as i32
}

/// The host register already holding the va of `base + imm`: the base
/// itself when the offset is 0 (no copy into rax in hot code).
fn va_reg(base: Val, imm: i32) -> Option<u8> {
    match base {
        Val::Reg(r) if imm == 0 => Some(r),
        _ => None,
    }
}

/// rax = effective address of `base + imm` for an already read base.
fn address_of(e: &mut Emitter, base: Val, imm: i32) {
    match base {
        Val::Reg(r) if imm == 0 => dynasm!(e.ops ; mov rax, Rq(r)),
        Val::Reg(r) => dynasm!(e.ops ; lea rax, [Rq(r) + imm]),
        Val::Zero => crate::emit::load_imm(&mut e.ops, RAX, i64::from(imm)),
    }
}

/// The probe of TLB set `s` for the va in host register `va`: on a hit
/// rcx holds the addend; on a miss jumps to `cold`.
fn probe(e: &mut Emitter, s: usize, tag: i32, size: u8, va: u8, cold: dynasmrt::DynamicLabel) {
    probe_tags(e, s, &[tag], size, va, cold);
}

/// The probe, hitting only if every tag of `tags` matches (a group with
/// loads and stores needs both the read and the write tag).
fn probe_tags(e: &mut Emitter, s: usize, tags: &[i32], size: u8, va: u8, cold: dynasmrt::DynamicLabel) {
    let mask = tag_mask(size);
    let (set, epoch) = (tlb_set(s), tlb_epoch(s));
    dynasm!(e.ops
        ; mov rcx, Rq(va)
        ; shr rcx, 7
        ; and ecx, TLB_INDEX_MASK as i32
        ; add rcx, QWORD [rbx + TLB_SETS]
        ; mov rdx, Rq(va)
        ; and rdx, mask
        ; xor rdx, QWORD [rbx + epoch]
    );
    for &tag in tags {
        dynasm!(e.ops ; cmp rdx, QWORD [rcx + set + tag] ; jne =>cold);
    }
    dynasm!(e.ops ; mov rcx, QWORD [rcx + set + ADDEND]);
}

/// Emits `dst = load(va + rcx)` with the width and extension wanted.
fn host_load(e: &mut Emitter, va: u8, dst: u8, size: u8, signed: bool) {
    let o = &mut e.ops;
    match (size, signed) {
        (1, true) => dynasm!(o ; movsx Rq(dst), BYTE [Rq(va) + rcx]),
        (1, false) => dynasm!(o ; movzx Rd(dst), BYTE [Rq(va) + rcx]),
        (2, true) => dynasm!(o ; movsx Rq(dst), WORD [Rq(va) + rcx]),
        (2, false) => dynasm!(o ; movzx Rd(dst), WORD [Rq(va) + rcx]),
        (4, true) => dynasm!(o ; movsxd Rq(dst), DWORD [Rq(va) + rcx]),
        (4, false) => dynasm!(o ; mov Rd(dst), DWORD [Rq(va) + rcx]),
        _ => dynasm!(o ; mov Rq(dst), QWORD [Rq(va) + rcx]),
    }
}

/// The slow-path descriptor of the access at `l`.
fn descriptor(l: &Lower<'_>, size: u8, signed: bool, dest: u8, rd: u8) -> SlowDesc {
    let mut d = SlowDesc {
        pc: l.pc,
        next: l.next,
        back: crate::lower::give_back(l) as u32,
        size,
        signed: u8::from(signed),
        dest,
        rd,
        ndirty: 0,
        dirty: [[0; 2]; 11],
    };
    l.e.ra.each_dirty(|r| {
        d.dirty[usize::from(d.ndirty)] = [r.guest, r.host | if r.narrow { NARROW } else { 0 }];
        d.ndirty += 1;
    });
    d
}

/// The per-access cold code: descriptor in rdx, call the shared stub,
/// leave or resume.
fn cold_call(e: &mut Emitter, cold: DynamicLabel, resume: DynamicLabel, stub: usize, desc: SlowDesc, store_src: Option<Val>, live: u8) {
    e.bind(cold);
    match store_src {
        Some(Val::Reg(r)) => dynasm!(e.ops ; mov rcx, Rq(r)),
        Some(Val::Zero) => dynasm!(e.ops ; xor ecx, ecx),
        None => {}
    }
    let (data, leave) = (e.label(), e.leave());
    dynasm!(e.ops
        ; lea rdx, [=>data]
        ; call extern stub
        ; test eax, eax
        ; jnz =>leave
    );
    clear_slots(e, live);
    dynasm!(e.ops ; jmp =>resume);
    e.data(data, desc);
}

/// What an integer access does with memory once its host address is known.
#[derive(Clone, Copy, Debug)]
enum Op {
    Load { dst: u8, size: u8, signed: bool },
    Store { src: Val, size: u8 },
    /// flw/fld into f[f] (NaN-boxed, FS set Dirty).
    FLoad { f: u8, size: u8 },
    /// fsw/fsd of f[f].
    FStore { f: u8, size: u8 },
}

impl Op {
    fn size(self) -> u8 {
        match self {
            Op::Load { size, .. } | Op::Store { size, .. } | Op::FLoad { size, .. } | Op::FStore { size, .. } => size,
        }
    }

    fn tag(self) -> i32 {
        match self {
            Op::Load { .. } | Op::FLoad { .. } => TAG_R,
            Op::Store { .. } | Op::FStore { .. } => TAG_W,
        }
    }

    /// The access at [va + rcx] (va + addend).
    fn at_va_rcx(self, e: &mut Emitter, va: u8) {
        match self {
            Op::Load { dst, size, signed } => host_load(e, va, dst, size, signed),
            Op::Store { src, size } => host_store(e, va, src, size),
            Op::FLoad { f, size: 8 } => {
                dynasm!(e.ops ; mov rdx, QWORD [Rq(va) + rcx]);
                fp_loaded(e, f, 8);
            }
            Op::FLoad { f, .. } => {
                dynasm!(e.ops ; mov edx, DWORD [Rq(va) + rcx]);
                fp_loaded(e, f, 4);
            }
            Op::FStore { f, size: 8 } => dynasm!(e.ops ; mov rdx, QWORD [rbx + freg(f)] ; mov QWORD [Rq(va) + rcx], rdx),
            Op::FStore { f, .. } => dynasm!(e.ops ; mov edx, DWORD [rbx + freg(f)] ; mov DWORD [Rq(va) + rcx], edx),
        }
    }

    /// The access at [rcx + disp] (a group slot's host address).
    fn at_rcx(self, e: &mut Emitter, disp: i32) {
        let o = &mut e.ops;
        match self {
            Op::FLoad { f, size: 8 } => {
                dynasm!(o ; mov rdx, QWORD [rcx + disp]);
                fp_loaded(e, f, 8);
            }
            Op::FLoad { f, .. } => {
                dynasm!(o ; mov edx, DWORD [rcx + disp]);
                fp_loaded(e, f, 4);
            }
            Op::FStore { f, size: 8 } => dynasm!(o ; mov rdx, QWORD [rbx + freg(f)] ; mov QWORD [rcx + disp], rdx),
            Op::FStore { f, .. } => dynasm!(o ; mov edx, DWORD [rbx + freg(f)] ; mov DWORD [rcx + disp], edx),
            Op::Load { dst, size: 1, signed: true } => dynasm!(o ; movsx Rq(dst), BYTE [rcx + disp]),
            Op::Load { dst, size: 1, signed: false } => dynasm!(o ; movzx Rd(dst), BYTE [rcx + disp]),
            Op::Load { dst, size: 2, signed: true } => dynasm!(o ; movsx Rq(dst), WORD [rcx + disp]),
            Op::Load { dst, size: 2, signed: false } => dynasm!(o ; movzx Rd(dst), WORD [rcx + disp]),
            Op::Load { dst, size: 4, signed: true } => dynasm!(o ; movsxd Rq(dst), DWORD [rcx + disp]),
            Op::Load { dst, size: 4, signed: false } => dynasm!(o ; mov Rd(dst), DWORD [rcx + disp]),
            Op::Load { dst, .. } => dynasm!(o ; mov Rq(dst), QWORD [rcx + disp]),
            Op::Store { src: Val::Reg(r), size: 1 } => dynasm!(o ; mov BYTE [rcx + disp], Rb(r)),
            Op::Store { src: Val::Reg(r), size: 2 } => dynasm!(o ; mov WORD [rcx + disp], Rw(r)),
            Op::Store { src: Val::Reg(r), size: 4 } => dynasm!(o ; mov DWORD [rcx + disp], Rd(r)),
            Op::Store { src: Val::Reg(r), .. } => dynasm!(o ; mov QWORD [rcx + disp], Rq(r)),
            Op::Store { src: Val::Zero, size: 1 } => dynasm!(o ; mov BYTE [rcx + disp], 0),
            Op::Store { src: Val::Zero, size: 2 } => dynasm!(o ; mov WORD [rcx + disp], 0),
            Op::Store { src: Val::Zero, size: 4 } => dynasm!(o ; mov DWORD [rcx + disp], 0),
            Op::Store { src: Val::Zero, .. } => dynasm!(o ; mov QWORD [rcx + disp], 0),
        }
    }

    fn store_src(self) -> Option<Val> {
        match self {
            Op::Store { src, .. } => Some(src),
            _ => None,
        }
    }
}

/// f[f] = rdx as loaded (`size` 4: NaN-boxed), and mstatus.FS = Dirty.
fn fp_loaded(e: &mut Emitter, f: u8, size: u8) {
    if size == 4 {
        dynasm!(e.ops ; mov rcx, QWORD NAN_BOX as i64 ; or rdx, rcx);
    }
    dynasm!(e.ops
        ; mov QWORD [rbx + freg(f)], rdx
        ; or QWORD [rbx + MSTATUS], MSTATUS_FS as i32
    );
}

/// How an access's TLB miss is served.
enum Slow {
    /// The shared slow-path stub with this access's descriptor.
    Stub { stub: usize, desc: SlowDesc },
    /// `helper_exec` runs the instruction (F/D loads and stores).
    Exec(ExecSlow),
}

/// What a `helper_exec` slow path needs (an F/D access's, an inline
/// F/D compare's).
pub struct ExecSlow {
    pub snap: crate::emit::Snapshot,
    pub pc: u64,
    pub dec: i64,
    pub give_back: i64,
    /// (guest, host) of an x register the instruction writes, reloaded
    /// from memory afterwards.
    pub rd: Option<(u8, u8)>,
}

/// Everything the cold code of one access needs (all plain values: cold
/// code is emitted after the block's hot code).
struct Access {
    op: Op,
    base: u8,
    imm: i32,
    dset: usize,
    slow: Slow,
    live: u8,
}

impl Access {
    /// The ordinary access in cold code (a group member whose slot is
    /// empty, a leader whose check failed): address, probe, access, back
    /// to `resume`; a miss takes the slow path.
    fn plain(self, e: &mut Emitter, resume: DynamicLabel) {
        let miss = e.label();
        let base = Val::Reg(self.base);
        probed(e, base, self.imm, self.op, self.dset, miss);
        dynasm!(e.ops ; jmp =>resume);
        slow_path(e, miss, resume, self.slow, self.op, self.live, va_reg(base, self.imm));
    }
}

/// The access with its own probe: the va (in the base register, or
/// computed into rax), the TLB probe (a miss jumps to `miss`), the access
/// at [va + rcx].
fn probed(e: &mut Emitter, base: Val, imm: i32, op: Op, dset: usize, miss: DynamicLabel) {
    let va = va_reg(base, imm).unwrap_or_else(|| {
        address_of(e, base, imm);
        RAX
    });
    probe(e, dset, op.tag(), op.size(), va, miss);
    op.at_va_rcx(e, va);
}

/// The slow path of an access at `miss`, back to `resume`: the stubs take
/// the va in rax, copied there first when the probe used the base
/// register (`va_in`).
fn slow_path(e: &mut Emitter, miss: DynamicLabel, resume: DynamicLabel, slow: Slow, op: Op, live: u8, va_in: Option<u8>) {
    let miss = match va_in {
        Some(r) => {
            e.bind(miss);
            dynasm!(e.ops ; mov rax, Rq(r));
            e.label()
        }
        None => miss,
    };
    match slow {
        Slow::Stub { stub, desc } => cold_call(e, miss, resume, stub, desc, op.store_src(), live),
        Slow::Exec(x) => exec_slow(e, miss, resume, x, live),
    }
}

/// Zeroes the live group slots (after a call that may have served other
/// harts' requests: a remote fence, a write-tag shootdown).
fn clear_slots(e: &mut Emitter, live: u8) {
    for s in (0..crate::group::SLOTS).filter(|s| live & 1 << s != 0) {
        dynasm!(e.ops ; mov QWORD [rbx + GROUP + 8 * s as i32], 0);
    }
}

/// A load of `size` bytes into rd.
pub fn load(l: &mut Lower<'_>, i: I, size: u8, signed: bool) -> Flow {
    let base = l.e.read(i.rs1, &[]);
    let pinned = crate::lower::pins(&[base]);
    // x0 loads still access memory (and may fault): the value goes to rdx.
    let dst = if i.rd == 0 { RDX } else { l.e.write(i.rd, &pinned) };
    let desc = descriptor(l, size, signed, if i.rd == 0 { NONE } else { dst }, i.rd);
    let slow = Slow::Stub { stub: l.e.slow.load, desc };
    access(l, base, i.imm, Op::Load { dst, size, signed }, slow);
    // Narrower than a doubleword and sign-extended, or zero-extended from
    // at most 16 bits: the sign extension of its low word.
    let sext = size < 4 || (size == 4 && signed);
    l.e.written_as(i.rd, if sext { Form::Sext } else { Form::Full });
    Flow::Continue
}

/// Emits an integer access: as its group's leader or member, or with its
/// own probe.
fn access(l: &mut Lower<'_>, base: Val, imm: i32, op: Op, slow: Slow) {
    let live = l.e.groups.live.get(l.k).copied().unwrap_or(0);
    let role = l.e.groups.roles.get(l.k).copied().flatten();
    let resume = l.e.label();
    match (role, base) {
        (Some(role), Val::Reg(hb)) => {
            let a = Access { op, base: hb, imm, dset: l.b.dset, slow, live };
            let cold = l.e.label();
            match role {
                Role::Leader { slot, lo, hi, anchor, align, tags } => {
                    let (range, dset) = ((lo, hi, anchor, align), l.b.dset);
                    leader_check(l.e, hb, range, tags, dset, slot, cold);
                    op.at_rcx(l.e, imm - lo);
                    l.e.bind(resume);
                    // Failed: the access on its own (a TLB miss refills),
                    // then the check once more (a leader never writes its
                    // base: that would end its group).
                    l.e.cold(move |e| {
                        let (retry, failed) = (e.label(), e.label());
                        e.bind(cold);
                        a.plain(e, retry);
                        e.bind(retry);
                        leader_check(e, hb, range, tags, dset, slot, failed);
                        dynasm!(e.ops
                            ; jmp =>resume
                            ; =>failed
                            ; mov QWORD [rbx + GROUP + 8 * i32::from(slot)], 0
                            ; jmp =>resume
                        );
                    });
                }
                Role::Member { slot, lo } => {
                    dynasm!(l.e.ops
                        ; mov rcx, QWORD [rbx + GROUP + 8 * i32::from(slot)]
                        ; test rcx, rcx
                        ; jz =>cold
                    );
                    op.at_rcx(l.e, imm - lo);
                    l.e.bind(resume);
                    l.e.cold(move |e| {
                        e.bind(cold);
                        a.plain(e, resume);
                    });
                }
            }
        }
        _ => {
            let cold = l.e.label();
            probed(l.e, base, imm, op, l.b.dset, cold);
            l.e.bind(resume);
            l.e.cold(move |e| slow_path(e, cold, resume, slow, op, live, va_reg(base, imm)));
        }
    }
}

/// The leader's check of its group's range `(lo, hi, anchor, align)`
/// (see `group`); on success the slot holds the host address of
/// base + lo, also left in rcx; on failure jumps to `fail`.
fn leader_check(e: &mut Emitter, hb: u8, range: (i32, i32, i32, u8), tags: Tags, dset: usize, slot: u8, fail: DynamicLabel) {
    let (lo, hi, anchor, align) = range;
    dynasm!(e.ops
        ; lea rax, [Rq(hb) + lo]
        ; lea rdx, [Rq(hb) + hi]
        ; xor rdx, rax
        ; shr rdx, 12
        ; jnz =>fail
    );
    if align > 1 {
        let m = i32::from(align) - 1;
        let d = anchor.wrapping_sub(lo);
        if d & m == 0 {
            dynasm!(e.ops ; test eax, m ; jnz =>fail);
        } else {
            dynasm!(e.ops ; lea edx, [rax + d] ; test edx, m ; jnz =>fail);
        }
    }
    let tags: &[i32] = match tags {
        Tags::Read => &[TAG_R],
        Tags::Write => &[TAG_W],
        Tags::Both => &[TAG_R, TAG_W],
    };
    // Alignment was checked above: the page alone (size 1) is compared.
    probe_tags(e, dset, tags, 1, RAX, fail);
    dynasm!(e.ops
        ; add rcx, rax
        ; mov QWORD [rbx + GROUP + 8 * i32::from(slot)], rcx
    );
}

/// `mov [va + rcx], src` of `size` bytes.
fn host_store(e: &mut Emitter, va: u8, src: Val, size: u8) {
    let o = &mut e.ops;
    match (src, size) {
        (Val::Reg(s), 1) => dynasm!(o ; mov BYTE [Rq(va) + rcx], Rb(s)),
        (Val::Reg(s), 2) => dynasm!(o ; mov WORD [Rq(va) + rcx], Rw(s)),
        (Val::Reg(s), 4) => dynasm!(o ; mov DWORD [Rq(va) + rcx], Rd(s)),
        (Val::Reg(s), _) => dynasm!(o ; mov QWORD [Rq(va) + rcx], Rq(s)),
        (Val::Zero, 1) => dynasm!(o ; mov BYTE [Rq(va) + rcx], 0),
        (Val::Zero, 2) => dynasm!(o ; mov WORD [Rq(va) + rcx], 0),
        (Val::Zero, 4) => dynasm!(o ; mov DWORD [Rq(va) + rcx], 0),
        (Val::Zero, _) => dynasm!(o ; mov QWORD [Rq(va) + rcx], 0),
    }
}

/// A store of the low `size` bytes of rs2.
pub fn store(l: &mut Lower<'_>, s: S, size: u8) -> Flow {
    let base = l.e.read(s.rs1, &[]);
    let pinned = crate::lower::pins(&[base]);
    // A narrower store takes the low bytes: a Narrow value will do.
    let src = if size < 8 { l.e.read32(s.rs2, &pinned) } else { l.e.read(s.rs2, &pinned) };
    let desc = descriptor(l, size, false, NONE, 0);
    let slow = Slow::Stub { stub: l.e.slow.store, desc };
    access(l, base, s.imm, Op::Store { src, size }, slow);
    Flow::Continue
}

// ------------------------------------------------------- F/D loads, stores

/// The instruction through `helper_exec` in cold code (an F/D load or
/// store: the access through the MMU, walk, refill, MMIO, misaligned,
/// faults), from the allocator state of the hot code at `miss`; resumes
/// at `resume` (live group slots cleared) or leaves the block.
pub fn exec_slow(e: &mut Emitter, miss: DynamicLabel, resume: DynamicLabel, x: ExecSlow, live: u8) {
    e.bind(miss);
    x.snap.write_back(&mut e.ops);
    e.set_pc(x.pc);
    e.budget_add(x.give_back);
    dynasm!(e.ops ; mov rsi, QWORD x.dec);
    e.call(crate::runtime::helper_exec as *const () as usize);
    let out = e.label();
    dynasm!(e.ops ; test eax, eax ; jnz =>out);
    e.budget_add(-(x.give_back - 1));
    x.snap.reload(&mut e.ops, None);
    if let Some((g, h)) = x.rd.filter(|&(g, _)| g != 0) {
        dynasm!(e.ops ; mov Rq(h), QWORD [rbx + crate::layout::xreg(g)]);
    }
    clear_slots(e, live);
    dynasm!(e.ops ; jmp =>resume);
    e.bind(out);
    e.exit(crate::emit::Exit::Next);
}

fn exec_slow_of(l: &Lower<'_>) -> Slow {
    Slow::Exec(ExecSlow { snap: l.e.snapshot(), pc: l.pc, dec: l.decoded as i64, give_back: (l.b.n - l.k) as i64, rd: None })
}

/// flw/fld into f[rd] with the inline probe (only in blocks translated
/// with mstatus.FS on): singles NaN-boxed, FS set Dirty (20.2, 3.1.6.6).
pub fn fload(l: &mut Lower<'_>, i: I, size: u8) -> Flow {
    let base = l.e.read(i.rs1, &[]);
    let slow = exec_slow_of(l);
    access(l, base, i.imm, Op::FLoad { f: i.rd, size }, slow);
    Flow::Continue
}

/// fsw/fsd of f[rs2] (the low 32 bits for fsw, whatever the boxing).
pub fn fstore(l: &mut Lower<'_>, s: S, size: u8) -> Flow {
    let base = l.e.read(s.rs1, &[]);
    let slow = exec_slow_of(l);
    access(l, base, s.imm, Op::FStore { f: s.rs2, size }, slow);
    Flow::Continue
}
