/// A side condition a kernel must meet where it is evaluated: a shift amount
/// below the word width, a non-zero divisor. Recorded while the kernel runs
/// symbolically, proved with the lemma that ran it.
public struct Obligation {
    /// What must hold, for reports ("shift amount < 64 in <<").
    public let what: String
    /// The `select` branch conditions under which the operation is evaluated.
    let path: [SymbolicCondition]
    let condition: SymbolicCondition

    /// "On this path, the condition holds."
    var requirement: SymbolicCondition { SymbolicCondition.all(path).implies(condition) }
}
