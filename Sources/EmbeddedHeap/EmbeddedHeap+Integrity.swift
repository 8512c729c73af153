import Allocators

/// The TLSF allocator's own structural check.
func heapIsConsistent() -> Bool {
    (try? heap.checkIntegrity()) != nil
}
