#!/usr/bin/env bash
# Benchmark (not a test): CPU-bound programs inside the guest (issue #5 (b),
# (c)). Boots Debian 13's riscv64 kernel with roms/cache/initramfs-bench.cpio.gz
# (roms/build-guest-bench.sh: the normal initramfs plus /bench) and the
# kernel option mimic.cmd=/bench/run.sh, one emulator at a time:
#
#   mimic --engine jit     -m 512M --kernel K --initrd I --append ...
#   mimic --engine interp  (same; by default at a reduced number of reps)
#   qemu-system-riscv64 -machine virt -m 512M -nographic -kernel K -initrd I ...
#
# Each program of roms/guest-bench/ (int, mem, branch, fp) times itself
# inside the guest (CLOCK_MONOTONIC around its reps, setup excluded) and
# prints "BENCH name seconds checksum reps default-reps". The checksum does
# not depend on the number of reps, so every run, reduced or not, must print
# the same one: a difference is an emulator bug and is reported as MISMATCH.
#
# The table: seconds per emulator at the default reps (a reduced run is
# scaled up linearly and marked ~), the checksum, QEMU/jit (above 1: mimic's
# jit is faster than QEMU) and interp/jit (the jit's speedup over the
# interpreter), and a geometric mean of both ratios.
#
# Usage: scripts/bench-guest.sh [--no-interp] [--no-qemu] [--no-jit]
#                               [--interp-pct P] [--pct P] [--only a,b,...]
#                               [--repeat N]
#   --interp-pct P   the interpreter runs P% of each program's reps (default 10)
#   --pct P          the jit and QEMU run P% of the reps (default 100)
#   --only LIST      comma-separated programs (default int,mem,branch,fp)
#   --repeat N       boot each emulator N times, round robin, and keep each
#                    program's fastest time (the host is shared: less noise)
# Environment:
#   BENCH_TIMEOUT=3600   seconds a boot may take before it is abandoned
#   QEMU=qemu-system-riscv64
#   MIMIC=PATH           the mimic binary (default target/release/mimic,
#                        built first if missing or older than the sources)
#   MIMIC_ARGS="..."     extra mimic options, e.g. "--bios FILE"
#   BENCH_LOG_DIR=DIR    keep each boot's console log there
# Exit status: 0 when every program ran everywhere with matching checksums.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "bench-guest.sh: $*" >&2; exit 2; }

run_jit=1 run_interp=1 run_qemu=1 interp_pct=10 pct=100 only=int,mem,branch,fp repeat=1
while [ $# -gt 0 ]; do
    case "$1" in
        --no-interp)  run_interp=0 ;;
        --no-qemu)    run_qemu=0 ;;
        --no-jit)     run_jit=0 ;;
        --interp-pct) interp_pct=${2:?--interp-pct needs a value}; shift ;;
        --pct)        pct=${2:?--pct needs a value}; shift ;;
        --only)       only=${2:?--only needs a value}; shift ;;
        --repeat)     repeat=${2:?--repeat needs a value}; shift ;;
        -h|--help)    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *)            die "unknown option $1 (see --help)" ;;
    esac
    shift
done
for v in "$interp_pct" "$pct" "$repeat"; do
    [[ $v =~ ^[1-9][0-9]*$ ]] || die "a percentage or count must be a positive integer, not '$v'"
done
programs=$(echo "$only" | tr , ' ')

timeout_s=${BENCH_TIMEOUT:-3600}
QEMU=${QEMU:-qemu-system-riscv64}
log_dir=${BENCH_LOG_DIR:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "$log_dir" ] || log_dir=$work
mkdir -p "$log_dir"

bash roms/fetch-debian.sh >/dev/null
initrd=$(bash roms/build-guest-bench.sh | tail -n 1)
# shellcheck source=/dev/null
. roms/cache/debian/paths.env
kernel=$MIMIC_KERNEL_IMAGE

# mimic: built only if missing or older than a source file.
if [ -z "${MIMIC:-}" ]; then
    MIMIC=target/release/mimic
    if [ ! -x "$MIMIC" ] || [ -n "$(find . \( -path ./target -o -path ./roms/cache -o -path ./.git \
            -o -path ./tests -o -path ./examples -o -path '*/benches' -o -path '*/tests' \) -prune -o \
            \( -name '*.rs' -o -name Cargo.toml -o -name Cargo.lock \) -newer "$MIMIC" -print -quit)" ]; then
        echo "bench-guest.sh: $MIMIC is missing or older than its sources: cargo build --release" >&2
        cargo build --release -q
    fi
fi
[ -x "$MIMIC" ] || die "no mimic binary at $MIMIC"
# Every mimic run uses one snapshot of the binary (a rebuild during the
# benchmark must not mix two builds in one table).
mimic_desc="$MIMIC ($(stat -c %y "$MIMIC" | cut -d. -f1))"
cp "$MIMIC" "$work/mimic"
MIMIC="$work/mimic"
if [ $run_qemu = 1 ]; then
    command -v "$QEMU" >/dev/null || die "$QEMU not found (apt-get install qemu-system-misc)"
fi

cmdline() {  # cmdline PCT
    echo "console=ttyS0 mimic.cmd=/bench/run.sh mimic.bench.pct=$1 mimic.bench.only=$only"
}

# boot NAME LOG CMD...: runs one emulator to power-off (or the timeout),
# console in LOG; prints the wall time.
boot() {
    local name=$1 log=$2 t0 t1 rc=0
    shift 2
    echo "bench-guest.sh: running $name ..." >&2
    t0=$(date +%s.%N)
    timeout -k 10 "$timeout_s" "$@" </dev/null >"$log" 2>&1 || rc=$?
    t1=$(date +%s.%N)
    [ $rc = 0 ] || echo "bench-guest.sh: $name exited with status $rc$([ $rc = 124 ] && echo " (timeout after ${timeout_s}s)")" >&2
    grep -a '^BENCH-ERROR' "$log" | tr -d '\r' >&2 || true
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }'
}

# Per engine and program: the fastest run's seconds, and the checksum (set
# to DIFFERS if two runs of the same engine disagree).
declare -A sec sum reps dreps wall
collect() {  # collect NAME LOG: parses the BENCH lines of LOG
    local name=$1 log=$2 tag prog s c r d
    while read -r tag prog s c r d; do
        [ "$tag" = BENCH ] || continue
        if [ -z "${sum[$name,$prog]:-}" ]; then
            sum[$name,$prog]=$c
        elif [ "${sum[$name,$prog]}" != "$c" ]; then
            sum[$name,$prog]=DIFFERS
        fi
        if [ -z "${sec[$name,$prog]:-}" ] || awk -v a="$s" -v b="${sec[$name,$prog]}" 'BEGIN { exit !(a < b) }'; then
            sec[$name,$prog]=$s
        fi
        reps[$name,$prog]=$r dreps[$name,$prog]=$d
    done < <(tr -d '\r' < "$log" | grep -a '^BENCH ')
}

engines=()
[ $run_jit = 1 ] && engines+=(jit)
[ $run_interp = 1 ] && engines+=(interp)
[ $run_qemu = 1 ] && engines+=(qemu)
# shellcheck disable=SC2206
mimic_args=(-m 512M ${MIMIC_ARGS:-} --kernel "$kernel" --initrd "$initrd")
for ((k = 1; k <= repeat; k++)); do   # round robin: load changes hit all alike
    for e in "${engines[@]}"; do
        log="$log_dir/$e.$k.log"
        case $e in
            jit|interp)
                p=$pct
                [ "$e" = interp ] && p=$interp_pct
                w=$(boot "$e" "$log" "$MIMIC" --engine "$e" "${mimic_args[@]}" --append "$(cmdline "$p")") ;;
            qemu)
                w=$(boot qemu "$log" "$QEMU" -machine virt -m 512M -nographic -no-reboot \
                    -kernel "$kernel" -initrd "$initrd" -append "$(cmdline "$pct")") ;;
        esac
        wall[$e]="${wall[$e]:+${wall[$e]} }$w"
        collect "$e" "$log"
    done
done

# Seconds at the default reps: measured, or scaled up from a reduced run (~).
full() {  # full ENGINE PROG
    local e=$1 p=$2
    [ -n "${sec[$e,$p]:-}" ] || { echo "-"; return; }
    awk -v s="${sec[$e,$p]}" -v r="${reps[$e,$p]}" -v d="${dreps[$e,$p]}" \
        'BEGIN { if (r == d) printf "%.3f", s; else printf "~%.3f", s * d / r }'
}
ratio() {  # ratio NUM DEN (either may carry a ~)
    awk -v a="${1#\~}" -v b="${2#\~}" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else print "-" }'
}

echo
echo "kernel  $kernel"
echo "initrd  $initrd"
echo "host    $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "mimic   $mimic_desc ${MIMIC_ARGS:-}"
echo "runs    jit and QEMU at $pct% of the reps, interp at $interp_pct%; best of $repeat boot(s) each"
for e in "${engines[@]}"; do echo "boot    $e: ${wall[$e]} s wall per boot"; done
echo
printf '%-8s %10s %10s %10s  %-18s %9s %10s\n' program qemu-s jit-s interp-s checksum qemu/jit interp/jit
status=0 gq=0 nq=0 gi=0 ni=0
for p in $programs; do
    q=$(full qemu "$p") j=$(full jit "$p") i=$(full interp "$p")
    # Checksums of the engines that ran: all present, consistent and equal.
    check='' bad=0
    for e in "${engines[@]}"; do
        c=${sum[$e,$p]:-missing}
        case $c in missing|INCONSISTENT|DIFFERS) bad=1 ;; esac
        if [ -z "$check" ]; then check=$c; elif [ "$c" != "$check" ]; then bad=1; fi
    done
    if [ $bad = 1 ]; then
        check="MISMATCH"
        status=1
    fi
    rq=$(ratio "$q" "$j") ri=$(ratio "$i" "$j")
    [ "$rq" = - ] || { gq=$(awk -v g="$gq" -v r="$rq" 'BEGIN { print g + log(r) }'); nq=$((nq + 1)); }
    [ "$ri" = - ] || { gi=$(awk -v g="$gi" -v r="$ri" 'BEGIN { print g + log(r) }'); ni=$((ni + 1)); }
    printf '%-8s %10s %10s %10s  %-18s %9s %10s\n' "$p" "$q" "$j" "$i" "$check" "$rq" "$ri"
done
geo() { [ "$2" -gt 0 ] && awk -v g="$1" -v n="$2" 'BEGIN { printf "%.2f", exp(g / n) }' || echo -; }
printf '%-8s %10s %10s %10s  %-18s %9s %10s\n' geomean '' '' '' '' "$(geo "$gq" "$nq")" "$(geo "$gi" "$ni")"
echo
echo "~: scaled up linearly from a run at fewer reps. qemu/jit above 1: mimic's jit is faster than QEMU."
if [ $status != 0 ]; then
    echo
    echo "!!!!!!!! MISMATCH: the emulators disagree (or a program failed). Checksums per emulator:"
    for p in $programs; do
        printf '  %-8s' "$p"
        for e in "${engines[@]}"; do printf ' %s=%s' "$e" "${sum[$e,$p]:-missing}"; done
        echo
    done
    echo "  (console logs: ${BENCH_LOG_DIR:-set BENCH_LOG_DIR=DIR to keep them})"
fi
exit $status
