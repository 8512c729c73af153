# Allocators: model-checked memory allocators in Swift.
#   make verify    prove the kernel lemmas (the main job)
#   make test      the C interface test, the Embedded example run on the host, the Swift tests
#   make embedded  build the library, the Embedded heap and an example firmware
#                  for two bare-metal targets, plus a TLSF-only library (sizes reported)
#   make tsan      the thread-safety stress test under ThreadSanitizer
#   make docs      the DocC documentation of Allocators, warnings as errors
#   make bench     replay the shared traces on our allocators and glibc, jemalloc, mimalloc
#                  (table, CSV, JSON, chart in .build-bench/); make bench-smoke is the CI run
#   make fuzz      libFuzzer over the TLSF, buddy and slab allocators (not in CI; FUZZ_SECONDS=60 each)
#   make malloc    the process-wide malloc, .build-malloc/<backend>/libAllocatorsMalloc.so (LD_PRELOAD or link)
#   make program-tests  real programs (python3, sqlite3, git, a Swift program) on it against glibc,
#                  its C API and error paths, and its planted bugs (part of make test)
#   make bench-programs  the same programs, longer, and the Swift compiler, under glibc, jemalloc,
#                  mimalloc and this malloc: wall time, peak RSS (table and chart in .build-bench-programs/)
SWIFT ?= swift
SWIFTC ?= swiftc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := pkg-config libz3-dev libjemalloc-dev libmimalloc-dev
# The real programs of the malloc program tests (Debian's, not the toolchain's python).
PROGRAM_APT_PACKAGES := python3 sqlite3 git
# Only for the chart of make bench / bench-smoke (Debian's matplotlib, for /usr/bin/python3).
BENCH_APT_PACKAGES := python3-matplotlib
PYTHON ?= /usr/bin/python3
TRACES ?= ../shared/bench/traces
BENCH_OUT ?= .build-bench
BENCH := .build/release/allocators-bench
BENCH_ARGS ?=
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

.PHONY: deps bench-deps build test verify embedded embedded-host firmware ctest tsan docs bench bench-smoke bench-publish fuzz fuzz-tlsf fuzz-buddy-slab malloc malloc-variant program-tests bench-programs bench-programs-publish clean

# Installs what apt must provide; quiet and quick when everything is there.
deps:
	@missing=""; for p in $(APT_PACKAGES) $(PROGRAM_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] || ! pkg-config --exists z3 2>/dev/null; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) $(PROGRAM_APT_PACKAGES) >/dev/null; \
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

test: deps ctest embedded-host program-tests
	$(SWIFT) test

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

# Per target: the library (all traits), a TLSF-only library, the Embedded heap
# and the example firmware with its board file, linked into one relocatable
# object whose only undefined symbols must be compiler builtins (`__udivdi3`,
# `__aeabi_*`: compiler-rt, which this toolchain does not ship for bare metal).
embedded:
	@for t in $(EMBEDDED_TARGETS); do \
	  d=$(EMBEDDED_DIR)/$$t; mkdir -p $$d/tlsf-only && \
	  $(SWIFTC) -target $$t $(EMBEDDED_FLAGS) $(ALL_TRAITS) \
	    -module-name Allocators -emit-module -emit-module-path $$d/Allocators.swiftmodule \
	    -c $(ALLOCATOR_SOURCES) -o $$d/Allocators.o || exit 1; \
	  o=$$d/Allocators.o; echo "embedded $$t: library, all traits: $$($(TEXT_BYTES)) bytes of code ($$(wc -c < $$o)-byte object)"; \
	  $(SWIFTC) -target $$t $(EMBEDDED_FLAGS) $(TLSF_ONLY_TRAITS) \
	    -module-name Allocators -emit-module -emit-module-path $$d/tlsf-only/Allocators.swiftmodule \
	    -c $(ALLOCATOR_SOURCES) -o $$d/tlsf-only/Allocators.o || exit 1; \
	  o=$$d/tlsf-only/Allocators.o; echo "embedded $$t: library, TLSF only: $$($(TEXT_BYTES)) bytes of code ($$(wc -c < $$o)-byte object)"; \
	  $(MAKE) --no-print-directory firmware TARGET=$$t TRAITS="$(TLSF_ONLY_TRAITS)" || exit 1; \
	done

# One firmware build: the Embedded heap and the example over a library built
# with TRAITS for TARGET (a bare-metal triple, or the host's for embedded-host).
FIRMWARE_DIR = $(EMBEDDED_DIR)/$(TARGET)/firmware
firmware:
	@mkdir -p $(FIRMWARE_DIR)
	@$(SWIFTC) -target $(TARGET) $(EMBEDDED_FLAGS) $(TRAITS) \
	  -module-name Allocators -emit-module -emit-module-path $(FIRMWARE_DIR)/Allocators.swiftmodule \
	  -c $(ALLOCATOR_SOURCES) -o $(FIRMWARE_DIR)/Allocators.o
	@$(SWIFTC) -target $(TARGET) $(EMBEDDED_FLAGS) $(TRAITS) -I $(FIRMWARE_DIR) \
	  -module-name EmbeddedHeap -emit-module -emit-module-path $(FIRMWARE_DIR)/EmbeddedHeap.swiftmodule \
	  -c $(HEAP_SOURCES) -o $(FIRMWARE_DIR)/EmbeddedHeap.o
	@$(CLANG) -target $(TARGET) -ffreestanding -Os -c Sources/EmbeddedHeap/exports.c -o $(FIRMWARE_DIR)/exports.o
	@$(SWIFTC) -target $(TARGET) $(EMBEDDED_FLAGS) $(TRAITS) -I $(FIRMWARE_DIR) \
	  -module-name Firmware -c $(EXAMPLE_SOURCES) -o $(FIRMWARE_DIR)/Firmware.o
	@if [ "$(HOST)" = 1 ]; then \
	  for o in Allocators EmbeddedHeap exports Firmware; do \
	    $(OBJCOPY) --redefine-sym posix_memalign=firmware_posix_memalign --redefine-sym free=firmware_free \
	      $(FIRMWARE_DIR)/$$o.o $(FIRMWARE_DIR)/$$o.host.o || exit 1; \
	  done; \
	  $(CLANG) $(FIRMWARE_DIR)/Allocators.host.o $(FIRMWARE_DIR)/EmbeddedHeap.host.o $(FIRMWARE_DIR)/exports.host.o \
	    $(FIRMWARE_DIR)/Firmware.host.o \
	    -o $(FIRMWARE_DIR)/firmware; \
	else \
	  $(CLANG) -target $(TARGET) -ffreestanding -Os -c Sources/EmbeddedExample/Board/board.c -o $(FIRMWARE_DIR)/board.o && \
	  $(LLD) -r --gc-sections -e _start $(FIRMWARE_DIR)/board.o $(FIRMWARE_DIR)/Allocators.o \
	    $(FIRMWARE_DIR)/EmbeddedHeap.o $(FIRMWARE_DIR)/exports.o $(FIRMWARE_DIR)/Firmware.o -o $(FIRMWARE_DIR)/firmware.o && \
	  missing="$$($(NM) -u $(FIRMWARE_DIR)/firmware.o | awk '{print $$2}' | grep -v '^__' | tr '\n' ' ')"; \
	  if [ -n "$$missing" ]; then echo "embedded $(TARGET): firmware needs undefined symbols: $$missing"; exit 1; fi; \
	  echo "embedded $(TARGET): firmware links (only compiler builtins left: $$($(NM) -u $(FIRMWARE_DIR)/firmware.o | awk '{print $$2}' | tr '\n' ' '))"; \
	  o=$(FIRMWARE_DIR)/EmbeddedHeap.o; echo "embedded $(TARGET): Embedded heap (TLSF specialized in): $$($(TEXT_BYTES)) bytes of code"; \
	  o=$(FIRMWARE_DIR)/firmware.o; echo "embedded $(TARGET): example firmware, all linked: $$($(TEXT_BYTES)) bytes of code"; \
	fi

# The example firmware, built as Embedded Swift for the host and run: the same
# objects, with posix_memalign and free renamed so that only the Swift runtime
# (not the C library) uses the TLSF heap.
embedded-host:
	@$(MAKE) --no-print-directory firmware TARGET=x86_64-unknown-linux-gnu TRAITS="$(TLSF_ONLY_TRAITS)" HOST=1
	$(EMBEDDED_DIR)/x86_64-unknown-linux-gnu/firmware/firmware

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

# The CI smoke run (seconds): every trace and backend, one short pass each.
bench-smoke: bench-deps
	$(SWIFT) build -c release --product allocators-bench
	$(BENCH) --quick --traces-dir $(TRACES) --out $(BENCH_OUT)/smoke $(BENCH_ARGS)
	$(PYTHON) Sources/allocators-bench/plot_bench.py $(BENCH_OUT)/smoke/results.json $(BENCH_OUT)/smoke/chart.png

# Copies the last full run's chart and table next to the bench sources, for the README.
bench-publish:
	cp $(BENCH_OUT)/chart.png $(BENCH_OUT)/results.md Sources/allocators-bench/results/

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
MALLOC_BACKEND ?= tlsf
MALLOC_DEFINES ?=
MALLOC_CFLAGS ?=
MALLOC_VARIANT ?= $(MALLOC_BACKEND)
MALLOC_DIR := .build-malloc
MALLOC_OUT = $(MALLOC_DIR)/$(MALLOC_VARIANT)
MALLOC_TARGET := x86_64-unknown-linux-gnu
MALLOC_SWIFT_FLAGS := -target $(MALLOC_TARGET) -enable-experimental-feature Embedded -wmo -parse-as-library -O \
  -Xfrontend -disable-stack-protector -enforce-exclusivity=unchecked
MALLOC_SOURCES := $(shell find Sources/AllocatorsMalloc -name '*.swift' | sort)
MALLOC_TRAITS_tlsf := -DTLSF
MALLOC_TRAITS_slab := -DTLSF -DSlab -DMALLOC_SLAB
MALLOC_LIB := $(MALLOC_DIR)/$(MALLOC_BACKEND)/libAllocatorsMalloc.so
# What the shared object may need from the C library (nothing that allocates).
MALLOC_ALLOWED_IMPORTS := __errno_location __libc_single_threaded __register_atfork __cxa_finalize abort madvise \
  memcmp memcpy memmove memset mmap mprotect syscall sysconf write arc4random_buf
MALLOC_RENAMES := --redefine-sym posix_memalign=allocators_malloc_internal_posix_memalign \
  --redefine-sym free=allocators_malloc_internal_free

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
MALLOC_PLANTS := PLANTED_MISALIGNED PLANTED_REALLOC_SHORT_COPY PLANTED_CALLOC_DIRTY PLANTED_FREE_ACCEPTS_INVALID
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
	rm -rf .build .build-tsan $(EMBEDDED_DIR) $(FUZZ_DIR) $(BENCH_OUT) $(MALLOC_DIR) $(BENCH_PROGRAMS_OUT)
