import SurveyModel

/// Words shared by the drivers reports.
enum DriverWords {
  static func quadrant(_ q: Quadrant?) -> String {
    switch q {
    case .actFirst: return "act first"
    case .protect: return "protect"
    case .monitor: return "monitor"
    case .maintain: return "maintain"
    case nil: return ""
    }
  }

  static func outcome(_ report: DriversReport) -> String {
    switch report.outcome.kind {
    case .index: return "\(report.outcome.name) (each respondent's own index: the mean POMP of their dimension scores)"
    case .item: return "item '\(report.outcome.id)' (\(report.outcome.name))"
    case .dimension: return "dimension '\(report.outcome.id)' (\(report.outcome.name))"
    }
  }

  static func significant(_ d: DriverResult, _ method: DriverMethod) -> Bool {
    (d.adjustedP ?? 1) < method.significanceLevel
  }

  static func group(_ g: DriverGroup, method: DriverMethod) -> String {
    if let reason = g.suppression {
      return "\(g.group) (n = \(g.n)): withheld, "
        + (reason == .belowMinimum ? "fewer respondents than the minimum group size" : "hidden so that smaller hidden teams cannot be recovered")
    }
    if g.source == .organisation {
      return g.n < method.minimumN
        ? "\(g.group): \(g.n) complete respondent\(g.n == 1 ? "" : "s"), fewer than \(method.minimumN): the organisation's drivers are shown"
        : "\(g.group): some of its numbers are withheld for anonymity: the organisation's drivers are shown"
    }
    return "\(g.group): n = \(g.n) complete respondents"
      + (g.rSquared.map { ", R² = \(Format.fixed($0, 3))" }
        ?? ", R² not estimable (a driver or the outcome has no variance, or drivers are collinear)")
  }

  static func method(_ report: DriversReport) -> [String] {
    let m = report.method
    let level = Format.fixed(m.confidenceLevel * 100, 0)
    return [
      "Outcome: \(outcome(report)); drivers: the framework's \(report.groups.first?.drivers.first?.target.kind == .item ? "items" : "dimensions") other than the outcome and what contains it; answers reverse-keyed as declared.",
      "Sample: respondents with the outcome and every driver (listwise deletion); groups with fewer than \(m.minimumN) such respondents show the organisation's drivers.",
      "Correlation: Pearson's r with a \(level)% Fisher-z interval; p from t with n − 2 df, Holm-adjusted over the group's drivers; significant when the adjusted p < \(Format.exact(m.significanceLevel)).",
      "Relative weights: Johnson (2000), each driver's part of R² (the weights add up to R²), with a \(level)% percentile bootstrap interval from \(m.bootstrapSamples) resamples (SplitMix64, seed \(m.seed); resamples with collinear drivers are left out).",
      "Priority: \(DriverAnalysisWords.quadrantRule).",
    ]
  }
}

/// The quadrant rule, kept here so that every format states the same rule.
enum DriverAnalysisWords {
  static let quadrantRule =
    "high impact = a share of R² at least an equal share (1 / number of drivers); high score = a POMP at least the average POMP of the group's drivers; act first = high impact and low score, protect = high and high, monitor = low and low, maintain = low impact and high score"
}
