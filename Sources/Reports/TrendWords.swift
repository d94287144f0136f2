import SurveyModel

extension TrendReport {
  /// The team mapping in words, one line per rule, for the text reports: "'Support' counted
  /// as 'Customer Care' (renamed) in 2026-spring", in the report's language.
  func mappingLines(_ w: ReportWords) -> [String] {
    mappingApplied.map { applied in
      let rule = applied.rule
      let names = rule.sources.map { "'\($0)'" }.joined(separator: " \(w("trend.mapping-and")) ")
      let summary = w("trend.mapping-rule", ["names": names, "target": rule.target, "kind": w("trend.kind." + rule.kind.rawValue)])
      return applied.waves.isEmpty
        ? w("trend.mapping-unmatched", ["rule": summary]) : w("trend.mapping-in", ["rule": summary, "waves": applied.waves.joined(separator: ", ")])
    }
  }
}

extension Format {
  /// A signed change with one decimal (`+1.8`, `-0.4`), or "" for nil.
  static func change(_ value: Double?) -> String {
    guard let value else { return "" }
    let text = fixed(value, 1)
    return text.hasPrefix("-") || text == "0.0" ? text : "+" + text
  }
}
