import Testing
import TestSupport

@Suite struct TraceOpTests {
    @Test func linesRoundTrip() {
        let ops: [TraceOp] = [
            .allocate(slot: 0, size: 16, alignment: 4), .reallocate(slot: 0, newSize: 32), .free(slot: 0),
            .allocatePages(slot: 1, pages: 3, alignment: 8192), .freePages(slot: 1),
        ]
        for op in ops { #expect(TraceOp(line: Substring(op.description)) == op) }
        #expect(TraceOp(line: "# kind bytes") == nil)
        #expect(TraceOp(line: "a 1 x 8") == nil)
        let trace = renderTrace(name: "t", kind: "pages", pool: 4096, ops: ops, pageSize: 4096)
        #expect(trace.split(separator: "\n").compactMap { TraceOp(line: $0) } == ops)
        #expect(trace.contains("# slots 2"))
    }
}
