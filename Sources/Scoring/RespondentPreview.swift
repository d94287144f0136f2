import SurveyModel

/// Scores respondents one at a time for one framework and hands back what a `score` hook
/// would receive (raw and reverse-keyed answers, declarative scores): for trying a plugin out
/// row by row (`cultivar plugins run`).
public struct RespondentPreview {
  private let scratch: FrameworkScratch

  /// - Parameter plan: the framework's plan (its values are read from the row's slots).
  public init(plan: FrameworkPlan) {
    scratch = FrameworkScratch(plan: plan)
  }

  /// The respondent's answers and declarative dimension scores.
  public func context(for row: ResponseRow) -> RespondentContext {
    row.values.withUnsafeBufferPointer { values in
      scratch.score(values.baseAddress!)
      return scratch.context(row: values.baseAddress!, respondent: row.respondent, team: row.team, line: row.line)
    }
  }
}
