#!/usr/bin/env bash
# Installs the Debian packages mimic's build and tests use (idempotent).
set -euo pipefail
# cmake: softfloat-sys; riscv64-unknown-elf: roms/; cpio, kmod, xz-utils,
# e2fsprogs: the guest images roms/ fetches and builds; opensbi: the
# --bios fallback; qemu-system-misc: the peer in benchmarks and oracle, and
# RISCOF's reference; python3-venv, make: RISCOF (riscof/run.sh);
# gdb-multiarch: tests/gdb.rs drives the GDB stub with it.
pkgs=(cmake gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf device-tree-compiler
      cpio kmod xz-utils e2fsprogs opensbi qemu-system-misc python3-venv make gdb-multiarch)
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
# RISCOF (from PyPI) for riscof/run.sh and tests/riscof.rs, in a venv
# outside the work tree so CI runs on the same machine reuse it.
venv=${MIMIC_RISCOF_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mimic/riscof-venv}
if [ ! -x "$venv/bin/riscof" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check riscof==1.25.3
fi
