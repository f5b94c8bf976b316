#!/usr/bin/env bash
# TLB benchmark (not a test; issue #3): loads+stores per second through the
# MMU for a working set that fits the TLB (64 pages) and one that thrashes
# it (4096 pages colliding in a direct-mapped TLB: every load walks three
# levels), S-mode under Sv39 (roms/bench/tlb.inc). Each phase is 2^23
# load+store pairs in its own program; its time is the program's wall time
# minus that of tlb-none (the same setup, no phase), best of REPS.
# mimic (each engine) and Debian's qemu-system-riscv64 (spike machine,
# HTIF) in the same run.
#
# Usage: scripts/bench-tlb.sh        Environment: REPS=5
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${REPS:-5}
QEMU=${QEMU:-qemu-system-riscv64}
[ -n "${EPOCHREALTIME:-}" ] || { echo "bench-tlb.sh: needs bash 5" >&2; exit 1; }
bash roms/build.sh bench >/dev/null
cargo build --release -q
accesses=$((2 * 8388608))

best() {  # CMD...: best wall seconds of REPS runs
    local r t0 best=
    for ((r = 0; r < reps; r++)); do
        t0=$EPOCHREALTIME
        "$@" >/dev/null 2>&1 || { echo "bench-tlb.sh: failed: $*" >&2; exit 1; }
        best=$(awk -v a="$t0" -v b="$EPOCHREALTIME" -v m="$best" 'BEGIN { t = b - a; if (m == "" || t < m) m = t; printf "%.4f", m }')
    done
    echo "$best"
}

rate() {  # phase_s base_s -> million accesses per second
    awk -v p="$1" -v b="$2" -v n="$accesses" 'BEGIN { d = p - b; if (d > 0) printf "%.1f", n / d / 1e6; else print "NA" }'
}

runners=("mimic-jit:./target/release/mimic --engine jit" "mimic-interp:./target/release/mimic --engine interp")
command -v "$QEMU" >/dev/null && runners+=("qemu:$QEMU -machine spike -bios none -nographic -kernel")
printf '%-14s %14s %14s\n' emulator fit_M/s thrash_M/s
for r in "${runners[@]}"; do
    name=${r%%:*} cmd=${r#*:}
    # shellcheck disable=SC2086
    base=$(best $cmd roms/build/bench/tlb-none.elf)
    # shellcheck disable=SC2086
    fit=$(best $cmd roms/build/bench/tlb-fit.elf)
    # shellcheck disable=SC2086
    thrash=$(best $cmd roms/build/bench/tlb-thrash.elf)
    printf '%-14s %14s %14s\n' "$name" "$(rate "$fit" "$base")" "$(rate "$thrash" "$base")"
done
