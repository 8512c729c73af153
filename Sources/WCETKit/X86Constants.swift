/// The general-purpose registers of x86-64 whose constant values the
/// analysis follows (for the count register of a `rep` string instruction).
enum X86Register: Int, CaseIterable, Sendable {
    case rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15

    /// The register an AT&T operand (`%ecx`, `%r9d`, `%sil`, …) names and
    /// the width of that form (a 32-bit write clears the upper half; an 8-
    /// or 16-bit write keeps it, so its value is not followed).
    static func parse(_ operand: String) -> (register: X86Register, width: Int)? {
        guard operand.hasPrefix("%") else { return nil }
        let name = String(operand.dropFirst())
        let legacy: [(String, X86Register)] = [("ax", .rax), ("cx", .rcx), ("dx", .rdx), ("bx", .rbx),
                                               ("sp", .rsp), ("bp", .rbp), ("si", .rsi), ("di", .rdi)]
        for (base, register) in legacy {
            if name == "r" + base { return (register, 64) }
            if name == "e" + base { return (register, 32) }
            if name == base { return (register, 16) }
        }
        let bytes: [String: X86Register] = ["al": .rax, "ah": .rax, "cl": .rcx, "ch": .rcx, "dl": .rdx, "dh": .rdx, "bl": .rbx,
                                            "bh": .rbx, "spl": .rsp, "bpl": .rbp, "sil": .rsi, "dil": .rdi]
        if let register = bytes[name] { return (register, 8) }
        guard name.hasPrefix("r") else { return nil }
        let digits = name.dropFirst().prefix { $0.isNumber }
        guard let number = Int(digits), (8 ... 15).contains(number), let register = X86Register(rawValue: number) else { return nil }
        switch name.dropFirst(1 + digits.count) {
        case "": return (register, 64)
        case "d": return (register, 32)
        case "w": return (register, 16)
        case "b": return (register, 8)
        default: return nil
        }
    }
}

/// What is known of the registers before an instruction: the constant in
/// each register that holds one, and the constant on top of the stack
/// after a `push $N` (the `push $N; pop %reg` idiom of size-optimized code).
struct X86Constants: Equatable, Sendable {
    var values: [X86Register: UInt64] = [:]
    var pushed: UInt64?

    /// What is known in both (a join of two paths).
    func meet(_ other: X86Constants) -> X86Constants {
        var result = X86Constants()
        for (register, value) in values where other.values[register] == value { result.values[register] = value }
        result.pushed = pushed == other.pushed ? pushed : nil
        return result
    }

    /// Instructions that write registers besides an operand (the string
    /// instructions, exchanges, multiplies and divides, calls, …): they
    /// forget every register, as does any instruction in neither list below.
    static let writesMore: [String] = [
        "cmpxchg", "cmps", "scas", "lods", "stos", "xchg", "xadd", "call", "rep", "lock", "syscall", "cpuid", "rdtsc", "xgetbv",
        "mul", "imul", "div", "idiv", "cqto", "cltq", "cltd", "cwtl", "leave", "enter", "loop", "bswap",
    ]
    /// Instructions that write no general-purpose register but their last operand.
    static let writesLastOperandOnly: [String] = [
        "mov", "lea", "add", "sub", "and", "or", "xor", "shl", "shr", "sar", "sal", "rol", "ror", "not", "neg", "inc", "dec",
        "cmov", "set", "bsf", "bsr", "tzcnt", "lzcnt", "popcnt", "adc", "sbb", "bts", "btr", "btc", "andn", "shlx", "shrx", "sarx",
    ]
    static let writesNothing: [String] = ["cmp", "test", "bt", "nop", "j", "ud2", "int3", "push", "endbr", "prefetch"]

    /// The state after `instruction`. A call forgets everything (the
    /// callee may change any register the analysis would trust).
    func after(_ instruction: Instruction) -> X86Constants {
        let m = instruction.mnemonic
        // llvm-objdump's `# imm = 0x1E1` and `# 0x42712d` comments name no operand.
        let operands = instruction.operands.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let fields = operands.split(separator: ",").map { String($0).trimmingSpaces }
        var next = self
        next.pushed = nil
        if m.hasPrefix("push") {
            if fields.count == 1, let value = constant(fields[0]) { next.pushed = value }
            return next
        }
        if m.hasPrefix("pop") {
            guard fields.count == 1, let (register, width) = X86Register.parse(fields[0]) else { return X86Constants() }
            next.values[register] = width == 64 ? pushed : nil
            return next
        }
        // `movsb (%rsi), %es:(%rdi)` without a prefix moves rsi and rdi.
        let stringMove = m.hasPrefix("movs") && instruction.operands.contains("%es:")
        if stringMove || Self.writesMore.contains(where: { m.hasPrefix($0) }) { return X86Constants() }
        let bitWrite = m.hasPrefix("btc") || m.hasPrefix("btr") || m.hasPrefix("bts")
        if Self.writesNothing.contains(where: { m.hasPrefix($0) }) && !bitWrite { return next }
        guard Self.writesLastOperandOnly.contains(where: { m.hasPrefix($0) }), let last = fields.last else { return X86Constants() }
        guard let (register, width) = X86Register.parse(last) else { return next }  // a store to memory
        next.values[register] = nil
        guard width >= 32, fields.count == 2 else { return next }
        let mask: UInt64 = width == 64 ? ~0 : 0xFFFF_FFFF
        let isMove = m == "movq" || m == "movl" || m == "movabsq"
        if isMove, let value = constant(fields[0]) {
            next.values[register] = value & mask
        } else if isMove, let (source, sourceWidth) = X86Register.parse(fields[0]), sourceWidth == width, let value = values[source] {
            next.values[register] = value & mask
        } else if m == "xorl" || m == "xorq", fields[0] == fields[1] {
            next.values[register] = 0
        }
        return next
    }

    /// The value of an immediate operand (`$0x68`, `$-0x1`, `$104`).
    func constant(_ operand: String) -> UInt64? {
        guard operand.hasPrefix("$"), let value = parseSigned(String(operand.dropFirst())) else { return nil }
        return UInt64(bitPattern: value)
    }
}

/// The constants known before each instruction of a function, over its
/// control-flow graph (`successors`, from the first instruction): a path
/// the walk has not reached yet adds nothing, a join keeps what all its
/// paths agree on. Nil for an instruction no path reaches.
func x86ConstantsBefore(_ instructions: [Instruction], successors: [[Int]]) -> [X86Constants?] {
    var before = [X86Constants?](repeating: nil, count: instructions.count)
    guard !instructions.isEmpty else { return before }
    before[0] = X86Constants()
    var work = [0]
    while let v = work.popLast() {
        guard let state = before[v] else { continue }
        let out = state.after(instructions[v])
        for w in successors[v] {
            let merged = before[w].map { $0.meet(out) } ?? out
            if merged != before[w] {
                before[w] = merged
                work.append(w)
            }
        }
    }
    return before
}
