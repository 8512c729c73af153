/// Every kernel in `Sources/Allocators/Kernels`, by name. `allocators-verify`
/// fails when one of them is covered by no lemma that holds, at any width;
/// a test keeps this list equal to the kernels declared in the sources.
public enum KernelCatalog {
    public static let names: [String] = [
        // Alignment
        "isPowerOfTwo", "isAligned", "alignDown", "alignUpUnchecked", "alignUpOverflows", "alignUp",
        // Bits
        "bit", "lowMask", "findFirstSet", "findFirstSetAtOrAbove", "findFirstSetFrom", "floorLog2", "ceilLog2",
        "nextPowerOfTwoOverflows", "nextPowerOfTwo",
        // Bitmap
        "wordIndex", "bitOffset", "rangeMask", "alignedPositions", "runStarts", "lowestAlignedBit", "firstAlignedRun",
        // Run tree
        "freePrefix", "freeSuffix", "longestFreeRun", "joinedEdge", "joinedLongest", "larger", "alignedFit",
        // Storage
        "wordsForBits",
        // Bitmap storage
        "bitmapMaxRegionUnits", "runTreeLayout",
        // TLSF
        "tlsfFirstLevelCount", "tlsfMappingInsert", "tlsfSearchLimit", "tlsfMappingSearch", "tlsfClassLowerBound",
        "tlsfBlockSize", "tlsfPayloadCapacity", "tlsfUsedBlock", "tlsfMaxLiveBlockSize", "tlsfSplit", "tlsfAlignedPayload",
        "tlsfAlignedSearchSize", "tlsfRequiredGap", "tlsfPoolLayout", "tlsfControlBytes", "tlsfSecondLevelBitmapIndex",
        "tlsfListHeadIndex", "tlsfRequestFits", "isGranuleInSpan", "tlsfReleasableRange",
        // Buddy
        "buddyAddress", "buddyMergedBlock", "buddyOrder", "buddySplitOrder", "buddySplitNext",
        "buddyBlockInside", "buddyBitIndex", "buddyBitCount", "buddyRequiredGap",
        "buddyStateWordCount", "buddyStateBias", "buddyStateWord", "buddyStateShift",
        // Slab
        "slabMinimumClass", "slabRequestSize", "slabClassIndex", "slabClassSize", "slabBlockBytes", "slabCapacity",
        "slabObjectAddress", "slabObjectIndex", "slabLiveBit", "slabRequestGranule", "slabGranuleClass",
        "slabDescriptorBias", "slabDescriptorIndex", "slabLiveBitBias", "slabBiasedLiveBit",
        "slabSizeInverse", "slabObjectSlot", "slabLiveWordBias", "slabLiveWord", "slabClearedLiveBit",
    ]
}
