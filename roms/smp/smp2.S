#define NHARTS 2
#include "stress.inc"
