import AllocatorSpec
import Foundation
import Testing

/// `KernelCatalog` lists exactly the kernels declared in the sources, so the
/// uncovered-kernel report of `allocators-verify` cannot miss one.
@Suite struct KernelCatalogTests {
    @Test func catalogMatchesTheSources() throws {
        let kernels = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Allocators/Kernels")
        var declared = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: kernels.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: kernels.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let range = line.range(of: "public static func ") else { continue }
                let rest = line[range.upperBound...]
                guard let end = rest.firstIndex(where: { $0 == "<" || $0 == "(" }), rest[end] == "<",
                      rest[end...].hasPrefix("<W: KernelWord>") else { continue }
                declared.insert(String(rest[..<end]))
            }
        }
        #expect(!declared.isEmpty)
        #expect(declared == Set(KernelCatalog.names))
        #expect(KernelCatalog.names.count == Set(KernelCatalog.names).count, "duplicate catalog entry")
    }
}
