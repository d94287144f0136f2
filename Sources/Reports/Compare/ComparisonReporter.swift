import SurveyModel

/// Renders a team comparison in one output format.
public protocol ComparisonReporter: Sendable {
  /// The `--format` name.
  static var identifier: String { get }
  /// Renders the comparison as text.
  func render(_ report: ComparisonReport) -> String
}

/// Every built-in output format of `cultivar compare`.
public let builtInComparisonReporters: [any ComparisonReporter] = [
  ComparisonTableReporter(), ComparisonMarkdownReporter(), ComparisonCSVReporter(), ComparisonJSONReporter(),
  ComparisonHTMLReporter(),
]

/// The comparison reporter for a format name, if there is one.
public func makeComparisonReporter(format: String) -> (any ComparisonReporter)? {
  builtInComparisonReporters.first { type(of: $0).identifier == format }
}
