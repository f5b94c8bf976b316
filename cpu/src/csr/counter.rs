//! A retired-instruction-derived counter (mcycle, minstret; Zicntr).
//! mimic retires one instruction per cycle, so both count retirements of
//! the hart's raw counter, each with its own offset and inhibit state
//! (mcountinhibit, privileged spec 3.1.12).
//!
//! Invariant: `read(raw)` is the architectural value when the hart's raw
//! counter is `raw`; a write takes effect for the next instruction (the
//! writing instruction's own increment is absorbed, as in Spike).

/// One counter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counter {
    offset: u64,
    frozen: Option<u64>,
}

impl Counter {
    pub fn read(&self, raw: u64) -> u64 {
        self.frozen.unwrap_or(raw.wrapping_add(self.offset))
    }

    /// Makes `read(raw_next) == v`, where `raw_next` is the raw count once
    /// the writing instruction has retired.
    pub fn write(&mut self, raw_next: u64, v: u64) {
        match &mut self.frozen {
            Some(f) => *f = v,
            None => self.offset = v.wrapping_sub(raw_next),
        }
    }

    /// Starts (`on`) or stops inhibiting at raw count `raw`.
    pub fn inhibit(&mut self, raw: u64, on: bool) {
        match (on, self.frozen) {
            (true, None) => self.frozen = Some(self.read(raw)),
            (false, Some(f)) => {
                self.offset = f.wrapping_sub(raw);
                self.frozen = None;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Counter;

    #[test]
    fn write_inhibit_resume() {
        let mut c = Counter::default();
        assert_eq!(c.read(10), 10);
        c.write(11, 100);
        assert_eq!(c.read(11), 100);
        c.inhibit(20, true);
        assert_eq!(c.read(50), 109);
        c.inhibit(50, false);
        assert_eq!(c.read(51), 110);
    }
}
