//! Per-hart statistics for `--stats`: cheap counters that the hot paths
//! either do not touch or touch with one increment.
//!
//! Invariants: nothing here is counted per instruction. Retirement per
//! privilege is attributed at privilege changes (`Hart::set_priv`, which
//! every trap entry and xRET goes through): the instructions retired since
//! the previous change belong to the mode being left. `retired_by_priv`
//! plus the open span (`instret - priv_mark`, in the current mode) is the
//! per-mode split at any moment (see `Stats::retired`).

use mmu::Priv;

use crate::trap::Trap;

/// SBI extensions counted separately (EID, name as the SBI spec calls it);
/// anything else counts as "other".
pub const SBI_EXTENSIONS: [(u64, &str); 11] = [
    (0x10, "base"),
    (0x5449_4d45, "TIME"),
    (0x0073_5049, "IPI"),
    (0x5246_4e43, "RFENCE"),
    (0x0048_534d, "HSM"),
    (0x5352_5354, "SRST"),
    (0x4442_434e, "DBCN"),
    (0x0050_4d55, "PMU"),
    (0x01, "legacy console putchar"),
    (0x02, "legacy console getchar"),
    (0x08, "legacy shutdown"),
];

/// Counters of one hart.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    /// Page walks started (TLB misses that reached the walker).
    pub walks: u64,
    /// Successful walks by the size of the mapping found (4K, 2M, 1G, 512G, 256T).
    pub walk_sizes: [u64; 5],
    /// Exceptions taken, by cause code.
    pub exceptions: [u64; 16],
    /// Interrupts taken, by code.
    pub interrupts: [u64; 16],
    /// Retired instructions by privilege (U, S, -, M) up to `priv_mark`.
    pub retired_by_priv: [u64; 4],
    /// `Hart::instret` at the last privilege change.
    pub priv_mark: u64,
    /// SBI calls served by the built-in firmware.
    pub sbi_calls: u64,
    /// SBI calls by extension: `SBI_EXTENSIONS` order, then "other".
    pub sbi_by_ext: [u64; SBI_EXTENSIONS.len() + 1],
    /// SFENCE.VMA by operand form: (x0,x0), (va,x0), (x0,asid), (va,asid).
    pub sfences: [u64; 4],
    /// satp writes that changed it.
    pub satp_writes: u64,
    /// Misaligned loads and stores performed in hardware.
    pub misaligned: u64,
    /// Cross-hart requests this hart posted and waited for (remote
    /// fences, write-tag drops), and the wall time spent waiting.
    pub remote_waits: u64,
    pub remote_wait_ns: u64,
}

impl Stats {
    pub fn count_trap(&mut self, t: &Trap) {
        match t {
            Trap::Exception(e) => self.exceptions[e.cause as usize & 15] += 1,
            Trap::Interrupt(i) => self.interrupts[*i as usize & 15] += 1,
        }
    }

    /// Counts one SBI call of extension `eid`.
    pub fn count_sbi(&mut self, eid: u64) {
        self.sbi_calls += 1;
        let i = SBI_EXTENSIONS.iter().position(|&(e, _)| e == eid).unwrap_or(SBI_EXTENSIONS.len());
        self.sbi_by_ext[i] += 1;
    }

    /// Attributes the instructions retired since the last change to
    /// `leaving` (called when the hart leaves that mode).
    #[inline]
    pub fn priv_change(&mut self, leaving: Priv, instret: u64) {
        self.retired_by_priv[leaving as usize] += instret.saturating_sub(self.priv_mark);
        self.priv_mark = instret;
    }

    /// Retired instructions per mode (U, S, -, M) given the hart's current
    /// mode and instret.
    pub fn retired(&self, now: Priv, instret: u64) -> [u64; 4] {
        let mut r = self.retired_by_priv;
        r[now as usize] += instret.saturating_sub(self.priv_mark);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retirement_is_attributed_to_the_mode_left() {
        let mut s = Stats::default();
        s.priv_change(Priv::M, 10); // 10 in M, then S
        s.priv_change(Priv::S, 25); // 15 in S, then U
        assert_eq!(s.retired(Priv::U, 30), [5, 15, 0, 10]);
        // A count that went backwards (a restored snapshot) adds nothing.
        s.priv_change(Priv::U, 20);
        assert_eq!(s.retired(Priv::U, 20), [0, 15, 0, 10]);
    }

    #[test]
    fn sbi_calls_by_extension() {
        let mut s = Stats::default();
        s.count_sbi(0x5449_4d45);
        s.count_sbi(0x5449_4d45);
        s.count_sbi(0x1234_5678);
        assert_eq!(s.sbi_calls, 3);
        assert_eq!(s.sbi_by_ext[1], 2);
        assert_eq!(s.sbi_by_ext[SBI_EXTENSIONS.len()], 1);
    }
}
