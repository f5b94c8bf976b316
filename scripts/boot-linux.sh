#!/usr/bin/env bash
# Boots Linux in mimic to an interactive busybox shell, from nothing: on a
# fresh Debian machine with Rust, installs the Debian packages it needs
# (scripts/install-deps.sh), fetches Debian 13's riscv64 kernel and busybox
# from the archive the host already uses (roms/fetch-debian.sh), builds our
# initramfs and an ext4 disk image (roms/build-initramfs.sh,
# roms/build-rootfs.sh; all cached in roms/cache, so later runs start at
# once), builds mimic, and runs
#
#   mimic -m 512M --kernel vmlinux --initrd initramfs.cpio.gz \
#         --append console=ttyS0 --drive file=roms/cache/rootfs.img
#
# The shell is on this terminal; the disk is /dev/vda (`mount /dev/vda /mnt`;
# what you write there stays in roms/cache/rootfs.img). Leave with
# `poweroff -f`, or Ctrl-A x. Extra arguments go to mimic (e.g.
# --engine interp, --smp 2).
#
# Usage: bash scripts/boot-linux.sh [MIMIC OPTIONS...]
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "boot-linux.sh: $*" >&2; }

say "installing missing Debian packages (scripts/install-deps.sh)"
bash scripts/install-deps.sh
say "fetching Debian 13's riscv64 kernel and busybox (roms/fetch-debian.sh)"
bash roms/fetch-debian.sh >/dev/null
initrd=$(bash roms/build-initramfs.sh)
rootfs=$(bash roms/build-rootfs.sh)
# shellcheck source=/dev/null
. roms/cache/debian/paths.env
say "building mimic (cargo build --release)"
cargo build --release
say "booting $(basename "$MIMIC_KERNEL_IMAGE"); the shell prompt is 'mimic#'. Quit: poweroff -f, or Ctrl-A x"
exec ./target/release/mimic -m 512M --kernel "$MIMIC_KERNEL_IMAGE" --initrd "$initrd" \
    --append console=ttyS0 --drive "file=$rootfs" "$@"
