/*
 * Double-precision kernel:
 *   - matrix multiply C = A * B of MAT_N x MAT_N doubles, i-k-j order, each
 *     step an explicit fma() (fmadd.d), then every row of C divided by its
 *     diagonal element (fdiv.d);
 *   - the n-body simulation of the Computer Language Benchmarks Game (the
 *     Sun and four gas giants), NBODY_STEPS steps: fmul/fadd/fsub, one
 *     fsqrt.d and one fdiv.d per pair per step; energy before and after.
 * Checksum: the IEEE bit patterns of C's sum and of both energies, folded.
 * Results are exact IEEE double arithmetic, so every correct emulator gets
 * the same bits.
 */
#include "bench.h"
#include <math.h>
#include <string.h>

#define MAT_N 96
#define NBODY_STEPS 20000

static double A[MAT_N][MAT_N], B[MAT_N][MAT_N], C[MAT_N][MAT_N];

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static double matmul(uint64_t seed)
{
    uint64_t s = seed;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            /* values in [-1, 1) with 53 random bits */
            A[i][j] = (double)(int64_t)xorshift64(&s) * 0x1p-63;
            B[i][j] = (double)(int64_t)xorshift64(&s) * 0x1p-63;
        }
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++)
            C[i][j] = 0.0;
        for (int k = 0; k < MAT_N; k++) {
            double a = A[i][k];
            for (int j = 0; j < MAT_N; j++)
                C[i][j] = fma(a, B[k][j], C[i][j]);
        }
        double d = C[i][i];
        for (int j = 0; j < MAT_N; j++)
            C[i][j] = C[i][j] / d;
    }
    double sum = 0.0;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            sum += C[i][j];
    return sum;
}

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NB 5

struct body { double x, y, z, vx, vy, vz, mass; };

static const struct body initial[NB] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS},
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
     1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
     -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
     -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
     2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
     2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
     -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS},
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
     2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
     -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS},
};

static double energy(const struct body *b)
{
    double e = 0.0;
    for (int i = 0; i < NB; i++) {
        e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            e -= b[i].mass * b[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(struct body *b, double dt)
{
    for (int i = 0; i < NB; i++)
        for (int j = i + 1; j < NB; j++) {
            double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * sqrt(d2));
            b[i].vx -= dx * b[j].mass * mag; b[i].vy -= dy * b[j].mass * mag; b[i].vz -= dz * b[j].mass * mag;
            b[j].vx += dx * b[i].mass * mag; b[j].vy += dy * b[i].mass * mag; b[j].vz += dz * b[i].mass * mag;
        }
    for (int i = 0; i < NB; i++) {
        b[i].x += dt * b[i].vx; b[i].y += dt * b[i].vy; b[i].z += dt * b[i].vz;
    }
}

static uint64_t nbody(double dt)
{
    struct body b[NB];
    memcpy(b, initial, sizeof b);
    double px = 0, py = 0, pz = 0;          /* offset the Sun's momentum */
    for (int i = 0; i < NB; i++) {
        px += b[i].vx * b[i].mass; py += b[i].vy * b[i].mass; pz += b[i].vz * b[i].mass;
    }
    b[0].vx = -px / SOLAR_MASS; b[0].vy = -py / SOLAR_MASS; b[0].vz = -pz / SOLAR_MASS;
    uint64_t h = fold(0, bits(energy(b)));
    for (int s = 0; s < NBODY_STEPS; s++)
        advance(b, dt);
    return fold(h, bits(energy(b)));
}

static uint64_t rep(uint64_t seed)
{
    double dt = 0.01;
    OPAQUE(dt);                          /* each rep really simulates */
    return fold(bits(matmul(seed)), nbody(dt));
}

int main(int argc, char **argv)
{
    return bench_main("fp", 80, argc, argv, rep);
}
