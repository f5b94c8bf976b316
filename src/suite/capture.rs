//! A bounded in-memory console for one test: the UART, HTIF and SBI
//! console write here instead of stdout, so parallel tests never
//! interleave. Output past [`LIMIT`] bytes is dropped (and said so), so a
//! program printing in a loop cannot exhaust host memory.

use std::io::Write;
use std::sync::{Arc, Mutex};

/// Bytes kept per test.
pub const LIMIT: usize = 256 << 10;

#[derive(Clone, Default)]
pub struct Capture(Arc<Mutex<(Vec<u8>, bool)>>);

impl Capture {
    /// Everything kept, as text (a note at the end if output was dropped).
    pub fn text(&self) -> String {
        let g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let mut s = String::from_utf8_lossy(&g.0).into_owned();
        if g.1 {
            s.push_str(&format!("\n[console output cut at {} KiB]\n", LIMIT >> 10));
        }
        s
    }
}

impl Write for Capture {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let mut g = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let room = LIMIT.saturating_sub(g.0.len());
        g.0.extend_from_slice(&b[..b.len().min(room)]);
        g.1 |= b.len() > room;
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_at_most_the_limit() {
        let mut c = Capture::default();
        c.write_all(b"hello\n").unwrap();
        assert_eq!(c.text(), "hello\n");
        c.write_all(&vec![b'x'; LIMIT]).unwrap();
        let t = c.text();
        assert!(t.len() < LIMIT + 100 && t.ends_with("KiB]\n"), "{}", t.len());
    }
}
