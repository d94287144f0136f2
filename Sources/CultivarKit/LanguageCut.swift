import SurveyIO
import SurveyModel

/// `--by language`: the groups are the languages the responses were given in, published (or
/// withheld) by the anonymity engine exactly as teams are. A wave of the store groups by its
/// recorded languages; a response file by the survey's `columns.language` column.
enum LanguageCut {
  static let name = "language"

  /// The survey read with its language column in place of the team column.
  /// - Throws: ``UsageError`` when the survey names no language column.
  static func regroup(_ survey: SurveyDefinition) throws -> SurveyDefinition {
    guard let column = survey.languageColumn else {
      throw UsageError(
        message: "--by language: \(survey.file) names no language column for response files",
        hint:
          "add 'language: COLUMN' under 'columns:' in the survey file, or score a wave of the store (--wave), where take and serve record each response's language"
      )
    }
    var regrouped = survey
    regrouped.ignoredColumns = survey.ignoredColumns.filter { $0 != column } + [survey.teamColumn]
    regrouped.teamColumn = column
    return regrouped
  }
}
