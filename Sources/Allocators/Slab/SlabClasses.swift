#if Slab
/// The size classes of `SlabAllocator`, from its kernels: class `i` holds
/// `Kernels.slabClassSize(i)` bytes; a slab block of `slabBytes` bytes
/// serves the classes with at least `minimumObjectsPerSlab` objects per slab.
///
/// Worst-case internal fragmentation (lemma `slabClassIndex.smallestClassThatFits`):
/// an object wastes less than 16 bytes or less than a quarter of the request.
public enum SlabClasses {
    /// The largest class has at least this many objects per slab.
    public static var minimumObjectsPerSlab: UInt { 8 }

    /// Number of classes a slab block of `slabBytes` bytes serves.
    public static func classCount(slabBytes: UInt) -> Int {
        let largest = slabBytes / minimumObjectsPerSlab
        var count = 0
        while Kernels.slabClassSize(index: UInt(count)) <= largest { count += 1 }
        return count
    }

    /// The class serving `byteCount` bytes aligned to `alignment` when the
    /// largest class is `largestClassSize`, or nil when the request goes to the
    /// backing allocator (too big, too aligned) or is malformed.
    ///
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public static func index(byteCount: Int, alignment: Int, largestClassSize: UInt) -> Int? {
        guard byteCount >= 0, alignment > 0, Kernels.isPowerOfTwo(UInt(alignment)) else { return nil }
        let request = Kernels.slabRequestSize(byteCount: UInt(byteCount), alignment: UInt(alignment))
        guard !request.overflow, request.size <= largestClassSize else { return nil }
        return Int(bitPattern: Kernels.slabClassIndex(size: request.size))
    }
}
#endif
