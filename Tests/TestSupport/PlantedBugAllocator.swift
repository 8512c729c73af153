import Allocators

/// A byte allocator with one deliberate bug, wrapped around a correct one:
/// the model-checked tests must catch each of these, for every allocator.
public struct PlantedBugAllocator<Base: ByteAllocator & ~Copyable>: ByteAllocator, ~Copyable {
    public enum Bug: Sendable, CaseIterable, CustomStringConvertible {
        /// Returns pointers one byte past the block (misaligned, and may leave it).
        case misalign
        /// Every eighth allocation returns the most recent live pointer again
        /// (when it is aligned enough for the request).
        case overlap
        /// Frees report success but give nothing back.
        case leak
        /// Throws `.noMemory` for any request over 64 bytes while blocks are live.
        case noMemoryWhileRoom
        /// Reports one byte more in use than the truth.
        case lyingStatistics
        /// Accepts a double free silently instead of `.notAllocated`.
        case acceptsBadFree

        public var description: String {
            switch self {
            case .misalign: "misalign"
            case .overlap: "overlap"
            case .leak: "leak"
            case .noMemoryWhileRoom: "noMemoryWhileRoom"
            case .lyingStatistics: "lyingStatistics"
            case .acceptsBadFree: "acceptsBadFree"
            }
        }

        /// Words the model's report of this bug contains.
        public var expectedReport: String {
            switch self {
            case .misalign: "not aligned"
            case .overlap: "overlaps live block"
            case .leak: "usedBytes"
            case .noMemoryWhileRoom: "lost memory"
            case .lyingStatistics: "statistics"
            case .acceptsBadFree: "was accepted"
            }
        }
    }

    public var base: Base
    public let bug: Bug
    var allocations = 0
    var lastPointer: UnsafeMutableRawPointer?
    var liveCount = 0

    public init(_ base: consuming Base, bug: Bug) {
        self.base = base
        self.bug = bug
    }

    public mutating func initialize(start: UInt, size: Int) throws(AllocError) { try base.initialize(start: start, size: size) }
    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) { try base.addMemory(start: start, size: size) }

    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        allocations += 1
        if bug == .noMemoryWhileRoom, byteCount > 64, liveCount > 0 { throw .noMemory }
        if bug == .overlap, allocations % 8 == 0, let lastPointer,
           alignment > 0, UInt(bitPattern: lastPointer) % UInt(alignment) == 0 {
            liveCount += 1
            return lastPointer
        }
        let pointer = try base.allocate(byteCount: byteCount, alignment: alignment)
        liveCount += 1
        lastPointer = pointer
        return bug == .misalign ? pointer + 1 : pointer
    }

    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        try? tryDeallocate(pointer, byteCount: byteCount, alignment: alignment)
    }

    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        switch bug {
        case .leak:
            liveCount -= 1
        case .misalign:
            try base.tryDeallocate(pointer - 1, byteCount: byteCount, alignment: alignment)
            liveCount -= 1
        case .acceptsBadFree:
            try? base.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment)
            liveCount -= 1
        default:
            try base.tryDeallocate(pointer, byteCount: byteCount, alignment: alignment)
            liveCount -= 1
        }
        if pointer == lastPointer { lastPointer = nil }
    }

    public var totalBytes: Int { base.totalBytes }
    public var usedBytes: Int { base.usedBytes + (bug == .lyingStatistics ? 1 : 0) }
    public var availableBytes: Int { base.availableBytes }
    public func manages(_ address: UInt) -> Bool { base.manages(address) }
    public func checkIntegrity() throws(IntegrityViolation) { try base.checkIntegrity() }
}
