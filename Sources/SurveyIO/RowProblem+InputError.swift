import SurveyModel

extension RowProblem {
  /// The problem as an error of a file.
  public func error(in file: String) -> InputError {
    let place = column > 0 ? "column \(column) '\(columnName)': " : ""
    return InputError(kind: .responses, file: file, line: line, message: place + reason)
  }
}
