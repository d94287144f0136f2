import SurveyModel

extension TrendReport {
  /// The team mapping in words, one line per rule, for the text reports.
  var mappingLines: [String] {
    mappingApplied.map { applied in
      applied.rule.summary + (applied.waves.isEmpty ? ": no responses matched in these waves" : " in \(applied.waves.joined(separator: ", "))")
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
