import Allocators
import TestSupport

/// Each allocator's integrity check as the searches take it: one adapter per
/// allocator, so that moving every check to one throwing protocol requirement
/// changes one line here per allocator.
enum ExhaustiveIntegrity {
    static func tlsf<Configuration>(_ allocator: inout TLSFAllocator<Configuration>) -> String? {
        do { try allocator.checkIntegrity(); return nil } catch { return "\(error)" }
    }

    static func buddy(_ allocator: inout BuddyByteAllocator) -> String? {
        allocator.checkIntegrity().map { "\($0)" }
    }

    static func slab<Backing: ByteAllocator & ~Copyable>(_ allocator: inout SlabAllocator<Backing>) -> String? {
        allocator.checkIntegrity().map { "slab: \($0)" }
    }

    static func pages<let bytesPerPage: Int>(_ allocator: borrowing BitmapPageAllocator<bytesPerPage>) -> String? {
        allocator.checkIntegrity().map { "\($0)" }
    }

    static func ids(_ allocator: borrowing BitmapIDAllocator) -> String? {
        allocator.checkIntegrity().map { "\($0)" }
    }
}
