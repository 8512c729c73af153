import Allocators
import AllocatorSpec

/// A trivially correct byte allocator (sorted free intervals in Swift arrays,
/// no headers) that the model-checking machinery is tested on, and that the
/// planted-bug wrappers break on purpose. Not for production: O(n) per op.
public struct ReferenceByteAllocator: ByteAllocator, ~Copyable {
    var regions: [Range<UInt>] = []
    var free: [Range<UInt>] = []
    var live: [UInt: (range: Range<UInt>, byteCount: Int, alignment: Int)] = [:]
    public private(set) var totalBytes = 0
    public private(set) var usedBytes = 0
    public var availableBytes: Int { totalBytes - usedBytes }
    public func manages(_ address: UInt) -> Bool { regions.contains { $0.contains(address) } }
    /// Nothing to check: the state is Swift arrays.
    public func checkIntegrity() throws(IntegrityViolation) {}

    public init() {}

    public mutating func initialize(start: UInt, size: Int) throws(AllocError) {
        try addMemory(start: start, size: size)
    }

    public mutating func addMemory(start: UInt, size: Int) throws(AllocError) {
        guard size > 0, start.addingReportingOverflow(UInt(size)).overflow == false else { throw .invalidParam }
        let range = start ..< start + UInt(size)
        guard !regions.contains(where: { $0.overlaps(range) }) else { throw .memoryOverlap }
        regions.append(range)
        release(range)
        totalBytes += size
    }

    /// The geometry: no headers, blocks of exactly max(byteCount, 1) bytes.
    public static var geometry: ByteModelGeometry {
        ByteModelGeometry(
            liveExtent: { pointer, byteCount, _ in (pointer, pointer + UInt(max(byteCount, 1))) },
            requiredGap: { byteCount, alignment in
                guard byteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(alignment)) else { return nil }
                let (need, overflow) = UInt(max(byteCount, 1)).addingReportingOverflow(UInt(alignment) - 1)
                return overflow ? nil : need
            },
            usableRange: { start, size in (start, start + UInt(size)) },
            overheadBound: { byteCount, _ in byteCount == 0 ? 1 : 0 }
        )
    }

    public mutating func allocate(byteCount: Int, alignment: Int) throws(AllocError) -> UnsafeMutableRawPointer {
        guard byteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(alignment)) else { throw .invalidParam }
        let length = UInt(max(byteCount, 1))
        for (index, interval) in free.enumerated() {
            let up = Kernels.alignUp(interval.lowerBound, to: UInt(alignment))
            guard !up.overflow, up.value <= interval.upperBound, interval.upperBound - up.value >= length else { continue }
            let block = up.value ..< up.value + length
            free.remove(at: index)
            if block.upperBound < interval.upperBound { free.insert(block.upperBound ..< interval.upperBound, at: index) }
            if interval.lowerBound < block.lowerBound { free.insert(interval.lowerBound ..< block.lowerBound, at: index) }
            live[block.lowerBound] = (block, byteCount, alignment)
            usedBytes += Int(length)
            return UnsafeMutableRawPointer(bitPattern: block.lowerBound)!
        }
        throw .noMemory
    }

    public mutating func deallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) {
        do { try tryDeallocate(pointer, byteCount: byteCount, alignment: alignment) } catch {
            preconditionFailure("ReferenceByteAllocator: deallocating memory that is not allocated")
        }
    }

    public mutating func tryDeallocate(_ pointer: UnsafeMutableRawPointer, byteCount: Int, alignment: Int) throws(AllocError) {
        let address = UInt(bitPattern: pointer)
        guard let block = live[address], block.byteCount == byteCount, block.alignment == alignment else { throw .notAllocated }
        live[address] = nil
        usedBytes -= block.range.count
        release(block.range)
    }

    /// Returns `range` to the free intervals, merging with its neighbours.
    mutating func release(_ range: Range<UInt>) {
        var merged = range
        free.removeAll { interval in
            guard interval.upperBound == merged.lowerBound || interval.lowerBound == merged.upperBound else { return false }
            merged = min(interval.lowerBound, merged.lowerBound) ..< max(interval.upperBound, merged.upperBound)
            return true
        }
        let index = free.firstIndex { $0.lowerBound > merged.lowerBound } ?? free.count
        free.insert(merged, at: index)
    }

    /// Free intervals are sorted, disjoint and not adjacent.
    public func checkIntegrity() -> String? {
        for (a, b) in zip(free, free.dropFirst()) where a.upperBound >= b.lowerBound {
            return "free intervals \(a) and \(b) touch or overlap"
        }
        return nil
    }
}
