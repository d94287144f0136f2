import SurveyModel

/// Turns one CSV record into item values (fast, no allocation) or, when anything is wrong
/// with it, into the list of its problems. A rating item's cell holds a number on the scale or
/// a scale label; a choice item's cell holds an option's id or label and counts as its score.
struct RowDecoder {
  let header: [String]
  let respondentColumn: Int
  let teamColumn: Int
  /// For each column: the value slot it fills, or -1.
  let slotOfColumn: [Int]
  let items: [ResponseFileReader.ItemColumn]
  /// Per slot: the decoder of its cells (``CellDecoder``, shared with `import`).
  private let decoders: [CellDecoder]
  /// Per slot: the range a number must lie in (empty, +∞…−∞, for a choice item, so that a
  /// digit never passes the fast path and is looked up among the option ids instead).
  private let low: [Double]
  private let high: [Double]
  /// Declared attributes present in the file, with their columns and values as bytes.
  let attributes: [(attribute: Attribute, column: Int?, values: [[UInt8]])]
  /// Whether the group key of a row carries its attribute values (``AttributeKey``), for runs
  /// that cut by attributes.
  let keyAttributes: Bool

  init(header: [String], mapping: HeaderMapping, items: [ResponseFileReader.ItemColumn], attributes: [Attribute] = [], keyAttributes: Bool = false) {
    self.header = header
    self.attributes = attributes.enumerated().map { i, a in (a, mapping.attributes[i], a.values.map { Array($0.utf8) }) }
    self.keyAttributes = keyAttributes
    respondentColumn = mapping.respondent
    teamColumn = mapping.team
    slotOfColumn = mapping.slots.map { $0 ?? -1 }
    self.items = items
    decoders = items.map(CellDecoder.init)
    low = items.map { $0.options.isEmpty ? $0.scale.min : .infinity }
    high = items.map { $0.options.isEmpty ? $0.scale.max : -.infinity }
  }

  /// Fills `values` (one per slot, NaN = no answer). Returns false when the record has any
  /// problem; ``problems(_:line:)`` then says which.
  @inline(__always)
  func fill(_ values: UnsafeMutablePointer<Double>, from fields: FieldSlices) -> Bool {
    guard fields.count == header.count else { return false }
    for column in 0..<fields.count {
      let slot = slotOfColumn[column]
      if slot < 0 { continue }
      let bytes = fields.bytes(column)
      // A lone digit on the scale (never for a choice item, whose range is empty).
      if bytes.count == 1, case let digit = Double(bytes[0] &- 0x30), digit < 10, digit >= low[slot], digit <= high[slot] {
        values[slot] = digit
      } else if bytes.isEmpty {
        values[slot] = .nan
      } else {
        guard let x = value(bytes, slot: slot) else { return false }
        values[slot] = x
      }
    }
    for a in attributes.indices where attributeIndex(a, fields) == -2 { return false }
    return TeamName.isUsable(fields.bytes(teamColumn))
  }

  /// The value index of attribute `a` in a record: −1 not given, −2 not allowed.
  @inline(__always)
  func attributeIndex(_ a: Int, _ fields: FieldSlices) -> Int {
    guard let column = attributes[a].column else { return -1 }
    let raw = fields.bytes(column)
    var lo = 0
    var hi = raw.count
    while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
    while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
    if lo == hi { return -1 }
    lo += SafeText.spreadsheetMarkLength(UnsafeBufferPointer(rebasing: raw[lo..<hi]))
    let bytes = UnsafeBufferPointer(rebasing: raw[lo..<hi])
    for (i, value) in attributes[a].values.enumerated() where value.count == bytes.count && value.elementsEqual(bytes) { return i }
    if let bands = attributes[a].attribute.bands, let x = NumberParser.parse(bytes) {
      return bands.firstIndex { x < $0 } ?? bands.count
    }
    return -2
  }

  /// The group key of an accepted record: its trimmed team, then its attributes' codes.
  func key(_ fields: FieldSlices, into buffer: inout [UInt8]) {
    buffer.removeAll(keepingCapacity: true)
    let raw = fields.bytes(teamColumn)
    var lo = 0
    var hi = raw.count
    while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
    while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: raw[lo..<hi]))
    buffer.append(AttributeKey.separatorByte)
    for a in attributes.indices {
      let i = attributeIndex(a, fields)
      buffer.append(AttributeKey.code(i < 0 ? nil : i))
    }
  }

  /// The value of a non-trivial cell (a decimal, a label, an option, spaces), or nil if invalid.
  @inline(__always)
  private func value(_ bytes: UnsafeBufferPointer<UInt8>, slot: Int) -> Double? {
    decoders[slot].value(bytes)
  }

  /// Every problem of a record that ``fill(_:from:)`` refused.
  func problems(_ fields: FieldSlices, line: Int) -> [RowProblem] {
    guard fields.count == header.count else {
      return [RowProblem(line: line, reason: "the row has \(fields.count) fields but the header has \(header.count)")]
    }
    var problems: [RowProblem] = []
    for column in 0..<fields.count where slotOfColumn[column] >= 0 {
      let slot = slotOfColumn[column]
      let bytes = fields.bytes(column)
      if value(bytes, slot: slot) != nil { continue }
      let text = fields.string(column)
      let reason = decoders[slot].reason(text)
      problems.append(RowProblem(line: line, column: column + 1, columnName: header[column], value: text, reason: reason))
    }
    for a in attributes.indices where attributeIndex(a, fields) == -2 {
      let column = attributes[a].column!
      let text = fields.string(column).trimmingSpaces
      problems.append(
        RowProblem(line: line, column: column + 1, columnName: header[column], value: text, reason: attributes[a].attribute.refusal(text)))
    }
    if let reason = TeamName.problem(fields.bytes(teamColumn)) {
      problems.append(RowProblem(line: line, column: teamColumn + 1, columnName: header[teamColumn], reason: reason))
    }
    return problems
  }

  /// Why `text` is refused for choice item `item`, naming the options it accepts (and the
  /// option whose label the cell nearly spells, if any).
  static func notAnOption(_ text: String, of item: ResponseFileReader.ItemColumn) -> String {
    let listed = item.options.map { "\($0.id) (\"\(Shortening.shortened($0.label, to: 41))\")" }.joined(separator: ", ")
    let key = Item.Option.matchKey(text)
    // Suggest only for cells long enough to be a misspelt label, not a wrong code.
    let near = (key.count < 4 ? nil : Suggestion.closest(to: key, in: item.options.map { Item.Option.matchKey($0.label) }))
      .flatMap { label in item.options.first { Item.Option.matchKey($0.label) == label } }
    let hint =
      near.map { " (did you mean '\($0.id)'?)" }
      ?? (!key.isEmpty && key.allSatisfy { "0123456789.+-".contains($0) } ? " (a choice is answered by an option, not a number)" : "")
    return
      "'\(text)' is not an option of choice item '\(item.id)'\(hint); give an option's id or label (any case): \(listed), or an empty cell for no answer"
  }

  /// The trimmed team and respondent id of an accepted record.
  /// The row's respondent id (`row N` when it has none), as ``identity(_:line:)`` gives it,
  /// without making the team's name.
  func respondent(_ fields: FieldSlices, line: Int) -> String {
    guard respondentColumn >= 0 else { return "row \(line)" }
    let cell = fields.bytes(respondentColumn)
    // Trimming works on characters; a cell that neither starts nor ends with a space or a tab
    // has nothing to trim, so it is decoded as it is.
    let plain = cell.first.map { $0 != 0x20 && $0 != 0x09 && cell.last != 0x20 && cell.last != 0x09 } ?? false
    let respondent = plain ? String(decoding: cell, as: UTF8.self) : fields.string(respondentColumn).trimmingSpaces
    return respondent.isEmpty ? "row \(line)" : respondent
  }

  /// Appends the record's respondent id (as ``respondent(_:line:)`` makes it) to `list`,
  /// without making a `String` when the cell has nothing to trim.
  func appendRespondent(_ fields: FieldSlices, line: Int, to list: inout TextList) {
    if respondentColumn >= 0 {
      let cell = fields.bytes(respondentColumn)
      if let first = cell.first, let last = cell.last, first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
        list.append(cell)
        return
      }
    }
    list.append(respondent(fields, line: line))
  }

  func identity(_ fields: FieldSlices, line: Int) -> (team: String, respondent: String) {
    var team = fields.string(teamColumn).trimmingSpaces
    if keyAttributes {
      var buffer: [UInt8] = []
      key(fields, into: &buffer)
      team = String(decoding: buffer, as: UTF8.self)
    }
    team = SafeText.spreadsheetValue(team)
    let respondent = respondentColumn >= 0 ? fields.string(respondentColumn).trimmingSpaces : ""
    return (team, respondent.isEmpty ? "row \(line)" : respondent)
  }
}
