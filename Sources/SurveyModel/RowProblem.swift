/// Why one response row cannot be used.
public struct RowProblem: Equatable, Sendable {
  /// The row's line in the file (1 = header).
  public var line: Int
  /// 1-based column number and header name; 0 and "" when about the whole row.
  public var column: Int
  public var columnName: String
  /// The offending cell text.
  public var value: String
  public var reason: String

  public init(line: Int, column: Int = 0, columnName: String = "", value: String = "", reason: String) {
    self.line = line
    self.column = column
    self.columnName = columnName
    self.value = value
    self.reason = reason
  }
}
