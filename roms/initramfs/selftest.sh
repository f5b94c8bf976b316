# A non-interactive check, run with the kernel option
#   mimic.cmd=/etc/mimic/selftest.sh
# (the machine powers off when it ends). Prints MIMIC-SELFTEST-DONE last.
echo "== uname"; uname -a
echo "== cpuinfo"; cat /proc/cpuinfo
echo "== memory"; grep -E 'MemTotal|MemFree' /proc/meminfo
echo "== modules"; lsmod
echo "== block devices"; ls /sys/block
echo MIMIC-SELFTEST-DONE
