import SurveyModel

/// Renders a trend report in one output format.
public protocol TrendReporter: Sendable {
  /// The `--format` name.
  static var identifier: String { get }
  /// Renders the report as text.
  func render(_ report: TrendReport) -> String
}

/// Every built-in output format of `cultivar trend`.
public let builtInTrendReporters: [any TrendReporter] = [TrendTableReporter(), TrendCSVReporter(), TrendJSONReporter()]

/// The trend reporter for a format name, if there is one.
public func makeTrendReporter(format: String) -> (any TrendReporter)? {
  builtInTrendReporters.first { type(of: $0).identifier == format }
}

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
