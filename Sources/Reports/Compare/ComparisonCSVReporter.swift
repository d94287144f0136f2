import SurveyModel

public struct ComparisonCSVReporter: ComparisonReporter {
  public static let identifier = "csv"
  public init() {}
  public func render(_ report: ComparisonReport) -> String { "" }
}
