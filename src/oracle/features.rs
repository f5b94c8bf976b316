//! What the generator may produce against the QEMU at hand: patterns on
//! which that QEMU is known to differ from the spec (or lacks the
//! extension) are probed once per session and left out when it still
//! does. Each probe is the reproducer kept in `tests/oracle/`, where a
//! named test asserts mimic's spec-correct result and cites the clause.

use super::check::Oracle;
use super::program::Program;

/// Generator switches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Features {
    /// Zicond (czero.eqz/czero.nez). QEMU 7.2 predates it: the
    /// instructions raise illegal instruction there.
    pub zicond: bool,
    /// Misaligned AMOs (trap). QEMU 7.2 reports them with the load
    /// cause; see tests/oracle/amo_misaligned_cause.S.
    pub misaligned_amo: bool,
    /// Misaligned SC without a reservation (trap). QEMU 7.2 fails them
    /// silently; see tests/oracle/sc_misaligned_no_reservation.S.
    pub misaligned_sc: bool,
    /// CSRRS/CSRRC to a read-only CSR from a register other than x0
    /// that holds zero (trap). QEMU 7.2 reads the CSR instead; see
    /// tests/oracle/csrrs_read_only_zero_register.S.
    pub zero_mask_csr: bool,
    /// CTZW of a register with a zero low word and a nonzero upper
    /// word. QEMU 7.2 counts into the upper word; see
    /// tests/oracle/ctzw_upper_bits.S.
    pub ctzw_upper: bool,
}

impl Features {
    /// Everything the generator can produce.
    pub fn all() -> Features {
        Features { zicond: true, misaligned_amo: true, misaligned_sc: true, zero_mask_csr: true, ctzw_upper: true }
    }
}

/// The Zicond probe: czero.eqz and czero.nez with zero and nonzero
/// conditions.
pub const ZICOND_PROBE: &str = "
li x5, 7
li x6, 0
.insn r 0x33, 5, 7, x7, x5, x6
.insn r 0x33, 7, 7, x9, x5, x6
.insn r 0x33, 5, 7, x10, x5, x5
.insn r 0x33, 7, 7, x11, x5, x5
";
pub const AMO_PROBE: &str = include_str!("../../tests/oracle/amo_misaligned_cause.S");
pub const SC_PROBE: &str = include_str!("../../tests/oracle/sc_misaligned_no_reservation.S");
pub const CSR_PROBE: &str = include_str!("../../tests/oracle/csrrs_read_only_zero_register.S");
pub const CTZW_PROBE: &str = include_str!("../../tests/oracle/ctzw_upper_bits.S");

/// Seed of the probes' initial state.
pub const PROBE_SEED: u64 = 0x0dd_ba11;

/// Runs each probe once; returns the features whose probe agrees and a
/// line per probe saying what was decided.
pub fn probe(o: &Oracle) -> Result<(Features, Vec<String>), String> {
    let mut f = Features::all();
    let mut notes = Vec::new();
    for (name, body, flag) in [
        ("zicond", ZICOND_PROBE, &mut f.zicond),
        ("misaligned AMO", AMO_PROBE, &mut f.misaligned_amo),
        ("misaligned SC without reservation", SC_PROBE, &mut f.misaligned_sc),
        ("CSRRS/CSRRC of a zero register to a read-only CSR", CSR_PROBE, &mut f.zero_mask_csr),
        ("CTZW with a zero low word", CTZW_PROBE, &mut f.ctzw_upper),
    ] {
        let c = o.run(Program::from_body(PROBE_SEED, body))?;
        *flag = c.differences.is_empty();
        notes.push(match c.differences.first() {
            None => format!("{name}: generated (QEMU agrees)"),
            Some(d) => format!("{name}: not generated (QEMU differs: {d})"),
        });
    }
    Ok((f, notes))
}
