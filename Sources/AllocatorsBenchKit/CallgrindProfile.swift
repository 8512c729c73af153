/// One callgrind dump (the callgrind format, version 1), reduced to what the
/// instruction mode reads: its label, its total `Ir` (instructions
/// executed), the cost of each function with the calls it made, and the
/// self cost of each source line.
///
/// Function and file names may be compressed (`fn=(12) name` defines id 12,
/// a later `fn=(12)` refers to it), positions may be relative (`+2`, `-1`,
/// `*`); inlined code is attributed to the file of its `fi=`/`fe=` line.
public struct CallgrindProfile: Sendable {
    /// The label of the client request that wrote the dump
    /// (`desc: Trigger: Client Request: LABEL`), nil for other triggers.
    public var label: String?
    /// `totals:` (or `summary:` when there is no `totals:`), first event.
    public var total: UInt64 = 0

    public struct Call: Sendable, Equatable {
        public var count: UInt64 = 0
        /// Inclusive cost of those calls.
        public var cost: UInt64 = 0
    }

    public struct Function: Sendable {
        public var selfCost: UInt64 = 0
        /// Callee name -> calls made to it from this function.
        public var calls: [String: Call] = [:]
    }

    public var functions: [String: Function] = [:]

    public struct SourceLine: Hashable, Sendable {
        public var file: String
        public var line: Int
    }

    /// Self cost per source line (call costs excluded).
    public var lines: [SourceLine: UInt64] = [:]

    public init() {}
}

/// A callgrind file that does not parse.
public struct CallgrindFormatError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

extension CallgrindProfile {
    /// Parses the text of one dump file; `source` names it in errors.
    public static func parse(_ text: String, source: String = "<callgrind>") throws(CallgrindFormatError) -> CallgrindProfile {
        var profile = CallgrindProfile()
        var names: [String: [Int: String]] = [:] // per kind ("fn", "fl", "ob"), id -> name
        var positions = 1
        var file = "???"
        var costFile = "???"
        var function: String?
        var pendingCall: (callee: String, count: UInt64)?
        var callee = "???"
        var lastLine = 0
        var summary: UInt64?
        var totals: UInt64?
        var lineNumber = 0

        func fail(_ message: String) -> CallgrindFormatError {
            CallgrindFormatError(description: "\(source):\(lineNumber): \(message)")
        }
        /// The name of a `key=value` name line, resolving `(id) name` and `(id)`.
        func name(_ kind: String, _ value: Substring) throws(CallgrindFormatError) -> String {
            guard value.first == "(", let close = value.firstIndex(of: ")"),
                  let id = Int(value[value.index(after: value.startIndex) ..< close])
            else { return String(value) }
            let rest = value[value.index(after: close)...].drop { $0 == " " }
            if rest.isEmpty {
                guard let known = names[kind]?[id] else { throw fail("\(kind) id (\(id)) used before it is defined") }
                return known
            }
            names[kind, default: [:]][id] = String(rest)
            return String(rest)
        }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.last == "\r" ? raw.dropLast() : raw
            guard let first = line.first else { continue }
            if first.isNumber || first == "+" || first == "-" || first == "*" {
                // A cost line: positions, then event counts (Ir first).
                let fields = line.split(separator: " ")
                guard fields.count >= positions else { throw fail("cost line with too few positions") }
                let position = fields[0]
                if position == "*" {
                } else if position.first == "+" || position.first == "-" {
                    guard let delta = Int(position.dropFirst()) else { throw fail("bad position '\(position)'") }
                    lastLine += position.first == "+" ? delta : -delta
                } else {
                    guard let absolute = Int(position) else { throw fail("bad position '\(position)'") }
                    lastLine = absolute
                }
                var cost: UInt64 = 0
                if fields.count > positions {
                    guard let c = UInt64(fields[positions]) else { throw fail("bad cost '\(fields[positions])'") }
                    cost = c
                }
                guard let current = function else { throw fail("cost line outside a function") }
                if let call = pendingCall {
                    profile.functions[current, default: Function()].calls[call.callee, default: Call()].count += call.count
                    profile.functions[current, default: Function()].calls[call.callee, default: Call()].cost += cost
                    pendingCall = nil
                } else {
                    profile.functions[current, default: Function()].selfCost += cost
                    profile.lines[SourceLine(file: costFile, line: lastLine), default: 0] += cost
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                // A header line "key: value".
                if let colon = line.firstIndex(of: ":") {
                    let key = line[..<colon]
                    let value = line[line.index(after: colon)...].drop { $0 == " " }
                    switch key {
                    case "positions": positions = max(1, value.split(separator: " ").count)
                    case "summary": summary = value.split(separator: " ").first.flatMap { UInt64($0) }
                    case "totals": totals = value.split(separator: " ").first.flatMap { UInt64($0) }
                    case "desc":
                        let trigger = "Trigger: Client Request: "
                        if value.hasPrefix(trigger) { profile.label = String(value.dropFirst(trigger.count)) }
                    default: break
                    }
                }
                continue
            }
            let key = line[..<equals]
            let value = line[line.index(after: equals)...]
            switch key {
            case "fl":
                file = try name("fl", value)
                costFile = file
            case "fi", "fe":
                costFile = try name("fl", value)
            case "fn":
                function = try name("fn", value)
                costFile = file
            case "cfn":
                callee = try name("fn", value)
            case "cfi", "cfl":
                _ = try name("fl", value)
            case "ob", "cob":
                _ = try name("ob", value)
            case "calls":
                guard let count = value.split(separator: " ").first.flatMap({ UInt64($0) }) else { throw fail("bad calls line") }
                pendingCall = (callee, count)
            default:
                break
            }
        }
        guard let total = totals ?? summary else {
            lineNumber = 0
            throw fail("no totals: or summary: line (is this a callgrind file?)")
        }
        profile.total = total
        return profile
    }

    /// The functions whose names contain `marker`, taken together: their
    /// inclusive cost (their own instructions and those of every call they
    /// make to functions outside the set) and the calls made into the set
    /// from outside. Calls inside the set (a merged function's thunk jumping
    /// to its body) are not counted twice.
    public func inclusive(matching marker: String) -> (calls: UInt64, cost: UInt64) {
        var calls: UInt64 = 0
        var cost: UInt64 = 0
        for (name, f) in functions {
            let inside = name.contains(marker)
            if inside { cost += f.selfCost }
            for (target, call) in f.calls {
                let targetInside = target.contains(marker)
                if inside && !targetInside { cost += call.cost }
                if !inside && targetInside { calls += call.count }
            }
        }
        return (calls, cost)
    }

    /// The `count` source lines with the highest self cost, highest first.
    public func topLines(_ count: Int) -> [(line: SourceLine, cost: UInt64)] {
        lines.sorted { $0.value != $1.value ? $0.value > $1.value : ($0.key.file, $0.key.line) < ($1.key.file, $1.key.line) }
            .prefix(count).map { ($0.key, $0.value) }
    }
}
