/*
 * The C interface test: a C program that uses allocators.h the way a C
 * caller would, over a buffer of its own. Seeded (ALLOCATORS_SEED), and
 * prints "N passed, N failed".
 */
#include "allocators.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

#define CHECK(condition)                                                       \
    do {                                                                       \
        if (condition) {                                                       \
            passed++;                                                          \
        } else {                                                               \
            failed++;                                                          \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #condition);                                               \
        }                                                                      \
    } while (0)

static uint64_t random_state;
static uint64_t next_random(void) { /* SplitMix64 */
    uint64_t z = (random_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

enum { POOL = 1 << 20, SLOTS = 256 };

struct block { unsigned char *pointer; size_t size, alignment; unsigned char tag; };

static int intact(const struct block *b) {
    for (size_t i = 0; i < b->size; i++) if (b->pointer[i] != b->tag) return 0;
    return 1;
}

static void test_basics(void) {
    static _Alignas(64) unsigned char memory[64 * 1024];
    CHECK(allocators_tlsf_create(memory, 16) == NULL);
    allocators_heap *heap = allocators_tlsf_create(memory, sizeof memory);
    CHECK(heap != NULL);
    allocators_statistics s;
    allocators_get_statistics(heap, &s);
    CHECK(s.total_bytes > 0 && s.total_bytes <= sizeof memory);
    CHECK(s.used_bytes == 0 && s.used_bytes + s.available_bytes == s.total_bytes);

    char *text = allocators_malloc(heap, 32);
    CHECK(text != NULL && (uintptr_t)text % (2 * sizeof(void *)) == 0);
    strcpy(text, "verified allocators");
    CHECK(allocators_usable_size(heap, text) == 32);
    text = allocators_realloc(heap, text, 4000);
    CHECK(text != NULL && strcmp(text, "verified allocators") == 0);

    void *aligned = allocators_aligned_alloc(heap, 4096, 100);
    CHECK(aligned != NULL && (uintptr_t)aligned % 4096 == 0);
    void *grown = allocators_realloc(heap, aligned, 9000);
    CHECK(grown != NULL && (uintptr_t)grown % 4096 == 0); /* alignment kept */
    CHECK(allocators_aligned_alloc(heap, 24, 8) == NULL);  /* not a power of two */
    CHECK(allocators_malloc(heap, sizeof memory) == NULL); /* no room */
    CHECK(allocators_malloc(heap, SIZE_MAX) == NULL);      /* overflow */
    void *empty = allocators_malloc(heap, 0);
    CHECK(empty != NULL);
    CHECK(allocators_check(heap) == 0);

    allocators_free(heap, empty);
    allocators_free(heap, grown);
    allocators_free(heap, text);
    allocators_free(heap, NULL);
    CHECK(allocators_realloc(heap, allocators_malloc(heap, 10), 0) == NULL);
    allocators_get_statistics(heap, &s);
    CHECK(s.used_bytes == 0);

    static _Alignas(64) unsigned char more[32 * 1024];
    CHECK(allocators_add_memory(heap, more, sizeof more) == 0);
    CHECK(allocators_add_memory(heap, more, sizeof more) == -1); /* overlap */
    allocators_statistics t;
    allocators_get_statistics(heap, &t);
    CHECK(t.total_bytes > s.total_bytes);
    CHECK(allocators_check(heap) == 0);
}

static void test_random(void) {
    unsigned char *memory = malloc(POOL);
    allocators_heap *heap = allocators_tlsf_create(memory, POOL);
    CHECK(heap != NULL);
    struct block live[SLOTS];
    int count = 0, broken = 0, misaligned = 0;
    for (int step = 0; step < 20000; step++) {
        uint64_t r = next_random();
        unsigned char tag = (unsigned char)(step | 1);
        if (count < SLOTS && r % 3 == 0) {
            size_t size = (size_t)(next_random() % 3000);
            size_t alignment = (size_t)1 << (next_random() % 13);
            unsigned char *p = allocators_aligned_alloc(heap, alignment, size);
            if (!p) continue;
            if ((uintptr_t)p % alignment) misaligned++;
            memset(p, tag, size);
            live[count++] = (struct block){p, size, alignment, tag};
        } else if (count > 0 && r % 3 == 1) {
            struct block *b = &live[next_random() % (uint64_t)count];
            if (!intact(b)) broken++;
            size_t size = (size_t)(next_random() % 6000) + 1;
            unsigned char *p = allocators_realloc(heap, b->pointer, size);
            if (!p) continue;
            if ((uintptr_t)p % b->alignment) misaligned++;
            for (size_t i = 0; i < (size < b->size ? size : b->size); i++) if (p[i] != b->tag) { broken++; break; }
            memset(p, tag, size);
            *b = (struct block){p, size, b->alignment, tag};
        } else if (count > 0) {
            int index = (int)(next_random() % (uint64_t)count);
            if (!intact(&live[index])) broken++;
            allocators_free(heap, live[index].pointer);
            live[index] = live[--count];
        }
        if (step % 1000 == 0) CHECK(allocators_check(heap) == 0);
    }
    CHECK(broken == 0);
    CHECK(misaligned == 0);
    while (count > 0) {
        if (!intact(&live[count - 1])) broken++;
        allocators_free(heap, live[--count].pointer);
    }
    allocators_statistics s;
    allocators_get_statistics(heap, &s);
    CHECK(s.used_bytes == 0 && s.used_bytes + s.available_bytes == s.total_bytes);
    CHECK(allocators_check(heap) == 0);
    free(memory);
}

int main(void) {
    const char *seed = getenv("ALLOCATORS_SEED");
    random_state = seed ? strtoull(seed, NULL, 10) : 0xA110CA7Eull;
    printf("[seed] C interface: ALLOCATORS_SEED=%llu\n", (unsigned long long)random_state);
    test_basics();
    test_random();
    printf("allocators_test: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
