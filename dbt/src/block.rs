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
//!           exec-TLB entry of the page still maps vpc to this ppc?    ; jne lookup
//! chained:  sub qword [rbx + budget], n ; js out_of_budget
//!           mov rax, [rbx + exit_word] ; cmp dword [rax], 0 ; jne kicked
//!           ...instructions...
//! ```
//!
//! The checked entry validates the block against the current translation
//! (the exec TLB entry for its page must hold exactly the mapping it was
//! translated under), so the jump cache, which maps virtual pcs, never
//! needs clearing when the TLB forgets translations: a stale mapping just
//! sends execution back to the dispatcher, which refills the TLB.

use cpu::isa::{decode, insn_len};
use cpu::Decoded;
use dynasmrt::{dynasm, DynasmApi, DynasmLabelApi};
use mmu::{Priv, Ram, PAGE_SIZE};

use crate::code_memory::CodeMemory;
use crate::emit::{Emitter, Exit};
use crate::layout::{tlb_set, ADDEND, BUDGET, CODE_GEN, ENTRY_SIZE, EXIT_WORD, TAG_X, TLB_SETS};
use crate::lower::{exit_to, is_terminator, lower, BlockCtx, Flow, HostCaps, Lower};
use crate::rotate::Fold;

/// Longest block (bounds interrupt latency and translation time).
pub const MAX_INSNS: usize = 64;

/// What identifies a translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub vpc: u64,
    pub ppc: u64,
    /// priv | data TLB set << 2 | FS on << 4 (5 bits: see `tag_bits`)
    pub mode: u8,
}

impl Key {
    /// `fs_on`: mstatus.FS is not Off, so F/D loads and stores need no
    /// FS check (every mstatus write leaves the block: `Hart::attention`).
    pub fn new(vpc: u64, ppc: u64, p: Priv, dset: usize, fs_on: bool) -> Key {
        Key { vpc, ppc, mode: p as u8 | (dset as u8) << 2 | u8::from(fs_on) << 4 }
    }

    /// Whether the block was translated with mstatus.FS on.
    pub fn fs_on(&self) -> bool {
        self.mode & 16 != 0
    }

    /// The TLB set of the block's data accesses.
    pub fn dset(&self) -> usize {
        usize::from(self.mode >> 2 & 3)
    }

    /// The privilege the block runs in.
    pub fn priv_(&self) -> Priv {
        Priv::from_bits(u64::from(self.mode & 3)).unwrap_or(Priv::M)
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

/// A placeholder for an instruction straddling the page end: the helper
/// fetches and decodes it when it runs.
fn straddle_slot() -> Decoded {
    Decoded { insn: cpu::Insn::Illegal, len: 4, raw: u32::MAX }
}

/// Decodes the block starting at `key` from RAM. A 32-bit instruction
/// crossing the page end ends the block before it, or, when it is the
/// block's first instruction, forms a block of its own (`straddle`).
fn decode_block(ram: &Ram, key: &Key, debug: Option<&cpu::debug::Debug>) -> (Vec<Decoded>, bool) {
    if key.vpc & (PAGE_SIZE - 1) == PAGE_SIZE - 2 {
        if let Some(lo) = ram.read::<u16>(key.ppc).filter(|&lo| insn_len(lo) == 4) {
            let _ = lo;
            return (vec![straddle_slot()], true);
        }
    }
    let mut v = Vec::new();
    let mut page_end = (key.vpc | (PAGE_SIZE - 1)).wrapping_add(1);
    if let Some(stop) = debug.and_then(|d| d.first_break(key.vpc.wrapping_add(1), page_end)) {
        page_end = stop; // end the block before a debugger breakpoint
    }
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
    (v, false)
}

/// Translates the block at `key`; None if there is nothing translatable
/// (the first instruction crosses the page end) or code memory is full.
/// Where a block's code goes and the shared code it may call.
pub struct Target<'a> {
    pub mem: &'a mut CodeMemory,
    pub epilogue: usize,
    pub slow: crate::slow::SlowStubs,
    /// The debugger's breakpoints: a block ends before any of them.
    pub debug: Option<&'a cpu::debug::Debug>,
}

pub fn translate(ram: &Ram, ram_host: usize, t: Target<'_>, key: Key, caps: HostCaps) -> Option<Block> {
    let Target { mem, epilogue, slow, debug } = t;
    let (insns, straddle) = decode_block(ram, &key, debug);
    let insns: Box<[Decoded]> = insns.into_boxed_slice();
    if insns.is_empty() {
        return None;
    }
    let code = ram.code();
    let page = code.index(key.ppc)?;
    let gen = code.gen(page);
    let b = BlockCtx { vpc: key.vpc, n: insns.len(), dset: key.dset(), fs_on: key.fs_on(), mode_tag: key.tag_bits(), user: key.priv_() == Priv::U, caps };
    let mut e = Emitter::new(mem.next_rx(), epilogue, slow);
    let host_page = ram_host + (key.ppc - ram.base()) as usize & !0xfff;
    let chained = entry(&mut e, &b, &key, page, gen, host_page);
    if straddle {
        straddle_body(&mut e, &b, &insns[0]);
    } else {
        body(&mut e, &b, &insns);
    }
    e.emit_cold();
    e.emit_tail();
    let bytes = e.ops.finalize().ok()?;
    let at = mem.commit(&bytes)?;
    Some(Block { key, checked: at, chained: at + chained, gen, page, len: bytes.len(), insns })
}

/// Emits the checked and chained entries; returns the chained offset.
fn entry(e: &mut Emitter, b: &BlockCtx, key: &Key, page: usize, gen: u32, host_page: usize) -> usize {
    let (stale, broke, lookup, kicked) = (e.label(), e.label(), e.label(), e.label());
    let checked = e.label();
    let disp = (page * 4) as i32;
    dynasm!(e.ops
        ; =>checked
        ; mov rax, QWORD [rbx + CODE_GEN]
        ; cmp DWORD [rax + disp], gen as i32
        ; jne =>stale
    );
    let vpage = key.vpc & !(PAGE_SIZE - 1);
    let fset = mmu::tlb::fetch_set(key.priv_());
    let slot = tlb_set(fset) + mmu::tlb::index(key.vpc) as i32 * ENTRY_SIZE;
    let epoch = crate::layout::tlb_epoch(fset);
    let addend = (host_page as u64).wrapping_sub(vpage) as i64;
    crate::emit::load_imm(&mut e.ops, crate::layout::reg::RDX, vpage as i64);
    dynasm!(e.ops
        ; mov rax, QWORD [rbx + TLB_SETS]
        ; xor rdx, QWORD [rbx + epoch]
        ; cmp rdx, QWORD [rax + slot + TAG_X]
        ; jne =>lookup
    );
    crate::emit::load_imm(&mut e.ops, crate::layout::reg::RDX, addend);
    dynasm!(e.ops
        ; cmp rdx, QWORD [rax + slot + ADDEND]
        ; jne =>lookup
    );
    let chained_label = e.label();
    e.bind(chained_label);
    let chained = e.offset();
    let n = b.n as i32;
    dynasm!(e.ops
        ; sub QWORD [rbx + BUDGET], n
        ; js =>broke
        // Another thread wants the hart (interrupt, remote fence, stop).
        ; mov rax, QWORD [rbx + EXIT_WORD]
        ; cmp DWORD [rax], 0
        ; jne =>kicked
    );
    let (vpc, ppc) = (b.vpc, key.ppc);
    e.cold(move |e| {
        e.bind(stale);
        e.set_pc(vpc);
        dynasm!(e.ops ; lea rax, [=>checked] ; mov QWORD [rbx + crate::layout::LINK], rax);
        e.exit(Exit::Stale);
        // The page left the exec TLB (a flush): re-translate in a helper
        // and go on if the mapping is unchanged.
        e.bind(lookup);
        crate::emit::load_imm(&mut e.ops, crate::layout::reg::RSI, vpc as i64);
        crate::emit::load_imm(&mut e.ops, crate::layout::reg::RDX, ppc as i64);
        e.call(crate::runtime::helper_revalidate as *const () as usize);
        dynasm!(e.ops ; test eax, eax ; jz =>chained_label);
        e.set_pc(vpc);
        e.exit(Exit::Lookup);
        e.bind(broke);
        dynasm!(e.ops ; add QWORD [rbx + BUDGET], n);
        e.set_pc(vpc);
        e.exit(Exit::Budget);
        e.bind(kicked);
        dynasm!(e.ops ; add QWORD [rbx + BUDGET], n);
        e.set_pc(vpc);
        e.exit(Exit::Next);
    });
    chained
}

/// The body of a straddle block: `helper_exec_fetch`, then on to the
/// next pc (in the next page) through the jump cache.
fn straddle_body(e: &mut Emitter, b: &BlockCtx, d: &Decoded) {
    e.set_pc(b.vpc);
    e.budget_add(1);
    let slot = d as *const Decoded as i64;
    dynasm!(e.ops ; mov rsi, QWORD slot);
    e.call(crate::runtime::helper_exec_fetch as *const () as usize);
    let out = e.label();
    dynasm!(e.ops ; test eax, eax ; jnz =>out);
    let next = b.vpc.wrapping_add(4);
    let mut l = Lower { e, b, k: 1, pc: next, next, decoded: 0 };
    exit_to(&mut l, next);
    e.bind(out);
    e.exit(Exit::Next);
}

/// Emits the instructions; falls through to the next pc if no
/// instruction ended the block.
fn body(e: &mut Emitter, b: &BlockCtx, insns: &[Decoded]) {
    let folds = crate::rotate::plan(insns);
    // Register uses as lowered: a folded shift uses nothing, its rotate
    // reads the rotated register.
    let uses: Vec<(u32, u32)> = insns
        .iter()
        .zip(&folds)
        .map(|(d, f)| match *f {
            Fold::Keep => d.insn.x_regs(),
            Fold::Skip => (0, 0),
            Fold::Rotate { rd, a, .. } => (1 << a, 1 << rd),
        })
        .collect();
    e.groups = crate::group::plan(insns, &uses, b.fs_on);
    e.ra.plan(&uses);
    let (mut k, mut pc) = (0, b.vpc);
    while let Some(d) = insns.get(k) {
        e.ra.at(k);
        let next = pc.wrapping_add(u64::from(d.len));
        let mut l = Lower { e, b, k, pc, next, decoded: d as *const Decoded as usize };
        match folds[k] {
            Fold::Skip => {
                (k, pc) = (k + 1, next);
                continue;
            }
            Fold::Rotate { rd, a, k: n, wide } => {
                crate::lower::rotate(&mut l, rd, a, n, wide);
                (k, pc) = (k + 1, next);
                continue;
            }
            Fold::Keep => {}
        }
        let unfolded = folds.get(k + 1) == Some(&Fold::Keep);
        match insns.get(k + 1).filter(|n| unfolded && crate::lower::fuse(&mut l, d, n)) {
            Some(n) => (k, pc) = (k + 2, next.wrapping_add(u64::from(n.len))),
            None if lower(&mut l, d) == Flow::End => return,
            None => (k, pc) = (k + 1, next),
        }
    }
    e.flush();
    let mut l = Lower { e, b, k: insns.len(), pc, next: pc, decoded: 0 };
    exit_to(&mut l, pc);
}

#[cfg(test)]
mod debug_tests {
    use super::*;

    /// A block ends before a debugger breakpoint (the breakpoint's pc
    /// then starts a block that is interpreted, see `engine`).
    #[test]
    fn block_ends_before_breakpoint() {
        let base = 0x8000_0000;
        let ram = Ram::new(base, 0x10000).expect("ram");
        (0..1024).for_each(|i| assert!(ram.write::<u32>(base + 4 * i, 0x0000_0013))); // nop
        let key = Key::new(base, base, Priv::M, 0, true);
        let debug = cpu::debug::Debug::new(cpu::control::Control::new(vec![]));
        assert_eq!(decode_block(&ram, &key, Some(&debug)).0.len(), 64.min(MAX_INSNS));
        debug.add_break(base + 12);
        assert_eq!(decode_block(&ram, &key, Some(&debug)).0.len(), 3);
        // A breakpoint at the block's own start does not shorten it (the
        // engine never translates such a block).
        let at_bp = Key::new(base + 12, base + 12, Priv::M, 0, true);
        assert_eq!(decode_block(&ram, &at_bp, Some(&debug)).0.len(), 64.min(MAX_INSNS));
    }
}
