//! The `sbi` trace line: extension (named), function, arguments and the
//! SBI return pair (SBI spec chapter 3 "Binary Encoding": a7 = EID,
//! a6 = FID, a0..a5 arguments, a0 = error, a1 = value).

/// The SBI error name of `e` (SBI spec table "Standard SBI Errors").
fn error_name(e: u64) -> String {
    let n = match e as i64 {
        0 => "SUCCESS",
        -1 => "FAILED",
        -2 => "NOT_SUPPORTED",
        -3 => "INVALID_PARAM",
        -4 => "DENIED",
        -5 => "INVALID_ADDRESS",
        -6 => "ALREADY_AVAILABLE",
        -7 => "ALREADY_STARTED",
        -8 => "ALREADY_STOPPED",
        -9 => "NO_SHMEM",
        _ => return format!("{:#x}", e),
    };
    n.to_string()
}

/// `sbi hart=0 pc=0x... TIME(0x54494d45) fid=0 args=[...] -> SUCCESS value=0x0`.
/// Legacy extensions (EID < 0x10) return only a0, shown as `-> a0=...`.
pub fn line(hart: u64, pc: u64, a: &[u64; 8], error: u64, value: u64) -> String {
    let eid = a[7];
    let name = crate::stats::sbi_extension_name(eid).unwrap_or("unknown");
    let args = a[..6].iter().map(|v| format!("{v:#x}")).collect::<Vec<_>>().join(", ");
    let result = if eid < 0x10 { format!("a0={error:#x}") } else { format!("{} value={value:#x}", error_name(error)) };
    format!("sbi hart={hart} pc={pc:#x} {name}({eid:#x}) fid={} args=[{args}] -> {result}", a[6])
}
