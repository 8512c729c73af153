/// One operation of an allocation trace, in the format of the shared
/// benchmark traces (`a`/`f`/`r` for bytes, `p`/`q` for pages), so a failing
/// sequence found by a property test can be printed and replayed.
public enum TraceOp: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// `a ID SIZE ALIGN`: allocate `size` bytes aligned to `alignment` into slot `slot`.
    case allocate(slot: Int, size: Int, alignment: Int)
    /// `f ID`: free the block in slot `slot`.
    case free(slot: Int)
    /// `r ID NEWSIZE`: reallocate slot `slot` to `newSize`, keeping its alignment.
    case reallocate(slot: Int, newSize: Int)
    /// `p ID NPAGES ALIGN_BYTES`: allocate `pages` pages aligned to `alignment` bytes.
    case allocatePages(slot: Int, pages: Int, alignment: Int)
    /// `q ID`: free the page run in slot `slot`.
    case freePages(slot: Int)

    public var description: String {
        switch self {
        case .allocate(let slot, let size, let alignment): "a \(slot) \(size) \(alignment)"
        case .free(let slot): "f \(slot)"
        case .reallocate(let slot, let newSize): "r \(slot) \(newSize)"
        case .allocatePages(let slot, let pages, let alignment): "p \(slot) \(pages) \(alignment)"
        case .freePages(let slot): "q \(slot)"
        }
    }

    /// Parses one op line; nil for comments, blank lines and malformed lines.
    public init?(line: Substring) {
        let fields = line.split(separator: " ")
        guard let kind = fields.first, !kind.hasPrefix("#") else { return nil }
        let numbers = fields.dropFirst().compactMap { Int($0) }
        guard numbers.count == fields.count - 1 else { return nil }
        switch (kind, numbers.count) {
        case ("a", 3): self = .allocate(slot: numbers[0], size: numbers[1], alignment: numbers[2])
        case ("f", 1): self = .free(slot: numbers[0])
        case ("r", 2): self = .reallocate(slot: numbers[0], newSize: numbers[1])
        case ("p", 3): self = .allocatePages(slot: numbers[0], pages: numbers[1], alignment: numbers[2])
        case ("q", 1): self = .freePages(slot: numbers[0])
        default: return nil
        }
    }
}

/// A replayable trace: the header lines of the shared format, then the ops.
public func renderTrace(name: String, kind: String, pool: Int, ops: [TraceOp], pageSize: Int? = nil) -> String {
    let slots = (ops.map { op -> Int in
        switch op {
        case .allocate(let s, _, _), .free(let s), .reallocate(let s, _), .allocatePages(let s, _, _), .freePages(let s): s
        }
    }.max() ?? -1) + 1
    var lines = ["# trace \(name)", "# kind \(kind)", "# ops \(ops.count)", "# slots \(slots)", "# pool \(pool)"]
    if let pageSize { lines.append("# page_size \(pageSize)") }
    lines += ops.map(\.description)
    return lines.joined(separator: "\n")
}
