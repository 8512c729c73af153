/// The one error type of every allocator in this package.
///
/// Every throwing operation either succeeds or throws one of these cases and
/// leaves the allocator exactly as it was: a failed call changes no state.
public enum AllocError: Error, Equatable, Sendable {
    /// An invalid size or alignment: zero where a positive count is needed, an
    /// alignment that is not a power of two, a size so large that rounding it
    /// would overflow, or a region too small to manage.
    case invalidParam
    /// Added memory overlaps memory the allocator already manages.
    case memoryOverlap
    /// No free space satisfies the request.
    case noMemory
    /// Deallocating memory that is not a live allocation: a double free, a
    /// foreign or interior pointer, or a size or count that does not match.
    case notAllocated
}

extension AllocError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidParam: "invalid size or alignment"
        case .memoryOverlap: "memory overlaps a managed region"
        case .noMemory: "not enough memory"
        case .notAllocated: "memory is not allocated"
        }
    }
}
