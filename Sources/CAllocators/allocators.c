/* The declarations of allocators.h are implemented in Swift (AllocatorsC);
 * this file only makes the header a C target that Swift can import. */
#include "allocators.h"
