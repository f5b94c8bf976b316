#define NHARTS 4
#include "stress.inc"
