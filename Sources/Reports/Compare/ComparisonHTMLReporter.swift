import SurveyModel

public struct ComparisonHTMLReporter: ComparisonReporter {
  public static let identifier = "html"
  public init() {}
  public func render(_ report: ComparisonReport) -> String { "" }
}
