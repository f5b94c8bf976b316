# QEMU 7.2 reports a misaligned AMO as a load-address-misaligned
# exception (mcause 4); an AMO's address-misaligned exception is the
# store/AMO one (mcause 6).
#
# Spec: unprivileged ISA, "A" Standard Extension for Atomic
# Instructions, section "Atomic Memory Operations": "For AMOs, the A
# extension requires that the address held in rs1 be naturally aligned
# to the size of the operand ... If the address is not naturally
# aligned, an address-misaligned exception or an access-fault exception
# will be generated." Privileged ISA, "Machine Cause Register (mcause)",
# table of mcause values after trap: 4 = "Load address misaligned",
# 6 = "Store/AMO address misaligned".
#
# mimic: mcause 6, mtval = the address, rd unchanged, memory unchanged.
# QEMU 7.2: mcause 4.
addi x5, x8, 3
li x6, 0x1234
amoadd.w x6, x7, (x5)
addi x9, x8, 4
li x10, 0x5678
amoswap.d x10, x7, (x9)
