import AllocatorSpec

/// Every lemma `allocators-verify` runs, by concern.
enum LemmaCatalog {
    static let all: [Lemma] = primitiveLemmas + alignmentLemmas + bitLemmas + bitmapLemmas + runTreeLemmas
        + runSummaryLemmas + storageLemmas + bitmapStorageLemmas
        + tlsfLemmas + tlsfFreeLemmas + fastPathBitLemmas + buddyLemmas + slabLemmas + slabClassLemmas + slabBiasLemmas
}
