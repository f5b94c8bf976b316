#!/usr/bin/env bash
# Builds the guest CPU benchmarks of roms/guest-bench/ (see bench.h there):
#
#   roms/cache/guest-bench/{int,mem,branch,fp}   static riscv64 Linux programs
#                                                (riscv64-linux-gnu-gcc -O2 -static)
#   roms/cache/initramfs-bench.cpio.gz           the normal initramfs
#                                                (roms/build-initramfs.sh) plus
#                                                /bench/<programs> and /bench/run.sh
#
# The bench initramfs is the normal one's gzip member followed by a second
# gzip member holding a newc cpio archive of /bench: the kernel unpacks
# concatenated (compressed) archives one after the other. Boot it with
#   --append "console=ttyS0 mimic.cmd=/bench/run.sh [mimic.bench.pct=P]"
# and the guest prints "BENCH name seconds checksum reps default-reps" lines
# and powers off (see roms/guest-bench/run.sh).
#
# Usage: roms/build-guest-bench.sh     (prints the initramfs path last)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src="$here/guest-bench"
cache="$here/cache"
out_dir="$cache/guest-bench"
out="$cache/initramfs-bench.cpio.gz"
programs="int mem branch fp"
CC=${CC:-riscv64-linux-gnu-gcc}

die() { echo "build-guest-bench.sh: $*" >&2; exit 1; }
command -v "$CC" >/dev/null ||
    die "$CC not found (apt-get install gcc-riscv64-linux-gnu libc6-dev-riscv64-cross)"
command -v cpio >/dev/null || die "cpio not found (apt-get install cpio)"

base=$("$here/build-initramfs.sh" | tail -n 1)
[ -f "$base" ] || die "roms/build-initramfs.sh did not produce an initramfs"

stage="$out_dir/stage"
rm -rf "$stage"
mkdir -p "$stage/bench"
for p in $programs; do
    "$CC" -O2 -static -Wall -Wextra -Werror -o "$out_dir/$p" "$src/$p.c" -lm
    install -m 0755 "$out_dir/$p" "$stage/bench/$p"
done
install -m 0644 "$src/run.sh" "$stage/bench/run.sh"

# Reproducible: the base archive's mtime for every entry, sorted, owner 0:0.
epoch=$(stat -c %Y "$base")
find "$stage" -exec touch -h -d "@$epoch" {} +
tmp="$out.tmp"
{
    cat "$base"
    (cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
        cpio -o -H newc --owner=0:0 --reproducible --quiet) | gzip -9 -n
} > "$tmp"
mv "$tmp" "$out"
echo "build-guest-bench.sh: wrote $out ($(du -h "$out" | cut -f1))" >&2
echo "$out"
