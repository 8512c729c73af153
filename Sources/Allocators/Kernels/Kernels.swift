/// The arithmetic every allocator relies on, written once over `KernelWord`.
///
/// Each kernel is a pure function of its words. The allocators call it with
/// `UInt` (it compiles to a handful of instructions); `allocators-verify` calls
/// it with symbolic Z3 words and proves its lemmas for every input, at 32 bits
/// (the Embedded targets) and at 64.
/// A kernel states its preconditions in its doc comment; the lemmas assume
/// exactly those preconditions, and the callers establish them.
///
/// Kernels never branch except through `select`, never shift by an amount that
/// can reach the word width on the path where the shift happens (proved for
/// every lemma), and never divide by zero (likewise).
public enum Kernels {}
