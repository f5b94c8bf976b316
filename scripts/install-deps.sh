#!/usr/bin/env bash
# Installs the Debian packages mimic's build and tests use (idempotent).
set -euo pipefail
pkgs=(cmake gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf device-tree-compiler)
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
