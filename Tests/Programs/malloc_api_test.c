/*
 * The C API test of libAllocatorsMalloc: glibc's conventions for every
 * function (sizes 0, null, bad alignments, overflow; malloc(3) and
 * posix_memalign(3)), contents kept by realloc, alignment of every block,
 * several threads at once (seeded: MALLOC_TEST_SEED, printed), fork from a
 * threaded process, and the error paths: an invalid free or realloc (double,
 * interior, foreign) must stop the process (SIGABRT) with
 * "free(): invalid pointer" / "realloc(): invalid pointer" on stderr; a
 * large block's pages go back to the kernel when it is freed; a request
 * larger than the machine fails.
 *
 * Built twice: linked against libAllocatorsMalloc.so (the library's test;
 * it checks that its malloc is the library's), and plain, run on glibc, which
 * checks the conventions themselves (glibc's messages differ, so only the
 * abort is required there). Prints "N passed, N failed".
 *
 * Build with -fno-builtin: clang otherwise assumes that the allocation
 * functions leave errno alone and folds the errno checks away.
 *
 * Two documented conventions that glibc 2.36 itself does not follow are
 * checked on the library only: posix_memalign leaves errno alone, and
 * aligned_alloc and memalign refuse an alignment that is not a power of two
 * (EINVAL; glibc 2.36 rounds it up).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int passed, failed;
static int ours; /* malloc is libAllocatorsMalloc's */

#define CHECK(condition)                                                                                               \
    do {                                                                                                               \
        if (condition) {                                                                                               \
            passed++;                                                                                                  \
        } else {                                                                                                       \
            failed++;                                                                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition);                             \
        }                                                                                                              \
    } while (0)

static uint64_t next_random(uint64_t *state) { /* SplitMix64 */
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static int aligned(const void *p, size_t alignment) { return ((uintptr_t)p & (alignment - 1)) == 0; }

/* Bytes resident in the process (/proc/self/statm), 0 when unknown. */
static size_t resident_bytes(void) {
    char text[128] = {0};
    int fd = open("/proc/self/statm", O_RDONLY);
    if (fd < 0) return 0;
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    unsigned long size, resident;
    if (n <= 0 || sscanf(text, "%lu %lu", &size, &resident) != 2) return 0;
    return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* The kernel's overcommit mode (/proc/sys/vm/overcommit_memory), -1 when unknown. */
static int overcommit_mode(void) {
    char text[8] = {0};
    int fd = open("/proc/sys/vm/overcommit_memory", O_RDONLY);
    if (fd < 0) return -1;
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    return n > 0 ? text[0] - '0' : -1;
}

/* Volatile so that the compiler keeps every call (it knows malloc's contract). */
static void *(*volatile do_malloc)(size_t) = malloc;
static void *(*volatile do_calloc)(size_t, size_t) = calloc;
static void *(*volatile do_realloc)(void *, size_t) = realloc;
static void (*volatile do_free)(void *) = free;

static void test_malloc_and_free(void) {
    void *a = do_malloc(0), *b = do_malloc(0);
    CHECK(a != NULL && b != NULL && a != b); /* malloc(0): unique pointers */
    do_free(a);
    do_free(b);
    do_free(NULL); /* nothing */
    for (size_t size = 1; size < 70000; size = size * 3 / 2 + 1) {
        unsigned char *p = do_malloc(size);
        CHECK(p != NULL && aligned(p, 16));
        memset(p, 0xAB, size);
        CHECK(malloc_usable_size(p) >= size);
        do_free(p);
    }
    errno = 0;
    CHECK(do_malloc((size_t)PTRDIFF_MAX + 1) == NULL && errno == ENOMEM);
    errno = 0;
    CHECK(do_malloc(SIZE_MAX) == NULL && errno == ENOMEM);
    CHECK(malloc_usable_size(NULL) == 0);
    /* A request no machine here could hold fails, as glibc's mmap of it
     * does, unless the kernel overcommits everything (mode 1). */
    if (overcommit_mode() == 0 || overcommit_mode() == 2) {
        errno = 0;
        CHECK(do_malloc((size_t)1 << 40) == NULL && errno == ENOMEM);
    }
    /* A large block, written whole, freed (its pages go back to the kernel:
     * the resident set falls by most of it), and again. */
    for (int round = 0; round < 3; round++) {
        unsigned char *big = do_malloc(64u << 20);
        CHECK(big != NULL && aligned(big, 16));
        memset(big, round, 64u << 20);
        CHECK(big[12345] == round && big[(64u << 20) - 1] == round);
        size_t written = resident_bytes();
        do_free(big);
        size_t freed = resident_bytes();
        CHECK(written != 0 && freed + (48u << 20) <= written);
    }
    /* 64 MiB in small blocks, written and freed: the free memory they
     * leave goes back to the kernel (the resident set falls by at least
     * half of it), and again. */
    enum { SMALL = 1000, SMALL_COUNT = (64u << 20) / SMALL };
    static unsigned char *small[SMALL_COUNT];
    for (int round = 0; round < 2; round++) {
        int allocated = 1;
        for (size_t i = 0; allocated && i < SMALL_COUNT; i++) {
            small[i] = do_malloc(SMALL);
            allocated = small[i] != NULL;
            if (allocated) memset(small[i], round + 1, SMALL);
        }
        CHECK(allocated);
        if (!allocated) return;
        size_t written = resident_bytes();
        for (size_t i = 0; i < SMALL_COUNT; i++) do_free(small[i]);
        size_t freed = resident_bytes();
        CHECK(written != 0 && freed + (32u << 20) <= written);
    }
}

static void test_calloc(void) {
    /* A block dirtied and freed, then the same size by calloc: zeroed. */
    for (size_t size = 8; size <= (4u << 20); size *= 4) {
        unsigned char *dirty = do_malloc(size);
        memset(dirty, 0x5A, size);
        do_free(dirty);
        unsigned char *clean = do_calloc(1, size);
        int zero = clean != NULL;
        for (size_t i = 0; zero && i < size; i++) zero = clean[i] == 0;
        CHECK(zero);
        do_free(clean);
    }
    errno = 0;
    CHECK(do_calloc(SIZE_MAX / 2, 3) == NULL && errno == ENOMEM); /* overflow */
    errno = 0;
    CHECK(do_calloc((size_t)1 << 40, (size_t)1 << 40) == NULL && errno == ENOMEM);
    void *zero = do_calloc(0, 16);
    CHECK(zero != NULL);
    do_free(zero);
}

static void test_realloc(void) {
    unsigned char *p = do_realloc(NULL, 100); /* realloc(NULL, n) = malloc(n) */
    CHECK(p != NULL);
    for (int i = 0; i < 100; i++) p[i] = (unsigned char)i;
    size_t sizes[] = {200, 50, 5000, 100000, 3000000, 70, 17};
    size_t kept = 100;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        p = do_realloc(p, sizes[s]);
        CHECK(p != NULL && aligned(p, 16));
        size_t check = kept < sizes[s] ? kept : sizes[s];
        int same = 1;
        for (size_t i = 0; i < check; i++) same &= p[i] == (unsigned char)(i * 7 % 251) || (kept == 100 && s == 0 && p[i] == (unsigned char)i);
        if (s == 0) {
            for (size_t i = 0; i < 100; i++) same &= p[i] == (unsigned char)i;
        }
        CHECK(same);
        for (size_t i = 0; i < sizes[s]; i++) p[i] = (unsigned char)(i * 7 % 251);
        kept = sizes[s];
    }
    errno = 0;
    CHECK(do_realloc(p, (size_t)PTRDIFF_MAX + 1) == NULL && errno == ENOMEM);
    CHECK(p[16] == (unsigned char)(16 * 7 % 251)); /* unchanged on failure */
    errno = 0;
    CHECK(reallocarray(p, SIZE_MAX / 4, 8) == NULL && errno == ENOMEM);
    CHECK(p[3] == 21);
    p = reallocarray(p, 1000, 8);
    CHECK(p != NULL && p[3] == 21);
    CHECK(do_realloc(p, 0) == NULL); /* frees, like glibc */
}

static void test_aligned(void) {
    void *p = (void *)0x1234, *q = p;
    errno = 0;
    CHECK(posix_memalign(&p, 3, 16) == EINVAL && p == q);           /* not a power of two */
    CHECK(posix_memalign(&p, 4, 16) == EINVAL && p == q);           /* not a multiple of sizeof(void *) */
    CHECK(posix_memalign(&p, 0, 16) == EINVAL && p == q);
    CHECK(posix_memalign(&p, 64, SIZE_MAX - 100) == ENOMEM && p == q);
    if (ours) CHECK(errno == 0); /* posix_memalign does not set errno */
    for (size_t alignment = 8; alignment <= (1u << 21); alignment *= 2) {
        CHECK(posix_memalign(&p, alignment, 100) == 0 && aligned(p, alignment));
        memset(p, 1, 100);
        do_free(p);
    }
    CHECK(posix_memalign(&p, 256, 0) == 0 && p != NULL);
    do_free(p);
    volatile size_t three = 3, forty_eight = 48;
    if (ours) {
        errno = 0;
        CHECK(aligned_alloc(three, 16) == NULL && errno == EINVAL);
        errno = 0;
        CHECK(memalign(forty_eight, 16) == NULL && errno == EINVAL);
    }
    p = aligned_alloc(64, 128);
    CHECK(p != NULL && aligned(p, 64));
    do_free(p);
    p = memalign(1u << 20, 10);
    CHECK(p != NULL && aligned(p, 1u << 20));
    p = do_realloc(p, 100000); /* an aligned block resizes like any other */
    CHECK(p != NULL && aligned(p, 16));
    do_free(p);
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    p = valloc(10);
    CHECK(p != NULL && aligned(p, page));
    do_free(p);
    p = pvalloc(page + 1);
    CHECK(p != NULL && aligned(p, page) && malloc_usable_size(p) >= 2 * page);
    do_free(p);
    errno = 0;
    CHECK(pvalloc(SIZE_MAX - 10) == NULL && errno == ENOMEM);
    errno = 0;
    CHECK(valloc(SIZE_MAX - 10) == NULL && errno == ENOMEM);
}

/* Threads: each keeps a window of blocks, each block filled with its own
 * tag, checks the tags before freeing, and reallocates some. */
struct worker {
    uint64_t seed;
    int broken;
};

static void *work(void *argument) {
    struct worker *w = argument;
    enum { slots = 256 };
    unsigned char *blocks[slots] = {0};
    size_t sizes[slots] = {0};
    for (int step = 0; step < 40000; step++) {
        int i = (int)(next_random(&w->seed) % slots);
        if (blocks[i]) {
            for (size_t k = 0; k < sizes[i]; k++) w->broken |= blocks[i][k] != (unsigned char)(i ^ sizes[i]);
            if (step % 5 == 0) {
                size_t size = 1 + next_random(&w->seed) % 3000;
                size_t keep = size < sizes[i] ? size : sizes[i];
                blocks[i] = do_realloc(blocks[i], size);
                for (size_t k = 0; k < keep; k++) w->broken |= blocks[i][k] != (unsigned char)(i ^ sizes[i]);
                sizes[i] = size;
                memset(blocks[i], (unsigned char)(i ^ size), size);
                continue;
            }
            do_free(blocks[i]);
            blocks[i] = NULL;
        } else {
            size_t size = 1 + next_random(&w->seed) % (step % 100 == 0 ? 300000 : 2000);
            blocks[i] = do_malloc(size);
            w->broken |= blocks[i] == NULL || !aligned(blocks[i], 16);
            sizes[i] = size;
            memset(blocks[i], (unsigned char)(i ^ size), size);
        }
    }
    for (int i = 0; i < slots; i++) do_free(blocks[i]);
    return NULL;
}

static void test_threads(uint64_t seed) {
    enum { count = 4 };
    pthread_t threads[count];
    struct worker workers[count];
    for (int t = 0; t < count; t++) {
        workers[t] = (struct worker){.seed = seed + (uint64_t)t, .broken = 0};
        CHECK(pthread_create(&threads[t], NULL, work, &workers[t]) == 0);
    }
    /* fork while the others allocate: the child's heap must be usable. */
    pid_t child = fork();
    if (child == 0) {
        void *p = do_malloc(1000);
        memset(p, 1, 1000);
        do_free(p);
        _exit(0);
    }
    int status = 0;
    CHECK(child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    for (int t = 0; t < count; t++) {
        pthread_join(threads[t], NULL);
        CHECK(!workers[t].broken);
    }
}

/* Runs `action` in a child: it must die of SIGABRT, writing `message`
 * (checked when the malloc is ours) to stderr. */
static void expect_abort(void (*action)(void), const char *message) {
    int pipe_ends[2];
    if (pipe(pipe_ends) != 0) {
        CHECK(0);
        return;
    }
    pid_t child = fork();
    if (child == 0) {
        dup2(pipe_ends[1], STDERR_FILENO);
        close(pipe_ends[0]);
        action();
        _exit(0); /* not stopped: the check fails */
    }
    close(pipe_ends[1]);
    char text[512] = {0};
    size_t length = 0;
    ssize_t n;
    while (length < sizeof text - 1 && (n = read(pipe_ends[0], text + length, sizeof text - 1 - length)) > 0) length += (size_t)n;
    close(pipe_ends[0]);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
    if (ours) CHECK(strstr(text, message) != NULL);
}

static void double_free(void) {
    void *p = do_malloc(100);
    do_free(p);
    do_free(p);
}
static void double_free_large(void) {
    void *p = do_malloc(1u << 20);
    do_free(p);
    do_free(p);
}
static void interior_free(void) {
    char *p = do_malloc(100);
    do_free(p + 32);
}
static void interior_free_large(void) { /* a page into a run of whole pages */
    char *p = do_malloc(1u << 20);
    do_free(p + 4096);
}
static void foreign_free(void) {
    static char not_from_malloc[64] __attribute__((aligned(16)));
    do_free(not_from_malloc + 16);
}
static void invalid_realloc(void) {
    char *p = do_malloc(100);
    do_free(p);
    p = do_realloc(p, 200);
}

int main(void) {
    Dl_info info;
    ours = dladdr((void *)do_malloc, &info) && info.dli_fname && strstr(info.dli_fname, "libAllocatorsMalloc");
    const char *seed_text = getenv("MALLOC_TEST_SEED");
    uint64_t seed = seed_text ? strtoull(seed_text, NULL, 0) : 20240611;
    printf("malloc API test: malloc from %s, seed %llu (MALLOC_TEST_SEED)\n", ours ? "libAllocatorsMalloc" : "the C library",
           (unsigned long long)seed);
    test_malloc_and_free();
    test_calloc();
    test_realloc();
    test_aligned();
    test_threads(seed);
    /* glibc's own messages for these: "free(): double free detected in tcache 2", ... */
    expect_abort(double_free, "free(): invalid pointer");
    expect_abort(double_free_large, "free(): invalid pointer");
    expect_abort(interior_free, "free(): invalid pointer");
    if (ours) expect_abort(interior_free_large, "free(): invalid pointer"); /* glibc reads zeros as a header, and goes on */
    expect_abort(foreign_free, "free(): invalid pointer");
    expect_abort(invalid_realloc, "realloc(): invalid pointer");
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
