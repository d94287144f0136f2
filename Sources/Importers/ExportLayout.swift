import SurveyIO

/// How a format lays out its header: how many header rows, which names a column may go by,
/// which columns are metadata and which one holds the tool's response id.
struct ExportLayout {
  let format: ExportFormat
  /// How many rows at the top of the file are header rows.
  let headerRows: Int
  /// TextKeys of the metadata columns, left out silently.
  let metadata: Set<String>
  /// TextKeys of the names the response id column may have.
  let responseID: Set<String>

  /// The layout of `format` (not `.auto`), given the first rows of the file.
  /// - Parameter respondentColumn: the survey's respondent column (the id of a plain CSV).
  static func of(_ format: ExportFormat, firstRows: [[String]], respondentColumn: String) -> ExportLayout {
    func keys(_ names: [String]) -> Set<String> { FormatDetector.keys(names) }
    switch format {
    case .qualtrics:
      // The current exporter writes a third row of ImportIds; the legacy one does not.
      let rows = firstRows.count >= 3 && firstRows[2].contains(where: FormatDetector.isImportID) ? 3 : 2
      return ExportLayout(
        format: format, headerRows: rows, metadata: keys(MetadataColumns.qualtrics), responseID: keys(MetadataColumns.qualtricsResponseID))
    case .surveyMonkey:
      return ExportLayout(
        format: format, headerRows: 2, metadata: keys(MetadataColumns.surveyMonkey), responseID: keys(MetadataColumns.surveyMonkeyResponseID))
    case .googleForms:
      return ExportLayout(format: format, headerRows: 1, metadata: keys(MetadataColumns.googleForms), responseID: [])
    case .msForms:
      return ExportLayout(format: format, headerRows: 1, metadata: keys(MetadataColumns.msForms), responseID: keys(MetadataColumns.msFormsResponseID))
    case .csv, .auto:
      return ExportLayout(format: .csv, headerRows: 1, metadata: [], responseID: [TextKey.of(respondentColumn)])
    }
  }

  /// The names column `column` goes by, most specific first.
  ///
  /// Qualtrics: the field id (row 1) and the question text (row 2). SurveyMonkey: the
  /// sub-label (row 2: a matrix row's statement, or "Response") and the question text (row 1,
  /// carried right over the blank cells of a multi-column question). Google Forms: the header
  /// and the `[Row]` of a grid question.
  func names(of column: Int, in header: [[String]]) -> [String] {
    func cell(_ row: Int, _ c: Int) -> String {
      header.indices.contains(row) && header[row].indices.contains(c) ? header[row][c].trimmed : ""
    }
    switch format {
    case .qualtrics:
      return [cell(0, column), cell(1, column)].filter { !$0.isEmpty }
    case .surveyMonkey:
      var question = ""
      for c in stride(from: column, through: 0, by: -1) where !cell(0, c).isEmpty {
        question = cell(0, c)
        break
      }
      return [cell(1, column), question].filter { !$0.isEmpty }
    default:
      let name = cell(0, column)
      return [name] + (TextKey.bracketed(name).map { [$0] } ?? [])
    }
  }

  /// How messages name a column: its most telling name.
  ///
  /// Qualtrics: the field id with the start of the question text. SurveyMonkey: the statement
  /// of a matrix row, or the question when the sub-label is a generic "Response".
  func label(of column: Int, in header: [[String]]) -> String {
    let names = names(of: column, in: header)
    guard names.count == 2 else { return names.first ?? "" }
    switch format {
    case .qualtrics:
      let text = names[1].count > 50 ? names[1].prefix(47) + "..." : names[1]
      return TextKey.of(names[0]) == TextKey.of(names[1]) ? names[0] : "\(names[0]) (\(text))"
    case .surveyMonkey:
      return Self.genericSubLabels.contains(TextKey.of(names[0])) ? names[1] : names[0]
    default:
      return names[0]
    }
  }

  /// SurveyMonkey's second-row labels that say nothing about the column.
  static let genericSubLabels: Set<String> = ["response", "open ended response", "other please specify"]
}

extension String {
  /// The text without surrounding spaces, tabs and no-break spaces.
  var trimmed: String { trimming { $0 == " " || $0 == "\t" || $0 == "\u{A0}" } }
}
