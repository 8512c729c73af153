import Allocators
import TestSupport

/// Each allocator's integrity check as the searches take it: nil when the
/// state is consistent, else what broke and where (`BaseAllocator.checkIntegrity()`,
/// through `integrityMessage`). The slab's includes its backing allocator's.
enum ExhaustiveIntegrity {
    static func tlsf<Configuration>(_ allocator: inout TLSFAllocator<Configuration>) -> String? { integrityMessage(allocator) }

    static func buddy(_ allocator: inout BuddyByteAllocator) -> String? { integrityMessage(allocator) }

    static func slab<Backing: ByteAllocator & ~Copyable>(_ allocator: inout SlabAllocator<Backing>) -> String? {
        integrityMessage(allocator)
    }

    static func pages<let bytesPerPage: Int>(_ allocator: borrowing BitmapPageAllocator<bytesPerPage>) -> String? {
        integrityMessage(allocator)
    }

    static func ids(_ allocator: borrowing BitmapIDAllocator) -> String? { integrityMessage(allocator) }
}
