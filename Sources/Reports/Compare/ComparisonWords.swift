import SurveyModel

/// Phrases and number formats shared by the human-readable comparison reports, so that the
/// terminal, Markdown and HTML versions say the same thing.
enum ComparisonWords {
  /// "higher", "lower (few respondents: a signal)", "no clear difference", "too few to tell
  /// (detects ≥ 0.62)", "not testable: no variance".
  static func verdict(_ difference: BaselineDifference) -> String {
    switch difference.verdict {
    case .higher, .lower:
      let word = difference.verdict == .higher ? "higher" : "lower"
      return difference.smallSample ? "\(word) (few respondents: treat as a signal)" : word
    case .noClearDifference: return "no clear difference"
    case .tooSmall:
      return difference.minimumDetectable.map { "too few to tell (detects ≥ \(Format.fixed($0, 2)))" } ?? "too few to tell"
    case .untestable:
      switch difference.untestableReason {
      case .noVariance: return "not testable: no variance on one side"
      case .fewerThanTwo: return "not testable: fewer than 2 scores"
      case nil: return "not testable"
      }
    }
  }

  /// A p-value: "<0.001" or three decimals.
  static func p(_ value: Double?) -> String {
    guard let value else { return "" }
    return value < 0.001 ? "<0.001" : Format.fixed(value, 3)
  }

  /// A signed number: "+0.25", "−0.10".
  static func signed(_ value: Double?, _ decimals: Int) -> String {
    guard let value, value.isFinite else { return "" }
    let text = Format.fixed(abs(value), decimals)
    if Double(text) == 0 { return text }
    return (value > 0 ? "+" : "−") + text
  }

  /// "[3.10, 3.62]".
  static func interval(_ interval: Interval?, _ decimals: Int) -> String {
    guard let interval else { return "" }
    return "[\(Format.fixed(interval.lower, decimals)), \(Format.fixed(interval.upper, decimals))]"
  }

  /// Why a group is suppressed, without revealing anything about it.
  static func suppression(_ reason: Suppression, minGroupSize: Int) -> String {
    reason == .belowMinimum ? "fewer than \(minGroupSize) respondents" : reason.words
  }

  /// An alpha with its interval: "0.81 [0.76, 0.85]".
  static func alpha(_ value: AlphaValue?) -> String {
    guard let value else { return "n/a" }
    return Format.fixed(value.alpha, 2) + (value.interval.map { " [\(Format.fixed($0.lower, 2)), \(Format.fixed($0.upper, 2))]" } ?? "")
  }

  /// The privacy section's lines.
  static func privacy(_ report: ComparisonReport) -> [String] {
    let privacy = report.privacy
    var lines = ["Minimum group size \(privacy.minGroupSize); \(privacy.rule)."]
    lines.append(
      "Team results are compared with \(report.baseline.description); the --teams option only chooses which rows are shown, suppression is decided over every team in the responses, and the organisation row always covers everyone."
    )
    let entries = PrivacyAuditReport.entries(privacy)
    if entries.isEmpty {
      lines.append("Nothing was withheld.")
    } else {
      lines += entries.map(PrivacyAuditReport.line)
    }
    return lines
  }

  /// A one-line summary of the method.
  static func method(_ report: ComparisonReport) -> [String] {
    [
      "Baseline: \(report.baseline.description).", "Tests: \(report.method.testRule).", "Intervals: \(report.method.intervalRule).",
      "Reliability: \(report.method.reliabilityRule).",
    ]
  }
}
