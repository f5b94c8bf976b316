//! Stopping the machine from outside (the GDB stub, the monitor) and
//! running code on a stopped hart's own thread.
//!
//! A debugger thread calls [`Control::pause`]: every hart leaves its batch
//! (kick), reaches [`Control::checkpoint`] in its run loop and waits there,
//! counted as stopped. While all are stopped the debugger may run closures
//! on any hart with [`Control::with_hart`] (read or change registers,
//! memory through the hart's MMU, the TLB); [`Control::resume`] lets them
//! go. With several harts on one thread (the deterministic round-robin
//! scheduler), that thread serves all of them in [`Control::checkpoint_all`].
//!
//! Invariants: a hart executes no instruction between reaching a
//! checkpoint while paused and the matching resume; closures run only on
//! the owning hart's thread, so the hart's state keeps its single owner.
//!
//! Thread affinity: `pause`, `resume`, `with_hart` from any thread except
//! a hart's; `checkpoint*` from hart threads. Lock order: `state` is a leaf
//! lock (closures run with it released).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};

use mmu::HartSignals;

use crate::hart::Hart;

type Call = Box<dyn FnOnce(&mut Hart) + Send>;

#[derive(Default)]
struct State {
    paused: bool,
    /// Per hart: waiting at a checkpoint.
    stopped: Vec<bool>,
    calls: Vec<VecDeque<Call>>,
}

/// The machine's stop/resume control (one per machine).
pub struct Control {
    /// Fast check for the run loops.
    paused: AtomicBool,
    state: Mutex<State>,
    changed: Condvar,
    harts: Vec<Arc<HartSignals>>,
}

impl Control {
    pub fn new(harts: Vec<Arc<HartSignals>>) -> Arc<Control> {
        let n = harts.len();
        let state = State { paused: false, stopped: vec![false; n], calls: (0..n).map(|_| VecDeque::new()).collect() };
        Arc::new(Control { paused: AtomicBool::new(false), state: Mutex::new(state), changed: Condvar::new(), harts })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Number of harts.
    pub fn harts(&self) -> usize {
        self.harts.len()
    }

    /// Whether a pause is requested.
    #[inline]
    pub fn pausing(&self) -> bool {
        self.paused.load(Ordering::Acquire)
    }

    /// Stops every hart at its next instruction boundary and waits until
    /// all are stopped (or `stopped` says the machine is ending).
    pub fn pause(&self, ending: &dyn Fn() -> bool) {
        let mut st = self.lock();
        st.paused = true;
        self.paused.store(true, Ordering::SeqCst);
        self.harts.iter().for_each(|s| s.kick());
        while !st.stopped.iter().all(|&s| s) && !ending() {
            st = self.changed.wait_timeout(st, std::time::Duration::from_millis(20)).unwrap_or_else(|e| e.into_inner()).0;
            self.harts.iter().for_each(|s| s.kick());
        }
    }

    /// Asks every hart to stop at its next checkpoint without waiting
    /// (callable from a hart thread, e.g. on a breakpoint hit); a `pause`
    /// then waits for them.
    pub fn request_pause(&self) {
        let mut st = self.lock();
        st.paused = true;
        self.paused.store(true, Ordering::SeqCst);
        drop(st);
        self.harts.iter().for_each(|s| s.kick());
    }

    /// Lets every hart run again.
    pub fn resume(&self) {
        let mut st = self.lock();
        st.paused = false;
        self.paused.store(false, Ordering::SeqCst);
        self.changed.notify_all();
    }

    /// Whether every hart is stopped at a checkpoint.
    pub fn all_stopped(&self) -> bool {
        self.lock().stopped.iter().all(|&s| s)
    }

    /// Runs `f` on hart `id`'s thread while the machine is paused and
    /// returns its result (None if the hart is not stopped or does not
    /// exist).
    pub fn with_hart<R: Send + 'static>(&self, id: usize, f: impl FnOnce(&mut Hart) -> R + Send + 'static) -> Option<R> {
        let (tx, rx) = mpsc::channel();
        {
            let mut st = self.lock();
            if !st.paused || !st.stopped.get(id).copied().unwrap_or(false) {
                return None;
            }
            st.calls[id].push_back(Box::new(move |h| {
                let _ = tx.send(f(h));
            }));
            self.changed.notify_all();
        }
        rx.recv().ok()
    }

    /// The run loop's stop point for one hart on its own thread: returns
    /// at once unless paused; otherwise waits, running queued closures,
    /// until resumed.
    pub fn checkpoint(&self, h: &mut Hart) {
        if !self.pausing() {
            return;
        }
        let id = h.id as usize;
        let mut st = self.lock();
        st.stopped[id] = true;
        self.changed.notify_all();
        while st.paused {
            if let Some(call) = st.calls[id].pop_front() {
                drop(st);
                call(h);
                st = self.lock();
                continue;
            }
            if h.power.stopped() {
                break;
            }
            st = self.changed.wait_timeout(st, std::time::Duration::from_millis(50)).unwrap_or_else(|e| e.into_inner()).0;
        }
        st.stopped[id] = false;
    }

    /// The stop point of a thread that runs all `harts` in turn.
    pub fn checkpoint_all(&self, harts: &mut [Box<Hart>]) {
        if !self.pausing() {
            return;
        }
        let mut st = self.lock();
        st.stopped.iter_mut().for_each(|s| *s = true);
        self.changed.notify_all();
        while st.paused {
            let next = st.calls.iter_mut().enumerate().find_map(|(i, q)| q.pop_front().map(|c| (i, c)));
            if let Some((i, call)) = next {
                drop(st);
                if let Some(h) = harts.get_mut(i) {
                    call(h);
                }
                st = self.lock();
                continue;
            }
            if harts.first().is_some_and(|h| h.power.stopped()) {
                break;
            }
            st = self.changed.wait_timeout(st, std::time::Duration::from_millis(50)).unwrap_or_else(|e| e.into_inner()).0;
        }
        st.stopped.iter_mut().for_each(|s| *s = false);
    }
}
