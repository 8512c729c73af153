# The counter probe (x86-64, run under qemu-x86_64 by `make wcet`): entries
# whose paths are straight lines, so that the static bound is exactly what
# one call executes, for the two places where the instruction counter and
# the analysis could disagree on the host. `allocators-wcet check` requires
# the bound of each entry and its measured count to be equal, and, counted
# without the counter's page-crossing correction, the page-crossing entry
# to be one above (so the probe does cross a page).
#   probe_rep_none       a `rep movsb` of count 0: executed once
#   probe_rep_copy       104 bytes, the count through another register: 105
#                        executions (one per pass and one finding the count spent)
#   probe_rep_fill       13 words of `rep stosq`, the count from `movl`: 14
#   probe_page_crossing  an instruction across a 4 KiB boundary, not the first
#                        of its block: QEMU's x86 translator moves it to a block
#                        of its own, and the counter must not count it twice

    .text
    .globl main
main:
    pushq %rbx
    movl $3, %ebx
1:  callq probe_rep_none
    callq probe_rep_copy
    callq probe_rep_fill
    callq probe_page_crossing
    decl %ebx
    jne 1b
    xorl %eax, %eax
    popq %rbx
    retq

    .globl probe_rep_none
probe_rep_none:
    leaq scratch(%rip), %rdi
    leaq scratch+256(%rip), %rsi
    pushq $0
    popq %rcx
    rep movsb
    retq

    .globl probe_rep_copy
probe_rep_copy:
    leaq scratch(%rip), %rdi
    leaq scratch+256(%rip), %rsi
    pushq $104
    popq %r9
    movq %r9, %rcx
    rep movsb
    retq

    .globl probe_rep_fill
probe_rep_fill:
    leaq scratch(%rip), %rdi
    xorl %eax, %eax
    movl $13, %ecx
    rep stosq
    retq

# 7 bytes before a page boundary: two 2-byte instructions, then a 5-byte
# `movl` from 3 bytes before the boundary to 2 bytes after it.
    .p2align 12, 0xcc
    .skip 4096 - 7, 0xcc
    .globl probe_page_crossing
probe_page_crossing:
    xorl %eax, %eax
    xorl %edx, %edx
    movl $1, %eax
    retq

    .bss
    .p2align 4
scratch:
    .zero 512

    .section .note.GNU-stack, "", @progbits
