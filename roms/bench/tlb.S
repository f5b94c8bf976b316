/* Both phases of tlb.inc. */
#include "tlb.inc"
