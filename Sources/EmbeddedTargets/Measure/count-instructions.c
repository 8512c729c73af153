/*
 * A QEMU TCG plugin that counts the guest instructions of each call of the
 * entry points named in its arguments, for the cross-check of
 * `allocators-wcet`: the most instructions one call executed must be at or
 * below the static bound.
 *
 *   -plugin count-instructions.so,out=FILE,entry=NAME:0xADDRESS,...,cut=NAME:0xADDRESS,...[,raw=1]
 *
 * A call starts when the translation block at an entry's address runs and
 * ends when the block at its return address runs: the end of the block
 * that ran just before (the caller's, ending in the call). Every block in
 * between is counted whole (a block runs to its end unless it faults, and a
 * fault ends the program here), but for the one case below. A call of
 * entry NAME that runs a block at one of NAME's `cut` addresses took a path
 * outside the entry's bound (the moving path of a resize, the slab's
 * backing path) and is counted apart. At exit, FILE gets one line per
 * entry: `NAME calls N cut N max N`.
 *
 * The case: QEMU 7.2's x86 translator ends a block before an instruction,
 * other than the first, that reaches past the block's first page (it
 * restarts the translation without it), but the plugin's view of the block
 * keeps that instruction, cut to the bytes read up to the page's end: the
 * block reports one instruction more than it runs, and the next block
 * starts with that instruction, whole. Seen in the heap test's host image
 * as of commit 28b6b7e: a block at 0x406fe2 reported 7 instructions, its
 * 7th as 3 bytes at 0x406ffd (it has 4, across 0x407000), which then ran
 * as a block of its own; that call of TLSF's aligned allocation was
 * counted 268 against a static bound of 267. So when a block starts at the
 * previous block's last instruction and its first instruction is longer
 * than the previous block reported it, the previous block did not run it,
 * and the count gives it back. A block that ran its last instruction and
 * jumps back to it (a `rep` pass) sees it at the same length, so the rule
 * matches the cut instruction only and changes nothing where a translator
 * never cuts one. The counter probe of `make wcet`
 * (Sources/EmbeddedTargets/Measure/counter-probe.S) checks it: its
 * page-crossing entry must count exactly its instructions, and one more
 * with `raw=1`, which counts every block as QEMU reports it.
 *
 * Only QEMU's documented plugin API (version 1, QEMU 7.2) is used; QEMU
 * ships no header for it in Debian, so the few declarations are here.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
typedef struct qemu_info_t qemu_info_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_CB_R_REGS, QEMU_PLUGIN_CB_RW_REGS };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index, void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb, qemu_plugin_vcpu_udata_cb_t cb,
                                          enum qemu_plugin_cb_flags flags, void *userdata);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t index);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *insn);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define MAX_ENTRIES 64
#define MAX_CUTS 64

struct entry {
    char name[96];
    uint64_t address;
    uint64_t calls, cutCalls, max;
};

/* What a translated block needs at run time: where it starts, where it
 * ends (the return address of a call it ends in), its instruction count. */
struct block {
    uint64_t start, end, instructions;
    uint64_t lastAddress, lastSize, firstSize; /* the last instruction as reported, the first's length */
    int entry;     /* index of the entry starting here, or -1 */
    uint64_t cuts; /* bit i: a cut address of entry i starts here */
};

static struct entry entries[MAX_ENTRIES];
static int entryCount;
static uint64_t cuts[MAX_CUTS];
static int cutEntry[MAX_CUTS];
static int cutCount;
static char outPath[512];
static int raw;

/* The call being counted (one vCPU): its entry, return address, count. */
static int current = -1;
static uint64_t returnAddress, counted;
static int currentIsCut;
static uint64_t lastEnd;
static const struct block *previous;

static void block_exec(unsigned int vcpu, void *data) {
    struct block *b = data;
    (void)vcpu;
    /* The block before ran without its last instruction (see above). */
    if (current >= 0 && !raw && previous && b->start == previous->lastAddress && b->firstSize > previous->lastSize) counted--;
    if (current >= 0) {
        if (b->start == returnAddress) {
            struct entry *e = &entries[current];
            e->calls++;
            if (currentIsCut) e->cutCalls++;
            else if (counted > e->max) e->max = counted;
            current = -1;
        } else {
            counted += b->instructions;
            currentIsCut |= (b->cuts >> current) & 1;
        }
    }
    if (current < 0 && b->entry >= 0) {
        current = b->entry;
        returnAddress = lastEnd;
        counted = b->instructions;
        currentIsCut = 0;
    }
    lastEnd = b->end;
    previous = b;
}

static void block_translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
    (void)id;
    size_t n = qemu_plugin_tb_n_insns(tb);
    struct qemu_plugin_insn *last = qemu_plugin_tb_get_insn(tb, n - 1);
    struct block *b = malloc(sizeof *b); /* lives as long as the translation may run */
    b->start = qemu_plugin_tb_vaddr(tb);
    b->end = qemu_plugin_insn_vaddr(last) + qemu_plugin_insn_size(last);
    b->instructions = n;
    b->lastAddress = qemu_plugin_insn_vaddr(last);
    b->lastSize = qemu_plugin_insn_size(last);
    b->firstSize = qemu_plugin_insn_size(qemu_plugin_tb_get_insn(tb, 0));
    b->entry = -1;
    b->cuts = 0;
    for (int i = 0; i < entryCount; i++) if (entries[i].address == b->start) b->entry = i;
    for (int i = 0; i < cutCount; i++) if (cuts[i] == b->start) b->cuts |= 1ull << cutEntry[i];
    qemu_plugin_register_vcpu_tb_exec_cb(tb, block_exec, QEMU_PLUGIN_CB_NO_REGS, b);
}

static void at_exit(qemu_plugin_id_t id, void *data) {
    (void)id;
    (void)data;
    FILE *out = fopen(outPath, "w");
    if (!out) return;
    for (int i = 0; i < entryCount; i++) {
        fprintf(out, "%s calls %" PRIu64 " cut %" PRIu64 " max %" PRIu64 "\n", entries[i].name, entries[i].calls,
                entries[i].cutCalls, entries[i].max);
    }
    fclose(out);
}

__attribute__((visibility("default"))) int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc,
                                                             char **argv) {
    (void)info;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "out=", 4) == 0) {
            snprintf(outPath, sizeof outPath, "%s", arg + 4);
        } else if (strncmp(arg, "entry=", 6) == 0 && entryCount < MAX_ENTRIES) {
            const char *colon = strrchr(arg, ':');
            if (!colon) return -1;
            struct entry *e = &entries[entryCount++];
            snprintf(e->name, sizeof e->name, "%.*s", (int)(colon - arg - 6), arg + 6);
            e->address = strtoull(colon + 1, 0, 0);
        } else if (strcmp(arg, "raw=1") == 0) {
            raw = 1;
        } else if (strncmp(arg, "cut=", 4) == 0 && cutCount < MAX_CUTS) {
            /* cut=NAME:0xADDRESS, for an entry named before. */
            const char *colon = strrchr(arg, ':');
            int owner = -1;
            for (int j = 0; colon && j < entryCount; j++) {
                if (strlen(entries[j].name) == (size_t)(colon - arg - 4) && strncmp(entries[j].name, arg + 4, colon - arg - 4) == 0) owner = j;
            }
            if (owner < 0) return -1;
            cutEntry[cutCount] = owner;
            cuts[cutCount++] = strtoull(colon + 1, 0, 0);
        } else {
            fprintf(stderr, "count-instructions: unknown argument %s\n", arg);
            return -1;
        }
    }
    if (!outPath[0]) return -1;
    qemu_plugin_register_vcpu_tb_trans_cb(id, block_translated);
    qemu_plugin_register_atexit_cb(id, at_exit, 0);
    return 0;
}
