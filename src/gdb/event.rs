//! The stub's thread: accept a debugger, pause the machine, run the
//! gdbstub state machine until the debugger leaves, repeat.
//!
//! While the guest runs, `wait_for_stop_reason` polls three sources every
//! few milliseconds: a stop queued by a single-step, a hart's own stop
//! (`Debug::take_stop`, breakpoint or watchpoint), and bytes from GDB
//! (Ctrl-C). The end of the machine (poweroff, HTIF exit) is reported as
//! the process exiting.

use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use gdbstub::common::Signal;
use gdbstub::conn::ConnectionExt;
use gdbstub::stub::run_blocking::{BlockingEventLoop, Event, WaitForStopReasonError};
use gdbstub::stub::{DisconnectReason, GdbStub, MultiThreadStopReason};
use mimic_mmu::PowerEvent;

use super::target::{reason, tid, StopReason, Stub};

/// How often a running guest is polled for stops and GDB for Ctrl-C.
const POLL: Duration = Duration::from_millis(2);

/// Serves debuggers one after another until the machine ends.
/// `session` is true while a debugger is attached.
pub fn serve(listener: TcpListener, mut stub: Stub, session: &AtomicBool) {
    for conn in listener.incoming() {
        let Ok(conn) = conn else { continue };
        if stub.power.stopped() {
            return;
        }
        session.store(true, Ordering::Release);
        pause(&stub);
        let _ = stub.debug.take_stop();
        stub.pending = None;
        let r = GdbStub::new(conn).run_blocking::<Loop>(&mut stub);
        session.store(false, Ordering::Release);
        match r {
            Ok(DisconnectReason::Kill) => {
                stub.power.request(PowerEvent::Quit);
                stub.control.resume();
                return;
            }
            Ok(DisconnectReason::TargetExited(_) | DisconnectReason::TargetTerminated(_)) => return,
            Err(e) => {
                eprintln!("mimic: gdb: the session ended: {e}");
                stub.debug.clear();
                stub.control.resume();
            }
            Ok(DisconnectReason::Disconnect) => {
                stub.debug.clear();
                stub.control.resume();
            }
        }
    }
}

/// Stops every hart and waits until they are (or the machine ends).
fn pause(stub: &Stub) {
    let power = stub.power.clone();
    stub.control.request_pause();
    stub.control.pause(&move || power.stopped());
}

/// The exit status GDB is told when the machine ends.
fn exit_code(ev: Option<PowerEvent>) -> u8 {
    match ev {
        Some(PowerEvent::Fail(c)) => c.clamp(1, 255) as u8,
        Some(PowerEvent::Htif(v)) if v >> 1 != 0 => 1,
        _ => 0,
    }
}

enum Loop {}

impl BlockingEventLoop for Loop {
    type Target = Stub;
    type Connection = TcpStream;
    type StopReason = StopReason;

    fn wait_for_stop_reason(stub: &mut Stub, conn: &mut TcpStream) -> Result<Event<StopReason>, WaitForStopReasonError<String, std::io::Error>> {
        loop {
            if let Some(r) = stub.pending.take() {
                return Ok(Event::TargetStopped(r));
            }
            if stub.power.stopped() {
                return Ok(Event::TargetStopped(MultiThreadStopReason::Exited(exit_code(stub.power.event()))));
            }
            if let Some(s) = stub.debug.take_stop() {
                pause(stub);
                return Ok(Event::TargetStopped(reason(s)));
            }
            if ConnectionExt::peek(conn).map_err(WaitForStopReasonError::Connection)?.is_some() {
                return ConnectionExt::read(conn).map(Event::IncomingData).map_err(WaitForStopReasonError::Connection);
            }
            std::thread::sleep(POLL);
        }
    }

    fn on_interrupt(stub: &mut Stub) -> Result<Option<StopReason>, String> {
        pause(stub);
        let _ = stub.debug.take_stop();
        Ok(Some(MultiThreadStopReason::SignalWithThread { tid: tid(0), signal: Signal::SIGINT }))
    }
}
