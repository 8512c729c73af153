#if TLSF
extension MallocHeap where Base: ~Copyable {
    /// `reallocate` for a TLSF heap: resizes in place when TLSF can (shrinking,
    /// or growing into a free next block), otherwise moves, keeping the
    /// block's alignment. A nil pointer allocates; a zero size frees and
    /// returns nil; on failure returns nil and the block is unchanged.
    ///
    /// - Complexity: O(1) in place; O(size) when it moves.
    public mutating func reallocate<Configuration: TLSFConfiguration>(
        _ pointer: UnsafeMutableRawPointer?, byteCount: Int
    ) -> UnsafeMutableRawPointer? where Base == TLSFAllocator<Configuration> {
        guard let pointer else { return allocate(byteCount: byteCount, alignment: Self.headerSize) }
        guard byteCount > 0 else {
            if byteCount == 0 { free(pointer) }
            return nil
        }
        let (inner, offset) = Self.header(of: pointer)
        let (newInner, overflow) = byteCount.addingReportingOverflow(offset)
        guard !overflow,
            let block = try? base.reallocate(pointer - offset, byteCount: inner, newByteCount: newInner, alignment: offset)
        else { return nil }
        let moved = block + offset
        (moved - Self.headerSize).assumingMemoryBound(to: Int.self)[0] = newInner
        return moved
    }
}
#endif
