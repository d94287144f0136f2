import SurveyModel

/// One record's outcome: a usable row, or the reasons it cannot be used.
public enum ResponseOutcome {
  case row(ResponseRow)
  /// `fields` are the record's original cells, for the rejects file.
  case rejected(line: Int, problems: [RowProblem], fields: [String])
}

/// Where responses come from (a CSV file, a store, ...), read once, row by row.
public protocol ResponseSource: AnyObject {
  /// How messages name the source, e.g. `surveys/sample-responses.csv`.
  var file: String { get }
  /// The column names of the source (for the rejects file).
  var header: [String] { get }
  /// Records read so far.
  var rowsRead: Int { get }
  /// The next record, or nil at the end.
  func next() throws -> ResponseOutcome?
}
