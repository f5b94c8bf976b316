# QEMU 7.2 lets CSRRS/CSRRC with rs1 != x0 read a read-only CSR when
# the register holds zero; such an instruction writes the CSR, so on a
# read-only CSR it must raise illegal instruction.
#
# Spec: unprivileged ISA, "Zicsr", section "CSR Instructions": table
# "Conditions determining whether a CSR instruction reads or writes the
# specified CSR" (CSRRS/CSRRC with rs1 != x0: writes CSR "Yes"); "For
# both CSRRS and CSRRC, if rs1=x0, then the instruction will not write
# to the CSR at all, and so shall not cause any of the side effects that
# might otherwise occur on a CSR write, nor raise illegal-instruction
# exceptions on accesses to read-only CSRs. ... Note that if rs1
# specifies a register other than x0, and that register holds a zero
# value, the instruction will not action any attendant per-field side
# effects, but will action any side effects caused by writing to the
# entire CSR." Privileged ISA, "CSR Address Mapping Conventions":
# "Attempts to access a CSR without appropriate privilege level or to
# write a read-only register also raise illegal-instruction exceptions."
#
# mimic: two illegal-instruction traps (mcause 2), x7 and x9 unchanged.
# QEMU 7.2: no trap; x7 = mhartid (0), x9 = the cycle counter.
li x6, 0
li x7, 0x1234
csrrs x7, mhartid, x6
li x9, 0x5678
csrrc x9, cycle, x6
