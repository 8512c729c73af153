#if canImport(Glibc)
import Glibc
#endif

/// jemalloc, mimalloc and tcmalloc use initial-exec TLS (`STATIC_TLS` in
/// `readelf -d`), which `dlopen` can only place
/// in the static TLS surplus; glibc reads the surplus size from
/// `GLIBC_TUNABLES` at start-up, so `allocators-bench` re-executes itself
/// once with it set, and starts its callgrind workers with it set (a worker
/// must not re-execute itself: the new image would run outside valgrind).
public enum StaticTLS {
    static let marker = "ALLOCATORS_BENCH_TLS"
    static let tunable = "glibc.rtld.optional_static_tls=65536"

    /// Re-executes the process with the tunable set, unless it already is.
    public static func ensure() {
        guard getenv(marker) == nil else { return }
        setenv(marker, "1", 1)
        let current = getenv("GLIBC_TUNABLES").map { String(cString: $0) } ?? ""
        setenv("GLIBC_TUNABLES", current.isEmpty ? tunable : current + ":" + tunable, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // If exec fails, carry on: jemalloc will report itself unavailable.
    }

    /// This process's environment with the tunable and the marker set, for a child.
    public static func environment() -> [String] {
        var variables: [String] = []
        var tunables = ""
        var p = environ
        while let entry = p.pointee {
            let variable = String(cString: entry)
            if variable.hasPrefix("GLIBC_TUNABLES=") {
                tunables = String(variable.dropFirst("GLIBC_TUNABLES=".count))
            } else if !variable.hasPrefix(marker + "=") {
                variables.append(variable)
            }
            p += 1
        }
        if !tunables.contains(tunable) { tunables = tunables.isEmpty ? tunable : tunables + ":" + tunable }
        return variables + ["GLIBC_TUNABLES=" + tunables, marker + "=1"]
    }
}
