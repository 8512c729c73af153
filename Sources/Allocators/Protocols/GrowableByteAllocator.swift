/// A byte allocator that can say how large a fresh region must be for a
/// request to succeed in it, so that a `GlobalAllocator` can grow it by the
/// right amount when it answers `.noMemory`.
public protocol GrowableByteAllocator: ByteAllocator, ~Copyable {
    /// An empty allocator.
    init()

    /// The size of a region that, given fresh (to `initialize` when
    /// `initial`, else to `addMemory`) at any address, guarantees that a
    /// request of `byteCount` bytes aligned to `alignment` succeeds in it;
    /// nil when the request is invalid. It follows from the allocator's
    /// completeness guarantee and its per-region overhead.
    static func regionSize(serving byteCount: Int, alignment: Int, initial: Bool) -> Int?
}
