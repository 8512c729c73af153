import Testing
import WCETKit

/// One x86-64 function in `llvm-objdump -d --no-show-raw-insn` form, at 0x401000.
func x86Fixture(_ name: String, _ body: [String], at start: UInt64 = 0x401000) -> String {
    var text = "\(String(start, radix: 16).leftPadded(16)) <\(name)>:\n"
    var address = start
    for line in body {
        text += "  \(String(address, radix: 16)):      \t\(line)\n"
        address += 4
    }
    return text
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Bounds `symbol` in the fixture text on x86-64.
func bound(_ text: String, _ symbol: String = "f", kind: EntryKind = .loopFree, repeatBound: RepeatBound? = nil) -> EntryResult {
    let analyzer = Analyzer(architecture: .x86_64, functions: parseDisassembly(text), bounds: [], repeatBound: repeatBound,
                            symbolize: { _ in ([], "fixture") })
    return analyzer.analyze(EntrySpec(symbol: symbol, kind: kind, summary: symbol))
}

/// x86 `rep` string instructions: the count comes from the constants that
/// reach rcx on every path, and costs N + 1 executions (QEMU's count: one
/// per pass and one that finds the count spent; the counter probe of
/// `make wcet` checks the same figure under the counter).
@Suite struct RepeatedStringTests {
    @Test func aCountLoadedThroughAnotherRegisterIsRead() {
        let result = bound(x86Fixture("f", ["pushq\t$0x68", "popq\t%r9", "movq\t%r9, %rcx", "rep\t\tmovsb\t(%rsi), %es:(%rdi)", "retq"]))
        #expect(result.violations.isEmpty)
        // push, pop, mov, 104 passes + the final test, ret.
        #expect(result.instructions == 3 + 105 + 1)
        #expect(result.loops.isEmpty)
    }

    @Test func aZeroCountRunsOnce() {
        let result = bound(x86Fixture("f", ["xorl\t%ecx, %ecx", "rep\t\tstosq\t%rax, %es:(%rdi)", "retq"]))
        #expect(result.violations.isEmpty)
        #expect(result.instructions == 3)
    }

    /// The count the first version of the tool took (N passes, not N + 1)
    /// is what the counter probe rejects; here the figure itself.
    @Test func aCountOfNCostsNPlusOne() {
        let result = bound(x86Fixture("f", ["movl\t$0xd, %ecx", "rep\t\tstosq\t%rax, %es:(%rdi)", "retq"]))
        #expect(result.instructions == 1 + 14 + 1)
    }

    /// Two paths that load different counts: no constant, so in an O(1)
    /// entry a loop; in a bounded entry the stated bytes over the width of
    /// one pass (`movsq`: 8), reported as a loop; with no stated bound, a
    /// violation.
    @Test func countsThatDifferByPathAreNotAConstant() {
        let text = x86Fixture("f", [
            "testq\t%rdx, %rdx",
            "je\t0x401010 <f+0x10>",
            "movl\t$0x10, %ecx",
            "jmp\t0x401014 <f+0x14>",
            "movl\t$0x20, %ecx",
            "rep\t\tmovsq\t(%rsi), %es:(%rdi)",
            "retq",
        ])
        let loopFree = bound(text)
        #expect(loopFree.violations.contains { $0.contains("a loop in an O(1) path") })
        let stated = bound(text, kind: .boundedLoops, repeatBound: RepeatBound(bytes: 256, reason: "fixture"))
        #expect(stated.violations.isEmpty)
        #expect(stated.loops.map(\.iterations) == [32])
        // test, je, mov, jmp, then 32 passes + 1, ret.
        #expect(stated.instructions == 4 + 33 + 1)
        let unstated = bound(text, kind: .boundedLoops)
        #expect(unstated.violations.contains { $0.contains("no stated bound") })
    }

    /// A write the operands' `#` comment follows, and a call between the
    /// load and the copy, both leave rcx unknown.
    @Test func aLaterWriteOrACallForgetsTheCount() {
        let overwritten = bound(x86Fixture("f", [
            "movl\t$0x5, %ecx", "leaq\t0x10(%rip), %rcx # 0x401234", "rep\t\tmovsb\t(%rsi), %es:(%rdi)", "retq",
        ]))
        #expect(overwritten.violations.contains { $0.contains("no constant count") })
        let text = x86Fixture("f", ["movl\t$0x5, %ecx", "callq\t0x402000 <g>", "rep\t\tmovsb\t(%rsi), %es:(%rdi)", "retq"])
            + x86Fixture("g", ["retq"], at: 0x402000)
        #expect(bound(text).violations.contains { $0.contains("no constant count") })
        let partial = bound(x86Fixture("f", ["movl\t$0x5, %ecx", "movb\t$0x7, %cl", "rep\t\tmovsb\t(%rsi), %es:(%rdi)", "retq"]))
        #expect(!partial.violations.isEmpty)
    }
}

/// x86 stack use: a `push` the next instruction pops and the red zone of a
/// leaf take stack for a moment only, a prologue's pushes and `sub` for the
/// function's whole run.
@Suite struct X86StackTests {
    @Test func pushPopConstantsTakeEightBytesOnce() {
        let result = bound(x86Fixture("f", [
            "pushq\t%rbx", "subq\t$0x20, %rsp", "pushq\t$0x37", "popq\t%rdi", "pushq\t$-0x1", "popq\t%r8", "addq\t$0x20, %rsp", "popq\t%rbx", "retq",
        ]))
        #expect(result.stackBytes == 8 + 0x20 + 8)
    }

    @Test func aLeafsRedZoneCounts() {
        let result = bound(x86Fixture("f", ["movq\t%rax, -0x78(%rsp)", "movq\t$0x0, -0x68(%rsp)", "retq"]))
        #expect(result.stackBytes == 0x78)
    }

    @Test func aCallsFrameAddsItsReturnAddress() {
        let text = x86Fixture("f", ["pushq\t%rbx", "callq\t0x402000 <g>", "popq\t%rbx", "retq"])
            + x86Fixture("g", ["subq\t$0x10, %rsp", "addq\t$0x10, %rsp", "retq"], at: 0x402000)
        #expect(bound(text).stackBytes == 8 + 8 + 0x10)
    }
}
