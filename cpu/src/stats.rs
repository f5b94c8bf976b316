//! Per-hart statistics for `--stats`: cheap counters that the hot paths
//! either do not touch or touch with one increment.

use crate::trap::Trap;

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
    /// Whether to count retirements per privilege (costs a slower loop).
    pub by_priv: bool,
    /// Retired instructions by privilege (U, S, -, M), when `by_priv`.
    pub retired_by_priv: [u64; 4],
    /// SBI calls served by the built-in firmware.
    pub sbi_calls: u64,
    /// SFENCE.VMA by operand form: (x0,x0), (va,x0), (x0,asid), (va,asid).
    pub sfences: [u64; 4],
    /// satp writes that changed it.
    pub satp_writes: u64,
    /// Misaligned loads and stores performed in hardware.
    pub misaligned: u64,
}

impl Stats {
    pub fn count_trap(&mut self, t: &Trap) {
        match t {
            Trap::Exception(e) => self.exceptions[e.cause as usize & 15] += 1,
            Trap::Interrupt(i) => self.interrupts[*i as usize & 15] += 1,
        }
    }
}
