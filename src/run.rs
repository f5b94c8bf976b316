//! The engines a hart runs in and how a run ends (`sched` runs them).

use mimic_cpu::interp::{self, Exit};
use mimic_cpu::Hart;
use mimic_dbt::Jit;
use mimic_mmu::PowerEvent;

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

    /// Whether this engine checks translated blocks (`--jit-audit`).
    pub fn audits(&self) -> bool {
        matches!(self, HartEngine::Jit(j) if j.audit)
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

    /// Runs up to `budget` steps (see `cpu::interp::run`). A tracer that
    /// wants every instruction (`--trace insn`) runs the hart through the
    /// interpreter, the same semantics, in every engine.
    /// `exact`: the batch must be exactly `budget` steps (see `Jit::run`).
    pub fn run(&mut self, h: &mut Hart, budget: u64, exact: bool) -> (Exit, u64) {
        match self {
            HartEngine::Interp => interp::run(h, budget),
            HartEngine::Jit(_) if h.trace.as_ref().is_some_and(|t| t.wants_insns()) => interp::run(h, budget),
            HartEngine::Jit(j) => j.run(h, budget, exact),
        }
    }
}

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

pub(crate) fn outcome(ev: PowerEvent) -> Outcome {
    match ev {
        PowerEvent::Poweroff => Outcome::Poweroff,
        PowerEvent::Fail(c) => Outcome::Fail(c),
        PowerEvent::Reset => Outcome::Reset,
        PowerEvent::Quit => Outcome::Quit,
        PowerEvent::Htif(v) if v >> 1 == 0 => Outcome::Pass,
        PowerEvent::Htif(v) => Outcome::TestFailed(v >> 1),
    }
}
