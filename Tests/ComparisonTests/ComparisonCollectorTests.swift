import Scoring
import Statistics
import SurveyModel
import Testing

@testable import Comparison

/// The collector keeps a team's rows while they take less room than its moments, then folds
/// them: whatever a team's size, its moments must be the ones folding every row as it came
/// gives, to the bit.
@Suite struct ComparisonCollectorTests {
  /// Deterministic rows: keyed answers from 1 to 5 with about one in six missing, and the
  /// dimension scores as their means (NaN when a dimension has no answer).
  private struct Rows {
    var state: UInt64

    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 33
    }

    mutating func row() -> (keyed: [Double], scores: [Double]) {
      // Values whose sums round, so that folding in another order gives other bits.
      let keyed = (0..<4).map { _ in next() % 6 == 0 ? Double.nan : 1 + Double(next() % 1_000_000) / 250_001 }
      let scores = [Array(keyed[0..<2]), Array(keyed[2..<4])].map { answers -> Double in
        let present = answers.filter { !$0.isNaN }
        return present.isEmpty ? .nan : present.reduce(0, +) / Double(present.count)
      }
      return (keyed, scores)
    }
  }

  /// The moments folded one row at a time, as the collector folded them before it kept rows.
  private struct Reference {
    var scores = PairwiseMoments(count: 2, shift: 3)
    var reliability = [ReliabilityAccumulator(items: 2, shift: 3), ReliabilityAccumulator(items: 2, shift: 3)]

    mutating func add(keyed: [Double], scores values: [Double]) {
      scores.add(values)
      reliability[0].add(Array(keyed[0..<2]))
      reliability[1].add(Array(keyed[2..<4]))
    }

    mutating func merge(_ other: Reference) {
      scores.merge(other.scores)
      for d in reliability.indices { reliability[d].merge(other.reliability[d]) }
    }
  }

  private func bits(_ matrix: CovarianceMatrix) -> [UInt64] { matrix.values.map(\.bitPattern) }

  private func expectSame(_ moments: ComparisonCollector.FrameworkMoments?, _ reference: Reference, _ label: String) {
    guard let moments else {
      Issue.record("\(label): no moments")
      return
    }
    #expect(moments.scores.observations == reference.scores.observations, "\(label)")
    #expect(bits(moments.scores.covarianceMatrix) == bits(reference.scores.covarianceMatrix), "\(label): scores")
    for d in 0..<2 {
      #expect(moments.scores.summary(d) == reference.scores.summary(d), "\(label): summary \(d)")
      for rule in DeletionRule.allCases {
        #expect(
          bits(moments.reliability[d].covariance(rule)) == bits(reference.reliability[d].covariance(rule)), "\(label): reliability \(d) \(rule)")
      }
    }
  }

  @Test func everyTeamSizeGivesTheMomentsOfFoldingEachRowAsItCame() {
    let plan = ScoringPlan(uses: [(framework, nil)])
    let collector = ComparisonCollector(plan: plan)
    var rows = Rows(state: 2026)
    // Sizes on both sides of the point where a team's rows give way to its moments, and far past it.
    let sizes = [0, 1, 2, 3, 7, 12, 13, 14, 15, 16, 17, 30, 31, 64, 200]
    var references: [String: Reference] = [:]
    var order: [String] = []
    // The teams' rows interleaved, as a response file mixes them.
    var remaining = Dictionary(uniqueKeysWithValues: sizes.map { ("t\($0)", $0) })
    while remaining.values.contains(where: { $0 > 0 }) {
      for size in sizes where remaining["t\(size)", default: 0] > 0 {
        let team = "t\(size)"
        remaining[team]! -= 1
        let (keyed, scores) = rows.row()
        if references[team] == nil { order.append(team) }
        references[team, default: Reference()].add(keyed: keyed, scores: scores)
        keyed.withUnsafeBufferPointer { k in
          scores.withUnsafeBufferPointer { s in collector.observe(team: team, framework: 0, keyed: k, scores: s) }
        }
      }
    }
    for (team, reference) in references { expectSame(collector.moments(team: team, framework: 0), reference, team) }
    #expect(collector.moments(team: "t0", framework: 0) == nil)
    // The organisation: every team's moments merged in the order the teams first came.
    var organisation = Reference()
    for team in order { organisation.merge(references[team]!) }
    expectSame(collector.organisation(framework: 0), organisation, "organisation")
  }
}
