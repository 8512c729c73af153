#if canImport(Glibc)
import Glibc
#endif

/// jemalloc uses initial-exec TLS, which `dlopen` can only place in the static
/// TLS surplus; glibc reads the surplus size from `GLIBC_TUNABLES` at start-up,
/// so the bench re-executes itself once with it set.
enum StaticTLS {
    static let marker = "ALLOCATORS_BENCH_TLS"
    static let tunable = "glibc.rtld.optional_static_tls=65536"

    static func ensure() {
        guard getenv(marker) == nil else { return }
        setenv(marker, "1", 1)
        let current = getenv("GLIBC_TUNABLES").map { String(cString: $0) } ?? ""
        setenv("GLIBC_TUNABLES", current.isEmpty ? tunable : current + ":" + tunable, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // If exec fails, carry on: jemalloc will report itself unavailable.
    }
}
