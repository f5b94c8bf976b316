//! Translating one block: decode from guest RAM through `cpu::isa::decode`
//! (the block's page was reached through the MMU's fetch path), then emit
//! the entry checks, each instruction's lowering, and the cold paths.
//!
//! A block never crosses its 4 KiB page (so linking within a page stays
//! valid whatever the page tables do), holds at most `MAX_INSNS`
//! instructions, and ends after control flow or a mode-changing helper.
//!
//! ```text
//! checked:  mov rax, [rbx + code_gen] ; cmp dword [rax + 4*page], gen ; jne stale
//! chained:  sub qword [rbx + budget], n ; js out_of_budget
//!           ...instructions...
//! ```

use cpu::isa::{decode, insn_len};
use cpu::Decoded;
use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};
use mmu::{Priv, Ram, PAGE_SIZE};

use crate::code_memory::CodeMemory;
use crate::emit::{Emitter, Exit};
use crate::layout::{BUDGET, CODE_GEN};
use crate::lower::{exit_to, is_terminator, lower, BlockCtx, Flow, HostCaps, Lower};

/// Longest block (bounds interrupt latency and translation time).
pub const MAX_INSNS: usize = 64;

/// What identifies a translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub vpc: u64,
    pub ppc: u64,
    /// priv | dpriv << 2
    pub mode: u8,
}

impl Key {
    pub fn new(vpc: u64, ppc: u64, p: Priv, dp: Priv) -> Key {
        Key { vpc, ppc, mode: p as u8 | (dp as u8) << 2 }
    }

    /// The data-access privilege the block was translated for.
    pub fn dpriv(&self) -> Priv {
        Priv::from_bits(u64::from(self.mode >> 2)).unwrap_or(Priv::M)
    }

    /// Jump-cache tag bits (mode in bits 63:59; see `cache`).
    pub fn tag_bits(&self) -> i64 {
        (i64::from(self.mode)) << 59
    }
}

/// A translated block.
pub struct Block {
    pub key: Key,
    /// Entry that checks the page generation (dispatcher, jump cache).
    pub checked: usize,
    /// Entry for linked jumps from blocks of the same page.
    pub chained: usize,
    /// Generation of the page at translation time.
    pub gen: u32,
    pub page: usize,
    pub len: usize,
    /// The decoded instructions (helpers point into this array).
    pub insns: Box<[Decoded]>,
}

/// Decodes the block starting at `key` from RAM.
fn decode_block(ram: &Ram, key: &Key) -> Vec<Decoded> {
    let mut v = Vec::new();
    let page_end = (key.vpc | (PAGE_SIZE - 1)).wrapping_add(1);
    let mut vpc = key.vpc;
    while v.len() < MAX_INSNS {
        let pa = key.ppc + (vpc - key.vpc);
        let Some(lo) = ram.read::<u16>(pa) else { break };
        let len = u64::from(insn_len(lo));
        if vpc + len > page_end || vpc + len < vpc {
            break;
        }
        let raw = if len == 4 {
            match ram.read::<u16>(pa + 2) {
                Some(hi) => u32::from(lo) | u32::from(hi) << 16,
                None => break,
            }
        } else {
            u32::from(lo)
        };
        let d = decode(raw);
        v.push(d);
        vpc += len;
        if is_terminator(&d.insn) || vpc == page_end {
            break;
        }
    }
    v
}

/// Translates the block at `key`; None if there is nothing translatable
/// (the first instruction crosses the page end) or code memory is full.
pub fn translate(ram: &Ram, mem: &mut CodeMemory, epilogue: usize, key: Key, caps: HostCaps) -> Option<Block> {
    let insns: Box<[Decoded]> = decode_block(ram, &key).into_boxed_slice();
    if insns.is_empty() {
        return None;
    }
    let code = ram.code();
    let page = code.index(key.ppc)?;
    let gen = code.gen(page);
    let b = BlockCtx { vpc: key.vpc, n: insns.len(), dmode: key.dpriv(), mode_tag: key.tag_bits(), caps };
    let mut e = Emitter::new(mem.next_rx(), epilogue);
    let chained = entry(&mut e, &b, page, gen);
    body(&mut e, &b, &insns);
    e.emit_cold();
    let bytes = e.ops.finalize().ok()?;
    let at = mem.commit(&bytes)?;
    Some(Block { key, checked: at, chained: at + chained, gen, page, len: bytes.len(), insns })
}

/// Emits the checked and chained entries; returns the chained offset.
fn entry(e: &mut Emitter, b: &BlockCtx, page: usize, gen: u32) -> usize {
    let (stale, broke) = (e.label(), e.label());
    let disp = (page * 4) as i32;
    dynasm!(e.ops
        ; mov rax, QWORD [rbx + CODE_GEN]
        ; cmp DWORD [rax + disp], gen as i32
        ; jne =>stale
    );
    let chained = e.offset();
    let n = b.n as i32;
    dynasm!(e.ops
        ; sub QWORD [rbx + BUDGET], n
        ; js =>broke
    );
    let vpc = b.vpc;
    e.cold(move |e| {
        e.bind(stale);
        e.set_pc(vpc);
        e.exit(Exit::Stale);
        e.bind(broke);
        dynasm!(e.ops ; add QWORD [rbx + BUDGET], n);
        e.set_pc(vpc);
        e.exit(Exit::Budget);
    });
    chained
}

/// Emits the instructions; falls through to the next pc if no
/// instruction ended the block.
fn body(e: &mut Emitter, b: &BlockCtx, insns: &[Decoded]) {
    let mut pc = b.vpc;
    for (k, d) in insns.iter().enumerate() {
        let next = pc.wrapping_add(u64::from(d.len));
        let mut l = Lower { e, b, k, pc, next, decoded: d as *const Decoded as usize };
        if lower(&mut l, d) == Flow::End {
            return;
        }
        pc = next;
    }
    e.flush();
    let mut l = Lower { e, b, k: insns.len(), pc, next: pc, decoded: 0 };
    exit_to(&mut l, pc);
}
