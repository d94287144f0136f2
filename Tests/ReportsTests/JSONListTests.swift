import Testing

@testable import Reports

/// A list made element by element as it is written (``JSON/list(_:_:)``) is the same text as
/// the array of its elements made beforehand, empty or not, nested at any depth, on any number
/// of the sink's workers.
@Suite struct JSONListTests {
  @Test func aListWritesTheBytesOfItsArray() {
    let element = { @Sendable (i: Int) -> JSON in
      i % 3 == 0
        ? .object([("n", .number(Double(i))), ("name", .string("team \"\(i)\"\n")), ("inner", .array([.null, .bool(i % 2 == 0)]))])
        : .number(Double(i) / 7)
    }
    for count in [0, 1, 2, 5, 300] {
      for depth in 0..<4 {
        let listed = JSON.object([("before", .string("x")), ("items", .list(count, element)), ("after", .array([]))])
        let made = JSON.object([("before", .string("x")), ("items", .array((0..<count).map(element))), ("after", .array([]))])
        #expect(listed.render(indent: depth) == made.render(indent: depth), "\(count) items at depth \(depth)")
      }
    }
  }

  /// The text `value` makes in a sink writing its lists on `workers` threads, in small blocks.
  private func text(_ value: JSON, workers: Int, depth: Int = 1) throws -> String {
    var bytes: [UInt8] = []
    let sink = ReportSink(blockSize: 4096, workers: workers) { bytes += $0 }
    try value.write(to: sink, indent: depth)
    try sink.finish()
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test(arguments: [0, 1, 127, 128, 129, 1000, 5003])
  func aListOnSeveralWorkersWritesTheSameBytes(count: Int) throws {
    let element = { @Sendable (i: Int) -> JSON in
      .object([
        ("group", .string("team-\(i)")), ("n", .number(Double(i % 9))),
        ("when", .object([("kind", .string("more")), ("x", .number(Double(i) / 3))])),
      ])
    }
    let value = JSON.object([("withheld", .list(count, element)), ("after", .bool(true))])
    let one = try text(value, workers: 1)
    #expect(one == JSON.object([("withheld", .array((0..<count).map(element))), ("after", .bool(true))]).render(indent: 1))
    for workers in [2, 3] { #expect(try text(value, workers: workers) == one, "\(workers) workers, \(count) items") }
  }

  private struct Failed: Error, Equatable { let at: Int }

  @Test func theFirstFailingElementByPositionIsThrownOnAnyWorkers() throws {
    let value = JSON.list(2000) { i in
      [300, 1700].contains(i) ? .stream { _, _ in throw Failed(at: i) } : .number(Double(i))
    }
    for workers in [1, 2, 3] {
      #expect(throws: Failed(at: 300), "\(workers) workers") { try text(value, workers: workers) }
    }
  }
}
