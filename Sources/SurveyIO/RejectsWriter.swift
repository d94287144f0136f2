import SurveyModel

/// Collects rejected response rows with their reasons and writes them as one CSV file:
/// `line,column,value,reason` followed by the original fields.
public struct RejectsWriter {
  private var lines: [String]
  public private(set) var count = 0

  public init(header: [String]) {
    lines = [CSVText.line(["line", "column", "value", "reason"] + header)]
  }

  /// Records one rejected row.
  public mutating func add(line: Int, problems: [RowProblem], fields: [String]) {
    count += 1
    let columns = problems.map { $0.columnName.isEmpty ? "" : $0.columnName }.joined(separator: "; ")
    let values = problems.map(\.value).joined(separator: "; ")
    let reasons = problems.map(\.reason).joined(separator: "; ")
    lines.append(CSVText.line([String(line), columns, values, reasons] + fields))
  }

  /// Writes the file atomically.
  public func write(to path: String) throws {
    try AtomicFile.write(lines.joined(separator: "\n") + "\n", to: path)
  }
}
