//! The per-hart code cache: translated blocks by key, the virtual-pc jump
//! cache generated code probes for indirect jumps, block linking, and the
//! flush-everything policy when code memory fills up.
//!
//! Thread affinity: owned by one hart's thread (per-hart caches need no
//! locks; cross-hart code changes arrive through page generations).
//!
//! Invariants: every jump-cache entry points at the checked entry of a
//! block of the same mode; every patched jump targets the chained entry of
//! a block of the same page and mode, or the checked entry of a block of
//! the same mode (jumps to other pages, from S- and M-mode blocks only);
//! a stale block's checked entry is either intact (it exits `Stale`) or
//! a jump to a newer block of the same pc and mode; a flush clears all
//! three (blocks, jump cache, code memory past the trampoline) together.
//! A checked entry validates everything that selects a translation for a
//! given pc and mode (page generation, page mapping), so any of these
//! paths may lead to any checked entry of that pc and mode.

use rustc_hash::FxHashMap;

use crate::block::{Block, Key};
use crate::code_memory::CodeMemory;
use crate::runtime::Trampoline;

/// The jump cache has 2^(JC_PAGE_BITS + JC_OFF_BITS) entries: the low
/// JC_OFF_BITS index bits come from the pc's halfword offset in its page,
/// the high ones from its page number, so all entries of a page sit in one
/// group of 2^JC_OFF_BITS and SFENCE.VMA of one page clears only that
/// group (QEMU's tb_jmp_cache layout, with more of the offset: kernel
/// pages hold many blocks). With JC_OFF_BITS = 11 the halfword offset and
/// the page bits are adjacent in the pc, so the index is one field of it:
/// bits 1..=16 (`JC_CODE_MASK` for generated code).
pub const JC_PAGE_BITS: u32 = 5;
pub const JC_OFF_BITS: u32 = 11;
const _: () = assert!(JC_OFF_BITS == 12 - 1);

/// The pc bits that form the index (shifted left by one).
pub const JC_CODE_MASK: i32 = ((1 << (JC_PAGE_BITS + JC_OFF_BITS)) - 1) << 1;

/// The jump-cache index of a virtual pc (generated code computes the
/// same in `lower::jump_cache`).
#[inline]
pub fn jc_index(vpc: u64) -> usize {
    (vpc as usize & JC_CODE_MASK as usize) >> 1
}

/// One jump-cache entry: `tag = vpc ^ mode_bits`, `code` = checked entry.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct JcEntry {
    pub tag: u64,
    pub code: u64,
}

/// Counters for `--stats`.
#[derive(Clone, Debug, Default)]
pub struct CacheStats {
    pub translated: u64,
    pub flushes: u64,
    pub links: u64,
    pub stale: u64,
}

/// The code cache of one hart.
pub struct CodeCache {
    pub mem: CodeMemory,
    pub tramp: Trampoline,
    pub slow: crate::slow::SlowStubs,
    mark: usize,
    blocks: Vec<Block>,
    map: FxHashMap<Key, usize>,
    jc: Box<[JcEntry]>,
    pub stats: CacheStats,
}

impl CodeCache {
    pub fn new(size: usize) -> std::io::Result<CodeCache> {
        let mut mem = CodeMemory::new(size)?;
        let tramp = Trampoline::emit(&mut mem).ok_or_else(|| std::io::Error::other("code memory too small"))?;
        let slow = crate::slow::SlowStubs::emit(&mut mem).ok_or_else(|| std::io::Error::other("code memory too small"))?;
        let mark = mem.used();
        let jc = vec![JcEntry { tag: u64::MAX, code: 0 }; 1 << (JC_PAGE_BITS + JC_OFF_BITS)].into_boxed_slice();
        Ok(CodeCache { mem, tramp, slow, mark, blocks: Vec::new(), map: FxHashMap::default(), jc, stats: CacheStats::default() })
    }

    /// Host address of the jump cache (for `Hart::jit_jump_cache`).
    pub fn jump_cache(&self) -> usize {
        self.jc.as_ptr() as usize
    }

    /// The checked entry cached for (vpc, mode), if any.
    pub fn jc_lookup(&self, vpc: u64, tag_bits: i64) -> Option<usize> {
        let e = &self.jc[jc_index(vpc)];
        (e.tag == vpc ^ tag_bits as u64).then_some(e.code as usize)
    }

    pub fn jc_insert(&mut self, vpc: u64, tag_bits: i64, code: usize) {
        self.jc[jc_index(vpc)] = JcEntry { tag: vpc ^ tag_bits as u64, code: code as u64 };
    }

    /// Forgets the jump cache (translations of virtual addresses changed).
    pub fn jc_clear(&mut self) {
        self.jc.fill(JcEntry { tag: u64::MAX, code: 0 });
    }

    /// Forgets the jump-cache entries of the page holding `vpc` (and of the
    /// other pages sharing its group).
    pub fn jc_clear_page(&mut self, vpc: u64) {
        let start = jc_index(vpc & !0xfff);
        self.jc[start..start + (1 << JC_OFF_BITS)].fill(JcEntry { tag: u64::MAX, code: 0 });
    }

    pub fn get(&self, key: &Key) -> Option<&Block> {
        self.map.get(key).map(|&i| &self.blocks[i])
    }

    /// Removes a stale block from the map (its code stays until a flush,
    /// unreachable except through links from equally stale blocks).
    pub fn remove(&mut self, key: &Key) {
        self.map.remove(key);
        self.jc_clear_page(key.vpc);
        self.stats.stale += 1;
    }

    pub fn insert(&mut self, b: Block) -> &Block {
        self.stats.translated += 1;
        let key = b.key;
        self.blocks.push(b);
        self.map.insert(key, self.blocks.len() - 1);
        self.blocks.last().expect("just pushed")
    }

    /// Flushes every translation (code memory full).
    pub fn flush(&mut self) {
        self.blocks.clear();
        self.map.clear();
        self.jc_clear();
        self.mem.reset_to(self.mark);
        self.stats.flushes += 1;
    }

    /// Overwrites the start of the (stale) block at `entry` with a jump to
    /// `target`.
    pub fn redirect(&mut self, entry: usize, target: usize) -> bool {
        self.mem.patch_jmp(entry, target)
    }

    /// Points the jump whose rel32 ends at `after` to `target`.
    pub fn link(&mut self, after: usize, target: usize) -> bool {
        let ok = self.mem.patch_rel32(after - 4, target);
        self.stats.links += u64::from(ok);
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index is the page-number bits above the halfword offset, so a
    /// page's entries form one group of 2^JC_OFF_BITS (what the per-page
    /// clearing relies on).
    #[test]
    fn jump_cache_index_groups_a_page() {
        for vpc in [0u64, 2, 0xffe, 0x1000, 0x1_f002, 0xffff_ffff_8052_a9dc, 0x10a20] {
            let page = (vpc >> 12) as usize & ((1 << JC_PAGE_BITS) - 1);
            let off = (vpc >> 1) as usize & ((1 << JC_OFF_BITS) - 1);
            assert_eq!(jc_index(vpc), page << JC_OFF_BITS | off, "{vpc:#x}");
        }
        let start = jc_index(0x8052_a000);
        assert!((0..0x1000).step_by(2).all(|o| jc_index(0x8052_a000 + o) - start < 1 << JC_OFF_BITS));
    }
}
