// A Swift workload for the malloc program tests: class instances, arrays,
// dictionaries and strings, all allocated by the Swift runtime through the
// C allocator. Deterministic: the same output on every allocator.
// Usage: malloc-workload SCALE (1 = the test's size).

final class TreeNode {
    var key: Int
    var label: String
    var children: [TreeNode] = []
    weak var parent: TreeNode?

    init(key: Int, label: String) {
        self.key = key
        self.label = label
    }
}

/// SplitMix64, seeded: the same sequence everywhere.
struct SeededRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

func buildTree(nodes: Int, random: inout SeededRandom) -> TreeNode {
    let root = TreeNode(key: 0, label: "root")
    var all = [root]
    for key in 1 ..< nodes {
        let parent = all[random.next(below: all.count)]
        let child = TreeNode(key: key, label: "node-\(key)-\(parent.label.count)")
        child.parent = parent
        parent.children.append(child)
        all.append(child)
    }
    return root
}

func checksum(_ node: TreeNode) -> (count: Int, keys: Int, labels: Int, depth: Int) {
    var result = (count: 0, keys: 0, labels: 0, depth: 0)
    var stack: [(TreeNode, Int)] = [(node, 1)]
    while let (node, depth) = stack.popLast() {
        result.count += 1
        result.keys = (result.keys &* 31 &+ node.key) % 1_000_000_007
        result.labels += node.label.utf8.count
        result.depth = max(result.depth, depth)
        for child in node.children { stack.append((child, depth + 1)) }
    }
    return result
}

let scale = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1 : 1
var random = SeededRandom(state: 20_240_611)

for round in 0 ..< 3 {
    let tree = buildTree(nodes: 20_000 * scale, random: &random)
    print("tree \(round):", checksum(tree))
}

var words: [String] = []
for _ in 0 ..< 30_000 * scale {
    let length = 1 + random.next(below: 14)
    words.append(String((0 ..< length).map { _ in Character(Unicode.Scalar(UInt8(97 + random.next(below: 10)))) }))
}
var counts: [String: Int] = [:]
var positions: [Substring: [Int]] = [:]
for (index, word) in words.enumerated() {
    counts[word, default: 0] += 1
    positions[word.prefix(3), default: []].append(index)
}
let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
print("distinct \(counts.count), prefixes \(positions.count), top \(top.map { "\($0.key)=\($0.value)" })")

var text = ""
for word in words.prefix(10_000 * scale) { text += word; text += " " }
let longWords = text.split(separator: " ").filter { $0.count > 10 }
print("text \(text.utf8.count) bytes, long words \(longWords.count), uppercased \(text.uppercased().hashValue == text.uppercased().hashValue)")

var table: [Int: [String]] = [:]
for step in 0 ..< 100_000 * scale {
    let key = random.next(below: 5_000)
    if step % 3 == 0 {
        table[key] = nil
    } else {
        table[key, default: []].append(words[step % words.count])
    }
}
print("table \(table.count) keys, \(table.values.reduce(0) { $0 + $1.count }) values")

var matrix = (0 ..< 300).map { row in (0 ..< 300).map { Double(($0 * 31 + row * 17) % 101) } }
for _ in 0 ..< 2 * scale {
    matrix = matrix.map { row in row.map { $0 * 0.5 + 1 } }
}
print("matrix sum \(matrix.reduce(0) { $0 + $1.reduce(0, +) })")

let sorted = words.sorted()
print("sorted first \(sorted.first!), last \(sorted.last!), joined \(sorted.prefix(1_000).joined(separator: ",").utf8.count)")
