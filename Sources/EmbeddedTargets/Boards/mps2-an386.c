/*
 * QEMU's Arm MPS2 board with the AN386 image, a Cortex-M4
 * (`qemu-system-arm -machine mps2-an386 -semihosting-config
 * enable=on,target=native -kernel IMAGE`): the image runs from ZBT SSRAM1 at
 * 0x00000000, whose first words are the vector table. The console is CMSDK
 * UART0 at 0x40004000; the exit status goes out through semihosting
 * (SYS_EXIT), which ends QEMU with it. A fault (Swift's `udf` on a failed
 * check, or any other) prints its number and fails the run.
 */
#include "board.h"

#define UART_DATA ((volatile unsigned int *)0x40004000)
#define UART_STATE ((volatile unsigned int *)0x40004004)
#define UART_CTRL ((volatile unsigned int *)0x40004008)
#define UART_BAUDDIV ((volatile unsigned int *)0x40004010)

extern unsigned char __bss_start[], __bss_end[], __stack_top[], __arena_start[], __arena_end[];
int main(int argc, char **argv);

void board_putchar(int c) {
    while (*UART_STATE & 1) {}  /* transmit buffer full */
    *UART_DATA = (unsigned char)c;
}

static void board_puts(const char *s) {
    while (*s) board_putchar(*s++);
}

/* Semihosting call `operation` with `argument` (Arm's semihosting spec:
 * `bkpt 0xab` on M-profile). */
static int semihost(int operation, int argument) {
    register int r0 __asm__("r0") = operation;
    register int r1 __asm__("r1") = argument;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

__attribute__((noreturn)) void board_exit(int status) {
    /* SYS_EXIT (0x18): ADP_Stopped_ApplicationExit (0x20026) exits 0, any
     * other reason (here RunTimeErrorUnknown, 0x20023) exits 1. */
    semihost(0x18, status == 0 ? 0x20026 : 0x20023);
    for (;;) {}
}

unsigned char *board_arena_start(void) { return __arena_start; }
size_t board_arena_size(void) { return (size_t)(__arena_end - __arena_start); }

__attribute__((noreturn)) static void board_fault(void) {
    static const char digits[] = "0123456789abcdef";
    unsigned int ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    board_puts("board: fault, exception ");
    board_putchar(digits[(ipsr >> 4) & 15]);
    board_putchar(digits[ipsr & 15]);
    board_puts("\n");
    board_exit(3);
}

__attribute__((noreturn)) static void board_reset(void) {
    *UART_BAUDDIV = 16;
    *UART_CTRL = 1;  /* transmitter on */
    for (unsigned char *p = __bss_start; p < __bss_end; p++) *p = 0;
    board_exit(main(0, 0));
}

/* Initial stack, reset, then every fault and interrupt to board_fault. */
__attribute__((section(".vectors"), used)) void (*const vectors[48])(void) = {
    (void (*)(void))__stack_top, board_reset,
    [2 ... 47] = board_fault,
};
