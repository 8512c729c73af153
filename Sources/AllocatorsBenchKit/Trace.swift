#if canImport(Glibc)
import Glibc
#endif

/// One operation of a parsed trace, resolved so the replay loop needs no
/// lookups: a free carries the size and alignment its allocation had.
///
/// Page ops (`p`/`q`) become byte ops of `pages * pageSize` bytes, which is
/// how a byte allocator replays them; a page backend divides by its page size.
@frozen
public struct BenchOp: Equatable, Sendable {
    @frozen
    public enum Code: UInt8, Sendable { case allocate, free, reallocate }
    public var code: Code
    public var slot: Int32
    /// Bytes to allocate (`allocate`, the new size of `reallocate`) or to free.
    public var size: Int
    public var alignment: Int
    /// The size before a `reallocate`; 0 otherwise.
    public var oldSize: Int

    @inlinable
    public init(code: Code, slot: Int32, size: Int, alignment: Int, oldSize: Int = 0) {
        self.code = code
        self.slot = slot
        self.size = size
        self.alignment = alignment
        self.oldSize = oldSize
    }
}

/// A trace in the shared format (TRACES.md), parsed and validated before any timing.
public struct Trace: Sendable {
    public enum Kind: String, Sendable { case bytes, pages }
    public var name: String
    public var kind: Kind
    public var slots: Int
    /// The pool size the trace is designed for.
    public var pool: Int
    public var pageSize: Int
    public var peakLiveBytes: Int
    public var ops: [BenchOp]
    public var source: String
}

/// A trace file that does not follow the format: the file, the line and what is wrong.
public struct TraceError: Error, CustomStringConvertible, Sendable {
    public var source: String
    public var line: Int
    public var message: String
    public var description: String { line > 0 ? "\(source):\(line): \(message)" : "\(source): \(message)" }
}

extension Trace {
    /// Reads and parses the trace file at `path`; with `prefix`, only its
    /// first `prefix` ops (see `parse(_:source:prefix:)`).
    public static func load(path: String, prefix: Int? = nil) throws(TraceError) -> Trace {
        let bytes: [UInt8]
        do { bytes = try readBytes(path) } catch { throw TraceError(source: path, line: 0, message: error.reason) }
        return try parse(bytes, source: path, prefix: prefix)
    }

    /// Parses trace text; every malformed line or inconsistent op is an error naming its line.
    public static func parse(_ text: String, source: String = "<text>", prefix: Int? = nil) throws(TraceError) -> Trace {
        try parse(Array(text.utf8), source: source, prefix: prefix)
    }

    /// Parses trace bytes. With `prefix`, parsing stops after that many ops
    /// (the header is still validated, the rest of the file is not read) and
    /// a free is appended for every block still live, in slot order, so the
    /// shortened trace also ends with nothing live: the quick runs replay it.
    public static func parse(_ bytes: [UInt8], source: String, prefix: Int? = nil) throws(TraceError) -> Trace {
        var header: [String: String] = [:]
        var ops: [BenchOp] = []
        var sawOp = false
        // Per slot: size and alignment of the live block, or nil.
        var live: [(size: Int, alignment: Int)?] = []
        var liveCount = 0
        var kind: Kind?
        var pageSize = 4096
        var lineNumber = 0
        var start = 0
        func fail(_ message: String) -> TraceError { TraceError(source: source, line: lineNumber, message: message) }

        if let prefix, prefix < 1 { throw fail("a prefix needs at least one op, not \(prefix)") }
        var truncated = false
        while start < bytes.count {
            if let prefix, ops.count >= prefix {
                truncated = true
                break
            }
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            var line = bytes[start ..< end]
            start = end + 1
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty { continue }
            if line.first == UInt8(ascii: "#") {
                let text = String(decoding: line.dropFirst(), as: UTF8.self)
                let parts = text.split(separator: " ", maxSplits: 1)
                guard !sawOp, let key = parts.first else { continue }
                let value = parts.count > 1 ? String(parts[1]) : ""
                header[String(key)] = value
                if key == "kind" {
                    guard let k = Kind(rawValue: value) else { throw fail("kind must be bytes or pages, not '\(value)'") }
                    kind = k
                }
                if key == "slots" {
                    guard let n = Int(value), n >= 0, n <= Int(Int32.max) else { throw fail("bad slot count '\(value)'") }
                    live = Array(repeating: nil, count: n)
                }
                if key == "page_size" {
                    guard let n = Int(value), n > 0, n & (n - 1) == 0 else { throw fail("page_size must be a power of two") }
                    pageSize = n
                }
                continue
            }
            if !sawOp {
                sawOp = true
                guard header["trace"] != nil else { throw fail("missing '# trace NAME' header before the first op") }
                guard kind != nil else { throw fail("missing '# kind bytes|pages' header before the first op") }
                guard header["slots"] != nil else { throw fail("missing '# slots N' header before the first op") }
                guard let p = header["pool"], let n = Int(p), n > 0 else { throw fail("missing or bad '# pool BYTES' header") }
                ops.reserveCapacity(Int(header["ops"] ?? "") ?? 0)
            }
            let fields = line.split(separator: UInt8(ascii: " "))
            guard let verb = fields.first, verb.count == 1 else { throw fail("expected an op letter a/f/r/p/q") }
            var numbers: [Int] = []
            for field in fields.dropFirst() {
                guard let n = Int(String(decoding: field, as: UTF8.self)), n >= 0 else {
                    throw fail("'\(String(decoding: field, as: UTF8.self))' is not an unsigned number")
                }
                numbers.append(n)
            }
            let letter = verb.first!
            let expected: Int
            switch letter {
            case UInt8(ascii: "a"), UInt8(ascii: "p"): expected = 3
            case UInt8(ascii: "r"): expected = 2
            case UInt8(ascii: "f"), UInt8(ascii: "q"): expected = 1
            default: throw fail("unknown op '\(Character(Unicode.Scalar(letter)))'")
            }
            guard numbers.count == expected else { throw fail("op '\(Character(Unicode.Scalar(letter)))' takes \(expected) numbers, found \(numbers.count)") }
            let isPageOp = letter == UInt8(ascii: "p") || letter == UInt8(ascii: "q")
            guard isPageOp == (kind == .pages) else { throw fail("op '\(Character(Unicode.Scalar(letter)))' in a trace of kind \(kind!.rawValue)") }
            let slot = numbers[0]
            guard slot < live.count else { throw fail("slot \(slot) out of range (# slots \(live.count))") }
            switch letter {
            case UInt8(ascii: "a"), UInt8(ascii: "p"):
                guard live[slot] == nil else { throw fail("slot \(slot) is already live") }
                let alignment = numbers[2]
                guard alignment > 0, alignment & (alignment - 1) == 0 else { throw fail("alignment \(alignment) is not a power of two") }
                let size: Int
                if isPageOp {
                    guard numbers[1] >= 1 else { throw fail("a page run needs at least one page") }
                    guard alignment >= pageSize else { throw fail("page alignment \(alignment) below the page size \(pageSize)") }
                    let (s, o) = numbers[1].multipliedReportingOverflow(by: pageSize)
                    guard !o else { throw fail("run too long") }
                    size = s
                } else {
                    guard numbers[1] >= 1 else { throw fail("size must be at least 1") }
                    size = numbers[1]
                }
                live[slot] = (size, alignment)
                liveCount += 1
                ops.append(BenchOp(code: .allocate, slot: Int32(slot), size: size, alignment: alignment))
            case UInt8(ascii: "f"), UInt8(ascii: "q"):
                guard let block = live[slot] else { throw fail("slot \(slot) is not live") }
                live[slot] = nil
                liveCount -= 1
                ops.append(BenchOp(code: .free, slot: Int32(slot), size: block.size, alignment: block.alignment))
            default: // r
                guard let block = live[slot] else { throw fail("slot \(slot) is not live") }
                guard numbers[1] >= 1 else { throw fail("size must be at least 1") }
                live[slot] = (numbers[1], block.alignment)
                ops.append(BenchOp(code: .reallocate, slot: Int32(slot), size: numbers[1], alignment: block.alignment, oldSize: block.size))
            }
        }
        lineNumber = 0
        guard sawOp else { throw fail("no ops (is this a trace file?)") }
        if truncated {
            for (slot, block) in live.enumerated() {
                guard let block else { continue }
                ops.append(BenchOp(code: .free, slot: Int32(slot), size: block.size, alignment: block.alignment))
            }
            liveCount = 0
        } else if let declared = header["ops"].flatMap({ Int($0) }), declared != ops.count {
            throw fail("header says \(declared) ops, the file has \(ops.count)")
        }
        guard liveCount == 0 else { throw fail("the trace ends with \(liveCount) live blocks, so it cannot be repeated") }
        return Trace(
            name: header["trace"]!, kind: kind!, slots: live.count, pool: Int(header["pool"]!)!,
            pageSize: pageSize, peakLiveBytes: Int(header["peak_live_bytes"] ?? "") ?? 0, ops: ops, source: source)
    }
}
