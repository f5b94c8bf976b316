/* Setup only: the baseline scripts/bench-tlb.sh subtracts. */
#define NO_FIT
#define NO_THRASH
#include "tlb.inc"
