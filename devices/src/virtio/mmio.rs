//! The virtio-mmio transport, version 2 ("modern", virtio 1.2 §4.2.2),
//! presented as on QEMU's virt board: magic "virt", version 2, vendor
//! "QEMU", 0x200-byte windows at 0x1000_1000 + 0x1000*n with irq 1 + n,
//! and device id 0 in empty slots (drivers skip them).
//!
//! Lenient like QEMU: FEATURES_OK is accepted whatever the driver chose,
//! so a driver that never accepts VIRTIO_F_VERSION_1 still gets a working
//! device. Queue notifications are processed synchronously on the
//! notifying hart's thread; the interrupt line is level-triggered and high
//! while InterruptStatus is non-zero.

use std::sync::{Arc, Mutex};

use mmu::bus::{Sizes, SIZES_32};
use mmu::{MmioDevice, Ram};
use virtio_queue::{Queue, QueueT};
use vm_memory::GuestMemoryMmap;

use super::{Dma, GuestLog, VirtioDevice, F_VERSION_1};
use crate::Irq;

const MAGIC: u32 = 0x7472_6976; // "virt"
const VENDOR_QEMU: u32 = 0x554d_4551; // "QEMU"
/// Size of one transport window.
pub const MMIO_SIZE: u64 = 0x1000;

const INT_USED: u32 = 1;

struct State {
    dev: Option<Box<dyn VirtioDevice>>,
    queues: Vec<Queue>,
    queue_sel: u32,
    dev_features_sel: u32,
    drv_features_sel: u32,
    drv_features: u64,
    status: u32,
    interrupt: u32,
    log: GuestLog,
}

/// One virtio-mmio slot, possibly empty.
pub struct VirtioMmio {
    st: Mutex<State>,
    irq: Irq,
    mem: GuestMemoryMmap,
    _ram: Arc<Ram>,
}

impl VirtioMmio {
    /// A slot holding `dev` (or nothing), DMA-ing into `ram`.
    pub fn new(dev: Option<Box<dyn VirtioDevice>>, ram: Arc<Ram>, irq: Irq, name: &'static str) -> std::io::Result<VirtioMmio> {
        let queues = dev.as_ref().map_or(Vec::new(), |d| d.queue_sizes().iter().filter_map(|&s| Queue::new(s).ok()).collect());
        let st = State {
            dev,
            queues,
            queue_sel: 0,
            dev_features_sel: 0,
            drv_features_sel: 0,
            drv_features: 0,
            status: 0,
            interrupt: 0,
            log: GuestLog::new(name),
        };
        Ok(VirtioMmio { st: Mutex::new(st), irq, mem: ram.guest_memory()?, _ram: ram })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.st.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Flushes the device's durable state (disk images on exit).
    pub fn flush(&self) {
        if let Some(d) = self.lock().dev.as_mut() {
            d.flush();
        }
    }

    fn notify(&self, st: &mut State, index: u32) {
        let State { dev, queues, log, .. } = st;
        let (Some(dev), Some(q)) = (dev.as_mut(), queues.get_mut(index as usize)) else { return };
        if !q.ready() {
            return;
        }
        if !q.is_valid(&self.mem) {
            log.guest_error(format_args!("queue {index} notified with an invalid ring layout"));
            return;
        }
        let mut dma = Dma { mem: &self.mem, ram: &self._ram, log };
        if dev.process(index as usize, q, &mut dma) && q.needs_notification(&self.mem).unwrap_or(true) {
            st.interrupt |= INT_USED;
        }
    }

    fn reset(&self, st: &mut State) {
        for q in &mut st.queues {
            q.reset();
        }
        if let Some(d) = st.dev.as_mut() {
            d.reset();
        }
        (st.status, st.interrupt, st.drv_features, st.queue_sel) = (0, 0, 0, 0);
    }

    fn read_reg(&self, st: &State, off: u64) -> u32 {
        let q = st.queues.get(st.queue_sel as usize);
        let Some(dev) = st.dev.as_ref() else {
            return match off {
                0x000 => MAGIC,
                0x004 => 2,
                0x00c => VENDOR_QEMU,
                _ => 0,
            };
        };
        match off {
            0x000 => MAGIC,
            0x004 => 2,
            0x008 => dev.device_id(),
            0x00c => VENDOR_QEMU,
            0x010 => {
                let f = dev.features() | F_VERSION_1;
                match st.dev_features_sel {
                    0 => f as u32,
                    1 => (f >> 32) as u32,
                    _ => 0,
                }
            }
            0x034 => q.map_or(0, |q| u32::from(q.max_size())),
            0x044 => q.map_or(0, |q| u32::from(q.ready())),
            0x060 => st.interrupt,
            0x070 => st.status,
            0x0b0 | 0x0b4 => u32::MAX, // no shared memory regions
            0x0fc => 0,
            _ => 0,
        }
    }

    fn write_reg(&self, st: &mut State, off: u64, v: u32) {
        let sel = st.queue_sel as usize;
        let ready = st.queues.get(sel).is_some_and(|q| q.ready());
        match off {
            0x014 => st.dev_features_sel = v,
            0x020 => match st.drv_features_sel {
                0 => st.drv_features = (st.drv_features & !0xffff_ffff) | u64::from(v),
                1 => st.drv_features = (st.drv_features & 0xffff_ffff) | u64::from(v) << 32,
                _ => {}
            },
            0x024 => st.drv_features_sel = v,
            0x030 => st.queue_sel = v,
            0x050 => self.notify(st, v),
            0x064 => st.interrupt &= !v,
            0x070 if v == 0 => self.reset(st),
            0x070 => st.status = v,
            _ if ready => {} // queue registers are frozen while the queue is ready (§4.2.2)
            _ => self.write_queue_reg(st, off, v),
        }
        if let Some(q) = st.queues.get_mut(sel) {
            if off == 0x044 {
                q.set_ready(v & 1 != 0);
                q.set_event_idx(st.drv_features & (1 << 29) != 0);
            }
        }
    }

    fn write_queue_reg(&self, st: &mut State, off: u64, v: u32) {
        let Some(q) = st.queues.get_mut(st.queue_sel as usize) else { return };
        match off {
            0x038 => q.set_size(v as u16),
            0x080 => q.set_desc_table_address(Some(v), None),
            0x084 => q.set_desc_table_address(None, Some(v)),
            0x090 => q.set_avail_ring_address(Some(v), None),
            0x094 => q.set_avail_ring_address(None, Some(v)),
            0x0a0 => q.set_used_ring_address(Some(v), None),
            0x0a4 => q.set_used_ring_address(None, Some(v)),
            _ => {}
        }
    }
}

impl MmioDevice for VirtioMmio {
    fn read(&self, off: u64, size: u8) -> u64 {
        let st = self.lock();
        if off >= 0x100 {
            let mut buf = [0u8; 8];
            let n = usize::from(size).min(8);
            if let Some(d) = st.dev.as_ref() {
                d.read_config((off - 0x100) as usize, &mut buf[..n]);
            }
            return u64::from_le_bytes(buf);
        }
        u64::from(self.read_reg(&st, off))
    }

    fn write(&self, off: u64, size: u8, value: u64) {
        let mut st = self.lock();
        if off >= 0x100 {
            let bytes = value.to_le_bytes();
            if let Some(d) = st.dev.as_mut() {
                d.write_config((off - 0x100) as usize, &bytes[..usize::from(size).min(8)]);
            }
            return;
        }
        self.write_reg(&mut st, off, value as u32);
        self.irq.set(st.interrupt != 0);
    }

    fn sizes(&self) -> Sizes {
        // Registers are 32-bit; config space also takes narrower accesses.
        SIZES_32 | 0b11
    }
}
