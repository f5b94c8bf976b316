//! What `info registers`, `info csr`, `info cpus` and `info tlb` print,
//! formatted from a stopped hart (these run on the hart's own thread
//! through `Control::with_hart`).
//!
//! Invariant: only reads hart state (`csr::read_raw` has no side effects).

use std::fmt::Write;

use mimic_cpu::csr::{bits, read_raw};
use mimic_cpu::isa::disasm::{FNAMES, XNAMES};
use mimic_cpu::Hart;
use mimic_mmu::signal::hsm;
use mimic_mmu::tlb::{self, INVALID, PAGE_MASK, SETS, TLB_ENTRIES};
use mimic_mmu::Priv;

/// Most TLB entries `info tlb` lists.
const TLB_LINES: usize = 2000;

pub fn priv_name(p: Priv) -> &'static str {
    match p {
        Priv::U => "U",
        Priv::S => "S",
        Priv::M => "M",
    }
}

/// `info registers`: pc, privilege, x0-x31 and f0-f31.
pub fn registers(h: &Hart) -> String {
    let mut s = format!("hart {}  pc {:016x}  priv {}\n", h.id, h.pc, priv_name(h.priv_));
    for (i, v) in h.x.iter().enumerate() {
        let name = format!("x{i}/{}", XNAMES[i]);
        let _ = write!(s, "{name:<9}{v:016x}{}", if i % 4 == 3 { "\n" } else { "  " });
    }
    for (i, v) in h.f.iter().enumerate() {
        let name = format!("f{i}/{}", FNAMES[i]);
        let _ = write!(s, "{name:<9}{v:016x}{}", if i % 4 == 3 { "\n" } else { "  " });
    }
    s
}

/// The CSRs `info csr` shows, in this order.
const CSRS: &[(&str, u16)] = &[
    ("mstatus", bits::MSTATUS),
    ("misa", bits::MISA),
    ("medeleg", bits::MEDELEG),
    ("mideleg", bits::MIDELEG),
    ("mie", bits::MIE),
    ("mip", bits::MIP),
    ("mtvec", bits::MTVEC),
    ("mepc", bits::MEPC),
    ("mcause", bits::MCAUSE),
    ("mtval", bits::MTVAL),
    ("mscratch", bits::MSCRATCH),
    ("menvcfg", bits::MENVCFG),
    ("mcounteren", bits::MCOUNTEREN),
    ("mhartid", bits::MHARTID),
    ("sstatus", bits::SSTATUS),
    ("sie", bits::SIE),
    ("sip", bits::SIP),
    ("stvec", bits::STVEC),
    ("sepc", bits::SEPC),
    ("scause", bits::SCAUSE),
    ("stval", bits::STVAL),
    ("sscratch", bits::SSCRATCH),
    ("satp", bits::SATP),
    ("stimecmp", bits::STIMECMP),
    ("senvcfg", bits::SENVCFG),
    ("scounteren", bits::SCOUNTEREN),
    ("fcsr", bits::FCSR),
    ("cycle", bits::CYCLE),
    ("instret", bits::INSTRET),
    ("time", bits::TIME),
];

/// `info csr`: the main M and S CSRs, three per line.
pub fn csrs(h: &Hart) -> String {
    let mut s = format!("hart {}  priv {}\n", h.id, priv_name(h.priv_));
    for (i, (name, addr)) in CSRS.iter().enumerate() {
        let v = read_raw(h, *addr).unwrap_or(0);
        let _ = write!(s, "{name:<11}{v:016x}{}", if i % 3 == 2 { "\n" } else { "  " });
    }
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// One `info cpus` line.
pub fn cpu_line(h: &Hart, selected: bool) -> String {
    let state = match h.signals.hsm.load(std::sync::atomic::Ordering::Relaxed) {
        hsm::STOPPED => "stopped (HSM)",
        hsm::SUSPENDED => "suspended (HSM)",
        _ if h.wfi => "halted (WFI)",
        _ => "running",
    };
    let mark = if selected { '*' } else { ' ' };
    format!("{mark} CPU #{}: pc={:#018x} priv={} {state} instret={}\n", h.id, h.pc, priv_name(h.priv_), h.instret)
}

const SET_NAMES: [&str; SETS] = ["U data", "S data", "M data", "S+SUM data", "U fetch", "S fetch", "M fetch"];

/// `info tlb`: the valid entries of the hart's soft TLB.
pub fn tlb(h: &Hart) -> String {
    let mut s = String::from(
        "the soft TLB keeps no ASID or G bit: it is flushed on satp writes and SFENCE.VMA\n\
         set         vaddr            paddr            host             perm\n",
    );
    let ram = h.bus.ram();
    let mut n = 0;
    for set in 0..SETS {
        for i in 0..TLB_ENTRIES {
            let Some((va, perm)) = valid(&h.tlb, set, i) else { continue };
            n += 1;
            if n > TLB_LINES {
                continue;
            }
            let host = va.wrapping_add(h.tlb.set(set)[i].addend);
            let pa = host.checked_sub(ram.host_base() as u64).map(|off| off + ram.base()).filter(|&pa| ram.contains(pa, 1));
            let pa = pa.map_or("?".to_string(), |pa| format!("{pa:016x}"));
            let _ = writeln!(s, "{:<12}{va:016x} {pa:<16} {host:016x} {perm}", SET_NAMES[set]);
        }
    }
    let _ = writeln!(s, "{n} valid entries{}", if n > TLB_LINES { format!(" ({TLB_LINES} shown)") } else { String::new() });
    s
}

/// The page and `rwx` of entry `i` of `set` if any of its tags is live.
fn valid(t: &tlb::Tlb, set: usize, i: usize) -> Option<(u64, String)> {
    let e = &t.set(set)[i];
    let epoch = t.epoch[set];
    let live = |tag: u64| tag != INVALID && (tag ^ epoch) & !PAGE_MASK == 0;
    let tags = [e.tag_r, e.tag_w, e.tag_x];
    let page = tags.iter().find(|&&tag| live(tag))? ^ epoch;
    let perm = tags.iter().zip("rwx".chars()).map(|(&tag, c)| if live(tag) && tag ^ epoch == page { c } else { '-' }).collect();
    Some((page, perm))
}
