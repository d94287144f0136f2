import Comparison
import Reports
import Scoring
import Statistics
import SurveyModel

@testable import Privacy

/// The framework of the generated organisations: 1–5, three dimensions, one reversed item.
let attackFramework = Framework(
  id: "lc", name: "Learning culture", version: "1", description: "", source: "",
  scale: Scale(min: 1, max: 5),
  dimensions: [Dimension(id: "a", name: "A", advice: "work on A", adviceBelow: 50), Dimension(id: "b", name: "B"), Dimension(id: "c", name: "C")],
  items: [
    Item(id: "a1", text: "", dimension: "a"), Item(id: "a2", text: "", dimension: "a", reverse: true),
    Item(id: "b1", text: "", dimension: "b"), Item(id: "c1", text: "", dimension: "c"), Item(id: "c2", text: "", dimension: "c"),
  ],
  bands: [Band(min: 0, label: "Low", advice: "start somewhere"), Band(min: 50, label: "High")])

/// The framework of the generated organisations with a multi-select item of 4 options and a
/// `count_of` measure of it (the options a respondent chose, 0–4; share ≥ 2), a data point of
/// its own: its n is who answered the item.
let measuredFramework: Framework = {
  var f = attackFramework
  let options = (1...4).map { Item.Option(id: "o\($0)", label: "O\($0)", score: 0) }
  f.unscoredItems = [Item(id: "m1", text: "", dimension: "", options: options, kind: .multi)]
  f.measures = [Measure(id: "ways", name: "Ways", source: .countOf("m1"), min: 0, max: 4, atLeast: 2)]
  return f
}()

/// The measure's id, and the item it counts.
let attackMeasure = "ways"

/// One wave of an organisation: its response rows, its team mapping, and everything `score`,
/// `compare` and `trend` publish about it.
struct Organisation {
  var rows: [ResponseRow]
  /// Raw team → the name `trend` counts it under.
  var mapping: [String: String]
  var threshold: Int

  var teams: [String] { Array(Set(rows.map(\.team))).sorted() }

  /// A random organisation: 2–9 teams, many of 1–4 people, missing answers, blank rows,
  /// dimensions a team skipped, a multi-select (counted by the measure) that some skip, and
  /// merged or renamed teams in the mapping.
  static func random(_ rng: inout SplitMix64) -> Organisation {
    let teamCount = Int.random(in: 2...9, using: &rng)
    var rows: [ResponseRow] = []
    var line = 2
    for t in 0..<teamCount {
      let size = Bool.random(using: &rng) ? Int.random(in: 0...4, using: &rng) : Int.random(in: 5...14, using: &rng)
      let missing = Double.random(in: 0...0.4, using: &rng)
      let skipped = (0..<3).map { _ in Double.random(in: 0...1, using: &rng) < 0.15 }
      let multiMissing = Double.random(in: 0...0.6, using: &rng)
      for _ in 0..<max(size, 1) {
        let blank = Double.random(in: 0...1, using: &rng) < 0.1 || size == 0
        let values: [Double] = attackFramework.items.map { item in
          let d = attackFramework.dimensions.firstIndex { $0.id == item.dimension }!
          if blank || skipped[d] || Double.random(in: 0...1, using: &rng) < missing { return .nan }
          return Double(Int.random(in: 1...5, using: &rng))
        }
        let chosen = blank || Double.random(in: 0...1, using: &rng) < multiMissing ? Double.nan : Double(Int.random(in: 0...15, using: &rng))
        rows.append(ResponseRow(line: line, respondent: "r\(line)", team: "T\(t)", values: values + [chosen]))
        line += 1
      }
    }
    var mapping: [String: String] = [:]
    var t = 0
    var group = 0
    while t < teamCount {
      let roll = Double.random(in: 0...1, using: &rng)
      if roll < 0.35, t + 1 < teamCount {
        let width = t + 2 < teamCount && Bool.random(using: &rng) ? 3 : 2
        for i in t..<(t + width) { mapping["T\(i)"] = "M\(group)" }
        t += width
      } else {
        mapping["T\(t)"] = roll < 0.5 ? "R\(group)" : "T\(t)"
        t += 1
      }
      group += 1
    }
    return Organisation(rows: rows, mapping: mapping, threshold: Int.random(in: 3...5, using: &rng))
  }

  /// The true respondents behind each team's number on each dimension.
  var counts: [String: [String: Int]] {
    var out: [String: [String: Int]] = [:]
    for (d, dimension) in attackFramework.dimensions.enumerated() {
      let items = attackFramework.items.indices.filter { attackFramework.items[$0].dimension == dimension.id }
      for row in rows where items.contains(where: { !row.values[$0].isNaN }) { out[dimension.id, default: [:]][row.team, default: 0] += 1 }
      _ = d
    }
    for row in rows where !measureValue(row).isNaN { out[attackMeasure, default: [:]][row.team, default: 0] += 1 }
    return out
  }

  /// A row's value of the measure: the options it chose (NaN: the item not answered; a row
  /// given with the scored items only has not answered it).
  func measureValue(_ row: ResponseRow) -> Double {
    let bits = row.values.count > attackFramework.items.count ? row.values[attackFramework.items.count] : .nan
    return bits.isNaN ? .nan : Double(UInt32(bits).nonzeroBitCount)
  }

  /// The true aggregates of the measure over `teams`, computed here independently of the
  /// engine: n, mean, sample SD, sum, and the share choosing at least 2 options.
  func trueMeasure(_ teams: Set<String>) -> MeasureScore {
    let values = rows.filter { teams.contains($0.team) }.map(measureValue).filter { !$0.isNaN }
    let n = Double(values.count)
    let sum = values.reduce(0, +)
    let mean = sum / n
    let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot()
    return MeasureScore(
      id: attackMeasure, n: values.count, mean: mean, sd: sd, sum: sum, atLeast: Double(values.filter { $0 >= 2 }.count) / n * 100)
  }

  /// The true sum of respondent scores of `teams` on a dimension (respondent score = mean of
  /// answered keyed items), or of their values of the measure, computed here independently of
  /// the engine.
  func trueSum(_ teams: Set<String>, dimension: String) -> Double {
    if dimension == attackMeasure { return trueMeasure(teams).sum ?? 0 }
    let items = attackFramework.items.indices.filter { attackFramework.items[$0].dimension == dimension }
    var sum = 0.0
    for row in rows where teams.contains(row.team) {
      let answered = items.filter { !row.values[$0].isNaN }.map { i in attackFramework.items[i].reverse ? 6 - row.values[i] : row.values[i] }
      if !answered.isEmpty { sum += answered.reduce(0, +) / Double(answered.count) }
    }
    return sum
  }

  /// Every format of `score`, `compare` and `trend` of this wave, as published.
  struct Outputs {
    var scoreJSON: String
    var scoreCSV: String
    var scoreTable: String
    var compareJSON: String
    var compareCSV: String
    var compareMarkdown: String
    var compareTable: String
    var compareHTML: String
    var trendJSON: String
    var trendCSV: String
    var trendTable: String
  }

  /// - Parameter plant: changes the score report before it is rendered (a self-test plants
  ///   what a careless reporter would print).
  func publish(policy: PrivacyPolicy, plant: (inout ScoreReport) -> Void = { _ in }) throws -> Outputs {
    let plan = ScoringPlan(uses: [(measuredFramework, nil)])
    let engine = ScoreEngine(plan: plan, hooks: [nil])
    let collector = ComparisonCollector(plan: plan)
    engine.observer = collector
    for var row in rows {
      // Rows given with the scored items only have not answered the multi-select.
      row.values += [Double](repeating: .nan, count: plan.slots.count - row.values.count)
      try engine.add(row)
    }
    let info = SurveyInfo(id: "s", title: "S")
    let input = InputSummary(file: "r.csv", rowsRead: rows.count, rowsUsed: rows.count, rowsRejected: 0)
    let (frameworks, privacy) = try engine.results(policy: policy)
    var score = ScoreReport(survey: info, input: input, frameworks: frameworks, privacy: privacy)
    plant(&score)
    let selection = try TeamSelection(teams: nil, baseline: "org", known: teams, privacy: privacy)
    let (comparisons, method) = ComparisonBuilder(plan: plan, collector: collector).build(results: frameworks, selection: selection)
    let compare = ComparisonReport(
      survey: info, input: input, baseline: selection.baseline, method: method, frameworks: comparisons, privacy: privacy)
    let mapping = self.mapping
    let (mapped, mappedPrivacy) = try engine.results(policy: policy, regroup: { mapping[$0] ?? $0 })
    let f = mapped[0]
    let trend = TrendReport(
      survey: info, waves: [WaveInput(name: "w1", responses: rows.count)], mappingApplied: [],
      frameworks: [
        FrameworkTrend(
          id: f.id, name: f.name, version: f.version, dimensions: f.dimensions,
          teams: f.teams.map { TeamLine(team: $0.team, points: [$0]) },
          organisation: TeamLine(team: f.organisation.team, points: [f.organisation]))
      ],
      minGroupSize: policy.threshold, privacyRule: policy.summary, privacy: [mappedPrivacy])
    return Outputs(
      scoreJSON: JSONReporter().render(score), scoreCSV: CSVReporter().render(score), scoreTable: TableReporter().render(score),
      compareJSON: ComparisonJSONReporter().render(compare), compareCSV: ComparisonCSVReporter().render(compare),
      compareMarkdown: ComparisonMarkdownReporter().render(compare), compareTable: ComparisonTableReporter().render(compare),
      compareHTML: ComparisonHTMLReporter().render(compare),
      trendJSON: TrendJSONReporter().render(trend), trendCSV: TrendCSVReporter().render(trend), trendTable: TrendTableReporter().render(trend))
  }

  /// Every format the attacker reads, by the name its equations' sources start with.
  static let formats = [
    "score json", "score csv", "score table", "compare json", "compare csv", "compare md", "compare table", "compare html", "trend json",
    "trend csv", "trend table",
  ]

  /// Everything the attacker can read from the outputs (the mapping is public: it is in the
  /// survey file), or from the formats named in `only`.
  func reader(_ outputs: Outputs, only: Set<String>? = nil) -> PublicationReader {
    var reader = PublicationReader(atoms: teams, dimensions: attackFramework.dimensions.map(\.id), counts: counts)
    reader.measures = measuredFramework.measures.map(\.id)
    let names = Dictionary(uniqueKeysWithValues: attackFramework.dimensions.map { ($0.name, $0.id) })
    // Only `score` publishes the measures (its table lists them under their names).
    let scoreNames = names.merging(measuredFramework.measures.map { ($0.name, $0.id) }) { a, _ in a }
    var members: [String: [String]] = [:]
    for (team, group) in mapping { members[group, default: []].append(team) }
    for format in Self.formats where only?.contains(format) ?? true {
      switch format {
      case "score json": reader.readTeamsJSON(outputs.scoreJSON, source: format)
      case "score csv": reader.readScoreCSV(outputs.scoreCSV, source: format)
      case "score table": reader.readScoreTable(outputs.scoreTable, names: scoreNames, source: format)
      case "compare json": reader.readTeamsJSON(outputs.compareJSON, source: format)
      case "compare csv": reader.readCompareCSV(outputs.compareCSV, source: format)
      case "compare md": reader.readCompareMarkdown(outputs.compareMarkdown, names: names, source: format)
      case "compare table": reader.readCompareTable(outputs.compareTable, names: names, source: format)
      case "compare html": reader.readCompareHTML(outputs.compareHTML, names: names, source: format)
      case "trend json": reader.readTrendJSON(outputs.trendJSON, mapping: members, scale: (1, 5), source: format)
      case "trend csv": reader.readTrendCSV(outputs.trendCSV, mapping: members, scale: (1, 5), source: format)
      default: reader.readTrendTable(outputs.trendTable, names: names, mapping: members, scale: (1, 5), wave: "w1", source: format)
      }
    }
    return reader
  }

  /// What the attacker recovers from every output of the three commands.
  func attack(policy: PrivacyPolicy) throws -> [Attacker.Recovery] {
    let reader = reader(try publish(policy: policy))
    return Attacker(counts: counts, threshold: policy.threshold).attack(reader)
  }
}
