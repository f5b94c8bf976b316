#!/usr/bin/env bash
# Runs RISCOF over mimic's own arch-test-style suite (riscof/suite) with
# mimic as the device under test and Debian's qemu-system-riscv64 as the
# reference, and fails unless every test in the suite ran and its
# signature matched.
#
# Usage: riscof/run.sh [WORK_DIR]     (default: target/riscof-work)
# Environment:
#   RISCOF=PATH          the riscof command (default: riscof on PATH, else
#                        ~/.cache/mimic/riscof-venv/bin/riscof, which
#                        scripts/install-deps.sh installs)
#   MIMIC=PATH           the mimic binary (default target/release/mimic)
#   MIMIC_RISCOF_ENGINE  interp | jit | jit-audit (default: config.ini's;
#                        read by riscof_mimic.py)
# Exit status: 0 all passed; 1 a mismatch or a test that did not run;
# 127 riscof is not installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$(realpath -m "${1:-$root/target/riscof-work}")
riscof=${RISCOF:-}
venv=${MIMIC_RISCOF_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mimic/riscof-venv}
if [ -z "$riscof" ]; then
    if command -v riscof >/dev/null; then riscof=riscof
    elif [ -x "$venv/bin/riscof" ]; then riscof=$venv/bin/riscof
    else
        echo "run.sh: riscof not found (bash scripts/install-deps.sh installs it in $venv)" >&2
        exit 127
    fi
fi
export MIMIC=${MIMIC:-$root/target/release/mimic}
[ -x "$MIMIC" ] || { echo "run.sh: $MIMIC not found (cargo build --release)" >&2; exit 1; }

# RISCOF asks git about the suite's repository when it lies inside one, and
# fails on a clone without a remote: give it a copy outside the tree.
rm -rf "$work"
mkdir -p "$work"
cp -r "$here/suite" "$work/suite"
cp -r "$here/env" "$work/env"
config=$here/config.ini
log=$work/riscof.log
status=0
"$riscof" run --no-browser --config "$config" --suite "$work/suite" --env "$work/env" \
    --work-dir "$work/riscof_work" > "$log" 2>&1 || status=$?

# The result lines ("TEST : COMMIT : STATUS"), without the log's colours.
results=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E ' : (Passed|Failed) *$' | sed 's/^.*| *//' || true)
expected=$(find "$work/suite" -name '*.S' | wc -l)
passed=$(grep -c ': Passed' <<<"$results" || true)
failed=$(grep -c ': Failed' <<<"$results" || true)
[ -n "$results" ] && echo "$results"
echo "riscof: $passed passed, $failed failed ($expected tests in the suite); log: $log"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -ne "$expected" ]; then
    [ "$status" -ne 0 ] && echo "run.sh: riscof exited with status $status" >&2
    [ "$passed" -ne "$expected" ] && echo "run.sh: only $passed of $expected tests passed" >&2
    sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E 'ERROR|Error|error:' | head -40 >&2 || true
    exit 1
fi
