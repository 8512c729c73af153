/*
 * The board support of the example firmware, for bare-metal builds only (the
 * host build uses the C library): a reset entry that sets the stack and calls
 * main, the memory functions the compiler may call, and putchar over a UART
 * (QEMU virt's 16550 at 0x10000000 on RISC-V, the MPS2 UART0 data register
 * at 0x40004000 on Arm).
 */
#include <stddef.h>

__attribute__((aligned(16))) static unsigned char firmware_stack[8192];
int main(void);

__attribute__((noreturn)) void firmware_reset(void) {
    main();
    for (;;) {}
}

#if defined(__riscv)
__attribute__((naked, noreturn)) void _start(void) {
    __asm__ volatile("la sp, firmware_stack + 8192\n\tj firmware_reset");
}
#define UART_DATA ((volatile unsigned char *)0x10000000)
#else
__attribute__((naked, noreturn)) void _start(void) {
    __asm__ volatile("ldr r0, =firmware_stack + 8192\n\tmov sp, r0\n\tb firmware_reset");
}
#define UART_DATA ((volatile unsigned int *)0x40004000)
#endif

/* Keeps the stack symbol referenced from the assembly above. */
__attribute__((used)) static unsigned char *const firmware_stack_top = firmware_stack + sizeof firmware_stack;

int putchar(int c) {
    *UART_DATA = (unsigned char)c;
    return c;
}

void *memset(void *destination, int value, size_t count) {
    unsigned char *d = destination;
    while (count--) *d++ = (unsigned char)value;
    return destination;
}

void *memcpy(void *destination, const void *source, size_t count) {
    unsigned char *d = destination;
    const unsigned char *s = source;
    while (count--) *d++ = *s++;
    return destination;
}

void *memmove(void *destination, const void *source, size_t count) {
    unsigned char *d = destination;
    const unsigned char *s = source;
    if (d < s) {
        while (count--) *d++ = *s++;
    } else {
        d += count;
        s += count;
        while (count--) *--d = *--s;
    }
    return destination;
}

/* Embedded Swift seeds its hashing from this; a board with a true random
 * source would use it here. */
void arc4random_buf(void *buffer, size_t count) {
    static unsigned int state = 0x9E3779B9u;
    unsigned char *b = buffer;
    while (count--) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        *b++ = (unsigned char)state;
    }
}
