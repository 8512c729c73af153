/*
 * The platform allocator of the no-heap image: any call stops the program
 * with a message, so a run that passes shows that nothing on its paths
 * allocates from a heap.
 */
#include <stddef.h>
#include "board.h"

static void no_heap_stop(const char *what) {
    static const char prefix[] = "no-heap: FAIL: the platform allocator was called (";
    for (const char *c = prefix; *c; c++) board_putchar(*c);
    for (const char *c = what; *c; c++) board_putchar(*c);
    board_putchar(')');
    board_putchar('\n');
    board_exit(3);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    (void)result; (void)alignment; (void)size;
    no_heap_stop("posix_memalign");
    return 12;
}

void free(void *pointer) {
    if (pointer) no_heap_stop("free");
}
