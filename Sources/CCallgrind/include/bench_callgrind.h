#ifndef BENCH_CALLGRIND_H
#define BENCH_CALLGRIND_H

/// Callgrind's client requests for the instruction mode of allocators-bench,
/// compiled from Debian's valgrind/callgrind.h when it is installed. Without
/// it they do nothing and bench_callgrind_available() is 0, so the package
/// builds without valgrind; the instruction mode then refuses to run.
///
/// Static inline, so they are compiled into the Swift code that calls them
/// (with its debug information, which valgrind 3.19 reads; it cannot read
/// the DWARF 5 that clang emits for a C file of its own).

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>

/// 1 when the requests below were compiled in, 0 when callgrind.h was absent.
static inline int bench_callgrind_available(void) { return 1; }

/// How many valgrinds the process runs under (0 natively).
static inline unsigned bench_running_on_valgrind(void) { return RUNNING_ON_VALGRIND; }

/// Opens a counted region: instrumentation on, counters zeroed, collection on.
/// Callgrind must run with --collect-atstart=no, so that collection is off
/// before this call and on after it.
static inline void bench_callgrind_begin(void) {
    CALLGRIND_START_INSTRUMENTATION;
    CALLGRIND_ZERO_STATS;
    CALLGRIND_TOGGLE_COLLECT;
}

/// Closes the region: collection off, the counters dumped to a new file whose
/// header names `label` ("desc: Trigger: Client Request: label"), then
/// instrumentation off so uncounted work runs at valgrind's base speed.
static inline void bench_callgrind_end(const char *label) {
    CALLGRIND_TOGGLE_COLLECT;
    CALLGRIND_DUMP_STATS_AT(label);
    CALLGRIND_STOP_INSTRUMENTATION;
}

#else

static inline int bench_callgrind_available(void) { return 0; }
static inline unsigned bench_running_on_valgrind(void) { return 0; }
static inline void bench_callgrind_begin(void) {}
static inline void bench_callgrind_end(const char *label) { (void)label; }

#endif

#endif
