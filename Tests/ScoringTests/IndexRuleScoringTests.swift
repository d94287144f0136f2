import Statistics
import SurveyModel
import Testing

@testable import Privacy
@testable import Scoring

/// Whether `x` is within 1e-12 of `want`.
private func close(_ x: Double?, _ want: Double) -> Bool { x.map { abs($0 - want) < 1e-12 } ?? false }

/// Six items on 1–5 in two dimensions; the third of each reverse-keyed.
private func engagement(_ rule: IndexDefinition, measures: [Measure]) -> Framework {
  var f = Framework(
    id: "eng", name: "Engagement", version: "1", description: "", source: "", scale: Scale(min: 1, max: 5),
    dimensions: [Dimension(id: "g", name: "G"), Dimension(id: "v", name: "V")],
    items: [
      Item(id: "g1", text: "", dimension: "g"), Item(id: "g2", text: "", dimension: "g"), Item(id: "g3", text: "", dimension: "g", reverse: true),
      Item(id: "v1", text: "", dimension: "v"), Item(id: "v2", text: "", dimension: "v"), Item(id: "v3", text: "", dimension: "v", reverse: true),
    ])
  f.measures = measures
  f.indexDefinition = rule
  return f
}

private let ownMean = Measure(id: "own", name: "Own mean", source: .allItems, min: 1, max: 5, atLeast: 3.5, atMost: 2)

@Suite struct IndexRuleScoringTests {
  // Keyed answers: Ana 4 4 3 | 4 3 3 (mean 3.5); Ben 5 4 4 | - - - (4.33); Cem 3 3 4 | 3 3 4 (3.33).
  // Raw answers put the reverse-keyed ones back: 6 − x.
  let rows = [
    row("T", [4, 4, 3, 4, 3, 3], line: 2), row("T", [5, 4, 2, .nan, .nan, .nan], line: 3), row("T", [3, 3, 2, 3, 3, 2], line: 4),
  ]

  @Test func sharePositiveCountsPeopleAtOrAboveTheCutOff() throws {
    let f = engagement(IndexDefinition(rule: .sharePositive, measure: "own"), measures: [ownMean])
    let team = try score(rows, framework: f).frameworks[0].teams[0]
    #expect(close(team.index, 200.0 / 3))
    let m = try #require(team.measures.first)
    #expect(m.n == 3 && close(m.atLeast, 200.0 / 3) && m.atMost == 0)
    #expect(close(m.mean, (3.5 + 13.0 / 3 + 20.0 / 6) / 3))
    #expect(close(m.pooled, 54.0 / 15))
    #expect(close(m.sum, (3.5 + 13.0 / 3 + 20.0 / 6)))
  }

  @Test func pooledCountsEveryAnswerOncePersonMeanEveryPersonOnce() throws {
    let pooled = try score(rows, framework: engagement(IndexDefinition(rule: .pooled, measure: "own"), measures: [ownMean])).frameworks[0]
    #expect(close(pooled.teams[0].index, (54.0 / 15 - 1) / 4 * 100))
    #expect(pooled.indexRange == 0...100)
    let person = try score(rows, framework: engagement(IndexDefinition(rule: .personMean, measure: "own"), measures: [ownMean])).frameworks[0]
    #expect(close(person.teams[0].index, (3.5 + 13.0 / 3 + 20.0 / 6) / 3))
    #expect(person.indexRange == 1...5 && person.indexLabel == "person mean")
  }

  @Test func npsIsSharePromotersMinusShareDetractors() throws {
    let item = Measure(id: "nps", name: "g1", source: .item("g1"), min: 1, max: 5, atLeast: 5, atMost: 3)
    let r = try score(rows, framework: engagement(IndexDefinition(rule: .nps, measure: "nps"), measures: [item])).frameworks[0]
    // g1: 4, 5, 3 → promoters 1/3, detractors 1/3.
    #expect(abs(r.teams[0].index!) < 1e-12)
    #expect(r.indexLabel == "eNPS" && r.indexRange == -100...100)
  }

  @Test func weightedPompMeanSkipsDimensionsWithoutAScore() throws {
    let f = engagement(IndexDefinition(rule: .pompMean, weights: [("g", 3), ("v", 1)]), measures: [])
    let team = try score(rows, framework: f).frameworks[0].teams[0]
    let g: Double = team.dimensions[0].pomp!
    let v: Double = team.dimensions[1].pomp!
    let want: Double = (3 * g + v) / 4
    #expect(close(team.index, want))
    let onlyG = try score([row("T", [4, 4, 3, .nan, .nan, .nan])], framework: f).frameworks[0].teams[0]
    #expect(onlyG.index == onlyG.dimensions[0].pomp)
  }

  @Test func aMeasureOfDimensionsAveragesTheRespondentsDimensionScores() throws {
    let m = Measure(id: "both", name: "Both", source: .dimensions(["g", "v"]), min: 1, max: 5)
    let team = try score(rows, framework: engagement(IndexDefinition(rule: .personMean, measure: "both"), measures: [m])).frameworks[0].teams[0]
    // Ana (11/3 + 10/3)/2 = 3.5; Ben 13/3 (v has no score); Cem (10/3 + 10/3)/2.
    #expect(close(team.measures[0].mean, (3.5 + 13.0 / 3 + 10.0 / 3) / 3))
  }

  @Test func anItemInTwoDimensionsCountsInEachAndAShareMinimumRoundsUp() throws {
    var f = engagement(IndexDefinition(rule: .pompMean), measures: [])
    f.items[3].otherDimensions = ["g"]  // v1 also in g: g has 4 items
    f.dimensions[0].minimumAnswered = .share(0.6)  // ⌈2.4⌉ = 3 of g's 4 items
    let r = try score([row("T", [4, 4, .nan, 2, .nan, .nan]), row("T", [4, .nan, .nan, 2, .nan, .nan])], framework: f).frameworks[0].teams[0]
    #expect(r.dimensions[0].n == 1 && r.dimensions[0].mean == 10.0 / 3)
    #expect(r.dimensions[1].n == 2 && r.dimensions[1].mean == 2)
    #expect(f.scoringRules.dimensionMinimums == [.init(dimension: "g", minimum: .share(0.6))] && f.scoringRules.hasSharedItems)
  }

  @Test func aMeasureBelowTheThresholdIsWithheldAndSoIsTheIndexMadeFromIt() throws {
    // Team A: 5 people; the item measure g1 is answered by 2 of them only.
    let m = Measure(id: "nps", name: "g1", source: .item("g1"), min: 1, max: 5, atLeast: 5, atMost: 3)
    let f = engagement(IndexDefinition(rule: .nps, measure: "nps"), measures: [m])
    var data = (0..<5).map { row("A", [$0 < 2 ? 5 : .nan, 4, 4, 4, 4, 4], line: 2 + $0) }
    data += (0..<5).map { row("B", [3, 4, 4, 4, 4, 4], line: 10 + $0) }
    let result = try score(data, framework: f, k: 3)
    let a = result.frameworks[0].teams.first { $0.team == "A" }!
    #expect(a.measures[0].suppression == .dataPointBelowMinimum && a.measures[0].mean == nil && a.measures[0].atLeast == nil)
    #expect(a.index == nil && a.indexSuppression != nil)
    let b = result.frameworks[0].teams.first { $0.team == "B" }!
    // B would reveal A's two answers by subtraction from the organisation: withheld too.
    #expect(b.measures[0].suppression != nil && b.index == nil)
    #expect(result.frameworks[0].organisation.measures[0].suppression == nil)
  }

  @Test func resultsDoNotDependOnHowRowsAreSplitIntoChunks() throws {
    let f = engagement(IndexDefinition(rule: .sharePositive, measure: "own"), measures: [ownMean])
    let plan = ScoringPlan(uses: [(f, nil)])
    let engine = ScoreEngine(plan: plan, hooks: [nil])
    for (chunk, part) in [Array(rows[0..<1]), Array(rows[1...])].enumerated() {
      var batch = RowBatch(chunk: chunk, slots: plan.slots.count)
      for r in part {
        batch.values += r.values
        batch.teams.append(0)
        batch.lines.append(Int32(r.line))
        batch.count += 1
        batch.rowsRead += 1
      }
      let partial = try BatchScorer(plan: plan, hooks: [nil]).score(batch) { _ in "T" }
      engine.merge(partial, slots: [engine.slot(ofTeam: "T")])
    }
    let split = try engine.results(policy: PrivacyPolicy(testingThreshold: 1)).frameworks[0].teams[0]
    let whole = try score(rows, framework: f).frameworks[0].teams[0]
    let (a, b) = (split.measures[0], whole.measures[0])
    #expect(a.n == b.n && a.atLeast == b.atLeast && a.atMost == b.atMost)
    #expect(close(a.mean, b.mean!) && close(a.sd, b.sd!) && close(a.sum, b.sum!) && close(a.pooled, b.pooled!))
    #expect(close(split.index, whole.index!))
  }
}

/// Random responses (seeded) against a direct computation of each rule from the rows: every
/// measure aggregate and index the engine folds must equal the plain formula.
@Suite struct IndexRulePropertyTests {
  func sum(_ values: [Double]) -> Double { values.reduce(0, +) }

  @Test(arguments: 1...40) func rulesAgreeWithTheirFormulas(_ seed: Int) throws {
    var rng = SplitMix64(seed: UInt64(seed))
    let cut = Double(Int.random(in: 4...8, using: &rng)) / 2  // 2 ... 4, on the half point
    let own = Measure(id: "own", name: "Own", source: .allItems, min: 1, max: 5, atLeast: cut, atMost: cut - 1)
    let q = Measure(id: "q", name: "g1", source: .item("g1"), min: 1, max: 5, atLeast: 4, atMost: 2)
    let missing = Double.random(in: 0...0.6, using: &rng)
    let rows = (0..<Int.random(in: 1...30, using: &rng)).map { r in
      row("T", (0..<6).map { _ in Double.random(in: 0...1, using: &rng) < missing ? .nan : Double(Int.random(in: 1...5, using: &rng)) }, line: r + 2)
    }
    // The formulas, straight from the rows (reverse-keyed g3 and v3: 6 − x).
    let keyed: [[Double]] = rows.map { r in
      r.values.enumerated().map { (i: Int, x: Double) -> Double in i == 2 || i == 5 ? 6 - x : x }.filter { !$0.isNaN }
    }
    let people = keyed.filter { !$0.isEmpty }
    let means: [Double] = people.map { sum($0) / Double($0.count) }
    let answers = people.flatMap { $0 }
    let g1 = rows.map(\.values[0]).filter { !$0.isNaN }
    let positive: Double? = means.isEmpty ? nil : Double(means.filter { $0 >= cut }.count) / Double(means.count) * 100
    let personMean: Double? = means.isEmpty ? nil : sum(means) / Double(means.count)
    let pooled: Double? = answers.isEmpty ? nil : (sum(answers) / Double(answers.count) - 1) / 4 * 100
    let promoters = Double(g1.filter { $0 >= 4 }.count)
    let detractors = Double(g1.filter { $0 <= 2 }.count)
    let nps: Double? = g1.isEmpty ? nil : (promoters - detractors) / Double(g1.count) * 100
    let cases: [(IndexDefinition.Rule, Measure, Double?)] = [
      (.sharePositive, own, positive), (.personMean, own, personMean), (.pooled, own, pooled), (.nps, q, nps),
    ]
    for (rule, measure, want) in cases {
      let f = engagement(IndexDefinition(rule: rule, measure: measure.id), measures: [measure])
      let result = try score(rows, framework: f).frameworks[0]
      guard let team = result.teams.first else {
        #expect(people.isEmpty)
        continue
      }
      if let want {
        #expect(close(team.index, want), "\(rule) seed \(seed): \(String(describing: team.index)) vs \(want)")
      } else {
        #expect(team.index == nil)
      }
      let m = team.measures[0]
      let values = measure.id == "own" ? means : g1
      #expect(m.n == values.count)
      if !values.isEmpty {
        let mean: Double = sum(values) / Double(values.count)
        #expect(close(m.mean, mean) && close(m.sum, sum(values)))
        if values.count > 1 {
          let squares: [Double] = values.map { ($0 - mean) * ($0 - mean) }
          let sd: Double = (sum(squares) / Double(values.count - 1)).squareRoot()
          #expect(abs((m.sd ?? .nan) - sd) < 1e-9)
        }
      }
    }
  }
}
