#!/usr/bin/env bash
# Boots Debian's riscv64 kernel with our initramfs and rootfs in QEMU (the
# peer emulator), driving the serial console through a pipe:
#
#   1. initramfs shell: wait for MIMIC-INIT-READY, run uname -a and
#      cat /proc/cpuinfo, mount /dev/vda, write /smoke.txt, sync, poweroff -f;
#      then check the file on the host with debugfs.
#   2. root=/dev/vda: wait for MIMIC-ROOTFS-READY, read /smoke.txt back,
#      poweroff -f.
#   3. mimic.cmd=/etc/mimic/selftest.sh: a non-interactive boot that must
#      print MIMIC-SELFTEST-DONE and power off by itself.
#
# Fetches and builds what is missing first (roms/fetch-debian.sh,
# build-initramfs.sh, build-rootfs.sh; all cache-aware). Prints the time from
# QEMU's start to each marker and to its exit. Boots run one after another.
#
# Usage: roms/qemu-smoke.sh
# Environment:
#   QEMU=qemu-system-riscv64     the emulator to run
#   MIMIC_SMOKE_TIMEOUT=180      seconds each boot may take
#   MIMIC_SMOKE_DISK=FILE        the disk (default roms/cache/rootfs.img; it is
#                                written: /smoke.txt)
#   MIMIC_SMOKE_VERBOSE=1        copy the console to stderr as it arrives
# Console logs: roms/cache/smoke/<boot>.log
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache="$here/cache"
QEMU=${QEMU:-qemu-system-riscv64}
timeout_s=${MIMIC_SMOKE_TIMEOUT:-180}
verbose=${MIMIC_SMOKE_VERBOSE:-0}

die() { echo "qemu-smoke.sh: FAIL: $*" >&2; exit 1; }
log() { echo "qemu-smoke.sh: $*" >&2; }
command -v "$QEMU" >/dev/null || die "$QEMU not found (apt-get install qemu-system-misc)"
command -v debugfs >/dev/null || die "debugfs not found (apt-get install e2fsprogs)"

"$here/fetch-debian.sh" >/dev/null
initrd=$("$here/build-initramfs.sh")
"$here/build-rootfs.sh" >/dev/null
# shellcheck source=/dev/null
. "$cache/debian/paths.env"
disk=${MIMIC_SMOKE_DISK:-$cache/rootfs.img}
[ -f "$disk" ] || die "no disk image $disk"
mkdir -p "$cache/smoke"

qpid=
cleanup() { [ -n "$qpid" ] && kill "$qpid" 2>/dev/null; return 0; }
trap cleanup EXIT

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# start NAME APPEND: runs QEMU as a coprocess (fd $qout = console out, $qin = in)
start() {
    name=$1
    logf="$cache/smoke/$name.log"
    : > "$logf"; : > "$logf.stderr"
    log "[$name] $QEMU ... -append \"$2\""
    t0=$(now)
    coproc Q { exec "$QEMU" -machine virt -m 512M -nographic -no-reboot \
        -kernel "$MIMIC_KERNEL_IMAGE" -initrd "$initrd" -append "$2" \
        -drive "file=$disk,format=raw,if=none,id=d0" -device virtio-blk-device,drive=d0 \
        2>>"$logf.stderr"; }
    qpid=$Q_PID
    # bash unsets Q when the coprocess ends (it may power off by itself):
    # keep our own copies of its pipes.
    exec {qout}<&"${Q[0]}" {qin}>&"${Q[1]}"
    deadline=$(awk -v t="$t0" -v s="$timeout_s" 'BEGIN { printf "%.3f", t + s }')
}
# expect TEXT: reads console lines until one contains TEXT
expect() {
    local want=$1 line rest
    while :; do
        rest=$(awk -v d="$deadline" -v n="$(now)" 'BEGIN { r = d - n; printf "%.3f", (r > 0 ? r : 0) }')
        [ "$rest" = 0.000 ] && die "[$name] no \"$want\" within ${timeout_s}s (console: $logf)"
        if IFS= read -r -t "$rest" line <&"$qout"; then
            line=${line%$'\r'}
            printf '%s\n' "$line" >> "$logf"
            [ "$verbose" = 1 ] && printf '%s\n' "$line" >&2
            [[ $line == *"$want"* ]] && return 0
        else
            local rc=$?
            [ -n "$line" ] && printf '%s' "$line" >> "$logf"
            [ $rc -gt 128 ] && continue   # timed out: the loop re-checks the deadline
            die "[$name] QEMU exited before \"$want\" (console: $logf, stderr: $logf.stderr)"
        fi
    done
}
send() { printf '%s\n' "$@" >&"$qin"; }
# finish: waits for QEMU to exit (after poweroff -f) and checks its status
finish() {
    local line rc=0
    while :; do
        rest=$(awk -v d="$deadline" -v n="$(now)" 'BEGIN { r = d - n; printf "%.3f", (r > 0 ? r : 0) }')
        [ "$rest" = 0.000 ] && die "[$name] QEMU did not exit (poweroff) within ${timeout_s}s (console: $logf)"
        if IFS= read -r -t "$rest" line <&"$qout"; then
            printf '%s\n' "${line%$'\r'}" >> "$logf"
            [ "$verbose" = 1 ] && printf '%s\n' "${line%$'\r'}" >&2
        else
            [ $? -gt 128 ] && continue
            [ -n "$line" ] && printf '%s\n' "$line" >> "$logf"
            break
        fi
    done
    exec {qout}<&- {qin}>&-
    wait "$qpid" || rc=$?
    qpid=
    [ $rc = 0 ] || die "[$name] QEMU exit status $rc (console: $logf)"
    log "[$name] powered off after $(elapsed "$t0") s"
}
# A marker the shell prints but whose command echo does not contain.
mark() { echo "echo SMOKE-\$((40+2))-$1"; }
seen() { grep -q -- "$1" "$logf" || die "[$name] console lacks \"$1\" (console: $logf)"; }

token="mimic-smoke-$(date +%s)-$$"
results=()

# 1. the initramfs shell, writing to the disk
start initramfs "console=ttyS0"
expect MIMIC-INIT-READY
t_ready=$(elapsed "$t0")
log "[initramfs] MIMIC-INIT-READY after $t_ready s"
results+=("initramfs: MIMIC-INIT-READY ${t_ready}s")
send "uname -a" "cat /proc/cpuinfo" "lsmod" \
     "mount -t ext4 /dev/vda /mnt && echo '$token' > /mnt/smoke.txt && sync && umount /mnt && $(mark WROTE)" \
     "$(mark END)"
expect SMOKE-42-END
send "poweroff -f"
finish
results+=("initramfs: poweroff $(elapsed "$t0")s")
seen "Linux mimic $MIMIC_KVER"
seen riscv64
seen "isa[[:space:]]*: rv64"
seen "^ext4 "
seen SMOKE-42-WROTE
got=$(debugfs -R 'cat /smoke.txt' "$disk" 2>/dev/null)
[ "$got" = "$token" ] || die "debugfs -R 'cat /smoke.txt' $disk gave \"$got\", not \"$token\""
log "[host] debugfs reads /smoke.txt back from $disk: $got"

# 2. the ext4 root filesystem
start rootfs "console=ttyS0 root=/dev/vda rw"
expect MIMIC-ROOTFS-READY
t_ready=$(elapsed "$t0")
log "[rootfs] MIMIC-ROOTFS-READY after $t_ready s"
results+=("rootfs: MIMIC-ROOTFS-READY ${t_ready}s")
send "cat /smoke.txt" "grep ' / ' /proc/mounts" "$(mark END)"
expect SMOKE-42-END
send "poweroff -f"
finish
results+=("rootfs: poweroff $(elapsed "$t0")s")
seen "^$token"
seen "^/dev/root / ext4 rw\|^/dev/vda / ext4 rw"

# 3. mimic.cmd=: non-interactive
start selftest "console=ttyS0 mimic.cmd=/etc/mimic/selftest.sh"
expect MIMIC-INIT-READY
t_ready=$(elapsed "$t0")
expect MIMIC-SELFTEST-DONE
finish
results+=("selftest: MIMIC-INIT-READY ${t_ready}s, poweroff $(elapsed "$t0")s")
seen "^virtio_blk "

log "PASS ($QEMU, kernel $MIMIC_KVER)"
printf '  %s\n' "${results[@]}" >&2
