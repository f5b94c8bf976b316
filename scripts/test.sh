#!/usr/bin/env bash
# Runs all of mimic's tests: unit tests, decoder tests, and every test
# program under roms/ (built with Debian's riscv64-unknown-elf toolchain).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --release "$@"
