import SurveyModel
import Testing

@testable import Privacy
@testable import Scoring

/// A 1–5 framework: dimension a = items a1, a2 (a2 reversed); dimension b = item b1.
let smallFramework = Framework(
  id: "small", name: "Small", version: "1", description: "", source: "",
  scale: Scale(min: 1, max: 5),
  dimensions: [Dimension(id: "a", name: "A", advice: "do more A", adviceBelow: 50), Dimension(id: "b", name: "B")],
  items: [
    Item(id: "a1", text: "", dimension: "a"), Item(id: "a2", text: "", dimension: "a", reverse: true), Item(id: "b1", text: "", dimension: "b"),
  ],
  bands: [Band(min: 0, label: "Low"), Band(min: 50, label: "High")])

func row(_ team: String, _ values: [Double], line: Int = 2) -> ResponseRow {
  ResponseRow(line: line, respondent: "r\(line)", team: team, values: values)
}

func score(_ rows: [ResponseRow], framework: Framework = smallFramework, k: Int = 1) throws -> (
  frameworks: [FrameworkResult], privacy: PrivacySummary
) {
  let engine = ScoreEngine(plan: ScoringPlan(uses: [(framework, nil)]), hooks: [nil])
  for r in rows { try engine.add(r) }
  return try engine.results(policy: k < PrivacyPolicy.floor ? PrivacyPolicy(testingThreshold: k) : PrivacyPolicy(minGroupSize: k))
}

@Suite struct ScoreEngineTests {
  @Test func handComputedTeam() throws {
    // Respondent 1: a = mean(4, 6−2=4) = 4, b = 5. Respondent 2: a = mean(2, 6−5=1) = 1.5, b = 3.
    let result = try score([row("T", [4, 2, 5]), row("T", [2, 5, 3])]).frameworks[0].teams[0]
    let a = result.dimensions[0]
    let b = result.dimensions[1]
    #expect(a.n == 2)
    #expect(a.mean == 2.75)
    #expect(abs(a.sd! - 1.7677669529663689) < 1e-12)  // sd(4, 1.5)
    #expect(a.pomp == 43.75)
    #expect(a.favorable == 50)  // keyed answers 4, 4, 2, 1 → two favourable of four
    #expect(a.unfavorable == 50)
    #expect(a.neutral == 0)
    #expect(a.advice == "do more A")
    #expect(b.mean == 4)
    #expect(b.pomp == 75)
    #expect(b.advice == nil)
    #expect(result.index == (43.75 + 75) / 2)
    #expect(result.band?.label == "High")
  }

  @Test func adviceAboveAThresholdAndBenchmarks() throws {
    var framework = smallFramework
    // a: advice only above 60 (a blocker); b: advice below 50 or above 90, benchmark 70.
    framework.dimensions = [
      Dimension(id: "a", name: "A", advice: "reduce A", adviceBelow: -.infinity, adviceAbove: 60),
      Dimension(id: "b", name: "B", advice: "look at B", adviceAbove: 90, benchmark: 70),
    ]
    #expect(try score([row("T", [5, 1, 3])]).frameworks[0].dimensions.map(\.benchmark) == [nil, nil])
    let result = try score([row("H", [5, 1, 5]), row("M", [4, 2, 3]), row("L", [1, 5, 1])], framework: framework).frameworks[0]
    #expect(result.dimensions.map(\.benchmark) == [nil, 70])
    let advice = result.teams.map { team in team.dimensions.map { $0.advice ?? "-" } }
    // POMP of a, b: H 100, 100; L 0, 0; M 75, 50 (50 is not below 50).
    #expect(advice == [["reduce A", "look at B"], ["-", "look at B"], ["reduce A", "-"]])
    let m = result.teams[2]
    #expect(m.dimensions[0].pomp == 75 && m.dimensions[1].pomp == 50)
    #expect(result.dimensions[1].differenceFromBenchmark(m.dimensions[1]) == -20)
    #expect(result.dimensions[0].differenceFromBenchmark(m.dimensions[0]) == nil)
  }

  @Test func missingAnswersAreLeftOut() throws {
    let result = try score([row("T", [.nan, 2, .nan]), row("T", [3, .nan, 1])]).frameworks[0].teams[0]
    #expect(result.dimensions[0].n == 2)
    #expect(result.dimensions[0].mean == 3.5)  // respondent 1: 6−2 = 4; respondent 2: 3
    #expect(result.dimensions[1].n == 1)
    #expect(result.dimensions[1].sd == nil)
  }

  /// The whole sample's reliability per dimension: its items, who answered any of them, who
  /// answered all, and the pairwise alpha (as pandas' `cov()`), all counted by hand.
  @Test func reliabilityCountsWhoAnsweredAnyAndAll() throws {
    // a1, keyed a2: (4, 4), (2, 1), (5, 2), (3, –), (–, –); b1: 5, 3, 1, 2, –.
    let rows = [[4, 2, 5], [2, 5, 3], [5, 4, 1], [3, .nan, 2], [.nan, .nan, .nan]].enumerated().map { row("T", $1, line: $0 + 2) }
    let reliability = try score(rows).frameworks[0].reliability
    #expect(reliability.map(\.dimension) == ["a", "b"])
    #expect(reliability[0].items == ["a1", "a2"] && reliability[1].items == ["b1"])
    #expect(reliability.map(\.respondents) == [4, 4])
    #expect(reliability.map(\.completeRespondents) == [3, 4])
    // cov(a1, a2) over the 3 rows answering both = 7/6; var(a1) over its 4 answers = 5/3,
    // var(a2) over its 3 = 7/3: alpha = 2 (1 − (5/3 + 7/3) / (5/3 + 7/3 + 7/3)) = 14/19.
    #expect(abs((reliability[0].pairwise?.alpha ?? .nan) - 14.0 / 19.0) < 1e-12)
    #expect(reliability[0].listwise == nil && reliability[1].pairwise == nil)
  }

  @Test func minimumAnsweredItems() throws {
    var framework = smallFramework
    framework.minimumAnswered = 2
    let result = try score([row("T", [.nan, 2, 5]), row("T", [3, 3, 4])], framework: framework).frameworks[0].teams[0]
    #expect(result.dimensions[0].n == 1)
    #expect(result.dimensions[0].mean == 3)
    #expect(result.dimensions[1].n == 0)  // one item is below two answered items
    #expect(result.dimensions[1].mean == nil)
  }

  @Test func organisationRowPoolsEveryone() throws {
    let (frameworks, _) = try score([row("A", [5, 1, 5]), row("B", [1, 5, 1]), row("B", [3, 3, 3])])
    let org = frameworks[0].organisation
    #expect(org.n == 3)
    #expect(org.dimensions[0].mean == 3)
    #expect(frameworks[0].teams.map(\.team) == ["A", "B"])
  }

  @Test func smallTeamsAreSuppressedWithNoScores() throws {
    let rows =
      (0..<3).map { row("Tiny", [1, 1, 1], line: $0) } + (0..<6).map { row("Mid", [3, 3, 3], line: $0) }
      + (0..<9).map { row("Big", [5, 1, 5], line: $0) }
    let (frameworks, privacy) = try score(rows, k: 5)
    let teams = Dictionary(uniqueKeysWithValues: frameworks[0].teams.map { ($0.team, $0) })
    #expect(teams["Tiny"] == TeamResult(team: "Tiny", n: 3, suppression: .belowMinimum))
    #expect(teams["Mid"] == TeamResult(team: "Mid", n: 6, suppression: .complementary))
    #expect(teams["Big"]?.suppression == nil)
    #expect(privacy.suppressed.map(\.team) == ["Mid", "Tiny"])
    #expect(frameworks[0].organisation.n == 18)
  }

  @Test func organisationBelowThresholdIsSuppressed() throws {
    let (frameworks, _) = try score([row("A", [1, 1, 1]), row("B", [2, 2, 2])], k: 5)
    #expect(frameworks[0].organisation.suppression == .belowMinimum)
    #expect(frameworks[0].organisation.dimensions.isEmpty)
  }
}

@Suite struct AnonymityTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let sizes: [String: Int]
    let hidden: [String: Suppression]
    var testDescription: String { "\(sizes.sorted { $0.key < $1.key })" }
  }

  static let cases: [Case] = [
    Case(sizes: ["A": 10, "B": 12], hidden: [:]),
    Case(sizes: ["A": 2, "B": 12, "C": 20], hidden: ["A": .belowMinimum, "B": .complementary]),
    Case(sizes: ["A": 2, "B": 3, "C": 20], hidden: ["A": .belowMinimum, "B": .belowMinimum]),
    Case(sizes: ["A": 4, "B": 7, "C": 7], hidden: ["A": .belowMinimum, "B": .complementary]),
    Case(sizes: ["A": 1], hidden: ["A": .belowMinimum]),
  ]

  @Test(arguments: cases) func plan(_ c: Case) {
    let names = c.sizes.keys.sorted()
    var population = Population(
      dataPoints: [.init(name: "d", framework: 0)],
      atoms: names.map { .init(respondents: c.sizes[$0]!, counts: [c.sizes[$0]!]) }, organisation: "(all teams)")
    for (i, name) in names.enumerated() { population.add(.init(cut: "team", name: name, atoms: [i])) }
    let decision = AnonymityEngine.decide(population, policy: PrivacyPolicy(minGroupSize: 5))
    var hidden: [String: Suppression] = [:]
    for (i, name) in names.enumerated() { hidden[name] = decision.groupWithheld(i + 1) }
    #expect(hidden == c.hidden)
  }

  @Test func blankRowsDoNotCountTowardsATeam() throws {
    // A team of 4 plus a blank row elsewhere: the blank row must not make the hidden rest look like 5.
    let rows =
      (0..<4).map { row("Legal", [Double($0 % 5 + 1), 3, 4], line: $0 + 2) }
      + (0..<6).map { row("Sales", [4, 2, 5], line: $0 + 10) } + (0..<6).map { row("Ops", [3, 3, 3], line: $0 + 20) }
      + [row("Ops", [.nan, .nan, .nan], line: 40)]
    let (frameworks, _) = try score(rows, k: 5)
    let teams = Dictionary(uniqueKeysWithValues: frameworks[0].teams.map { ($0.team, $0) })
    #expect(teams["Ops"]?.n == 6)
    #expect(frameworks[0].organisation.n == 16)
    #expect(teams["Legal"]?.suppression == .belowMinimum)
    // Legal (4) alone would be recovered from the organisation row: a second team is withheld.
    #expect(teams["Ops"]?.suppression == .complementary || teams["Sales"]?.suppression == .complementary)
  }

  /// Team totals are kept in pages of 1,024 teams: 3,000 teams fold, merge and read back alike
  /// whether their rows come one by one or as batches whose partial totals are merged, and each
  /// team's numbers are its own rows'.
  @Test func teamsAcrossPagesOfTotals() throws {
    let plan = ScoringPlan(uses: [(smallFramework, nil)])
    let teamCount = 3000
    let name = { (t: Int) in "T" + String(repeating: "0", count: 5 - String(t).count) + String(t) }
    let answers = { (i: Int) in [Double(1 + i % 5), Double(1 + (i / 7) % 5), Double(1 + (i / 3) % 5)] }
    let rows = (0..<(3 * teamCount)).map { i in row(name(i % teamCount), answers(i), line: i + 2) }
    let byRow = ScoreEngine(plan: plan, hooks: [nil])
    for r in rows { try byRow.add(r) }
    let byBatch = ScoreEngine(plan: plan, hooks: [nil])
    let scorer = BatchScorer(plan: plan, hooks: [nil])
    for (chunk, start) in stride(from: 0, to: rows.count, by: 1700).enumerated() {
      var batch = RowBatch(chunk: chunk, slots: 3)
      var names: [String] = []
      var ids: [String: Int32] = [:]
      for r in rows[start..<min(start + 1700, rows.count)] {
        let id = ids[r.team] ?? Int32(names.count)
        if ids[r.team] == nil { (ids[r.team], names) = (id, names + [r.team]) }
        batch.values += r.values
        batch.teams.append(id)
        batch.lines.append(Int32(r.line))
        batch.count += 1
        batch.rowsRead += 1
      }
      let partial = try scorer.score(batch) { names[Int($0)] }
      byBatch.merge(partial, slots: names.map(byBatch.slot(ofTeam:)))
    }
    let policy = PrivacyPolicy(testingThreshold: 1)
    let a = try byRow.results(policy: policy).frameworks[0]
    let b = try byBatch.results(policy: policy).frameworks[0]
    #expect(a.teams.count == teamCount)
    #expect(a.teams == b.teams)
    #expect(a.organisation == b.organisation)
    for (t, team) in a.teams.enumerated() {
      let own = [t, t + teamCount, t + 2 * teamCount].map { answers($0)[2] }
      #expect(team.team == name(t) && team.n == 3)
      #expect(abs(team.dimensions[1].mean! - own.reduce(0, +) / 3) < 1e-12)
    }
  }

  @Test func rowsAddedAfterResultsJoinTheirTeams() throws {
    // Results drop the engine's team index (memory at scale); rows that come later, as
    // `score --watch` adds them, must still fold into the teams they name.
    let rows =
      (0..<40).map { i in row(["A", "B", "C"][i % 3], [Double(1 + i % 5), Double(1 + i % 4), Double(1 + i % 3)], line: i + 2) }
      + [row("D", [2, 2, 2], line: 50)]
    let policy = PrivacyPolicy(testingThreshold: 1)
    let inTwoGoes = ScoreEngine(plan: ScoringPlan(uses: [(smallFramework, nil)]), hooks: [nil])
    for r in rows[..<20] { try inTwoGoes.add(r) }
    _ = try inTwoGoes.results(policy: policy)
    for r in rows[20...] { try inTwoGoes.add(r) }
    let atOnce = ScoreEngine(plan: ScoringPlan(uses: [(smallFramework, nil)]), hooks: [nil])
    for r in rows { try atOnce.add(r) }
    let (a, b) = (try inTwoGoes.results(policy: policy).frameworks[0], try atOnce.results(policy: policy).frameworks[0])
    #expect(a.teams.map(\.team) == ["A", "B", "C", "D"])
    #expect(a.teams == b.teams)
    #expect(a.organisation == b.organisation)
  }
}

final class RecordingHooks: ScoringHooks {
  func respondentScores(_ respondent: RespondentContext) throws -> [(dimension: Int, score: Double?)] {
    [(0, respondent.keyed[0]), (1, nil)]
  }
  func index(of team: TeamContext) throws -> Double? { (team.declarativeIndex ?? 0) + 1 }
  func band(for index: Double, team: TeamContext) throws -> Band? {
    Band(
      min: index, label: "custom \(team.team)", advice: team.dimensions.map { "\($0.id)=\(Number.format($0.mean ?? .nan))" }.joined(separator: " "))
  }
}

@Suite struct HookTests {
  @Test func hooksOverrideScoresIndexAndBand() throws {
    var framework = smallFramework
    framework.hooks = [.score, .index, .band]
    let engine = ScoreEngine(plan: ScoringPlan(uses: [(framework, nil)]), hooks: [RecordingHooks()])
    try engine.add(row("T", [4, 2, 5]))
    let team = try engine.results(policy: PrivacyPolicy(testingThreshold: 1)).frameworks[0].teams[0]
    #expect(team.dimensions[0].mean == 4)  // the hook's score: first keyed answer
    #expect(team.dimensions[1].n == 0)  // the hook said "no score"
    #expect(team.index == Optional(76.0))
    #expect(team.band?.label == "custom T")
    #expect(team.band?.advice == "a=4 b=nan")  // the band hook sees the team's dimensions
  }
}
