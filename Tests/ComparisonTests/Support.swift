import Comparison
import Scoring
import Statistics
import SurveyModel

@testable import Privacy

/// A 1–5 framework: dimension a = items a1, a2 (a2 reversed); dimension b = items b1, b2.
let framework = Framework(
  id: "small", name: "Small", version: "1", description: "", source: "",
  scale: Scale(min: 1, max: 5),
  dimensions: [Dimension(id: "a", name: "A"), Dimension(id: "b", name: "B")],
  items: [
    Item(id: "a1", text: "", dimension: "a"), Item(id: "a2", text: "", dimension: "a", reverse: true),
    Item(id: "b1", text: "", dimension: "b"), Item(id: "b2", text: "", dimension: "b"),
  ])

/// Scores `rows` (team, answers a1 a2 b1 b2) and compares them.
func compare(
  _ rows: [(String, [Double])], k: Int = 1, teams: [String]? = nil, baseline: String = "org",
  deletion: DeletionRule = .pairwise
) throws -> (frameworks: [FrameworkComparison], method: ComparisonMethod, privacy: PrivacySummary) {
  let plan = ScoringPlan(uses: [(framework, nil)])
  let engine = ScoreEngine(plan: plan, hooks: [nil])
  let collector = ComparisonCollector(plan: plan)
  engine.observer = collector
  for (line, (team, values)) in rows.enumerated() {
    try engine.add(ResponseRow(line: line + 2, respondent: "r\(line)", team: team, values: values))
  }
  // Arithmetic on tiny samples: below the privacy floor only through the testing threshold.
  let (results, privacy) = try engine.results(policy: k < PrivacyPolicy.floor ? PrivacyPolicy(testingThreshold: k) : PrivacyPolicy(minGroupSize: k))
  let selection = try TeamSelection(teams: teams, baseline: baseline, known: Array(Set(rows.map(\.0))), privacy: privacy)
  let built = ComparisonBuilder(plan: plan, collector: collector, deletion: deletion).build(results: results, selection: selection)
  return (built.frameworks, built.method, privacy)
}

/// `count` respondents of `team` whose dimension-a scores run through `a` and b scores through `b`
/// (a2 is reverse-keyed, so it is written as 6 − score).
func respondents(_ team: String, a: [Double], b: [Double]) -> [(String, [Double])] {
  zip(a, b).map { (team, [$0, 6 - $0, $1, $1]) }
}

func close(_ x: Double?, _ y: Double, _ tolerance: Double = 1e-12) -> Bool {
  guard let x else { return false }
  return abs(x - y) <= tolerance * max(1, abs(y))
}
