import AllocatorSpec

/// Every lemma `allocators-verify` runs, by concern.
enum LemmaCatalog {
    static let all: [Lemma] = primitiveLemmas + alignmentLemmas + bitLemmas + bitmapLemmas + runTreeLemmas
        + storageLemmas
        + tlsfLemmas + tlsfFreeLemmas + buddyLemmas + buddyStateLemmas + slabLemmas + slabClassLemmas + slabBiasLemmas
}
