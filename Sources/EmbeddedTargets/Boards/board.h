/*
 * What a board gives the firmware: a console, an exit status that the
 * emulator (or the host) passes on, and one arena of RAM beyond the image.
 */
#ifndef ALLOCATORS_BOARD_H
#define ALLOCATORS_BOARD_H
#include <stddef.h>

/* One byte to the console (the board's UART, or stdout on the host). */
void board_putchar(int c);
/* Ends the program: 0 passes, anything else fails the run. */
__attribute__((noreturn)) void board_exit(int status);
/* RAM the image does not use, for the heaps under test. */
unsigned char *board_arena_start(void);
size_t board_arena_size(void);
#endif
