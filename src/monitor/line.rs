//! Line editing for the monitor prompt: the terminal is in raw mode (or a
//! pipe), so the monitor echoes what it takes and handles backspace.
//!
//! Invariant: the line holds printable ASCII only, at most `MAX` bytes;
//! everything else is either an editing key or ignored (escape sequences
//! such as the arrow keys' `ESC [ A` are dropped whole).

/// Longest line kept (longer input is dropped, with a bell).
const MAX: usize = 256;

/// What one input byte did.
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    /// Bytes to echo (possibly none).
    Echo(Vec<u8>),
    /// Enter: the finished line (echo a newline).
    Line(String),
}

/// The line being typed.
#[derive(Default)]
pub struct LineEditor {
    line: String,
    /// The previous byte was CR (so a following LF is not a second Enter).
    after_cr: bool,
    /// Inside an escape sequence: 1 after ESC, 2 after `ESC [` or `ESC O`.
    esc: u8,
}

impl LineEditor {
    /// Forgets the line (leaving the monitor).
    pub fn clear(&mut self) {
        self.line.clear();
        self.after_cr = false;
        self.esc = 0;
    }

    /// Swallows escape sequences; true if `b` belonged to one.
    fn escape(&mut self, b: u8) -> bool {
        self.esc = match (self.esc, b) {
            (_, 0x1b) => 1,
            (1, b'[' | b'O') => 2,
            (2, 0x20..=0x3f) => 2,
            (0, _) => return false,
            _ => 0,
        };
        true
    }

    pub fn feed(&mut self, b: u8) -> Edit {
        let after_cr = std::mem::replace(&mut self.after_cr, b == b'\r');
        if self.escape(b) {
            return Edit::Echo(Vec::new());
        }
        match b {
            b'\n' if after_cr => Edit::Echo(Vec::new()),
            b'\r' | b'\n' => Edit::Line(std::mem::take(&mut self.line)),
            0x08 | 0x7f => match self.line.pop() {
                Some(_) => Edit::Echo(b"\x08 \x08".to_vec()),
                None => Edit::Echo(Vec::new()),
            },
            // Ctrl-C and Ctrl-U drop the line.
            0x03 | 0x15 => {
                let n = self.line.len();
                self.line.clear();
                Edit::Echo(b"\x08 \x08".repeat(n))
            }
            0x20..=0x7e if self.line.len() < MAX => {
                self.line.push(b as char);
                Edit::Echo(vec![b])
            }
            0x20..=0x7e => Edit::Echo(vec![0x07]),
            _ => Edit::Echo(Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(e: &mut LineEditor, s: &[u8]) -> Vec<Edit> {
        s.iter().map(|&b| e.feed(b)).filter(|x| *x != Edit::Echo(Vec::new())).collect()
    }

    #[test]
    fn backspace_crlf_and_control_bytes() {
        let mut e = LineEditor::default();
        let out = typed(&mut e, b"inf\x7fo\x1b[A x\r\n");
        assert_eq!(out.last(), Some(&Edit::Line("ino x".into())));
        assert_eq!(typed(&mut e, b"\n"), [Edit::Line(String::new())]);
        assert_eq!(typed(&mut e, b"abc\x15q\n").last(), Some(&Edit::Line("q".into())));
        let long = vec![b'a'; 300];
        typed(&mut e, &long);
        assert!(matches!(e.feed(b'\n'), Edit::Line(l) if l.len() == MAX));
    }
}
