//! Guest-register allocation within one block: guest registers are loaded
//! into host registers on first use and written back (if dirty) at every
//! exit and before any code that reads guest registers from memory
//! (helpers, slow paths).
//!
//! Eviction looks ahead (Belady's rule): the block's instructions are
//! known before any code is emitted (`plan`), so the victim is the cached
//! register whose next read is farthest away, or that is never read again
//! in the block (overwritten first, or not used), clean ones first among
//! those; least-recently-used breaks ties and is the whole rule when no
//! plan is given.
//!
//! Invariants: a guest register is in at most one host register; x0 is
//! never cached (reads are the constant 0, writes are dropped); every
//! cached register is either clean (memory holds the same value) or dirty
//! (the host register is newer), and `dirty()` lists exactly the latter.

use crate::layout::{callee_saved, CACHE_REGS};

/// One cached guest register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    guest: u8,
    host: u8,
    dirty: bool,
    last_use: u32,
}

/// What the emitter must do for an allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spill {
    /// Nothing: the register was free or clean.
    None,
    /// Write guest register `guest` from host register `host` first.
    Store { guest: u8, host: u8 },
}

/// The allocator state at one point of a block.
#[derive(Clone, Debug, Default)]
pub struct RegAlloc {
    slots: Vec<Slot>,
    clock: u32,
    /// For each instruction k of the block and guest register g, the
    /// index of the next instruction after k reading g before anything
    /// writes it (`NEVER_U8`: none); empty without a plan.
    next: Vec<[u8; 32]>,
    /// Index of the instruction being lowered.
    at: usize,
}

/// "Not read again in this block."
const NEVER: usize = usize::MAX;
const NEVER_U8: u8 = u8::MAX;

impl RegAlloc {
    /// Gives the allocator the register uses of the block's instructions.
    pub fn plan(&mut self, uses: &[(u32, u32)]) {
        debug_assert!(uses.len() < usize::from(NEVER_U8));
        let mut next = vec![[NEVER_U8; 32]; uses.len()];
        let mut cur = [NEVER_U8; 32];
        for (k, &(r, w)) in uses.iter().enumerate().rev() {
            next[k] = cur;
            for (g, c) in cur.iter_mut().enumerate() {
                if r & 1 << g != 0 {
                    *c = k as u8;
                } else if w & 1 << g != 0 {
                    *c = NEVER_U8;
                }
            }
        }
        self.next = next;
        self.at = 0;
    }

    /// The instruction about to be lowered.
    pub fn at(&mut self, k: usize) {
        self.at = k;
    }

    /// Index of the next instruction after the current one that reads
    /// `guest` before anything writes it; `NEVER` if none (0 without a
    /// plan: every register counts as needed soon).
    fn next_read(&self, guest: u8) -> usize {
        match self.next.get(self.at) {
            None => 0,
            Some(t) => match t[usize::from(guest & 31)] {
                NEVER_U8 => NEVER,
                j => usize::from(j),
            },
        }
    }

    /// The host register holding `guest`, if cached.
    pub fn host_of(&self, guest: u8) -> Option<u8> {
        self.slots.iter().find(|s| s.guest == guest).map(|s| s.host)
    }

    fn touch(&mut self, guest: u8) {
        self.clock += 1;
        let c = self.clock;
        if let Some(s) = self.slots.iter_mut().find(|s| s.guest == guest) {
            s.last_use = c;
        }
    }

    /// Picks a host register for `guest` (not cached yet), avoiding the
    /// host registers in `pinned`. Returns the host register and what must
    /// be spilled to free it.
    pub fn assign(&mut self, guest: u8, pinned: &[u8]) -> (u8, Spill) {
        debug_assert!(guest != 0 && self.host_of(guest).is_none());
        self.clock += 1;
        let free = CACHE_REGS.iter().copied().find(|h| !pinned.contains(h) && !self.slots.iter().any(|s| s.host == *h));
        if let Some(host) = free {
            self.slots.push(Slot { guest, host, dirty: false, last_use: self.clock });
            return (host, Spill::None);
        }
        let key = |s: &Slot| {
            let next = self.next_read(s.guest);
            (next, next == NEVER && !s.dirty, std::cmp::Reverse(s.last_use))
        };
        let best = self
            .slots
            .iter()
            .enumerate()
            .filter(|(_, s)| !pinned.contains(&s.host))
            .max_by_key(|(_, s)| key(s))
            .map(|(i, _)| i)
            .expect("more host registers than pinned ones");
        let victim = &mut self.slots[best];
        let spill = if victim.dirty { Spill::Store { guest: victim.guest, host: victim.host } } else { Spill::None };
        let host = victim.host;
        *victim = Slot { guest, host, dirty: false, last_use: self.clock };
        (host, spill)
    }

    /// Marks `guest` as used now (for LRU).
    pub fn used(&mut self, guest: u8) {
        self.touch(guest);
    }

    /// Marks `guest` as modified in its host register.
    pub fn set_dirty(&mut self, guest: u8) {
        self.touch(guest);
        if let Some(s) = self.slots.iter_mut().find(|s| s.guest == guest) {
            s.dirty = true;
        }
    }

    /// Calls `f(guest, host)` for every dirty register.
    pub fn each_dirty(&self, mut f: impl FnMut(u8, u8)) {
        self.slots.iter().filter(|s| s.dirty).for_each(|s| f(s.guest, s.host));
    }

    /// (guest, host) of every dirty register.
    pub fn dirty(&self) -> Vec<(u8, u8)> {
        self.slots.iter().filter(|s| s.dirty).map(|s| (s.guest, s.host)).collect()
    }

    /// Marks everything clean (after writing all dirty registers back).
    pub fn all_clean(&mut self) {
        self.slots.iter_mut().for_each(|s| s.dirty = false);
    }

    /// (guest, host) of every cached register in a caller-saved host
    /// register: these must be reloaded after a call.
    pub fn caller_saved(&self) -> Vec<(u8, u8)> {
        self.slots.iter().filter(|s| !callee_saved(s.host)).map(|s| (s.guest, s.host)).collect()
    }

    /// Forgets every cached register (after code that may have changed
    /// guest registers in memory). Call only when nothing is dirty.
    pub fn forget_all(&mut self) {
        debug_assert!(self.slots.iter().all(|s| !s.dirty));
        self.slots.clear();
    }

    /// Forgets `guest` without writing it back (it is about to be
    /// overwritten in memory, or was).
    pub fn forget(&mut self, guest: u8) {
        self.slots.retain(|s| s.guest != guest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lru_eviction_spills_dirty_only() {
        let mut a = RegAlloc::default();
        let mut hosts = Vec::new();
        for g in 1..=11 {
            let (h, s) = a.assign(g, &[]);
            assert_eq!(s, Spill::None);
            hosts.push(h);
        }
        a.set_dirty(1);
        for g in 2..=11 {
            a.used(g);
        }
        // All eleven are busy: the next assignment evicts guest 1 (LRU), dirty.
        let (h, s) = a.assign(12, &[]);
        assert_eq!(h, hosts[0]);
        assert_eq!(s, Spill::Store { guest: 1, host: hosts[0] });
        assert_eq!(a.host_of(1), None);
        // Pinned registers are never victims.
        let (h2, _) = a.assign(13, &[hosts[1]]);
        assert_ne!(h2, hosts[1]);
        assert_eq!(a.dirty(), vec![]);
    }

    /// With a plan, the victim is the register read farthest ahead, or
    /// never again (clean before dirty), whatever the recency.
    #[test]
    fn planned_eviction_looks_ahead() {
        let bit = |g: u8| 1u32 << g;
        // Instruction 0 uses x1..x11; then x1 is read at 1, x2 at 3, x3 is
        // overwritten at 2 (dead), the others are read at 4.
        let rest: u32 = (4..=11).map(bit).sum();
        let mut a = RegAlloc::default();
        a.plan(&[(0, 0), (bit(1), 0), (0, bit(3)), (bit(2), 0), (rest, 0)]);
        let hosts: Vec<u8> = (1..=11).map(|g| a.assign(g, &[]).0).collect();
        a.set_dirty(3);
        // x3 is dead but dirty, x12 is needed: no clean dead register, so
        // the dead dirty one goes (its value is stored first).
        let (h, s) = a.assign(12, &[]);
        assert_eq!((h, s), (hosts[2], Spill::Store { guest: 3, host: hosts[2] }));
        // x12 is not read in the block at all: it is the next victim,
        // although it is the most recently used.
        let (h, s) = a.assign(13, &[]);
        assert_eq!((h, s), (hosts[2], Spill::None));
        // Otherwise the farthest read goes: x4..x11 (read at 4) before x2
        // (read at 3) before x1 (read at 1); recency orders x4..x11.
        a.set_dirty(13);
        let (h, _) = a.assign(15, &[hosts[2]]);
        assert_eq!(h, hosts[3]);
        // Past instruction 1, x1 is never read again: it goes first.
        a.at(1);
        let (h, s) = a.assign(14, &[]);
        assert_eq!((h, s), (hosts[0], Spill::None));
    }
}
