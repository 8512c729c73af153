// The C wall: the only file that imports Z3's C API. Everything else in the
// package speaks `Z3Context`, `Solver`, `SymbolicWord` and `SymbolicCondition`.
import CZ3

/// A Z3 term, opaque outside this file.
typealias RawTerm = OpaquePointer

/// One Z3 context: the factory of every term built in it.
///
/// Made with plain `Z3_mk_context`, so terms live as long as the context. An
/// error handler is installed so a bad call is recorded (and reported by the
/// prover as a failure) instead of exiting the process. One context per task:
/// it is not `Sendable`.
public final class Z3Context {
    let raw: Z3_context
    /// The bit-vector sort of each word width used in this context.
    private var wordSorts: [Int: Z3_sort] = [:]
    /// The first Z3 error reported in this context, if any.
    public private(set) var firstError: String?
    /// Conditions under which the term being built is evaluated (see `select`).
    var pathConditions: [SymbolicCondition] = []
    /// Side conditions recorded while building terms: every shift amount is
    /// below the word width, every divisor non-zero, each under its path.
    var obligations: [Obligation] = []
    /// Variables declared in this context, reported in counterexamples.
    var variables: [(name: String, term: RawTerm)] = []

    public init() {
        let config = Z3_mk_config()
        raw = Z3_mk_context(config)
        Z3_del_config(config)
        // A no-op handler keeps Z3 from calling exit(); errors are read back
        // with Z3_get_error_code after each call that can fail.
        Z3_set_error_handler(raw) { _, _ in }
    }

    deinit { Z3_del_context(raw) }

    /// Records the first error Z3 reported since the last check.
    @discardableResult
    func checkError() -> Bool {
        let code = Z3_get_error_code(raw)
        guard code != Z3_OK else { return true }
        if firstError == nil {
            firstError = String(cString: Z3_get_error_msg(raw, code))
        }
        return false
    }

    /// Z3's version string.
    public static var version: String {
        var major: UInt32 = 0, minor: UInt32 = 0, build: UInt32 = 0, revision: UInt32 = 0
        Z3_get_version(&major, &minor, &build, &revision)
        return "\(major).\(minor).\(build)"
    }

    // MARK: Term construction

    /// The sort of `bits`-wide words.
    func wordSort(bits: Int) -> Z3_sort {
        if let sort = wordSorts[bits] { return sort }
        let sort = Z3_mk_bv_sort(raw, UInt32(bits))!
        wordSorts[bits] = sort
        return sort
    }

    func wordVariable(_ name: String, bits: Int) -> RawTerm {
        let term = Z3_mk_const(raw, Z3_mk_string_symbol(raw, name), wordSort(bits: bits))!
        variables.append((name, term))
        return term
    }

    func boolVariable(_ name: String) -> RawTerm {
        Z3_mk_const(raw, Z3_mk_string_symbol(raw, name), Z3_mk_bool_sort(raw))!
    }

    func wordConstant(_ value: UInt64, bits: Int) -> RawTerm { Z3_mk_unsigned_int64(raw, value, wordSort(bits: bits))! }
    func boolConstant(_ value: Bool) -> RawTerm { value ? Z3_mk_true(raw)! : Z3_mk_false(raw)! }

    enum WordOperation { case add, sub, mul, and, or, xor, shl, lshr, udiv, urem }
    enum Comparison { case eq, ult, ule }
    enum Connective { case and, or }

    func apply(_ op: WordOperation, _ a: RawTerm, _ b: RawTerm) -> RawTerm {
        let term: RawTerm? = switch op {
        case .add: Z3_mk_bvadd(raw, a, b)
        case .sub: Z3_mk_bvsub(raw, a, b)
        case .mul: Z3_mk_bvmul(raw, a, b)
        case .and: Z3_mk_bvand(raw, a, b)
        case .or: Z3_mk_bvor(raw, a, b)
        case .xor: Z3_mk_bvxor(raw, a, b)
        case .shl: Z3_mk_bvshl(raw, a, b)
        case .lshr: Z3_mk_bvlshr(raw, a, b)
        case .udiv: Z3_mk_bvudiv(raw, a, b)
        case .urem: Z3_mk_bvurem(raw, a, b)
        }
        checkError()
        return term!
    }

    func bitNot(_ a: RawTerm) -> RawTerm { Z3_mk_bvnot(raw, a)! }

    func compare(_ op: Comparison, _ a: RawTerm, _ b: RawTerm) -> RawTerm {
        let term: RawTerm? = switch op {
        case .eq: Z3_mk_eq(raw, a, b)
        case .ult: Z3_mk_bvult(raw, a, b)
        case .ule: Z3_mk_bvule(raw, a, b)
        }
        checkError()
        return term!
    }

    func connect(_ op: Connective, _ terms: [RawTerm]) -> RawTerm {
        if terms.isEmpty { return boolConstant(op == .and) }
        let args = terms.map { Optional($0) }
        let term: RawTerm? = switch op {
        case .and: Z3_mk_and(raw, UInt32(args.count), args)
        case .or: Z3_mk_or(raw, UInt32(args.count), args)
        }
        checkError()
        return term!
    }

    func not(_ a: RawTerm) -> RawTerm { Z3_mk_not(raw, a)! }
    func implies(_ a: RawTerm, _ b: RawTerm) -> RawTerm { Z3_mk_implies(raw, a, b)! }

    func ifThenElse(_ c: RawTerm, _ a: RawTerm, _ b: RawTerm) -> RawTerm {
        let term = Z3_mk_ite(raw, c, a, b)
        checkError()
        return term!
    }

    /// The value of a closed term after substituting `bindings`, simplified to a numeral.
    func evaluate(_ term: RawTerm, bindings: [(RawTerm, UInt64)]) -> UInt64? {
        var from = bindings.map { Optional($0.0) }
        var to = bindings.map { Optional(Z3_mk_unsigned_int64(raw, $0.1, Z3_get_sort(raw, $0.0))!) }
        guard let substituted = Z3_substitute(raw, term, UInt32(from.count), &from, &to),
              let simplified = Z3_simplify(raw, substituted) else { return nil }
        var value: UInt64 = 0
        if Z3_get_sort_kind(raw, Z3_get_sort(raw, simplified)) == Z3_BOOL_SORT {
            switch Z3_get_bool_value(raw, simplified) {
            case Z3_L_TRUE: return 1
            case Z3_L_FALSE: return 0
            default: return nil
            }
        }
        return Z3_get_numeral_uint64(raw, simplified, &value) ? value : nil
    }

    /// Z3's rendering of a term, for diagnostics.
    func describe(_ term: RawTerm) -> String { String(cString: Z3_ast_to_string(raw, term)) }
}

/// The answer of a satisfiability check.
public enum SatisfiabilityResult: Equatable, Sendable {
    case satisfiable
    case unsatisfiable
    /// Z3 gave up (timeout or incompleteness), with its reason.
    case unknown(String)
}

/// A Z3 solver: assertions, scopes, checks under assumptions, and models.
///
/// Incremental use is the point: push/pop scopes, or assumption literals that
/// switch groups of assertions on per check, keep learned facts between checks.
public final class Solver {
    public let context: Z3Context
    let raw: Z3_solver
    private var model: Z3_model?

    /// A solver in `context`. `timeoutMilliseconds` bounds each check in
    /// wall-clock time, `resourceLimit` in Z3's resource units (`rlimit`:
    /// deterministic, the same on a loaded machine as on an idle one); 0: none.
    public init(context: Z3Context, timeoutMilliseconds: UInt32 = 0, resourceLimit: UInt32 = 0) {
        self.context = context
        raw = Z3_mk_solver(context.raw)
        Z3_solver_inc_ref(context.raw, raw)
        let limits = [("timeout", timeoutMilliseconds), ("rlimit", resourceLimit)].filter { $0.1 > 0 }
        if !limits.isEmpty {
            let params = Z3_mk_params(context.raw)
            Z3_params_inc_ref(context.raw, params)
            for (name, value) in limits { Z3_params_set_uint(context.raw, params, Z3_mk_string_symbol(context.raw, name), value) }
            Z3_solver_set_params(context.raw, raw, params)
            Z3_params_dec_ref(context.raw, params)
            context.checkError()
        }
    }

    /// Z3's resource units the checks of this solver have used so far (its
    /// "rlimit count" statistic).
    public var resourcesUsed: UInt64 {
        guard let stats = Z3_solver_get_statistics(context.raw, raw) else { return 0 }
        Z3_stats_inc_ref(context.raw, stats)
        defer { Z3_stats_dec_ref(context.raw, stats) }
        for index in 0 ..< Z3_stats_size(context.raw, stats) where String(cString: Z3_stats_get_key(context.raw, stats, index)) == "rlimit count" {
            return Z3_stats_is_uint(context.raw, stats, index)
                ? UInt64(Z3_stats_get_uint_value(context.raw, stats, index))
                : UInt64(Z3_stats_get_double_value(context.raw, stats, index))
        }
        return 0
    }

    deinit {
        dropModel()
        Z3_solver_dec_ref(context.raw, raw)
    }

    private func dropModel() {
        if let model { Z3_model_dec_ref(context.raw, model) }
        model = nil
    }

    /// Adds `condition` to the current scope.
    public func assert(_ condition: SymbolicCondition) {
        Z3_solver_assert(context.raw, raw, condition.term(in: context))
        context.checkError()
    }

    /// Opens a scope; `pop()` drops every assertion made since.
    public func push() {
        Z3_solver_push(context.raw, raw)
        context.checkError()
    }

    /// Closes the innermost scope.
    public func pop() {
        dropModel()
        Z3_solver_pop(context.raw, raw, 1)
        context.checkError()
    }

    /// Checks the assertions, with `assumptions` holding for this check only.
    public func check(assuming assumptions: [SymbolicCondition] = []) -> SatisfiabilityResult {
        dropModel()
        let result: Z3_lbool
        if assumptions.isEmpty {
            result = Z3_solver_check(context.raw, raw)
        } else {
            var terms = assumptions.map { Optional($0.term(in: context)) }
            result = Z3_solver_check_assumptions(context.raw, raw, UInt32(terms.count), &terms)
        }
        context.checkError()
        switch result {
        case Z3_L_TRUE:
            model = Z3_solver_get_model(context.raw, raw)
            if let model { Z3_model_inc_ref(context.raw, model) }
            return .satisfiable
        case Z3_L_FALSE:
            return .unsatisfiable
        default:
            return .unknown(String(cString: Z3_solver_get_reason_unknown(context.raw, raw)))
        }
    }

    /// The value of `word` in the model of the last satisfiable check.
    public func value<let bits: Int>(of word: SymbolicWord<bits>) -> UInt64? {
        guard let model else { return nil }
        return value(of: word.term(in: context), in: model)
    }

    /// The value of a variable of the context in the model of the last satisfiable check.
    func value(ofVariable term: RawTerm) -> UInt64? {
        guard let model else { return nil }
        return value(of: term, in: model)
    }

    private func value(of term: RawTerm, in model: Z3_model) -> UInt64? {
        var result: Z3_ast?
        guard Z3_model_eval(context.raw, model, term, true, &result), let result else { return nil }
        var value: UInt64 = 0
        return Z3_get_numeral_uint64(context.raw, result, &value) ? value : nil
    }

    /// The truth value of `condition` in the model of the last satisfiable check.
    public func value(of condition: SymbolicCondition) -> Bool? {
        guard let model else { return nil }
        var result: Z3_ast?
        guard Z3_model_eval(context.raw, model, condition.term(in: context), true, &result), let result else { return nil }
        switch Z3_get_bool_value(context.raw, result) {
        case Z3_L_TRUE: return true
        case Z3_L_FALSE: return false
        default: return nil
        }
    }
}
