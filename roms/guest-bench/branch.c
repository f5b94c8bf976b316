/*
 * Branchy kernel: control flow that neither the host's branch predictor
 * nor an emulator's block chaining can settle:
 *   - a tiny register-machine interpreter (switch dispatch: an indirect
 *     jump per VM instruction) running a Collatz program: for each n in
 *     1..COLLATZ_N, count the steps x -> x/2 or 3x+1 down to 1
 *     (data-dependent odd/even branches);
 *   - a recursive quicksort of SORT_N pseudo-random 32-bit keys (compare
 *     branches taken at random), insertion sort below 16 keys.
 * Checksum: the VM's total step count and a hash of the sorted keys.
 */
#include "bench.h"

#define COLLATZ_N 3000
#define SORT_N 60000

/* The VM: 8 registers of int64; an instruction is {op, a, b, imm, target}. */
enum { LI, MOV, ADDI, MULI, ANDI, SHRI, BEQI, BNEI, BGT, JMP, HALT };
typedef struct { uint8_t op, a, b; int16_t imm; uint16_t target; } insn;

/* r0 = n, r1 = limit, r2 = total steps, r3 = x, r4 = scratch */
static const insn collatz_prog[] = {
    /*  0 */ {LI, 0, 0, 1, 0},       /* n = 1                       */
    /*  1 */ {BGT, 0, 1, 0, 14},     /* loop: if n > limit: halt    */
    /*  2 */ {MOV, 3, 0, 0, 0},      /*   x = n                     */
    /*  3 */ {BEQI, 3, 0, 1, 12},    /*   step: if x == 1: next n   */
    /*  4 */ {ANDI, 4, 3, 1, 0},     /*     t = x & 1               */
    /*  5 */ {BNEI, 4, 0, 0, 8},     /*     if t != 0: odd          */
    /*  6 */ {SHRI, 3, 3, 1, 0},     /*     x >>= 1                 */
    /*  7 */ {JMP, 0, 0, 0, 10},
    /*  8 */ {MULI, 3, 3, 3, 0},     /*     odd: x = 3x             */
    /*  9 */ {ADDI, 3, 3, 1, 0},     /*          x += 1             */
    /* 10 */ {ADDI, 2, 2, 1, 0},     /*     total++                 */
    /* 11 */ {JMP, 0, 0, 0, 3},
    /* 12 */ {ADDI, 0, 0, 1, 0},     /*   next n: n++               */
    /* 13 */ {JMP, 0, 0, 0, 1},
    /* 14 */ {HALT, 0, 0, 0, 0},
};

static uint64_t run_vm(const insn *prog, int64_t limit)
{
    int64_t r[8] = {0};
    r[1] = limit;
    unsigned pc = 0;
    for (;;) {
        const insn *i = &prog[pc++];
        switch (i->op) {
        case LI:   r[i->a] = i->imm; break;
        case MOV:  r[i->a] = r[i->b]; break;
        case ADDI: r[i->a] = r[i->b] + i->imm; break;
        case MULI: r[i->a] = r[i->b] * i->imm; break;
        case ANDI: r[i->a] = r[i->b] & i->imm; break;
        case SHRI: r[i->a] = r[i->b] >> i->imm; break;
        case BEQI: if (r[i->a] == i->imm) pc = i->target; break;
        case BNEI: if (r[i->a] != i->imm) pc = i->target; break;
        case BGT:  if (r[i->a] > r[i->b]) pc = i->target; break;
        case JMP:  pc = i->target; break;
        case HALT: return (uint64_t)r[2];
        default:   return ~0ull;
        }
    }
}

static void insertion_sort(uint32_t *a, long n)
{
    for (long i = 1; i < n; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quicksort(uint32_t *a, long n)
{
    while (n > 16) {
        uint32_t pivot = a[n / 2];
        long i = 0, j = n - 1;
        for (;;) {                       /* Hoare partition */
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i >= j) break;
            uint32_t t = a[i]; a[i] = a[j]; a[j] = t;
            i++; j--;
        }
        quicksort(a, j + 1);             /* recurse left, loop on right */
        a += j + 1;
        n -= j + 1;
    }
    insertion_sort(a, n);
}

static uint32_t keys[SORT_N];

static uint64_t rep(uint64_t seed)
{
    int64_t limit = COLLATZ_N;
    OPAQUE(limit);                       /* each rep really runs the VM */
    uint64_t h = fold(0, run_vm(collatz_prog, limit));
    uint64_t s = seed;
    for (long i = 0; i < SORT_N; i++)
        keys[i] = (uint32_t)(xorshift64(&s) >> 32);
    quicksort(keys, SORT_N);
    for (long i = 0; i < SORT_N; i++)
        h = fold(h, keys[i] + (i > 0 && keys[i - 1] > keys[i] ? 1ull << 40 : 0));
    return h;
}

int main(int argc, char **argv)
{
    return bench_main("branch", 100, argc, argv, rep);
}
