#include "bench_callgrind.h"
