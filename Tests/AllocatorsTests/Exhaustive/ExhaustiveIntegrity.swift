import Allocators
import TestSupport

/// Each allocator's integrity check as the byte searches take it (they hand
/// the allocator over `inout`): `integrityMessage`, nil when the state is
/// consistent, else what broke and where. The page searches take
/// `integrityMessage` itself. The slab's check includes its backing's.
enum ExhaustiveIntegrity {
    static func check<A: BaseAllocator & ~Copyable>(_ allocator: inout A) -> String? { integrityMessage(allocator) }
}
