//! Running a machine: each hart executes batches in its engine until a
//! power event (poweroff, HTIF exit, quit) or the instruction limit. With
//! several harts, each runs on its own host thread (named `hartN`); the
//! first hart to finish decides the outcome and stops the others through
//! `Power`. WFI parks the thread until the next timer deadline or a kick;
//! an HSM-stopped hart parks until started. Between batches a hart serves
//! the requests of other harts (`cpu::smp`).

use std::sync::Mutex;

use mimic_cpu::interp::{self, Exit};
use mimic_cpu::{smp, Hart};
use mimic_dbt::Jit;
use mimic_mmu::PowerEvent;

use crate::Machine;

/// The engine executing one hart.
pub enum HartEngine {
    Interp,
    Jit(Box<Jit>),
}

impl HartEngine {
    /// The audit failure report, if `--jit-audit` found one.
    pub fn audit_failure(&self) -> Option<&str> {
        match self {
            HartEngine::Jit(j) => j.audit_failure.as_deref(),
            HartEngine::Interp => None,
        }
    }

    /// The translator's counters, as `--stats` lines.
    pub fn stats_lines(&self) -> Vec<String> {
        match self {
            HartEngine::Interp => vec![],
            HartEngine::Jit(j) => {
                let s = &j.cache.stats;
                let x = j.exits;
                let audited = if j.audit { format!("; {} blocks audited", j.audited) } else { String::new() };
                vec![
                    format!(
                        "jit: {} blocks translated ({} KiB of code, {:.3} s), {} cache flushes, {} links, {} stale, {} dispatcher entries",
                        s.translated,
                        j.code_bytes >> 10,
                        j.translate_time.as_secs_f64(),
                        s.flushes,
                        s.links,
                        s.stale,
                        j.dispatches
                    ),
                    format!(
                        "jit: exits: {} to the dispatcher, {} jump-cache misses, {} traps, {} budget, {} stale, {} link requests; {} steps interpreted, {} while cold{audited}",
                        x[0], x[5], x[1], x[2], x[3], x[4], j.interpreted, j.cold_steps
                    ),
                ]
            }
        }
    }

    /// Runs up to `budget` steps (see `cpu::interp::run`).
    pub fn run(&mut self, h: &mut Hart, budget: u64) -> (Exit, u64) {
        match self {
            HartEngine::Interp => interp::run(h, budget),
            HartEngine::Jit(j) => j.run(h, budget),
        }
    }
}

/// Steps per batch: bounds how late a timer deadline or a device's
/// exit request is noticed by code that chains block to block (about
/// 50 µs at the translator's speed).
const BATCH: u64 = 50_000;

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Clean poweroff (sifive,test, SBI).
    Poweroff,
    /// The guest powered off reporting failure code `n`.
    Fail(u32),
    /// HTIF pass (tohost = 1).
    Pass,
    /// HTIF failure of test number `n` (tohost = n << 1 | 1).
    TestFailed(u64),
    /// The instruction limit was reached.
    MaxInsns(u64),
    /// The guest asked for a reset.
    Reset,
    /// The user quit.
    Quit,
    /// `--jit-audit` found a block where the translator and the
    /// interpreter disagree (the report says where and how).
    AuditFailed(String),
    /// The host could not go on (e.g. no thread for a hart).
    HostError(String),
}

impl Outcome {
    /// The process exit status: 0 for success, 1 for a guest-reported
    /// failure, 3 when the instruction limit stopped the run.
    pub fn exit_code(&self) -> i32 {
        match self {
            Outcome::Poweroff | Outcome::Pass | Outcome::Quit | Outcome::Reset => 0,
            Outcome::Fail(_) | Outcome::TestFailed(_) => 1,
            Outcome::MaxInsns(_) => 3,
            Outcome::AuditFailed(_) => 4,
            Outcome::HostError(_) => 2,
        }
    }

    /// A one-line description for the user (None when there is nothing to say).
    pub fn message(&self) -> Option<String> {
        match self {
            Outcome::TestFailed(n) => Some(format!("FAIL: test {n} failed (tohost = {:#x})", n << 1 | 1)),
            Outcome::Fail(c) => Some(format!("guest powered off with failure code {c}")),
            Outcome::MaxInsns(n) => Some(format!("stopped after {n} instructions (--max-insns)")),
            Outcome::AuditFailed(report) => Some(report.clone()),
            Outcome::HostError(m) => Some(m.clone()),
            _ => None,
        }
    }
}

fn outcome(ev: PowerEvent) -> Outcome {
    match ev {
        PowerEvent::Poweroff => Outcome::Poweroff,
        PowerEvent::Fail(c) => Outcome::Fail(c),
        PowerEvent::Reset => Outcome::Reset,
        PowerEvent::Quit => Outcome::Quit,
        PowerEvent::Htif(v) if v >> 1 == 0 => Outcome::Pass,
        PowerEvent::Htif(v) => Outcome::TestFailed(v >> 1),
    }
}

impl Machine {
    /// Runs until the machine stops.
    pub fn run(&mut self) -> Outcome {
        let limit = self.max_insns;
        if self.harts.len() == 1 {
            return run_hart(&mut self.harts[0], &mut self.engines[0], limit);
        }
        let first: Mutex<Option<Outcome>> = Mutex::new(None);
        let power = self.power.clone();
        std::thread::scope(|s| {
            for (h, e) in self.harts.iter_mut().zip(self.engines.iter_mut()) {
                let (first, power) = (&first, &power);
                let spawned = std::thread::Builder::new().name(format!("hart{}", h.id)).spawn_scoped(s, move || {
                    let o = run_hart(h, e, limit);
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
pub fn run_hart(h: &mut Hart, engine: &mut HartEngine, limit: Option<u64>) -> Outcome {
    let mut steps = 0u64;
    loop {
        if let Some(ev) = h.power.event() {
            return outcome(ev);
        }
        if limit.is_some_and(|l| steps >= l) {
            return Outcome::MaxInsns(steps);
        }
        h.signals.take_exit_req();
        smp::serve(h);
        if !smp::runnable(h) {
            continue;
        }
        let budget = limit.map_or(BATCH, |l| BATCH.min(l - steps));
        let (exit, n) = engine.run(h, budget);
        steps += n;
        if let Some(report) = engine.audit_failure() {
            return Outcome::AuditFailed(report.to_string());
        }
        if exit == Exit::Attention && h.wfi {
            idle(h);
        }
    }
}

/// WFI: sleep until an interrupt is pending or the next timer deadline.
fn idle(h: &mut Hart) {
    h.absorb_latched();
    if h.mip() & h.csr.mie != 0 || h.power.stopped() {
        h.wfi = false;
        return;
    }
    let deadline = h.timebase.instant_of(h.next_timer_deadline());
    smp::park(h, deadline);
}
