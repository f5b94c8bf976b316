#!/usr/bin/env bash
# Builds roms/cache/initramfs.cpio.gz from the packages roms/fetch-debian.sh
# fetched (it runs that script first if needed), without root:
#
#   /init                      roms/initramfs/init (our own, busybox sh)
#   /etc/mimic/selftest.sh     roms/initramfs/selftest.sh (for mimic.cmd=)
#   /etc/mimic/modules.load    the modules to insmod, dependencies first
#   /bin/busybox + applet links  Debian's static riscv64 busybox
#   /lib/modules/<kver>/...    virtio_mmio, virtio_blk, ext4, virtio_net,
#                              virtio_rng and their dependencies, decompressed,
#                              with modules.dep/modules.alias for modprobe
#   /dev/console               a character device node (5,1), written into
#                              the archive directly (no mknod, so no root)
#
# Usage: roms/build-initramfs.sh [-f]     (-f: rebuild even if up to date)
# Environment: MIMIC_MODULES="name name? ..." (see roms/guest-lib.sh)
# The staging tree is kept in roms/cache/initramfs/ for inspection.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=guest-lib.sh
. "$here/guest-lib.sh"

force=0
[ "${1:-}" = -f ] && force=1
need cpio cpio
need gzip gzip
guest_load_paths

out="$cache/initramfs.cpio.gz"
sigfile="$cache/initramfs.sig"
sig=$( {
    for f in "$here/initramfs/init" "$here/initramfs/selftest.sh" "$here/guest-lib.sh" \
            "$here/build-initramfs.sh" "$MIMIC_BUSYBOX" "$cache/debian/$MIMIC_KERNEL_PKG/.mimic-unpacked-from"; do
        sha256sum < "$f"
    done
    echo "$MIMIC_KVER $MIMIC_MODULES"
    command -v qemu-riscv64-static qemu-riscv64 || true
} | sha256sum | cut -d' ' -f1)
if [ $force = 0 ] && [ -f "$out" ] && [ -f "$sigfile" ] && [ "$(cat "$sigfile")" = "$sig" ]; then
    log "$out is up to date"
    echo "$out"
    exit 0
fi

guest_resolve_modules
log "kernel $MIMIC_KVER; modules in load order: $(printf '%s ' "${mod_order[@]##*/}")"

stage="$cache/initramfs"
rm -rf "$stage"
mkdir -p "$stage"/{dev,proc,sys,tmp,mnt,root,run,newroot,etc/mimic}
chmod 1777 "$stage/tmp"
guest_install_busybox "$stage"
guest_install_modules "$stage"
install -m 0755 "$here/initramfs/init" "$stage/init"
install -m 0644 "$here/initramfs/selftest.sh" "$stage/etc/mimic/selftest.sh"
echo "root:x:0:0:root:/root:/bin/sh" > "$stage/etc/passwd"
echo "root:x:0:" > "$stage/etc/group"

# Reproducible: fixed mtimes (the kernel Image's), sorted names, owner 0:0.
epoch=$(stat -c %Y "$MIMIC_KERNEL_IMAGE")
find "$stage" -exec touch -h -d "@$epoch" {} +

# One newc archive entry for a device node (cpio copies only what exists, and
# creating /dev/console with mknod would need root). The kernel unpacks
# concatenated archives one after the other.
newc_entry() {  # name mode(octal) rdevmajor rdevminor ino
    local name=$1 mode=$2 maj=$3 min=$4 ino=$5 hdr
    hdr=$(printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
        "$ino" "$((8#$mode))" 0 0 1 "$epoch" 0 0 0 "$maj" "$min" $(( ${#name} + 1 )) 0)
    printf '%s%s\0' "$hdr" "$name"
    # pad header + name to a multiple of 4
    local pad=$(( (4 - (110 + ${#name} + 1) % 4) % 4 ))
    head -c "$pad" /dev/zero
}
dev_archive() {
    newc_entry dev/console 020600 5 1 $((0x7fff0001))
    newc_entry TRAILER!!! 0 0 0 0
}

tmp="$out.tmp"
{
    (cd "$stage" && find . -mindepth 1 | LC_ALL=C sort |
        cpio -o -H newc --owner=0:0 --reproducible --quiet)
    dev_archive
} | gzip -9 -n > "$tmp"
mv "$tmp" "$out"
echo "$sig" > "$sigfile"
log "wrote $out ($(du -h "$out" | cut -f1); staging tree $stage)"
echo "$out"
