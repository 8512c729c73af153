#if canImport(Glibc)
import Glibc
#endif

/// A file or folder that cannot be read or written: the path and why.
public struct BenchIOError: Error, CustomStringConvertible, Sendable {
    public var path: String
    /// What failed and why, without the path: "cannot read: No such file or directory".
    public var reason: String
    public var description: String { "\(path): \(reason)" }

    init(_ path: String, _ what: String) {
        self.path = path
        reason = "cannot \(what): \(String(cString: strerror(errno)))"
    }
}

/// `mkdir -p`: creates `path` and any missing parents.
public func makeDirectories(_ path: String) throws(BenchIOError) {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
        prefix += component + "/"
        if mkdir(prefix, 0o755) != 0 && errno != EEXIST { throw BenchIOError(prefix, "create") }
    }
}

/// Writes `text` to the file at `path`, replacing it.
public func writeText(_ text: String, to path: String) throws(BenchIOError) {
    guard let f = fopen(path, "wb") else { throw BenchIOError(path, "write") }
    defer { fclose(f) }
    fputs(text, f)
}

/// The whole file at `path`.
public func readBytes(_ path: String) throws(BenchIOError) -> [UInt8] {
    guard let f = fopen(path, "rb") else { throw BenchIOError(path, "read") }
    defer { fclose(f) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
        if n == 0 { break }
        bytes.append(contentsOf: chunk[0 ..< n])
    }
    if ferror(f) != 0 { throw BenchIOError(path, "read") }
    return bytes
}

/// The whole file at `path` as UTF-8 text.
public func readText(_ path: String) throws(BenchIOError) -> String {
    String(decoding: try readBytes(path), as: UTF8.self)
}

/// The names of the entries of the folder at `path`, "." and ".." left out, sorted.
public func files(in path: String) throws(BenchIOError) -> [String] {
    guard let dir = opendir(path) else { throw BenchIOError(path, "read the folder") }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}

/// Removes the files (not folders) directly inside the folder at `path`.
func removeFiles(in path: String) throws(BenchIOError) {
    for name in try files(in: path) {
        let file = path + "/" + name
        var info = stat()
        if stat(file, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && unlink(file) != 0 { throw BenchIOError(file, "remove") }
    }
}
