import Testing

@testable import Scoring

@Suite struct NameIndexTests {
  /// Against a dictionary: each name's number is the order it first came in, however many
  /// names, repeats and releases of the table come between.
  @Test(arguments: [0, 1, 7, 8, 9, 100, 5_000])
  func numbersFollowFirstArrival(distinct: Int) {
    var index = NameIndex()
    var expected: [String: Int] = [:]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(distinct)
    for step in 0..<(distinct * 3 + 5) {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let name = distinct == 0 ? "" : ["team-", "Équipe ", "e\u{301}", "👩‍👩‍👧 "][Int(state >> 62)] + String(Int(state >> 33) % distinct)
      let number = expected[name] ?? expected.count
      expected[name] = number
      #expect(index.number(of: name) == number)
      if step % 97 == 96 { index.releaseTable() }
    }
    #expect(index.names.count == expected.count)
    for (name, number) in expected { #expect(index.names[number] == name) }
  }
}
