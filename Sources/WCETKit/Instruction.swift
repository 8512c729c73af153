/// One machine instruction as `llvm-objdump -d --no-show-raw-insn` prints it.
public struct Instruction: Equatable, Sendable {
    public var address: UInt64
    public var mnemonic: String
    public var operands: String

    public init(address: UInt64, mnemonic: String, operands: String) {
        self.address = address
        self.mnemonic = mnemonic
        self.operands = operands
    }

    /// The address in the operands' `<symbol>` annotation or the first hex
    /// number of the operands (a direct branch's target).
    public var directTarget: UInt64? {
        for field in operands.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
            let text = field.hasPrefix("#") ? field.dropFirst() : Substring(field)
            if text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) { return value }
        }
        return nil
    }

    /// The symbol in the operands' `<symbol+offset>` annotation, if any.
    public var annotatedSymbol: String? {
        guard let open = operands.firstIndex(of: "<"), let close = operands.lastIndex(of: ">"), open < close else { return nil }
        let inside = operands[operands.index(after: open) ..< close]
        if let plus = inside.lastIndex(of: "+") { return String(inside[..<plus]) }
        return String(inside)
    }
}

/// A function of the image: its symbol and its instructions in address order.
public struct Function: Sendable {
    public var name: String
    public var start: UInt64
    public var instructions: [Instruction]

    public init(name: String, start: UInt64, instructions: [Instruction]) {
        self.name = name
        self.start = start
        self.instructions = instructions
    }

    /// One past the last instruction's address (its size taken as the gap to
    /// the next function, or 1 for the last one).
    public var end: UInt64 { (instructions.last?.address ?? start) + 1 }
}

/// Parses the text `llvm-objdump -d --no-show-raw-insn` prints: function
/// headers (`ADDRESS <name>:`) and instruction lines (`ADDRESS: mnemonic
/// operands`). Data inside code (`.word`, `.byte`, `.short`, `.long`) is
/// skipped.
public func parseDisassembly(_ text: String) -> [Function] {
    var functions: [Function] = []
    var current: Function?
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: true) {
        let line = rawLine.trimmingPrefix(while: { $0 == " " || $0 == "\t" })
        if line.hasSuffix(">:"), let space = line.firstIndex(of: " "), let address = UInt64(line[..<space], radix: 16) {
            let name = String(line[line.index(space, offsetBy: 2) ..< line.index(line.endIndex, offsetBy: -2)])
            // Local labels and Arm/RISC-V mapping symbols mark no function.
            if isLocalLabel(name) && current != nil { continue }
            if let current { functions.append(current) }
            current = Function(name: name, start: address, instructions: [])
            continue
        }
        guard current != nil, let colon = line.firstIndex(of: ":"), let address = UInt64(line[..<colon], radix: 16) else { continue }
        let rest = line[line.index(after: colon)...].trimmingPrefix(while: { $0 == " " || $0 == "\t" })
        guard !rest.isEmpty else { continue }
        let parts = rest.split(separator: "\t", maxSplits: 1)
        let mnemonic = String(parts[0]).trimmingSpaces
        if mnemonic.hasPrefix(".") || mnemonic.hasPrefix("<") { continue }
        let operands = parts.count > 1 ? String(parts[1]).trimmingSpaces : ""
        current!.instructions.append(Instruction(address: address, mnemonic: mnemonic, operands: operands))
    }
    if let current { functions.append(current) }
    return functions
}

/// RISC-V's `.Lpcrel_hi…` labels and the mapping symbols `$x`, `$t`, `$a`,
/// `$d` (with an optional `.N` suffix) mark no function (other `.L` names,
/// such as a merged trap function's, do).
func isLocalLabel(_ name: String) -> Bool {
    if name.hasPrefix(".Lpcrel_hi") { return true }
    let chars = Array(name)
    return chars.count >= 2 && chars[0] == "$" && "xtad".contains(chars[1]) && (chars.count == 2 || chars[2] == ".")
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
