import PluginHost
import Reports
import Scoring
import SurveyModel

/// The text `cultivar plugins run` prints: respondents, hook results, teams.
struct RunTranscript {
  let framework: Framework
  private(set) var text = ""

  init(framework: Framework) {
    self.framework = framework
  }

  mutating func line(_ s: String) {
    text += s + "\n"
  }

  /// A respondent's answers (with reverse-keyed values) and declarative scores.
  mutating func respondent(_ r: RespondentContext, file: String) {
    line("")
    line("respondent '\(r.respondent)', team '\(r.team)' (\(file):\(r.line))")
    let answers = r.items.indices.map { i -> String in
      guard !r.raw[i].isNaN else { return "\(r.items[i].id) -" }
      let keyed = r.items[i].reverse ? " (reversed: \(Self.number(r.keyed[i])))" : ""
      return "\(r.items[i].id) \(Self.number(r.raw[i]))\(keyed)"
    }
    line("  answers: " + answers.joined(separator: ", "))
    line("  scores:  " + dimensionList(r.scores.map { $0.isNaN ? nil : $0 }))
  }

  /// What the `score` hook returned.
  mutating func scoreHook(_ result: [(dimension: Int, score: Double?)]) {
    guard !result.isEmpty else {
      line("  score hook: nil (the scores above are kept)")
      return
    }
    let changed = result.map { "\(framework.dimensions[$0.dimension].id) \($0.score.map(Self.number) ?? "no score")" }
    let kept = framework.dimensions.indices.filter { d in !result.contains { $0.dimension == d } }.map { framework.dimensions[$0].id }
    line("  score hook: " + changed.joined(separator: ", ") + (kept.isEmpty ? "" : " (kept: \(kept.joined(separator: ", ")))"))
  }

  mutating func failure(_ what: String, _ error: Error) {
    line("  \(what) FAILED: " + String(describing: error).replacingOccurrences(of: "\n", with: "\n    "))
  }

  mutating func log(_ lines: [String]) {
    for entry in lines { line("  log: \(entry)") }
  }

  /// One team: statistics per dimension, index and band with where they came from.
  /// - Returns: the number of hook calls that failed.
  mutating func team(_ team: TeamResult, record: TryOutHooks.TeamRecord?) -> Int {
    var failed = 0
    line("")
    line("team '\(team.team)' (n = \(team.n))")
    let width = framework.dimensions.map(\.id.count).max() ?? 0
    for d in team.dimensions {
      let stats = [("n", Double(d.n)), ("mean", d.mean), ("sd", d.sd), ("POMP", d.pomp), ("favourable %", d.favorable)]
        .map { "\($0.0) \($0.1.map(Self.number) ?? "-")" }
      line("  \(d.id.padding(toLength: width, withPad: " ", startingAt: 0))  " + stats.joined(separator: ", "))
    }
    for m in team.measures {
      let stats = [("n", Double(m.n)), ("mean", m.mean), ("sd", m.sd), ("sum", m.sum), ("≥ %", m.atLeast), ("≤ %", m.atMost), ("pooled", m.pooled)]
        .compactMap { name, value in name == "n" || value != nil ? "\(name) \(value.map(Self.number) ?? "-")" : nil }
      line("  measure \(m.id): " + stats.joined(separator: ", "))
    }
    switch record?.index {
    case .success(let value)?:
      line(
        "  index: \(value.map(Self.number) ?? "nil") from the index hook (the declarative index is \(record?.declarativeIndex.map(Self.number) ?? "-"))"
      )
    case .failure(let error)?:
      failed += 1
      failure("index hook", error)
    case nil:
      let rule = framework.indexDefinition.map { RuleSentences().index($0, framework.scoringRules) } ?? "mean POMP of the dimensions"
      line("  \(framework.indexLabel): \(team.index.map(Self.number) ?? "-") (\(rule))")
    }
    switch record?.band {
    case .success(let band)?: line("  band:  \(band.map { "'\($0.label)'" } ?? "nil") from the band hook")
    case .failure(let error)?:
      failed += 1
      failure("band hook", error)
    case nil: line("  band:  \(team.band.map { "'\($0.label)'" } ?? "-")\(framework.bands.isEmpty ? "" : " (from bands)")")
    }
    log(record?.log ?? [])
    return failed
  }

  private func dimensionList(_ scores: [Double?]) -> String {
    zip(framework.dimensions, scores).map { "\($0.id) \($1.map(Self.number) ?? "no score")" }.joined(separator: ", ")
  }

  /// Up to 3 decimals, without trailing zeros.
  static func number(_ x: Double) -> String {
    let rounded = (x * 1000).rounded() / 1000
    return Number.format(rounded)
  }
}
