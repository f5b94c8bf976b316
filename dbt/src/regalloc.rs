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
//! Each cached register also has a `Form`, what its host bits say about
//! the guest value: all of it (`Full`), all of it and known to be the
//! sign extension of its low word (`Sext`: word loads, lui, srliw), or
//! only its low word (`Narrow`: the guest value is that word sign-extended,
//! the upper host bits are garbage). RV64's W instructions (addw, slliw,
//! ...) produce Narrow values and consume only low words, so a chain of
//! them needs no sign extension until a 64-bit reader or a write-back
//! (`Emitter::read`, `store_back`) asks for it.
//!
//! Invariants: a guest register is in at most one host register; x0 is
//! never cached (reads are the constant 0, writes are dropped); every
//! cached register is either clean (memory holds the same value) or dirty
//! (the host register is newer), and `dirty()` lists exactly the latter;
//! a Narrow register is dirty (memory always holds full values).

use crate::layout::{callee_saved, CACHE_REGS};

/// What a cached register's host bits hold (see the module note).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// The guest value.
    Full,
    /// The guest value, which equals the sign extension of its low word.
    Sext,
    /// Only the low word: the guest value is its sign extension.
    Narrow,
}

impl Form {
    /// The form of `a op b` for and/or/xor (bitwise on the words' sign
    /// extensions): None when an operand is Full (both must be read whole).
    pub fn bitwise(a: Form, b: Form) -> Option<Form> {
        match (a, b) {
            (Form::Full, _) | (_, Form::Full) => None,
            (Form::Sext, Form::Sext) => Some(Form::Sext),
            _ => Some(Form::Narrow),
        }
    }
}

/// One cached guest register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot {
    guest: u8,
    host: u8,
    dirty: bool,
    form: Form,
    last_use: u32,
}

/// A dirty register to write back: Narrow ones are sign-extended first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dirty {
    pub guest: u8,
    pub host: u8,
    pub narrow: bool,
}

/// What the emitter must do for an allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spill {
    /// Nothing: the register was free or clean.
    None,
    /// Write this register back first.
    Store(Dirty),
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

impl Slot {
    fn as_dirty(&self) -> Dirty {
        Dirty { guest: self.guest, host: self.host, narrow: self.form == Form::Narrow }
    }
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

    /// Whether `guest` is not read after the current instruction before
    /// being written (or the block ends): its value need not be cached.
    /// False without a plan.
    pub fn dead_after(&self, guest: u8) -> bool {
        self.next_read(guest) == NEVER
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
            self.slots.push(Slot { guest, host, dirty: false, form: Form::Full, last_use: self.clock });
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
        let spill = if victim.dirty { Spill::Store(victim.as_dirty()) } else { Spill::None };
        let host = victim.host;
        *victim = Slot { guest, host, dirty: false, form: Form::Full, last_use: self.clock };
        (host, spill)
    }

    /// Marks `guest` as used now (for LRU).
    pub fn used(&mut self, guest: u8) {
        self.touch(guest);
    }

    /// Marks `guest` as modified in its host register, which now holds
    /// the value in `form`.
    pub fn set_dirty(&mut self, guest: u8, form: Form) {
        self.touch(guest);
        if let Some(s) = self.slots.iter_mut().find(|s| s.guest == guest) {
            s.dirty = true;
            s.form = form;
        }
    }

    /// The form of a cached register.
    pub fn form(&self, guest: u8) -> Option<Form> {
        self.slots.iter().find(|s| s.guest == guest).map(|s| s.form)
    }

    /// Records that a Narrow register was sign-extended in place.
    pub fn widened(&mut self, guest: u8) {
        if let Some(s) = self.slots.iter_mut().find(|s| s.guest == guest) {
            debug_assert_eq!(s.form, Form::Narrow);
            s.form = Form::Sext;
        }
    }

    /// Calls `f` for every dirty register.
    pub fn each_dirty(&self, f: impl FnMut(Dirty)) {
        self.slots.iter().filter(|s| s.dirty).map(Slot::as_dirty).for_each(f);
    }

    /// Every dirty register.
    pub fn dirty(&self) -> Vec<Dirty> {
        self.slots.iter().filter(|s| s.dirty).map(Slot::as_dirty).collect()
    }

    /// Marks everything clean after writing all dirty registers back
    /// (which sign-extended the Narrow ones in place).
    pub fn all_clean(&mut self) {
        for s in &mut self.slots {
            s.dirty = false;
            if s.form == Form::Narrow {
                s.form = Form::Sext;
            }
        }
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
        a.set_dirty(1, Form::Full);
        for g in 2..=11 {
            a.used(g);
        }
        // All eleven are busy: the next assignment evicts guest 1 (LRU), dirty.
        let (h, s) = a.assign(12, &[]);
        assert_eq!(h, hosts[0]);
        assert_eq!(s, Spill::Store(Dirty { guest: 1, host: hosts[0], narrow: false }));
        assert_eq!(a.host_of(1), None);
        // Pinned registers are never victims.
        let (h2, _) = a.assign(13, &[hosts[1]]);
        assert_ne!(h2, hosts[1]);
        assert_eq!(a.dirty(), vec![]);
    }

    /// Narrow values are listed for sign extension at write-back, and
    /// are Sext once written back.
    #[test]
    fn narrow_registers_widen_on_write_back() {
        let mut a = RegAlloc::default();
        let (h1, _) = a.assign(1, &[]);
        let (h2, _) = a.assign(2, &[]);
        a.set_dirty(1, Form::Narrow);
        a.set_dirty(2, Form::Sext);
        assert_eq!(a.dirty(), vec![Dirty { guest: 1, host: h1, narrow: true }, Dirty { guest: 2, host: h2, narrow: false }]);
        a.all_clean();
        assert_eq!((a.form(1), a.form(2), a.dirty()), (Some(Form::Sext), Some(Form::Sext), vec![]));
        assert_eq!(Form::bitwise(Form::Sext, Form::Sext), Some(Form::Sext));
        assert_eq!(Form::bitwise(Form::Sext, Form::Narrow), Some(Form::Narrow));
        assert_eq!(Form::bitwise(Form::Narrow, Form::Full), None);
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
        a.set_dirty(3, Form::Narrow);
        // x3 is dead but dirty, x12 is needed: no clean dead register, so
        // the dead dirty one goes (its value is stored first).
        let (h, s) = a.assign(12, &[]);
        assert_eq!((h, s), (hosts[2], Spill::Store(Dirty { guest: 3, host: hosts[2], narrow: true })));
        // x12 is not read in the block at all: it is the next victim,
        // although it is the most recently used.
        let (h, s) = a.assign(13, &[]);
        assert_eq!((h, s), (hosts[2], Spill::None));
        // Otherwise the farthest read goes: x4..x11 (read at 4) before x2
        // (read at 3) before x1 (read at 1); recency orders x4..x11.
        a.set_dirty(13, Form::Full);
        let (h, _) = a.assign(15, &[hosts[2]]);
        assert_eq!(h, hosts[3]);
        // Past instruction 1, x1 is never read again: it goes first.
        a.at(1);
        let (h, s) = a.assign(14, &[]);
        assert_eq!((h, s), (hosts[0], Spill::None));
    }
}
