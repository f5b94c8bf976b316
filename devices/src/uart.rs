//! NS16550A UART (QEMU virt: 0x1000_0000, reg-shift 0, irq 10), built on
//! rust-vmm's vm-superio register model. Transmitted bytes go to a host
//! writer; received bytes are queued by the console thread with
//! [`Ns16550a::push_input`].
//!
//! The interrupt line is level-triggered: after every register access and
//! every enqueue the model's IIR decides the level (IIR bit 0 clear =
//! pending), so the PLIC sees exactly what a real 16550's INT pin shows.
//! Accesses wider than a byte act on the low byte (QEMU accepts them too).

use std::io::Write;
use std::sync::Mutex;

use mmu::MmioDevice;
use vm_superio::serial::NoEvents;
use vm_superio::{Serial, Trigger};

use crate::Irq;

/// vm-superio's edge trigger; unused because the level is derived from IIR.
struct Edge;

impl Trigger for Edge {
    type E = std::io::Error;
    fn trigger(&self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A host writer that flushes after every byte so output appears at once.
struct Flushing(Box<dyn Write + Send>);

impl Write for Flushing {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let n = self.0.write(b)?;
        self.0.flush()?;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// The UART device.
pub struct Ns16550a {
    serial: Mutex<Serial<Edge, NoEvents, Flushing>>,
    irq: Irq,
}

impl Ns16550a {
    pub fn new(out: Box<dyn Write + Send>, irq: Irq) -> Ns16550a {
        Ns16550a { serial: Mutex::new(Serial::new(Edge, Flushing(out))), irq }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Serial<Edge, NoEvents, Flushing>> {
        self.serial.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn update_irq(&self, s: &Serial<Edge, NoEvents, Flushing>) {
        self.irq.set(s.state().interrupt_identification & 1 == 0);
    }

    /// Queues received bytes; returns how many fit in the receive FIFO.
    pub fn push_input(&self, bytes: &[u8]) -> usize {
        let mut s = self.lock();
        let room = s.fifo_capacity();
        let n = bytes.len().min(room);
        if n > 0 {
            let _ = s.enqueue_raw_bytes(&bytes[..n]);
            self.update_irq(&s);
        }
        n
    }

    /// Free space in the receive FIFO.
    pub fn input_room(&self) -> usize {
        self.lock().fifo_capacity()
    }
}

impl MmioDevice for Ns16550a {
    fn read(&self, offset: u64, _size: u8) -> u64 {
        if offset >= 8 {
            return 0;
        }
        let mut s = self.lock();
        let v = s.read(offset as u8);
        self.update_irq(&s);
        u64::from(v)
    }

    fn write(&self, offset: u64, _size: u8, value: u64) {
        if offset >= 8 {
            return;
        }
        let mut s = self.lock();
        let _ = s.write(offset as u8, value as u8);
        self.update_irq(&s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex as M};

    struct Line(AtomicBool);
    impl crate::IrqLine for Line {
        fn set(&self, l: bool) {
            self.0.store(l, Ordering::SeqCst)
        }
    }

    #[derive(Clone, Default)]
    struct Buf(Arc<M<Vec<u8>>>);
    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn transmit_receive_and_level_interrupt() {
        let line = Arc::new(Line(AtomicBool::new(false)));
        let buf = Buf::default();
        let u = Ns16550a::new(Box::new(buf.clone()), line.clone());
        u.write(0, 1, u64::from(b'h'));
        u.write(0, 4, u64::from(b'i'));
        assert_eq!(&*buf.0.lock().unwrap(), b"hi");
        u.write(4, 1, 0x08); // MCR.OUT2: interrupts reach the pin
        u.write(1, 1, 0x01); // IER: received data available
        assert!(!line.0.load(Ordering::SeqCst));
        assert_eq!(u.push_input(b"x"), 1);
        assert!(line.0.load(Ordering::SeqCst), "RDA raises the line");
        assert_eq!(u.read(5, 1) & 1, 1, "LSR.DR");
        assert_eq!(u.read(0, 1), u64::from(b'x'));
        assert!(!line.0.load(Ordering::SeqCst), "reading RBR lowers it");
    }
}
