import Allocators

// One adapter for every allocator: the heap test asks each allocator's own
// structural check (`BaseAllocator.checkIntegrity()`) through this alone. It
// returns what broke (the address is printed by the caller when it wants it),
// or nil when the structure is consistent.

func checkedIntegrity<A: BaseAllocator & ~Copyable>(_ allocator: borrowing A) -> StaticString? {
    do throws(IntegrityViolation) { try allocator.checkIntegrity() } catch { return error.problem }
    return nil
}
