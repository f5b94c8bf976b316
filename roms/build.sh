#!/usr/bin/env bash
# Builds mimic's own bare-metal test programs with Debian's
# riscv64-unknown-elf toolchain: roms/<dir>/*.S -> roms/build/<dir>/*.elf.
# Usage: roms/build.sh [DIR...]   (default: every directory with .S files)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
CC=${RISCV_CC:-riscv64-unknown-elf-gcc}
MARCH=${MARCH:-rv64gc_zba_zbb_zbc_zbs_zicsr_zifencei_zicbom_zicboz_zihintpause}
if ! command -v "$CC" >/dev/null; then
    echo "build.sh: $CC not found (apt-get install gcc-riscv64-unknown-elf)" >&2
    exit 127
fi
dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
    mapfile -t dirs < <(cd "$here" && find . -mindepth 2 -name '*.S' -not -path './build/*' -not -path './cache/*' -printf '%h\n' | sed 's|^\./||' | sort -u)
fi
# The newest file every program depends on: shared headers, the link
# script, this script, and the directory's own headers.
newest() {
    local best="" f
    for f in "$@"; do
        [ -e "$f" ] || continue
        if [ -z "$best" ] || [ "$f" -nt "$best" ]; then best=$f; fi
    done
    echo "$best"
}
for d in "${dirs[@]}"; do
    mkdir -p "$here/build/$d"
    dep=$(newest "$here"/include/*.h "$here/link.ld" "$0" "$here/$d"/*.h "$here/$d"/*.inc)
    for src in "$here/$d"/*.S; do
        out="$here/build/$d/$(basename "${src%.S}").elf"
        if [ "$out" -nt "$src" ] && [ "$out" -nt "$dep" ]; then
            continue
        fi
        "$CC" -march="$MARCH" -mabi=lp64d -mcmodel=medany -static -nostdlib -nostartfiles \
            -Wl,--no-warn-rwx-segments -I"$here/include" -T"$here/link.ld" -o "$out" "$src"
    done
done
