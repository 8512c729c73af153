/*
 * The C allocation API of libAllocatorsMalloc: each function takes the heap
 * lock, calls its Swift implementation (MallocAPI.swift), releases the lock,
 * and then sets errno or stops the program on an invalid free. Defined here
 * because Swift reserves the name `free` to its runtime.
 *
 * The lock: a futex mutex (0 free, 1 held, 2 held with waiters), skipped
 * while glibc says the process has one thread (__libc_single_threaded,
 * glibc >= 2.32): only a thread of the process can create another one, and
 * no thread is created while a call runs, so a call that starts
 * single-threaded ends so. Held across fork (pthread_atfork) so that the
 * child's heap is never caught half-changed.
 *
 * Nothing here allocates: the errors are written with write(2).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/single_threaded.h>
#include <sys/syscall.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

void *allocators_malloc_malloc(size_t size, int *error);
void allocators_malloc_free(void *pointer, int *error);
void *allocators_malloc_calloc(size_t count, size_t size, int *error);
void *allocators_malloc_realloc(void *pointer, size_t size, int *error);
void *allocators_malloc_reallocarray(void *pointer, size_t count, size_t size, int *error);
void *allocators_malloc_memalign(size_t alignment, size_t size, int *error);
int allocators_malloc_posix_memalign(void **result, size_t alignment, size_t size);
void *allocators_malloc_valloc(size_t size, int *error);
void *allocators_malloc_pvalloc(size_t size, int *error);
size_t allocators_malloc_usable_size(void *pointer);

/* MallocStatus.invalidPointer */
#define INVALID_POINTER (-1)

static atomic_int heap_lock;

static void futex(atomic_int *word, int op, int value) {
    syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, value, NULL, NULL, 0);
}

static __attribute__((noinline)) void lock_contended(void) {
    for (int spin = 0; spin < 100; spin++) {
        int expected = 0;
        if (atomic_load_explicit(&heap_lock, memory_order_relaxed) == 0 &&
            atomic_compare_exchange_weak_explicit(&heap_lock, &expected, 1, memory_order_acquire, memory_order_relaxed))
            return;
        __builtin_ia32_pause();
    }
    while (atomic_exchange_explicit(&heap_lock, 2, memory_order_acquire) != 0) futex(&heap_lock, FUTEX_WAIT, 2);
}

#ifdef ALLOCATORS_MALLOC_COUNT_CONTENTION
/* Measurement build (make malloc-contention): how often the lock is taken
 * and how often it was already held, written to stderr at exit. */
static atomic_ulong locked_calls, contended_calls;
#define COUNT(counter) atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed)
__attribute__((destructor)) static void report_contention(void) {
    char text[128];
    unsigned long locked = atomic_load(&locked_calls), contended = atomic_load(&contended_calls);
    if (locked == 0) return;
    int n = 0;
    const char *prefix = "AllocatorsMalloc lock: ";
    while (prefix[n]) { text[n] = prefix[n]; n++; }
    unsigned long values[2] = {locked, contended};
    for (int v = 0; v < 2; v++) {
        char digits[24];
        int d = 0;
        do { digits[d++] = (char)('0' + values[v] % 10); values[v] /= 10; } while (values[v]);
        while (d) text[n++] = digits[--d];
        const char *suffix = v == 0 ? " locked calls, " : " contended\n";
        for (int i = 0; suffix[i]; i++) text[n++] = suffix[i];
    }
    (void)!write(STDERR_FILENO, text, (size_t)n);
}
#else
#define COUNT(counter) ((void)0)
#endif

static inline void lock(void) {
    int expected = 0;
    COUNT(locked_calls);
    if (!atomic_compare_exchange_strong_explicit(&heap_lock, &expected, 1, memory_order_acquire, memory_order_relaxed)) {
        COUNT(contended_calls);
        lock_contended();
    }
}

static inline void unlock(void) {
    if (atomic_exchange_explicit(&heap_lock, 0, memory_order_release) == 2) futex(&heap_lock, FUTEX_WAKE, 1);
}

#ifdef ALLOCATORS_MALLOC_ALWAYS_LOCK
#define LOCKED(call)                                                                                                   \
    do {                                                                                                               \
        lock();                                                                                                        \
        call;                                                                                                          \
        unlock();                                                                                                      \
    } while (0)
#else
#define LOCKED(call)                                                                                                   \
    do {                                                                                                               \
        bool locks = !__libc_single_threaded;                                                                          \
        if (locks) lock();                                                                                             \
        call;                                                                                                          \
        if (locks) unlock();                                                                                           \
    } while (0)
#endif

static void fork_prepare(void) { lock(); }
static void fork_parent(void) { unlock(); }
static void fork_child(void) {
    atomic_store_explicit(&heap_lock, 0, memory_order_relaxed);
#ifdef ALLOCATORS_MALLOC_COUNT_CONTENTION
    atomic_store(&locked_calls, 0); /* the child counts its own */
    atomic_store(&contended_calls, 0);
#endif
}

/* Runs when the library is loaded, after any allocation that came before
 * it (the heap sets itself up on first use); pthread_atfork may allocate,
 * which is fine here, outside any call. */
__attribute__((constructor)) static void register_fork_handlers(void) {
    pthread_atfork(fork_prepare, fork_parent, fork_child);
}

/* Embedded Swift's print, which the library's corruption messages use just
 * before they stop the program, writes through putchar; `make malloc`
 * renames that reference to this, which writes to standard error with no
 * stdio buffer (stdout's would come from malloc). */
__attribute__((cold)) int allocators_malloc_putchar(int character) {
    unsigned char byte = (unsigned char)character;
    (void)!write(STDERR_FILENO, &byte, 1);
    return character;
}

static __attribute__((noreturn, noinline, cold)) void invalid_pointer(const char *message, size_t length) {
    (void)!write(STDERR_FILENO, message, length);
    abort();
}
#define INVALID(function) invalid_pointer(function "(): invalid pointer\n", sizeof(function "(): invalid pointer\n") - 1)

/* The body of an allocating function: `call` under the lock, with `error`
 * in scope; errno set on failure, an invalid pointer stops the program. */
#define ALLOCATING(function, call)                                                                                     \
    do {                                                                                                               \
        int error = 0;                                                                                                 \
        void *result;                                                                                                  \
        LOCKED(result = call);                                                                                         \
        if (__builtin_expect(error != 0, 0)) {                                                                         \
            if (error == INVALID_POINTER) INVALID(function);                                                           \
            errno = error;                                                                                             \
        }                                                                                                              \
        return result;                                                                                                 \
    } while (0)

EXPORT void *malloc(size_t size) { ALLOCATING("malloc", allocators_malloc_malloc(size, &error)); }

EXPORT void free(void *pointer) {
    if (pointer == NULL) return;
    int error = 0;
    LOCKED(allocators_malloc_free(pointer, &error));
    if (__builtin_expect(error != 0, 0)) INVALID("free");
}

EXPORT void *calloc(size_t count, size_t size) { ALLOCATING("calloc", allocators_malloc_calloc(count, size, &error)); }

EXPORT void *realloc(void *pointer, size_t size) { ALLOCATING("realloc", allocators_malloc_realloc(pointer, size, &error)); }

EXPORT void *reallocarray(void *pointer, size_t count, size_t size) {
    ALLOCATING("realloc", allocators_malloc_reallocarray(pointer, count, size, &error));
}

EXPORT int posix_memalign(void **result, size_t alignment, size_t size) {
    int error;
    LOCKED(error = allocators_malloc_posix_memalign(result, alignment, size));
    return error;
}

EXPORT void *aligned_alloc(size_t alignment, size_t size) {
    ALLOCATING("aligned_alloc", allocators_malloc_memalign(alignment, size, &error));
}

EXPORT void *memalign(size_t alignment, size_t size) { ALLOCATING("memalign", allocators_malloc_memalign(alignment, size, &error)); }

EXPORT void *valloc(size_t size) { ALLOCATING("valloc", allocators_malloc_valloc(size, &error)); }

EXPORT void *pvalloc(size_t size) { ALLOCATING("pvalloc", allocators_malloc_pvalloc(size, &error)); }

EXPORT size_t malloc_usable_size(void *pointer) {
    size_t result;
    LOCKED(result = allocators_malloc_usable_size(pointer));
    return result;
}
