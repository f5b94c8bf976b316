//! The hart's memory accesses: loads, stores, fetches and atomics through
//! the TLB fast path, with the page walk, PMP, misaligned handling and
//! device accesses on the slow path (privileged spec 3.6-3.7, 12.3;
//! unprivileged spec 2.6 "Load and Store Instructions" on misalignment).
//!
//! Invariants: a fast-path hit only ever touches RAM through the bounds-
//! checked `Ram` accessors; a misaligned access that crosses a page
//! translates both pages before touching memory and reports a fault on
//! the second page at that page's first byte (as Spike and QEMU do);
//! triggers armed for loads or stores keep those accesses off the fast
//! path (the fill refuses the tag) so the slow path can check them.

use mmu::tlb::{fetch_set, Grant, PAGE_MASK};
use mmu::walk::{self, Translation, WalkCtx};
use mmu::{Access, AmoOp, Fault, Priv, Word, PAGE_SIZE};

use crate::csr::bits::*;
use crate::csr::trigger;
use crate::hart::{Hart, Misaligned, Reservation, Superpage};
use crate::trap::{Cause, Exception};

impl Hart {
    /// Loads a `T` from virtual address `va`.
    #[inline(always)]
    pub fn load<T: Word>(&mut self, va: u64) -> Result<T, Exception> {
        if let Some(host) = self.tlb.read(self.dset, va, T::SIZE as u64) {
            if let Some(v) = self.bus.ram().read_off::<T>(host.wrapping_sub(self.ram_host)) {
                return Ok(v);
            }
        }
        self.load_slow(va, T::SIZE as u64).map(T::from_u64)
    }

    /// Stores `v` at virtual address `va`.
    #[inline(always)]
    pub fn store<T: Word>(&mut self, va: u64, v: T) -> Result<(), Exception> {
        if let Some(host) = self.tlb.write(self.dset, va, T::SIZE as u64) {
            if self.bus.ram().write_off::<T>(host.wrapping_sub(self.ram_host), v) {
                return Ok(());
            }
        }
        self.store_slow(va, T::SIZE as u64, v.into())
    }

    /// Fetches the raw bits of the instruction at `pc` (16-bit encodings
    /// zero-extended).
    #[inline(always)]
    pub fn fetch(&mut self) -> Result<u32, Exception> {
        let pc = self.pc;
        if let Some(host) = self.tlb.exec(fetch_set(self.priv_), pc, 2) {
            let off = host.wrapping_sub(self.ram_host);
            let ram = self.bus.ram();
            if let Some(lo) = ram.read_off::<u16>(off) {
                if lo & 3 != 3 {
                    return Ok(u32::from(lo));
                }
                if pc & 0xfff != 0xffe {
                    if let Some(hi) = ram.read_off::<u16>(off + 2) {
                        return Ok(u32::from(lo) | u32::from(hi) << 16);
                    }
                }
            }
        }
        self.fetch_slow()
    }

    /// The physical address of a fetch at `va` if the exec TLB holds it
    /// (no walk, no side effects; 0 otherwise), for reports.
    pub fn fetch_pa_quiet(&self, va: u64) -> u64 {
        self.tlb.exec(fetch_set(self.priv_), va, 2).map_or(0, |host| (host - self.ram_host) as u64 + self.bus.ram().base())
    }

    /// The physical address of an instruction fetch at `va` (the exec TLB
    /// first, then a walk that refills it).
    pub fn fetch_pa(&mut self, va: u64) -> Result<u64, Exception> {
        if let Some(host) = self.tlb.exec(fetch_set(self.priv_), va, 2) {
            return Ok((host - self.ram_host) as u64 + self.bus.ram().base());
        }
        self.translate(va, Access::Exec, 2)
    }

    fn fetch_slow(&mut self) -> Result<u32, Exception> {
        let pc = self.pc;
        let lo = self.fetch_half(pc)?;
        if lo & 3 != 3 {
            return Ok(lo);
        }
        Ok(lo | self.fetch_half(pc.wrapping_add(2))? << 16)
    }

    /// The 16 bits at `va`: the exec TLB first (an instruction straddling
    /// two pages comes here for both halves every time it runs), then a
    /// translation that refills it.
    fn fetch_half(&mut self, va: u64) -> Result<u32, Exception> {
        if let Some(host) = self.tlb.exec(fetch_set(self.priv_), va, 2) {
            if let Some(half) = self.bus.ram().read_off::<u16>(host.wrapping_sub(self.ram_host)) {
                return Ok(u32::from(half));
            }
        }
        let pa = self.translate(va, Access::Exec, 2)?;
        self.bus.fetch(pa, 2).map(|v| v as u32).map_err(|_| Exception::new(Cause::InsnAccessFault, va))
    }

    /// The translation context for mode `p`.
    pub fn walk_ctx(&self, p: Priv) -> WalkCtx {
        let st = self.csr.mstatus;
        WalkCtx {
            satp: self.csr.satp,
            priv_: p,
            sum: st & MSTATUS_SUM != 0,
            mxr: st & MSTATUS_MXR != 0,
            adue: self.csr.menvcfg & MENVCFG_ADUE != 0,
        }
    }

    /// A translation of `va` from the superpage cache, if one is valid
    /// and allows access `a` without a walk (permissions, A and D).
    fn superpage_hit(&self, set: usize, va: u64, ctx: &WalkCtx, a: Access) -> Option<Translation> {
        let s = &self.superpages[(va >> 21) as usize & 7];
        let hit = s.generation == self.tlb.generation && s.set == set && s.size != 0 && va & !(s.size - 1) == s.va_base;
        (hit && s.translation.allows(ctx, a)).then(|| {
            let mut t = s.translation;
            t.pa = (t.pa & !(s.size - 1)) | (va & (s.size - 1));
            t
        })
    }

    fn superpage_note(&mut self, set: usize, va: u64, t: &Translation) {
        if t.page_size > PAGE_SIZE && t.pte != 0 {
            self.superpages[(va >> 21) as usize & 7] =
                Superpage { generation: self.tlb.generation, set, va_base: va & !(t.page_size - 1), size: t.page_size, translation: *t };
        }
    }

    /// Translates `va` for a `len`-byte access of kind `a` (page walk and
    /// PMP), filling the TLB when the page may be cached. A miss inside a
    /// recently walked superpage skips the walk: the TLB holds 4 KiB
    /// pieces, and the kernel's linear map is made of 2 MiB pages.
    pub fn translate(&mut self, va: u64, a: Access, len: u64) -> Result<u64, Exception> {
        let p = if a == Access::Exec { self.priv_ } else { self.dpriv };
        let ctx = self.walk_ctx(p);
        let set = if a == Access::Exec { fetch_set(p) } else { self.dset };
        if self.trace.is_none() {
            if let Some(t) = self.superpage_hit(set, va, &ctx, a) {
                if !self.pmp.check(t.pa, len, p, a) {
                    return Err(Fault::access(a, va).into());
                }
                self.fill(p, set, va, &t, &ctx);
                return Ok(t.pa);
            }
        }
        self.stats.walks += 1;
        let pc = self.pc;
        let t = match self.trace.as_mut() {
            Some(tr) => {
                tr.walk_begin(ctx.satp, va, pc, p);
                walk::translate(&self.bus, &self.pmp, &ctx, va, a, &mut |e| tr.walk_step(&e))
            }
            None => walk::translate(&self.bus, &self.pmp, &ctx, va, a, &mut |_| {}),
        };
        if let Some(tr) = self.trace.as_mut() {
            tr.walk_end(&t);
        }
        let t = t?;
        self.stats.walk_sizes[((t.page_size.trailing_zeros() - 12) / 9).min(4) as usize] += 1;
        if !self.pmp.check(t.pa, len, p, a) {
            return Err(Fault::access(a, va).into());
        }
        self.superpage_note(set, va, &t);
        self.fill(p, set, va, &t, &ctx);
        Ok(t.pa)
    }

    fn fill(&mut self, p: Priv, set: usize, va: u64, t: &Translation, ctx: &WalkCtx) {
        let page = t.pa & PAGE_MASK;
        if !self.bus.ram_page(page) {
            return;
        }
        let pp = self.pmp.page_perms(page, p);
        let mut armed = self.csr.triggers.armed;
        if self.debug.as_ref().is_some_and(|d| d.armed() && d.watches_page(va)) {
            armed |= trigger::LOAD | trigger::STORE; // keep it on the slow path (debug watch)
        }
        // Fetch sets hold only execute tags, data sets only read/write.
        let fetch = set >= mmu::tlb::SET_XU;
        let writable = !fetch && t.allows(ctx, Access::Write) && pp & 2 != 0 && armed & trigger::STORE == 0 && self.audit.is_none();
        let g = Grant {
            read: !fetch && t.allows(ctx, Access::Read) && pp & 1 != 0 && armed & trigger::LOAD == 0,
            // Never for a code page (see mmu::code for the handshake).
            write: writable && self.bus.ram().code().may_write(page, self.id),
            exec: fetch && t.allows(ctx, Access::Exec) && pp & 4 != 0,
        };
        let host = self.ram_host + (page - self.bus.ram().base()) as usize;
        self.tlb.fill(set, va, host, g, t.page_size);
    }

    fn check_trigger(&self, kind: u64, va: u64) -> Result<(), Exception> {
        let mie = self.csr.mstatus & MSTATUS_MIE != 0;
        if self.csr.triggers.armed & kind != 0 && self.csr.triggers.fires(kind, va, self.dpriv, mie) {
            return Err(Exception::new(Cause::Breakpoint, va));
        }
        Ok(())
    }

    fn load_slow(&mut self, va: u64, size: u64) -> Result<u64, Exception> {
        self.check_trigger(trigger::LOAD, va)?;
        self.debug_watch(va, size, false)?;
        if va % size != 0 {
            return self.load_misaligned(va, size);
        }
        let pa = self.translate(va, Access::Read, size)?;
        if self.audit.is_some() && self.bus.window(pa).is_some() {
            self.audit_unreplayable();
        }
        let v = self.bus.read(pa, size as u8).map_err(|_| Exception::new(Cause::LoadAccessFault, va))?;
        if self.trace.is_some() {
            self.trace_dev(pa, size, false, v);
        }
        Ok(v)
    }

    /// A debugger watchpoint on an access about to happen: record the
    /// stop and abort the instruction with no guest-visible effect (GDB's
    /// RISC-V port expects watchpoints to stop before the access and steps
    /// over it itself; `take_trap` turns the abort into a plain stop).
    #[inline]
    fn debug_watch(&mut self, va: u64, size: u64, write: bool) -> Result<(), Exception> {
        let Some(d) = self.debug.as_ref().filter(|d| d.armed()) else { return Ok(()) };
        let Some(w) = d.watch_hit(va, size, write) else { return Ok(()) };
        let kind = crate::debug::StopKind::Watch { kind: w.kind, addr: va };
        d.clone().abort(self.id as usize, kind);
        self.attention = true;
        Err(Exception::new(Cause::Breakpoint, va))
    }

    fn store_slow(&mut self, va: u64, size: u64, v: u64) -> Result<(), Exception> {
        self.check_trigger(trigger::STORE, va)?;
        self.debug_watch(va, size, true)?;
        if va % size != 0 {
            return self.store_misaligned(va, size, v);
        }
        let pa = self.translate(va, Access::Write, size)?;
        self.audit_write(pa, size, v);
        self.bus.write(pa, size as u8, v).map_err(|_| Exception::new(Cause::StoreAccessFault, va))?;
        if self.trace.is_some() {
            self.trace_dev(pa, size, true, v);
        }
        self.note_write(pa, size);
        Ok(())
    }

    /// The physical addresses of a misaligned access's two parts (the
    /// second is `None` when the access stays within one page).
    fn split(&mut self, va: u64, size: u64, a: Access) -> Result<(u64, Option<u64>), Exception> {
        let first_len = (PAGE_SIZE - (va & (PAGE_SIZE - 1))).min(size);
        let lo = self.translate(va, a, first_len)?;
        if first_len == size {
            return Ok((lo, None));
        }
        let va2 = va.wrapping_add(first_len);
        Ok((lo, Some(self.translate(va2, a, size - first_len)?)))
    }

    /// Physical address of byte `i` of a split access.
    fn part(va: u64, parts: (u64, Option<u64>), i: u64) -> u64 {
        let first_len = PAGE_SIZE - (va & (PAGE_SIZE - 1));
        match parts.1 {
            Some(hi) if i >= first_len => hi + (i - first_len),
            _ => parts.0 + i,
        }
    }

    fn store_misaligned(&mut self, va: u64, size: u64, v: u64) -> Result<(), Exception> {
        self.stats.misaligned += 1;
        if self.config.misaligned == Misaligned::Trap {
            return Err(Exception::new(Cause::StoreMisaligned, va));
        }
        let parts = self.split(va, size, Access::Write)?;
        let err = Exception::new(Cause::StoreAccessFault, va);
        if !(0..size).all(|i| self.bus.ram().contains(Self::part(va, parts, i), 1)) {
            return Err(err);
        }
        for i in 0..size {
            let pa = Self::part(va, parts, i);
            self.audit_write(pa, 1, (v >> (8 * i)) & 0xff);
            self.bus.write(pa, 1, v >> (8 * i)).map_err(|_| err)?;
            self.note_write(pa, 1);
        }
        Ok(())
    }

    fn load_misaligned(&mut self, va: u64, size: u64) -> Result<u64, Exception> {
        self.stats.misaligned += 1;
        if self.config.misaligned == Misaligned::Trap {
            return Err(Exception::new(Cause::LoadMisaligned, va));
        }
        let parts = self.split(va, size, Access::Read)?;
        let err = Exception::new(Cause::LoadAccessFault, va);
        let mut v = 0;
        for i in 0..size {
            let b = self.bus.ram().read::<u8>(Self::part(va, parts, i)).ok_or(err)?;
            v |= u64::from(b) << (8 * i);
        }
        Ok(v)
    }

    /// An AMO (A extension 14.4): aligned, RAM only, needs write access.
    pub fn amo(&mut self, va: u64, size: u64, op: AmoOp, operand: u64) -> Result<u64, Exception> {
        if va % size != 0 {
            return Err(Exception::new(Cause::StoreMisaligned, va));
        }
        self.check_trigger(trigger::STORE, va)?;
        self.debug_watch(va, size, true)?;
        let pa = self.translate(va, Access::Write, size)?;
        if self.audit.is_some() {
            let cur = if size == 4 { self.bus.ram().read::<u32>(pa).map(u64::from) } else { self.bus.ram().read::<u64>(pa) };
            let new = cur.map_or(0, |c| op.apply(c, operand, 8 * size as u32));
            self.audit_write(pa, size, new);
        }
        let old = self.bus.ram().amo(pa, size as usize, op, operand).ok_or(Exception::new(Cause::StoreAccessFault, va))?;
        self.note_write(pa, size);
        Ok(old)
    }

    /// LR (14.2): aligned load that registers a reservation.
    pub fn load_reserved(&mut self, va: u64, size: u64) -> Result<u64, Exception> {
        if va % size != 0 {
            return Err(Exception::new(Cause::LoadMisaligned, va));
        }
        self.check_trigger(trigger::LOAD, va)?;
        self.debug_watch(va, size, false)?;
        let pa = self.translate(va, Access::Read, size)?;
        let err = Exception::new(Cause::LoadAccessFault, va);
        let value = match size {
            4 => self.bus.ram().read::<u32>(pa).map(u64::from),
            _ => self.bus.ram().read::<u64>(pa),
        }
        .ok_or(err)?;
        self.reservation = Some(Reservation { pa, size: size as u8, value });
        Ok(value)
    }

    /// SC (14.2): stores only if the reservation covers this address and
    /// memory still holds the reserved value; always clears the
    /// reservation. Returns true on success.
    pub fn store_conditional(&mut self, va: u64, size: u64, v: u64) -> Result<bool, Exception> {
        if va % size != 0 {
            return Err(Exception::new(Cause::StoreMisaligned, va));
        }
        self.check_trigger(trigger::STORE, va)?;
        self.debug_watch(va, size, true)?;
        let pa = self.translate(va, Access::Write, size)?;
        if !self.bus.ram().contains(pa, size) {
            return Err(Exception::new(Cause::StoreAccessFault, va));
        }
        let Some(r) = self.reservation.take() else { return Ok(false) };
        if r.pa != pa || u64::from(r.size) != size {
            return Ok(false);
        }
        if self.audit.is_some() && self.bus.ram().read::<u64>(pa).is_some() {
            self.audit_write(pa, size, v);
        }
        let ok = self.bus.ram().cmpxchg(pa, size as usize, r.value, v) == Some(true);
        if ok {
            self.note_write(pa, size);
        } else if let Some(log) = self.audit.as_mut() {
            log.writes.pop();
        }
        Ok(ok)
    }
}
