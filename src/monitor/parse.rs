//! The monitor's command language, in QEMU's spelling where QEMU has one:
//! `info registers`, `x/4xg 0x80000000`, `xp /2g $a0`, `walk VA`, ...
//!
//! Invariant: parsing never panics; any input is either a [`Command`] or
//! one line of error text saying what was wrong.

/// A parsed monitor command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// An empty line: nothing to do.
    Empty,
    Help,
    /// Leave the monitor, the guest runs again.
    Cont,
    /// Stop the machine (as Ctrl-A x).
    Quit,
    InfoRegisters,
    InfoCsr,
    InfoTlb,
    InfoMem,
    InfoCpus,
    /// Select the hart later commands look at.
    Cpu(usize),
    /// `x` (virtual, `phys` false) or `xp` (physical).
    Examine { phys: bool, fmt: Format, addr: Expr },
    /// Show the page walk of a virtual address.
    Walk(Expr),
    Stats,
}

/// How `x`/`xp` print: `/<count><kind><size>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Format {
    pub count: u64,
    pub kind: Kind,
    /// Bytes per unit: 1, 2, 4 or 8 (ignored for instructions).
    pub size: u8,
}

impl Default for Format {
    fn default() -> Self {
        Format { count: 1, kind: Kind::Hex, size: 4 }
    }
}

/// The `x` format letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Hex,
    Signed,
    Unsigned,
    Char,
    Insn,
}

/// An address operand: a number, `$pc` or an integer register (`$a0`,
/// `$x10`), evaluated on the selected hart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expr {
    Num(u64),
    Pc,
    Reg(u8),
}

/// Most units one `x` prints (a typo should not flood the terminal).
pub const MAX_COUNT: u64 = 4096;

/// Parses one input line.
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    let split = line.find(|c: char| c.is_whitespace() || c == '/').unwrap_or(line.len());
    let (word, rest) = line.split_at(split);
    let rest = rest.trim();
    match word {
        "" => Ok(Command::Empty),
        "help" | "h" | "?" => no_args(rest, Command::Help),
        "cont" | "c" => no_args(rest, Command::Cont),
        "quit" | "q" => no_args(rest, Command::Quit),
        "stats" => no_args(rest, Command::Stats),
        "info" => info(rest),
        "cpu" => number(rest).and_then(|n| usize::try_from(n).map_err(|_| "no such hart".into())).map(Command::Cpu),
        "x" | "xp" => examine(word == "xp", rest),
        "walk" => expr(rest).map(Command::Walk),
        _ => Err(format!("unknown command: '{word}' (try 'help')")),
    }
}

fn no_args(rest: &str, c: Command) -> Result<Command, String> {
    if rest.is_empty() { Ok(c) } else { Err(format!("unexpected argument '{rest}'")) }
}

fn info(rest: &str) -> Result<Command, String> {
    match rest {
        "registers" | "reg" | "r" => Ok(Command::InfoRegisters),
        "csr" | "csrs" => Ok(Command::InfoCsr),
        "tlb" => Ok(Command::InfoTlb),
        "mem" => Ok(Command::InfoMem),
        "cpus" => Ok(Command::InfoCpus),
        "" => Err("info what? registers, csr, tlb, mem or cpus".into()),
        other => Err(format!("unknown info '{other}': registers, csr, tlb, mem or cpus")),
    }
}

fn examine(phys: bool, rest: &str) -> Result<Command, String> {
    let (fmt, addr) = match rest.strip_prefix('/') {
        Some(r) => {
            let end = r.find(char::is_whitespace).unwrap_or(r.len());
            (format(&r[..end])?, r[end..].trim())
        }
        None => (Format::default(), rest),
    };
    Ok(Command::Examine { phys, fmt, addr: expr(addr)? })
}

/// Parses `<count><kind><size>` (each part optional, kind and size in
/// either order as QEMU accepts).
pub fn format(s: &str) -> Result<Format, String> {
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let count = if digits == 0 { 1 } else { s[..digits].parse::<u64>().map_err(|_| format!("bad count '{}'", &s[..digits]))? };
    if count == 0 || count > MAX_COUNT {
        return Err(format!("count must be 1..={MAX_COUNT}"));
    }
    let (mut kind, mut size) = (None, None);
    for c in s[digits..].chars() {
        match c {
            'x' | 'd' | 'u' | 'c' | 'i' if kind.is_none() => kind = Some(kind_of(c)),
            'b' | 'h' | 'w' | 'g' if size.is_none() => size = Some(size_of(c)),
            _ => return Err(format!("bad format '/{s}': /<count><x|d|u|c|i><b|h|w|g>")),
        }
    }
    let kind = kind.unwrap_or(Kind::Hex);
    let size = size.unwrap_or(if kind == Kind::Char { 1 } else { 4 });
    Ok(Format { count, kind, size })
}

fn kind_of(c: char) -> Kind {
    match c {
        'd' => Kind::Signed,
        'u' => Kind::Unsigned,
        'c' => Kind::Char,
        'i' => Kind::Insn,
        _ => Kind::Hex,
    }
}

fn size_of(c: char) -> u8 {
    match c {
        'b' => 1,
        'h' => 2,
        'w' => 4,
        _ => 8,
    }
}

/// Parses an address: `0x…` hex, decimal, `$pc` or `$<register>`.
pub fn expr(s: &str) -> Result<Expr, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("missing address".into());
    }
    if let Some(r) = s.strip_prefix('$') {
        return register(r);
    }
    number(s).map(Expr::Num)
}

fn register(name: &str) -> Result<Expr, String> {
    if name == "pc" {
        return Ok(Expr::Pc);
    }
    let abi = mimic_cpu::isa::disasm::XNAMES.iter().position(|&n| n == name).or_else(|| (name == "fp").then_some(8));
    let numbered = name.strip_prefix('x').and_then(|n| n.parse::<usize>().ok()).filter(|&n| n < 32);
    abi.or(numbered).map(|r| Expr::Reg(r as u8)).ok_or_else(|| format!("unknown register '${name}'"))
}

/// Parses `0x…` (hex) or decimal digits; underscores are allowed.
pub fn number(s: &str) -> Result<u64, String> {
    let t = s.trim().replace('_', "");
    let r = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(h) => u64::from_str_radix(h, 16),
        None => t.parse::<u64>(),
    };
    r.map_err(|_| if t.is_empty() { "missing number".into() } else { format!("bad number '{}'", s.trim()) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(phys: bool, count: u64, kind: Kind, size: u8, addr: Expr) -> Command {
        Command::Examine { phys, fmt: Format { count, kind, size }, addr }
    }

    #[test]
    fn examine_forms() {
        assert_eq!(parse("x/4xg 0x80000000"), Ok(x(false, 4, Kind::Hex, 8, Expr::Num(0x8000_0000))));
        assert_eq!(parse("x /4x 0x1000"), Ok(x(false, 4, Kind::Hex, 4, Expr::Num(0x1000))));
        assert_eq!(parse("xp /2g 4096"), Ok(x(true, 2, Kind::Hex, 8, Expr::Num(4096))));
        assert_eq!(parse("x/gx 0x10"), Ok(x(false, 1, Kind::Hex, 8, Expr::Num(0x10))));
        assert_eq!(parse("x/3i $pc"), Ok(x(false, 3, Kind::Insn, 4, Expr::Pc)));
        assert_eq!(parse("x/8c $a0"), Ok(x(false, 8, Kind::Char, 1, Expr::Reg(10))));
        assert_eq!(parse("x/2dh $x2"), Ok(x(false, 2, Kind::Signed, 2, Expr::Reg(2))));
        assert_eq!(parse("x 0x8000_0000"), Ok(x(false, 1, Kind::Hex, 4, Expr::Num(0x8000_0000))));
        assert_eq!(parse("  xp/ub $sp  "), Ok(x(true, 1, Kind::Unsigned, 1, Expr::Reg(2))));
    }

    #[test]
    fn other_commands() {
        assert_eq!(parse("info registers"), Ok(Command::InfoRegisters));
        assert_eq!(parse("info  mem"), Ok(Command::InfoMem));
        assert_eq!(parse("walk 0x400008"), Ok(Command::Walk(Expr::Num(0x40_0008))));
        assert_eq!(parse("cpu 1"), Ok(Command::Cpu(1)));
        assert_eq!(parse("c"), Ok(Command::Cont));
        assert_eq!(parse("q"), Ok(Command::Quit));
        assert_eq!(parse(""), Ok(Command::Empty));
        assert_eq!(parse("stats"), Ok(Command::Stats));
    }

    #[test]
    fn bad_input_is_one_line_of_error() {
        for bad in [
            "frobnicate",
            "info",
            "info nothing",
            "x/0x 0x1000",
            "x/99999x 0",
            "x/4q 0x1000",
            "x/4xx 0",
            "x/4x",
            "x/4x 0xzz",
            "x/4x $nope",
            "x/4x $x32",
            "walk",
            "walk 0x1_0000_0000_0000_0000",
            "cpu -1",
            "quit now",
            "x/",
            "\u{1b}[A",
            "x/\u{e9}",
        ] {
            let e = parse(bad).expect_err(bad);
            assert!(!e.is_empty() && !e.contains('\n'), "{bad}: {e:?}");
        }
    }
}
