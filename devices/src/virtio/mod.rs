//! virtio devices over the virtio-mmio transport (virtio 1.2 spec §4.2),
//! written once in [`mmio`]; each device implements the small
//! [`VirtioDevice`] trait and processes its queues through rust-vmm's
//! virtio-queue (pop chain → process → add_used → signal).
//!
//! Guest misbehaviour (bad descriptors, addresses outside RAM, loops,
//! zero lengths, register garbage) is reported to the guest as the spec
//! says where it can be (a status byte), otherwise ignored, and logged at
//! most once per device; it never panics the host.

pub mod blk;
pub mod mmio;
pub mod rng;

use mmu::Ram;
use virtio_queue::{DescriptorChain, Queue};
use vm_memory::GuestMemoryMmap;

/// VIRTIO_F_VERSION_1 (§6): offered by every device.
pub const F_VERSION_1: u64 = 1 << 32;

/// Device type ids (§5).
pub const ID_BLOCK: u32 = 2;
pub const ID_RNG: u32 = 4;

/// One virtio device behind a transport.
pub trait VirtioDevice: Send {
    fn device_id(&self) -> u32;
    /// Device feature bits (VERSION_1 is added by the transport).
    fn features(&self) -> u64;
    /// Maximum size of each queue (one entry per queue).
    fn queue_sizes(&self) -> &[u16];
    /// Reads device configuration space at `offset`.
    fn read_config(&self, offset: usize, data: &mut [u8]);
    /// Writes device configuration space (most devices ignore it).
    fn write_config(&mut self, _offset: usize, _data: &[u8]) {}
    /// Processes the available buffers of queue `index`. Returns whether
    /// any buffer was used. Records guest errors in `dma.log`; reports
    /// every guest memory range it wrote through `dma.wrote`.
    fn process(&mut self, index: usize, queue: &mut Queue, dma: &mut Dma<'_>) -> bool;
    /// Called when the driver resets the device.
    fn reset(&mut self) {}
    /// Makes everything written so far durable (disk images on exit).
    fn flush(&mut self) {}
}

/// What a device needs to move data to and from guest memory.
pub struct Dma<'a> {
    pub mem: &'a GuestMemoryMmap,
    pub ram: &'a Ram,
    pub log: &'a mut GuestLog,
}

impl Dma<'_> {
    /// Reports the device-writable buffers of `chain` as written, so pages
    /// holding translated code are invalidated (the one code-invalidation
    /// path, DESIGN.md §4).
    pub fn wrote(&self, chain: DescriptorChain<&GuestMemoryMmap>) {
        for d in chain.filter(|d| d.is_write_only()) {
            self.ram.code().invalidate_range(d.addr().0, u64::from(d.len()));
        }
    }
}

/// Logs guest misbehaviour at most once per device.
#[derive(Debug)]
pub struct GuestLog {
    name: &'static str,
    said: bool,
}

impl GuestLog {
    pub fn new(name: &'static str) -> GuestLog {
        GuestLog { name, said: false }
    }

    /// Reports a guest error the first time one happens.
    pub fn guest_error(&mut self, what: impl std::fmt::Display) {
        if !self.said {
            self.said = true;
            eprintln!("mimic: {}: guest error: {what} (ignored; further errors not reported)", self.name);
        }
    }
}
