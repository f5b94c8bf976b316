# QEMU 7.2 lets a store-conditional to a misaligned address fail
# silently (rd = 1, no exception) when it holds no reservation for that
# address; the misaligned address must raise an exception.
#
# Spec: unprivileged ISA, "A" Standard Extension for Atomic
# Instructions, section "Load-Reserved/Store-Conditional Instructions":
# "For LR and SC, the A extension requires that the address held in rs1
# be naturally aligned to the size of the operand ... If the address is
# not naturally aligned, an address-misaligned exception or an
# access-fault exception will be generated." The requirement does not
# depend on the reservation. An SC's misaligned exception is the
# store/AMO one (privileged ISA, mcause table: 6 = "Store/AMO address
# misaligned").
#
# mimic: mcause 6 with mtval = the address for both, rd unchanged.
# QEMU 7.2: no trap, rd = 1 for both.
addi x5, x8, 2
li x6, 0x1234
sc.w x6, x7, (x5)
addi x9, x8, 4
li x10, 0x5678
sc.d x10, x7, (x9)
