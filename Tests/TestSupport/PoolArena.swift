/// Real memory for the regions of a model-checked run: one aligned buffer,
/// with regions at chosen offsets (odd ones included) and sizes.
public struct RegionLayout: Sendable {
    /// Offset from the arena's aligned base, and size, of each region.
    public var regions: [(offset: Int, size: Int)]
    /// Alignment of the arena's base (so offsets give known alignments).
    public var baseAlignment: Int

    public init(regions: [(offset: Int, size: Int)], baseAlignment: Int = 1 << 16) {
        self.regions = regions
        self.baseAlignment = baseAlignment
    }

    /// Bytes the arena needs.
    public var arenaSize: Int { regions.map { $0.offset + $0.size }.max() ?? 0 }

    /// One region of `size` bytes at `offset`.
    public static func single(size: Int, offset: Int = 0) -> RegionLayout {
        RegionLayout(regions: [(offset, size)])
    }
}

/// The arena's buffer; deallocate it after the allocator using it is gone.
public struct PoolArena: ~Copyable {
    public let base: UnsafeMutableRawPointer
    public let layout: RegionLayout

    public init(_ layout: RegionLayout) {
        self.layout = layout
        base = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(layout.arenaSize, 1), alignment: layout.baseAlignment)
    }

    deinit { base.deallocate() }

    /// Start address and size of each region.
    public var regions: [(start: UInt, size: Int)] {
        layout.regions.map { (UInt(bitPattern: base + $0.offset), $0.size) }
    }
}
