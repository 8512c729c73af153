/*
 * The operating-system calls the Swift side of libAllocatorsMalloc makes,
 * as inline wrappers so that Embedded Swift imports plain functions and no
 * C library macro. None of them allocates.
 */
#ifndef ALLOCATORS_MALLOC_SYSTEM_H
#define ALLOCATORS_MALLOC_SYSTEM_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Maps `size` bytes of address space, readable and writable: the kernel
 * gives a page its memory when it is first touched, and it reads as zero.
 * `accounted`: checked against the kernel's overcommit policy (as glibc's
 * own mappings are, so a request no machine could hold is refused);
 * otherwise MAP_NORESERVE (not counted against the commit limit, except in
 * the strict mode, which ignores the flag). Null when the kernel refuses. */
static inline void *allocators_malloc_map(size_t size, bool accounted) {
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | (accounted ? 0 : MAP_NORESERVE);
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, flags, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Unmaps a range mapped by allocators_malloc_map. */
static inline void allocators_malloc_unmap(void *start, size_t size) {
    (void)munmap(start, size);
}

/* Reserves `size` bytes of address space, inaccessible and not counted
 * against the commit limit; null when the kernel refuses. */
static inline void *allocators_malloc_reserve(size_t size) {
    void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* Makes reserved pages readable and writable (they read as zero until
 * written); 0 on success. */
static inline int allocators_malloc_commit(void *start, size_t size) {
    return mprotect(start, size, PROT_READ | PROT_WRITE);
}

/* Gives the physical pages of a mapped range back to the kernel: they
 * stay mapped and read as zero on the next touch. */
static inline void allocators_malloc_release_pages(void *start, size_t size) {
    (void)madvise(start, size, MADV_DONTNEED);
}

/* The page size of the running system. */
static inline size_t allocators_malloc_page_size(void) {
    return (size_t)sysconf(_SC_PAGESIZE);
}

/* Writes `message` to standard error and stops the program. */
static inline __attribute__((noreturn)) void allocators_malloc_fail(const char *message) {
    (void)!write(STDERR_FILENO, message, strlen(message));
    abort();
}

#endif
