import Allocators
import AllocatorSpec
import Testing

/// The prover itself: it proves what holds, refutes what does not with the
/// inputs that break it, catches out-of-range shifts, and reports Z3 errors
/// and timeouts instead of crashing.
@Suite struct ProverTests {
    @Test func provesATrueStatementAtBothWidths() {
        func check<let bits: Int>(_ lemma: Lemma<bits>) {
            guard case .proved = lemma.prove(timeoutMilliseconds: 5_000) else {
                Issue.record("not proved at \(bits) bits")
                return
            }
        }
        check(Lemma<32>("x | 0 == x", covers: []) { p in let x = p.word("x"); return (x | 0) == x })
        check(Lemma<64>("x | 0 == x", covers: []) { p in let x = p.word("x"); return (x | 0) == x })
    }

    @Test func refutesTheUnguardedAlignUpWithAConcreteWitness() throws {
        let lemma = Lemma<64>("unguarded align-up never wraps", covers: []) { p in
            let x = p.word("x"), a = p.word("a")
            p.assumePowerOfTwo(a)
            return Kernels.alignUpUnchecked(x, to: a) >= x
        }
        guard case .counterexample(let inputs, let failing) = lemma.prove(timeoutMilliseconds: 5_000) else {
            Issue.record("no counterexample")
            return
        }
        #expect(failing == "claim")
        let x = try #require(inputs.value(of: "x")), a = try #require(inputs.value(of: "a"))
        // The witness really wraps: x > UInt.max - (a - 1).
        #expect(a.nonzeroBitCount == 1)
        #expect(x > UInt64.max - (a - 1))
        #expect(Kernels.alignUpUnchecked(UInt(x), to: UInt(a)) < UInt(x))
        #expect(Kernels.alignUp(UInt(x), to: UInt(a)).overflow)
    }

    @Test func theSameLemmaHasWitnessesOfItsWidth() throws {
        // At 32 bits the wrap happens below 2^32: the witness is a 32-bit word.
        let lemma = Lemma<32>("unguarded align-up never wraps", covers: []) { p in
            let x = p.word("x"), a = p.word("a")
            p.assumePowerOfTwo(a)
            return Kernels.alignUpUnchecked(x, to: a) >= x
        }
        guard case .refuted(let inputs) = lemma.mutant("test").verdict(ProofLimits(timeoutMilliseconds: 5_000)) else {
            Issue.record("no counterexample at 32 bits")
            return
        }
        let x = try #require(inputs.value(of: "x")), a = try #require(inputs.value(of: "a"))
        #expect(x <= UInt64(UInt32.max) && a <= UInt64(UInt32.max))
        #expect(Kernels.alignUpUnchecked(UInt32(x), to: UInt32(a)) < UInt32(x))
    }

    @Test func anOutOfRangeShiftInABranchIsAnObligationFailure() {
        // The shift is only evaluated when n > 10, and then n can be 64 or more.
        let lemma = Lemma<64>("shift by an unconstrained amount", covers: []) { p in
            let n = p.word("n")
            let value = select(n > 10, 1 &<< n, 0)
            return value == value
        }
        guard case .counterexample(let inputs, let failing) = lemma.prove(timeoutMilliseconds: 5_000) else {
            Issue.record("the out-of-range shift was not caught")
            return
        }
        #expect(failing == "shift amount < 64 in <<")
        #expect((inputs.value(of: "n") ?? 0) >= 64)
    }

    @Test func aShiftOnAnUnreachablePathIsNoFailure() {
        let lemma = Lemma<32>("guarded shift", covers: []) { p in
            let n = p.word("n")
            let value = select(n < .width, 1 &<< n, 0)
            return value == value
        }
        guard case .proved = lemma.prove(timeoutMilliseconds: 5_000) else {
            Issue.record("a guarded shift was flagged")
            return
        }
    }

    @Test func divisionByZeroIsAnObligationFailure() {
        let lemma = Lemma<64>("x / y", covers: []) { p in
            let q = SymbolicWord.quotient(p.word("x"), p.word("y"))
            return q == q
        }
        guard case .counterexample(_, let failing) = lemma.prove(timeoutMilliseconds: 5_000) else {
            Issue.record("division by zero was not caught")
            return
        }
        #expect(failing.contains("divisor"))
    }

    @Test func aZ3ErrorIsReportedNotFatal() {
        let context = Z3Context()
        let solver = Solver(context: context)
        // Popping a scope that was never pushed is an API misuse Z3 reports.
        solver.pop()
        #expect(context.firstError != nil)
    }

    @Test func aTimeoutIsUnknown() {
        // Factoring a 64-bit semiprime by multiplication is hard for bit-blasting;
        // with a 1 ms limit the solver gives up.
        let lemma = Lemma<64>("no factors", covers: []) { p in
            let x = p.word("x"), y = p.word("y")
            let limit: SymbolicWord<64> = 4_294_967_296
            p.assume(x > 1 && y > 1)
            p.assume(x < limit && y < limit)
            return x &* y != 18_446_744_030_759_878_681
        }
        guard case .unknown = lemma.prove(timeoutMilliseconds: 1) else {
            Issue.record("expected the 1 ms limit to give unknown")
            return
        }
    }

    @Test func anExhaustedResourceLimitIsUnknownOnEveryMachine() {
        // The same factoring query bounded by Z3's resource count, which does
        // not depend on the machine's load: a few thousand units are not enough.
        let lemma = Lemma<64>("no factors", covers: []) { p in
            let x = p.word("x"), y = p.word("y")
            let limit: SymbolicWord<64> = 4_294_967_296
            p.assume(x > 1 && y > 1 && x < limit && y < limit)
            return x &* y != 18_446_744_030_759_878_681
        }
        guard case .failed(.unknown) = lemma.verdict(ProofLimits(resourceLimit: 5_000)) else {
            Issue.record("expected 5,000 resource units to give unknown")
            return
        }
    }

    @Test func solverChecksUnderAssumptionsAndScopes() {
        let context = Z3Context()
        let solver = Solver(context: context)
        let x = SymbolicWord<64>(variable: "x", in: context)
        let flag = SymbolicCondition(variable: "flag", in: context)
        solver.assert(flag.implies(x == 7))
        #expect(solver.check(assuming: [flag, x == 8]) == .unsatisfiable)
        #expect(solver.check(assuming: [flag]) == .satisfiable)
        #expect(solver.value(of: x) == 7)
        solver.push()
        solver.assert(x == 9)
        #expect(solver.check(assuming: [flag]) == .unsatisfiable)
        solver.pop()
        #expect(solver.check() == .satisfiable)
    }

    /// Constants fold with masking at the word's width; literals that do not
    /// fit it trap, so a lemma cannot carry a one-width constant silently.
    @Test func constantsFoldAtTheirWidth() async {
        let top = SymbolicWord<32>.allOnes
        #expect((top &+ 1).constantValue == 0)
        #expect((SymbolicWord<32>(integerLiteral: 1) &<< 31).constantValue == 1 << 31)
        #expect(SymbolicWord<32>.maskingShiftLeft(1, .width).constantValue == 1, "Swift's &<< masks the amount: 1 &<< 32 is 1")
        #expect((~SymbolicWord<32>(integerLiteral: 0)).constantValue == UInt64(UInt32.max))
        #expect(SymbolicWord<32>(word: UInt(UInt32.max) + 2).constantValue == 1, "init(word:) wraps to the width")
        #expect(SymbolicWord<32>.topBit.constantValue == 1 << 31 && SymbolicWord<64>.topBit.constantValue == 1 << 63)
        await #expect(processExitsWith: .failure) {
            _ = SymbolicWord<32>(integerLiteral: 1 << 40)
        }
    }
}
