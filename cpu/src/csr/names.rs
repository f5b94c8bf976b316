//! CSR names, as objdump and GDB print them (privileged spec chapter 2,
//! tables 2.2-2.6). Counters and PMP registers come in numbered families.

const NAMED: &[(u16, &str)] = &[
    (0x001, "fflags"),
    (0x002, "frm"),
    (0x003, "fcsr"),
    (0xc00, "cycle"),
    (0xc01, "time"),
    (0xc02, "instret"),
    (0x100, "sstatus"),
    (0x104, "sie"),
    (0x105, "stvec"),
    (0x106, "scounteren"),
    (0x10a, "senvcfg"),
    (0x140, "sscratch"),
    (0x141, "sepc"),
    (0x142, "scause"),
    (0x143, "stval"),
    (0x144, "sip"),
    (0x14d, "stimecmp"),
    (0x180, "satp"),
    (0xf11, "mvendorid"),
    (0xf12, "marchid"),
    (0xf13, "mimpid"),
    (0xf14, "mhartid"),
    (0xf15, "mconfigptr"),
    (0x300, "mstatus"),
    (0x301, "misa"),
    (0x302, "medeleg"),
    (0x303, "mideleg"),
    (0x304, "mie"),
    (0x305, "mtvec"),
    (0x306, "mcounteren"),
    (0x30a, "menvcfg"),
    (0x320, "mcountinhibit"),
    (0x340, "mscratch"),
    (0x341, "mepc"),
    (0x342, "mcause"),
    (0x343, "mtval"),
    (0x344, "mip"),
    (0x34a, "mtinst"),
    (0x34b, "mtval2"),
    (0x747, "mseccfg"),
    (0xb00, "mcycle"),
    (0xb02, "minstret"),
    (0x7a0, "tselect"),
    (0x7a1, "tdata1"),
    (0x7a2, "tdata2"),
    (0x7a3, "tdata3"),
    (0x7a4, "tinfo"),
    (0x7a5, "tcontrol"),
    (0x7a8, "mcontext"),
    (0x7b0, "dcsr"),
    (0x7b1, "dpc"),
    (0x7b2, "dscratch0"),
    (0x7b3, "dscratch1"),
];

/// The name of CSR `addr`, if it has one.
pub fn csr_name(addr: u16) -> Option<String> {
    if let Some((_, n)) = NAMED.iter().find(|(a, _)| *a == addr) {
        return Some((*n).to_string());
    }
    let fam = |base: u16, name: &str, first: u16| Some(format!("{name}{}", addr - base + first));
    match addr {
        0xc03..=0xc1f => fam(0xc03, "hpmcounter", 3),
        0xb03..=0xb1f => fam(0xb03, "mhpmcounter", 3),
        0x323..=0x33f => fam(0x323, "mhpmevent", 3),
        0x3a0..=0x3af => fam(0x3a0, "pmpcfg", 0),
        0x3b0..=0x3ef => fam(0x3b0, "pmpaddr", 0),
        _ => None,
    }
}

/// The address of the CSR called `name`.
pub fn csr_address(name: &str) -> Option<u16> {
    if let Some((a, _)) = NAMED.iter().find(|(_, n)| *n == name) {
        return Some(*a);
    }
    (0..0x1000u16).find(|&a| csr_name(a).as_deref() == Some(name))
}
