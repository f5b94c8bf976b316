/*
 * Integer kernel: a rep fills a 64 KiB buffer from xorshift64 and hashes it
 * three ways, all in registers and L1-sized memory:
 *   - CRC-32 (reflected, polynomial 0xEDB88320), table-driven: byte loads,
 *     shifts, xors, table lookups;
 *   - a 64-bit multiply-rotate mix (murmur/xxhash-like): mul, rotates,
 *     64-bit adds/xors;
 *   - SHA-256's compression function over the buffer as 64-byte blocks:
 *     32-bit rotates, and/or/xor/andn, 32-bit adds (the *W instructions).
 * Checksum: the three results folded together.
 */
#include "bench.h"
#include <string.h>

#define BUF_BYTES (64 * 1024)
static uint64_t buf[BUF_BYTES / 8];
static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return ~c;
}

static inline uint64_t rotl64(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static inline uint32_t rotr32(uint32_t x, int r) { return (x >> r) | (x << (32 - r)); }

static uint64_t mix64(const uint64_t *w, size_t n, uint64_t seed)
{
    uint64_t a = seed, b = ~seed;
    for (size_t i = 0; i < n; i += 2) {
        a = rotl64(a + w[i] * 0x87c37b91114253d5ull, 31) * 0x4cf5ad432745937full;
        b = rotl64(b ^ w[i + 1], 27) + a;
        b = b * 5 + 0x52dce729;
    }
    a ^= a >> 33; a *= 0xff51afd7ed558ccdull; a ^= a >> 33;
    return a ^ b;
}

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* SHA-256 compression of n bytes (a multiple of 64; no padding: a hash
 * workload, not a standard digest). */
static uint64_t sha256ish(const uint8_t *p, size_t n)
{
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    for (size_t off = 0; off < n; off += 64) {
        uint32_t w[64];
        for (int i = 0; i < 16; i++) {
            const uint8_t *q = p + off + 4 * i;
            w[i] = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
        }
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = rotr32(w[i - 15], 7) ^ rotr32(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = rotr32(w[i - 2], 17) ^ rotr32(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; i++) {
            uint32_t S1 = rotr32(e, 6) ^ rotr32(e, 11) ^ rotr32(e, 25);
            uint32_t ch = (e & f) ^ (~e & g);
            uint32_t t1 = hh + S1 + ch + K256[i] + w[i];
            uint32_t S0 = rotr32(a, 2) ^ rotr32(a, 13) ^ rotr32(a, 22);
            uint32_t mj = (a & b) ^ (a & c) ^ (b & c);
            uint32_t t2 = S0 + mj;
            hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d;
        h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    uint64_t r = 0;
    for (int i = 0; i < 8; i++)
        r = fold(r, h[i]);
    return r;
}

static uint64_t rep(uint64_t seed)
{
    uint64_t s = seed;
    for (size_t i = 0; i < BUF_BYTES / 8; i++)
        buf[i] = xorshift64(&s);
    uint64_t h = fold(0, crc32((const uint8_t *)buf, BUF_BYTES));
    h = fold(h, mix64(buf, BUF_BYTES / 8, seed));
    h = fold(h, sha256ish((const uint8_t *)buf, BUF_BYTES));
    return h;
}

int main(int argc, char **argv)
{
    crc_init();
    return bench_main("int", 2500, argc, argv, rep);
}
