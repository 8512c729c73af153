import Allocators

/// How a page (or ID) allocator describes which units of a region it hands
/// out, for the reference model (`PageModel`): the region given, in bytes,
/// and the number of regions accepted before it, to the managed units.
public struct PageModelGeometry: Sendable {
    /// The units handed out from the region `start ..< start + size` when
    /// `regionsBefore` regions were accepted before it; nil when the
    /// allocator must refuse the region as too small (`.invalidParam`).
    public var managedUnits: @Sendable (_ start: UInt, _ size: Int, _ regionsBefore: Int) -> Range<UInt>?

    public init(managedUnits: @escaping @Sendable (UInt, Int, Int) -> Range<UInt>?) {
        self.managedUnits = managedUnits
    }

    /// The whole pages inside `start ..< start + size`, each of `pageSize`
    /// bytes (a power of two; 1 for IDs): every page and ID allocator whose
    /// bookkeeping lives outside the region.
    public static func wholePages(pageSize: Int) -> PageModelGeometry {
        PageModelGeometry { start, size, _ in wholePages(start: start, size: size, pageSize: pageSize) }
    }

    /// `wholePages(pageSize:)` for one region.
    public static func wholePages(start: UInt, size: Int, pageSize: Int) -> Range<UInt>? {
        guard size > 0, let bytes = PageModel.run(start, size) else { return nil }
        let first = Kernels.alignUp(bytes.lowerBound, to: UInt(pageSize))
        guard !first.overflow else { return nil }
        let shift = UInt(pageSize.trailingZeroBitCount)
        let lower = first.value >> shift, upper = Kernels.alignDown(bytes.upperBound, to: UInt(pageSize)) >> shift
        return lower < upper ? lower ..< upper : nil
    }
}
