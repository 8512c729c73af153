# Allocators: model-checked memory allocators in Swift.
#   make verify    prove the kernel lemmas (the main job)
#   make test      run the property-based tests against the Z3 models
#   make embedded  build the library as Embedded Swift for two bare-metal targets
#   make fuzz      libFuzzer over the TLSF, buddy and slab allocators (not in CI; FUZZ_SECONDS=60 each)
SWIFT ?= swift
SWIFTC ?= swiftc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := pkg-config libz3-dev
EMBEDDED_TARGETS := riscv32-none-none-eabi armv7em-none-none-eabi
EMBEDDED_DIR := .build-embedded
ALLOCATOR_SOURCES := $(shell find Sources/Allocators -name '*.swift' | sort)

.PHONY: deps build test verify embedded fuzz fuzz-tlsf fuzz-buddy-slab clean

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

fuzz: fuzz-tlsf fuzz-buddy-slab

# The library sources and the TLSF fuzz entry, compiled as one module with
# libFuzzer and AddressSanitizer; runs FUZZ_SECONDS seconds from a corpus in
# FUZZ_DIR, crash inputs saved there too.
fuzz-tlsf:
	@mkdir -p $(FUZZ_DIR)/corpus-tlsf
	$(SWIFTC) -sanitize=fuzzer,address -parse-as-library -O -g -module-name TLSFFuzz \
	  $(ALLOCATOR_SOURCES) Tests/Fuzz/TLSFFuzz.swift -o $(FUZZ_DIR)/tlsf-fuzz
	$(FUZZ_DIR)/tlsf-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus-tlsf

# The same for the buddy and slab allocators.
fuzz-buddy-slab:
	@mkdir -p $(FUZZ_DIR)/corpus-buddy-slab
	$(SWIFTC) -sanitize=fuzzer,address -parse-as-library -O -module-name Allocators \
	  $(ALLOCATOR_SOURCES) Tests/Fuzz/BuddySlabFuzz.swift -o $(FUZZ_DIR)/buddy-slab-fuzz
	$(FUZZ_DIR)/buddy-slab-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus-buddy-slab

clean:
	rm -rf .build $(EMBEDDED_DIR) $(FUZZ_DIR)
