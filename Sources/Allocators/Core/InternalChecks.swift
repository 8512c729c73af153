extension BaseAllocator where Self: ~Copyable {
    /// `checkIntegrity()`, trapping with what it found, when the package is
    /// built with `-DALLOCATORS_INTERNAL_CHECKS` (`make test` does); an empty
    /// inline function otherwise, so release builds pay nothing. Every
    /// allocator calls it at the end of each mutating operation (the
    /// `_checkInvariants()` pattern of swift-collections).
    @inlinable @inline(__always)
    func checkInvariants() {
        #if ALLOCATORS_INTERNAL_CHECKS
        do throws(IntegrityViolation) { try checkIntegrity() } catch {
            fatalError("internal check failed: \(error)")
        }
        #endif
    }
}
