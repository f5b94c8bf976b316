# /bench/run.sh: the guest side of scripts/bench-guest.sh, packed into
# roms/cache/initramfs-bench.cpio.gz by roms/build-guest-bench.sh and run by
# /init when the kernel command line has mimic.cmd=/bench/run.sh (the machine
# powers off when this script ends).
#
# Kernel command line options read here:
#   mimic.bench.pct=P        run each program at P% of its default reps
#                            (default 100; the checksum does not depend on P)
#   mimic.bench.only=a,b     run only these programs (default: all)
# Each program prints one line "BENCH name seconds checksum reps default-reps".
pct=100
only="int mem branch fp"
set -f
for arg in $(cat /proc/cmdline); do
    case "$arg" in
        mimic.bench.pct=*)  pct=${arg#mimic.bench.pct=} ;;
        mimic.bench.only=*) only=$(echo "${arg#mimic.bench.only=}" | tr , ' ') ;;
    esac
done
set +f
echo "BENCH-START pct=$pct programs: $only"
for p in $only; do
    if [ -x "/bench/$p" ]; then
        "/bench/$p" "$pct" || echo "BENCH-ERROR $p exited with status $?"
    else
        echo "BENCH-ERROR $p: no /bench/$p"
    fi
done
echo BENCH-DONE
