//! The GDB remote stub (`--gdb [HOST:]PORT`, `--gdb-wait`), on the
//! gdbstub crate: one listener thread (`gdb`) serving one debugger at a
//! time. Harts are GDB threads; see `target` for register and memory
//! access, `arch` for the register map and target description, `monitor`
//! for `monitor` commands, `cpu::debug` for how both engines honour
//! breakpoints and watchpoints.
//!
//! Session life: on connection every hart is paused (`Control::pause`);
//! `continue` resumes them; a breakpoint, watchpoint or Ctrl-C pauses all
//! again and reports the hart that stopped. Detach clears breakpoints and
//! watchpoints and lets the machine run; kill quits it.
//!
//! Thread affinity: the stub's thread never touches a `Hart` directly,
//! only through `Control::with_hart` (the machine paused).

mod arch;
mod event;
mod monitor;
mod regs;
mod target;

use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use mimic_cpu::debug::Debug;

use crate::{Error, Machine};

/// Where to listen and whether to wait for the debugger.
#[derive(Clone, Debug)]
pub struct Options {
    pub addr: SocketAddr,
    /// Stop before the first instruction (QEMU's `-S`).
    pub wait: bool,
}

/// Parses `--gdb [HOST:]PORT` (loopback unless a host is given).
pub fn parse_addr(s: &str) -> Result<SocketAddr, Error> {
    let bad = |why: &str| Error::Config(format!("--gdb {s}: {why}"));
    let with_host = if s.parse::<u16>().is_ok() { format!("127.0.0.1:{s}") } else { s.to_string() };
    let with_host = with_host.strip_prefix(':').map_or(with_host.clone(), |p| format!("127.0.0.1:{p}"));
    with_host.to_socket_addrs().map_err(|_| bad("give PORT or HOST:PORT"))?.next().ok_or_else(|| bad("no such address"))
}

/// The running stub, for the end of the run.
pub struct Server {
    session: Arc<AtomicBool>,
}

impl Server {
    /// Called when the machine has stopped: gives an attached debugger
    /// time to be told (GDB prints "exited normally") before the process
    /// exits.
    pub fn finish(&self) {
        let deadline = Instant::now() + Duration::from_secs(2);
        while self.session.load(Ordering::Acquire) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// Binds the listener, arms the harts and starts the stub's thread.
pub fn start(m: &mut Machine, opts: &Options) -> Result<Server, Error> {
    let listener = TcpListener::bind(opts.addr).map_err(|e| Error::Config(format!("--gdb {}: cannot listen: {e}", opts.addr)))?;
    let debug = Debug::new(m.control.clone());
    m.harts.iter_mut().for_each(|h| h.debug = Some(debug.clone()));
    if opts.wait {
        m.control.request_pause();
    }
    let waits = if opts.wait { "; the guest waits for it" } else { "" };
    eprintln!("mimic: gdb: listening on {}{waits}", opts.addr);
    let stub = target::Stub::new(m.control.clone(), debug, m.power.clone());
    let session = Arc::new(AtomicBool::new(false));
    let active = session.clone();
    std::thread::Builder::new()
        .name("gdb".into())
        .spawn(move || event::serve(listener, stub, &active))
        .map_err(|e| Error::Config(format!("cannot start the GDB stub thread: {e}")))?;
    Ok(Server { session })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(parse_addr("1234").unwrap().to_string(), "127.0.0.1:1234");
        assert_eq!(parse_addr(":1234").unwrap().to_string(), "127.0.0.1:1234");
        assert_eq!(parse_addr("0.0.0.0:99").unwrap().to_string(), "0.0.0.0:99");
        assert!(parse_addr("nonsense").is_err());
        assert!(parse_addr("70000").is_err());
    }
}
