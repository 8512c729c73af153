#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Real memory for the regions of a model-checked run: one aligned buffer,
/// with regions at chosen offsets (odd ones included) and sizes.
public struct RegionLayout: Sendable {
    /// Offset from the arena's aligned base, and size, of each region.
    public var regions: [(offset: Int, size: Int)]
    /// Alignment of the arena's base (so offsets give known alignments).
    public var baseAlignment: Int
    /// Whether every whole page between the regions is unmapped, so that the
    /// regions are separate mappings with holes between them, as real kernels
    /// and `mmap`-grown heaps have (`PoolArena` on Linux; elsewhere the
    /// layout stays one buffer).
    public var unmapsHoles: Bool

    public init(regions: [(offset: Int, size: Int)], baseAlignment: Int = 1 << 16, unmapsHoles: Bool = false) {
        self.regions = regions
        self.baseAlignment = baseAlignment
        self.unmapsHoles = unmapsHoles
    }

    /// Bytes the arena needs.
    public var arenaSize: Int { regions.map { $0.offset + $0.size }.max() ?? 0 }

    /// One region of `size` bytes at `offset`.
    public static func single(size: Int, offset: Int = 0) -> RegionLayout {
        RegionLayout(regions: [(offset, size)])
    }

    /// The same regions as separate mappings, with every whole page between
    /// them unmapped.
    public var separatelyMapped: RegionLayout {
        RegionLayout(regions: regions, baseAlignment: baseAlignment, unmapsHoles: true)
    }

    /// Whether this platform can unmap the holes (Linux: `mmap`/`munmap`).
    public static var canUnmapHoles: Bool {
        #if canImport(Glibc)
        true
        #else
        false
        #endif
    }
}

/// The arena's memory; release it after the allocator using it is gone.
///
/// One buffer from the platform allocator, or, for a layout that
/// `unmapsHoles` on Linux, one `mmap` of the whole span from which every
/// page no region touches is unmapped again (`holes`): a read there faults.
/// Beside the regions the arena keeps a page of its own outside all of them
/// (`outside`), which hostile steps write into freed blocks as a forged link.
public struct PoolArena: ~Copyable {
    public let base: UnsafeMutableRawPointer
    public let layout: RegionLayout
    /// The gaps between consecutive regions (in address order) that no
    /// region touches: unmapped whole pages when the layout `unmapsHoles`,
    /// otherwise the buffer's bytes between the regions.
    public let holes: [Range<UInt>]
    /// One zeroed, page-aligned page that belongs to no region.
    public let outside: UnsafeMutableRawPointer
    /// The mapping (start, length) when the arena was mapped, for `munmap`.
    let mapping: (start: UnsafeMutableRawPointer, length: Int)?

    public static var pageSize: Int { Int(sysconf(Int32(_SC_PAGESIZE))) }

    public init(_ layout: RegionLayout) {
        self.layout = layout
        let page = Self.pageSize
        outside = UnsafeMutableRawPointer.allocate(byteCount: page, alignment: page)
        outside.initializeMemory(as: UInt8.self, repeating: 0, count: page)
        let sorted = layout.regions.filter { $0.size > 0 }.sorted { $0.offset < $1.offset }
        #if canImport(Glibc)
        if layout.unmapsHoles {
            let alignment = Swift.max(layout.baseAlignment, page)
            let span = roundUp(Swift.max(layout.arenaSize, 1), page)
            // Over-map by the alignment, then trim to an aligned span.
            let length = span + alignment
            guard let raw = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), raw != MAP_FAILED else {
                fatalError("PoolArena: mmap of \(length) bytes failed")
            }
            let start = UInt(bitPattern: raw), aligned = UInt(roundUp(Int(start), alignment))
            if aligned > start { munmap(raw, Int(aligned - start)) }
            let tail = Int(start) + length - (Int(aligned) + span)
            if tail > 0 { munmap(UnsafeMutableRawPointer(bitPattern: aligned + UInt(span)), tail) }
            base = UnsafeMutableRawPointer(bitPattern: aligned)!
            mapping = (base, span)
            // Unmap every whole page that no region touches.
            var holes: [Range<UInt>] = []
            var cursor = 0
            for region in sorted + [(offset: span, size: 0)] {
                let lower = roundUp(cursor, page), upper = region.offset / page * page
                if upper > lower {
                    munmap(base + lower, upper - lower)
                    if cursor > 0, region.offset < span { holes.append(aligned + UInt(lower) ..< aligned + UInt(upper)) }
                }
                cursor = Swift.max(cursor, region.offset + region.size)
            }
            self.holes = holes
            return
        }
        #endif
        base = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(layout.arenaSize, 1), alignment: layout.baseAlignment)
        mapping = nil
        var holes: [Range<UInt>] = []
        var cursor: Int?
        for region in sorted {
            if let end = cursor, region.offset > end {
                holes.append(UInt(bitPattern: base + end) ..< UInt(bitPattern: base + region.offset))
            }
            cursor = Swift.max(cursor ?? 0, region.offset + region.size)
        }
        self.holes = holes
    }

    deinit {
        outside.deallocate()
        #if canImport(Glibc)
        if let mapping {
            // Unmapping pages that are unmapped already is harmless.
            munmap(mapping.start, mapping.length)
            return
        }
        #endif
        base.deallocate()
    }

    /// Start address and size of each region.
    public var regions: [(start: UInt, size: Int)] {
        layout.regions.map { (UInt(bitPattern: base + $0.offset), $0.size) }
    }
}

/// `value` rounded up to a multiple of the power of two `alignment`.
private func roundUp(_ value: Int, _ alignment: Int) -> Int {
    (value + alignment - 1) & ~(alignment - 1)
}
