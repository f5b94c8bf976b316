#!/usr/bin/env bash
# Builds roms/cache/rootfs.img, an ext4 root filesystem (label mimic-root),
# without root privileges (mke2fs -d copies a staging tree into the image):
#
#   /sbin/init                 roms/rootfs/init: prints MIMIC-ROOTFS-READY,
#                              runs a shell on the console, powers off after
#   /bin/busybox + applet links  Debian's static riscv64 busybox
#   /lib/modules/<kver>/...    the same modules as the initramfs (for modprobe)
#   /etc/mimic/selftest.sh     roms/initramfs/selftest.sh (for mimic.cmd=)
#
# Debian's kernel has virtio_blk and ext4 as modules, so the disk is booted
# through our initramfs: boot with
#   -initrd roms/cache/initramfs.cpio.gz -append "console=ttyS0 root=/dev/vda"
# and the initramfs /init loads the modules, mounts /dev/vda (rw unless the
# command line says ro) and switch_roots to its /sbin/init.
#
# Usage: roms/build-rootfs.sh [-f]   (-f: rebuild even if up to date; note a
#        boot that writes into the image does not count as out of date)
# Environment: MIMIC_ROOTFS_SIZE (default 64M), MIMIC_MODULES (guest-lib.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=guest-lib.sh
. "$here/guest-lib.sh"

force=0
[ "${1:-}" = -f ] && force=1
need mke2fs e2fsprogs
need debugfs e2fsprogs
guest_load_paths

size=${MIMIC_ROOTFS_SIZE:-64M}
out="$cache/rootfs.img"
sigfile="$cache/rootfs.sig"
sig=$( {
    for f in "$here/rootfs/init" "$here/initramfs/selftest.sh" "$here/guest-lib.sh" "$here/build-rootfs.sh" "$MIMIC_BUSYBOX" \
            "$cache/debian/$MIMIC_KERNEL_PKG/.mimic-unpacked-from"; do
        sha256sum < "$f"
    done
    echo "$MIMIC_KVER $MIMIC_MODULES $size $(id -u)"
    command -v qemu-riscv64-static qemu-riscv64 || true
} | sha256sum | cut -d' ' -f1)
if [ $force = 0 ] && [ -f "$out" ] && [ -f "$sigfile" ] && [ "$(cat "$sigfile")" = "$sig" ]; then
    log "$out is up to date"
    echo "$out"
    exit 0
fi

guest_resolve_modules
stage="$cache/rootfs"
rm -rf "$stage"
mkdir -p "$stage"/{dev,proc,sys,tmp,mnt,root,run,var/tmp,etc/mimic}
chmod 1777 "$stage/tmp" "$stage/var/tmp"
guest_install_busybox "$stage"
guest_install_modules "$stage"
install -m 0755 "$here/rootfs/init" "$stage/sbin/init"
install -m 0644 "$here/initramfs/selftest.sh" "$stage/etc/mimic/selftest.sh"
echo "root:x:0:0:root:/root:/bin/sh" > "$stage/etc/passwd"
echo "root:x:0:" > "$stage/etc/group"
echo "mimic-root" > "$stage/etc/hostname"
echo "mimic rootfs built by roms/build-rootfs.sh for $MIMIC_KVER" > "$stage/etc/mimic/release"

# Reproducible: fixed times and UUID.
epoch=$(stat -c %Y "$MIMIC_KERNEL_IMAGE")
find "$stage" -exec touch -h -d "@$epoch" {} +
tmp="$out.tmp"
rm -f "$tmp"
E2FSPROGS_FAKE_TIME=$epoch mke2fs -q -F -t ext4 -L mimic-root \
    -U 6d696d69-632d-726f-6f74-000000000001 \
    -E root_owner=0:0,hash_seed=6d696d69-632d-6861-7368-000000000001 \
    -d "$stage" "$tmp" "$size" >/dev/null || die "mke2fs -d $stage $tmp $size failed"

# mke2fs -d keeps the builder's uid/gid and the host files' ctimes (which
# cannot be set there): make every file root's and every ctime $epoch.
(cd "$stage" && find . -mindepth 1) | sed 's|^\.||' | { echo /; echo /lost+found; cat; } |
    awk -v t="@$epoch" '{ printf "sif \"%s\" uid 0\nsif \"%s\" gid 0\nsif \"%s\" ctime %s\n", $0, $0, $0, t }' \
    > "$cache/rootfs.debugfs"
E2FSPROGS_FAKE_TIME=$epoch debugfs -w -f "$cache/rootfs.debugfs" "$tmp" >/dev/null 2>"$cache/rootfs.debugfs.log" ||
    die "debugfs could not set owners/times in $tmp (see $cache/rootfs.debugfs.log)"
if grep -v '^debugfs ' "$cache/rootfs.debugfs.log" | grep -q .; then
    die "debugfs reported errors setting owners/times in $tmp (see $cache/rootfs.debugfs.log)"
fi
e2fsck -fn "$tmp" >/dev/null 2>&1 || die "e2fsck reports problems in $tmp"
mv "$tmp" "$out"
echo "$sig" > "$sigfile"
log "wrote $out ($size ext4, label mimic-root; staging tree $stage)"
echo "$out"
