/* The fitting working set only (see tlb.inc). */
#define NO_THRASH
#include "tlb.inc"
