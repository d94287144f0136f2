/// Decoded response rows of one chunk of a file, stored column-friendly for fast scoring:
/// `values[r * slots + s]` is row r's answer to item slot s (NaN = no answer).
public struct RowBatch: Sendable {
  /// The chunk's position in the file (chunks are merged in this order).
  public var chunk: Int
  public var slots: Int
  public var count = 0
  public var values: [Double] = []
  /// Each row's team, as an id of the reading worker's team table.
  public var teams: [Int32] = []
  /// Each row's line in the file.
  public var lines: [Int32] = []
  /// Each row's respondent id, only when a hook needs it.
  public var respondents = TextList()
  /// Records that cannot be used, with their problems and original fields.
  public var rejected: [(line: Int, problems: [RowProblem], fields: [String])] = []
  /// Records read (used and rejected).
  public var rowsRead = 0

  public init(chunk: Int, slots: Int) {
    self.chunk = chunk
    self.slots = slots
  }
}
