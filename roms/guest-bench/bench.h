/*
 * Shared scaffolding of the guest benchmarks (the .c files of roms/guest-bench/), which
 * run as static riscv64 Linux programs inside an emulated machine.
 *
 * Every program repeats one fixed unit of work ("rep") REPS times. A rep
 * always starts from the same state, so each rep yields the same checksum:
 * the printed checksum does not depend on REPS (a reduced run can be
 * checked against a full one), and the program itself verifies that all
 * reps agree (code translated once and run hot must compute what it
 * computed cold). Time is measured inside the guest around the reps only.
 *
 * Usage: PROG [PERCENT]   runs max(1, DEFAULT_REPS * PERCENT / 100) reps.
 * Output: one line
 *   BENCH <name> <seconds> <checksum, 16 hex digits> <reps> <default reps>
 * or "INCONSISTENT" in place of the checksum if two reps disagreed.
 */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

/* Hides a value from the optimizer so a rep is not hoisted out of the loop. */
#define OPAQUE(x) __asm__ volatile("" : "+r"(x))

/* clock_gettime(CLOCK_MONOTONIC) as a real system call, not through the
 * vDSO: the vDSO reads the time CSR in U-mode, which needs scounteren.TM,
 * and Linux leaves scounteren to the firmware (OpenSBI sets it; mimic's
 * built-in SBI does not yet, so a vDSO clock read is an illegal
 * instruction there). Two calls per run: the cost does not matter. */
static inline double now_seconds(void)
{
    struct timespec ts;
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* xorshift64: the deterministic pseudo-random source of every program. */
static inline uint64_t xorshift64(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

/* Folds a 64-bit value into a running checksum (FNV-1a style, per word). */
static inline uint64_t fold(uint64_t h, uint64_t v)
{
    return (h ^ v) * 0x100000001b3ull;
}

/* Runs rep(seed) REPS times (seed is the same each time, but opaque) and
 * prints the BENCH line. */
static inline int bench_main(const char *name, long default_reps, int argc,
                             char **argv, uint64_t (*rep)(uint64_t seed))
{
    long pct = argc > 1 ? atol(argv[1]) : 100;
    long reps = default_reps * pct / 100;
    if (reps < 1)
        reps = 1;
    uint64_t first = 0;
    int consistent = 1;
    double t0 = now_seconds();
    for (long r = 0; r < reps; r++) {
        uint64_t seed = 0x9e3779b97f4a7c15ull;
        OPAQUE(seed);
        uint64_t c = rep(seed);
        if (r == 0)
            first = c;
        else if (c != first)
            consistent = 0;
    }
    double t = now_seconds() - t0;
    if (consistent)
        printf("BENCH %s %.3f %016llx %ld %ld\n", name, t,
               (unsigned long long)first, reps, default_reps);
    else
        printf("BENCH %s %.3f INCONSISTENT %ld %ld\n", name, t, reps,
               default_reps);
    return consistent ? 0 : 1;
}

#endif
