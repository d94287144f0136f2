import SurveyModel

/// The line a command writes on standard error to account for every row read ("responses.csv:
/// 36 rows read, 36 used, 0 rejected"), in the language its report is read in.
public enum RunSummary {
  /// The input's file, its rows read, used and rejected, and where the rejected rows went.
  public static func line(_ input: InputSummary, language: String?) -> String {
    let w = ReportWords(language)
    return "\(w.file(input)): \(w.rows(input))" + (input.rejectsFile.map { " " + w("written-to", ["file": $0]) } ?? "")
  }
}
