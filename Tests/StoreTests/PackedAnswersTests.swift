import Foundation
import SurveyModel
import TestSupport
import Testing

@testable import Store

/// Each response's answers, kept with it on PostgreSQL since schema version 7 (as `text[]` and
/// `float8[]`, written in COPY's text format by imports), come back from the scoring reader as
/// they were written, whatever the item ids and values, through every write path and
/// `store copy`, on both backends; the reader's guess of an item's slot from the response
/// before is never taken on trust.
@Suite struct PackedAnswersTests {
  /// Item ids with everything an array literal or COPY escapes, and look-alikes.
  static let items = ["a", "b,c", "{d}", "e\"f", "g\\h", "NULL", "i j", "k\tl", "m\nn", "ä✓𝔘", "\\N", "o'p", "q\"\\,{}"]
  static let values: [Double] = [1, 2.5, -0.5, 1e-300, 123_456_789.125, 0.1 + 0.2, 3, 7e22, 1.0 / 3]

  /// A generated response: a unique team, and answers to a random subset of ``items`` in a
  /// random order (an item absent is not answered).
  static func draw(_ n: Int, _ seed: inout UInt64) -> (team: String, answers: [(String, Double)]) {
    func next(_ bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(seed >> 33) % bound
    }
    // Mostly the same items in the same order (as a survey's responses), sometimes not.
    var chosen = items.filter { _ in next(8) > 0 }
    if next(4) == 0, chosen.count > 1 {
      for i in stride(from: chosen.count - 1, to: 0, by: -1) { chosen.swapAt(i, next(i + 1)) }
    }
    return ("t\(n)", chosen.map { ($0, values[next(values.count)]) })
  }

  /// Each team's values as read for scoring with `itemIDs`.
  func read(_ store: any ResponseStoring, itemIDs: [String]) throws -> [String: [UInt64]] {
    let source = try store.responses(of: try store.wave("w", survey: "s"), itemIDs: itemIDs)
    var rows: [String: [UInt64]] = [:]
    while case .row(let row)? = try source.next() {
      #expect(rows[row.team] == nil, "team \(row.team) read twice")
      rows[row.team] = row.values.map(\.bitPattern)
    }
    return rows
  }

  /// What the reader must give: each slot's item's value, NaN where not answered; an item
  /// listed twice fills its first slot only.
  func expected(_ written: [(team: String, answers: [(String, Double)])], itemIDs: [String]) -> [String: [UInt64]] {
    Dictionary(
      uniqueKeysWithValues: written.map { response in
        let answers = Dictionary(response.answers, uniquingKeysWith: { a, _ in a })
        let values = itemIDs.enumerated().map { slot, item in
          itemIDs.firstIndex(of: item) == slot ? answers[item] ?? .nan : .nan
        }
        return (response.team, values.map(\.bitPattern))
      })
  }

  @Test(arguments: Backend.underTest) func answersComeBackAsWrittenThroughEveryPath(_ backend: Backend) throws {
    let (store, _) = try temporaryStore(backend)
    var seed: UInt64 = 20_261_130
    var written: [(team: String, answers: [(String, Double)])] = []
    for n in 0..<60 {
      let response = Self.draw(n, &seed)
      try store.addResponse(
        toWave: "w", survey: stamp, team: response.team, answers: Dictionary(response.answers, uniquingKeysWith: { a, _ in a }), comments: [:],
        language: nil, attributes: [:])
      written.append(response)
    }
    _ = try store.importing(into: "w", survey: stamp, source: "x.csv", format: "csv") { session in
      for n in 60..<5000 {
        let response = Self.draw(n, &seed)
        // An import gives every item a value, NaN where the cell was empty.
        let given = Dictionary(response.answers, uniquingKeysWith: { a, _ in a })
        try session.add(
          team: response.team, itemIDs: Self.items, values: Self.items.map { given[$0] ?? .nan }, sourceKey: "k\(n)", comments: [],
          attributes: [])
        written.append(response)
      }
      return ((), ImportCounts())
    }
    // Every item, some twice, and one nobody answered; then a few, in another order.
    let readings = [Self.items + ["a", "never", "g\\h"], ["NULL", "q\"\\,{}", "a"]]
    for itemIDs in readings {
      #expect(try read(store, itemIDs: itemIDs) == expected(written, itemIDs: itemIDs), "\(backend), \(itemIDs.count) slots")
    }
    // Copied into each backend, the wave reads the same.
    let wave = try store.wave("w", survey: "s")
    for target in Backend.underTest {
      let (copy, _) = try temporaryStore(target)
      #expect(try copy.receiveWave(try store.exportWave(wave), survey: stamp) == 5000)
      #expect(try read(copy, itemIDs: readings[0]) == expected(written, itemIDs: readings[0]), "\(backend) into \(target)")
    }
  }
}
