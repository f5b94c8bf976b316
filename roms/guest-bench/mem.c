/*
 * Memory-bound kernel, over a working set far beyond any TLB's reach:
 *   - pointer chasing: a 32 MiB array of 32-bit "next" indices forming one
 *     random cycle through all 8 Mi slots (Sattolo's algorithm, built once
 *     before timing); a rep follows CHASE_STEPS links from slot 0, so
 *     nearly every load touches a different 4 KiB page (TLB misses, host
 *     cache misses);
 *   - streaming: copies a 16 MiB buffer to another with a 64-bit word loop,
 *     then reads the copy back summing it (sequential loads and stores).
 * Checksum: the sum of the chased indices, the last index reached, and the
 * sum of the copy.
 */
#include "bench.h"

#define SLOTS (8u * 1024 * 1024)          /* 32 MiB of uint32_t */
#define CHASE_STEPS (512u * 1024)
#define STREAM_WORDS (2u * 1024 * 1024)   /* 16 MiB of uint64_t */

static uint32_t *next;
static uint64_t *src, *dst;

static void setup(void)
{
    next = malloc(SLOTS * sizeof *next);
    src = malloc(STREAM_WORDS * sizeof *src);
    dst = malloc(STREAM_WORDS * sizeof *dst);
    if (!next || !src || !dst) {
        puts("mem: out of memory");
        exit(2);
    }
    /* Sattolo: a uniformly random permutation that is a single cycle. */
    for (uint32_t i = 0; i < SLOTS; i++)
        next[i] = i;
    uint64_t s = 0x243f6a8885a308d3ull;
    for (uint32_t i = SLOTS - 1; i > 0; i--) {
        uint32_t j = (uint32_t)(xorshift64(&s) % i);   /* j < i */
        uint32_t t = next[i]; next[i] = next[j]; next[j] = t;
    }
    for (uint32_t i = 0; i < STREAM_WORDS; i++)
        src[i] = xorshift64(&s);
}

static uint64_t rep(uint64_t seed)
{
    uint32_t p = 0;   /* start at slot 0 (opaque: each rep really chases) */
    OPAQUE(p);
    uint64_t sum = 0;
    for (uint32_t i = 0; i < CHASE_STEPS; i++) {
        p = next[p];
        sum += p;
    }
    uint64_t h = fold(fold(0, sum), p);

    for (uint32_t i = 0; i < STREAM_WORDS; i++)
        dst[i] = src[i] ^ seed;
    uint64_t s2 = 0;
    for (uint32_t i = 0; i < STREAM_WORDS; i++)
        s2 += dst[i] * (i | 1);
    return fold(h, s2);
}

int main(int argc, char **argv)
{
    setup();
    return bench_main("mem", 16, argc, argv, rep);
}
