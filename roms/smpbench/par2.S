#define NHARTS 2
#include "par.inc"
