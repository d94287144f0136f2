import SurveyModel

/// Reads a response CSV row by row: checks the header against the survey, then turns each
/// record into a ``ResponseRow`` or the list of its problems.
public final class ResponseFileReader: ResponseSource {
  /// An item expected as a column: its id and scale.
  public struct ItemColumn: Sendable {
    public var id: String
    public var scale: Scale
    public init(id: String, scale: Scale) {
      self.id = id
      self.scale = scale
    }
  }

  public let file: String
  /// The header's column names, as in the file.
  public let header: [String]
  /// Records read so far (blank lines are not records).
  public private(set) var rowsRead = 0
  private let reader: CSVReader
  private let respondentColumn: Int
  private let teamColumn: Int
  /// For each CSV column: the value slot it fills, or nil.
  private let slotOfColumn: [Int?]
  private let items: [ItemColumn]
  private let labels: [[String: Double]]

  /// Opens `path` and checks its header.
  /// - Throws: ``InputError`` if the file cannot be read, ``InputProblems`` listing every
  ///   header problem (unknown, duplicated or missing columns).
  public init(path: String, displayName: String? = nil, survey: SurveyDefinition, items: [ItemColumn]) throws {
    file = displayName ?? path
    do {
      reader = try CSVReader(path: path)
    } catch {
      throw InputError(kind: .file, file: file, message: "cannot read the response file", hint: "check the path given to --responses")
    }
    self.items = items
    labels = items.map { item in
      Dictionary(item.scale.labels.enumerated().map { ($1.lowercased(), item.scale.min + Double($0)) }, uniquingKeysWith: { a, _ in a })
    }
    do {
      guard try reader.next() else {
        throw InputError(kind: .responses, file: file, line: 1, message: "the file is empty: expected a header row with '\(survey.respondentColumn)', '\(survey.teamColumn)' and item ids")
      }
    } catch let error as CSVReader.SyntaxError {
      throw InputError(kind: .responses, file: file, line: error.line, message: error.message)
    }
    header = reader.strings.map { $0.trimmingSpaces }
    let mapping = try HeaderMapping(header: header, survey: survey, itemIDs: items.map(\.id), file: file)
    respondentColumn = mapping.respondent
    teamColumn = mapping.team
    slotOfColumn = mapping.slots
  }

  /// The next record, or nil at the end of the file.
  /// - Throws: ``InputError`` for a record the CSV syntax cannot make sense of.
  public func next() throws -> ResponseOutcome? {
    repeat {
      do {
        guard try reader.next() else { return nil }
      } catch let error as CSVReader.SyntaxError {
        throw InputError(kind: .responses, file: file, line: error.line, message: error.message, hint: "quote fields that contain commas, quotes or line breaks, and double any quote inside them")
      }
    } while reader.isBlankLine
    rowsRead += 1
    return decode()
  }

  private func decode() -> ResponseOutcome {
    let line = reader.line
    guard reader.fieldCount == header.count else {
      let problem = RowProblem(line: line, reason: "the row has \(reader.fieldCount) fields but the header has \(header.count)")
      return .rejected(line: line, problems: [problem], fields: reader.strings)
    }
    var problems: [RowProblem] = []
    var values = [Double](repeating: .nan, count: items.count)
    for column in 0..<header.count {
      guard let slot = slotOfColumn[column] else { continue }
      reader.withField(column) { field in
        if let problem = value(field, slot: slot, into: &values) {
          problems.append(RowProblem(line: line, column: column + 1, columnName: header[column], value: field.string, reason: problem))
        }
      }
    }
    let team = reader.string(at: teamColumn).trimmingSpaces
    if team.isEmpty {
      problems.append(RowProblem(line: line, column: teamColumn + 1, columnName: header[teamColumn], reason: "the team is missing"))
    }
    let respondent = respondentColumn >= 0 ? reader.string(at: respondentColumn).trimmingSpaces : "row \(line)"
    if !problems.isEmpty { return .rejected(line: line, problems: problems, fields: reader.strings) }
    return .row(ResponseRow(line: line, respondent: respondent.isEmpty ? "row \(line)" : respondent, team: team, values: values))
  }

  /// Stores the answer in `values[slot]`; returns the problem with it, if any.
  private func value(_ field: CSVReader.Field, slot: Int, into values: inout [Double]) -> String? {
    if field.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
    let scale = items[slot].scale
    let number = NumberParser.parse(field.bytes) ?? labels[slot][field.string.trimmingSpaces.lowercased()]
    guard let number else {
      let labelHint = scale.labels.isEmpty ? "" : " or one of its labels"
      return "'\(field.string)' is not a number; item '\(items[slot].id)' takes a value from \(scale.rangeText)\(labelHint), or an empty cell for no answer"
    }
    guard scale.contains(number) else {
      return "\(Number.format(number)) is outside the scale \(scale.rangeText) of item '\(items[slot].id)'"
    }
    values[slot] = number
    return nil
  }
}

extension String {
  /// The text without leading and trailing spaces and tabs.
  var trimmingSpaces: String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
    while let c = s.last, c == " " || c == "\t" { s.removeLast() }
    return String(s)
  }
}
