import SurveyModel

/// Words shared by the drivers reports, in the report's language (`report.drivers.*`); the
/// machine formats read them in English.
enum DriverWords {
  static func quadrant(_ q: Quadrant?, _ w: ReportWords) -> String {
    switch q {
    case .actFirst: return w("drivers.act-first")
    case .protect: return w("drivers.protect")
    case .monitor: return w("drivers.monitor")
    case .maintain: return w("drivers.maintain")
    case nil: return ""
    }
  }

  static func outcome(_ report: DriversReport, _ w: ReportWords) -> String {
    let values = ["id": report.outcome.id, "name": outcomeName(report, w)]
    switch report.outcome.kind {
    case .index: return w("drivers.outcome-index", values)
    case .item: return w("drivers.outcome-item", values)
    case .dimension: return w("drivers.outcome-dimension", values)
    }
  }

  /// The outcome's name: an item's or a dimension's text, or the framework's index ("Learning
  /// habits index") in this language.
  static func outcomeName(_ report: DriversReport, _ w: ReportWords) -> String {
    report.outcome.kind == .index ? "\(report.framework.name) \(w.indexLabel("index"))" : report.outcome.name
  }

  static func significant(_ d: DriverResult, _ method: DriverMethod) -> Bool {
    (d.adjustedP ?? 1) < method.significanceLevel
  }

  static func group(_ g: DriverGroup, method: DriverMethod, _ w: ReportWords) -> String {
    let values = ["group": w.group(g.group), "n": String(g.n), "minimum": String(method.minimumN)]
    if let reason = g.suppression {
      return w("drivers.group-withheld", values) + w(reason == .belowMinimum ? "drivers.withheld-minimum" : "drivers.withheld-hidden")
    }
    if g.source == .organisation {
      return g.n < method.minimumN
        ? w(g.n == 1 ? "drivers.group-few-one" : "drivers.group-few", values) : w("drivers.group-org-withheld", values)
    }
    return w("drivers.group", values)
      + (g.rSquared.map { w("drivers.r-squared", ["value": Format.fixed($0, 3)]) } ?? w("drivers.r-squared-none"))
  }

  static func method(_ report: DriversReport, _ w: ReportWords) -> [String] {
    let m = report.method
    let level = Format.fixed(m.confidenceLevel * 100, 0)
    let kind = report.groups.first?.drivers.first?.target.kind == .item ? "drivers.kind-items" : "drivers.kind-dimensions"
    return [
      w("drivers.method-outcome", ["outcome": outcome(report, w), "kind": w(kind)]),
      w("drivers.method-sample", ["minimum": String(m.minimumN)]),
      w("drivers.method-correlation", ["level": level, "alpha": Format.exact(m.significanceLevel)]),
      w("drivers.method-weights", ["level": level, "samples": String(m.bootstrapSamples), "seed": String(m.seed)]),
      w("drivers.method-priority"),
    ]
  }
}

extension DriverWords {
  /// "Privacy: minimum group size 5; every number is shown only when …".
  static func privacy(_ privacy: PrivacySummary, _ w: ReportWords) -> String {
    let size = privacy.minGroupSize
    return "\(w("privacy")): " + w("privacy-rule", ["size": String(size), "rule": RuleSentences(w).privacy(minGroupSize: size)])
  }
}
