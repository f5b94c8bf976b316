#!/usr/bin/env bash
# Benchmarks (not tests): runs the bare-metal programs under roms/bench in
# mimic and in Debian's qemu-system-riscv64 (spike machine, HTIF), in the
# same run, and prints guest MIPS and the ratio. The instruction count is
# mimic's (--stats); QEMU's MIPS divides the same count by its wall time.
# Usage: scripts/bench.sh [PROGRAM.elf ...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash roms/build.sh bench >/dev/null
cargo build --release -q
progs=("$@")
[ ${#progs[@]} -gt 0 ] || progs=(roms/build/bench/intloop.elf)
now() { date +%s.%N; }
printf '%-28s %14s %10s %10s %10s %8s\n' program instructions mimic_s mimic_MIPS qemu_MIPS ratio
for p in "${progs[@]}"; do
    stats=$(./target/release/mimic --stats "$p" 2>&1 >/dev/null | grep 'instructions in')
    n=$(echo "$stats" | awk '{print $2}')
    ms=$(echo "$stats" | awk '{print $5}')
    qemu_mips=NA; ratio=NA
    if command -v qemu-system-riscv64 >/dev/null; then
        t0=$(now)
        qemu-system-riscv64 -machine spike -bios none -nographic -kernel "$p" >/dev/null
        t1=$(now)
        qemu_mips=$(echo "$n $t0 $t1" | awk '{printf "%.1f", $1 / ($3 - $2) / 1e6}')
        ratio=$(echo "$n $ms $qemu_mips" | awk '{printf "%.2f", ($1 / $2 / 1e6) / $3}')
    fi
    printf '%-28s %14s %10s %10.1f %10s %8s\n' "$(basename "$p")" "$n" "$ms" \
        "$(echo "$n $ms" | awk '{print $1 / $2 / 1e6}')" "$qemu_mips" "$ratio"
done
