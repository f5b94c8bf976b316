//! Cross-hart operations, from a hart's own thread: serving what other
//! harts asked of it (remote SFENCE.VMA / FENCE.I, dropping write tags of
//! pages that became code), asking it of others and waiting, parking
//! (WFI sleep, HSM stopped), and the SBI HSM start of a stopped hart.
//!
//! Invariants:
//! - a hart serves its requests at every run-loop boundary, after parking
//!   and after unparking, and while it waits for others (so two harts
//!   waiting on each other both progress);
//! - a hart marked parked executes nothing until it has unparked and
//!   served (see `mmu::signal`), so a poster may count it as done;
//! - after `broadcast` returns, every target has carried out the request
//!   or will before its next instruction (unless the machine stopped).
//!
//! Thread affinity: every function here runs on the thread of `h`; other
//! harts are reached only through `h.peers` (their `HartSignals`).

use std::sync::atomic::Ordering;
use std::time::Instant;

use mmu::signal::{hsm, Requests};
use mmu::Priv;

use crate::csr::bits::MSTATUS_SIE;
use crate::hart::Hart;

/// Carries out what other harts asked of this one.
#[inline]
pub fn serve(h: &mut Hart) {
    let Some((r, seq)) = h.signals.take_requests() else { return };
    apply(h, r);
    // Remote FENCE.I needs nothing more: the hart left its translated code
    // to get here, and re-entering it checks the code-page generations.
    h.signals.served(seq);
}

/// Carries out one set of requests on this hart.
pub fn apply(h: &mut Hart, r: Requests) {
    if r.flush_tlb {
        h.tlb.flush_translated();
    } else {
        for va in r.flush_pages {
            h.tlb.flush_va(va);
        }
    }
    if r.unwrite_all {
        h.tlb.flush_data();
    } else {
        for p in r.unwrite {
            h.tlb.unwrite_host_page(p);
            let pa = (p - h.ram_host) as u64 + h.bus.ram().base();
            h.bus.ram().code().dropped_writes(pa, h.id);
        }
    }
}

/// Posts a request to every hart in `targets` but this one and waits until
/// each has served it.
pub fn broadcast(h: &mut Hart, targets: impl Iterator<Item = usize>, add: impl Fn(&mut Requests)) {
    let me = h.id as usize;
    let peers = h.peers.clone();
    let posted: Vec<(usize, u64)> = targets.filter(|&t| t != me && t < peers.len()).map(|t| (t, peers[t].post(&add))).collect();
    let start = Instant::now();
    h.stats.remote_waits += 1;
    wait_all(h, &peers, posted);
    h.stats.remote_wait_ns += start.elapsed().as_nanos() as u64;
}

/// Waits until each (target, request) of `posted` is served, serving this
/// hart's own requests meanwhile.
fn wait_all(h: &mut Hart, peers: &[std::sync::Arc<mmu::HartSignals>], posted: Vec<(usize, u64)>) {
    for (t, seq) in posted {
        let mut spins = 0u32;
        while !peers[t].done(seq) {
            serve(h);
            if h.power.stopped() {
                return;
            }
            spins += 1;
            if spins < 256 {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
    }
}

/// Every other hart that may hold write tags for `host_page` (which now
/// holds translated code; `writers` as read after marking it) drops them,
/// so their stores to it reach the invalidation path.
pub fn unwrite_everywhere(h: &mut Hart, host_page: usize, writers: u64) {
    let others = writers & !(1u64 << (h.id & 63));
    if others != 0 && h.peers.len() > 1 {
        broadcast(h, (0..64).filter(|b| others >> b & 1 != 0), |r| r.unwrite(host_page));
    }
}

/// Sleeps parked until kicked or until `deadline`, serving requests before
/// and after.
pub fn park(h: &mut Hart, deadline: Option<Instant>) {
    h.signals.set_parked(true);
    serve(h);
    h.signals.sleep_until(deadline);
    h.signals.set_parked(false);
    serve(h);
}

/// The HSM side of the run loop: whether the hart may execute now. A
/// stopped hart parks until started (if `block`; otherwise the caller
/// moves on to other harts); a start request sets it up as SBI
/// hart_start describes (SBI spec 9.1: S-mode, satp = 0, sstatus.SIE = 0,
/// a0 = hartid, a1 = opaque, pc = start address).
pub fn runnable(h: &mut Hart, block: bool) -> bool {
    match h.signals.hsm.load(Ordering::SeqCst) {
        hsm::STARTED => true,
        hsm::SUSPENDED => {
            if !h.wfi {
                h.signals.hsm.store(hsm::STARTED, Ordering::SeqCst);
            }
            true
        }
        hsm::START_PENDING => {
            if let Some((pc, opaque)) = h.signals.take_start() {
                start(h, pc, opaque);
            }
            h.signals.hsm.store(hsm::STARTED, Ordering::SeqCst);
            true
        }
        hsm::STOP_PENDING => {
            h.signals.hsm.store(hsm::STOPPED, Ordering::SeqCst);
            false
        }
        _ => {
            if block {
                park(h, None);
            }
            false
        }
    }
}

fn start(h: &mut Hart, pc: u64, opaque: u64) {
    h.pc = pc;
    h.x[10] = h.id;
    h.x[11] = opaque;
    h.csr.satp = 0;
    h.csr.mstatus &= !MSTATUS_SIE;
    h.wfi = false;
    h.reservation = None;
    h.tlb.flush_all();
    h.set_priv(Priv::S);
}
