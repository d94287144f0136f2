import SurveyModel

/// Renders one kind of report (a score report, a comparison, a trend, drivers, comments,
/// selections) in one output format. A renderer gives the whole text (`render`); one that
/// streams a report of any size also implements `write`, which by default writes the rendered
/// text.
public protocol ReportRenderer<Report>: Sendable {
  associatedtype Report
  /// The `--format` name.
  static var identifier: String { get }
  /// The whole report as text (for standard output and tests).
  func render(_ report: Report) -> String
  /// Writes the report to `sink`, block by block.
  /// - Throws: whatever the sink's flush throws (a full disk, a closed pipe).
  func write(_ report: Report, to sink: ReportSink) throws
}

extension ReportRenderer {
  public func write(_ report: Report, to sink: ReportSink) throws {
    sink.write(render(report))
    try sink.flushIfFull()
  }
}

/// The output formats of one kind of report, by `--format` name.
public struct ReportFormats<Report>: Sendable {
  /// The renderers, in the order help texts list them (the first is the default).
  public let renderers: [any ReportRenderer<Report>]

  init(_ renderers: [any ReportRenderer<Report>]) { self.renderers = renderers }

  /// The `--format` names.
  public var names: [String] { renderers.map { type(of: $0).identifier } }

  /// The renderer for a format name.
  /// - Throws: ``UsageError/unknownFormat(_:among:)`` naming the formats there are.
  public func renderer(named format: String) throws -> any ReportRenderer<Report> {
    guard let renderer = renderers.first(where: { type(of: $0).identifier == format }) else {
      throw UsageError.unknownFormat(format, among: names)
    }
    return renderer
  }
}

/// Every built-in output format of every report: the one registry the commands read.
public enum OutputFormats {
  /// `cultivar score`.
  public static let score = ReportFormats<ScoreReport>([TableReporter(), CSVReporter(), JSONReporter()])
  /// `cultivar compare`.
  public static let comparison = ReportFormats<ComparisonReport>([
    ComparisonTableReporter(), ComparisonMarkdownReporter(), ComparisonCSVReporter(), ComparisonJSONReporter(),
    ComparisonHTMLReporter(),
  ])
  /// `cultivar trend`.
  public static let trend = ReportFormats<TrendReport>([TrendTableReporter(), TrendCSVReporter(), TrendJSONReporter()])
  /// `cultivar drivers`.
  public static let drivers = ReportFormats<DriversReport>([
    DriversTableReporter(), DriversCSVReporter(), DriversJSONReporter(), DriversHTMLReporter(),
  ])
  /// `cultivar comments`.
  public static let comments = ReportFormats<CommentsReport>([CommentsTableReporter(), CommentsJSONReporter()])
  /// `cultivar selections`.
  public static let selections = ReportFormats<SelectionsReport>([SelectionsTableReporter(), SelectionsCSVReporter(), SelectionsJSONReporter()])
}
