@testable import Allocators
import Testing

/// Memory for one buddy test: an aligned buffer freed with the object, so a
/// test's regions and bookkeeping buffers outlive the allocator using them.
final class BuddyTestMemory: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let size: Int

    init(size: Int, alignment: Int = 1 << 16) {
        self.size = size
        base = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(size, 1), alignment: alignment)
        base.initializeMemory(as: UInt8.self, repeating: 0xEE, count: Swift.max(size, 1))
    }

    deinit { base.deallocate() }

    /// The address `offset` bytes into the buffer.
    func address(_ offset: Int) -> UInt { UInt(bitPattern: base + offset) }

    /// The buffer `offset ..< offset + count`.
    func buffer(_ offset: Int, _ count: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: base + offset, count: count)
    }

    /// The bytes `offset ..< offset + count`, to compare before and after.
    func bytes(_ offset: Int, _ count: Int) -> [UInt8] { Array(UnsafeRawBufferPointer(buffer(offset, count))) }
}

/// The three places a buddy allocator can keep its bookkeeping.
enum BuddyStorageKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case carved, buffer, platform

    var testDescription: String { rawValue }

    /// The storage, with `.buffer` storage in `memory`.
    func storage(_ memory: BuddyTestMemory) -> BookkeepingStorage {
        switch self {
        case .carved: .carved
        case .buffer: .buffer(memory.buffer(0, memory.size))
        case .platform: .platform
        }
    }
}

extension BuddyByteAllocator {
    /// The first word of the free block at `block` (its next link; 1: its previous).
    static func linkWord(_ block: UnsafeMutableRawPointer, _ index: Int) -> UnsafeMutablePointer<UInt> {
        block.assumingMemoryBound(to: UInt.self) + index
    }
}

/// The integrity error of `allocator`, or nil.
func integrityError(_ allocator: borrowing BuddyByteAllocator) -> IntegrityViolation? {
    do throws(IntegrityViolation) { try allocator.checkIntegrity(); return nil } catch { return error }
}
