/*
 * QEMU's RISC-V `virt` machine, 32-bit (`qemu-system-riscv32 -machine virt
 * -bios none -kernel IMAGE`): the image runs in M-mode from 0x80000000. The
 * console is the 16550 UART at 0x10000000; the exit status goes to the
 * SiFive test finisher at 0x100000, which ends QEMU with it. A trap (Swift's
 * `unimp` on a failed check, or any fault) prints its cause and fails the run.
 */
#include "board.h"

#define UART_THR ((volatile unsigned char *)0x10000000)
#define UART_LSR ((volatile unsigned char *)0x10000005)
#define FINISHER ((volatile unsigned int *)0x100000)

extern unsigned char __bss_start[], __bss_end[], __arena_start[], __arena_end[];
int main(int argc, char **argv);

void board_putchar(int c) {
    while (!(*UART_LSR & 0x20)) {}  /* transmit holding register empty */
    *UART_THR = (unsigned char)c;
}

static void board_puts(const char *s) {
    while (*s) board_putchar(*s++);
}

__attribute__((noreturn)) void board_exit(int status) {
    /* 0x5555: pass; (code << 16) | 0x3333: fail with that code. */
    *FINISHER = status == 0 ? 0x5555u : (((unsigned int)status & 0xffffu) << 16) | 0x3333u;
    for (;;) {}
}

unsigned char *board_arena_start(void) { return __arena_start; }
size_t board_arena_size(void) { return (size_t)(__arena_end - __arena_start); }

__attribute__((noreturn, used)) void board_trap(unsigned int cause, unsigned int pc) {
    static const char digits[] = "0123456789abcdef";
    board_puts("board: trap, mcause 0x");
    for (int shift = 28; shift >= 0; shift -= 4) board_putchar(digits[(cause >> shift) & 15]);
    board_puts(" at pc 0x");
    for (int shift = 28; shift >= 0; shift -= 4) board_putchar(digits[(pc >> shift) & 15]);
    board_puts("\n");
    board_exit(3);
}

__attribute__((noreturn, used)) void board_reset(void) {
    for (unsigned char *p = __bss_start; p < __bss_end; p++) *p = 0;
    board_exit(main(0, 0));
}

/* Every trap lands here: the stack may be anything, so take a fresh one. */
__attribute__((naked, noreturn, aligned(4))) void board_trap_entry(void) {
    __asm__ volatile(
        "la sp, __stack_top\n\t"
        "csrr a0, mcause\n\t"
        "csrr a1, mepc\n\t"
        "j board_trap");
}

__attribute__((naked, noreturn, section(".text.start"))) void _start(void) {
    __asm__ volatile(
        "la sp, __stack_top\n\t"
        "la t0, board_trap_entry\n\t"
        "csrw mtvec, t0\n\t"
        "j board_reset");
}
