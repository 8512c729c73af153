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
#   make fuzz      libFuzzer over the TLSF, buddy and slab allocators (not in CI; FUZZ_SECONDS=60 each)
SWIFT ?= swift
SWIFTC ?= swiftc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# valgrind: the bench's instruction mode (callgrind) and its tests; the rest of
# the bench's peers: jemalloc, mimalloc, tcmalloc (gperftools' minimal build).
APT_PACKAGES := pkg-config libz3-dev valgrind libjemalloc-dev libmimalloc-dev libtcmalloc-minimal4
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

.PHONY: deps bench-deps build test verify embedded embedded-host firmware ctest tsan docs bench bench-smoke bench-instructions bench-publish fuzz fuzz-tlsf fuzz-buddy-slab clean

# Installs what apt must provide; quiet and quick when everything is there.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] || ! pkg-config --exists z3 2>/dev/null; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
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

test: deps ctest embedded-host
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

clean:
	rm -rf .build .build-tsan $(LINES_BUILD) $(EMBEDDED_DIR) $(FUZZ_DIR) $(BENCH_OUT)
