// Every lemma `allocators-verify` runs, by concern, at every word width.
//
// # Writing a lemma that holds at every width
//
// A lemma file declares a function generic over the width, returning its
// lemmas; the catalog below instantiates it at 32 and at 64 bits:
//
//     func fooLemmas<let bits: Int>() -> [Lemma<bits>] {
//         typealias Word = SymbolicWord<bits>
//         return [
//             Lemma("fooKernel.whatItGuarantees", covers: ["fooKernel"]) { p in
//                 let x = p.word("x"), (a, e) = p.powerOfTwo("a")
//                 p.assume(x < .topBit)                     // the kernel's precondition, exactly
//                 return Kernels.fooKernel(x, a) < .width   // the claim
//             },
//         ]
//     }
//
// Rules:
// - Never write a constant for one width. Derive it: `.width` (bits),
//   `.topBit` (2^(bits-1)), `.allOnes`, `.byteCount` (bits / 8),
//   `.power(bits - 2)`, `.constant(n)` for an `Int`, and `bits` itself for
//   loops (`(0 ..< bits).map`, `bits.trailingZeroBitCount` steps). A literal
//   that does not fit the width traps, so a leftover `1 << 40` shows up at
//   32 bits at once. Small constants that fit both widths (16, 1 << 20) are
//   fine when they are facts of the allocator, not of the word.
// - Assume exactly the kernel's documented precondition, no more: the runner
//   checks the assumptions are satisfiable (else VACUOUS), but an assumption
//   stronger than the precondition silently narrows the proof.
// - Call the kernel; never restate its formula in the lemma. Specifications
//   come from `SpecVocabulary.swift` (bit tests, divisibility, the powers of
//   two as constants), which share no formula with the kernels.
// - A negative lemma (`expect: .refuted`) must be refuted by a counterexample
//   to its claim with every obligation (shift amounts, divisors) holding. To
//   state what code lacking a guard computes, shift with
//   `Word.maskingShiftLeft`/`maskingShiftRight` (Swift's masking `&<<`,
//   `&>>`, no obligation), not with `&<<`, whose failing obligation would
//   refute nothing the lemma claims.
// - `covers` names the kernels (from `KernelCatalog`) the lemma proves
//   something about; every kernel must be covered by a lemma that holds.
// - A lemma about a kernel the reference models borrow takes the kernel
//   through `ModelKernels`, so that `Mutants.swift` can run it on a broken copy.
// - Helpers are generic too: `func helper<let bits: Int>(_ x: SymbolicWord<bits>) -> ...`;
//   a constant helper is a function (`func bound<let bits: Int>() -> SymbolicWord<bits>`),
//   since words are not `Sendable` and lemma statements are.
//
// Add the new function to `lemmas()` below with its concern's name.
import AllocatorSpec

enum LemmaCatalog {
    /// The word widths every lemma is proved at: the 32-bit Embedded targets and 64-bit hosts.
    static let widths = [32, 64]

    /// Every lemma at `bits`, with its concern.
    static func lemmas<let bits: Int>() -> [(group: String, lemmas: [Lemma<bits>])] {
        [
            ("Primitives", primitiveLemmas()), ("Alignment", alignmentLemmas()), ("Bits", bitLemmas()),
            ("Bitmap", bitmapLemmas()), ("Run tree", runTreeLemmas()), ("Run summary", runSummaryLemmas()),
            ("Storage", storageLemmas()), ("Bitmap storage", bitmapStorageLemmas()),
            ("TLSF", tlsfLemmas()), ("TLSF free", tlsfFreeLemmas()), ("Fast-path bits", fastPathBitLemmas()), ("Buddy", buddyLemmas()), ("Buddy states", buddyStateLemmas()),
            ("Slab", slabLemmas()), ("Slab classes", slabClassLemmas()), ("Slab biases", slabBiasLemmas()),
            ("Slab slots", slabSlotLemmas()), ("Slab free lists", slabFreeListLemmas()),
            ("Planted kernel bugs", mutantLemmas()),
        ]
    }

    /// Every lemma at every width, 64-bit first (its lemmas take longest, so
    /// the workers finish together).
    static var all: [AnyLemma] {
        func erased<let bits: Int>(_ groups: [(group: String, lemmas: [Lemma<bits>])]) -> [AnyLemma] {
            groups.flatMap { group in group.lemmas.map { AnyLemma($0, group: group.group) } }
        }
        let at64: [(group: String, lemmas: [Lemma<64>])] = lemmas()
        let at32: [(group: String, lemmas: [Lemma<32>])] = lemmas()
        return erased(at64) + erased(at32)
    }
}
