//! The goldfish RTC (Android emulator goldfish RTC, as on QEMU virt at
//! 0x101000, irq 11; Linux drivers/rtc/rtc-goldfish.c): nanoseconds since
//! the Unix epoch in TIME_LOW/TIME_HIGH (reading TIME_LOW latches the high
//! half), an alarm that raises the interrupt once the time is reached.
//! In deterministic mode the clock starts at a fixed instant and advances
//! with mtime, so runs do not depend on the host's time.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use mmu::bus::{Sizes, SIZES_32};
use mmu::{MmioDevice, Timebase};

use crate::Irq;

const TIME_LOW: u64 = 0x00;
const TIME_HIGH: u64 = 0x04;
const ALARM_LOW: u64 = 0x08;
const ALARM_HIGH: u64 = 0x0c;
const IRQ_ENABLED: u64 = 0x10;
const CLEAR_ALARM: u64 = 0x14;
const ALARM_STATUS: u64 = 0x18;
const CLEAR_INTERRUPT: u64 = 0x1c;

/// The fixed epoch of deterministic runs: 2025-01-01T00:00:00Z.
pub const DETERMINISTIC_EPOCH_NS: u64 = 1_735_689_600_000_000_000;

#[derive(Default)]
struct State {
    latched_high: u32,
    alarm_high: u32,
    alarm: Option<u64>,
    irq_enabled: bool,
    fired: bool,
}

pub struct GoldfishRtc {
    st: Mutex<State>,
    irq: Irq,
    timebase: Arc<Timebase>,
    /// Host wall time minus mtime, in ns, at creation.
    base_ns: u64,
}

impl GoldfishRtc {
    pub fn new(irq: Irq, timebase: Arc<Timebase>) -> Arc<GoldfishRtc> {
        let wall = if timebase.deterministic() {
            DETERMINISTIC_EPOCH_NS
        } else {
            SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
        };
        let base_ns = wall.wrapping_sub(timebase.now() * 100);
        Arc::new(GoldfishRtc { st: Mutex::new(State::default()), irq, timebase, base_ns })
    }

    /// Nanoseconds since the epoch (mtime ticks are 100 ns).
    fn now_ns(&self) -> u64 {
        self.base_ns.wrapping_add(self.timebase.now() * 100)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.st.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set_alarm(self: &Arc<Self>, st: &mut State, at: u64) {
        st.alarm = Some(at);
        let now = self.now_ns();
        if at <= now {
            self.fire(st);
            return;
        }
        let me = Arc::downgrade(self);
        let wait = Duration::from_nanos(at - now);
        std::thread::spawn(move || {
            std::thread::sleep(wait);
            if let Some(rtc) = me.upgrade() {
                let mut st = rtc.lock();
                if st.alarm == Some(at) {
                    rtc.fire(&mut st);
                }
            }
        });
    }

    fn fire(&self, st: &mut State) {
        st.alarm = None;
        st.fired = true;
        self.irq.set(st.irq_enabled);
    }
}

/// The bus view (needs `Arc<GoldfishRtc>` to arm alarms).
pub struct RtcWindow(pub Arc<GoldfishRtc>);

impl MmioDevice for RtcWindow {
    fn read(&self, off: u64, _size: u8) -> u64 {
        let mut st = self.0.lock();
        match off {
            TIME_LOW => {
                let t = self.0.now_ns();
                st.latched_high = (t >> 32) as u32;
                t & 0xffff_ffff
            }
            TIME_HIGH => u64::from(st.latched_high),
            ALARM_LOW => st.alarm.unwrap_or(0) & 0xffff_ffff,
            ALARM_HIGH => st.alarm.unwrap_or(0) >> 32,
            IRQ_ENABLED => u64::from(st.irq_enabled),
            ALARM_STATUS => u64::from(st.alarm.is_some()),
            _ => 0,
        }
    }

    fn write(&self, off: u64, _size: u8, v: u64) {
        let mut st = self.0.lock();
        match off {
            ALARM_HIGH => st.alarm_high = v as u32,
            ALARM_LOW => {
                let at = u64::from(st.alarm_high) << 32 | (v & 0xffff_ffff);
                self.0.set_alarm(&mut st, at);
            }
            IRQ_ENABLED => {
                st.irq_enabled = v & 1 != 0;
                self.0.irq.set(st.irq_enabled && st.fired);
            }
            CLEAR_ALARM => st.alarm = None,
            CLEAR_INTERRUPT => {
                st.fired = false;
                self.0.irq.set(false);
            }
            _ => {}
        }
    }

    fn sizes(&self) -> Sizes {
        SIZES_32
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NoIrq;

    #[test]
    fn reads_host_wall_time() {
        let rtc = GoldfishRtc::new(Arc::new(NoIrq), Arc::new(Timebase::new(false)));
        let w = RtcWindow(rtc);
        let lo = w.read(TIME_LOW, 4);
        let t = w.read(TIME_HIGH, 4) << 32 | lo;
        let host = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos() as u64;
        assert!(host.abs_diff(t) < 2_000_000_000, "rtc {t} vs host {host}");
    }

    #[test]
    fn deterministic_epoch() {
        let w = RtcWindow(GoldfishRtc::new(Arc::new(NoIrq), Arc::new(Timebase::new(true))));
        let t = w.read(TIME_HIGH, 4) << 32 | w.read(TIME_LOW, 4);
        let _ = t;
        let lo = w.read(TIME_LOW, 4);
        assert_eq!(w.read(TIME_HIGH, 4) << 32 | lo, DETERMINISTIC_EPOCH_NS);
    }
}
