import Allocators

extension PageModelGeometry {
    /// `BitmapPageAllocator` with `.carved` bookkeeping: the whole pages of
    /// the region less its first `ceil(b / pageSize)`, where b is the
    /// allocator's `bookkeepingByteCount` for the region (carved from the
    /// first whole page, which is aligned for it); nil when nothing is left.
    public static func carvedBitmap<let bytesPerPage: Int>(_: BitmapPageAllocator<bytesPerPage>.Type) -> PageModelGeometry {
        PageModelGeometry { start, size, regionsBefore in
            guard let pages = wholePages(start: start, size: size, pageSize: bytesPerPage),
                  let bytes = BitmapPageAllocator<bytesPerPage>.bookkeepingByteCount(start: start, size: size, regionsBefore: regionsBefore)
            else { return nil }
            let carved = UInt((bytes + bytesPerPage - 1) / bytesPerPage)
            return carved < UInt(pages.count) ? pages.lowerBound + carved ..< pages.upperBound : nil
        }
    }
}
