#!/usr/bin/env bash
# Installs the Debian packages mimic's build and tests use (idempotent).
set -euo pipefail
# cmake: softfloat-sys; riscv64-unknown-elf: roms/; cpio, kmod, xz-utils,
# e2fsprogs: the guest images roms/ fetches and builds; opensbi: the
# --bios fallback; qemu-system-misc: the peer in benchmarks and oracle.
pkgs=(cmake gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf device-tree-compiler
      cpio kmod xz-utils e2fsprogs opensbi qemu-system-misc)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
