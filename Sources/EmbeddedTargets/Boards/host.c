/*
 * The host as a board, for the same firmware built as Embedded Swift for
 * the host: the console is stdout, the exit status the process's, the arena
 * a static buffer. The C library provides the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include "board.h"

static _Alignas(4096) unsigned char arena[16u << 20];

void board_putchar(int c) { putchar(c); }
__attribute__((noreturn)) void board_exit(int status) {
    fflush(stdout);
    exit(status);
}
unsigned char *board_arena_start(void) { return arena; }
size_t board_arena_size(void) { return sizeof arena; }
