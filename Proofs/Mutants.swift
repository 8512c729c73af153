// Planted kernel bugs: deliberately broken copies of the kernels the
// reference models borrow, each run through the lemma that pins the kernel.
// The lemma must be refuted on the copy (a counterexample to its claim), so a
// model built on a wrong kernel cannot go unnoticed: it shows that each
// pinning lemma has teeth. The copies live here, never in the library.
import Allocators
import AllocatorSpec

func mutantLemmas<let bits: Int>() -> [Lemma<bits>] {
    typealias Word = SymbolicWord<bits>
    let shipped = ModelKernels<bits>.shipped

    var lateSentinel = shipped
    lateSentinel.poolLayout = { start, size, g in
        let pool = Kernels.tlsfPoolLayout(start: start, size: size, granularityLog2: g)
        return (pool.first, pool.sentinel &+ (1 &<< g), pool.invalid)
    }

    var doubledGap = shipped
    doubledGap.requiredGap = { byteCount, alignment, sl, g in
        let gap = Kernels.tlsfRequiredGap(byteCount: byteCount, alignment: alignment, secondLevelLog2: sl, granularityLog2: g)
        return (gap.value &<< 1, gap.invalid)
    }

    var widerLiveBlock = shipped
    widerLiveBlock.maxLiveBlockSize = { request, sl, g in
        Kernels.tlsfMaxLiveBlockSize(request, secondLevelLog2: sl, granularityLog2: g) &+ (1 &<< g)
    }

    var linearBoundaryOffByOne = shipped
    linearBoundaryOffByOne.mappingInsert = { size, sl, g in
        // `<=` for `<`: the first size of first level 1 is filed as linear.
        let linear = size <= (1 &<< (sl &+ g))
        let first = select(linear, 0, Kernels.floorLog2(size) &- sl &- g &+ 1)
        let second = select(linear, size &>> g, (size &>> (Kernels.floorLog2(size) &- sl)) ^ (1 &<< sl))
        return (first, second)
    }

    var orderOneTooSmall = shipped
    orderOneTooSmall.blockOrder = { byteCount, alignment, minOrder in
        // The floor of log2 for the ceiling: one order too small for sizes
        // that are not powers of two.
        let minimum: Word = 1 &<< minOrder
        let atLeastAligned = select(byteCount < alignment, alignment, byteCount)
        let need = select(atLeastAligned < minimum, minimum, atLeastAligned)
        let overflow = Kernels.nextPowerOfTwoOverflows(need)
        return (select(overflow, 0, Kernels.floorLog2(need)), overflow)
    }

    var buddyGapOfTheNextOrder = shipped
    buddyGapOfTheNextOrder.buddyGap = { order in Kernels.buddyRequiredGap(order: order &+ 1) }

    var wordsWithoutTheCarry = shipped
    wordsWithoutTheCarry.bitWords = { count in count &>> Word.constant(bits.trailingZeroBitCount) }

    var treeNeverDoubled = shipped
    treeNeverDoubled.treeLayout = { words, first, leaf in
        let layout = Kernels.runTreeLayout(wordCount: words, firstWord: first, leafWords: leaf)
        return (layout.alignedWords, layout.shift, layout.alignedWords)
    }

    // Each planted bug: the kernels with it, the lemma that must catch it, the bug.
    let tlsf = [
        (lateSentinel, "tlsf.poolLayout.insideTheRegion", "tlsfPoolLayout with the sentinel one granule late"),
        (doubledGap, "tlsf.requiredGap.isTheBoundOfTheClassSearched", "tlsfRequiredGap doubled"),
        (widerLiveBlock, "tlsf.maxLiveBlockSize.atMostThreeGranulesOverTheRequest", "tlsfMaxLiveBlockSize one granule larger"),
        (linearBoundaryOffByOne, "tlsf.mappingInsert.indicesInRange", "tlsfMappingInsert with the linear range one size too long"),
    ]
    let buddy = [
        (orderOneTooSmall, "buddyOrder.smallestFittingAlignedOrder", "buddyOrder one order too small"),
        (buddyGapOfTheNextOrder, "buddyRequiredGap.underTwoBlocks", "buddyRequiredGap of the next order"),
    ]
    let storage = [(wordsWithoutTheCarry, "wordsForBits.isTheRoundedUpQuotient", "wordsForBits without the partial last word")]
    let bitmapStorage = [(treeNeverDoubled, "runTreeLayout.coversTheShiftedWords", "runTreeLayout never doubling the positions")]
    return tlsf.map { tlsfLemmas($0.0).named($0.1).mutant($0.2) } + buddy.map { buddyLemmas($0.0).named($0.1).mutant($0.2) }
        + storage.map { storageLemmas($0.0).named($0.1).mutant($0.2) }
        + bitmapStorage.map { bitmapStorageLemmas($0.0).named($0.1).mutant($0.2) }
}

extension Array {
    /// The lemma named `name` (a catalog error traps: a mutant must name a lemma that exists).
    func named<let bits: Int>(_ name: String) -> Lemma<bits> where Element == Lemma<bits> {
        guard let lemma = first(where: { $0.name == name }) else { preconditionFailure("no lemma named \(name)") }
        return lemma
    }
}
