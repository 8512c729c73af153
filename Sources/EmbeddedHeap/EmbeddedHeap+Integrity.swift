import Allocators

/// The TLSF allocator's own structural check.
func heapIsConsistent() -> Bool {
    heap.base.checkIntegrity() == nil
}
