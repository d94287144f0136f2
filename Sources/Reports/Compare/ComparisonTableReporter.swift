import SurveyModel

public struct ComparisonTableReporter: ComparisonReporter {
  public static let identifier = "table"
  public init() {}
  public func render(_ report: ComparisonReport) -> String { "" }
}
