import SurveyModel

/// Reads a response CSV row by row: checks the header against the survey, then turns each
/// record into a ``ResponseRow`` or the list of its problems.
public final class ResponseFileReader: ResponseSource {
  /// An item expected as a column: its id, its scale and, for a choice item, its options
  /// (a cell then holds an option's id or label, never a bare number).
  /// An item column as every reader of answers sees it: the survey's item (id, text, options
  /// and kind), the scale its cells are read on, and its labels in each language. A
  /// multi-select item's cell names the options chosen and its value is their bit set.
  public struct ItemColumn: Sendable {
    public var item: Item
    public var scale: Scale
    /// The item's labels in each language of the survey (``ItemLabels/of(item:options:in:languages:)``):
    /// a cell may hold a label in any of them. Empty: its own labels only.
    public var labels: [ItemLabels] = []

    public init(item: Item, scale: Scale, labels: [ItemLabels] = []) {
      self.item = item
      self.scale = scale
      self.labels = labels
    }

    /// A rating (or choice) column known by its id alone.
    public init(id: String, scale: Scale, options: [Item.Option] = []) {
      self.init(item: Item(id: id, text: id, dimension: "", options: options), scale: scale)
    }

    public var id: String { item.id }
    public var options: [Item.Option] { item.options }
    /// The item, when its cell names options chosen (a multi-select); nil otherwise.
    public var multi: Item? { item.kind == .multi ? item : nil }
  }

  public let file: String
  /// The header's column names, as in the file.
  public let header: [String]
  /// Records read so far (blank lines are not records).
  public var rowsRead: Int { csv.rowsRead }
  private let csv: ResponseCSV
  private let decoder: RowDecoder

  /// Opens `path` and checks its header.
  /// - Throws: ``InputError`` if the file cannot be read, ``InputProblems`` listing every
  ///   header problem (unknown, duplicated or missing columns).
  public init(path: String, displayName: String? = nil, survey: SurveyDefinition, items: [ItemColumn], keyAttributes: Bool = false) throws {
    csv = try ResponseCSV(path: path, displayName: displayName, expected: "'\(survey.respondentColumn)', '\(survey.teamColumn)' and item ids")
    (file, header) = (csv.file, csv.header)
    let mapping = try HeaderMapping(header: header, survey: survey, itemIDs: items.map(\.id), file: file)
    decoder = RowDecoder(header: header, mapping: mapping, items: items, attributes: survey.attributes, keyAttributes: keyAttributes)
  }

  /// The next record, or nil at the end of the file.
  /// - Throws: ``InputError`` for a record the CSV syntax cannot make sense of.
  public func next() throws -> ResponseOutcome? {
    guard try csv.next() else { return nil }
    let line = csv.reader.line
    return csv.reader.withFields { fields in
      var values = [Double](repeating: .nan, count: decoder.items.count)
      if values.withUnsafeMutableBufferPointer({ decoder.fill($0.baseAddress!, from: fields) }) {
        let (team, respondent) = decoder.identity(fields, line: line)
        return .row(ResponseRow(line: line, respondent: respondent, team: team, values: values))
      }
      return .rejected(line: line, problems: decoder.problems(fields, line: line), fields: fields.strings)
    }
  }
}
