import Testing

@testable import Reports

/// A list made element by element as it is written (``JSON/list(_:_:)``) is the same text as
/// the array of its elements made beforehand, empty or not, nested at any depth.
@Suite struct JSONListTests {
  @Test func aListWritesTheBytesOfItsArray() {
    let element = { (i: Int) -> JSON in
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
}
