/// What an instruction does to control flow, as the analysis needs it.
public enum Flow: Equatable, Sendable {
    /// Goes on to the next instruction.
    case next
    /// Jumps to `target`, or (when `conditional`) also goes on.
    case jump(target: UInt64, conditional: Bool)
    /// Calls `target` and goes on when it returns.
    case call(target: UInt64)
    /// Returns, or (when `conditional`, an Arm IT block's `bxeq lr`) also goes on.
    case ret(conditional: Bool)
    /// Ends the program: a trap instruction (Swift's failed checks).
    case trap
    /// A jump or call through a register: the analysis cannot follow it.
    case indirect
    /// A string instruction with a repeat prefix: a loop in one instruction.
    case repeated
}

/// The three targets the tool reads.
public enum Architecture: String, CaseIterable, Sendable {
    case x86_64, riscv32, armv7em

    /// The architecture of a target triple (`riscv32-none-none-eabi`, …).
    public init?(triple: String) {
        if triple.hasPrefix("x86_64") { self = .x86_64 } else if triple.hasPrefix("riscv32") { self = .riscv32 } else if triple.hasPrefix("armv7em") {
            self = .armv7em
        } else { return nil }
    }

    /// Bytes a call pushes besides the callee's frame (x86's return address).
    public var callBytes: Int { self == .x86_64 ? 8 : 0 }

    /// Symbol addresses as the disassembly shows functions (Thumb's bit 0 off).
    public func codeAddress(_ symbolValue: UInt64) -> UInt64 { self == .armv7em ? symbolValue & ~1 : symbolValue }

    /// The control flow of `instruction`; `previous` is the instruction
    /// before it (RISC-V's `auipc` of an `auipc`/`jalr` pair).
    public func flow(of instruction: Instruction, previous: Instruction?) -> Flow {
        switch self {
        case .x86_64: x86Flow(instruction)
        case .riscv32: riscvFlow(instruction, previous: previous)
        case .armv7em: armFlow(instruction)
        }
    }

    /// What the instruction does to the stack: `kept`, the bytes it takes
    /// off the stack pointer for the rest of the function (summed over a
    /// function, its frame; 0 when it gives back or does not touch it), and
    /// `momentary`, the bytes below the stack pointer it uses and gives back
    /// at once: x86's `push` of a value the next instruction pops (the
    /// `push $N; pop %reg` of size-optimized code: counted as kept, a
    /// function full of them would claim hundreds of bytes), and its stores
    /// below the stack pointer (the red zone of a leaf function, which no
    /// `sub` reserves).
    public func stackUse(of instruction: Instruction, next: Instruction?) -> (kept: Int, momentary: Int) {
        guard self == .x86_64 else { return (stackBytes(of: instruction), 0) }
        let m = instruction.mnemonic, o = instruction.operands
        if m.hasPrefix("push"), let next, next.mnemonic.hasPrefix("pop") { return (0, 8) }
        var below = 0
        for field in o.split(separator: ",").map({ String($0).trimmingSpaces }) where field.hasPrefix("-") && field.hasSuffix("(%rsp)") {
            if let value = parseSigned(String(field.dropLast("(%rsp)".count))) { below = max(below, Int(-value)) }
        }
        return (stackBytes(of: instruction), below)
    }

    /// Bytes the instruction takes off the stack pointer (0 when it gives
    /// back or does not touch it).
    public func stackBytes(of instruction: Instruction) -> Int {
        let m = instruction.mnemonic, o = instruction.operands
        switch self {
        case .x86_64:
            if m.hasPrefix("push") { return 8 }
            if m.hasPrefix("sub"), o.hasSuffix("%rsp"), let value = immediate(o) { return value }
            return 0
        case .riscv32:
            if m == "addi" || m == "c.addi16sp" || m == "addi16sp", o.hasPrefix("sp, sp, -"), let value = immediate(o) { return value }
            return 0
        case .armv7em:
            let base = m.split(separator: ".").first.map(String.init) ?? m
            if base == "push" || base == "stmdb" && o.hasPrefix("sp!") { return 4 * registerCount(o) }
            if base == "vpush" { return (o.contains("d") ? 8 : 4) * registerCount(o) }
            if base == "sub" || base == "subw", o.hasPrefix("sp, sp") || o.hasPrefix("sp, #"), let value = immediate(o) { return value }
            if base.hasPrefix("str"), o.contains("[sp, #-"), o.hasSuffix("!"), let value = immediate(o) { return value }
            return 0
        }
    }
}

// MARK: x86-64

extension Architecture {
    func x86Flow(_ i: Instruction) -> Flow {
        let m = i.mnemonic
        if m.hasPrefix("rep") { return .repeated }
        switch m {
        case "ret", "retq": return .ret(conditional: false)
        case "ud2", "int3", "hlt", "ud1": return .trap
        case "call", "callq":
            if i.operands.hasPrefix("*") { return .indirect }
            return i.directTarget.map { .call(target: $0) } ?? .indirect
        case "jmp", "jmpq":
            if i.operands.hasPrefix("*") { return .indirect }
            return i.directTarget.map { .jump(target: $0, conditional: false) } ?? .indirect
        default:
            if m.hasPrefix("j"), let target = i.directTarget { return .jump(target: target, conditional: true) }
            if m.hasPrefix("loop") { return i.directTarget.map { .jump(target: $0, conditional: true) } ?? .indirect }
            return .next
        }
    }
}

// MARK: RISC-V

extension Architecture {
    static let riscvBranches: Set<String> = [
        "beq", "bne", "blt", "bge", "bltu", "bgeu", "beqz", "bnez", "blez", "bgez", "bltz", "bgtz", "bgt", "ble", "bgtu", "bleu",
        "c.beqz", "c.bnez",
    ]

    func riscvFlow(_ i: Instruction, previous: Instruction?) -> Flow {
        let m = i.mnemonic, o = i.operands
        if Self.riscvBranches.contains(m) { return i.directTarget.map { .jump(target: $0, conditional: true) } ?? .indirect }
        switch m {
        case "ret": return .ret(conditional: false)
        case "unimp", "c.unimp", "ebreak", "c.ebreak": return .trap
        case "j", "c.j": return i.directTarget.map { .jump(target: $0, conditional: false) } ?? .indirect
        case "jal", "c.jal":
            // `jal target` links ra (a call); `jal zero, target` is a jump.
            let fields = o.split(separator: ",").map { String($0).trimmingSpaces }
            guard let target = i.directTarget else { return .indirect }
            return fields.count > 1 && (fields[0] == "zero" || fields[0] == "x0") ? .jump(target: target, conditional: false) : .call(target: target)
        case "jr", "jalr", "c.jr", "c.jalr":
            // `jr ra` returns, and so does `jr t0`: the machine outliner's
            // functions are called with `jal t0` and return through t0. An
            // auipc/jalr pair is a direct far call or tail call.
            let links = m.hasSuffix("jalr") && !o.hasPrefix("zero")
            if m.hasSuffix("jr") && (o == "ra" || o == "t0") { return .ret(conditional: false) }
            if let target = auipcPairTarget(i, previous: previous) { return links ? .call(target: target) : .jump(target: target, conditional: false) }
            return .indirect
        default: return .next
        }
    }

    /// The target of `auipc r, hi` followed by `jalr/jr off(r)`.
    func auipcPairTarget(_ i: Instruction, previous: Instruction?) -> UInt64? {
        guard let previous, previous.mnemonic == "auipc" else { return nil }
        let fields = previous.operands.split(separator: ",").map { String($0).trimmingSpaces }
        guard fields.count == 2, let high = parseSigned(fields[1]) else { return nil }
        let register = fields[0]
        var offset: Int64 = 0
        let operand = i.operands.split(separator: ",").last.map { String($0).trimmingSpaces } ?? ""
        if let open = operand.firstIndex(of: "(") {
            guard operand[operand.index(after: open)...].hasPrefix(register) else { return nil }
            offset = parseSigned(String(operand[..<open])) ?? 0
        } else if operand != register {
            return nil
        }
        return UInt64(bitPattern: Int64(bitPattern: previous.address) &+ (high << 12) &+ offset) & 0xFFFF_FFFF
    }
}

// MARK: Arm (Thumb-2)

extension Architecture {
    static let armConditions: Set<String> = ["eq", "ne", "cs", "hs", "cc", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"]

    /// The mnemonic without `.w`/`.n` and its condition code, if any.
    func armSplit(_ mnemonic: String) -> (base: String, conditional: Bool) {
        let plain = mnemonic.split(separator: ".").first.map(String.init) ?? mnemonic
        for base in ["bx", "blx", "bl", "b", "pop", "ldr", "mov", "udf", "cbz", "cbnz", "tbb", "tbh", "trap"] where plain.hasPrefix(base) {
            let suffix = String(plain.dropFirst(base.count))
            if suffix.isEmpty { return (base, false) }
            if Self.armConditions.contains(suffix) { return (base, true) }
        }
        return (plain, false)
    }

    func armFlow(_ i: Instruction) -> Flow {
        let (base, conditional) = armSplit(i.mnemonic)
        let o = i.operands
        switch base {
        case "b", "cbz", "cbnz":
            return i.directTarget.map { .jump(target: $0, conditional: conditional || base != "b") } ?? .indirect
        case "bl": return i.directTarget.map { .call(target: $0) } ?? .indirect
        case "blx": return .indirect
        case "bx": return o == "lr" ? .ret(conditional: conditional) : .indirect
        case "pop": return o.contains("pc") ? .ret(conditional: conditional) : .next
        case "ldr": return o.hasPrefix("pc,") ? (o.contains("[sp]") ? .ret(conditional: conditional) : .indirect) : .next
        case "mov": return o.hasPrefix("pc,") ? (o.hasSuffix("lr") ? .ret(conditional: conditional) : .indirect) : .next
        case "tbb", "tbh": return .indirect
        case "udf", "trap": return .trap
        default: return .next
        }
    }
}

// MARK: Operand helpers

/// The bytes one pass of an x86 string instruction moves (`movsb` 1 …
/// `stosq` 8), from the operands of its `rep` prefix.
func stringElementBytes(_ operands: String) -> Int {
    let name = operands.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? ""
    switch name.last {
    case "w": return 2
    case "l", "d": return 4
    case "q": return 8
    default: return 1
    }
}

/// The first `#N`/`$N`/`-N` immediate of the operands, as a positive byte count.
func immediate(_ operands: String) -> Int? {
    for field in operands.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "[" || $0 == "]" || $0 == "!" }) {
        var text = Substring(field)
        if text.hasPrefix("$") || text.hasPrefix("#") { text = text.dropFirst() }
        if text.hasPrefix("-") { text = text.dropFirst() }
        if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return value }
        if let value = Int(text), field.first == "$" || field.first == "#" || field.first == "-" { return value }
    }
    return nil
}

func parseSigned(_ text: String) -> Int64? {
    var t = Substring(text.trimmingSpaces)
    let negative = t.hasPrefix("-")
    if negative { t = t.dropFirst() }
    let magnitude: Int64? = t.hasPrefix("0x") ? Int64(t.dropFirst(2), radix: 16) : Int64(t)
    return magnitude.map { negative ? -$0 : $0 }
}

/// Registers in an Arm register list `{r4, r5, lr}` (ranges `r4-r7` counted).
func registerCount(_ operands: String) -> Int {
    guard let open = operands.firstIndex(of: "{"), let close = operands.firstIndex(of: "}") else { return 0 }
    var count = 0
    for item in operands[operands.index(after: open) ..< close].split(separator: ",") {
        let parts = item.split(separator: "-").map { String($0).trimmingSpaces }
        if parts.count == 2, let a = Int(parts[0].dropFirst()), let b = Int(parts[1].dropFirst()) { count += b - a + 1 } else { count += 1 }
    }
    return count
}
