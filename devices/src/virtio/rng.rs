//! virtio-rng / entropy device (virtio 1.2 §5.4): fills every writable
//! buffer with host randomness, or, under `--deterministic`, with a
//! seeded xorshift stream so runs replay exactly.

use std::fs::File;
use std::io::{Read, Write};

use virtio_queue::{Queue, QueueT};

use super::{Dma, VirtioDevice, ID_RNG};

const QUEUE_SIZE: u16 = 64;
const MAX_FILL: usize = 64 << 10;

enum Source {
    Host(Option<File>),
    Seeded(u64),
}

pub struct Rng {
    src: Source,
}

impl Rng {
    /// Host randomness (/dev/urandom).
    pub fn host() -> Rng {
        Rng { src: Source::Host(File::open("/dev/urandom").ok()) }
    }

    /// A deterministic stream from `seed`.
    pub fn seeded(seed: u64) -> Rng {
        Rng { src: Source::Seeded(seed | 1) }
    }

    fn fill(&mut self, buf: &mut [u8]) {
        match &mut self.src {
            Source::Host(f) => {
                if !f.as_mut().is_some_and(|f| f.read_exact(buf).is_ok()) {
                    buf.fill(0);
                }
            }
            Source::Seeded(s) => {
                for b in buf.iter_mut() {
                    *s ^= *s << 13;
                    *s ^= *s >> 7;
                    *s ^= *s << 17;
                    *b = (*s >> 24) as u8;
                }
            }
        }
    }
}

impl VirtioDevice for Rng {
    fn device_id(&self) -> u32 {
        ID_RNG
    }

    fn features(&self) -> u64 {
        0
    }

    fn queue_sizes(&self) -> &[u16] {
        &[QUEUE_SIZE]
    }

    fn read_config(&self, _offset: usize, data: &mut [u8]) {
        data.fill(0);
    }

    fn process(&mut self, _index: usize, q: &mut Queue, dma: &mut Dma<'_>) -> bool {
        let mem = dma.mem;
        let mut used = false;
        while let Some(chain) = q.pop_descriptor_chain(mem) {
            let head = chain.head_index();
            let n = match chain.clone().writer(mem) {
                Ok(mut w) => {
                    let mut buf = vec![0u8; w.available_bytes().min(MAX_FILL)];
                    self.fill(&mut buf);
                    w.write_all(&buf).map_or(0, |_| buf.len())
                }
                Err(e) => {
                    dma.log.guest_error(format_args!("bad buffer: {e}"));
                    0
                }
            };
            dma.wrote(chain);
            if q.add_used(mem, head, n as u32).is_err() {
                dma.log.guest_error("used ring not writable");
                break;
            }
            used = true;
        }
        used
    }
}
