import SurveyModel

/// Reads a response CSV row by row: checks the header against the survey, then turns each
/// record into a ``ResponseRow`` or the list of its problems.
public final class ResponseFileReader: ResponseSource {
  /// An item expected as a column: its id, its scale and, for a choice item, its options
  /// (a cell then holds an option's id or label, never a bare number).
  public struct ItemColumn: Sendable {
    public var id: String
    public var scale: Scale
    public var options: [Item.Option]
    /// A multi-select item read for a measure that counts its options (`count_of`): its cell
    /// names the options chosen and its value is their bit set.
    public var multi: Item?
    /// The item's labels in each language of the survey (``ItemLabels/of(item:options:in:languages:)``):
    /// a cell may hold a label in any of them. Empty: its own labels only.
    public var labels: [ItemLabels] = []
    public init(id: String, scale: Scale, options: [Item.Option] = []) {
      self.id = id
      self.scale = scale
      self.options = options
    }

    /// The column of a multi-select item, whose value is the bit set of the options chosen.
    public init(multi item: Item, scale: Scale) {
      self.init(id: item.id, scale: scale, options: item.options)
      multi = item
    }
  }

  public let file: String
  /// The header's column names, as in the file.
  public let header: [String]
  /// Records read so far (blank lines are not records).
  public private(set) var rowsRead = 0
  private let reader: CSVReader
  private let decoder: RowDecoder

  /// Opens `path` and checks its header.
  /// - Throws: ``InputError`` if the file cannot be read, ``InputProblems`` listing every
  ///   header problem (unknown, duplicated or missing columns).
  public init(path: String, displayName: String? = nil, survey: SurveyDefinition, items: [ItemColumn], keyAttributes: Bool = false) throws {
    file = displayName ?? path
    do {
      reader = try CSVReader(path: path)
    } catch {
      throw InputError(kind: .file, file: file, message: "cannot read the response file", hint: "check the path given to --responses")
    }
    do {
      guard try reader.next() else {
        throw InputError(
          kind: .responses, file: file, line: 1,
          message: "the file is empty: expected a header row with '\(survey.respondentColumn)', '\(survey.teamColumn)' and item ids")
      }
    } catch let error as CSVReader.SyntaxError {
      throw InputError(kind: .responses, file: file, line: error.line, message: error.message)
    }
    header = reader.strings.map { $0.trimmingSpaces }
    let mapping = try HeaderMapping(header: header, survey: survey, itemIDs: items.map(\.id), file: file)
    decoder = RowDecoder(header: header, mapping: mapping, items: items, attributes: survey.attributes, keyAttributes: keyAttributes)
  }

  /// The next record, or nil at the end of the file.
  /// - Throws: ``InputError`` for a record the CSV syntax cannot make sense of.
  public func next() throws -> ResponseOutcome? {
    do {
      guard try reader.next() else { return nil }
    } catch let error as CSVReader.SyntaxError {
      throw InputError(kind: .responses, file: file, line: error.line, message: error.message, hint: error.hint)
    }
    rowsRead += 1
    let line = reader.line
    return reader.withFields { fields in
      var values = [Double](repeating: .nan, count: decoder.items.count)
      if values.withUnsafeMutableBufferPointer({ decoder.fill($0.baseAddress!, from: fields) }) {
        let (team, respondent) = decoder.identity(fields, line: line)
        return .row(ResponseRow(line: line, respondent: respondent, team: team, values: values))
      }
      return .rejected(line: line, problems: decoder.problems(fields, line: line), fields: fields.strings)
    }
  }
}
