//! The translator's dispatcher: the same contract as `cpu::interp::run`
//! (run at most `budget` instructions, take interrupts only at block
//! boundaries that the interpreter also allows, stop when the hart needs
//! attention), executing translated blocks instead of single instructions.
//!
//! Per exit: `Next`/`Trap` look the next block up (jump cache, then map,
//! then translation); `Chain` links the jump that asked; `Stale` drops
//! the block; `Budget` finishes the last few instructions in the
//! interpreter so budgets end exactly on an instruction boundary.
//! Instructions that cannot be translated (an instruction straddling a
//! page, code outside RAM such as the boot ROM) run in the interpreter.

use std::sync::atomic::Ordering;

use cpu::interp::{check_interrupts, step_auto as step, Exit as RunExit};
use cpu::Hart;

use crate::block::{translate, Key};
use crate::cache::CodeCache;
use crate::emit::Exit;
use crate::lower::HostCaps;

/// Default code memory per hart.
pub const CODE_SIZE: usize = 64 << 20;

/// Code memory kept free so a translation always fits.
const HEADROOM: usize = 1 << 20;
/// By default a block is interpreted the first `HOT` times it is reached
/// and then translated: most kernel initialization code runs a few times,
/// and translating a block (about 5 us) costs as much as interpreting it
/// some 30 times. Measured on a Linux boot: HOT = 2, 8, 32 and 100
/// translated 56 k, 47 k, 34 k and 24 k blocks in 0.29-0.35, 0.21-0.25,
/// 0.16-0.17 and 0.10-0.13 s, while the instructions interpreted cold grew
/// from 1.1 M to 3.4 M, 9.1 M and 18.7 M (about 11 ns each): the sum is
/// lowest between 8 and 32.
pub const HOT: u8 = 12;

/// The translator for one hart.
pub struct Jit {
    pub cache: CodeCache,
    caps: HostCaps,
    /// Blocks entered through the dispatcher (not linked or jump-cached).
    pub dispatches: u64,
    /// Exits by reason (index = `Exit` value).
    pub exits: [u64; 6],
    /// Steps interpreted because the pc could not be translated.
    pub interpreted: u64,
    /// Time spent translating.
    pub translate_time: std::time::Duration,
    /// Bytes of code generated.
    pub code_bytes: u64,
    /// How often each not-yet-translated block start was reached.
    heat: rustc_hash::FxHashMap<Key, u8>,
    /// Instructions run by the interpreter while blocks were still cold.
    pub cold_steps: u64,
    /// `MIMIC_PERF_MAP` set: symbols for `perf` (/tmp/perf-PID.map).
    perf_map: Option<std::fs::File>,
    /// Times a block is interpreted before it is translated (0: always
    /// translate, as the differential tests want).
    pub hot: u8,
    /// Audit mode: check every block against the interpreter.
    pub audit: bool,
    /// The first audit difference found (the run stops there).
    pub audit_failure: Option<String>,
    /// Blocks audited (replayed and compared).
    pub audited: u64,
    /// The current batch is soft (`run`) and a block did not fit in it.
    batch_over: bool,
    /// The debugger's breakpoint generation the code cache was built for.
    debug_gen: u64,
}

/// Opens the perf map when `MIMIC_PERF_MAP` is set (for profiling).
fn perf_map() -> Option<std::fs::File> {
    std::env::var_os("MIMIC_PERF_MAP")?;
    std::fs::File::create(format!("/tmp/perf-{}.map", std::process::id())).ok()
}

/// Whether another thread asked this hart to leave its batch.
#[inline]
fn exit_requested(h: &Hart) -> bool {
    h.signals.exit_req.load(Ordering::Relaxed) != 0
}

impl Jit {
    pub fn new() -> std::io::Result<Jit> {
        Ok(Jit { cache: CodeCache::new(CODE_SIZE)?, caps: HostCaps::detect(), dispatches: 0, exits: [0; 6], interpreted: 0, translate_time: std::time::Duration::ZERO, code_bytes: 0, heat: Default::default(), cold_steps: 0, perf_map: perf_map(), hot: HOT, audit: false, audit_failure: None, audited: 0, batch_over: false, debug_gen: 0 })
    }

    /// Runs at most `budget` instructions of `h`; see the module note.
    /// An `exact` batch runs exactly `budget` unless the hart needs the
    /// run loop (the last instructions that do not make a whole block
    /// are interpreted); otherwise the batch ends at the first block that
    /// does not fit (it runs translated at the start of the next batch).
    /// Exact batches are for instruction limits and deterministic turns.
    pub fn run(&mut self, h: &mut Hart, budget: u64, exact: bool) -> (RunExit, u64) {
        h.attention = false;
        check_interrupts(h);
        if h.wfi {
            return (RunExit::Attention, 0);
        }
        if let Some(g) = h.debug.as_ref().map(|d| d.generation()).filter(|&g| g != self.debug_gen) {
            self.debug_changed(g);
        }
        h.jit_jump_cache = self.cache.jump_cache();
        let mut left = budget as i64;
        let mut steps = 0u64;
        while left > 0 {
            if h.signals.exit_req.load(Ordering::Relaxed) != 0 || self.audit_failure.is_some() {
                return (RunExit::Attention, steps);
            }
            let used = if self.audit { self.dispatch_audited(h, left) } else { self.dispatch(h, left, exact) };
            left -= used as i64;
            steps += used;
            if std::mem::take(&mut self.batch_over) {
                return (RunExit::Budget, steps);
            }
            h.code_written = false;
            if std::mem::take(&mut h.attention) {
                if h.wfi || h.signals.exit_req.load(Ordering::Relaxed) != 0 {
                    return (RunExit::Attention, steps);
                }
                check_interrupts(h);
            }
        }
        (RunExit::Budget, steps)
    }

    /// Breakpoints changed: translations may run through a new breakpoint
    /// or end before a removed one, so forget them all.
    #[cold]
    fn debug_changed(&mut self, generation: u64) {
        self.cache.flush();
        self.debug_gen = generation;
    }

    /// Runs one block (or one interpreted instruction); returns the steps
    /// it used (at least 1, so traps that retire nothing still progress).
    fn dispatch(&mut self, h: &mut Hart, left: i64, exact: bool) -> u64 {
        let (fast, entry) = match self.jc_lookup(h) {
            Some(code) => (true, code),
            None => {
                if let Some(n) = self.run_cold(h, left) {
                    return n;
                }
                // Execute triggers are checked per instruction by the
                // interpreter; translated code would skip them, so
                // interpret while any is armed.
                if h.csr.triggers.armed & cpu::csr::trigger::EXECUTE != 0 {
                    self.interpreted += 1;
                    step(h);
                    return 1;
                }
                let Some(code) = self.lookup(h) else {
                    self.interpreted += 1;
                    step(h);
                    return 1;
                };
                (false, code)
            }
        };
        let (code, vpc) = (entry, h.pc);
        self.dispatches += 1;
        h.budget = left;
        h.jit_start_budget = left;
        h.jit_base_instret = h.instret;
        let exit = self.cache.tramp.run(h, code);
        self.exits[(exit as usize).min(5)] += 1;
        h.sync_instret();
        let used = (left - h.budget) as u64;
        if fast && exit == Exit::Lookup as u32 && h.pc == vpc && used == 0 {
            // The block's page is mapped elsewhere now: its entry refused
            // to run. Forget the jump-cache entry; the next dispatch looks
            // the pc up through the TLB.
            self.cache.jc_clear_page(vpc);
        }
        match exit {
            x if x == Exit::Chain as u32 => self.link(h),
            x if x == Exit::Budget as u32 && !exact => {
                self.batch_over = true;
                return used;
            }
            x if x == Exit::Budget as u32 => return used + self.finish_budget(h, h.budget),
            x if x == Exit::Stale as u32 => self.relink_stale(h),
            _ => {}
        }
        used.max(1)
    }

    /// Audit mode: one block, then the interpreter replays it (see
    /// `audit`).
    fn dispatch_audited(&mut self, h: &mut Hart, left: i64) -> u64 {
        // Keep a log open even between blocks, so no TLB fill in audit
        // mode ever grants the store fast path (every store is logged).
        if h.audit.is_none() {
            h.audit = Some(cpu::AuditLog::default());
            h.tlb.flush_all();
        }
        if h.csr.triggers.armed & cpu::csr::trigger::EXECUTE != 0 {
            step(h);
            return 1;
        }
        let Some(code) = self.lookup(h) else {
            step(h);
            return 1;
        };
        let before = crate::audit::State::save(h);
        let vpc = h.pc;
        h.audit = Some(cpu::AuditLog::default());
        h.budget = left;
        h.jit_start_budget = left;
        h.jit_base_instret = h.instret;
        let exit = self.cache.tramp.run(h, code);
        h.sync_instret();
        let jit_log = h.audit.replace(cpu::AuditLog::default()).unwrap_or_default();
        let after = crate::audit::State::save(h);
        let steps = before.steps_to(&after);
        if exit == Exit::Budget as u32 {
            return self.finish_budget(h, h.budget);
        }
        if jit_log.unreplayable || steps == 0 {
            return steps.max(1);
        }
        crate::audit::undo(h, &jit_log);
        before.restore(h);
        h.audit = Some(cpu::AuditLog::default());
        for _ in 0..steps {
            step(h);
        }
        let ref_log = h.audit.replace(cpu::AuditLog::default()).unwrap_or_default();
        self.audited += 1;
        let mut d = after.diff(&crate::audit::State::save(h));
        d.extend(crate::audit::diff_writes(&jit_log, &ref_log));
        if !d.is_empty() {
            self.audit_failure = Some(self.audit_report(h, vpc, code, &d));
        }
        steps
    }

    fn audit_report(&self, h: &Hart, vpc: u64, code: usize, d: &[String]) -> String {
        let mut r = format!("translator audit: block at {vpc:#x} differs from the interpreter\n");
        for l in d {
            r.push_str(&format!("  {l}\n"));
        }
        let key = Self::key(h, h.fetch_pa_quiet(vpc));
        if let Some(b) = self.cache.get(&key).filter(|b| b.checked == code) {
            r.push_str("guest block:\n");
            let mut pc = vpc;
            for d in b.insns.iter() {
                r.push_str(&format!("  {pc:#x}: {}\n", cpu::isa::disasm::disasm(d, pc)));
                pc = pc.wrapping_add(u64::from(d.len));
            }
            if let Some(bytes) = self.cache.mem.bytes(b.checked, b.len) {
                r.push_str("host code:\n");
                r.push_str(&crate::audit::host_listing(bytes, b.checked as u64));
            }
        }
        r
    }

    /// Interprets the block at the pc if it is still cold (reached fewer
    /// than `HOT` times): instruction by instruction until control leaves
    /// the straight line (a jump, branch, trap or anything needing
    /// attention), the page ends, or the budget does. Returns the steps
    /// taken, or None if the block is hot (or cannot be looked up).
    fn run_cold(&mut self, h: &mut Hart, left: i64) -> Option<u64> {
        let ppc = h.fetch_pa(h.pc).ok()?;
        let key = Self::key(h, ppc);
        if self.cache.get(&key).is_some() || !h.bus.ram_page(ppc) {
            return None;
        }
        let heat = self.heat.entry(key).or_insert(0);
        if *heat >= self.hot {
            self.heat.remove(&key);
            return None;
        }
        *heat += 1;
        let mut n = 0;
        let page = h.pc >> 12;
        while n < left as u64 && n < crate::block::MAX_INSNS as u64 {
            let pc = h.pc;
            let before = h.instret;
            step(h);
            n += 1;
            let len = if h.instret == before { 0 } else { h.pc.wrapping_sub(pc) };
            // An exit request (a power event, another hart, a device)
            // ends the run after this instruction, as in the interpreter.
            if !(len == 2 || len == 4) || h.attention || h.pc >> 12 != page || exit_requested(h) {
                break;
            }
        }
        self.cold_steps += n;
        Some(n)
    }

    /// Runs the last `n` (< block length) budgeted instructions one by one.
    fn finish_budget(&mut self, h: &mut Hart, n: i64) -> u64 {
        for _ in 0..n {
            step(h);
            if h.attention || exit_requested(h) {
                break;
            }
        }
        n.max(1) as u64
    }

    /// The dispatcher's fast path: the checked entry the jump cache holds
    /// for the pc in the hart's current mode. The entry itself checks that
    /// the page still maps where it did and that its code is current
    /// (exiting with `Lookup` or `Stale` otherwise), as for indirect jumps
    /// in translated code. Not with execute triggers armed, in audit mode
    /// or at a breakpoint (the jump cache is cleared when breakpoints
    /// change, and blocks never start at one).
    fn jc_lookup(&self, h: &Hart) -> Option<usize> {
        if self.audit || h.csr.triggers.armed & cpu::csr::trigger::EXECUTE != 0 {
            return None;
        }
        let tag = Self::key(h, 0).tag_bits();
        self.cache.jc_lookup(h.pc, tag)
    }

    fn key(h: &Hart, ppc: u64) -> Key {
        Key::new(h.pc, ppc, h.priv_, h.dset, h.csr.fs() != 0)
    }

    /// The checked entry of the block at the hart's pc, translating it if
    /// needed; None when the pc must be interpreted (or faults: then the
    /// interpreter's step takes the trap).
    fn lookup(&mut self, h: &mut Hart) -> Option<usize> {
        // Through the TLB (refilling it), never the jump cache alone: a
        // block whose mapping changed exits here to be looked up afresh.
        let ppc = h.fetch_pa(h.pc).ok()?;
        if !h.bus.ram_page(ppc) {
            return None;
        }
        let key = Self::key(h, ppc);
        let code = self.block(h, key)?;
        if !self.audit {
            self.cache.jc_insert(key.vpc, key.tag_bits(), code);
        }
        Some(code)
    }

    /// The checked entry of the block `key`, translating if absent or stale.
    fn block(&mut self, h: &mut Hart, key: Key) -> Option<usize> {
        // A breakpoint's pc is always interpreted (`step_checked` stops there).
        if h.debug.as_ref().is_some_and(|d| d.breaks_at(key.vpc)) {
            return None;
        }
        let ram = h.bus.ram();
        if let Some(b) = self.cache.get(&key) {
            if ram.code().gen(b.page) == b.gen {
                return Some(b.checked);
            }
            self.cache.remove(&key);
        }
        // Mark first and make every hart drop its write tags for the page,
        // then read the generation and the code: a write racing with the
        // translation then makes it stale instead of wrong.
        if ram.code().mark(key.ppc) {
            let host = h.ram_host + ((key.ppc & !0xfff) - ram.base()) as usize;
            h.tlb.unwrite_host_page(host);
            ram.code().dropped_writes(key.ppc, h.id);
            let writers = ram.code().writers(key.ppc);
            cpu::smp::unwrite_everywhere(h, host, writers);
        }
        let ram = h.bus.ram();
        if self.cache.mem.free() < HEADROOM {
            self.cache.flush();
        }
        let t0 = std::time::Instant::now();
        let debug = h.debug.as_deref();
        let target = crate::block::Target { mem: &mut self.cache.mem, epilogue: self.cache.tramp.epilogue, slow: self.cache.slow, debug };
        let b = translate(ram, h.ram_host, target, key, self.caps)?;
        self.translate_time += t0.elapsed();
        self.code_bytes += b.len as u64;
        if let Some(f) = self.perf_map.as_mut() {
            use std::io::Write;
            let _ = writeln!(f, "{:x} {:x} guest_{:x}_{}", b.checked, b.len, key.vpc, key.mode);
        }
        if let Some(t) = h.trace.as_mut().filter(|t| t.wants_blocks()) {
            if let Some(bytes) = self.cache.mem.bytes(b.checked, b.len) {
                t.block(key.vpc, &b.insns, bytes, b.checked as u64);
            }
        }
        Some(self.cache.insert(b).checked)
    }

    /// Links the jump that asked (its rel32 ends at `h.jit_link & !3`) to
    /// the block at the new pc: its chained entry for a jump within the
    /// page, its checked entry for one to another page (bit 0 set).
    fn link(&mut self, h: &mut Hart) {
        if self.audit {
            return; // one block per dispatch
        }
        let (at, cross) = (h.jit_link & !3, h.jit_link & 1 != 0);
        let Ok(ppc) = h.fetch_pa(h.pc) else { return };
        if !h.bus.ram_page(ppc) {
            return;
        }
        let key = Self::key(h, ppc);
        let flushes = self.cache.stats.flushes;
        if self.block(h, key).is_none() || self.cache.stats.flushes != flushes {
            return; // a flush freed the jump that asked: nothing to patch
        }
        if let Some(b) = self.cache.get(&key) {
            let target = if cross { b.checked } else { b.chained };
            self.cache.link(at, target);
        }
    }

    /// A block found its page rewritten (its checked entry is in
    /// `h.jit_link`): forget the page's jump-cache entries, find or make
    /// the current translation of the pc, and turn the stale entry into a
    /// jump to it, so jumps linked to the stale block from other pages
    /// reach the new one (both start at the same pc in the same mode, and
    /// the new one checks its own page and mapping).
    fn relink_stale(&mut self, h: &mut Hart) {
        let stale = h.jit_link;
        self.cache.jc_clear_page(h.pc);
        let flushes = self.cache.stats.flushes;
        let Some(fresh) = self.lookup(h) else { return };
        if self.cache.stats.flushes == flushes && fresh != stale {
            self.cache.redirect(stale, fresh);
        }
    }
}
