//! `--kernel`, `--initrd`, `--drive`, `--bios` and `-m` on bad input: one
//! clear stderr line ("mimic: " + the file + the problem), exit status 2,
//! never a panic (issue #4). Small generated files in a temporary
//! directory; Debian's real kernel only where a case needs it (skipped
//! when it is not fetched, outside CI: see tests/guest/mod.rs).

mod guest;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use guest::TempDir;

/// Runs mimic; a case that wrongly boots stops after a few instructions
/// (status 3), and one that hangs is killed after a minute.
fn mimic(args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mimic"))
        .args(["--max-insns", "100000"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run mimic");
    let mut pipe = child.stderr.take().expect("stderr pipe");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = pipe.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        match child.try_wait().expect("wait for mimic") {
            Some(st) => break st,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{args:?}: still running after 60 s (killed)");
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    let err = reader.join().unwrap_or_default();
    let code = status.code().unwrap_or_else(|| panic!("{args:?}: killed by a signal ({status}); stderr:\n{err}"));
    (code, err)
}

/// Asserts status 2 and exactly one stderr line "mimic: ..." holding every
/// string of `want`; returns the line.
fn bad(args: &[&str], want: &[&str]) -> String {
    let (code, err) = mimic(args);
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert_eq!(code, 2, "{args:?}: status {code}, stderr {err}");
    assert_eq!(err.lines().count(), 1, "{args:?}: expected one line, got:\n{err}");
    assert!(err.starts_with("mimic: "), "{args:?}: `{err}`");
    for w in want {
        assert!(err.contains(w), "{args:?}: `{}` lacks `{w}`", err.trim_end());
    }
    err
}

/// Asserts the machine was built and ran (stopped by --max-insns: 3).
fn runs(args: &[&str]) {
    let (code, err) = mimic(args);
    assert_eq!(code, 3, "{args:?}: status {code}, stderr {err}");
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// A 64-byte RISC-V Linux Image header (Documentation/arch/riscv/
/// boot-image-header.rst) followed by zeros, `len` bytes in all; no EFI
/// stub, so nothing records the file's size.
fn riscv_image(text_offset: u64, image_size: u64, len: usize) -> Vec<u8> {
    let mut b = vec![0u8; len.max(64)];
    b[8..16].copy_from_slice(&text_offset.to_le_bytes());
    b[16..24].copy_from_slice(&image_size.to_le_bytes());
    b[48..56].copy_from_slice(b"RISCV\0\0\0");
    b[56..60].copy_from_slice(b"RSC\x05");
    b
}

/// A small kernel that loads (it never runs: these tests stop at once).
fn fake_kernel(t: &TempDir) -> PathBuf {
    t.file("fake-Image", &riscv_image(0x20_0000, 1 << 20, 4096))
}

#[test]
fn kernel_missing_empty_or_tiny() {
    bad(&["--kernel", "/nonexistent/vmlinux"], &["/nonexistent/vmlinux: No such file or directory"]);
    let t = TempDir::new("cli-kernel-empty");
    let empty = t.file("empty-Image", b"");
    bad(&["--kernel", s(&empty)], &["empty-Image: file is empty"]);
    let tiny = t.file("tiny-Image", b"abc");
    bad(&["--kernel", s(&tiny)], &["tiny-Image: kernel image is 3 bytes long: not a Linux Image, ELF or raw binary"]);
    bad(&["--kernel", s(t.path())], &["Is a directory"]);
}

#[test]
fn kernel_for_another_architecture() {
    let t = TempDir::new("cli-kernel-arch");
    let host = t.file("x86_64.elf", &std::fs::read(env!("CARGO_BIN_EXE_mimic")).unwrap());
    bad(&["--kernel", s(&host)], &["x86_64.elf: ELF for x86-64 (e_machine 62), not RISC-V"]);
    let mut arm = vec![0u8; 4096];
    arm[56..60].copy_from_slice(b"ARMd"); // arm64 Image magic (Documentation/arch/arm64/booting.rst)
    let arm = t.file("arm64-Image", &arm);
    bad(&["--kernel", s(&arm)], &["arm64-Image: an arm64 Linux Image, not a RISC-V kernel"]);
    let mut bz = vec![0u8; 4096];
    bz[0x202..0x206].copy_from_slice(b"HdrS");
    let bz = t.file("bzImage", &bz);
    bad(&["--kernel", s(&bz)], &["bzImage: an x86 bzImage, not a RISC-V kernel"]);
}

/// Header fields no kernel has (they would overflow address arithmetic).
#[test]
fn kernel_with_corrupt_header() {
    let t = TempDir::new("cli-kernel-corrupt");
    let huge = t.file("huge-size-Image", &riscv_image(0x20_0000, u64::MAX, 4096));
    bad(&["--kernel", s(&huge)], &["huge-size-Image: corrupt RISC-V Linux Image header", "image_size 0xffffffffffffffff"]);
    let far = t.file("far-Image", &riscv_image(u64::MAX - 0xfff, 1 << 20, 4096));
    bad(&["--kernel", s(&far)], &["far-Image: corrupt RISC-V Linux Image header", "text_offset"]);
}

/// Debian's Image cut short: its EFI stub's PE/COFF header says how long
/// the file must be.
#[test]
fn kernel_truncated() {
    let Some(k) = guest::kernel("kernel_truncated") else { return };
    let bytes = std::fs::read(&k).unwrap();
    let t = TempDir::new("cli-kernel-trunc");
    for (name, n) in [("first-64", 64), ("first-100", 100), ("first-4k", 4096), ("all-but-one", bytes.len() - 1)] {
        let p = t.file(name, &bytes[..n]);
        let line = bad(&["--kernel", s(&p)], &[&format!("{name}: truncated RISC-V Linux Image: the file has {n} bytes")]);
        assert!(line.contains("its header describes"), "{line}");
    }
    let whole = t.file("whole", &bytes);
    runs(&["--kernel", s(&whole)]);
}

#[test]
fn initrd_missing_empty_or_elf() {
    let t = TempDir::new("cli-initrd");
    let k = fake_kernel(&t);
    bad(&["--kernel", s(&k), "--initrd", "/nonexistent/initrd.gz"], &["/nonexistent/initrd.gz: No such file or directory"]);
    let empty = t.file("empty.cpio", b"");
    bad(&["--kernel", s(&k), "--initrd", s(&empty)], &["empty.cpio: file is empty"]);
    let elf = t.file("prog.elf", &std::fs::read(env!("CARGO_BIN_EXE_mimic")).unwrap());
    bad(&["--kernel", s(&k), "--initrd", s(&elf)], &["prog.elf: an ELF file, not an initramfs"]);
    let text = t.file("notes.txt", b"hello, world\n");
    bad(&["--kernel", s(&k), "--initrd", s(&text)], &["notes.txt: unrecognized data, not an initramfs"]);
    let ok = t.file("ok.cpio", b"070701");
    runs(&["--kernel", s(&k), "--initrd", s(&ok)]);
}

/// The -m a "too small" message suggests.
fn suggested_m(line: &str) -> String {
    let at = line.find("use -m ").unwrap_or_else(|| panic!("no `use -m` in {line}")) + "use -m ".len();
    line[at..].split_whitespace().next().unwrap().to_string()
}

#[test]
fn initrd_too_big_for_memory() {
    let t = TempDir::new("cli-initrd-big");
    let k = fake_kernel(&t);
    // 1 GiB, sparse: refused from its size, before it is read.
    let big = t.path().join("big.cpio.gz");
    std::fs::write(&big, b"\x1f\x8b").unwrap();
    std::fs::File::options().write(true).open(&big).unwrap().set_len(1 << 30).unwrap();
    let line = bad(
        &["-m", "64M", "--kernel", s(&k), "--initrd", s(&big)],
        &["-m 64 MiB is too small for", "fake-Image (1.0 MiB)", "big.cpio.gz (1024.0 MiB)"],
    );
    assert_eq!(suggested_m(&line), "1030M", "{line}");
    // 14 MiB with -m 16M: the suggested size is enough.
    let mid = t.path().join("mid.cpio.gz");
    std::fs::write(&mid, b"\x1f\x8b").unwrap();
    std::fs::File::options().write(true).open(&mid).unwrap().set_len(14 << 20).unwrap();
    let line = bad(&["-m", "16M", "--kernel", s(&k), "--initrd", s(&mid)], &["-m 16 MiB is too small for", "mid.cpio.gz (14.0 MiB)"]);
    assert_eq!(suggested_m(&line), "20M", "{line}");
    runs(&["-m", &suggested_m(&line), "--kernel", s(&k), "--initrd", s(&mid)]);
}

#[test]
fn kernel_too_big_for_memory() {
    let t = TempDir::new("cli-kernel-big");
    let big = t.file("big-Image", &riscv_image(0x20_0000, 100 << 20, 4096));
    let line = bad(&["-m", "64M", "--kernel", s(&big)], &["-m 64 MiB is too small for", "big-Image (100.0 MiB) and the device tree"]);
    runs(&["-m", &suggested_m(&line), "--kernel", s(&big)]);
    let Some(k) = guest::kernel("kernel_too_big_for_memory") else { return };
    let name = k.file_name().unwrap().to_string_lossy().into_owned();
    let line = bad(&["-m", "32M", "--kernel", s(&k)], &["-m 32 MiB is too small for", &name]);
    runs(&["-m", &suggested_m(&line), "--kernel", s(&k)]);
}

#[test]
fn memory_below_minimum() {
    let t = TempDir::new("cli-mem-min");
    let k = fake_kernel(&t);
    bad(&["-m", "8M", "--kernel", s(&k)], &["-m 8 MiB is below the 16 MiB needed to boot a kernel"]);
    bad(&["-m", "lots", "--kernel", s(&k)], &["invalid memory size `lots`"]);
}

#[test]
fn drive_problems() {
    let t = TempDir::new("cli-drive");
    let k = fake_kernel(&t);
    let drive = |p: &Path| format!("file={}", p.display());
    bad(&["--kernel", s(&k), "--drive", "file=/nonexistent/disk.img"], &["/nonexistent/disk.img: No such file or directory"]);
    let odd = t.file("odd.img", &[0u8; 1000]);
    bad(&["--kernel", s(&k), "--drive", &drive(&odd)], &["odd.img: size 1000 is not a multiple of 512 bytes"]);
    bad(&["--kernel", s(&k), "--drive", &drive(t.path())], &["Is a directory"]);
    bad(&["--kernel", s(&k), "--drive", "file=x.qcow2,format=qcow2"], &["format `qcow2` is not supported"]);
    let good = t.file("good.img", &[0u8; 4096]);
    runs(&["--kernel", s(&k), "--drive", &drive(&good)]);
    if guest::is_root() {
        eprintln!("SKIPPED unreadable and read-only drive cases: running as root (`id -u` is 0), who may read and write any file");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let ro = t.file("ro.img", &[0u8; 4096]);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    bad(&["--kernel", s(&k), "--drive", &drive(&ro)], &["ro.img: the image is read-only; use readonly=on"]);
    runs(&["--kernel", s(&k), "--drive", &format!("{},readonly=on", drive(&ro))]);
    let secret = t.file("secret.img", &[0u8; 4096]);
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    bad(&["--kernel", s(&k), "--drive", &drive(&secret)], &["secret.img: Permission denied"]);
    bad(&["--kernel", s(&k), "--drive", &format!("{},readonly=on", drive(&secret))], &["secret.img: Permission denied"]);
}

#[test]
fn bios_problems() {
    let t = TempDir::new("cli-bios");
    let k = fake_kernel(&t);
    bad(&["--kernel", s(&k), "--bios", "/nonexistent/fw_dynamic.bin"], &["/nonexistent/fw_dynamic.bin: No such file or directory"]);
    let empty = t.file("fw.bin", b"");
    bad(&["--kernel", s(&k), "--bios", s(&empty)], &["fw.bin: file is empty"]);
}

#[test]
fn unknown_option() {
    bad(&["--kernel", "/nonexistent/vmlinux", "--frobnicate"], &["unexpected argument '--frobnicate'"]);
    bad(&["--kernel"], &["--kernel"]);
}
