//! The machine as a gdbstub multi-threaded target: each hart is a thread
//! (tid = hart id + 1). Every access to a hart runs on the hart's own
//! thread through `Control::with_hart`, so it happens only while the
//! machine is paused and never races with execution.
//!
//! Resuming: a single-step runs exactly one instruction through the
//! interpreter (`cpu::interp::step_checked`, the shared semantics) on the
//! stepped hart while the others stay paused, and queues its stop for the
//! event loop; a continue clears any stale stop and resumes every hart.

use std::num::NonZeroUsize;
use std::sync::Arc;

use gdbstub::common::{Signal, Tid};
use gdbstub::stub::MultiThreadStopReason;
use gdbstub::target::ext::base::multithread::{MultiThreadBase, MultiThreadResume, MultiThreadResumeOps, MultiThreadSchedulerLocking, MultiThreadSchedulerLockingOps, MultiThreadSingleStep, MultiThreadSingleStepOps};
use gdbstub::target::ext::base::single_register_access::{SingleRegisterAccess, SingleRegisterAccessOps};
use gdbstub::target::ext::base::BaseOps;
use gdbstub::target::ext::breakpoints::{Breakpoints, BreakpointsOps, HwBreakpoint, HwBreakpointOps, HwWatchpoint, HwWatchpointOps, SwBreakpoint, SwBreakpointOps, WatchKind};
use gdbstub::target::ext::monitor_cmd::MonitorCmdOps;
use gdbstub::target::ext::target_description_xml_override::{TargetDescriptionXmlOverride, TargetDescriptionXmlOverrideOps};
use gdbstub::target::{Target, TargetError, TargetResult};
use mimic_cpu::control::Control;
use mimic_cpu::debug::{self, Debug, Stop, StopKind};
use mimic_cpu::Hart;
use mimic_mmu::Power;

use super::arch::{self, CoreRegs, Reg, Riscv64};
use super::regs;

pub type StopReason = MultiThreadStopReason<u64>;

/// The debugger's handle on the machine.
pub struct Stub {
    pub control: Arc<Control>,
    pub debug: Arc<Debug>,
    pub power: Arc<Power>,
    /// Memory packets address physical memory (`monitor phys on`).
    pub phys: bool,
    /// The hart to single-step at the next resume.
    step: Option<usize>,
    /// A stop to report at once (after a single-step).
    pub pending: Option<StopReason>,
}

/// The tid of hart `id`.
pub fn tid(id: usize) -> Tid {
    NonZeroUsize::new(id + 1).unwrap_or(NonZeroUsize::MIN)
}

fn hart_of(t: Tid) -> usize {
    t.get() - 1
}

/// The GDB stop reason of a hart's own stop.
pub fn reason(s: Stop) -> StopReason {
    let tid = tid(s.hart);
    match s.kind {
        StopKind::Breakpoint => MultiThreadStopReason::SwBreak(tid),
        StopKind::Watch { kind, addr } => {
            let kind = match kind {
                debug::WatchKind::Write => WatchKind::Write,
                debug::WatchKind::Read => WatchKind::Read,
                debug::WatchKind::Access => WatchKind::ReadWrite,
            };
            MultiThreadStopReason::Watch { tid, kind, addr }
        }
    }
}

impl Stub {
    pub fn new(control: Arc<Control>, debug: Arc<Debug>, power: Arc<Power>) -> Stub {
        Stub { control, debug, power, phys: false, step: None, pending: None }
    }

    /// Runs `f` on hart `t` (paused); a non-fatal error if it cannot.
    fn on<R: Send + 'static>(&self, t: Tid, f: impl FnOnce(&mut Hart) -> R + Send + 'static) -> TargetResult<R, Self> {
        self.control.with_hart(hart_of(t), f).ok_or(TargetError::NonFatal)
    }

    /// Runs `f` on every hart (e.g. to flush TLBs after a watch change).
    fn on_all(&self, f: impl Fn(&mut Hart) + Send + Sync + Clone + 'static) {
        for id in 0..self.control.harts() {
            let f = f.clone();
            let _ = self.control.with_hart(id, move |h| f(h));
        }
    }

    /// Single-steps hart `id` by one instruction; its stop reason.
    fn step_now(&mut self, id: usize) -> StopReason {
        let _ = self.debug.take_stop();
        let debug = self.debug.clone();
        // Breakpoints are ignored for this one instruction (GDB steps off
        // the one it stopped at); watchpoints still stop it.
        let ran = self.control.with_hart(id, move |h| debug.stepping(|| mimic_cpu::interp::step_checked(h)));
        match (ran, self.debug.take_stop()) {
            (None, _) => MultiThreadStopReason::Exited(0),
            (_, Some(s)) => reason(s),
            _ => MultiThreadStopReason::SignalWithThread { tid: tid(id), signal: Signal::SIGTRAP },
        }
    }
}

impl Target for Stub {
    type Arch = Riscv64;
    type Error = String;

    fn base_ops(&mut self) -> BaseOps<'_, Riscv64, String> {
        BaseOps::MultiThread(self)
    }

    fn support_breakpoints(&mut self) -> Option<BreakpointsOps<'_, Self>> {
        Some(self)
    }

    fn support_monitor_cmd(&mut self) -> Option<MonitorCmdOps<'_, Self>> {
        Some(self)
    }

    fn support_target_description_xml_override(&mut self) -> Option<TargetDescriptionXmlOverrideOps<'_, Self>> {
        Some(self)
    }
}

impl TargetDescriptionXmlOverride for Stub {
    fn target_description_xml(&self, _annex: &[u8], offset: u64, length: usize, buf: &mut [u8]) -> TargetResult<usize, Self> {
        let xml = arch::target_xml().as_bytes();
        let start = (offset as usize).min(xml.len());
        let n = length.min(buf.len()).min(xml.len() - start);
        buf[..n].copy_from_slice(&xml[start..start + n]);
        Ok(n)
    }
}

impl MultiThreadBase for Stub {
    fn read_registers(&mut self, regs: &mut CoreRegs, t: Tid) -> TargetResult<(), Self> {
        let (x, pc) = self.on(t, |h| (h.x, h.pc))?;
        *regs = CoreRegs { x, pc };
        Ok(())
    }

    fn write_registers(&mut self, regs: &CoreRegs, t: Tid) -> TargetResult<(), Self> {
        let r = regs.clone();
        self.on(t, move |h| {
            (1..32).for_each(|i| h.set_x(i as u8, r.x[i]));
            h.pc = r.pc;
        })
    }

    fn support_single_register_access(&mut self) -> Option<SingleRegisterAccessOps<'_, Tid, Self>> {
        Some(self)
    }

    fn read_addrs(&mut self, start: u64, data: &mut [u8], t: Tid) -> TargetResult<usize, Self> {
        let (len, phys) = (data.len(), self.phys);
        let bytes = self.on(t, move |h| h.debug_read(start, len, phys))?;
        if bytes.is_empty() && len != 0 {
            return Err(TargetError::NonFatal);
        }
        data[..bytes.len()].copy_from_slice(&bytes);
        Ok(bytes.len())
    }

    fn write_addrs(&mut self, start: u64, data: &[u8], t: Tid) -> TargetResult<(), Self> {
        let (bytes, phys) = (data.to_vec(), self.phys);
        match self.on(t, move |h| h.debug_write(start, &bytes, phys))? {
            true => Ok(()),
            false => Err(TargetError::NonFatal),
        }
    }

    fn list_active_threads(&mut self, active: &mut dyn FnMut(Tid)) -> Result<(), String> {
        (0..self.control.harts()).for_each(|i| active(tid(i)));
        Ok(())
    }

    fn support_resume(&mut self) -> Option<MultiThreadResumeOps<'_, Self>> {
        Some(self)
    }
}

impl SingleRegisterAccess<Tid> for Stub {
    fn read_register(&mut self, t: Tid, reg: Reg, buf: &mut [u8]) -> TargetResult<usize, Self> {
        let n = reg.0;
        let size = arch::size_of(n).ok_or(TargetError::NonFatal)?;
        let v = self.on(t, move |h| regs::read(h, n))?.ok_or(TargetError::NonFatal)?;
        let size = size.min(buf.len());
        buf[..size].copy_from_slice(&v.to_le_bytes()[..size]);
        Ok(size)
    }

    fn write_register(&mut self, t: Tid, reg: Reg, val: &[u8]) -> TargetResult<(), Self> {
        let (n, v) = (reg.0, regs::from_le(val).ok_or(TargetError::NonFatal)?);
        match self.on(t, move |h| regs::write(h, n, v))? {
            true => Ok(()),
            false => Err(TargetError::NonFatal),
        }
    }
}

impl MultiThreadResume for Stub {
    fn resume(&mut self) -> Result<(), String> {
        if let Some(id) = self.step.take() {
            let stop = self.step_now(id);
            self.pending = Some(stop);
            return Ok(());
        }
        let _ = self.debug.take_stop();
        self.pending = None;
        self.control.resume();
        Ok(())
    }

    fn clear_resume_actions(&mut self) -> Result<(), String> {
        self.step = None;
        Ok(())
    }

    fn set_resume_action_continue(&mut self, _t: Tid, _signal: Option<Signal>) -> Result<(), String> {
        Ok(())
    }

    fn support_single_step(&mut self) -> Option<MultiThreadSingleStepOps<'_, Self>> {
        Some(self)
    }

    fn support_scheduler_locking(&mut self) -> Option<MultiThreadSchedulerLockingOps<'_, Self>> {
        Some(self)
    }
}

/// `set scheduler-locking on`: accepted, but a continue runs every hart
/// (harts share devices and IPIs; stopping some would stall the others).
impl MultiThreadSchedulerLocking for Stub {
    fn set_resume_action_scheduler_lock(&mut self) -> Result<(), String> {
        Ok(())
    }
}

impl MultiThreadSingleStep for Stub {
    fn set_resume_action_step(&mut self, t: Tid, _signal: Option<Signal>) -> Result<(), String> {
        self.step = Some(hart_of(t));
        Ok(())
    }
}

impl Breakpoints for Stub {
    fn support_sw_breakpoint(&mut self) -> Option<SwBreakpointOps<'_, Self>> {
        Some(self)
    }

    fn support_hw_breakpoint(&mut self) -> Option<HwBreakpointOps<'_, Self>> {
        Some(self)
    }

    fn support_hw_watchpoint(&mut self) -> Option<HwWatchpointOps<'_, Self>> {
        Some(self)
    }
}

/// Software and hardware breakpoints are the same: a pc the engines stop
/// before (no instruction is patched into guest memory).
impl SwBreakpoint for Stub {
    fn add_sw_breakpoint(&mut self, addr: u64, _kind: usize) -> TargetResult<bool, Self> {
        self.debug.add_break(addr);
        Ok(true)
    }

    fn remove_sw_breakpoint(&mut self, addr: u64, _kind: usize) -> TargetResult<bool, Self> {
        Ok(self.debug.remove_break(addr))
    }
}

impl HwBreakpoint for Stub {
    fn add_hw_breakpoint(&mut self, addr: u64, _kind: usize) -> TargetResult<bool, Self> {
        self.debug.add_break(addr);
        Ok(true)
    }

    fn remove_hw_breakpoint(&mut self, addr: u64, _kind: usize) -> TargetResult<bool, Self> {
        Ok(self.debug.remove_break(addr))
    }
}

fn watch_kind(k: WatchKind) -> debug::WatchKind {
    match k {
        WatchKind::Write => debug::WatchKind::Write,
        WatchKind::Read => debug::WatchKind::Read,
        WatchKind::ReadWrite => debug::WatchKind::Access,
    }
}

impl HwWatchpoint for Stub {
    fn add_hw_watchpoint(&mut self, addr: u64, len: u64, kind: WatchKind) -> TargetResult<bool, Self> {
        if len == 0 {
            return Ok(false);
        }
        self.debug.add_watch(debug::Watch { addr, len, kind: watch_kind(kind) });
        // Pages already in the TLB must lose their fast-path tags.
        self.on_all(|h| h.tlb.flush_all());
        Ok(true)
    }

    fn remove_hw_watchpoint(&mut self, addr: u64, len: u64, kind: WatchKind) -> TargetResult<bool, Self> {
        Ok(self.debug.remove_watch(addr, len, watch_kind(kind)))
    }
}
