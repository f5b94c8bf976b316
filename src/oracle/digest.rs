//! Reading a program's printed digest back into named values, and the
//! first difference between two digests (see `program.rs` for the
//! order the words are printed in).

use super::program::{DATA_SIZE, SAVED_WORDS};

/// ABI names of the x registers, for reports.
const ABI: [&str; 32] = [
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6",
    "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
];

/// One recorded trap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Trap {
    pub mcause: u64,
    pub mepc: u64,
    /// 0 for illegal-instruction and breakpoint traps (see `program.rs`).
    pub mtval: u64,
}

/// A parsed digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Digest {
    /// The compared words.
    pub words: Vec<u64>,
    /// The uncompared last word: minstret's advance over the random part
    /// (meaningful in mimic only).
    pub retired: u64,
}

impl Digest {
    /// Parses printed output; `Err` says what is wrong with it (a
    /// program that did not finish prints a short or malformed digest).
    pub fn parse(text: &str) -> Result<Digest, String> {
        let mut words = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let ok = line.len() == 16 && line.bytes().all(|b| b.is_ascii_hexdigit());
            let w = u64::from_str_radix(line, 16).ok().filter(|_| ok);
            words.push(w.ok_or_else(|| format!("line {}: `{}` is not a 16-digit hex word", i + 1, line.escape_debug()))?);
        }
        let fixed = SAVED_WORDS + (DATA_SIZE / 8) as usize + 1;
        if words.len() < fixed || !(words.len() - fixed).is_multiple_of(3) {
            return Err(format!("{} words: not a complete digest ({fixed} + 3 per trap expected)", words.len()));
        }
        let retired = words.pop().unwrap_or(0);
        Ok(Digest { words, retired })
    }

    pub fn x(&self, r: usize) -> u64 {
        self.words[r]
    }

    pub fn f(&self, r: usize) -> u64 {
        self.words[32 + r]
    }

    pub fn fcsr(&self) -> u64 {
        self.words[64]
    }

    /// Traps taken (recorded or not).
    pub fn trap_count(&self) -> u64 {
        self.words[65]
    }

    /// The recorded traps, oldest first.
    pub fn traps(&self) -> Vec<Trap> {
        let n = (self.words.len() - SAVED_WORDS - (DATA_SIZE / 8) as usize) / 3;
        (0..n)
            .map(|k| {
                let w = &self.words[SAVED_WORDS + 3 * k..];
                Trap { mcause: w[0], mepc: w[1], mtval: w[2] }
            })
            .collect()
    }

    /// The data area's doublewords.
    pub fn data(&self) -> &[u64] {
        &self.words[self.words.len() - (DATA_SIZE / 8) as usize..]
    }

    /// What word `i` is, for reports.
    pub fn name(&self, i: usize) -> String {
        let traps_end = self.words.len() - (DATA_SIZE / 8) as usize;
        match i {
            0..=31 => format!("x{i} ({})", ABI[i]),
            32..=63 => format!("f{}", i - 32),
            64 => "fcsr".into(),
            65 => "trap count".into(),
            _ if i < traps_end => {
                let k = (i - SAVED_WORDS) / 3;
                format!("trap {k} {}", ["mcause", "mepc", "mtval"][(i - SAVED_WORDS) % 3])
            }
            _ => format!("memory {:#x}", self.x(2) + 8 * (i - traps_end) as u64),
        }
    }
}

/// The first difference between two outputs, as "what: a vs b" (None
/// when they are identical).
pub fn first_difference(a: &str, b: &str) -> Option<String> {
    match (Digest::parse(a), Digest::parse(b)) {
        (Ok(x), Ok(y)) if x.words == y.words => None,
        (Ok(x), Ok(y)) => {
            let i = (0..x.words.len().min(y.words.len())).find(|&i| x.words[i] != y.words[i]);
            Some(match i {
                Some(i) if x.name(i) == y.name(i) => format!("{}: {:#018x} vs {:#018x}", x.name(i), x.words[i], y.words[i]),
                Some(i) => format!("word {i}: {} {:#x} vs {} {:#x}", x.name(i), x.words[i], y.name(i), y.words[i]),
                None => format!("digest lengths {} vs {} words", x.words.len(), y.words.len()),
            })
        }
        _ if a == b => None,
        (Err(e), _) => Some(format!("first output unreadable: {e}")),
        (_, Err(e)) => Some(format!("second output unreadable: {e}")),
    }
}

/// Every word that differs between two readable digests, as "what: a vs
/// b" (empty when either is unreadable or they are equal).
pub fn all_differences(a: &str, b: &str) -> Vec<String> {
    let (Ok(x), Ok(y)) = (Digest::parse(a), Digest::parse(b)) else { return Vec::new() };
    (0..x.words.len().min(y.words.len()))
        .filter(|&i| x.words[i] != y.words[i])
        .map(|i| format!("{}: {:#018x} vs {:#018x}", x.name(i), x.words[i], y.words[i]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(words: &[u64]) -> String {
        words.iter().map(|w| format!("{w:016x}\n")).collect()
    }

    fn digest_words(traps: usize) -> Vec<u64> {
        let n = SAVED_WORDS + 3 * traps + (DATA_SIZE / 8) as usize + 1;
        let mut w: Vec<u64> = (0..n as u64).collect();
        w[65] = traps as u64;
        w
    }

    #[test]
    fn parses_and_names_words() {
        let w = digest_words(2);
        let d = Digest::parse(&text(&w)).unwrap();
        assert_eq!(d.traps().len(), 2);
        assert_eq!(d.traps()[1], Trap { mcause: 69, mepc: 70, mtval: 71 });
        assert_eq!(d.retired, *w.last().unwrap());
        assert_eq!(d.name(10), "x10 (a0)");
        assert_eq!(d.name(70), "trap 1 mepc");
        assert_eq!(d.name(72), format!("memory {:#x}", d.x(2)));
    }

    #[test]
    fn differences_ignore_the_retired_word() {
        let a = digest_words(0);
        let mut b = a.clone();
        *b.last_mut().unwrap() += 1;
        assert_eq!(first_difference(&text(&a), &text(&b)), None);
        b[40] ^= 1;
        assert_eq!(first_difference(&text(&a), &text(&b)).unwrap(), "f8: 0x0000000000000028 vs 0x0000000000000029");
        assert!(first_difference("", &text(&a)).unwrap().contains("unreadable"));
        assert!(Digest::parse("12\n").is_err());
    }
}
