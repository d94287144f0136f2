import SurveyModel

public struct ComparisonMarkdownReporter: ComparisonReporter {
  public static let identifier = "md"
  public init() {}
  public func render(_ report: ComparisonReport) -> String { "" }
}
