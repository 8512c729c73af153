// The kernels the reference models borrow (Spec/AllocatorSpec/Models,
// ByteModelGeometry+TLSF/Buddy; PageModelGeometry+Bitmap through the bitmap
// allocators' bookkeeping size) as values, so that the lemmas pinning them
// run on the shipped kernel and, in Proofs/Mutants.swift, on deliberately
// broken copies that those same lemmas must refute. A mutated copy replaces
// the kernel only where a lemma calls it through these values, not inside
// other kernels that call it.
import Allocators
import AllocatorSpec

struct ModelKernels<let bits: Int>: Sendable {
    typealias Word = SymbolicWord<bits>

    var poolLayout: @Sendable (_ start: Word, _ size: Word, _ granularityLog2: Word)
        -> (first: Word, sentinel: Word, invalid: SymbolicCondition)
    var requiredGap: @Sendable (_ byteCount: Word, _ alignment: Word, _ secondLevelLog2: Word, _ granularityLog2: Word)
        -> (value: Word, invalid: SymbolicCondition)
    var maxLiveBlockSize: @Sendable (_ request: Word, _ secondLevelLog2: Word, _ granularityLog2: Word) -> Word
    var mappingInsert: @Sendable (_ size: Word, _ secondLevelLog2: Word, _ granularityLog2: Word)
        -> (firstLevel: Word, secondLevel: Word)
    var blockOrder: @Sendable (_ byteCount: Word, _ alignment: Word, _ minOrder: Word) -> (order: Word, overflow: SymbolicCondition)
    var buddyGap: @Sendable (_ order: Word) -> Word
    var bitWords: @Sendable (_ bits: Word) -> Word
    var treeLayout: @Sendable (_ wordCount: Word, _ firstWord: Word, _ leafWords: Word)
        -> (alignedWords: Word, shift: Word, positions: Word)

    /// The kernels as shipped in `Sources/Allocators/Kernels`.
    static var shipped: ModelKernels {
        ModelKernels(
            poolLayout: { Kernels.tlsfPoolLayout(start: $0, size: $1, granularityLog2: $2) },
            requiredGap: { Kernels.tlsfRequiredGap(byteCount: $0, alignment: $1, secondLevelLog2: $2, granularityLog2: $3) },
            maxLiveBlockSize: { Kernels.tlsfMaxLiveBlockSize($0, secondLevelLog2: $1, granularityLog2: $2) },
            mappingInsert: { Kernels.tlsfMappingInsert($0, secondLevelLog2: $1, granularityLog2: $2) },
            blockOrder: { Kernels.buddyOrder(byteCount: $0, alignment: $1, minOrder: $2) },
            buddyGap: { Kernels.buddyRequiredGap(order: $0) },
            bitWords: { Kernels.wordsForBits($0) },
            treeLayout: { Kernels.runTreeLayout(wordCount: $0, firstWord: $1, leafWords: $2) })
    }

    // The kernels' own labels, so a lemma reads as a kernel call.

    func tlsfPoolLayout(start: Word, size: Word, granularityLog2: Word) -> (first: Word, sentinel: Word, invalid: SymbolicCondition) {
        poolLayout(start, size, granularityLog2)
    }

    func tlsfRequiredGap(byteCount: Word, alignment: Word, secondLevelLog2: Word, granularityLog2: Word) -> (value: Word, invalid: SymbolicCondition) {
        requiredGap(byteCount, alignment, secondLevelLog2, granularityLog2)
    }

    func tlsfMaxLiveBlockSize(_ request: Word, secondLevelLog2: Word, granularityLog2: Word) -> Word {
        maxLiveBlockSize(request, secondLevelLog2, granularityLog2)
    }

    func tlsfMappingInsert(_ size: Word, secondLevelLog2: Word, granularityLog2: Word) -> (firstLevel: Word, secondLevel: Word) {
        mappingInsert(size, secondLevelLog2, granularityLog2)
    }

    func buddyOrder(byteCount: Word, alignment: Word, minOrder: Word) -> (order: Word, overflow: SymbolicCondition) {
        blockOrder(byteCount, alignment, minOrder)
    }

    func buddyRequiredGap(order: Word) -> Word { buddyGap(order) }

    func wordsForBits(_ bits: Word) -> Word { bitWords(bits) }

    func runTreeLayout(wordCount: Word, firstWord: Word, leafWords: Word) -> (alignedWords: Word, shift: Word, positions: Word) {
        treeLayout(wordCount, firstWord, leafWords)
    }
}
