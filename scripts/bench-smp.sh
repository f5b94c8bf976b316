#!/usr/bin/env bash
# SMP benchmarks (not tests; issue #8), mimic and Debian's
# qemu-system-riscv64 measured in the same run:
#
#  1. parallel speedup: roms/smpbench/par{1,2}.S, the same 2e9 guest
#     instructions of integer work on 1 hart (--smp 1) and split over 2
#     harts (--smp 2); best of REPS wall times; speedup = t1 / t2.
#     QEMU runs the same ELFs on its spike machine (HTIF, -bios none).
#  2. Linux boot to the initramfs shell marker with --smp 1 and --smp 2
#     (mimic: built-in SBI; QEMU: its OpenSBI), best of REPS.
#  3. idle: --smp 4 booted to the shell, then the host CPU time the
#     emulator uses over IDLE_SECS seconds of an idle guest, in percent of
#     one host CPU.
#
# Usage: scripts/bench-smp.sh        Environment: REPS=3 IDLE_SECS=10
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${REPS:-3}
idle_secs=${IDLE_SECS:-10}
QEMU=${QEMU:-qemu-system-riscv64}
marker=MIMIC-INIT-READY
die() { echo "bench-smp.sh: $*" >&2; exit 1; }
[ -n "${EPOCHREALTIME:-}" ] || die "needs bash 5 (EPOCHREALTIME)"
command -v "$QEMU" >/dev/null || die "$QEMU not found (apt-get install qemu-system-misc)"

bash roms/build.sh smpbench >/dev/null
bash roms/fetch-debian.sh >/dev/null
initrd=$(bash roms/build-initramfs.sh)
# shellcheck source=/dev/null
. roms/cache/debian/paths.env
kernel=$MIMIC_KERNEL_IMAGE
cargo build --release -q
mimic=./target/release/mimic

elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
min() { printf '%s\n' "$@" | sort -g | head -n1; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "NA" }'; }

# wall CMD...: seconds CMD takes (it must exit 0).
wall() {
    local t0=$EPOCHREALTIME
    timeout 300 "$@" >/dev/null 2>&1 || die "failed: $*"
    elapsed "$t0" "$EPOCHREALTIME"
}

best_of() {
    local r ts=()
    for ((r = 0; r < reps; r++)); do ts+=("$(wall "$@")"); done
    min "${ts[@]}"
}

# boot CMD...: starts CMD as coprocess BOOT (its stdin stays open) and
# waits for the marker; sets boot_s (seconds) and boot_pid.
boot() {
    local t0=$EPOCHREALTIME line
    coproc BOOT { exec "$@" 2>&1; }
    boot_pid=$BOOT_PID
    while IFS= read -r -t 600 line <&"${BOOT[0]}"; do
        if [[ $line == *"$marker"* ]]; then
            boot_s=$(elapsed "$t0" "$EPOCHREALTIME")
            return
        fi
    done
    die "no marker from: $*"
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# cpu_ticks PID: user + system clock ticks of PID (all threads).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }


mimic_cmd() { echo "$mimic" -m 512M --smp "$1" --kernel "$kernel" --initrd "$initrd" --append console=ttyS0; }
qemu_cmd() { echo "$QEMU" -machine virt -m 512M -smp "$1" -nographic -kernel "$kernel" -initrd "$initrd" -append console=ttyS0; }

echo "host: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); best of $reps"
echo
echo "1. parallel CPU-bound program (2e9 instructions), wall seconds"
printf '%-8s %10s %10s %10s\n' emulator smp1 smp2 speedup
m1=$(best_of "$mimic" --smp 1 roms/build/smpbench/par1.elf)
m2=$(best_of "$mimic" --smp 2 roms/build/smpbench/par2.elf)
q1=$(best_of "$QEMU" -machine spike -smp 1 -bios none -nographic -kernel roms/build/smpbench/par1.elf)
q2=$(best_of "$QEMU" -machine spike -smp 2 -bios none -nographic -kernel roms/build/smpbench/par2.elf)
printf '%-8s %10s %10s %10s\n' mimic "$m1" "$m2" "$(div "$m1" "$m2")"
printf '%-8s %10s %10s %10s\n' qemu "$q1" "$q2" "$(div "$q1" "$q2")"

echo
echo "2. Linux boot to the shell marker, seconds"
printf '%-8s %10s %10s\n' emulator smp1 smp2
for emu in mimic qemu; do
    row=()
    for n in 1 2; do
        ts=()
        for ((r = 0; r < reps; r++)); do
            # shellcheck disable=SC2046
            boot $(${emu}_cmd "$n")
            stop "$boot_pid"
            ts+=("$boot_s")
        done
        row+=("$(min "${ts[@]}")")
    done
    printf '%-8s %10s %10s\n' "$emu" "${row[@]}"
done

echo
echo "3. idle guest with --smp 4: host CPU over ${idle_secs} s at the shell"
printf '%-8s %10s\n' emulator cpu_percent
hz=$(getconf CLK_TCK)
for emu in mimic qemu; do
    # shellcheck disable=SC2046
    boot $(${emu}_cmd 4)
    pid=$boot_pid
    sleep 2   # let the last boot work (udev, the shell) settle
    a=$(cpu_ticks "$pid")
    sleep "$idle_secs"
    b=$(cpu_ticks "$pid")
    stop "$pid"
    printf '%-8s %10s\n' "$emu" "$(awk -v a="$a" -v b="$b" -v hz="$hz" -v s="$idle_secs" 'BEGIN { printf "%.1f", 100 * (b - a) / hz / s }')"
done
