/* The thrashing working set only (see tlb.inc). */
#define NO_FIT
#include "tlb.inc"
