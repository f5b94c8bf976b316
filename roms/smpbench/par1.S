#define NHARTS 1
#include "par.inc"
