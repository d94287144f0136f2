/// The export layouts `cultivar import` reads.
public enum ExportFormat: String, CaseIterable, Sendable {
  /// Detect the layout from the file's first rows (see ``FormatDetector``).
  case auto
  /// One header row of item ids or question texts, e.g. Cultivar's own response CSV.
  case csv
  /// Qualtrics CSV/TSV: three header rows (field ids, question text, `{"ImportId":…}`), or two
  /// in the legacy layout.
  case qualtrics
  /// Google Forms CSV: one header row of question texts, `Timestamp` first.
  case googleForms = "google-forms"
  /// Microsoft Forms Excel workbook (or its CSV): `ID`, start and completion times, email,
  /// name, then one column per question; the metadata headers are localized.
  case msForms = "ms-forms"
  /// SurveyMonkey CSV/XLSX: two header rows (question text; "Response" or the option/row label).
  case surveyMonkey = "surveymonkey"

  /// The names accepted by `--format`.
  public static var names: [String] { allCases.map(\.rawValue) }
}
