//! The x86-64 emitter for one block: dynasmrt's `VecAssembler` assembling
//! for the block's final address, the guest-register cache (`RegAlloc`),
//! and the cold paths (slow memory accesses, exits) that are emitted after
//! the block's hot code.
//!
//! Invariants: hot code never calls out; every call happens in cold code
//! or in a helper sequence that first writes back all dirty guest
//! registers; rsp stays 16-byte aligned (nothing is pushed).

use dynasmrt::x64::X64Relocation;
use dynasmrt::{dynasm, DynamicLabel, DynasmApi, DynasmLabelApi, VecAssembler};

use crate::layout::{self, reg, xreg, BUDGET, PC};
use crate::regalloc::{Dirty, Form, RegAlloc, Spill};

/// A guest register's value as an operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Val {
    Reg(u8),
    Zero,
}

/// Why a block returns to the dispatcher (the value left in eax).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Exit {
    /// pc is set; look up the next block.
    Next = 0,
    /// A trap was taken (pc is the handler); look up the next block.
    Trap = 1,
    /// The budget ran out at a block entry (pc is that block's start).
    Budget = 2,
    /// The block's code page changed since translation (pc is its start).
    Stale = 3,
    /// A direct jump wants linking: pc is the target, and the hart's
    /// `jit_link` field holds the RX address just after the jump's rel32.
    Chain = 4,
    /// An indirect (or cross-page) jump missed the jump cache; pc is set.
    Lookup = 5,
}

pub type Asm = VecAssembler<X64Relocation>;

/// Emits one block.
pub struct Emitter {
    pub ops: Asm,
    pub ra: RegAlloc,
    /// The block's same-base access groups (`group`).
    pub groups: crate::group::Plan,
    /// Address of the shared exit sequence (restores host registers and
    /// returns eax to the dispatcher).
    pub epilogue: usize,
    /// The shared memory slow paths.
    pub slow: crate::slow::SlowStubs,
    /// Cold code, emitted after the hot code.
    pub cold: Vec<Box<dyn FnOnce(&mut Emitter)>>,
    /// Data emitted after all code (slow-path descriptors), 8-byte aligned.
    data: Vec<(DynamicLabel, crate::slow::SlowDesc)>,
    /// The block's "leave with status eax - 1" sequence, if used.
    leave: Option<DynamicLabel>,
}

impl Emitter {
    pub fn new(base: usize, epilogue: usize, slow: crate::slow::SlowStubs) -> Emitter {
        Emitter {
            ops: VecAssembler::new_with_capacity(base, 1024, 32, 32, 32, 32, 32),
            ra: RegAlloc::default(),
            groups: crate::group::Plan::default(),
            epilogue,
            slow,
            cold: Vec::new(),
            data: Vec::new(),
            leave: None,
        }
    }

    /// Places `bytes` after the code, at `label`.
    pub fn data(&mut self, label: DynamicLabel, desc: crate::slow::SlowDesc) {
        self.data.push((label, desc));
    }

    /// A label leaving the block with exit code eax - 1 (slow-path stubs
    /// return that status).
    pub fn leave(&mut self) -> DynamicLabel {
        if let Some(l) = self.leave {
            return l;
        }
        let l = self.label();
        self.leave = Some(l);
        l
    }

    /// Emits the data section and the shared leave sequence.
    pub fn emit_tail(&mut self) {
        if let Some(l) = self.leave {
            let e = self.epilogue;
            dynasm!(self.ops ; =>l ; sub eax, 1 ; jmp extern e);
        }
        for (label, desc) in std::mem::take(&mut self.data) {
            dynasm!(self.ops ; .align 8 ; =>label);
            desc.write(&mut self.ops);
        }
    }

    pub fn label(&mut self) -> DynamicLabel {
        self.ops.new_dynamic_label()
    }

    pub fn bind(&mut self, l: DynamicLabel) {
        dynasm!(self.ops ; =>l);
    }

    fn spill(&mut self, s: Spill) {
        if let Spill::Store(d) = s {
            store_back(&mut self.ops, d);
        }
    }

    /// The value of guest register `g`, loading it if needed (or
    /// sign-extending a Narrow one in place); `pinned` host registers are
    /// not evicted.
    pub fn read(&mut self, g: u8, pinned: &[u8]) -> Val {
        let v = self.read32(g, pinned);
        if let (Val::Reg(h), Some(Form::Narrow)) = (v, self.ra.form(g)) {
            dynasm!(self.ops ; movsxd Rq(h), Rd(h));
            self.ra.widened(g);
        }
        v
    }

    /// Guest register `g` for an operation that uses only its low word:
    /// the host register may hold a Narrow value (see `regalloc`).
    pub fn read32(&mut self, g: u8, pinned: &[u8]) -> Val {
        if g == 0 {
            return Val::Zero;
        }
        if let Some(h) = self.ra.host_of(g) {
            self.ra.used(g);
            return Val::Reg(h);
        }
        let (h, s) = self.ra.assign(g, pinned);
        self.spill(s);
        dynasm!(self.ops ; mov Rq(h), QWORD [rbx + xreg(g)]);
        Val::Reg(h)
    }

    /// Whether an operand can be taken straight from `g`'s slot in
    /// memory: not cached (memory is current), not x0, and not read again
    /// in the block before it is written (caching it would gain nothing).
    pub fn from_memory(&self, g: u8) -> bool {
        g != 0 && self.ra.host_of(g).is_none() && self.ra.dead_after(g)
    }

    /// What the host register of `g` holds (x0 and registers not cached
    /// yet read as their full value; x0 is also a sign-extended word).
    pub fn form(&self, g: u8) -> Form {
        match g {
            0 => Form::Sext,
            _ => self.ra.form(g).unwrap_or(Form::Full),
        }
    }

    /// The value of `g` in some host register (x0 becomes `scratch` = 0).
    pub fn read_reg(&mut self, g: u8, pinned: &[u8], scratch: u8) -> u8 {
        match self.read(g, pinned) {
            Val::Reg(h) => h,
            Val::Zero => {
                dynasm!(self.ops ; xor Rd(scratch), Rd(scratch));
                scratch
            }
        }
    }

    /// A host register to write guest register `g` into; call `written`
    /// after emitting the write. For x0 this is rax (the value is dropped).
    pub fn write(&mut self, g: u8, pinned: &[u8]) -> u8 {
        if g == 0 {
            return reg::RAX;
        }
        if let Some(h) = self.ra.host_of(g) {
            return h;
        }
        let (h, s) = self.ra.assign(g, pinned);
        self.spill(s);
        h
    }

    /// Marks `g` modified (after its full value was put in its host
    /// register).
    pub fn written(&mut self, g: u8) {
        self.written_as(g, Form::Full);
    }

    /// Marks `g` modified, its host register holding the value in `form`.
    pub fn written_as(&mut self, g: u8, form: Form) {
        if g != 0 {
            self.ra.set_dirty(g, form);
        }
    }

    /// Writes every dirty guest register back (in the current stream) and
    /// marks them clean.
    pub fn flush(&mut self) {
        let ops = &mut self.ops;
        self.ra.each_dirty(|d| store_back(ops, d));
        self.ra.all_clean();
    }

    /// `mov qword [rbx + PC], pc`.
    pub fn set_pc(&mut self, pc: u64) {
        set_pc(&mut self.ops, pc);
    }

    /// Adds `n` to the budget (gives back instructions not executed).
    pub fn budget_add(&mut self, n: i64) {
        if n != 0 {
            dynasm!(self.ops ; add QWORD [rbx + BUDGET], n as i32);
        }
    }

    /// Jumps to the epilogue with `status` in eax.
    pub fn exit(&mut self, status: Exit) {
        let e = self.epilogue;
        dynasm!(self.ops
            ; mov eax, status as u32 as i32
            ; jmp extern e
        );
    }

    /// Calls `f` (a `extern "sysv64"` helper) with the hart in rdi; other
    /// arguments must already be in rsi/rdx/rcx.
    pub fn call(&mut self, f: usize) {
        dynasm!(self.ops
            ; mov rdi, rbx
            ; mov rax, QWORD f as i64
            ; call rax
        );
    }

    /// Registers a cold path, emitted after the hot code.
    pub fn cold(&mut self, f: impl FnOnce(&mut Emitter) + 'static) {
        self.cold.push(Box::new(f));
    }

    /// Emits all cold paths (which may register more).
    pub fn emit_cold(&mut self) {
        while !self.cold.is_empty() {
            let pending = std::mem::take(&mut self.cold);
            for f in pending {
                f(self);
            }
        }
    }

    /// Current offset in the block's code.
    pub fn offset(&self) -> usize {
        self.ops.offset().0
    }
}

/// Writes a dirty register back: `mov qword [rbx + off(g)], host`, after
/// sign-extending a Narrow value in place (which leaves it Sext: a valid
/// form for any code that goes on believing it Narrow).
pub fn store_back(ops: &mut Asm, d: Dirty) {
    let (g, h) = (d.guest, d.host);
    if d.narrow {
        dynasm!(ops ; movsxd Rq(h), Rd(h));
    }
    dynasm!(ops ; mov QWORD [rbx + xreg(g)], Rq(h));
}

/// `mov qword [rbx + PC], pc` (imm32 when it sign-extends, else via rcx).
pub fn set_pc(ops: &mut Asm, pc: u64) {
    let v = pc as i64;
    if v == v as i32 as i64 {
        dynasm!(ops ; mov QWORD [rbx + PC], v as i32);
    } else {
        dynasm!(ops ; mov rcx, QWORD v ; mov QWORD [rbx + PC], rcx);
    }
}

/// Loads a 64-bit constant into `r` with the shortest encoding.
pub fn load_imm(ops: &mut Asm, r: u8, v: i64) {
    if v == 0 {
        dynasm!(ops ; xor Rd(r), Rd(r));
    } else if v == v as u32 as i64 {
        dynasm!(ops ; mov Rd(r), v as u32 as i32);
    } else if v == v as i32 as i64 {
        dynasm!(ops ; mov Rq(r), v as i32);
    } else {
        dynasm!(ops ; mov Rq(r), QWORD v);
    }
}

/// Whether a 64-bit immediate can be used as a sign-extended imm32.
pub fn fits_i32(v: i64) -> bool {
    v == v as i32 as i64
}

/// Snapshot of what a cold path must write back and reload.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub dirty: Vec<Dirty>,
    pub reload: Vec<(u8, u8)>,
}

impl Emitter {
    /// The allocator facts a cold path needs at this point.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot { dirty: self.ra.dirty(), reload: self.ra.caller_saved() }
    }
}

impl Snapshot {
    /// Writes back the dirty registers (cold code; the hot state stays).
    pub fn write_back(&self, ops: &mut Asm) {
        for &d in &self.dirty {
            store_back(ops, d);
        }
    }

    /// Reloads cached registers living in caller-saved host registers,
    /// except `keep` (which receives a result).
    pub fn reload(&self, ops: &mut Asm, keep: Option<u8>) {
        for &(g, h) in &self.reload {
            if Some(h) != keep {
                dynasm!(ops ; mov Rq(h), QWORD [rbx + xreg(g)]);
            }
        }
    }
}

pub use layout::tlb_set;

