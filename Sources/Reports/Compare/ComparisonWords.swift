import SurveyModel

/// Phrases and number formats shared by the human-readable comparison reports, so that the
/// terminal, Markdown and HTML versions say the same thing.
enum ComparisonWords {
  /// "higher", "lower (few respondents: a signal)", "no clear difference", "too few to tell
  /// (detects ≥ 0.62)", "not testable: no variance".
  static func verdict(_ difference: BaselineDifference, _ w: ReportWords) -> String {
    switch difference.verdict {
    case .higher, .lower:
      let word = w(difference.verdict == .higher ? "higher" : "lower")
      return difference.smallSample ? w("few-signal", ["verdict": word]) : word
    case .noClearDifference: return w("no-clear-difference")
    case .tooSmall:
      return difference.minimumDetectable.map { w("too-few-detects", ["size": Format.fixed($0, 2)]) } ?? w("too-few")
    case .untestable:
      switch difference.untestableReason {
      case .noVariance: return w("untestable-variance")
      case .fewerThanTwo: return w("untestable-fewer")
      case nil: return w("untestable")
      }
    }
  }

  /// A p-value: "<0.001" or three decimals.
  static func p(_ value: Double?) -> String {
    guard let value else { return "" }
    return value < 0.001 ? "<0.001" : Format.fixed(value, 3)
  }

  /// A signed number with a typographic minus: "+0.25", "−0.10".
  static func signed(_ value: Double?, _ decimals: Int) -> String {
    Format.signed(value, decimals, minus: "−")
  }

  /// "[3.10, 3.62]".
  static func interval(_ interval: Interval?, _ decimals: Int) -> String {
    guard let interval else { return "" }
    return "[\(Format.fixed(interval.lower, decimals)), \(Format.fixed(interval.upper, decimals))]"
  }

  /// An alpha with its interval: "0.81 [0.76, 0.85]".
  static func alpha(_ value: AlphaValue?) -> String {
    guard let value else { return "n/a" }
    return Format.fixed(value.alpha, 2) + (value.interval.map { " [\(Format.fixed($0.lower, 2)), \(Format.fixed($0.upper, 2))]" } ?? "")
  }

  /// The privacy section's lines.
  static func privacy(_ report: ComparisonReport, _ w: ReportWords) -> [String] {
    let privacy = report.privacy
    var lines = [w("privacy-rule", ["size": String(privacy.minGroupSize), "rule": RuleSentences(w).privacy(minGroupSize: privacy.minGroupSize)])]
    lines[0] = lines[0].prefix(1).uppercased() + lines[0].dropFirst()
    lines.append(w("compared-with", ["baseline": w.baseline(report.baseline)]))
    let entries = PrivacyAuditReport.entries(privacy)
    if entries.isEmpty {
      lines.append(w("nothing-withheld"))
    } else {
      lines += entries.map { PrivacyAuditReport.line($0, words: w) }
    }
    return lines
  }

  /// A one-line summary of the method.
  static func method(_ report: ComparisonReport, _ w: ReportWords) -> [String] {
    let rules = RuleSentences(w)
    return [
      "\(w("baseline")): \(w.baseline(report.baseline)).", "\(w("tests")): \(rules.tests(report.method)).",
      "\(w("intervals")): \(rules.intervals(report.method)).", "\(w("reliability")): \(rules.reliability(report.method)).",
    ]
  }
}
