# Allocators: model-checked memory allocators in Swift.
#   make verify    prove the kernel lemmas (the main job)
#   make test      run the property-based tests against the Z3 models
#   make embedded  build the library as Embedded Swift for two bare-metal targets
#   make fuzz      libFuzzer over the buddy and slab allocators (not in CI; FUZZ_SECONDS=60)
SWIFT ?= swift
SWIFTC ?= swiftc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := pkg-config libz3-dev
EMBEDDED_TARGETS := riscv32-none-none-eabi armv7em-none-none-eabi
EMBEDDED_DIR := .build-embedded
ALLOCATOR_SOURCES := $(shell find Sources/Allocators -name '*.swift' | sort)

.PHONY: deps build test verify embedded fuzz clean

# Installs what apt must provide; quiet and quick when everything is there.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ] || ! pkg-config --exists z3 2>/dev/null; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) test

verify: deps
	$(SWIFT) build -c release --product allocators-verify
	.build/release/allocators-verify

embedded:
	@for t in $(EMBEDDED_TARGETS); do \
	  mkdir -p $(EMBEDDED_DIR)/$$t && \
	  $(SWIFTC) -target $$t -enable-experimental-feature Embedded -wmo -parse-as-library -Osize \
	    -module-name Allocators -emit-module -emit-module-path $(EMBEDDED_DIR)/$$t/Allocators.swiftmodule \
	    -c $(ALLOCATOR_SOURCES) -o $(EMBEDDED_DIR)/$$t/Allocators.o || exit 1; \
	  echo "embedded $$t: $$(wc -c < $(EMBEDDED_DIR)/$$t/Allocators.o) bytes of object code"; \
	done

FUZZ_DIR := .build-fuzz
FUZZ_SECONDS ?= 60

# The library sources and one fuzz target, compiled as one module with the
# fuzzer and address sanitizer; runs FUZZ_SECONDS seconds from a corpus in FUZZ_DIR.
fuzz:
	@mkdir -p $(FUZZ_DIR)/corpus-buddy-slab
	$(SWIFTC) -sanitize=fuzzer,address -parse-as-library -O -module-name Allocators \
	  $(ALLOCATOR_SOURCES) Fuzz/BuddySlabFuzz.swift -o $(FUZZ_DIR)/buddy-slab-fuzz
	$(FUZZ_DIR)/buddy-slab-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 $(FUZZ_DIR)/corpus-buddy-slab

clean:
	rm -rf .build $(EMBEDDED_DIR) $(FUZZ_DIR)
