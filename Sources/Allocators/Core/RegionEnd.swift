/// The end of the region `start ..< start + size`, or nil when the region is
/// empty, has a negative size or wraps the address space: the first check of
/// every `addMemory` (and of the geometry functions that mirror it).
@inlinable @inline(__always)
func regionEnd(start: UInt, size: Int) -> UInt? {
    guard size > 0 else { return nil }
    let (end, wrapped) = start.addingReportingOverflow(UInt(bitPattern: size))
    return wrapped ? nil : end
}
