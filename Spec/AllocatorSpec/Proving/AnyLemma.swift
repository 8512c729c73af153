/// A lemma of any width, as the runner schedules it.
public struct AnyLemma: Sendable {
    public let name: String
    /// The word width it is stated at, in bits.
    public let width: Int
    /// The concern it belongs to (a lemma file: "TLSF", "Buddy", ...), for the cost report.
    public let group: String
    public let covers: [String]
    public let expectation: LemmaExpectation
    /// The planted kernel bug a mutant lemma must catch, if it is one.
    public let mutation: String?
    private let judge: @Sendable (ProofLimits) -> (verdict: LemmaVerdict, resources: UInt64)

    public init<let bits: Int>(_ lemma: Lemma<bits>, group: String) {
        name = lemma.name
        width = bits
        self.group = group
        covers = lemma.covers
        expectation = lemma.expectation
        mutation = lemma.mutation
        judge = { lemma.judged($0) }
    }

    /// The lemma's verdict and the Z3 resources it used (see `Lemma.verdict(_:)`).
    public func judged(_ limits: ProofLimits) -> (verdict: LemmaVerdict, resources: UInt64) { judge(limits) }
}
