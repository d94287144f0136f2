import SurveyIO

/// Tells the export layout from the first rows of a file.
///
/// - Qualtrics: a third row of `{"ImportId":…}` cells, `ResponseId` with `StartDate` or
///   `Finished` in the first row, or the legacy two-row layout (`V1` over `ResponseID`).
/// - SurveyMonkey: `Respondent ID` and `Collector ID` in the first row.
/// - Google Forms: a `Timestamp` first column (in any language listed in ``MetadataColumns``).
/// - Microsoft Forms: `ID` then a start-time column.
/// - Otherwise: a plain CSV with one header row.
public enum FormatDetector {
  /// The format of an export whose first rows (up to three) are `rows`.
  public static func detect(_ rows: [[String]]) -> ExportFormat {
    guard let first = rows.first?.map(TextKey.of) else { return .csv }
    let firstSet = Set(first)
    if rows.count >= 3, rows[2].contains(where: isImportID) { return .qualtrics }
    // The legacy exporter: V1, V2, ... in the first row, ResponseID under V1.
    if rows.count >= 2, first.first == "v1", rows[1].first.map(TextKey.of) == TextKey.of("ResponseID") { return .qualtrics }
    if keys(MetadataColumns.qualtricsResponseID.dropLast()).contains(where: firstSet.contains),
      firstSet.contains(TextKey.of("StartDate")) || firstSet.contains(TextKey.of("Finished"))
    {
      return .qualtrics
    }
    if firstSet.contains(TextKey.of("Respondent ID")), firstSet.contains(TextKey.of("Collector ID")) { return .surveyMonkey }
    if keys(MetadataColumns.googleTimestamp).contains(first[0]) { return .googleForms }
    if first.count > 1, keys(MetadataColumns.msFormsResponseID).contains(first[0]), keys(MetadataColumns.msFormsStart).contains(first[1]) {
      return .msForms
    }
    return .csv
  }

  /// Whether a cell is a Qualtrics `{"ImportId":"QID1"}` descriptor.
  static func isImportID(_ cell: String) -> Bool {
    cell.hasPrefix("{\"ImportId\"") || cell.hasPrefix("{ \"ImportId\"")
  }

  static func keys(_ names: some Sequence<String>) -> Set<String> { Set(names.map(TextKey.of)) }
}
