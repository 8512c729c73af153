#include "bench_clock.h"
