# QEMU 7.2 computes CTZW of a register whose least-significant word is
# zero, but whose upper word is not, as the trailing-zero count of the
# whole doubleword (here 51 and 48); it is 32.
#
# Spec: RISC-V Bit-Manipulation ISA-extensions 1.0.0, Zbb, "ctzw: Count
# trailing zero bits in word": "This instruction counts the number of
# 0's before the first 1 starting at the least-significant bit (i.e.,
# bit 0) and progressing to higher order bits up to bit 31. Accordingly,
# if the least-significant word is 0, the output is 32". (The unprivileged
# ISA's "B" chapter carries the same text.)
#
# mimic: x9 = x10 = 32, x11 = 4. QEMU 7.2: x9 = 51, x10 = 48.
li x4, 0x0008000000000000
ctzw x9, x4
li x5, 0xffff000000000000
ctzw x10, x5
li x6, 0xffff000000000010
ctzw x11, x6
