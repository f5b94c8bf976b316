//! The host console: stdin feeds the guest UART, stdout shows it.
//!
//! When stdin is a terminal it is put in raw mode (so the guest sees every
//! key, Ctrl-C included) and restored on every exit path: normal return,
//! panic (a hook), and SIGTERM/SIGHUP/SIGINT (a signal thread). When stdin
//! is a pipe or file nothing is changed, so tests can drive a guest shell.
//!
//! Escapes, as in QEMU: `Ctrl-A x` quits, `Ctrl-A c` toggles the monitor
//! (`crate::monitor`: the guest pauses while it is up, and input goes to
//! its prompt instead of the UART), `Ctrl-A Ctrl-A` sends one Ctrl-A;
//! other `Ctrl-A` sequences are passed through unchanged.
//!
//! Thread affinity: one reader thread owns stdin and the monitor; it
//! calls `Ns16550a::push_input` (which takes the UART's lock), `Power`
//! and the machine's `Control`.

use std::io::{IsTerminal, Read};
use std::os::fd::AsFd;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use mimic_cpu::control::Control;
use mimic_devices::uart::Ns16550a;
use mimic_mmu::{Power, PowerEvent};
use nix::sys::termios::{self, SetArg, Termios};

use crate::monitor::{Flow, Monitor};

const CTRL_A: u8 = 0x01;

/// The terminal state to restore, if we changed it.
static SAVED: OnceLock<Mutex<Option<Termios>>> = OnceLock::new();

fn saved() -> &'static Mutex<Option<Termios>> {
    SAVED.get_or_init(|| Mutex::new(None))
}

/// Restores the terminal if raw mode was entered (idempotent).
pub fn restore_terminal() {
    let mut s = saved().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(t) = s.take() {
        let _ = termios::tcsetattr(std::io::stdin().as_fd(), SetArg::TCSANOW, &t);
    }
}

/// Puts a terminal stdin in raw mode and arranges its restoration.
fn enter_raw_mode() {
    let stdin = std::io::stdin();
    let Ok(orig) = termios::tcgetattr(stdin.as_fd()) else { return };
    let mut raw = orig.clone();
    termios::cfmakeraw(&mut raw);
    // Keep output post-processing so "\n" still returns the carriage.
    raw.output_flags = orig.output_flags;
    if termios::tcsetattr(stdin.as_fd(), SetArg::TCSANOW, &raw).is_err() {
        return;
    }
    *saved().lock().unwrap_or_else(|e| e.into_inner()) = Some(orig);
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        prev(info);
    }));
    spawn_signal_thread();
}

fn spawn_signal_thread() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else { return };
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            restore_terminal();
            eprintln!("\r\nmimic: terminated by signal {sig}");
            std::process::exit(128 + sig);
        }
    });
}

/// Decodes the Ctrl-A escapes of the input stream.
#[derive(Default)]
pub struct Escapes {
    pending: bool,
}

/// What one input byte means.
#[derive(Debug, PartialEq, Eq)]
pub enum Key {
    /// Bytes for the guest.
    Guest(Vec<u8>),
    /// Ctrl-A x.
    Quit,
    /// Ctrl-A c.
    Monitor,
}

impl Escapes {
    pub fn feed(&mut self, b: u8) -> Key {
        if self.pending {
            self.pending = false;
            return match b {
                b'x' | b'X' => Key::Quit,
                b'c' | b'C' => Key::Monitor,
                CTRL_A => Key::Guest(vec![CTRL_A]),
                other => Key::Guest(vec![CTRL_A, other]),
            };
        }
        if b == CTRL_A {
            self.pending = true;
            return Key::Guest(Vec::new());
        }
        Key::Guest(vec![b])
    }
}

/// Starts the console: raw mode if interactive, and a thread feeding
/// stdin into `uart` until EOF.
pub fn start(uart: Arc<Ns16550a>, power: Arc<Power>, control: Arc<Control>) {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        enter_raw_mode();
    }
    std::thread::Builder::new()
        .name("console".into())
        .spawn(move || {
            let monitor = Monitor::new(control, power.clone(), Box::new(std::io::stdout()));
            reader(uart, power, monitor)
        })
        .expect("spawn console thread");
}

fn reader(uart: Arc<Ns16550a>, power: Arc<Power>, mut monitor: Monitor) {
    let mut esc = Escapes::default();
    let mut buf = [0u8; 256];
    let mut stdin = std::io::stdin().lock();
    loop {
        let n = match stdin.read(&mut buf) {
            Ok(0) | Err(_) => {
                // No more input: nobody can leave the monitor any more.
                monitor.leave();
                return;
            }
            Ok(n) => n,
        };
        for &b in &buf[..n] {
            match esc.feed(b) {
                Key::Quit => {
                    power.request(PowerEvent::Quit);
                    monitor.leave();
                    return;
                }
                Key::Monitor => monitor.toggle(),
                Key::Guest(bytes) if monitor.active() => {
                    if bytes.iter().any(|&b| monitor.feed(b) == Flow::Quit) {
                        return;
                    }
                }
                Key::Guest(bytes) => deliver(&uart, &power, &bytes),
            }
        }
    }
}

/// Pushes bytes into the UART, waiting while its receive FIFO is full.
fn deliver(uart: &Ns16550a, power: &Power, mut bytes: &[u8]) {
    while !bytes.is_empty() && !power.stopped() {
        let n = uart.push_input(bytes);
        bytes = &bytes[n..];
        if !bytes.is_empty() {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_a_escapes() {
        let mut e = Escapes::default();
        assert_eq!(e.feed(b'a'), Key::Guest(vec![b'a']));
        assert_eq!(e.feed(CTRL_A), Key::Guest(vec![]));
        assert_eq!(e.feed(CTRL_A), Key::Guest(vec![CTRL_A]));
        assert_eq!(e.feed(CTRL_A), Key::Guest(vec![]));
        assert_eq!(e.feed(b'x'), Key::Quit);
        e.feed(CTRL_A);
        assert_eq!(e.feed(b'c'), Key::Monitor);
        e.feed(CTRL_A);
        assert_eq!(e.feed(b'z'), Key::Guest(vec![CTRL_A, b'z']));
    }
}
