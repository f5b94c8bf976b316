//! Fuzz test of virtio-blk behind the virtio-mmio transport (issue #4):
//! a guest driver gone wrong. Each case (one proptest-chosen seed) sets up
//! the queue, often with rings outside RAM or of odd sizes, then mixes
//! random descriptor chains written into guest RAM (addresses inside and
//! outside RAM, lengths 0 and huge, NEXT loops, WRITE on the header, no
//! status byte, INDIRECT tables of garbage, random request types and
//! sectors) with garbage register writes (within the transport's declared
//! access sizes, as the bus delivers them), config-space accesses,
//! notifications of queues that do not exist and random bytes over the
//! rings. Nothing may panic; afterwards a driver that resets the device
//! and sets it up properly (virtio 1.2 §3.1.1) must be able to write a
//! sector and read it back through the queue, and be interrupted for it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use mimic_devices::virtio::blk::Blk;
use mimic_devices::virtio::mmio::{VirtioMmio, MMIO_SIZE};
use mimic_devices::IrqLine;
use mmu::{MmioDevice, Ram};
use proptest::prelude::*;

const RAM_BASE: u64 = 0x8000_0000;
const RAM_SIZE: u64 = 1 << 20;
const RAM_END: u64 = RAM_BASE + RAM_SIZE;
const DISK_SECTORS: u64 = 128;

// virtio-mmio registers (§4.2.2).
const MAGIC: u64 = 0x000;
const DEVICE_FEATURES_SEL: u64 = 0x014;
const DRIVER_FEATURES: u64 = 0x020;
const DRIVER_FEATURES_SEL: u64 = 0x024;
const QUEUE_SEL: u64 = 0x030;
const QUEUE_NUM_MAX: u64 = 0x034;
const QUEUE_NUM: u64 = 0x038;
const QUEUE_READY: u64 = 0x044;
const QUEUE_NOTIFY: u64 = 0x050;
const INTERRUPT_STATUS: u64 = 0x060;
const INTERRUPT_ACK: u64 = 0x064;
const STATUS: u64 = 0x070;
const QUEUE_DESC: u64 = 0x080;
const QUEUE_AVAIL: u64 = 0x090;
const QUEUE_USED: u64 = 0x0a0;
const CONFIG: u64 = 0x100;

// Device status bits (§2.1) and descriptor flags (§2.7.5).
const ACKNOWLEDGE: u64 = 1;
const DRIVER: u64 = 2;
const DRIVER_OK: u64 = 4;
const FEATURES_OK: u64 = 8;
const F_NEXT: u16 = 1;
const F_WRITE: u16 = 2;
const F_INDIRECT: u16 = 4;

// virtio-blk request types and status (§5.2.6).
const T_IN: u32 = 0;
const T_OUT: u32 = 1;
const T_GET_ID: u32 = 8;
/// IN, OUT, FLUSH, GET_ID, DISCARD, WRITE_ZEROES, and two unknown types.
const TYPES: [u32; 8] = [T_IN, T_OUT, 4, T_GET_ID, 11, 13, 2, 0xdead_beef];

/// splitmix64: a case's contents come from one proptest-chosen seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
}

/// Records the interrupt line's level.
#[derive(Default)]
struct Line(AtomicBool);

impl IrqLine for Line {
    fn set(&self, level: bool) {
        self.0.store(level, Ordering::SeqCst);
    }
}

/// A guest address: mostly inside RAM, sometimes straddling its end, below
/// it, or anywhere.
fn addr(r: &mut Rng) -> u64 {
    match r.below(10) {
        0..=6 => RAM_BASE + r.below(RAM_SIZE),
        7 => RAM_END - r.below(64),
        8 => r.below(RAM_BASE),
        _ => r.next(),
    }
}

/// A descriptor length: 0, small, a sector, around a page, or huge.
fn length(r: &mut Rng) -> u32 {
    match r.below(8) {
        0 => 0,
        1 => 1,
        2..=3 => r.below(600) as u32,
        4 => 16,
        5 => 512 * (1 + r.below(4) as u32),
        6 => u32::MAX - r.below(2) as u32,
        _ => r.next() as u32,
    }
}

/// A transport with a fresh device on the image, its RAM and its line.
struct Rig {
    dev: VirtioMmio,
    ram: Arc<Ram>,
    line: Arc<Line>,
}

impl Rig {
    fn new(image: &Path) -> Rig {
        let ram = Arc::new(Ram::new(RAM_BASE, RAM_SIZE).expect("map RAM"));
        let line = Arc::new(Line::default());
        let blk = Blk::open(image, false).expect("open the image");
        let dev = VirtioMmio::new(Some(Box::new(blk)), ram.clone(), line.clone(), "virtio-blk (fuzz)").expect("transport");
        Rig { dev, ram, line }
    }

    fn w(&self, off: u64, v: u64) {
        self.dev.write(off, 4, v);
    }

    fn r(&self, off: u64) -> u64 {
        self.dev.read(off, 4)
    }

    /// A 64-bit queue address as the low/high register pair at `off`.
    fn w64(&self, off: u64, v: u64) {
        self.w(off, v & 0xffff_ffff);
        self.w(off + 4, v >> 32);
    }

    /// The §3.1.1 initialization up to DRIVER_OK with queue 0 at the given
    /// places (which may be garbage).
    fn init(&self, size: u64, desc: u64, avail: u64, used: u64) {
        self.w(STATUS, 0);
        self.w(STATUS, ACKNOWLEDGE);
        self.w(STATUS, ACKNOWLEDGE | DRIVER);
        self.w(DEVICE_FEATURES_SEL, 1);
        let hi = self.r(0x010);
        self.w(DRIVER_FEATURES_SEL, 1);
        self.w(DRIVER_FEATURES, hi & 1); // VIRTIO_F_VERSION_1 only
        self.w(DRIVER_FEATURES_SEL, 0);
        self.w(DRIVER_FEATURES, 0);
        self.w(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK);
        self.w(QUEUE_SEL, 0);
        self.w(QUEUE_NUM, size);
        self.w64(QUEUE_DESC, desc);
        self.w64(QUEUE_AVAIL, avail);
        self.w64(QUEUE_USED, used);
        self.w(QUEUE_READY, 1);
        self.w(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK);
    }

    fn desc(&self, table: u64, i: u64, addr: u64, len: u32, flags: u16, next: u16) {
        let mut d = [0u8; 16];
        d[0..8].copy_from_slice(&addr.to_le_bytes());
        d[8..12].copy_from_slice(&len.to_le_bytes());
        d[12..14].copy_from_slice(&flags.to_le_bytes());
        d[14..16].copy_from_slice(&next.to_le_bytes());
        self.ram.write_bytes(table.wrapping_add(16 * i), &d);
    }

    fn header(&self, at: u64, ty: u32, sector: u64) {
        let mut h = [0u8; 16];
        h[0..4].copy_from_slice(&ty.to_le_bytes());
        h[8..16].copy_from_slice(&sector.to_le_bytes());
        self.ram.write_bytes(at, &h);
    }

    /// Puts `head` in the avail ring (queue `size`) and bumps its index by
    /// `bump`.
    fn offer(&self, avail: u64, size: u64, head: u16, bump: u16) {
        let idx = self.ram.read::<u16>(avail.wrapping_add(2)).unwrap_or(0);
        let slot = u64::from(idx) % size.max(1);
        self.ram.write::<u16>(avail.wrapping_add(4 + 2 * slot), head);
        self.ram.write::<u16>(avail.wrapping_add(2), idx.wrapping_add(bump));
    }
}

/// The queue as the fuzzing driver believes it is.
struct Queue {
    size: u64,
    desc: u64,
    avail: u64,
    used: u64,
}

fn random_queue(r: &mut Rng) -> Queue {
    let size = match r.below(10) {
        0 => 0,
        1 => r.below(0x1_0000),
        2 => 256,
        3 => r.next() & 0xffff_ffff,
        _ => 1 << r.below(9),
    };
    let place = |r: &mut Rng, align: u64| if r.chance(92) { (RAM_BASE + r.below(RAM_SIZE)) & !(align - 1) } else { addr(r) };
    Queue { size, desc: place(r, 16), avail: place(r, 2), used: place(r, 4) }
}

fn sector(r: &mut Rng) -> u64 {
    match r.below(6) {
        0..=2 => r.below(DISK_SECTORS),
        3 => DISK_SECTORS - r.below(3),
        4 => u64::MAX - r.below(3),
        _ => r.next(),
    }
}

/// One descriptor before it is linked into a table.
#[derive(Clone, Copy, Debug)]
struct Desc {
    addr: u64,
    len: u32,
    flags: u16,
}

/// A buffer of `len` bytes inside RAM, away from the first pages.
fn buffer(r: &mut Rng, len: u32) -> u64 {
    RAM_BASE + 0x8000 + r.below(RAM_SIZE - 0x8000 - u64::from(len))
}

/// A chain to offer: descriptors in order, whether the last links back
/// to the first, and the request header.
struct Chain {
    descs: Vec<Desc>,
    looped: bool,
    ty: u32,
    sector: u64,
}

/// A well-formed request (header, data buffers in the direction its type
/// needs, status byte), then up to three mutations of it.
fn request(r: &mut Rng) -> Chain {
    let ty = r.pick(&TYPES);
    let data_flags = if ty == T_IN || ty == T_GET_ID { F_WRITE } else { 0 };
    let mut v = vec![Desc { addr: buffer(r, 16), len: 16, flags: 0 }];
    for _ in 0..r.below(4) {
        let len = match r.below(5) {
            0 => 512,
            1 => 1024,
            2 => 4096,
            3 => 16,
            _ => 1 + r.below(600) as u32,
        };
        v.push(Desc { addr: buffer(r, len), len, flags: data_flags });
    }
    v.push(Desc { addr: buffer(r, 1), len: 1, flags: F_WRITE });
    let mut looped = false;
    for _ in 0..r.pick(&[0, 0, 1, 1, 2, 3]) {
        let k = r.below(v.len() as u64) as usize;
        match r.below(8) {
            0 => v[k].flags ^= F_WRITE,
            1 => v[k].len = r.pick(&[0, u32::MAX]),
            2 => v[k].len = length(r),
            3 => {
                let low = r.below(RAM_BASE);
                v[k].addr = r.pick(&[low, RAM_END - 8, u64::MAX - 8]);
            }
            4 if v.len() > 1 => {
                v.pop(); // no status byte
            }
            5 => v[k].flags |= F_INDIRECT,
            6 => v[k].flags |= r.next() as u16 & !F_NEXT,
            _ => looped = true,
        }
    }
    Chain { descs: v, looped, ty, sector: sector(r) }
}

/// Writes the chain into the descriptor table (or, sometimes, into an indirect
/// table the head points at), with its header, offers and notifies it.
fn offer_chain(rig: &Rig, q: &Queue, r: &mut Rng, c: &Chain) {
    let (v, looped) = (&c.descs, c.looped);
    rig.header(v[0].addr, c.ty, c.sector);
    let slots = q.size.clamp(1, 0x1_0000);
    let mut idx: Vec<u64> = Vec::new();
    while idx.len() < v.len() {
        let beyond = if r.chance(3) { 4 } else { 0 }; // indexes past the table
        let i = r.below(slots + beyond);
        if !idx.contains(&i) || r.chance(2) || slots < v.len() as u64 {
            idx.push(i);
        }
    }
    let link = |k: usize| -> (u16, u16) {
        match idx.get(k + 1) {
            Some(&j) => (F_NEXT, j as u16),
            None if looped => (F_NEXT, idx[0] as u16),
            None => (0, 0),
        }
    };
    if r.chance(15) {
        // Indirect: the whole chain in a table at `table`, linked 0, 1, ...
        let table = buffer(r, 16 * v.len() as u32) & !15;
        for (k, d) in v.iter().enumerate() {
            let (next_flag, next) = if k + 1 < v.len() {
                (F_NEXT, k as u16 + 1)
            } else if looped {
                (F_NEXT, 0)
            } else {
                (0, 0)
            };
            rig.desc(table, k as u64, d.addr, d.len, d.flags | next_flag, next);
        }
        let len = if r.chance(90) { 16 * v.len() as u32 } else { length(r) };
        rig.desc(q.desc, idx[0], table, len, F_INDIRECT | if r.chance(5) { F_NEXT } else { 0 }, r.next() as u16);
    } else {
        for (k, d) in v.iter().enumerate() {
            let (next_flag, next) = link(k);
            rig.desc(q.desc, idx[k], d.addr, d.len, d.flags | next_flag, next);
        }
    }
    let bump = if r.chance(90) { 1 } else { r.next() as u16 };
    rig.offer(q.avail, q.size, idx[0] as u16, bump);
    let used_before = rig.ram.read::<u16>(q.used.wrapping_add(2));
    rig.w(QUEUE_NOTIFY, if r.chance(95) { 0 } else { r.next() & 0xffff_ffff });
    let used_after = rig.ram.read::<u16>(q.used.wrapping_add(2));
    if let (Some(a), Some(b)) = (used_before, used_after) {
        COMPLETED.fetch_add(u64::from(a != b), Ordering::Relaxed);
    }
    OFFERED.fetch_add(1, Ordering::Relaxed);
}

/// Up to 6 descriptors with random addresses, lengths and flags.
fn chaos(r: &mut Rng) -> Chain {
    let descs = (0..1 + r.below(6))
        .map(|k| {
            let a = addr(r);
            let mut flags = if r.chance(if k == 0 { 10 } else { 60 }) { F_WRITE } else { 0 };
            if r.chance(8) {
                flags |= F_INDIRECT;
            }
            if r.chance(5) {
                flags |= r.next() as u16 & !F_NEXT;
            }
            let len = if k == 0 && r.chance(70) { 16 } else { length(r) };
            Desc { addr: a, len, flags }
        })
        .collect();
    Chain { descs, looped: r.chance(10), ty: r.pick(&TYPES), sector: sector(r) }
}

/// A random chain offered and notified: a mutated request, or chaos.
fn random_chain(rig: &Rig, q: &Queue, r: &mut Rng) {
    let c = if r.chance(60) { request(r) } else { chaos(r) };
    for d in c.descs.iter().filter(|d| d.flags & F_INDIRECT != 0) {
        // An indirect table of garbage descriptors.
        for j in 0..r.below(6) {
            rig.desc(d.addr, j, addr(r), length(r), r.next() as u16 & 7, r.below(8) as u16);
        }
    }
    offer_chain(rig, q, r, &c);
}

/// Chains offered, and how many of them made the device write the used
/// ring (a check that the fuzzing reaches the request code, not only the
/// transport's refusals of bad queue set-ups).
static OFFERED: AtomicU64 = AtomicU64::new(0);
static COMPLETED: AtomicU64 = AtomicU64::new(0);

/// A register write the bus could deliver: a size the transport declares
/// (1, 2 or 4 bytes), aligned, inside the window.
fn garbage_write(rig: &Rig, r: &mut Rng) {
    let size = r.pick(&[1u8, 2, 4, 4, 4]);
    let off = if r.chance(80) { r.below(0x100) } else { r.below(MMIO_SIZE) } & !(u64::from(size) - 1);
    let v = match r.below(4) {
        0 => 0,
        1 => u64::from(u32::MAX),
        2 => r.below(16),
        _ => r.next(),
    };
    rig.dev.write(off, size, v);
}

fn run_case(seed: u64, image: &Path) {
    let mut r = Rng(seed);
    let rig = Rig::new(image);
    let mut q = random_queue(&mut r);
    if r.chance(85) {
        rig.init(q.size, q.desc, q.avail, q.used);
    }
    for _ in 0..r.below(48) {
        match r.below(20) {
            0..=8 => random_chain(&rig, &q, &mut r),
            9..=11 => garbage_write(&rig, &mut r),
            12 => {
                let size = r.pick(&[1u8, 2, 4]);
                let _ = rig.dev.read(r.below(MMIO_SIZE) & !(u64::from(size) - 1), size);
            }
            13 => {
                let mut junk = vec![0u8; r.below(64) as usize];
                junk.iter_mut().for_each(|b| *b = r.next() as u8);
                let anywhere = addr(&mut r);
                let at = r.pick(&[q.avail, q.used, q.desc, anywhere]).wrapping_add(r.below(32));
                rig.ram.write_bytes(at, &junk);
                rig.w(QUEUE_NOTIFY, 0);
            }
            14 => {
                q = random_queue(&mut r);
                if r.chance(50) {
                    rig.init(q.size, q.desc, q.avail, q.used);
                } else {
                    // Without a reset: frozen while the queue is ready.
                    rig.w(QUEUE_NUM, q.size);
                    rig.w64(QUEUE_DESC, q.desc);
                    rig.w64(QUEUE_AVAIL, q.avail);
                    rig.w64(QUEUE_USED, q.used);
                    rig.w(QUEUE_READY, r.below(2));
                }
            }
            15 => rig.w(QUEUE_NOTIFY, r.next() & 0xffff_ffff),
            16 => {
                let size = r.pick(&[1u8, 2, 4]);
                let off = (CONFIG + r.below(MMIO_SIZE - CONFIG)) & !(u64::from(size) - 1);
                if r.chance(50) {
                    rig.dev.write(off, size, r.next());
                } else {
                    let _ = rig.dev.read(off, size);
                }
            }
            17 => rig.w(INTERRUPT_ACK, r.next() & 0xffff_ffff),
            18 => rig.w(STATUS, r.next() & 0xff),
            _ => {
                let any = r.next() & 0xffff_ffff;
                rig.w(QUEUE_SEL, r.pick(&[0, 1, any]));
            }
        }
        assert_eq!(rig.r(MAGIC), 0x7472_6976, "seed {seed:#x}: the magic changed");
    }
    still_works(&rig, seed, &mut r);
}

/// After everything: reset, set up properly, write a sector and read it
/// back through the queue.
fn still_works(rig: &Rig, seed: u64, r: &mut Rng) {
    let (desc, avail, used) = (RAM_BASE, RAM_BASE + 0x1000, RAM_BASE + 0x2000);
    let (hdr, data, status, back) = (RAM_BASE + 0x3000, RAM_BASE + 0x4000, RAM_BASE + 0x5000, RAM_BASE + 0x6000);
    for a in [desc, avail, used] {
        rig.ram.write_bytes(a, &[0u8; 0x1000]);
    }
    rig.w(STATUS, 0);
    assert_eq!(rig.r(STATUS), 0, "seed {seed:#x}: reset did not clear the status");
    assert_eq!(rig.r(QUEUE_READY), 0, "seed {seed:#x}: queue still ready after reset");
    assert_eq!(rig.r(QUEUE_NUM_MAX), 256, "seed {seed:#x}");
    rig.init(16, desc, avail, used);
    rig.w(INTERRUPT_ACK, 3);
    let sector = r.below(DISK_SECTORS);
    let pattern: Vec<u8> = (0..512).map(|_| r.next() as u8).collect();
    let request = |n: u16, ty: u32, buf: u64, write: bool| {
        rig.header(hdr, ty, sector);
        rig.ram.write::<u8>(status, 0xff);
        rig.desc(desc, 0, hdr, 16, F_NEXT, 1);
        rig.desc(desc, 1, buf, 512, F_NEXT | if write { F_WRITE } else { 0 }, 2);
        rig.desc(desc, 2, status, 1, F_WRITE, 0);
        rig.offer(avail, 16, 0, 1);
        rig.w(QUEUE_NOTIFY, 0);
        let used_idx = rig.ram.read::<u16>(used + 2).unwrap();
        assert_eq!(used_idx, n, "seed {seed:#x}: request {n} (type {ty}) not completed");
        assert_eq!(rig.ram.read::<u32>(used + 4 + 8 * u64::from(n - 1)).unwrap(), 0, "seed {seed:#x}: used id");
        assert_eq!(rig.ram.read::<u8>(status).unwrap(), 0, "seed {seed:#x}: request {n} (type {ty}) status");
        assert!(rig.r(INTERRUPT_STATUS) & 1 != 0 && rig.line.0.load(Ordering::SeqCst), "seed {seed:#x}: no used-buffer interrupt");
        rig.w(INTERRUPT_ACK, 1);
        assert!(!rig.line.0.load(Ordering::SeqCst), "seed {seed:#x}: interrupt still asserted after the ack");
    };
    rig.ram.write_bytes(data, &pattern);
    request(1, T_OUT, data, false);
    rig.ram.write_bytes(back, &[0u8; 512]);
    request(2, T_IN, back, true);
    let mut got = vec![0u8; 512];
    rig.ram.read_bytes(back, &mut got);
    assert!(got == pattern, "seed {seed:#x}: sector {sector} read back differs from what was written");
}

/// A 64 KiB raw image in the temporary directory, removed on drop.
struct Image(PathBuf);

impl Image {
    fn new(tag: &str) -> Image {
        let p = std::env::temp_dir().join(format!("mimic-virtio-fuzz-{tag}-{}.img", std::process::id()));
        std::fs::write(&p, vec![0u8; (DISK_SECTORS * 512) as usize]).expect("create the image");
        Image(p)
    }
}

impl Drop for Image {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A driver that does everything right, from the start.
#[test]
fn well_behaved_driver() {
    let img = Image::new("plain");
    let rig = Rig::new(&img.0);
    still_works(&rig, 0, &mut Rng(1));
}

/// Random drivers; the image is shared by the cases (they only need its
/// sectors to exist).
#[test]
fn random_driver() {
    let img = Image::new("random");
    let config = ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() };
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let result = runner.run(&any::<u64>(), |seed| {
        run_case(seed, &img.0);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (offered, completed) = (OFFERED.load(Ordering::Relaxed), COMPLETED.load(Ordering::Relaxed));
    eprintln!("{offered} random chains offered, {completed} of them used");
    assert!(completed > offered / 10, "too few random chains reached the device: {completed} of {offered}");
}
