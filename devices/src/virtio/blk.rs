//! virtio-blk (virtio 1.2 §5.2) over a raw disk image file.
//!
//! Requests are served synchronously with positioned reads and writes on
//! the image file, so everything a request wrote is in the host's page
//! cache when the guest sees it complete: killing mimic loses nothing a
//! completed request wrote, and a host crash loses what a real disk with a
//! volatile write cache would. VIRTIO_BLK_T_FLUSH calls fsync; so does
//! `flush` on exit. Data moves in bounded chunks whatever lengths the
//! guest's descriptors claim.

use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

use virtio_queue::{Queue, QueueT};
use vm_memory::GuestMemoryMmap;

use super::{Dma, VirtioDevice, ID_BLOCK};

const SECTOR: u64 = 512;
const T_IN: u32 = 0;
const T_OUT: u32 = 1;
const T_FLUSH: u32 = 4;
const T_GET_ID: u32 = 8;
const T_DISCARD: u32 = 11;
const T_WRITE_ZEROES: u32 = 13;
const S_OK: u8 = 0;
const S_IOERR: u8 = 1;
const S_UNSUPP: u8 = 2;
const F_SEG_MAX: u64 = 1 << 2;
const F_RO: u64 = 1 << 5;
const F_BLK_SIZE: u64 = 1 << 6;
const F_FLUSH: u64 = 1 << 9;
const F_DISCARD: u64 = 1 << 13;
const F_WRITE_ZEROES: u64 = 1 << 14;
const QUEUE_SIZE: u16 = 256;
const CHUNK: usize = 1 << 20;
const SEG_MAX: u32 = 126;

/// Why a disk image cannot be used (a host error for the user).
#[derive(Debug, thiserror::Error)]
pub enum DiskError {
    #[error("{path}: {source}")]
    Open { path: String, source: std::io::Error },
    #[error("{path}: size {size} is not a multiple of 512 bytes")]
    Size { path: String, size: u64 },
    #[error("{path}: the image is read-only; use readonly=on")]
    ReadOnly { path: String },
}

/// A block device.
pub struct Blk {
    file: File,
    sectors: u64,
    readonly: bool,
    id: [u8; 20],
}

impl Blk {
    /// Opens `path` (read-write unless `readonly`).
    pub fn open(path: &Path, readonly: bool) -> Result<Blk, DiskError> {
        let p = path.display().to_string();
        let file = std::fs::OpenOptions::new().read(true).write(!readonly).open(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::PermissionDenied if !readonly && std::fs::File::open(path).is_ok() => {
                DiskError::ReadOnly { path: p.clone() }
            }
            _ => DiskError::Open { path: p.clone(), source },
        })?;
        let size = file.metadata().map_err(|source| DiskError::Open { path: p.clone(), source })?.len();
        if size % SECTOR != 0 {
            return Err(DiskError::Size { path: p, size });
        }
        let mut id = [0u8; 20];
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let n = name.len().min(20);
        id[..n].copy_from_slice(&name.as_bytes()[..n]);
        Ok(Blk { file, sectors: size / SECTOR, readonly, id })
    }

    fn request(&mut self, chain: virtio_queue::DescriptorChain<&GuestMemoryMmap>, mem: &GuestMemoryMmap) -> Result<u32, String> {
        let mut r = chain.clone().reader(mem).map_err(|e| e.to_string())?;
        let mut w = chain.writer(mem).map_err(|e| e.to_string())?;
        let mut hdr = [0u8; 16];
        r.read_exact(&mut hdr).map_err(|_| "request header shorter than 16 bytes".to_string())?;
        let ty = u32::from_le_bytes(hdr[0..4].try_into().unwrap_or_default());
        let sector = u64::from_le_bytes(hdr[8..16].try_into().unwrap_or_default());
        let data_len = w.available_bytes().checked_sub(1).ok_or("no status byte")?;
        let mut status_w = w.split_at(data_len).map_err(|e| e.to_string())?;
        let status = match ty {
            T_IN => self.read(sector, data_len, &mut w),
            T_OUT if self.readonly => S_IOERR,
            T_OUT => self.write(sector, &mut r),
            T_FLUSH => self.file.sync_data().map_or(S_IOERR, |_| S_OK),
            T_GET_ID => w.write_all(&self.id[..data_len.min(20)]).map_or(S_IOERR, |_| S_OK),
            T_DISCARD | T_WRITE_ZEROES if self.readonly => S_IOERR,
            T_DISCARD | T_WRITE_ZEROES => self.zero_ranges(&mut r),
            _ => S_UNSUPP,
        };
        status_w.write_all(&[status]).map_err(|e| e.to_string())?;
        Ok((w.bytes_written() + 1) as u32)
    }

    fn in_range(&self, sector: u64, bytes: u64) -> bool {
        sector.checked_mul(SECTOR).and_then(|o| o.checked_add(bytes)).is_some_and(|end| end <= self.sectors * SECTOR)
    }

    fn read(&self, sector: u64, len: usize, w: &mut virtio_queue::Writer<'_>) -> u8 {
        if !self.in_range(sector, len as u64) {
            return S_IOERR;
        }
        let mut buf = vec![0u8; len.min(CHUNK)];
        let mut off = sector * SECTOR;
        let mut left = len;
        while left > 0 {
            let n = left.min(CHUNK);
            if self.file.read_exact_at(&mut buf[..n], off).is_err() || w.write_all(&buf[..n]).is_err() {
                return S_IOERR;
            }
            off += n as u64;
            left -= n;
        }
        S_OK
    }

    fn write(&self, sector: u64, r: &mut virtio_queue::Reader<'_>) -> u8 {
        let len = r.available_bytes();
        if !self.in_range(sector, len as u64) {
            return S_IOERR;
        }
        let mut buf = vec![0u8; len.min(CHUNK)];
        let mut off = sector * SECTOR;
        let mut left = len;
        while left > 0 {
            let n = left.min(CHUNK);
            if r.read_exact(&mut buf[..n]).is_err() || self.file.write_all_at(&buf[..n], off).is_err() {
                return S_IOERR;
            }
            off += n as u64;
            left -= n;
        }
        S_OK
    }

    /// DISCARD and WRITE_ZEROES: both write zeroes (a discarded range
    /// reads as zeroes afterwards, which the spec allows).
    fn zero_ranges(&self, r: &mut virtio_queue::Reader<'_>) -> u8 {
        let zeros = vec![0u8; CHUNK];
        let mut seg = [0u8; 16];
        while r.available_bytes() >= 16 {
            if r.read_exact(&mut seg).is_err() {
                return S_IOERR;
            }
            let sector = u64::from_le_bytes(seg[0..8].try_into().unwrap_or_default());
            let count = u64::from(u32::from_le_bytes(seg[8..12].try_into().unwrap_or_default()));
            let Some(bytes) = count.checked_mul(SECTOR).filter(|&b| self.in_range(sector, b)) else { return S_IOERR };
            let mut off = sector * SECTOR;
            let mut left = bytes;
            while left > 0 {
                let n = left.min(CHUNK as u64) as usize;
                if self.file.write_all_at(&zeros[..n], off).is_err() {
                    return S_IOERR;
                }
                off += n as u64;
                left -= n as u64;
            }
        }
        S_OK
    }
}

impl VirtioDevice for Blk {
    fn device_id(&self) -> u32 {
        ID_BLOCK
    }

    fn features(&self) -> u64 {
        let ro = if self.readonly { F_RO } else { F_DISCARD | F_WRITE_ZEROES };
        F_SEG_MAX | F_BLK_SIZE | F_FLUSH | ro
    }

    fn queue_sizes(&self) -> &[u16] {
        &[QUEUE_SIZE]
    }

    /// Configuration layout (§5.2.4): capacity, size_max, seg_max,
    /// geometry, blk_size, topology, writeback, num_queues, discard and
    /// write-zeroes limits.
    fn read_config(&self, offset: usize, data: &mut [u8]) {
        let mut cfg = [0u8; 64];
        cfg[0..8].copy_from_slice(&self.sectors.to_le_bytes());
        cfg[12..16].copy_from_slice(&SEG_MAX.to_le_bytes());
        cfg[20..24].copy_from_slice(&(SECTOR as u32).to_le_bytes());
        cfg[34..36].copy_from_slice(&1u16.to_le_bytes()); // num_queues
        cfg[36..40].copy_from_slice(&u32::MAX.to_le_bytes()); // max_discard_sectors
        cfg[40..44].copy_from_slice(&1u32.to_le_bytes()); // max_discard_seg
        cfg[44..48].copy_from_slice(&1u32.to_le_bytes()); // discard_sector_alignment
        cfg[48..52].copy_from_slice(&u32::MAX.to_le_bytes()); // max_write_zeroes_sectors
        cfg[52..56].copy_from_slice(&1u32.to_le_bytes()); // max_write_zeroes_seg
        for (i, b) in data.iter_mut().enumerate() {
            *b = cfg.get(offset + i).copied().unwrap_or(0);
        }
    }

    fn process(&mut self, _index: usize, q: &mut Queue, dma: &mut Dma<'_>) -> bool {
        let mem = dma.mem;
        let mut used = false;
        while let Some(chain) = q.pop_descriptor_chain(mem) {
            let head = chain.head_index();
            let len = match self.request(chain.clone(), mem) {
                Ok(n) => n,
                Err(e) => {
                    dma.log.guest_error(format_args!("bad request: {e}"));
                    0
                }
            };
            dma.wrote(chain);
            if q.add_used(mem, head, len).is_err() {
                dma.log.guest_error("used ring not writable");
                break;
            }
            used = true;
        }
        used
    }

    fn flush(&mut self) {
        let _ = self.file.sync_all();
    }
}
