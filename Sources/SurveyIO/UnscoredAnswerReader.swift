import SurveyModel

/// Reads the comment and multi-select columns of a response CSV (the layout `score` reads:
/// a team column and one column per item id; a multi-select's cell names the options chosen).
/// The attribute columns are read as `score` reads them (a row with a value they do not allow is
/// refused); other columns are not looked at: their answers are `score`'s business.
public final class UnscoredAnswerReader {
  public let file: String
  /// Records read so far.
  public var rowsRead: Int { csv.rowsRead }
  private let csv: ResponseCSV
  private let header: [String]
  private let teamColumn: Int
  private let commentColumns: [Int]
  private let multiColumns: [Int]
  private let decoders: [MultiDecoder]
  /// Each declared attribute and its column (nil: the file has none, all "not given"); a
  /// row with a value the attribute does not allow is refused, as `score` refuses it.
  private let attributes: [(attribute: Attribute, column: Int?)]
  /// Whether a row's team is its group key (``AttributeKey``).
  private let keyAttributes: Bool

  /// Opens `path` and finds the columns of `comments` and `multis`; `multiLabels` gives each
  /// multi-select's labels in the survey's languages (``ItemLabels``). With `keyAttributes`,
  /// each row's team is its group key (``AttributeKey``: the team and the values of the
  /// survey's attributes, a banded one's number placed in its band), as `score` keys a run
  /// that cuts by attributes.
  /// - Throws: ``InputError`` when the file cannot be read, ``InputProblems`` when a column
  ///   is missing.
  public init(
    path: String, displayName: String? = nil, survey: SurveyDefinition, comments: [Item], multis: [Item], multiLabels: [[ItemLabels]] = [],
    keyAttributes: Bool = false
  ) throws {
    csv = try ResponseCSV(path: path, displayName: displayName, expected: "'\(survey.teamColumn)' and item ids")
    file = csv.file
    let header = csv.header
    self.header = header
    var problems: [InputError] = []
    let file = self.file
    func column(_ name: String, what: String, hint: String) -> Int {
      if let index = header.firstIndex(of: name) { return index }
      problems.append(
        InputError(
          kind: .responses, file: file, line: 1, message: "there is no \(what) column '\(name)'\(Suggestion.hint(for: name, in: header))", hint: hint)
      )
      return -1
    }
    let team = column(
      survey.teamColumn, what: "team", hint: "add the column, or set 'columns: team:' in the survey file to the column that holds the team")
    let itemHint = "add the column (empty cells mean no answer), or list the items used under the framework's 'items:' in the survey file"
    var commentColumns: [Int] = []
    var multiColumns: [Int] = []
    for item in comments { commentColumns.append(column(item.id, what: "comment", hint: itemHint)) }
    for item in multis { multiColumns.append(column(item.id, what: "multi-select", hint: itemHint)) }
    teamColumn = team
    self.commentColumns = commentColumns
    self.multiColumns = multiColumns
    decoders = multis.enumerated().map { MultiDecoder(item: $1, labels: $0 < multiLabels.count ? multiLabels[$0] : []) }
    attributes = survey.attributes.map { ($0, header.firstIndex(of: $0.name)) }
    self.keyAttributes = keyAttributes
    if !problems.isEmpty { throw InputProblems(problems) }
  }

  /// The outcome of one record.
  public enum Outcome {
    case answers(UnscoredAnswers)
    /// The row's problems (never its comments).
    case rejected([RowProblem])
  }

  /// The next record, or nil at the end of the file.
  /// - Throws: ``InputError`` for a record the CSV syntax cannot make sense of.
  public func next() throws -> Outcome? {
    guard try csv.next() else { return nil }
    let line = csv.reader.line
    let cells = csv.reader.strings
    guard cells.count == header.count else {
      return .rejected([RowProblem(line: line, reason: "the row has \(cells.count) fields but the header has \(header.count)")])
    }
    var problems: [RowProblem] = []
    let team = SafeText.spreadsheetValue(cells[teamColumn].trimmingSpaces)
    if let reason = TeamName.problem(team) {
      problems.append(RowProblem(line: line, column: teamColumn + 1, columnName: header[teamColumn], reason: reason))
    }
    var values: [Int?] = []
    for (attribute, column) in attributes {
      guard let column else {
        values.append(nil)
        continue
      }
      let text = SafeText.spreadsheetValue(cells[column].trimmingSpaces)
      if text.isEmpty {
        values.append(nil)
      } else if let index = Self.valueIndex(text, of: attribute) {
        values.append(index)
      } else {
        problems.append(RowProblem(line: line, column: column + 1, columnName: header[column], value: text, reason: attribute.refusal(text)))
      }
    }
    var selections: [UInt32?] = []
    for (decoder, column) in zip(decoders, multiColumns) {
      do throws(CellDecoder.Problem) {
        selections.append(try decoder.decode(cells[column]))
      } catch {
        problems.append(RowProblem(line: line, column: column + 1, columnName: header[column], value: cells[column], reason: error.text))
      }
    }
    if !problems.isEmpty { return .rejected(problems) }
    let comments = commentColumns.map { cells[$0].allSatisfy(\.isWhitespace) ? nil : cells[$0] }
    let group = !keyAttributes ? team : AttributeKey.compose(team: team, values: values)
    return .answers(UnscoredAnswers(team: group, comments: comments, selections: selections))
  }

  /// The value index of a trimmed, non-empty attribute cell as `score` reads it: a listed
  /// value (or band label) as written, else for a banded attribute the band of its number.
  static func valueIndex(_ text: String, of attribute: Attribute) -> Int? {
    if let i = attribute.values.firstIndex(of: text) { return i }
    guard attribute.bands != nil else { return nil }
    let number = Array(text.utf8).withUnsafeBufferPointer { NumberParser.parse($0) }
    return number.flatMap { attribute.index(of: text, number: $0) }
  }
}
