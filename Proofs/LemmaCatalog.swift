import AllocatorSpec

/// Every lemma `allocators-verify` runs, by concern.
enum LemmaCatalog {
    static let all: [Lemma] = primitiveLemmas + alignmentLemmas + bitLemmas + bitmapLemmas + runTreeLemmas
        + tlsfLemmas + tlsfFreeLemmas + buddyLemmas + slabLemmas + slabClassLemmas + slabBiasLemmas
        + slabSlotLemmas + slabFreeListLemmas + storageLemmas
}
