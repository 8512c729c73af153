/// How an entry point may loop.
public enum EntryKind: Sendable {
    /// No loop and no recursion on any path that returns (TLSF).
    case loopFree
    /// Loops only where `LoopBound` states a bound, which the analysis uses.
    case boundedLoops
}

/// An entry point: its symbol, what it may do, and the callees whose calls
/// mark a path outside its bound (`cuts`: symbol substrings).
public struct EntrySpec: Sendable {
    public var symbol: String
    public var kind: EntryKind
    public var cuts: [String]
    public var summary: String
    /// A planted entry the analysis must reject (the check's negative twin).
    public var mustBeRejected: Bool

    public init(symbol: String, kind: EntryKind, cuts: [String] = [], summary: String, mustBeRejected: Bool = false) {
        self.symbol = symbol
        self.kind = kind
        self.cuts = cuts
        self.summary = summary
        self.mustBeRejected = mustBeRejected
    }
}

/// The most iterations of a loop whose header lies in a function whose
/// (mangled) name contains `function`, one figure per nesting level of such
/// loops (outermost first; the last repeats), and why the source guarantees it.
public struct LoopBound: Sendable {
    public var function: String
    public var iterations: [Int]
    public var reason: String

    public init(function: String, iterations: [Int], reason: String) {
        self.function = function
        self.iterations = iterations
        self.reason = reason
    }
}

/// The most bytes one x86 `rep` string instruction (`rep movs`, `rep
/// stos`) on a bounded entry's paths moves or fills when the code does not
/// fix its count (a constant in rcx on every path to it is read from the
/// code instead), and why the source guarantees it: the passes are these
/// bytes over the width of one pass.
public struct RepeatBound: Sendable {
    public var bytes: Int
    public var reason: String

    public init(bytes: Int, reason: String) {
        self.bytes = bytes
        self.reason = reason
    }
}

/// A loop found on an entry point's paths.
public struct LoopReport: Sendable {
    public var header: UInt64
    public var function: String
    public var source: String
    public var iterations: Int?
    public var reason: String
}

/// What the analysis found for one entry point.
public struct EntryResult: Sendable {
    /// Instructions on the longest path from the entry to a return.
    public var instructions: Int
    /// Stack bytes of the deepest call chain (return addresses included).
    public var stackBytes: Int
    public var loops: [LoopReport]
    public var violations: [String]
    public var functions: Int
}

/// Bounds entry points of one image from its disassembly: builds each
/// reached function's control-flow graph (instructions as nodes), keeps the
/// paths that return (a path that ends in a trap, or in a call that never
/// returns, ends the program and is left out), finds loops (back edges of a
/// depth-first walk, natural loops merged by header) and recursion, and
/// takes the longest path with each loop's body counted as often as its
/// bound allows.
public final class Analyzer {
    public let architecture: Architecture
    let functions: [UInt64: Function]
    let symbols: [String: UInt64]
    let bounds: [LoopBound]
    /// The stated bound of an x86 `rep` string instruction whose count the code does not fix.
    let repeatBound: RepeatBound?
    /// The inlining frames (innermost first) and source line of an address.
    let symbolize: (UInt64) -> (frames: [String], line: String)

    public init(architecture: Architecture, functions: [Function], bounds: [LoopBound], repeatBound: RepeatBound? = nil,
                symbolize: @escaping (UInt64) -> (frames: [String], line: String)) {
        self.repeatBound = repeatBound
        self.architecture = architecture
        var byStart: [UInt64: Function] = [:]
        var symbols: [String: UInt64] = [:]
        for function in functions where !function.instructions.isEmpty {
            byStart[function.start] = function
            symbols[function.name] = function.start
        }
        self.functions = byStart
        self.symbols = symbols
        self.bounds = bounds
        self.symbolize = symbolize
    }

    public func address(of symbol: String) -> UInt64? { symbols[symbol] }

    /// The instruction at `address`, in whichever function holds it.
    func instruction(at address: UInt64) -> Instruction? {
        let start = functions.keys.filter { $0 <= address }.max()
        return start.flatMap { functions[$0]?.instructions.first { $0.address == address } }
    }

    /// Addresses of the functions whose names contain one of `cuts`.
    public func cutAddresses(_ cuts: [String]) -> [UInt64] {
        functions.values.filter { f in cuts.contains { f.name.contains($0) } }.map(\.start).sorted()
    }

    public func analyze(_ entry: EntrySpec) -> EntryResult {
        guard let start = symbols[entry.symbol] else {
            return EntryResult(instructions: 0, stackBytes: 0, loops: [], violations: ["no symbol \(entry.symbol)"], functions: 0)
        }
        var run = Run(analyzer: self, entry: entry)
        let summary = run.summary(start)
        var violations = summary.violations
        if summary.cost == nil { violations.append("\(entry.symbol) never returns") }
        return EntryResult(instructions: summary.cost ?? 0, stackBytes: summary.stack, loops: summary.loops,
                           violations: violations, functions: run.memo.count)
    }
}

/// A function's cost (nil: it never returns) and stack depth.
struct Summary {
    var cost: Int?
    var stack: Int
    /// What the function and the callees on its returning paths broke, and
    /// the loops on those paths (a callee reached only on a path that ends
    /// the program adds nothing).
    var violations: [String] = []
    var loops: [LoopReport] = []
}

/// One entry point's analysis: the summaries of the functions it reaches.
struct Run {
    let analyzer: Analyzer
    let entry: EntrySpec
    var memo: [UInt64: Summary] = [:]
    var active: [UInt64] = []
    var violations: [String] = []
    var loops: [LoopReport] = []

    init(analyzer: Analyzer, entry: EntrySpec) {
        self.analyzer = analyzer
        self.entry = entry
    }

    func isCut(_ address: UInt64) -> Bool {
        guard let f = analyzer.functions[address] else { return false }
        return entry.cuts.contains { f.name.contains($0) }
    }

    mutating func summary(_ start: UInt64) -> Summary {
        if let known = memo[start] { return known }
        guard let function = analyzer.functions[start] else {
            // A shared trap instruction with no symbol of its own never returns.
            if let instruction = analyzer.instruction(at: start), analyzer.architecture.flow(of: instruction, previous: nil) == .trap {
                return Summary(cost: nil, stack: 0)
            }
            return Summary(cost: 0, stack: 0, violations: ["a call into code with no symbol at 0x\(String(start, radix: 16))"])
        }
        if active.contains(start) {
            return Summary(cost: 0, stack: 0, violations: ["recursion: \(function.name) calls itself through \(active.count) frame(s)"])
        }
        active.append(start)
        let outerViolations = violations, outerLoops = loops
        violations = []
        loops = []
        var result = analyzeFunction(function)
        result.violations = violations
        result.loops = loops
        violations = outerViolations
        loops = outerLoops
        active.removeLast()
        memo[start] = result
        return result
    }

    enum NodeKind { case plain, returns, excluded }

    mutating func analyzeFunction(_ function: Function) -> Summary {
        let arch = analyzer.architecture
        let instructions = function.instructions
        let n = instructions.count
        var index: [UInt64: Int] = [:]
        for (i, instruction) in instructions.enumerated() { index[instruction.address] = i }
        var successors = Array(repeating: [Int](), count: n)
        var cost = Array(repeating: 1, count: n)
        var returns = Array(repeating: false, count: n)
        var callees: [(node: Int, start: UInt64, tail: Bool)] = []
        var problems: [Int: String] = [:]
        var repeated: [Int] = []
        // The frame this function keeps, and the most it takes for a moment
        // beyond it without a call (x86's `push $N; pop %reg`, its red zone).
        var frame = 0
        var transient = 0

        for i in 0 ..< n {
            let instruction = instructions[i]
            let use = arch.stackUse(of: instruction, next: i + 1 < n ? instructions[i + 1] : nil)
            frame += use.kept
            transient = max(transient, use.momentary)
            let flow = arch.flow(of: instruction, previous: i > 0 ? instructions[i - 1] : nil)
            func goOn() {
                if i + 1 < n { successors[i].append(i + 1) } else { problems[i] = "falls off the end of \(function.name)" }
            }
            switch flow {
            case .next: goOn()
            case let .jump(target, conditional):
                if let t = index[target] {
                    successors[i].append(t)
                } else if analyzer.functions[target] != nil {
                    // A tail call: the callee's cost, then its return is ours.
                    if isCut(target) { break }
                    let callee = summary(target)
                    if let c = callee.cost {
                        cost[i] = 1 + c
                        returns[i] = true
                        callees.append((i, target, true))
                    }
                } else {
                    problems[i] = "a jump into the middle of other code at 0x\(String(target, radix: 16))"
                }
                if conditional { goOn() }
            case let .call(target):
                if isCut(target) { break }
                let callee = summary(target)
                if let c = callee.cost {
                    cost[i] = 1 + c
                    callees.append((i, target, false))
                    goOn()
                }
            case let .ret(conditional):
                returns[i] = true
                if conditional { goOn() }
            case .trap: break
            case .indirect: problems[i] = "an indirect jump or call (\(instruction.mnemonic) \(instruction.operands))"
            case .repeated:
                // Its count is read below, from the constants that reach it.
                repeated.append(i)
                goOn()
            }
        }
        let repeatLoops = boundRepeated(repeated, in: instructions, successors: successors, cost: &cost, problems: &problems)

        // The nodes on paths from the start to a return.
        var reachable = Array(repeating: false, count: n)
        var stack = [0]
        reachable[0] = true
        while let v = stack.popLast() {
            for w in successors[v] where !reachable[w] {
                reachable[w] = true
                stack.append(w)
            }
        }
        for (node, problem) in problems.sorted(by: { $0.key < $1.key }) where reachable[node] {
            violations.append("\(location(instructions[node].address)): \(problem)")
        }
        var predecessors = Array(repeating: [Int](), count: n)
        for v in 0 ..< n where reachable[v] { for w in successors[v] { predecessors[w].append(v) } }
        var live = Array(repeating: false, count: n)
        stack = (0 ..< n).filter { reachable[$0] && returns[$0] }
        for v in stack { live[v] = true }
        while let v = stack.popLast() {
            for u in predecessors[v] where !live[u] {
                live[u] = true
                stack.append(u)
            }
        }
        guard live[0] else { return Summary(cost: nil, stack: frame + transient) }
        for (node, report) in repeatLoops where live[node] { loops.append(report) }
        for (node, callee, _) in callees where live[node] {
            if let s = memo[callee] {
                violations += s.violations
                loops += s.loops
            }
        }

        // Loops: back edges of a depth-first walk over the live nodes.
        var state = Array(repeating: 0, count: n)  // 0 new, 1 on the walk's stack, 2 done
        var backEdges: [(from: Int, to: Int)] = []
        var walk: [(node: Int, next: Int)] = [(0, 0)]
        state[0] = 1
        while !walk.isEmpty {
            let (v, k) = walk[walk.count - 1]
            let next = successors[v].filter { live[$0] }
            if k < next.count {
                walk[walk.count - 1].next += 1
                let w = next[k]
                if state[w] == 0 {
                    state[w] = 1
                    walk.append((w, 0))
                } else if state[w] == 1 {
                    backEdges.append((v, w))
                }
            } else {
                state[v] = 2
                walk.removeLast()
            }
        }
        var bodies: [Int: Set<Int>] = [:]
        for (from, header) in backEdges {
            var body: Set<Int> = bodies[header] ?? [header]
            var work: [Int] = []
            if body.insert(from).inserted { work.append(from) }
            while let v = work.popLast() {
                for u in predecessors[v] where live[u] && !body.contains(u) {
                    body.insert(u)
                    work.append(u)
                }
            }
            bodies[header] = body
        }
        // Innermost first.
        let headers = bodies.keys.sorted { bodies[$0]!.count < bodies[$1]!.count }
        var representative = Array(0 ..< n)
        var nodeCost = cost
        var nodeSuccessors = successors
        var nodeReturns = returns
        func rep(_ v: Int) -> Int {
            var r = v
            while representative[r] != r { r = representative[r] }
            return r
        }
        for header in headers {
            let body = bodies[header]!
            for v in body where v != header && predecessors[v].contains(where: { live[$0] && !body.contains($0) }) {
                violations.append("\(location(instructions[v].address)): a loop entered other than at its header (irreducible)")
                return Summary(cost: 0, stack: frame)
            }
            let (frames, line) = analyzer.symbolize(instructions[header].address)
            // The header's inlining frames and source file, then the body's
            // (where debug information names no function at the header).
            var names = frames + [line]
            for v in body.sorted() where v != header {
                let (bodyFrames, bodyLine) = analyzer.symbolize(instructions[v].address)
                names += bodyFrames + [bodyLine]
            }
            let matched = boundFor(frames: names, header: header, bodies: bodies) { instructions[$0].address }
            let report = LoopReport(header: instructions[header].address, function: frames.first ?? function.name, source: line,
                                    iterations: matched?.iterations, reason: matched?.reason ?? "no bound stated")
            loops.append(report)
            switch entry.kind {
            case .loopFree:
                violations.append("\(location(instructions[header].address)): a loop in an O(1) path")
            case .boundedLoops where matched == nil:
                violations.append("\(location(instructions[header].address)): a loop with no stated bound")
            default: break
            }
            // Collapse the body into its header: the longest single pass from
            // the header, times the number of passes the bound allows.
            let members = Set(body.map(rep))
            let h = rep(header)
            guard let pass = longestPath(from: h, within: members, rep: rep, cost: nodeCost, successors: nodeSuccessors, skipInto: h) else {
                violations.append("\(location(instructions[header].address)): a cycle left inside a loop body (irreducible)")
                return Summary(cost: 0, stack: frame)
            }
            let passes = (matched?.iterations ?? 0) + 1
            var exits = Set<Int>()
            var anyReturn = false
            for m in members {
                anyReturn = anyReturn || nodeReturns[m]
                for w in nodeSuccessors[m] where !members.contains(rep(w)) { exits.insert(rep(w)) }
            }
            for m in members where m != h { representative[m] = h }
            nodeCost[h] = passes * pass
            nodeSuccessors[h] = Array(exits)
            nodeReturns[h] = anyReturn
        }
        let all = Set((0 ..< n).filter { live[$0] }.map(rep))
        guard let total = longestPath(from: rep(0), within: all, rep: rep, cost: nodeCost, successors: nodeSuccessors,
                                      skipInto: nil, endsAt: { nodeReturns[$0] })
        else {
            violations.append("\(function.name): a cycle left after collapsing loops")
            return Summary(cost: 0, stack: frame)
        }
        var deepest = 0
        for (node, callee, tail) in callees where live[node] {
            let s = memo[callee]?.stack ?? 0
            deepest = max(deepest, tail ? s : arch.callBytes + s)
        }
        return Summary(cost: total, stack: frame + max(transient, deepest))
    }

    /// The longest path (sum of node costs) from `start` over nodes of
    /// `within`, ending anywhere (or only where `endsAt` holds), ignoring
    /// edges into `skipInto` (a loop's back edges); nil when the nodes hold
    /// a cycle or no end is reached.
    func longestPath(from start: Int, within: Set<Int>, rep: (Int) -> Int, cost: [Int], successors: [[Int]],
                     skipInto: Int?, endsAt: ((Int) -> Bool)? = nil) -> Int? {
        var best: [Int: Int?] = [:]
        var onStack: Set<Int> = []
        var cyclic = false
        func visit(_ v: Int) -> Int? {
            if let known = best[v] { return known }
            if onStack.contains(v) {
                cyclic = true
                return nil
            }
            onStack.insert(v)
            var tail: Int? = (endsAt.map { $0(v) } ?? true) ? 0 : nil
            for w in successors[v].map(rep) where within.contains(w) && w != skipInto && w != v {
                if let t = visit(w) { tail = max(tail ?? t, t) }
            }
            onStack.remove(v)
            let result = tail.map { $0 + cost[v] }
            best[v] = .some(result)
            return result
        }
        let result = visit(start)
        return cyclic ? nil : result
    }

    /// The stated bound for a loop whose header has these inlining frames:
    /// the first frame (innermost out) a `LoopBound` names, at the loop's
    /// nesting level among that function's loops.
    func boundFor(frames: [String], header: Int, bodies: [Int: Set<Int>], addressOf: (Int) -> UInt64) -> (iterations: Int, reason: String)? {
        for frame in frames {
            guard let bound = analyzer.bounds.first(where: { frame.contains($0.function) }) else { continue }
            let depth = bodies.filter { $0.key != header && $0.value.contains(header) && $0.value.count > bodies[header]!.count }
                .filter { outer in analyzer.symbolize(addressOf(outer.key)).frames.contains { $0.contains(bound.function) } }
                .count
            return (bound.iterations[min(depth, bound.iterations.count - 1)], "\(bound.function): \(bound.reason)")
        }
        return nil
    }

    /// The cost of each x86 `rep` string instruction among `nodes`: with
    /// the count N in rcx that every path to it agrees on (read from the
    /// code: `mov $N`, `push $N; pop`, register copies), N + 1 executions
    /// for N > 0 (QEMU, whose count the bound is checked against, runs the
    /// instruction once per pass and once more to find the count spent;
    /// the counter probe of `make wcet` checks it), 1 for N = 0. With no
    /// constant count, in an entry with bounded loops, the bytes the entry
    /// table states (`repeatBound`) over the width of one pass, as a loop
    /// of that many passes (returned, by node, for the loops found); in an
    /// O(1) entry, or with no stated bound, a violation.
    func boundRepeated(_ nodes: [Int], in instructions: [Instruction], successors: [[Int]], cost: inout [Int],
                       problems: inout [Int: String]) -> [(node: Int, report: LoopReport)] {
        guard !nodes.isEmpty else { return [] }
        let known = x86ConstantsBefore(instructions, successors: successors)
        var reports: [(node: Int, report: LoopReport)] = []
        for i in nodes {
            guard let state = known[i] else { continue }  // on no path from the start
            let instruction = instructions[i]
            let width = stringElementBytes(instruction.operands)
            if let count = state.values[.rcx] {
                guard count < 1 << 20 else {
                    problems[i] = "a repeated string instruction with a count of \(count)"
                    continue
                }
                cost[i] = count == 0 ? 1 : Int(count) + 1
                continue
            }
            switch (entry.kind, analyzer.repeatBound) {
            case (.loopFree, _):
                problems[i] = "a loop in an O(1) path: a repeated string instruction (\(instruction.operands)) with no constant count"
            case (.boundedLoops, nil):
                problems[i] = "a repeated string instruction (\(instruction.operands)) with no constant count and no stated bound"
            case let (.boundedLoops, bound?):
                let passes = bound.bytes / width
                cost[i] = passes + 1
                let (frames, line) = analyzer.symbolize(instruction.address)
                reports.append((i, LoopReport(header: instruction.address, function: frames.first ?? "", source: line,
                                              iterations: passes, reason: "rep: \(bound.reason)")))
            }
        }
        return reports
    }

    func location(_ address: UInt64) -> String {
        let (frames, line) = analyzer.symbolize(address)
        return "0x\(String(address, radix: 16)) (\(frames.first.map(shortName) ?? "?") \(line))"
    }
}

/// A mangled Swift name cut to its readable identifiers, for messages.
public func shortName(_ name: String) -> String {
    name.count > 60 ? String(name.prefix(60)) + "…" : name
}
