# Allocators: model-checked memory allocators in Swift.
#   make verify    prove the kernel lemmas (the main job)
#   make test      the C interface test, the Embedded example run on the host, the Swift tests
#   make embedded  build the library, the Embedded heap and an example firmware
#                  for two bare-metal targets, plus a TLSF-only library (sizes reported)
#   make tsan      the thread-safety stress test under ThreadSanitizer
#   make docs      the DocC documentation of Allocators, warnings as errors
#   make bench     replay the shared traces on our allocators and glibc, jemalloc, mimalloc,
#                  tcmalloc (table, CSV, JSON, chart in .build-bench/); make bench-smoke is the CI run
#   make bench-instructions  the same in instructions, under valgrind's callgrind
#                  (tables in .build-bench/instructions/; ANNOTATE=1 for TLSF's hottest lines)
#   make bench-check-costs  what each hardening check costs, in instructions per op
#   make fuzz      libFuzzer over the TLSF, buddy and slab allocators (not in CI; FUZZ_SECONDS=60 each)
#   make malloc    the process-wide malloc, .build-malloc/<backend>/libAllocatorsMalloc.so (LD_PRELOAD or link)
#   make program-tests  real programs (python3, sqlite3, git, a Swift program) on it against glibc,
#                  its C API and error paths, and its planted bugs (part of make test)
#   make bench-programs  the same programs, longer, and the Swift compiler, under glibc, jemalloc,
#                  mimalloc and this malloc: wall time, peak RSS (table and chart in .build-bench-programs/)
SWIFT ?= swift
SWIFTC ?= swiftc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# valgrind: the bench's instruction mode (callgrind) and its tests; the rest of
# the bench's peers: jemalloc, mimalloc, tcmalloc (gperftools' minimal build).
APT_PACKAGES := pkg-config libz3-dev valgrind libjemalloc-dev libmimalloc-dev libtcmalloc-minimal4
# QEMU for the two bare-metal targets (and qemu-user, whose instruction counting
# plugin counts the host build too) and the toolchains whose libgcc the images link.
EMBEDDED_APT_PACKAGES := qemu-system-misc qemu-system-arm qemu-user gcc-riscv64-unknown-elf gcc-arm-none-eabi
# The real programs of the malloc program tests (Debian's, not the toolchain's python).
PROGRAM_APT_PACKAGES := python3 sqlite3 git
# Only for the chart of make bench / bench-smoke (Debian's matplotlib, for /usr/bin/python3).
BENCH_APT_PACKAGES := python3-matplotlib
PYTHON ?= /usr/bin/python3
TRACES ?= ../shared/bench/traces
BENCH_OUT ?= .build-bench
BENCH := .build/release/allocators-bench
BENCH_ARGS ?=
# make bench-instructions ANNOTATE=1: TLSF's hottest lines; ANNOTATE=slab,buddy: those backends'.
ANNOTATE ?=
ANNOTATE_ARGS := $(if $(ANNOTATE),--annotate $(if $(filter 1,$(ANNOTATE)),TLSF,$(ANNOTATE)))
EMBEDDED_TARGETS := riscv32-none-none-eabi armv7em-none-none-eabi
EMBEDDED_DIR := .build-embedded
ALLOCATOR_SOURCES := $(shell find Sources/Allocators -name '*.swift' | sort)
HEAP_SOURCES := $(shell find Sources/EmbeddedHeap -name '*.swift' | sort)
EXAMPLE_SOURCES := $(shell find Sources/EmbeddedExample -name '*.swift' | sort)
# The toolchain's own clang and llvm-objcopy, beside swiftc.
TOOLCHAIN_BIN := $(dir $(shell readlink -f "$$(command -v $(SWIFTC))"))
CLANG := $(TOOLCHAIN_BIN)clang
OBJCOPY := $(TOOLCHAIN_BIN)llvm-objcopy
LLD := $(TOOLCHAIN_BIN)ld.lld
NM := $(TOOLCHAIN_BIN)llvm-nm
OBJDUMP := $(TOOLCHAIN_BIN)llvm-objdump
# Shell snippet: bytes of code (sections flagged TEXT) in the object file $$o.
TEXT_BYTES = t=0; for h in $$($(OBJDUMP) -h $$o | awk '/TEXT/ {print $$3}'); do t=$$((t + 0x$$h)); done; echo $$t
# Package traits as compilation conditions, for builds that call swiftc directly.
ALL_TRAITS := -DBitmap -DBuddy -DSlab -DTLSF -DShared
TLSF_ONLY_TRAITS := -DTLSF
EMBEDDED_FLAGS := -enable-experimental-feature Embedded -wmo -parse-as-library -Osize -Xfrontend -disable-stack-protector
HOST_BUILD := .build/debug

.PHONY: deps bench-deps build test test-internal-checks verify embedded embedded-host test-embedded wcet ctest tsan docs bench bench-smoke bench-instructions bench-check-costs test-check-switches bench-publish fuzz fuzz-tlsf fuzz-buddy-slab malloc malloc-variant program-tests bench-programs bench-programs-publish clean

# Installs what apt must provide; quiet and quick when everything is there.
# The bare-metal toolchains (for their libgcc) and QEMU come without their
# recommendations (newlib, the GUI and audio stacks), which nothing here uses.
deps:
	@missing=""; for p in $(APT_PACKAGES) $(PROGRAM_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] || ! pkg-config --exists z3 2>/dev/null; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) $(PROGRAM_APT_PACKAGES) >/dev/null; \
	fi
	@missing=""; for p in $(EMBEDDED_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(EMBEDDED_APT_PACKAGES) >/dev/null; \
	fi

# The chart's plotting library, on top of deps.
bench-deps: deps
	@missing=""; for p in $(BENCH_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BENCH_APT_PACKAGES) >/dev/null; \
	fi

build: deps
	$(SWIFT) build

test: deps ctest embedded-host program-tests test-internal-checks
	$(SWIFT) test

# The model-checked suites again, built with ALLOCATORS_INTERNAL_CHECKS (every
# mutating operation ends in checkIntegrity()), in a build directory of its
# own (~1.5 min of tests after the build); InternalChecksTests shows the flag
# catches what the operations do not read. Of GlobalAllocatorTests only the
# byte model and the refused run: its growth tests make 16,000 allocations,
# each then checking the whole heap.
test-internal-checks: deps
	$(SWIFT) test --scratch-path .build-checks -Xswiftc -DALLOCATORS_INTERNAL_CHECKS \
	  --filter 'InternalChecksTests|ByteModelTests|TLSFModelTests|BuddyModelTests|SlabModelTests|BitmapModelTests|GlobalAllocatorTests/(againstTheByteModel|aRunLeakedWhenTheHeapRefusesIsCaught|aRunTheHeapRefusesGoesBack)'

verify: deps
	$(SWIFT) build -c release --product allocators-verify
	.build/release/allocators-verify

# The C interface: the C test program links libAllocatorsC and runs.
ctest: deps
	$(SWIFT) build --product AllocatorsC
	$(CLANG) -std=c11 -Wall -Wextra -Werror -I Sources/CAllocators/include \
	  Tests/CTests/allocators_test.c -L $(HOST_BUILD) -lAllocatorsC -Wl,-rpath,$(abspath $(HOST_BUILD)) \
	  -o $(HOST_BUILD)/allocators-c-test
	$(HOST_BUILD)/allocators-c-test

# ---- Embedded: complete images for two boards under QEMU, and the host ----
# Per target and configuration (all: every trait; tlsf: TLSF only), the
# library, the Embedded heap and the programs (the example firmware, the heap
# test and its planted-bug builds) are objects under
# $(EMBEDDED_DIR)/TARGET/CONFIGURATION/; a bare-metal image links them with its
# board (startup, console, exit status: Sources/EmbeddedTargets/Boards), the C
# runtime and the bare-metal toolchain's libgcc into one ELF with no undefined
# symbol. The host build links the same objects with the C library.
BOARDS := Sources/EmbeddedTargets/Boards
ENTRY_SOURCES := $(shell find Sources/EmbeddedTargets/EntryPoints -name '*.swift' | sort)
HEAP_TEST_SOURCES := $(shell find Sources/EmbeddedTargets/HeapTest -name '*.swift' | sort)
QEMU_RUN := Sources/EmbeddedTargets/qemu-run
HOST_TRIPLE := x86_64-unknown-linux-gnu
EMBEDDED_CONFIGURATIONS := all tlsf
TRAITS_all := $(ALL_TRAITS)
TRAITS_tlsf := $(TLSF_ONLY_TRAITS)
BOARD_riscv32-none-none-eabi := virt-riscv32
BOARD_armv7em-none-none-eabi := mps2-an386
# The multilib of libgcc that matches what swiftc emits for each target.
LIBGCC_riscv32-none-none-eabi = $(shell riscv64-unknown-elf-gcc -march=rv32imac -mabi=ilp32 -print-libgcc-file-name)
LIBGCC_armv7em-none-none-eabi = $(shell arm-none-eabi-gcc -mthumb -march=armv7e-m -mfloat-abi=soft -print-libgcc-file-name)
# Planted bugs the heap test must catch (a build each, run expecting failure).
PLANTED_BUGS := tlsf-overlap accept-bad-free
PLANTED_FLAGS_tlsf-overlap := -DPLANTED_TLSF_OVERLAP
PLANTED_FLAGS_accept-bad-free := -DPLANTED_ACCEPT_BAD_FREE
# Debug info (for the WCET tool's source lines) changes no code.
IMAGE_SWIFT_FLAGS := $(EMBEDDED_FLAGS) -g
IMAGE_C_FLAGS := -ffreestanding -Os -g -Wall -Wextra -Werror

# $(1): target triple, $(2): configuration.
define EMBEDDED_CONFIGURATION
$(EMBEDDED_DIR)/$(1)/$(2)/Allocators.o: $(ALLOCATOR_SOURCES)
	@mkdir -p $$(@D)
	@echo "  build $$@"; $(SWIFTC) -target $(1) $(IMAGE_SWIFT_FLAGS) $(TRAITS_$(2)) -module-name Allocators \
	  -emit-module -emit-module-path $$(@D)/Allocators.swiftmodule -c $(ALLOCATOR_SOURCES) -o $$@
$(EMBEDDED_DIR)/$(1)/$(2)/EmbeddedHeap.o: $(EMBEDDED_DIR)/$(1)/$(2)/Allocators.o $(HEAP_SOURCES)
	@echo "  build $$@"; $(SWIFTC) -target $(1) $(IMAGE_SWIFT_FLAGS) $(TRAITS_$(2)) -I $$(@D) -module-name EmbeddedHeap \
	  -emit-module -emit-module-path $$(@D)/EmbeddedHeap.swiftmodule -c $(HEAP_SOURCES) -o $$@
$(EMBEDDED_DIR)/$(1)/$(2)/exports.o: Sources/EmbeddedHeap/exports.c
	@echo "  build $$@"; $(CLANG) -target $(1) $(IMAGE_C_FLAGS) -c $$< -o $$@
$(EMBEDDED_DIR)/$(1)/$(2)/example/Firmware.o: $(EMBEDDED_DIR)/$(1)/$(2)/EmbeddedHeap.o $(EXAMPLE_SOURCES)
	@mkdir -p $$(@D)
	@echo "  build $$@"; $(SWIFTC) -target $(1) $(IMAGE_SWIFT_FLAGS) $(TRAITS_$(2)) -I $$(<D) -module-name Firmware -c $(EXAMPLE_SOURCES) -o $$@
# The heap test: the entry points (the code allocators-wcet bounds) and the driver, per variant.
$(EMBEDDED_DIR)/$(1)/$(2)/%/EntryPoints.o: $(EMBEDDED_DIR)/$(1)/$(2)/Allocators.o $(ENTRY_SOURCES)
	@mkdir -p $$(@D)
	@echo "  build $$@"; $(SWIFTC) -target $(1) $(IMAGE_SWIFT_FLAGS) $(TRAITS_$(2)) $$(PLANTED_FLAGS_$$(patsubst heap-test-%,%,$$*)) -I $$(<D) \
	  -module-name AllocatorEntryPoints -c $(ENTRY_SOURCES) -o $$@
$(EMBEDDED_DIR)/$(1)/$(2)/%/HeapTest.o: $(EMBEDDED_DIR)/$(1)/$(2)/EmbeddedHeap.o $(HEAP_TEST_SOURCES)
	@mkdir -p $$(@D)
	@echo "  build $$@"; $(SWIFTC) -target $(1) $(IMAGE_SWIFT_FLAGS) $(TRAITS_$(2)) -enable-experimental-feature Extern -I $$(<D) \
	  -module-name HeapTest -c $(HEAP_TEST_SOURCES) -o $$@
endef

# $(1): bare-metal target triple.
define EMBEDDED_BOARD
$(EMBEDDED_DIR)/$(1)/board.o: $(BOARDS)/$(BOARD_$(1)).c $(BOARDS)/board.h
	@mkdir -p $$(@D)
	@echo "  build $$@"; $(CLANG) -target $(1) $(IMAGE_C_FLAGS) -c $$< -o $$@
$(EMBEDDED_DIR)/$(1)/runtime.o: $(BOARDS)/runtime.c $(BOARDS)/board.h
	@mkdir -p $$(@D)
	@echo "  build $$@"; $(CLANG) -target $(1) $(IMAGE_C_FLAGS) -fno-builtin -c $$< -o $$@
# An image: every object of its folder (the program's) over the library of
# its configuration, the board, the runtime and libgcc; ld.lld fails on any
# undefined symbol.
$(EMBEDDED_DIR)/$(1)/%/image.elf: $(EMBEDDED_DIR)/$(1)/board.o $(EMBEDDED_DIR)/$(1)/runtime.o $(BOARDS)/$(BOARD_$(1)).ld
	@echo "  build $$@"; $(LLD) -T $(BOARDS)/$(BOARD_$(1)).ld --gc-sections -o $$@ $$(filter %.o,$$^) $(LIBGCC_$(1))
endef

$(foreach t,$(EMBEDDED_TARGETS) $(HOST_TRIPLE),$(foreach c,$(EMBEDDED_CONFIGURATIONS),$(eval $(call EMBEDDED_CONFIGURATION,$(t),$(c)))))
$(foreach t,$(EMBEDDED_TARGETS),$(eval $(call EMBEDDED_BOARD,$(t))))

# Each image's library objects (prerequisites the pattern rules cannot name).
define IMAGE_OBJECTS
$(EMBEDDED_DIR)/$(1)/$(2)/$(3)/image.elf: $(EMBEDDED_DIR)/$(1)/$(2)/Allocators.o $(EMBEDDED_DIR)/$(1)/$(2)/EmbeddedHeap.o $(EMBEDDED_DIR)/$(1)/$(2)/exports.o $(4)
endef
PROGRAMS = example heap-test $(addprefix heap-test-,$(PLANTED_BUGS))
program-objects = $(if $(filter example,$(3)),$(EMBEDDED_DIR)/$(1)/$(2)/example/Firmware.o,$(EMBEDDED_DIR)/$(1)/$(2)/$(3)/EntryPoints.o $(EMBEDDED_DIR)/$(1)/$(2)/$(3)/HeapTest.o)
$(foreach t,$(EMBEDDED_TARGETS) $(HOST_TRIPLE),$(foreach c,$(EMBEDDED_CONFIGURATIONS),$(foreach p,$(PROGRAMS),\
  $(eval $(call IMAGE_OBJECTS,$(t),$(c),$(p),$(call program-objects,$(t),$(c),$(p)))))))

# The no-heap image: every allocator with carved or caller-provided
# bookkeeping over a platform allocator that stops the program
# (Sources/EmbeddedTargets/NoHeap), and its planted build, whose page
# allocator takes platform bookkeeping and must stop there.
NO_HEAP_SOURCES := $(shell find Sources/EmbeddedTargets/NoHeap -name '*.swift' | sort)
NO_HEAP_PROGRAMS := no-heap no-heap-platform-bookkeeping
NO_HEAP_FLAGS_no-heap-platform-bookkeeping := -DPLANTED_PLATFORM_BOOKKEEPING
# $(1): target triple, $(2): program.
define NO_HEAP_PROGRAM
$(EMBEDDED_DIR)/$(1)/all/$(2)/NoHeap.o: $(EMBEDDED_DIR)/$(1)/all/Allocators.o $(NO_HEAP_SOURCES)
	@mkdir -p $$(@D)
	@echo "  build $$@"; $(SWIFTC) -target $(1) $(IMAGE_SWIFT_FLAGS) $(TRAITS_all) $(NO_HEAP_FLAGS_$(2)) -enable-experimental-feature Extern \
	  -parse-as-library -I $$(<D) -module-name NoHeap -c $(NO_HEAP_SOURCES) -o $$@
$(EMBEDDED_DIR)/$(1)/all/$(2)/platform.o: Sources/EmbeddedTargets/NoHeap/platform.c $(BOARDS)/board.h
	@mkdir -p $$(@D)
	@echo "  build $$@"; $(CLANG) -target $(1) $(IMAGE_C_FLAGS) -I $(BOARDS) -c $$< -o $$@
$(EMBEDDED_DIR)/$(1)/all/$(2)/image.elf: $(EMBEDDED_DIR)/$(1)/all/Allocators.o $(EMBEDDED_DIR)/$(1)/all/$(2)/NoHeap.o $(EMBEDDED_DIR)/$(1)/all/$(2)/platform.o
endef
$(foreach t,$(EMBEDDED_TARGETS) $(HOST_TRIPLE),$(foreach p,$(NO_HEAP_PROGRAMS),$(eval $(call NO_HEAP_PROGRAM,$(t),$(p)))))

# The host: the same objects with posix_memalign and free renamed, so that
# only the Swift runtime (not the C library) uses the TLSF heap; static
# addresses (no PIE) for the instruction counter.
$(EMBEDDED_DIR)/$(HOST_TRIPLE)/host.o: $(BOARDS)/host.c $(BOARDS)/board.h
	@mkdir -p $(@D)
	@$(CLANG) -O2 -g -Wall -Wextra -Werror -c $< -o $@
$(EMBEDDED_DIR)/$(HOST_TRIPLE)/%/image.elf: $(EMBEDDED_DIR)/$(HOST_TRIPLE)/host.o
	@rm -f $(@D)/*.host.o; for o in $(filter-out %/host.o,$(filter %.o,$^)); do \
	  $(OBJCOPY) --redefine-sym posix_memalign=firmware_posix_memalign --redefine-sym free=firmware_free \
	    $$o $(@D)/$$(basename $$o .o).host.o || exit 1; \
	done
	@echo "  build $@"; $(CLANG) -no-pie -o $@ $< $(@D)/*.host.o

# Per target: the example and the heap test over TLSF only, the heap test
# and its planted-bug builds over every allocator.
IMAGES_OF = $(addprefix $(EMBEDDED_DIR)/$(1)/,tlsf/example/image.elf tlsf/heap-test/image.elf all/heap-test/image.elf \
  $(foreach b,$(PLANTED_BUGS),all/heap-test-$(b)/image.elf) $(foreach p,$(NO_HEAP_PROGRAMS),all/$(p)/image.elf))
EMBEDDED_IMAGES := $(foreach t,$(EMBEDDED_TARGETS) $(HOST_TRIPLE),$(call IMAGES_OF,$(t)))
PLUGIN := $(EMBEDDED_DIR)/count-instructions.so
$(PLUGIN): Sources/EmbeddedTargets/Measure/count-instructions.c
	@mkdir -p $(@D)
	$(CLANG) -shared -fPIC -O2 -Wall -Wextra -Werror -fvisibility=hidden -o $@ $<

# Builds every image for both boards and the host, and prints the table of
# code sizes per target and configuration.
embedded: deps $(EMBEDDED_IMAGES)
	@$(SWIFT) build -c release --product allocators-wcet >/dev/null
	.build/release/allocators-wcet sizes --dir $(EMBEDDED_DIR) --toolchain $(TOOLCHAIN_BIN) $(addprefix --target ,$(EMBEDDED_TARGETS) $(HOST_TRIPLE))

# The example firmware, built as Embedded Swift for the host and run.
embedded-host: $(EMBEDDED_DIR)/$(HOST_TRIPLE)/tlsf/example/image.elf
	$<

# Under QEMU on both boards and on the host: the example firmware (TLSF
# only) and the heap test (every allocator) must pass; each planted-bug
# build of the heap test must fail.
test-embedded: deps $(EMBEDDED_IMAGES)
	@for t in $(EMBEDDED_TARGETS) $(HOST_TRIPLE); do \
	  $(QEMU_RUN) $$t $(EMBEDDED_DIR)/$$t/tlsf/example/image.elf || { echo "test-embedded $$t: the example firmware FAILED"; exit 1; }; \
	  $(QEMU_RUN) $$t $(EMBEDDED_DIR)/$$t/tlsf/heap-test/image.elf || { echo "test-embedded $$t: the heap test (TLSF only) FAILED"; exit 1; }; \
	  $(QEMU_RUN) $$t $(EMBEDDED_DIR)/$$t/all/heap-test/image.elf || { echo "test-embedded $$t: the heap test FAILED"; exit 1; }; \
	  for b in $(PLANTED_BUGS); do \
	    if $(QEMU_RUN) $$t $(EMBEDDED_DIR)/$$t/all/heap-test-$$b/image.elf > $(EMBEDDED_DIR)/$$t/all/heap-test-$$b/run.log 2>&1; then \
	      cat $(EMBEDDED_DIR)/$$t/all/heap-test-$$b/run.log; echo "test-embedded $$t: the planted bug $$b was NOT caught"; exit 1; \
	    fi; \
	    grep -E 'FAIL|trap|fault' $(EMBEDDED_DIR)/$$t/all/heap-test-$$b/run.log | head -3; \
	    echo "test-embedded $$t: planted bug $$b caught (run failed, as it must)"; \
	  done; \
	  $(QEMU_RUN) $$t $(EMBEDDED_DIR)/$$t/all/no-heap/image.elf || { echo "test-embedded $$t: the no-heap image FAILED"; exit 1; }; \
	  log=$(EMBEDDED_DIR)/$$t/all/no-heap-platform-bookkeeping/run.log; \
	  if $(QEMU_RUN) $$t $(EMBEDDED_DIR)/$$t/all/no-heap-platform-bookkeeping/image.elf > $$log 2>&1; then \
	    cat $$log; echo "test-embedded $$t: platform bookkeeping in the no-heap image was NOT caught"; exit 1; \
	  fi; \
	  grep -q 'the platform allocator was called' $$log || { cat $$log; echo "test-embedded $$t: the planted no-heap build failed for another reason"; exit 1; }; \
	  echo "test-embedded $$t: platform bookkeeping in the no-heap image caught (it called the platform allocator)"; \
	done
	@echo "test-embedded: every image passed on riscv32, armv7em and the host (the no-heap image with a platform allocator that stops it); every planted bug was caught"

# Both boards and the host. On the host, x86's inline `rep` copies take the
# count every path loads into rcx, as N + 1 executions (QEMU runs the
# instruction once more to find the count spent); and QEMU's x86 translator
# moves an instruction that crosses a page to a block of its own while the
# plugin still counts it in the block before, which the counter corrects
# (it made one aligned TLSF allocation count 268 against a bound of 267).
# The counter probe checks both before the host's figures.
WCET_TARGETS := $(EMBEDDED_TARGETS) $(HOST_TRIPLE)
COUNTER_PROBE := $(EMBEDDED_DIR)/$(HOST_TRIPLE)/counter-probe.elf
$(COUNTER_PROBE): Sources/EmbeddedTargets/Measure/counter-probe.S
	@mkdir -p $(@D)
	$(CLANG) -no-pie -o $@ $<
# The worst-case instruction bound of every entry point from the machine code
# of each target, checked against the most instructions one call executed in
# the heap test's long run (counted by $(PLUGIN) under QEMU, qemu-x86_64 on the host).
wcet: deps $(EMBEDDED_IMAGES) $(PLUGIN) $(COUNTER_PROBE)
	$(SWIFT) build -c release --product allocators-wcet
	.build/release/allocators-wcet check --dir $(EMBEDDED_DIR) --toolchain $(TOOLCHAIN_BIN) --plugin $(PLUGIN) \
	  --run $(QEMU_RUN) --probe $(COUNTER_PROBE) $(addprefix --target ,$(WCET_TARGETS))

# The LockedAllocator stress test under ThreadSanitizer, in a build directory of its own.
tsan: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan -Xswiftc -DALLOCATORS_TSAN --filter LockedAllocatorTests

docs:
	$(SWIFT) package --allow-writing-to-directory .build/docs generate-documentation --target Allocators \
	  --warnings-as-errors --output-path .build/docs

# The full benchmark (minutes; not in CI): every trace, 5 timed passes of >= 30 ms,
# the latency pass and the smallest-pool search, then the chart.
bench: bench-deps
	$(SWIFT) build -c release --product allocators-bench
	$(BENCH) --traces-dir $(TRACES) --out $(BENCH_OUT) --min-pool $(BENCH_ARGS)
	$(PYTHON) Sources/allocators-bench/plot_bench.py $(BENCH_OUT)/results.json $(BENCH_OUT)/chart.png

# The CI smoke run (about a minute): every trace and backend, one short timed
# pass each, then the instruction mode on the first 3,000 ops of each trace.
bench-smoke: bench-deps
	$(SWIFT) build -c release --product allocators-bench
	$(BENCH) --quick --traces-dir $(TRACES) --out $(BENCH_OUT)/smoke $(BENCH_ARGS)
	$(PYTHON) Sources/allocators-bench/plot_bench.py $(BENCH_OUT)/smoke/results.json $(BENCH_OUT)/smoke/chart.png
	$(BENCH) --instructions --quick --traces-dir $(TRACES) --out $(BENCH_OUT)/smoke $(BENCH_ARGS)

# Instructions instead of time (minutes; not in CI). One callgrind worker per
# trace (valgrind --tool=callgrind --collect-atstart=no --instr-atstart=no);
# per backend the check pass runs uninstrumented, then one replay of the trace
# is counted between client requests (Sources/CCallgrind); the harness's own
# count (an empty backend) is subtracted. Tables in $(BENCH_OUT)/instructions/,
# callgrind's files in $(BENCH_OUT)/instructions/callgrind/. Only running needs
# valgrind; building does not.
#
# Where the instructions go: `make bench-instructions ANNOTATE=1` runs the same
# count on a build with line tables for inlined code ($(LINES_BUILD)), prints per
# trace TLSF's 20 hottest source lines (self instructions, harness lines
# included) and saves `callgrind_annotate --auto=yes` of its replay in
# $(BENCH_OUT)/lines/instructions/annotate/TRACE.TLSF.txt (ANNOTATE=slab,buddy
# for others; BENCH_ARGS="--only TRACE" for one trace). SwiftPM's release
# configuration already compiles with -g, but code inlined from another module
# (all of the allocators, inlined into the bench) keeps its lines only when the
# modules serialize their debug scopes (LINES_FLAGS); that build's counts differ
# from the plain release build's by up to 3.4 % per op, so the tables
# of record come from the plain build (the one `make bench` times), and the
# annotated run writes its own tables beside its annotation. `<compiler-generated>`
# and line 0 are code the compiler attributes to no source line.
LINES_BUILD := .build-lines
LINES_FLAGS := -Xswiftc -Xfrontend -Xswiftc -experimental-serialize-debug-info
bench-instructions: deps
ifeq ($(ANNOTATE),)
	$(SWIFT) build -c release --product allocators-bench
	$(BENCH) --instructions --traces-dir $(TRACES) --out $(BENCH_OUT) $(BENCH_ARGS)
else
	$(SWIFT) build -c release --product allocators-bench --scratch-path $(LINES_BUILD) $(LINES_FLAGS)
	$(LINES_BUILD)/release/allocators-bench --instructions --traces-dir $(TRACES) --out $(BENCH_OUT)/lines $(ANNOTATE_ARGS) $(BENCH_ARGS)
endif

# What each hardening check costs (minutes; not in CI): the instruction count
# of the default build, then of one measurement build per check with that
# check left out (-DALLOCATORS_COST_WITHOUT_<CHECK>, the switches of
# Sources/Allocators/Core/HardeningChecks.swift; ALL leaves out every one), all
# in $(COST_BUILD), and the table of the differences per op
# ($(BENCH_OUT)/costs/results.md). The measurement builds accept the bad frees
# and forged links the hostile tests plant: they count, they do not ship.
COST_BUILD := .build-cost
COST_CHECKS := REGION_LOOKUP FREED_HEADER FREE_ARGUMENTS LINKS NEIGHBOUR_HEADERS ALL
COST_BACKENDS := TLSF,TLSF-C
bench-check-costs: deps
	$(SWIFT) build -c release --product allocators-bench
	$(BENCH) --instructions --backends $(COST_BACKENDS) --traces-dir $(TRACES) --out $(BENCH_OUT)/costs/DEFAULT $(BENCH_ARGS)
	set -e; for check in $(COST_CHECKS); do \
	  $(SWIFT) build -c release --product allocators-bench --scratch-path $(COST_BUILD) -Xswiftc -DALLOCATORS_COST_WITHOUT_$$check; \
	  $(COST_BUILD)/release/allocators-bench --instructions --backends $(COST_BACKENDS) --traces-dir $(TRACES) \
	    --out $(BENCH_OUT)/costs/$$check $(BENCH_ARGS); \
	done
	$(PYTHON) Sources/allocators-bench/check_costs.py $(BENCH_OUT)/costs | tee $(BENCH_OUT)/costs/results.md

# The measurement builds of bench-check-costs are mutants: each one, built
# for the tests, must fail the hostile suites (a test fails or the run
# faults on memory a check would have refused). Not in CI (minutes).
test-check-switches:
	mkdir -p .build-mutant; set -e; for check in $(filter-out ALL,$(COST_CHECKS)); do \
	  $(SWIFT) build --build-tests --scratch-path .build-mutant -Xswiftc -DALLOCATORS_COST_WITHOUT_$$check; \
	  if $(SWIFT) test --skip-build --scratch-path .build-mutant -Xswiftc -DALLOCATORS_COST_WITHOUT_$$check \
	      --filter "TLSFHardeningTests|UseAfterFreeTests|HostileFreeTests|FreeContractTests|TLSFModelTests" \
	      > .build-mutant/without-$$check.log 2>&1; then \
	    echo "the build without $$check passed the hostile suites: nothing checks it"; exit 1; \
	  else echo "without $$check: the hostile suites fail (.build-mutant/without-$$check.log)"; fi; \
	done

# Copies the last full run's chart and tables (time, and instructions when
# make bench-instructions ran) next to the bench sources, for the README.
bench-publish:
	cp $(BENCH_OUT)/chart.png $(BENCH_OUT)/results.md Sources/allocators-bench/results/
	if [ -f $(BENCH_OUT)/instructions/results.md ]; then cp $(BENCH_OUT)/instructions/results.md Sources/allocators-bench/results/instructions.md; fi

FUZZ_DIR := .build-fuzz
FUZZ_SECONDS ?= 60

fuzz: fuzz-tlsf fuzz-buddy-slab

# The library sources and the TLSF fuzz entry, compiled as one module with
# libFuzzer and AddressSanitizer; runs FUZZ_SECONDS seconds from a corpus in
# FUZZ_DIR, crash inputs saved there too.
fuzz-tlsf:
	@mkdir -p $(FUZZ_DIR)/corpus-tlsf
	$(SWIFTC) -sanitize=fuzzer,address -parse-as-library -O -g -module-name TLSFFuzz $(ALL_TRAITS) \
	  $(ALLOCATOR_SOURCES) Tests/Fuzz/TLSFFuzz.swift -o $(FUZZ_DIR)/tlsf-fuzz
	$(FUZZ_DIR)/tlsf-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus-tlsf

# The same for the buddy and slab allocators.
fuzz-buddy-slab:
	@mkdir -p $(FUZZ_DIR)/corpus-buddy-slab
	$(SWIFTC) -sanitize=fuzzer,address -parse-as-library -O -module-name Allocators $(ALL_TRAITS) \
	  $(ALLOCATOR_SOURCES) Tests/Fuzz/BuddySlabFuzz.swift -o $(FUZZ_DIR)/buddy-slab-fuzz
	$(FUZZ_DIR)/buddy-slab-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus-buddy-slab

# The process-wide malloc: the library (TLSF, and the slab allocator when the
# backend uses it) and Sources/AllocatorsMalloc built as Embedded Swift for
# the host, exports.c exporting the C symbols, linked into a shared object
# that exports the allocation API only and needs the C library only. The Swift
# runtime's own allocation entry points (emitted into each Embedded module)
# are renamed to the malloc's internal heap, so nothing inside it can call
# the exported malloc back; the link fails on any other undefined symbol
# than the system calls listed.
#   MALLOC_BACKEND=tlsf|slab  the byte allocator (default below, measured by bench-programs)
#   MALLOC_DEFINES=-DNAME     extra Swift conditions (the planted bugs of program-tests)
#   MALLOC_CFLAGS=-DNAME      extra C flags for exports.c (ALLOCATORS_MALLOC_ALWAYS_LOCK: no
#                             single-threaded shortcut; ALLOCATORS_MALLOC_COUNT_CONTENTION: count)
MALLOC_BACKEND ?= slab
MALLOC_DEFINES ?=
MALLOC_CFLAGS ?=
MALLOC_VARIANT ?= $(MALLOC_BACKEND)
MALLOC_DIR := .build-malloc
MALLOC_OUT = $(MALLOC_DIR)/$(MALLOC_VARIANT)
MALLOC_TARGET := x86_64-unknown-linux-gnu
MALLOC_SWIFT_FLAGS := -target $(MALLOC_TARGET) -enable-experimental-feature Embedded -wmo -parse-as-library -O \
  -Xfrontend -disable-stack-protector -enforce-exclusivity=unchecked
MALLOC_SOURCES := $(shell find Sources/AllocatorsMalloc -name '*.swift' | sort)
MALLOC_TRAITS_tlsf := -DTLSF -DBitmap
MALLOC_TRAITS_slab := -DTLSF -DBitmap -DSlab -DMALLOC_SLAB
MALLOC_LIB := $(MALLOC_DIR)/$(MALLOC_BACKEND)/libAllocatorsMalloc.so
# What the shared object may need from the C library (nothing that allocates).
MALLOC_ALLOWED_IMPORTS := __errno_location __libc_single_threaded __register_atfork __cxa_finalize abort madvise \
  memcmp memcpy memmove memset mmap mprotect munmap strlen syscall sysconf write arc4random_buf
# Embedded Swift's print (the library's corruption messages) writes through
# putchar, whose stdout buffer would come from malloc: exports.c writes each
# character to standard error instead.
# The compiler also calls malloc itself for the frames of the library's
# read accessors (coroutines), which free releases: both go to the internal heap.
MALLOC_RENAMES := --redefine-sym posix_memalign=allocators_malloc_internal_posix_memalign \
  --redefine-sym malloc=allocators_malloc_internal_malloc \
  --redefine-sym free=allocators_malloc_internal_free --redefine-sym putchar=allocators_malloc_putchar
# What the Swift objects may reference, renamed: the C library's functions
# above and the internal heap; never the exported API (the link would bind
# such a reference to the library's own malloc, under its own lock).
MALLOC_SWIFT_ALLOWED := $(MALLOC_ALLOWED_IMPORTS) allocators_malloc_internal_posix_memalign \
  allocators_malloc_internal_malloc allocators_malloc_internal_free allocators_malloc_putchar

malloc:
	@$(MAKE) --no-print-directory malloc-variant MALLOC_VARIANT=$(MALLOC_BACKEND)

malloc-variant:
	@mkdir -p $(MALLOC_OUT)
	@$(SWIFTC) $(MALLOC_SWIFT_FLAGS) $(MALLOC_TRAITS_$(MALLOC_BACKEND)) \
	  -module-name Allocators -emit-module -emit-module-path $(MALLOC_OUT)/Allocators.swiftmodule \
	  -c $(ALLOCATOR_SOURCES) -o $(MALLOC_OUT)/Allocators.o
	@$(SWIFTC) $(MALLOC_SWIFT_FLAGS) $(MALLOC_TRAITS_$(MALLOC_BACKEND)) $(MALLOC_DEFINES) \
	  -I $(MALLOC_OUT) -I Sources/AllocatorsMalloc/include \
	  -module-name AllocatorsMalloc -c $(MALLOC_SOURCES) -o $(MALLOC_OUT)/AllocatorsMalloc.o
	@for o in Allocators AllocatorsMalloc; do \
	  $(OBJCOPY) $(MALLOC_RENAMES) $(MALLOC_OUT)/$$o.o $(MALLOC_OUT)/$$o.renamed.o || exit 1; \
	  for s in $$($(NM) --undefined-only $(MALLOC_OUT)/$$o.renamed.o | awk '{print $$2}'); do \
	    case " $(MALLOC_SWIFT_ALLOWED) " in \
	      *" $$s "*) ;; *) echo "malloc: $$o.o references $$s, which is not allowed"; exit 1;; esac; \
	  done; \
	done
	@$(CLANG) -O2 -fPIC -fvisibility=hidden -std=c11 -Wall -Wextra -Werror $(MALLOC_CFLAGS) \
	  -c Sources/AllocatorsMalloc/exports.c -o $(MALLOC_OUT)/exports.o
	@$(CLANG) -shared -fPIC -Wl,-z,defs -Wl,--version-script=Sources/AllocatorsMalloc/exports.map \
	  $(MALLOC_OUT)/exports.o $(MALLOC_OUT)/AllocatorsMalloc.renamed.o $(MALLOC_OUT)/Allocators.renamed.o \
	  -o $(MALLOC_OUT)/libAllocatorsMalloc.so
	@imports="$$($(NM) -D --undefined-only $(MALLOC_OUT)/libAllocatorsMalloc.so | awk '{print $$2}' | sed 's/@.*//' | sort -u)"; \
	for s in $$imports; do \
	  case " $(MALLOC_ALLOWED_IMPORTS) _ITM_deregisterTMCloneTable _ITM_registerTMCloneTable __gmon_start__ " in \
	    *" $$s "*) ;; *) echo "malloc: libAllocatorsMalloc.so needs $$s, which is not allowed"; exit 1;; esac; \
	done
	@echo "malloc ($(MALLOC_VARIANT)): $(MALLOC_OUT)/libAllocatorsMalloc.so, $$(wc -c < $(MALLOC_OUT)/libAllocatorsMalloc.so) bytes"

# The program tests (seconds): python3 (PYTHONMALLOC=malloc), sqlite3, git and
# the Swift workload on glibc and with LD_PRELOAD of the library (each
# backend), same output and exit status required; the C API test linked
# against the library (and run on glibc too, which checks the conventions
# themselves); then each planted bug, built as a variant of the default
# backend, must make one of those checks fail.
MALLOC_PLANTS := PLANTED_MISALIGNED PLANTED_REALLOC_SHORT_COPY PLANTED_CALLOC_DIRTY PLANTED_FREE_ACCEPTS_INVALID PLANTED_RUN_NOT_RELEASED \
  PLANTED_FREE_MEMORY_NOT_RELEASED
MALLOC_API_TEST_FLAGS := -std=c11 -O1 -fno-builtin -Wall -Wextra -Werror -pthread
MALLOC_OTHER_BACKEND = $(if $(filter tlsf,$(MALLOC_BACKEND)),slab,tlsf)
program-tests: deps malloc
	$(SWIFT) build --product malloc-workload
	@$(MAKE) --no-print-directory malloc-variant MALLOC_BACKEND=$(MALLOC_OTHER_BACKEND) MALLOC_VARIANT=$(MALLOC_OTHER_BACKEND)
	@for p in $(MALLOC_PLANTS); do \
	  $(MAKE) --no-print-directory malloc-variant MALLOC_VARIANT=planted/$$p MALLOC_DEFINES=-D$$p || exit 1; \
	done
	$(CLANG) $(MALLOC_API_TEST_FLAGS) Tests/Programs/malloc_api_test.c -o $(MALLOC_DIR)/malloc-api-test-glibc
	$(MALLOC_DIR)/malloc-api-test-glibc
	$(CLANG) $(MALLOC_API_TEST_FLAGS) Tests/Programs/malloc_api_test.c -o $(MALLOC_DIR)/malloc-api-test \
	  -L $(MALLOC_DIR)/$(MALLOC_BACKEND) -lAllocatorsMalloc -Wl,-rpath,$(abspath $(MALLOC_DIR)/$(MALLOC_BACKEND))
	@libs="$$($(NM) -D --defined-only $(MALLOC_LIB) | awk '{print $$3}' | sort | tr '\n' ' ')"; \
	  echo "malloc: exports $$libs"; \
	  [ "$$libs" = "aligned_alloc calloc free malloc malloc_usable_size memalign posix_memalign pvalloc realloc reallocarray valloc " ] || \
	  { echo "malloc: unexpected exports"; exit 1; }
	@needed="$$(ldd $(MALLOC_LIB) | awk '{print $$1}' | grep -v -e linux-vdso -e ld-linux | tr '\n' ' ')"; \
	  echo "malloc: needs $$needed"; [ "$$needed" = "libc.so.6 " ] || { echo "malloc: depends on more than libc"; exit 1; }
	$(PYTHON) Tests/Programs/programs.py test --lib $(MALLOC_DIR)/$(MALLOC_OTHER_BACKEND)/libAllocatorsMalloc.so \
	  --api-test $(MALLOC_DIR)/malloc-api-test --workload $(abspath $(HOST_BUILD))/malloc-workload
	$(PYTHON) Tests/Programs/programs.py test --lib $(MALLOC_LIB) --api-test $(MALLOC_DIR)/malloc-api-test \
	  --workload $(abspath $(HOST_BUILD))/malloc-workload $(foreach p,$(MALLOC_PLANTS),--planted $(p)=$(MALLOC_DIR)/planted/$(p)/libAllocatorsMalloc.so)

# The whole-program benchmark (minutes; not in CI): the programs above at a
# larger size plus the Swift compiler building a small package (-j 1, -j 2),
# under glibc, jemalloc and mimalloc (Debian's, preloaded) and both backends
# of this malloc, BENCH_PROGRAM_RUNS runs each, interleaved: median wall
# time and peak RSS, ratios to glibc, table, JSON and chart in BENCH_PROGRAMS_OUT.
BENCH_PROGRAMS_OUT ?= .build-bench-programs
BENCH_PROGRAM_RUNS ?= 5
BENCH_PROGRAM_ARGS ?=
LIBDIR := /usr/lib/x86_64-linux-gnu
bench-programs: bench-deps
	$(SWIFT) build -c release --product malloc-workload
	@$(MAKE) --no-print-directory malloc-variant MALLOC_BACKEND=tlsf MALLOC_VARIANT=tlsf
	@$(MAKE) --no-print-directory malloc-variant MALLOC_BACKEND=slab MALLOC_VARIANT=slab
	$(PYTHON) Tests/Programs/programs.py bench --runs $(BENCH_PROGRAM_RUNS) --out $(BENCH_PROGRAMS_OUT) \
	  --lib glibc= --lib jemalloc=$(LIBDIR)/libjemalloc.so.2 --lib mimalloc=$(LIBDIR)/libmimalloc.so.2 \
	  --lib ours-tlsf=$(MALLOC_DIR)/tlsf/libAllocatorsMalloc.so --lib ours-slab=$(MALLOC_DIR)/slab/libAllocatorsMalloc.so \
	  --workload $(abspath .build/release/malloc-workload) --instructions $(BENCH_PROGRAM_ARGS)

# Copies the last whole-program run's chart and table next to the programs, for the README.
bench-programs-publish:
	mkdir -p Tests/Programs/results
	cp $(BENCH_PROGRAMS_OUT)/chart.png $(BENCH_PROGRAMS_OUT)/results.md Tests/Programs/results/

clean:
	rm -rf .build .build-tsan $(LINES_BUILD) $(COST_BUILD) .build-mutant $(EMBEDDED_DIR) $(FUZZ_DIR) $(BENCH_OUT) $(MALLOC_DIR) $(BENCH_PROGRAMS_OUT)
