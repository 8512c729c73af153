/*
 * The two functions Embedded Swift needs from its platform, defined here
 * because Swift reserves the name `free` to its runtime: each forwards to the
 * Swift implementation in EmbeddedHeap.swift (a TLSF pool in a static buffer).
 */
#include <stddef.h>

int embedded_heap_posix_memalign(void **result, size_t alignment, size_t size);
void embedded_heap_free(void *pointer);

int posix_memalign(void **result, size_t alignment, size_t size) {
    return embedded_heap_posix_memalign(result, alignment, size);
}

void free(void *pointer) {
    embedded_heap_free(pointer);
}
