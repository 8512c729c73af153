/// The hardening checks of the allocators' hot paths, one switch each, all on
/// in every build but the measurement builds of `make bench-check-costs`.
///
/// That target builds the benchmark once per switch with
/// `-DALLOCATORS_COST_WITHOUT_<CHECK>` (and once with all of them), counts
/// instructions per operation under callgrind as `make bench-instructions`
/// does, and prints what each check costs: the default build's count less the
/// measurement build's. A measurement build is a mutant too: it accepts the
/// bad frees and forged links the hostile tests plant (`TLSFHardeningTests`,
/// `HostileFreeTests`, `UseAfterFreeTests`), so it is for counting only.
/// Every switch is a constant, so the default build's code is the same as
/// with no switch at all.
@usableFromInline
enum HardeningChecks {
    /// A freed pointer's pool is found in the region table before its header
    /// is read (TLSF's `usedBlock`).
    @inlinable @inline(__always)
    static var regionLookup: Bool {
        #if ALLOCATORS_COST_WITHOUT_REGION_LOOKUP || ALLOCATORS_COST_WITHOUT_ALL
        false
        #else
        true
        #endif
    }

    /// A freed pointer's header agrees: used, not a sentinel, a whole size
    /// inside its pool, the next block's boundary tag pointing back.
    @inlinable @inline(__always)
    static var freedHeader: Bool {
        #if ALLOCATORS_COST_WITHOUT_FREED_HEADER || ALLOCATORS_COST_WITHOUT_ALL
        false
        #else
        true
        #endif
    }

    /// The sized free's size and alignment describe the block.
    @inlinable @inline(__always)
    static var freeArguments: Bool {
        #if ALLOCATORS_COST_WITHOUT_FREE_ARGUMENTS || ALLOCATORS_COST_WITHOUT_ALL
        false
        #else
        true
        #endif
    }

    /// Every free-list link read from a free block is inside a pool and links
    /// back before it is followed (safe unlink), and a block without a
    /// previous link is its list's head.
    @inlinable @inline(__always)
    static var links: Bool {
        #if ALLOCATORS_COST_WITHOUT_LINKS || ALLOCATORS_COST_WITHOUT_ALL
        false
        #else
        true
        #endif
    }

    /// The header of a free neighbour about to be merged, and of a block
    /// taken off a list about to be carved, agrees (free, a whole size inside
    /// its pool, boundary tags pointing back).
    @inlinable @inline(__always)
    static var neighbourHeaders: Bool {
        #if ALLOCATORS_COST_WITHOUT_NEIGHBOUR_HEADERS || ALLOCATORS_COST_WITHOUT_ALL
        false
        #else
        true
        #endif
    }
}
