//! `--stats` formatting: the per-hart counters of `cpu::stats::Stats`, the
//! TLB and the translator as named, human-readable lines (also used by the
//! console monitor's `stats` command).
//!
//! Invariants: formatting only; reads the hart, never changes it. Lines
//! carry no "mimic:" prefix or hart number (callers add them).

use mimic_cpu::stats::{Stats, SBI_EXTENSIONS};
use mimic_cpu::Hart;

/// Exception cause names by code (privileged spec table "mcause values").
const CAUSES: [&str; 16] = [
    "instruction address misaligned",
    "instruction access fault",
    "illegal instruction",
    "breakpoint",
    "load address misaligned",
    "load access fault",
    "store address misaligned",
    "store access fault",
    "ecall from U",
    "ecall from S",
    "cause 10",
    "ecall from M",
    "instruction page fault",
    "load page fault",
    "cause 14",
    "store page fault",
];

/// Interrupt names by code (mip bit).
const INTERRUPTS: [&str; 16] = [
    "irq 0",
    "supervisor software",
    "irq 2",
    "machine software",
    "irq 4",
    "supervisor timer",
    "irq 6",
    "machine timer",
    "irq 8",
    "supervisor external",
    "irq 10",
    "machine external",
    "irq 12",
    "irq 13",
    "irq 14",
    "irq 15",
];

const PAGE_SIZES: [&str; 5] = ["4K", "2M", "1G", "512G", "256T"];

/// The name of exception cause `code` (e.g. "illegal instruction").
pub fn cause_name(code: u64) -> &'static str {
    CAUSES.get(code as usize).copied().unwrap_or("unknown cause")
}

/// The name of interrupt `code` (e.g. "supervisor timer").
pub fn interrupt_name(code: u64) -> &'static str {
    INTERRUPTS.get(code as usize).copied().unwrap_or("unknown interrupt")
}

/// The name of SBI extension `eid` (e.g. "TIME"), if it is a known one.
pub fn sbi_extension_name(eid: u64) -> Option<&'static str> {
    SBI_EXTENSIONS.iter().find(|&&(e, _)| e == eid).map(|&(_, n)| n)
}

/// "name N, name N" for the non-zero counters, or "none".
fn named_counts(counts: &[u64], name: impl Fn(usize) -> &'static str) -> String {
    let parts: Vec<String> = counts.iter().enumerate().filter(|(_, &n)| n != 0).map(|(i, n)| format!("{} {n}", name(i))).collect();
    if parts.is_empty() {
        "none".into()
    } else {
        parts.join(", ")
    }
}

/// Instructions retired per privilege mode: [U, S, M].
pub fn retired_by_mode(h: &Hart) -> [u64; 3] {
    let r = h.stats.retired(h.priv_, h.instret);
    [r[0], r[1], r[3]]
}

/// The per-hart `--stats` lines: retirement per mode, traps by cause,
/// interrupts by source, TLB, page walks, SBI calls, fences.
pub fn hart_lines(h: &Hart) -> Vec<String> {
    let s = &h.stats;
    let [u, sv, m] = retired_by_mode(h);
    vec![
        format!("instructions retired: {} (U {u}, S {sv}, M {m})", h.instret),
        format!("exceptions: {} ({})", s.exceptions.iter().sum::<u64>(), named_counts(&s.exceptions, |i| CAUSES[i])),
        format!("interrupts: {} ({})", s.interrupts.iter().sum::<u64>(), named_counts(&s.interrupts, |i| INTERRUPTS[i])),
        tlb_line(h),
        format!("page walks: {} ({})", s.walks, named_counts(&s.walk_sizes, |i| PAGE_SIZES[i])),
        format!("SBI calls: {} ({})", s.sbi_calls, sbi_counts(s)),
        format!(
            "TLB flushes: {} whole sets, {} addresses; sfence.vma (all, va, asid, va+asid) {:?}; satp writes {}; misaligned accesses {}",
            h.tlb.set_flushes, h.tlb.va_flushes, s.sfences, s.satp_writes, s.misaligned
        ),
        format!("cross-hart requests waited for: {} ({:.3} s)", s.remote_waits, s.remote_wait_ns as f64 / 1e9),
    ]
}

/// TLB misses. Hits on the inline fast path are not counted (that would
/// cost per access), so the hit rate is given per instruction: the share
/// of instructions that did not need a refill (1 - misses/instructions).
fn tlb_line(h: &Hart) -> String {
    let fills = h.tlb.fills;
    let n = h.instret.max(1) as f64;
    let per_k = fills as f64 * 1000.0 / n;
    let rate = 100.0 * (1.0 - (fills as f64 / n).min(1.0));
    format!("TLB: {fills} misses ({per_k:.3} per 1000 instructions; hit rate per instruction {rate:.3}%)")
}

fn sbi_counts(s: &Stats) -> String {
    named_counts(&s.sbi_by_ext, |i| SBI_EXTENSIONS.get(i).map_or("other", |&(_, n)| n))
}

/// Totals over all harts: instructions per mode, exceptions, interrupts,
/// walks, SBI calls.
pub fn total_lines(harts: &[Box<Hart>]) -> Vec<String> {
    let mut modes = [0u64; 3];
    let mut exc = [0u64; 16];
    let mut irq = [0u64; 16];
    let mut sbi = vec![0u64; SBI_EXTENSIONS.len() + 1];
    let (mut walks, mut fills) = (0, 0);
    for h in harts {
        for (t, v) in modes.iter_mut().zip(retired_by_mode(h)) {
            *t += v;
        }
        add(&mut exc, &h.stats.exceptions);
        add(&mut irq, &h.stats.interrupts);
        add(&mut sbi, &h.stats.sbi_by_ext);
        walks += h.stats.walks;
        fills += h.tlb.fills;
    }
    vec![
        format!("instructions retired: {} (U {}, S {}, M {})", modes.iter().sum::<u64>(), modes[0], modes[1], modes[2]),
        format!("exceptions: {} ({})", exc.iter().sum::<u64>(), named_counts(&exc, |i| CAUSES[i])),
        format!("interrupts: {} ({})", irq.iter().sum::<u64>(), named_counts(&irq, |i| INTERRUPTS[i])),
        format!("TLB misses: {fills}; page walks: {walks}"),
        format!(
            "SBI calls: {} ({})",
            sbi.iter().sum::<u64>(),
            named_counts(&sbi, |i| SBI_EXTENSIONS.get(i).map_or("other", |&(_, n)| n))
        ),
    ]
}

fn add(total: &mut [u64], v: &[u64]) {
    for (t, x) in total.iter_mut().zip(v) {
        *t += x;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_counts_lists_non_zero_only() {
        let mut c = [0u64; 16];
        c[2] = 3;
        c[8] = 1;
        assert_eq!(named_counts(&c, |i| CAUSES[i]), "illegal instruction 3, ecall from U 1");
        assert_eq!(named_counts(&[0; 4], |i| CAUSES[i]), "none");
    }

    #[test]
    fn sbi_names() {
        assert_eq!(sbi_extension_name(0x5449_4d45), Some("TIME"));
        assert_eq!(sbi_extension_name(0x1234), None);
    }
}
