#!/usr/bin/env bash
# Benchmark (not a test): seconds from start to the MIMIC-INIT-READY marker
# (Debian 13's riscv64 kernel booting our busybox initramfs to its shell)
# in mimic and in Debian's qemu-system-riscv64, on the same kernel and
# initramfs, in the same run, one boot at a time, and the ratio mimic/QEMU
# (below 1: mimic is faster). mimic runs with its default engine and, if
# `mimic --help` lists an --engine option, with each engine listed there.
#
#   qemu-system-riscv64 -machine virt -m 512M -nographic \
#       -kernel K -initrd I -append console=ttyS0           (QEMU's OpenSBI)
#   mimic -m 512M --kernel K --initrd I --append console=ttyS0 (built-in SBI)
#
# Each boot is stopped (killed) as soon as the marker appears. The guest
# images are fetched/built first if missing (roms/ scripts, cache-aware).
#
# Usage: scripts/bench-boot.sh
# Environment:
#   BENCH_TIMEOUT=900        seconds a boot may take before it is abandoned
#   QEMU=qemu-system-riscv64 the peer emulator
#   BENCH_LOG_DIR=DIR        keep each boot's console log there
set -euo pipefail
cd "$(dirname "$0")/.."
timeout_s=${BENCH_TIMEOUT:-900}
QEMU=${QEMU:-qemu-system-riscv64}
marker=MIMIC-INIT-READY
log_dir=${BENCH_LOG_DIR:-}

die() { echo "bench-boot.sh: $*" >&2; exit 1; }
[ -n "${EPOCHREALTIME:-}" ] || die "needs bash 5 (EPOCHREALTIME)"

bash roms/fetch-debian.sh >/dev/null
initrd=$(bash roms/build-initramfs.sh)
# shellcheck source=/dev/null
. roms/cache/debian/paths.env
kernel=$MIMIC_KERNEL_IMAGE
cargo build --release -q
mimic=./target/release/mimic

# time_to_marker NAME CMD...: prints the seconds from starting CMD to the
# marker line on its output (or "timeout"/"exited"), then kills CMD.
time_to_marker() {
    local name=$1 line result=timeout log=/dev/null
    shift
    [ -n "$log_dir" ] && { mkdir -p "$log_dir"; log="$log_dir/$name.log"; }
    local t0=$EPOCHREALTIME
    local deadline=$(( ${t0%.*} + timeout_s ))
    coproc BOOT { exec "$@" 2>&1; }
    local pid=$BOOT_PID out=${BOOT[0]}
    while :; do
        local left=$(( deadline - ${EPOCHREALTIME%.*} ))
        [ "$left" -gt 0 ] || break
        if IFS= read -r -t "$left" line <&"$out"; then
            printf '%s\n' "$line" >> "$log"
            if [[ $line == *"$marker"* ]]; then
                result=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
                break
            fi
        elif [ $? -le 128 ]; then
            result=exited   # end of output: the emulator stopped
            break
        fi
    done
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo "$result"
}

ratio() {  # mimic_s qemu_s
    awk -v m="$1" -v q="$2" 'BEGIN { if (m + 0 > 0 && q + 0 > 0) printf "%.2f", m / q; else print "NA" }'
}

command -v "$QEMU" >/dev/null || die "$QEMU not found (apt-get install qemu-system-misc)"
echo "kernel  $kernel"
echo "initrd  $initrd"
echo "host    $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
qemu_s=$(time_to_marker qemu "$QEMU" -machine virt -m 512M -nographic \
    -kernel "$kernel" -initrd "$initrd" -append console=ttyS0)

# The values of --engine in `mimic --help` (clap lists them either as
# "[possible values: a, b]" or as "- a: ..." lines); none if no --engine.
engines() {
    "$mimic" --help | awk '
        /^ *(-[a-zA-Z], )?--engine([ =<]|$)/ { on = 1; next }
        on && /^ *-(-|[a-zA-Z],)/ { exit }
        on && match($0, /possible values: [^]]*/) {
            s = substr($0, RSTART + 17, RLENGTH - 17); gsub(/,/, " ", s); print s; exit }
        on && /^ *- [A-Za-z0-9_-]+:/ { sub(/^ *- /, ""); sub(/:.*/, ""); print }'
}
runs=("default:")
for e in $(engines); do runs+=("$e:--engine=$e"); done
printf '%-22s %12s %14s\n' emulator seconds ratio_to_qemu
printf '%-22s %12s %14s\n' qemu "$qemu_s" 1.00
for r in "${runs[@]}"; do
    name=${r%%:*} flag=${r#*:}
    s=$(time_to_marker "mimic-$name" "$mimic" -m 512M ${flag:+"$flag"} \
        --kernel "$kernel" --initrd "$initrd" --append console=ttyS0)
    printf '%-22s %12s %14s\n' "mimic ($name)" "$s" "$(ratio "$s" "$qemu_s")"
done
