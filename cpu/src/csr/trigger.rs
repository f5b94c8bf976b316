//! Sdtrig triggers (RISC-V Debug Specification 1.0, chapter 5 "Sdtrig"):
//! four triggers of type 6 (mcontrol6) matching execute, load or store
//! addresses with action 0 (raise a breakpoint exception), usable by the
//! guest and by the GDB stub for hardware breakpoints and watchpoints.
//!
//! Supported: match 0 (equal), 2 (>=), 3 (<); M/S/U mode bits; select 0
//! (address). A write asking for anything else (another type, action,
//! chain, select 1, other match kinds) leaves the trigger as it was, so it
//! reads back as not written (5.7.1). tinfo reports types 6 and 15.
//!
//! Invariant: `armed` is the OR of the execute/load/store bits of all
//! enabled triggers, so the hot paths test one field.

use mmu::Priv;

use super::bits::{TDATA1, TDATA2, TDATA3, TINFO, TSELECT};

/// Number of triggers.
pub const COUNT: usize = 4;
const TYPE_SHIFT: u32 = 60;
const TYPE_MCONTROL6: u64 = 6;
const TYPE_DISABLED: u64 = 15;
const M_BIT: u64 = 1 << 6;
const S_BIT: u64 = 1 << 4;
const U_BIT: u64 = 1 << 3;
pub const EXECUTE: u64 = 1 << 2;
pub const STORE: u64 = 1 << 1;
pub const LOAD: u64 = 1 << 0;
/// The mcontrol6 fields mimic keeps: match (10:7), m, s, u, execute,
/// store, load. Everything else must be zero in a write.
const KEPT: u64 = 0xf << 7 | M_BIT | S_BIT | U_BIT | EXECUTE | STORE | LOAD;

/// The trigger module of one hart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Triggers {
    select: usize,
    tdata1: [u64; COUNT],
    tdata2: [u64; COUNT],
    /// Which of EXECUTE/STORE/LOAD any enabled trigger watches.
    pub armed: u64,
}

impl Default for Triggers {
    fn default() -> Self {
        Triggers { select: 0, tdata1: [TYPE_DISABLED << TYPE_SHIFT; COUNT], tdata2: [0; COUNT], armed: 0 }
    }
}

impl Triggers {
    pub fn read(&self, addr: u16) -> Option<u64> {
        Some(match addr {
            TSELECT => self.select as u64,
            TDATA1 => self.tdata1[self.select],
            TDATA2 => self.tdata2[self.select],
            TDATA3 => 0,
            TINFO => 1 << 24 | 1 << TYPE_DISABLED | 1 << TYPE_MCONTROL6,
            _ => return None,
        })
    }

    pub fn write(&mut self, addr: u16, v: u64) {
        match addr {
            TSELECT if (v as usize) < COUNT => self.select = v as usize,
            TDATA1 => self.write_tdata1(v),
            TDATA2 => self.tdata2[self.select] = v,
            _ => {}
        }
        self.armed = self.tdata1.iter().filter(|&&t| t >> TYPE_SHIFT == TYPE_MCONTROL6).fold(0, |a, t| a | (t & 7));
    }

    fn write_tdata1(&mut self, v: u64) {
        let ty = v >> TYPE_SHIFT;
        let body = v & ((1 << TYPE_SHIFT) - 1);
        let mat = body >> 7 & 0xf;
        let ok = match ty {
            TYPE_DISABLED | 0 => {
                self.tdata1[self.select] = TYPE_DISABLED << TYPE_SHIFT;
                return;
            }
            TYPE_MCONTROL6 => body & !KEPT == 0 && matches!(mat, 0 | 2 | 3),
            _ => false,
        };
        if ok {
            self.tdata1[self.select] = v;
        }
    }

    /// Whether an access of kind `kind` (EXECUTE/LOAD/STORE) at `addr` in
    /// mode `p` fires a trigger. M-mode triggers fire only with MIE set
    /// (Sdtrig 5.4, so a handler cannot re-trigger itself forever).
    pub fn fires(&self, kind: u64, addr: u64, p: Priv, mie: bool) -> bool {
        if p == Priv::M && !mie {
            return false;
        }
        let mode = match p {
            Priv::M => M_BIT,
            Priv::S => S_BIT,
            Priv::U => U_BIT,
        };
        (0..COUNT).any(|i| {
            let t = self.tdata1[i];
            let on = t >> TYPE_SHIFT == TYPE_MCONTROL6 && t & kind != 0 && t & mode != 0;
            on && match t >> 7 & 0xf {
                0 => addr == self.tdata2[i],
                2 => addr >= self.tdata2[i],
                _ => addr < self.tdata2[i],
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_writes_read_back_unwritten() {
        let mut t = Triggers::default();
        let before = t.read(TDATA1).unwrap();
        t.write(TDATA1, 2 << TYPE_SHIFT | EXECUTE | M_BIT); // legacy mcontrol
        assert_eq!(t.read(TDATA1), Some(before));
        t.write(TDATA1, TYPE_MCONTROL6 << TYPE_SHIFT | 1 << 12 | EXECUTE); // action 1
        assert_eq!(t.read(TDATA1), Some(before));
        assert_eq!(t.armed, 0);
    }

    #[test]
    fn execute_trigger_fires_in_mode() {
        let mut t = Triggers::default();
        t.write(TDATA2, 0x8000_0010);
        t.write(TDATA1, TYPE_MCONTROL6 << TYPE_SHIFT | EXECUTE | S_BIT);
        assert_eq!(t.armed, EXECUTE);
        assert!(t.fires(EXECUTE, 0x8000_0010, Priv::S, false));
        assert!(!t.fires(EXECUTE, 0x8000_0010, Priv::U, false));
        assert!(!t.fires(LOAD, 0x8000_0010, Priv::S, false));
        t.write(TSELECT, 9);
        assert_eq!(t.read(TSELECT), Some(0));
    }
}
