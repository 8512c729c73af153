/*
 * allocators.h: the C interface of the Allocators package.
 *
 * A TLSF heap (two-level segregated fit: O(1) allocation and free, immediate
 * coalescing) over a buffer the caller provides. The heap's control structure
 * lives at the start of the buffer; nothing else is allocated. Link with
 * -lAllocatorsC.
 *
 * Guarantees: every pointer returned is aligned to the requested alignment
 * and to at least 2 * sizeof(void *) (like malloc); it lies inside the
 * buffers given to the heap and overlaps no other live block. A failed call
 * returns NULL (or a non-zero code) and changes nothing. Freeing a pointer
 * that is not a live block of the heap (double free, foreign or interior
 * pointer, a pointer between two buffers) stops the program with a message
 * instead of corrupting the heap. A block costs its TLSF header only (one
 * 2 * sizeof(void *) granule): aligned requests add just their alignment gap.
 *
 * Thread safety: none. A heap is used by one thread at a time; guard it with
 * a lock (or run it per thread) otherwise.
 */
#ifndef ALLOCATORS_H
#define ALLOCATORS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A TLSF heap; opaque. */
typedef struct allocators_heap allocators_heap;

/* Statistics of a heap, in bytes. used + available == total. */
typedef struct allocators_statistics {
    size_t total_bytes;     /* managed, the allocator's bookkeeping included */
    size_t used_bytes;      /* given out to live blocks, headers included */
    size_t available_bytes; /* total_bytes - used_bytes */
} allocators_statistics;

/* Makes a heap over memory[0 ..< size]; the memory must stay valid and
 * untouched by the caller until the heap is no longer used. Returns NULL when
 * the buffer is too small for the heap's bookkeeping. */
allocators_heap *allocators_tlsf_create(void *memory, size_t size);

/* Adds memory[0 ..< size] to the heap. Returns 0, or -1 when the region is
 * too small or overlaps memory the heap already manages. */
int allocators_add_memory(allocators_heap *heap, void *memory, size_t size);

/* malloc: size bytes aligned to 2 * sizeof(void *), or NULL when the heap
 * has no room. A zero size gives a unique pointer, to be freed. */
void *allocators_malloc(allocators_heap *heap, size_t size);

/* aligned_alloc: size bytes aligned to alignment (a power of two), or NULL
 * when the alignment is not a power of two or the heap has no room. */
void *allocators_aligned_alloc(allocators_heap *heap, size_t alignment, size_t size);

/* realloc: resizes the block at pointer (NULL: allocates), keeping its
 * contents up to the smaller size: in place when the block can shrink or grow
 * into a free neighbour, else moved to a block aligned as the old address is
 * (up to 4096 bytes). A zero size frees the block and returns NULL. On failure
 * returns NULL and the block is unchanged. */
void *allocators_realloc(allocators_heap *heap, void *pointer, size_t size);

/* free: frees a block from this heap; NULL does nothing. */
void allocators_free(allocators_heap *heap, void *pointer);

/* The usable size of a live block: at least the size it was allocated (or
 * resized) with, less than 2 * 2 * sizeof(void *) bytes more. */
size_t allocators_usable_size(const allocators_heap *heap, void *pointer);

/* Fills *statistics. */
void allocators_get_statistics(const allocators_heap *heap, allocators_statistics *statistics);

/* Walks the heap's structure; returns 0 when it is consistent, -1 otherwise
 * (which would be a bug in the allocator). */
int allocators_check(const allocators_heap *heap);

#ifdef __cplusplus
}
#endif

#endif /* ALLOCATORS_H */
