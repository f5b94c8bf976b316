//! Scheduling harts onto host threads.
//!
//! Normally each hart runs on its own host thread (named `hartN`; one hart
//! runs on the caller's thread): it executes batches in its engine until a
//! power event (poweroff, HTIF exit, quit) or its instruction limit; the
//! first hart to finish decides the outcome and stops the others through
//! `Power`. WFI parks the thread until the next timer deadline or a kick;
//! an HSM-stopped hart parks until started. Between batches a hart serves
//! other harts' requests (`cpu::smp`) and stops at the machine's
//! `Control` checkpoint when a debugger pauses it.
//!
//! `--deterministic` runs every hart on the calling thread, round-robin,
//! `QUANTUM` steps at a time, and derives mtime from the instructions
//! retired (`Timebase::advance`): an idle machine skips straight to its
//! next timer deadline instead of sleeping. Without host input the run is
//! a pure function of the images and options (issue #7, #8).
//!
//! Translator audit mode with several harts also takes turns (a block is
//! replayed against memory no other hart changes meanwhile).
//!
//! Invariant (round-robin): a hart not being run is marked parked, so a
//! running hart's cross-hart request never waits for it; it serves the
//! request at the start of its next turn.

use std::sync::Mutex;

use mimic_cpu::control::Control;
use mimic_cpu::interp::Exit;
use mimic_cpu::{smp, Hart};
use mimic_mmu::PowerEvent;

use crate::run::{outcome, HartEngine, Outcome};
use crate::Machine;

/// Steps per batch: bounds how late a timer deadline or a device's
/// exit request is noticed by code that chains block to block (about
/// 50 µs at the translator's speed).
const BATCH: u64 = 50_000;

/// Steps per turn in deterministic mode (1 ms of guest time at the
/// deterministic 10 instructions per tick).
const QUANTUM: u64 = 10_000;

impl Machine {
    /// Runs until the machine stops.
    pub fn run(&mut self) -> Outcome {
        let limit = self.max_insns;
        let control = self.control.clone();
        // Audit replays a block against memory other harts may change
        // meanwhile: with several harts it needs them to take turns.
        let audit_smp = self.harts.len() > 1 && self.engines.iter().any(|e| e.audits());
        if self.timebase.deterministic() || audit_smp {
            return round_robin(&mut self.harts, &mut self.engines, limit, &control);
        }
        if self.harts.len() == 1 {
            return run_hart(&mut self.harts[0], &mut self.engines[0], limit, &control);
        }
        let first: Mutex<Option<Outcome>> = Mutex::new(None);
        let power = self.power.clone();
        // More harts than host CPUs: a spinning hart (PAUSE) gives its
        // CPU to the others, one of which it is probably waiting for.
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        let oversubscribed = self.harts.len() > cpus;
        self.harts.iter_mut().for_each(|h| h.pause_yields = oversubscribed);
        std::thread::scope(|s| {
            for (h, e) in self.harts.iter_mut().zip(self.engines.iter_mut()) {
                let (first, power, control) = (&first, &power, &control);
                let spawned = std::thread::Builder::new().name(format!("hart{}", h.id)).spawn_scoped(s, move || {
                    let o = run_hart(h, e, limit, control);
                    first.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(o);
                    power.request(PowerEvent::Quit);
                });
                if let Err(e) = spawned {
                    first.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(Outcome::HostError(format!("cannot start a hart thread: {e}")));
                    power.request(PowerEvent::Quit);
                }
            }
        });
        first.into_inner().unwrap_or_else(|e| e.into_inner()).unwrap_or(Outcome::Quit)
    }
}

/// Runs one hart on the current thread.
pub fn run_hart(h: &mut Hart, engine: &mut HartEngine, limit: Option<u64>, control: &Control) -> Outcome {
    let mut steps = 0u64;
    loop {
        if let Some(ev) = h.power.event() {
            return outcome(ev);
        }
        if limit.is_some_and(|l| steps >= l) {
            return Outcome::MaxInsns(steps);
        }
        h.signals.take_exit_req();
        control.checkpoint(h);
        smp::serve(h);
        if !smp::runnable(h, true) {
            continue;
        }
        let budget = limit.map_or(BATCH, |l| BATCH.min(l - steps));
        // Without an instruction limit a batch may end a little early, at
        // a block boundary (`Jit::run`).
        let (exit, n) = engine.run(h, budget, limit.is_some());
        steps += n;
        if let Some(report) = engine.audit_failure() {
            return Outcome::AuditFailed(report.to_string());
        }
        if exit == Exit::Attention && h.wfi && !interrupt_ready(h) {
            let deadline = h.timebase.instant_of(h.next_timer_deadline());
            smp::park(h, deadline);
        } else if exit == Exit::Attention && h.pause_yields {
            std::thread::yield_now();
        }
    }
}

/// WFI: whether an interrupt ends the wait now (or the machine stops).
fn interrupt_ready(h: &mut Hart) -> bool {
    h.absorb_latched();
    if h.mip() & h.csr.mie != 0 || h.power.stopped() {
        h.wfi = false;
        return true;
    }
    false
}

/// Deterministic mode: every hart on this thread in turn.
fn round_robin(harts: &mut [Box<Hart>], engines: &mut [HartEngine], limit: Option<u64>, control: &Control) -> Outcome {
    let mut steps = vec![0u64; harts.len()];
    let harts_len = harts.len();
    for h in harts.iter_mut() {
        h.signals.set_parked(true);
        h.pause_yields = harts_len > 1;
    }
    let timebase = harts[0].timebase.clone();
    loop {
        if let Some(ev) = harts[0].power.event() {
            return outcome(ev);
        }
        control.checkpoint_all(harts);
        let mut ran = false;
        for (i, (h, e)) in harts.iter_mut().zip(engines.iter_mut()).enumerate() {
            if limit.is_some_and(|l| steps[i] >= l) {
                return Outcome::MaxInsns(steps[i]);
            }
            h.signals.take_exit_req();
            h.signals.set_parked(false);
            smp::serve(h);
            let go = smp::runnable(h, false) && !(h.wfi && !interrupt_ready(h));
            if go {
                let budget = limit.map_or(QUANTUM, |l| QUANTUM.min(l - steps[i]));
                let (_, n) = e.run(h, budget, true);
                steps[i] += n;
                timebase.advance(n);
                ran = true;
            }
            h.signals.set_parked(true);
            if let Some(report) = e.audit_failure() {
                return Outcome::AuditFailed(report.to_string());
            }
        }
        if !ran {
            idle_all(harts);
        }
    }
}

/// Every hart waiting: in deterministic mode skip to the next timer
/// deadline; otherwise (or with no deadline) wait for it, a device or the
/// user (polling every 10 ms: devices kick one hart's signals).
fn idle_all(harts: &mut [Box<Hart>]) {
    let deadline = harts.iter().filter(|h| h.wfi).map(|h| h.next_timer_deadline()).min().unwrap_or(u64::MAX);
    let tb = harts[0].timebase.clone();
    if tb.deterministic() && deadline != u64::MAX {
        tb.advance_to(deadline);
        return;
    }
    let poll = std::time::Instant::now().checked_add(std::time::Duration::from_millis(10));
    let until = tb.instant_of(deadline).map_or(poll, |d| poll.map(|p| p.min(d)));
    harts[0].signals.sleep_until(until);
}
